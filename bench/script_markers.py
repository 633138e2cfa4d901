"""Do ordinary JavaScript files look like locker code? And what does searching them cost?

    python bench/script_markers.py DIR [DIR ...]

Every ``*.js`` file under the directories, no larger than the crawler's ``max_script_bytes``
(what the crawler would keep), is attached as a same-site script file (``Snapshot.scripts``)
to one neutral page, and the page's features are extracted with and without it. Prints how many
files fire a CPA network marker (``locker.cpa_markers``, with the markers seen), how many change
any feature, and the extraction time the file adds (median and worst). Benign libraries (jQuery,
npm's own modules, documentation search indexes) should fire nothing. Reads files only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detector.config import Settings
from detector.extract.features import extract
from detector.records import ScriptFile, Snapshot

PAGE = (
    "<html><head><title>Opening hours</title><script src='/js/app.js'></script></head>"
    "<body><h1>Opening hours</h1><p>We bake bread every morning.</p></body></html>"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    args = parser.parse_args()
    cap = Settings().max_script_bytes
    files = sorted(
        p for d in args.dirs for p in d.rglob("*.js") if p.is_file() and p.stat().st_size <= cap
    )
    base = extract(Snapshot(url="https://bakery.example/", html=PAGE))
    warm = ScriptFile(url="https://bakery.example/js/app.js", text="var a = 1;" * 2000)
    extract(Snapshot(url="https://bakery.example/", html=PAGE, scripts=[warm]))  # compile once
    fired: Counter[str] = Counter()
    changed, firing, added = 0, 0, []
    slowest: list[tuple[float, str]] = []
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        snap = Snapshot(
            url="https://bakery.example/",
            html=PAGE,
            scripts=[ScriptFile(url="https://bakery.example/js/app.js", text=text)],
        )
        start = time.perf_counter()
        ex = extract(snap)
        added.append(time.perf_counter() - start)
        slowest.append((added[-1], str(path)))
        if ex.features != base.features:
            changed += 1
        if ex.features["locker.cpa_markers"]:
            firing += 1
            fired[ex.evidence["locker.cpa_markers"].split(" in same-site script")[0]] += 1
            print(f"fires: {path}: {ex.evidence['locker.cpa_markers']}")
    alone = []
    for _ in range(200):
        start = time.perf_counter()
        extract(Snapshot(url="https://bakery.example/", html=PAGE))
        alone.append(time.perf_counter() - start)
    bare = statistics.median(alone)
    total = sum(p.stat().st_size for p in files)
    print(f"{len(files)} script files ({total / 1e6:.1f} MB, each <= {cap:,} bytes)")
    print(f"fire a CPA marker: {firing} ({100 * firing / max(len(files), 1):.2f} %); {dict(fired)}")
    print(f"change any feature: {changed}")
    if added:
        print(
            f"extraction with one file: median {statistics.median(added) * 1000:.2f} ms, "
            f"worst {max(added) * 1000:.1f} ms (page alone: median {bare * 1000:.2f} ms)"
        )
        largest = max(files, key=lambda p: p.stat().st_size)
        text = largest.read_bytes().decode("utf-8", "replace")
        four = [ScriptFile(url=f"https://bakery.example/js/{i}.js", text=text) for i in range(4)]
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            extract(Snapshot(url="https://bakery.example/", html=PAGE, scripts=four))
            runs.append(time.perf_counter() - start)
        print(
            f"four copies of the largest file ({largest.stat().st_size:,} bytes): "
            f"median {statistics.median(runs) * 1000:.1f} ms per page"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
