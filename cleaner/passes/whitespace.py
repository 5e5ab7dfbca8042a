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
#: a form feed (page break) that shares its line with text
#: one trailing whitespace character: a search without a repeat is the regex engine's fast class
#: scan, so a page without trailing whitespace (most of them) costs one quick look
ANY_TRAILING_RE = re.compile(r"[ \t\u3000\u00a0](?:\n|\Z)")
INLINE_FORM_FEED_RE = re.compile(r"[^\n\f][ \t\u3000]*\f+|\f+(?=[ \t\u3000]*[^\n\f \t\u3000])")


class WhitespacePass(Pass):
    """Remove trailing whitespace; whitespace-only lines become blank lines; a form feed gets its own line."""

    name = "whitespace"
    rules = (
        Rule("WS01", "whitespace.trailing", "trailing whitespace removed"),
        Rule("WS02", "whitespace.form-feed", "page break (form feed) put on a line of its own"),
    )

    def run(self, ctx: Context) -> None:
        text = ctx.text
        first = ANY_TRAILING_RE.search(text)
        # a run ends at its line end: start the scan at the start of the first one's line
        start = text.rfind("\n", 0, first.start()) + 1 if first else len(text)
        for m in TRAILING_RE.finditer(text, start):
            blank = m.start() == 0 or text[m.start() - 1] == "\n"
            ctx.edit("WS01", m.start(), m.end(), "", "whitespace-only line" if blank else "")
        if "\f" in text:
            # every later pass reads a page break as a line of its own, as the output writes it
            for m in INLINE_FORM_FEED_RE.finditer(text):
                s, e = m.span()
                ff = text.index("\f", s)
                before = "\n" if ff > 0 and text[ff - 1] != "\n" else ""
                after = "\n" if e < len(text) and text[e] != "\n" else ""
                if before or after:
                    ctx.edit("WS02", ff, e, before + text[ff:e] + after)
