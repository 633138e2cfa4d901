"""`pip install .` (a wheel, not the editable checkout) ships the default model.

The wheel is built offline from this checkout and installed, without its dependencies, into a
fresh virtual environment; the dependencies come from the test environment's site-packages
through a path file (not its editable install of this project). The installed package must
then load its own model, verify it and score a page, from a directory outside the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_NOT_SOURCE = (".git", ".venv", "build", "*.egg-info", "node_modules", "out", "test-artifacts",
               ".*_cache", ".hypothesis", "__pycache__")  # fmt: skip

SCRIPT = """
import json, sys
import detector
from detector import Detector
det = Detector.load()
v = det.score({"url": "", "html": sys.argv[1]})
print(json.dumps({"file": detector.__file__, "model": v.model, "label": v.label}))
"""
LURE = (
    "<title>See who viewed your TikTok</title><h1>Who viewed your profile</h1>"
    "<form action='https://collect.example/p'><input name=u placeholder='TikTok username'>"
    "<input type=password name=p><button>Show my visitors</button></form>"
)


@pytest.mark.timeout(600)
def test_wheel_installs_with_the_shipped_model(tmp_path: Path) -> None:
    try:
        import setuptools
    except ImportError:  # pragma: no cover - the dev extra installs it
        pytest.skip("setuptools is not installed")
    if int(setuptools.__version__.split(".")[0]) < 77:
        pytest.skip(f"setuptools {setuptools.__version__} cannot build this wheel offline")
    # Built from a copy: an in-tree build would leave build/ behind and reuse what it held.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(*_NOT_SOURCE))
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", str(wheels), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = wheels.glob("*.whl")

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    # Dependencies only: a bare path entry does not run the editable install's own path files.
    (purelib / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "-q", str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-2000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    clean = {k: v for k, v in os.environ.items() if k not in ("DETECTOR_MODEL_PATH", "PYTHONPATH")}
    run = subprocess.run(
        [str(python), "-c", SCRIPT, LURE],
        capture_output=True, text=True, timeout=300, cwd=elsewhere, env=clean,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert Path(out["file"]).is_relative_to(env_dir), out  # the installed copy, not the checkout
    assert out["model"] and out["model"].startswith("default@"), out
    assert out["label"] == "scam", out
    assert (env_dir / "bin" / "detector").exists()  # the console script is installed too
