"""RJ: rejoin text that layout broke apart.

``wrap`` reads hard-wrapped dumps (one visual line per line): the lines of a paragraph are
joined, and a paragraph start (an indent, or a short line that ends a sentence before it) becomes
a blank line, so every later pass sees one paragraph per block, whatever the layout. Indents are
consumed here, as the paragraph-start signal they are, and each removal is logged.
"""
from __future__ import annotations

import re
from statistics import median

from ..model import Rule
from ..patterns import ENDS_SENTENCE_RE
from .base import Context, Pass

INDENT_RE = re.compile(r"^[ \t\u3000\u00a0]+", re.M)
MULTILINE_BLOCK_RE = re.compile(r"^[^\n]+(?:\n[^\n]+)+", re.M)  # anchored: unanchored it is quadratic on one long line
LATIN_END_RE = re.compile(r"[A-Za-z0-9]$")
LATIN_START_RE = re.compile(r"^[A-Za-z0-9]")
HYPHEN_END_RE = re.compile(r"[A-Za-z]-$")

#: a line this much shorter than the wrap width, ending a sentence, ends its paragraph
SHORT_LINE_RATIO = 0.8
#: blocks whose lines are mostly longer than this are not hard-wrapped: a line per paragraph
MAX_WRAP_WIDTH = 60


def _joiner(prev: str, nxt: str) -> tuple[int, str]:
    """How to glue two wrapped lines: (characters to drop from ``prev``'s end, text to insert)."""
    if HYPHEN_END_RE.search(prev) and LATIN_START_RE.match(nxt):
        return 1, ""  # trans-/formation
    if LATIN_END_RE.search(prev) and LATIN_START_RE.match(nxt):
        return 0, " "  # Latin words keep their space
    return 0, ""  # CJK joins insert nothing


class WrapPass(Pass):
    """Join the visual lines of hard-wrapped paragraphs; separate paragraphs by a blank line."""

    name = "wrap"
    rules = (
        Rule("RJ01", "rejoin.wrapped-line", "visual lines of one paragraph joined"),
        Rule("RJ02", "rejoin.paragraph-break", "paragraph start separated by a blank line"),
        Rule("RJ03", "rejoin.indent", "indent removed (it marked a paragraph start)"),
    )
    options = {"max_wrap_width": MAX_WRAP_WIDTH, "short_line_ratio": SHORT_LINE_RATIO}

    def run(self, ctx: Context) -> None:
        text = ctx.text
        breaks: dict[int, tuple[str, int, int, str]] = {}  # newline offset -> planned edit
        blocks = list(MULTILINE_BLOCK_RE.finditer(text))
        if blocks:
            lengths = [len(line.strip()) for m in blocks for line in m.group().split("\n")]
            width = 0 if median(lengths) > ctx.options["max_wrap_width"] else max(lengths)
            short = width * ctx.options["short_line_ratio"]
            for m in blocks:
                pos = m.start()
                lines = m.group().split("\n")
                for prev, nxt in zip(lines, lines[1:]):
                    nl = pos + len(prev)
                    pos = nl + 1
                    if not width or INDENT_RE.match(nxt) or (ENDS_SENTENCE_RE.search(prev) and len(prev.strip()) < short):
                        breaks[nl] = ("RJ02", nl, nl + 1, "\n\n")
                        continue
                    drop, glue = _joiner(prev, nxt)
                    breaks[nl] = ("RJ01", nl - drop, nl + 1, glue)
        for m in INDENT_RE.finditer(text):
            s = m.start()
            nl = s - 1
            if nl in breaks and breaks[nl][0] == "RJ01":  # continuation line: indent goes with the join
                code, a, _, glue = breaks.pop(nl)
                ctx.edit(code, a, m.end(), glue)
            elif nl in breaks:
                code, a, _, glue = breaks.pop(nl)
                ctx.edit(code, a, m.end(), glue, "indent marked a paragraph start")
            else:
                ctx.edit("RJ03", s, m.end(), "", "paragraph start")
        for code, a, b, glue in breaks.values():
            ctx.edit(code, a, b, glue)
