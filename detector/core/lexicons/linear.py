"""Linear-time spellings of the lexicon patterns that a backtracking engine runs in quadratic time.

The lexicon files stay exactly as written (their digest pins the shipped model);
``load_lexicon`` swaps each pattern listed here for its rewrite when it loads a file. Each
rewrite matches the same texts, at the same place, with the same groups
(tests/test_regex_linear.py checks this on generated texts), using three tools:

- a possessive repeat (``\\s*+``) where giving characters back can never help, because what
  follows cannot begin with one of them: it removes the backtracking over a long run;
- a look-behind that stops a match from starting inside a run when starting at the run's first
  character would match too (and is tried first): the run is then scanned from one start only;
- for numbers, a digit is a start only where no digit comes earlier in its run of digits,
  separators and spaces, as seen by a fixed look-behind of at most two separators. A number
  whose run begins with three or more separators (``"...5/week"``) is matched from the first
  separator instead: the only case where the match starts earlier than before.
"""

from __future__ import annotations

from typing import Any


def run_start(seps: str = ".,") -> str:
    """A digit that begins a run of digits and ``seps``: nothing of the run before it, or one
    or two separators after something else; or, from three separators on, the run's start."""
    run, sep = rf"[\d{seps}]", f"[{seps}]"
    return (
        rf"(?:(?<!{run})\d|(?<={sep})(?<!{run}[\s\S])\d|(?<={sep}{sep})(?<!{run}[\s\S]{{2}})\d"
        rf"|(?<!{run}){sep}{{3}}{sep}*+\d)"
    )


# In the weekly price a digit followed by white space also starts (``\s?`` may take the space).
NUMBER_START = "(?:" + run_start() + r"|\d(?=\s))"

_CURRENCY = r"(?:[$€£¥₹₺]|usd|eur|gbp|brl|idr|rp|reais|vnd|đ|tl)"
_PER = r"(?:/|\bper\b|\ba\b|\bevery\b|\beach\b|\bpor\b|\bpro\b|\bpar\b|mỗi)"
_WEEK = r"(?:week|wk|semana|minggu|woche|semaine|tuần|hafta)\b"

REWRITES: dict[str, str] = {
    # permissions.json "weekly": a price per week.
    r"(?:[$€£¥₹₺]|\bus\$|\br\$|\brp\.?|\d)\s?[\d.,]*\s*"
    + _CURRENCY
    + r"?\s*"
    + _PER
    + r"\s*"
    + _WEEK: r"(?:[$€£¥₹₺]|\bus\$|\br\$|\brp\.?|"
    + NUMBER_START
    + r")\s?[\d.,]*+\s*+(?:"
    + _CURRENCY
    + r"\s*+)?"
    + _PER
    + r"\s*+"
    + _WEEK,
    # claims.json questions ending in Vietnamese and Turkish question words.
    r"\b(?:không|chưa|nhỉ)\s*\??\s*$": r"\b(?:không|chưa|nhỉ)\s*+\??\s*$",
    r"\bm[ıiuü](?:y[ıiuü]m|s[ıiuü]n(?:[ıiuü]z)?|d[ıiuü]r|y[ıiuü]z)?\s*\??\s*$": (
        r"\bm[ıiuü](?:y[ıiuü]m|s[ıiuü]n(?:[ıiuü]z)?|d[ıiuü]r|y[ıiuü]z)?\s*+\??\s*$"
    ),
    # claims.json Indonesian "-mu" (your): a match always starts where its word starts.
    r"\w+mu\b": r"\b\w+mu\b",
}


def linear(value: Any) -> Any:
    """``value`` (a parsed lexicon) with every pattern in ``REWRITES`` replaced."""
    if isinstance(value, str):
        return REWRITES.get(value, value)
    if isinstance(value, list):
        return [linear(v) for v in value]
    if isinstance(value, dict):
        return {k: linear(v) for k, v in value.items()}
    return value
