"""notebooks/: stored without outputs, and each one runs, with ../shared/data and without it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED_DATA

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
BUDGET_S = 120  # each notebook runs in under two minutes on an idle two-core machine
# The test allows three times that, so a machine busy with other work does not fail it; a run
# that takes longer than that has a real regression.
LIMIT_S = 3 * BUDGET_S


def test_the_numbered_notebooks_are_there():
    assert [p.name[:3] for p in NOTEBOOKS] == ["01-", "02-", "03-", "04-"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_without_outputs(path: Path):
    book = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in book["cells"] if c["cell_type"] == "code"]
    assert code
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    # Only the public surface: no private names, no internals of the model package.
    text = "".join("".join(c["source"]) for c in code)
    assert "detector.model" not in text and "._" not in text


def _run(path: Path) -> tuple[float, str]:
    nbclient = pytest.importorskip("nbclient")
    nbformat = pytest.importorskip("nbformat")
    book = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        book,
        timeout=LIMIT_S,  # per cell
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    printed = [
        out.get("text", "")
        for cell in book.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.get("output_type") == "stream"
    ]
    return time.perf_counter() - start, "".join(printed)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_without_shared_data(path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("DETECTOR_SHARED_DATA", str(tmp_path / "no-shared-data"))
    monkeypatch.setenv("MPLBACKEND", "agg")
    seconds, printed = _run(path)
    assert seconds < LIMIT_S
    if not path.name.startswith("04-"):  # 04 reads no shared data
        assert "were not found" in printed, "the notebook must say it runs without the real sets"


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_with_shared_data(path: Path, monkeypatch: pytest.MonkeyPatch):
    if not (SHARED_DATA / "real-pages" / "index.csv").is_file():
        pytest.skip("shared data not present")
    monkeypatch.setenv("DETECTOR_SHARED_DATA", str(SHARED_DATA))
    monkeypatch.setenv("MPLBACKEND", "agg")
    seconds, printed = _run(path)
    assert seconds < LIMIT_S
    assert "were not found" not in printed
