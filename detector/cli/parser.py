"""The argument parser: every command, option and default in one place; the work lives in the
command modules. Choices come from their registries (export formats from ``detector.export``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from detector.cli.common import DEFAULT_STORE
from detector.cli.crawling import cmd_crawl
from detector.cli.modelling import cmd_evaluate, cmd_train
from detector.cli.runs import (
    cmd_export,
    cmd_label,
    cmd_labels,
    cmd_report,
    cmd_reports,
    cmd_scan,
)
from detector.cli.scoring import cmd_features, cmd_score
from detector.cli.serving import cmd_demo, cmd_serve
from detector.cli.settings import cmd_config
from detector.export import FORMATS
from detector.store.labels import ANALYST_LABELS
from detector.store.reports import REPORT_STATUSES


def _add_crawl_flags(c: argparse.ArgumentParser) -> None:
    c.add_argument(
        "--allow-loopback",
        action="store_true",
        help="permit 127.0.0.0/8 and ::1 (tests and local demos only)",
    )
    c.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt")
    c.add_argument(
        "--user-agent",
        help="User-Agent for page requests: desktop, mobile (browser presets) or a literal "
        "string (default: the crawler's own, naming the project)",
    )
    c.add_argument("--referer", help="Referer for page requests, e.g. https://www.tiktok.com/")
    c.add_argument("--render", action="store_true", help="render pages in headless chromium")
    c.add_argument(
        "--per-host-delay",
        type=float,
        help="seconds between requests to one host (default: setting per_host_delay, 1.0)",
    )
    c.add_argument(
        "--per-host-concurrency",
        type=int,
        help="requests in flight per host (default: setting per_host_concurrency, 1)",
    )
    c.add_argument(
        "--global-concurrency",
        type=int,
        help="requests in flight in all (default: setting global_concurrency, 8)",
    )
    c.add_argument(
        "--connect-to",
        action="append",
        default=[],
        metavar="HOST:PORT:ADDR:PORT",
        help="connect to ADDR:PORT for HOST:PORT without DNS (like curl); repeatable",
    )


_STORE_HELP = f"an SQLite file or postgresql://... (default {DEFAULT_STORE})"
LOG_LEVELS = ("debug", "info", "warning", "error", "critical")


_MODEL_HELP = "model directory (default: shipped model)"


def _pipe(parser: argparse.ArgumentParser, reads: str, writes: str) -> None:
    """``--input`` (required; - is stdin) and ``--output`` (- is stdout, the default)."""
    parser.add_argument("--input", required=True, help=f"{reads}, or - for stdin")
    parser.add_argument("--output", default="-", help=f"{writes}, or - for stdout")


def _run_in_store(parser: argparse.ArgumentParser, run_help: str = "run name or id") -> None:
    """The run a command works on (a positional name or id) and ``--store``, the store holding it."""
    parser.add_argument("run", help=run_help)
    parser.add_argument("--store", default=DEFAULT_STORE, help=_STORE_HELP)


def _logging_flags(parser: argparse.ArgumentParser, top: bool) -> None:
    """-v/--verbose and --log-level, before the command or after it (the later one wins)."""
    default: Any = "warning" if top else argparse.SUPPRESS
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0 if top else argparse.SUPPRESS,
        help="say more on stderr: -v info (why a page failed), -vv debug",
    )
    parser.add_argument(
        "--log-level",
        choices=LOG_LEVELS,
        default=default,
        dest="log_level",
        help="log level on stderr (default warning; -v/-vv raise it)",
    )


class _Sub(argparse.ArgumentParser):
    """A command's parser: defaults shown in help, logging flags accepted after the command."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", argparse.ArgumentDefaultsHelpFormatter)
        super().__init__(*args, **kwargs)
        if "serve" not in (kwargs.get("prog") or ""):
            _logging_flags(self, top=False)
        else:  # serve has its own --log-level for the workers; -v still works
            self.add_argument(
                "-v", "--verbose", action="count", default=argparse.SUPPRESS, help="say more"
            )


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="detector",
        description='Find, score and explain "who viewed your TikTok" lures.',
        epilog="Settings: detector config (every DETECTOR_* variable, docs/configuration.md).",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {version_string()}")
    _logging_flags(p, top=True)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Sub)

    def command(name: str, func: Callable[..., int], help: str) -> argparse.ArgumentParser:
        """The parser of command ``name``, which ``func`` runs."""
        parser = sub.add_parser(name, help=help)
        parser.set_defaults(func=func)
        return parser

    sc = command("scan", cmd_scan, help="crawl, score and store a batch; rerun to resume")
    sc.add_argument(
        "--input",
        required=True,
        help="URL list (.txt), CSV with a url column, JSONL, ad export; - reads a URL list "
        "(or JSONL) from stdin",
    )
    sc.add_argument(
        "--store",
        default=DEFAULT_STORE,
        help=f"store: an SQLite file or postgresql://... (default {DEFAULT_STORE})",
    )
    sc.add_argument("--run", help="run name (default: input file name); resumes")
    sc.add_argument("--output", help="export the run's verdicts here (- stdout)")
    sc.add_argument(
        "--format",
        choices=list(FORMATS),
        help="export format (default: from --output's suffix)",
    )
    sc.add_argument("--report", help="also write the HTML report here")
    sc.add_argument("--model", help=_MODEL_HELP)
    sc.add_argument("--dask", help="scheduler address, or 'local' for a LocalCluster")
    sc.add_argument(
        "--workers", type=int, default=1, help="local worker processes (inputs split by host)"
    )
    sc.add_argument("--batch-size", type=int, default=64, help="snapshots scored together")
    sc.add_argument(
        "--discover",
        type=int,
        default=0,
        metavar="N",
        help="also scan the lure links of scanned pages, up to N hops (each tagged with the page "
        "it came from; at most DETECTOR_DISCOVERY_MAX_LINKS per page)",
    )
    sc.add_argument(
        "--no-intel",
        action="store_true",
        help="no domain-age (RDAP) look-ups; DETECTOR_OFFLINE=1 does the same everywhere",
    )
    sc.add_argument(
        "--retry-failed",
        action="store_true",
        help="fetch again the inputs of this run whose page could not be fetched (their "
        "URL-only verdicts are replaced)",
    )
    sc.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_crawl_flags(sc)

    r = command("report", cmd_report, help="write a self-contained HTML report of a run")
    _run_in_store(r)
    r.add_argument("--output", help="HTML file (default: RUN-report.html)")

    x = command("export", cmd_export, help=f"export a run's verdicts ({', '.join(FORMATS)})")
    _run_in_store(x)
    x.add_argument("--output", required=True, help="file to write, or - for JSONL on stdout")
    x.add_argument("--format", choices=list(FORMATS), help="default: from --output's suffix")

    lb = command(
        "label", cmd_label, help="record an analyst judgement for a URL (or a CSV of them)"
    )
    _run_in_store(lb, "run name or id the judgement belongs to")
    lb.add_argument("--url", help="the URL judged (with --as)")
    lb.add_argument("--as", dest="label", choices=list(ANALYST_LABELS), help="the judgement")
    lb.add_argument("--csv", help="url,label[,analyst,note] rows to import")
    lb.add_argument("--analyst", help="who judged (kept with the label)")
    lb.add_argument("--note", help="why (kept with the label)")
    lb.add_argument(
        "--withdraw",
        type=int,
        metavar="ID",
        help="withdraw label ID (kept, marked; no longer used for training or exports)",
    )

    ls = command("labels", cmd_labels, help="list analyst labels of a run (withdrawn ones marked)")
    _run_in_store(ls)
    ls.add_argument("--all", action="store_true", help="every label in the store, any run")

    rp = command("reports", cmd_reports, help="users' wrong-verdict reports: list, accept, reject")
    rp.add_argument("action", choices=["list", "accept", "reject"], help="what to do")
    rp.add_argument("id", nargs="?", type=int, help="report id (accept/reject)")
    rp.add_argument("--store", default=DEFAULT_STORE, help=_STORE_HELP)
    rp.add_argument(
        "--status", choices=[*REPORT_STATUSES, "all"], default="pending", help="reports listed"
    )
    rp.add_argument("--analyst", help="who decided (accept/reject)")
    rp.add_argument("--note", help="why (accept/reject)")

    sv = command("serve", cmd_serve, help="run the HTTP scoring endpoint (uvicorn)")
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on")
    sv.add_argument("--port", type=int, default=8000, help="port to listen on")
    sv.add_argument("--workers", type=int, default=1, help="worker processes (one model each)")
    sv.add_argument("--model", help=_MODEL_HELP)
    sv.add_argument("--store", help="store for lookups and reports")
    sv.add_argument(
        "--allow-loopback", action="store_true", help="let bare-URL fetches reach 127.0.0.1"
    )
    sv.add_argument(
        "--log-level",
        default="info",
        choices=["critical", "error", "warning", "info", "debug"],
        help="the endpoint's log level (its logs carry hashes, never URLs or keys)",
    )
    sv.add_argument(
        "--forwarded-allow-ips",
        help="proxies whose X-Forwarded-For is trusted for per-address limits (default 127.0.0.1)",
    )
    sv.add_argument(
        "--keep-warm",
        action="store_true",
        help="score a small page while idle so the next request finds the caches warm "
        "(lower latency at light load; each worker keeps its core busy while traffic flows)",
    )
    sv.add_argument(
        "--keep-warm-idle",
        type=float,
        metavar="SECONDS",
        help="with --keep-warm: how long after the latest request warm scores go on "
        "(default 2; 0 = for as long as the worker is idle)",
    )
    sv.add_argument("--new-key", metavar="NAME", help="print a new key and exit")

    dm = command("demo", cmd_demo, help="scan the bundled sample offline via a local demo server")
    dm.add_argument("--input", default="data/samples/demo.jsonl", help="snapshots to serve")
    dm.add_argument("--out", default="out/demo", help="directory for store, verdicts, report")
    dm.add_argument("--quiet", action="store_true", help="no progress bar")

    s = command("score", cmd_score, help="score snapshots offline (JSONL in, verdicts JSONL out)")
    _pipe(s, reads="snapshots JSONL", writes="verdicts JSONL")
    s.add_argument("--model", help=_MODEL_HELP)

    f = command("features", cmd_features, help="extract features and evidence (JSONL in and out)")
    _pipe(f, reads="snapshots JSONL", writes="features JSONL")

    c = command("crawl", cmd_crawl, help="fetch URLs politely into snapshots (JSONL out)")
    _pipe(c, reads="URL list, one per line", writes="snapshots JSONL")
    c.add_argument("--warc", help="also archive responses to this WARC file")
    _add_crawl_flags(c)

    t = command("train", cmd_train, help="train, evaluate and save a model from a labelled corpus")
    t.add_argument("--data", default="data", help="corpus directory (default: data)")
    t.add_argument(
        "--out",
        help="model directory to write, relative to where you run the command (default: "
        "models/candidates/NAME-DATE-TIME); an existing model, such as the shipped "
        "models/default, is replaced only with --force",
    )
    t.add_argument("--force", action="store_true", help="replace an existing model directory")
    t.add_argument("--name", default="default", help="model name recorded in the sidecar")
    t.add_argument(
        "--shared",
        help="folder holding the real sets real-pages/ and html-samples/ "
        "(default: ../shared/data beside the checkout; training without it uses data/ alone)",
    )
    t.add_argument("--no-shared", action="store_true", help="train and judge on data/ alone")
    t.add_argument(
        "--include-labels",
        action="store_true",
        help="fold analyst labels from --store into the training data (with provenance)",
    )
    t.add_argument("--store", default=DEFAULT_STORE, help="store holding the analyst labels")
    t.add_argument(
        "--estimator",
        help="signals model to train: logistic, gradient_boosting, or both joined by + (their "
        "mean log-odds; the shipped default)",
    )
    t.add_argument("--jobs", type=int, help="cross-validation folds fitted in parallel")
    t.add_argument(
        "--cache",
        help="feature cache folder (default: $DETECTOR_CACHE_DIR or ~/.cache/detector)",
    )
    t.add_argument("--no-cache", action="store_true", help="extract every page afresh")

    e = command(
        "evaluate", cmd_evaluate, help="report a model's metrics, on real data when present"
    )
    e.add_argument("--model", help=_MODEL_HELP)
    e.add_argument("--data", help="a labelled corpus directory to score")
    e.add_argument("--shared", help="path to shared/data (default: ../shared/data)")
    e.add_argument(
        "--json",
        action="store_true",
        help="print JSON, and rescore --data and the real sets with the loaded model",
    )
    e.add_argument(
        "--compare",
        nargs=2,
        metavar=("A", "B"),
        help="two model directories side by side on the same splits and data",
    )

    cf = command("config", cmd_config, help="print the effective settings (DETECTOR_* variables)")
    cf.add_argument("--json", action="store_true", help="JSON with defaults and descriptions")
    cf.add_argument("--markdown", action="store_true", help="the table in docs/configuration.md")
    return p


def version_string() -> str:
    """The installed package version (the source's own when not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tiktok-lure-detector")
    except PackageNotFoundError:
        from detector import __version__

        return __version__
