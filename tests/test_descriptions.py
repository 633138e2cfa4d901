"""extract/descriptions.json: the plain words of every family's features, in one data file."""

import json
from importlib import resources

from detector.extract import features
from detector.extract.features import FAMILIES, all_descriptions, feature_schema


def _file() -> dict:
    return json.loads(resources.files("detector.extract").joinpath("descriptions.json").read_text())


def test_every_module_has_its_entry_and_reads_it() -> None:
    data = _file()
    modules = {m.__name__.rsplit(".", 1)[1]: m for m in (*FAMILIES, features)}
    assert set(data) - {"description"} == set(modules)
    for name, module in modules.items():
        assert data[name]["scam"] == module.DESCRIPTIONS, name
        assert data[name]["benign"] == module.BENIGN_DESCRIPTIONS, name


def test_described_keys_are_features_and_lean_one_way() -> None:
    scam, benign = all_descriptions()
    assert not set(scam) & set(benign)
    assert (set(scam) | set(benign)) <= set(feature_schema())
    assert all(text.strip() for text in [*scam.values(), *benign.values()])


def test_no_feature_measures_how_long_a_page_or_store_text_is() -> None:
    # Size records how an example was collected (a generated page, a kit's source, an article,
    # a long F-Droid text), not whether it lies: such features taught the model that long meant
    # benign (docs/research.md, "The real sets"). URL lengths are URL signals, not page size.
    words = ("chars", "_kb", "bytes", "length", "size")
    content = [n for n in feature_schema() if n.split(".", 1)[0] in ("page", "listing")]
    assert content and [n for n in content if any(w in n for w in words)] == []
