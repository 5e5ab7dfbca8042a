"""Scoring cleaned records against a gold structure: paragraph, heading and author F1, and CER.

The gold format is the one in ``fixtures/*.expected.md`` (a JSON block): ``{"blocks": [{"type",
"heading": [lines], "paragraphs": [...], "authors": [...], "byline"}]}``. Strings are compared
with all whitespace removed; a subtitle's leading dashes are ignored in heading keys. Byline-like
paragraphs and short unpunctuated lines are left out of the paragraph scores on both sides, since
whether such a line is a heading or a paragraph is a matter of layout, not of cleaning.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .patterns import BYLINE_RE

_TERMINAL = tuple("。！？…”’」』）)：；!?")
_GOLD_RE = re.compile(r"```json\n(.*?)\n```", re.S)


def norm(s: str | None) -> str:
    return "".join((s or "").split())


def gold_from_markdown(md: str) -> dict[str, Any]:
    """The gold structure in a fixture's ``.expected.md``."""
    m = _GOLD_RE.search(md)
    if not m:
        raise ValueError("no ```json block")
    return json.loads(m.group(1))


def _f1(gold: Iterable[str], got: Iterable[str]) -> tuple[float, float, float]:
    g, o = Counter(gold), Counter(got)
    tp = sum((g & o).values())
    if not tp:
        return 0.0, 0.0, 0.0
    p, r = tp / sum(o.values()), tp / sum(g.values())
    return 2 * p * r / (p + r), p, r


def _heading_key(lines: Sequence[str]) -> str:
    return "|".join(norm(h).lstrip("—-－") for h in lines)


def _is_body(p: str) -> bool:
    p = norm(p)
    return not BYLINE_RE.match(p) and not (len(p) <= 40 and not p.endswith(_TERMINAL))


def _blocks(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for r in records:
        if "heading" in r:
            heading = list(r["heading"])
        else:
            heading = [h for h in [r.get("title"), *(r.get("subtitles") or [])] if h]
        paras = list(r.get("paragraphs") or [])
        # A short unpunctuated line at the head of a block (a kicker, a date under a title)
        # counts as a heading line, whichever side a cleaner put it on.
        while paras and len(norm(paras[0])) <= 40 and not norm(paras[0]).endswith(_TERMINAL) and (heading or len(paras) > 1):
            heading.append(paras.pop(0))
        out.append({"heading": heading, "paragraphs": paras, "authors": list(r.get("authors") or [])})
    return out


def score(gold: Mapping[str, Any], records: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    """Scores of ``records`` (dicts with title/subtitles/paragraphs/authors) against ``gold``."""
    from rapidfuzz.distance import Levenshtein

    gb, ob = _blocks(gold["blocks"]), _blocks(records)
    gp = [norm(p) for b in gb for p in b["paragraphs"] if _is_body(p)]
    op = [norm(p) for b in ob for p in b["paragraphs"] if _is_body(p)]
    para = _f1(gp, op)
    head = _f1([_heading_key(b["heading"]) for b in gb if b["heading"]], [_heading_key(b["heading"]) for b in ob if b["heading"]])
    by_first: dict[str, dict[str, Any]] = {}
    for b in ob:
        for p in b["paragraphs"]:
            by_first.setdefault(norm(p)[:16], b)
    want = got = hit = 0
    for b in gb:
        if not b["authors"]:
            continue
        key = norm(b["paragraphs"][0])[:16] if b["paragraphs"] else ""
        names = {norm(a) for a in by_first.get(key, {}).get("authors", [])}
        gold_names = {norm(a) for a in b["authors"]}
        want, got, hit = want + len(gold_names), got + len(names), hit + len(names & gold_names)
    ap, ar = hit / max(1, got), hit / max(1, want)
    author = 2 * ap * ar / (ap + ar) if hit else (1.0 if want == 0 else 0.0)
    gtext = "\n".join(gp)
    cer = Levenshtein.distance(gtext, "\n".join(op)) / max(1, len(gtext))
    return {
        "paragraph_f1": round(para[0], 4),
        "paragraph_p": round(para[1], 4),
        "paragraph_r": round(para[2], 4),
        "heading_f1": round(head[0], 4),
        "author_f1": round(author, 4),
        "cer": round(cer, 5),
    }
