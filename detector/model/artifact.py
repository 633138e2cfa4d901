"""Model artifacts: a skops file plus a JSON sidecar, verified before anything is loaded.

Pickle-based formats execute code on load, so the model is stored with skops, and before
loading: the file's SHA-256 must match the sidecar, the library versions that matter must match
the running ones (scikit-learn major.minor, NumPy major), the feature schema must match the
running extractor, and every type skops reports must come from scikit-learn, NumPy or SciPy.
"""

from __future__ import annotations

import hashlib
import json
import platform
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from detector.errors import ModelLoadError
from detector.model.metrics import Platt, Thresholds
from detector.model.pipeline import Blend

MODEL_FILE = "model.skops"
SIDECAR = "model.json"
# Every type the project's own model files contain, and nothing else: a file that asks for any
# other type (a function such as ``builtins.exec`` wrapped in a transformer, a foreign class) is
# refused before anything in it is loaded. tests/test_artifact.py derives this set from a fresh
# training run, so a new estimator cannot be added without updating it on purpose. The tree
# ensembles (random forest, extra trees) are here for the research API's savable estimators
# (detector.research.SAVABLE_ESTIMATORS); skops rebuilds their trees from arrays.
ALLOWED_TYPES = frozenset(
    {
        "builtins.dict",
        "builtins.list",
        "builtins.str",
        "builtins.tuple",
        "numpy.float64",
        "numpy.int64",
        "numpy.ndarray",
        "numpy.random._generator.Generator",
        "numpy.uint64",
        "sklearn._loss._loss.CyHalfBinomialLoss",
        "sklearn._loss.link.Interval",
        "sklearn._loss.link.LogitLink",
        "sklearn._loss.loss.HalfBinomialLoss",
        "sklearn.ensemble._forest.ExtraTreesClassifier",
        "sklearn.ensemble._forest.RandomForestClassifier",
        "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
        "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
        "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
        "sklearn.feature_extraction._dict_vectorizer.DictVectorizer",
        "sklearn.feature_extraction.text.HashingVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.pipeline.Pipeline",
        "sklearn.preprocessing._data.MaxAbsScaler",
        "sklearn.preprocessing._label.LabelEncoder",
        "sklearn.tree._classes.DecisionTreeClassifier",
        "sklearn.tree._classes.ExtraTreeClassifier",
        "sklearn.tree._tree.Tree",
    }
)


def stored_types(file: Path) -> set[str]:
    """Every type a skops file names, read from its schema without loading anything.

    skops's own ``get_untrusted_types`` leaves out what skops trusts by default (every
    scikit-learn estimator, some functions); this lists all of them, so the allow-list is the
    whole truth about the file.
    """
    with zipfile.ZipFile(file) as zf:
        schema = json.loads(zf.read("schema.json"))
    found: set[str] = set()
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("__module__"), str) and isinstance(node.get("__class__"), str):
                found.add(f"{node['__module__']}.{node['__class__']}")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


_LIBS = ("scikit-learn", "numpy", "scipy", "skops", "selectolax", "tldextract")


def library_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for lib in _LIBS:
        try:
            out[lib] = metadata.version(lib)
        except metadata.PackageNotFoundError:
            out[lib] = "missing"
    return out


def blas_kernels() -> list[str]:
    """The OpenBLAS kernels this process uses (e.g. ``["SkylakeX"]``): other kernels round
    differently, so a model retrained elsewhere may differ in the last digits."""
    from threadpoolctl import threadpool_info

    found = {
        str(pool.get("architecture"))
        for pool in threadpool_info()
        if pool.get("internal_api") == "openblas" and pool.get("architecture")
    }
    return sorted(found)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass
class Artifact:
    """A loaded, verified model with its sidecar."""

    model: Blend
    sidecar: dict[str, Any]
    path: Path

    @property
    def name(self) -> str:
        return f"{self.sidecar['name']}@{self.sidecar['version']}"

    @property
    def platt(self) -> Platt:
        cal = self.sidecar["calibration"]
        return Platt(a=float(cal["a"]), b=float(cal["b"]))

    @property
    def thresholds(self) -> Thresholds:
        th = self.sidecar["thresholds"]
        return Thresholds(scam=float(th["scam"]), suspicious=float(th["suspicious"]))


def save(model: Blend, sidecar: dict[str, Any], out_dir: str | Path) -> Path:
    """Write the model and its sidecar (with the model file's hash) into ``out_dir``."""
    import skops.io as sio

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / (MODEL_FILE + ".tmp")
    sio.dump(model.to_state(), tmp, compression=8)
    tmp.replace(out / MODEL_FILE)
    meta = dict(sidecar)
    meta["model_file"] = MODEL_FILE
    meta["model_sha256"] = sha256_file(out / MODEL_FILE)
    meta.setdefault("libraries", library_versions())
    write_sidecar(out, meta)
    return out


def clean_json(value: Any) -> Any:
    """NaN and infinities become null so the sidecar is strict JSON."""
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else None
    if isinstance(value, dict):
        return {str(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    return value


def write_sidecar(model_dir: Path, meta: dict[str, Any]) -> None:
    text = json.dumps(clean_json(meta), indent=2, sort_keys=True, allow_nan=False)
    (model_dir / SIDECAR).write_text(text + "\n", encoding="utf-8")


def _major_minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def verify(model_dir: str | Path, schema_hash: str | None = None) -> dict[str, Any]:
    """Check hash, versions and schema; return the sidecar or raise ``ModelLoadError``."""
    root = Path(model_dir)
    side_path = root / SIDECAR
    if not side_path.is_file():
        raise ModelLoadError(f"no {SIDECAR} in {root}: not a model directory")
    try:
        sidecar = json.loads(side_path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ModelLoadError(f"{side_path} is not valid JSON: {exc}") from exc
    if not isinstance(sidecar, dict):
        raise ModelLoadError(f"{side_path} is not a JSON object")
    file = root / str(sidecar.get("model_file", MODEL_FILE))
    if not file.is_file():
        raise ModelLoadError(f"model file {file} is missing")
    actual = sha256_file(file)
    if actual != sidecar.get("model_sha256"):
        raise ModelLoadError(
            f"{file} does not match its sidecar (sha256 {actual[:12]}… != "
            f"{str(sidecar.get('model_sha256'))[:12]}…): refusing to load a file that changed"
        )
    built = sidecar.get("libraries", {})
    running = library_versions()
    for lib, part in (("scikit-learn", 2), ("numpy", 1), ("skops", 2)):
        want, have = str(built.get(lib, "?")), running.get(lib, "missing")
        if want.split(".")[:part] != have.split(".")[:part]:
            raise ModelLoadError(
                f"model was built with {lib} {want} but {have} is installed; install "
                f"{lib}=={want} (see constraints.txt) or retrain with `detector train`"
            )
    if schema_hash is not None and sidecar.get("feature_schema_hash") != schema_hash:
        raise ModelLoadError(
            f"model expects feature schema {sidecar.get('feature_schema_hash')} but the installed "
            f"extractor has {schema_hash}; retrain with `detector train`"
        )
    return dict(sidecar)


def load(model_dir: str | Path, schema_hash: str | None = None) -> Artifact:
    """Verify, then load with skops trusting only the types in ``ALLOWED_TYPES``."""
    import skops.io as sio

    root = Path(model_dir)
    sidecar = verify(root, schema_hash)
    file = root / str(sidecar.get("model_file", MODEL_FILE))
    try:
        types = stored_types(file)
        untrusted = sio.get_untrusted_types(file=file)
    except Exception as exc:  # not a zip, truncated, a pickle...: several kinds are raised
        raise ModelLoadError(f"{file} is not a readable model file: {exc!r}") from exc
    foreign = sorted((types | set(untrusted)) - ALLOWED_TYPES)
    if foreign:
        raise ModelLoadError(f"{file} contains types this project never stores: {foreign}")
    try:
        state = sio.load(file, trusted=list(untrusted))
        model = Blend.from_state(state)
    except Exception as exc:  # skops raises several kinds for a broken file
        raise ModelLoadError(f"{file} could not be loaded: {exc}") from exc
    return Artifact(model=model, sidecar=sidecar, path=root)
