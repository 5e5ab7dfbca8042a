"""WS: whitespace at the edges of lines.

Leading indentation (``　　`` or spaces) is a paragraph-start signal in hard-wrapped dumps: the
``wrap`` pass (:mod:`.rejoin`) reads it and removes it, so it is not touched here.
Blank-line runs are laid out by the ``segment`` pass, which knows where articles end.
Spaces *inside* a line are :mod:`.punct`'s business (it knows headings from body text).
"""
from __future__ import annotations

import re

from ..model import Rule
from .base import Context, Pass

TRAILING_RE = re.compile(r"[ \t\u3000\u00a0]+$", re.M)


class WhitespacePass(Pass):
    """Remove trailing whitespace; whitespace-only lines become blank lines."""

    name = "whitespace"
    rules = (
        Rule("WS01", "whitespace.trailing", "trailing whitespace removed"),
    )

    def run(self, ctx: Context) -> None:
        text = ctx.text
        for m in TRAILING_RE.finditer(text):
            blank = m.start() == 0 or text[m.start() - 1] == "\n"
            ctx.edit("WS01", m.start(), m.end(), "", "whitespace-only line" if blank else "")
