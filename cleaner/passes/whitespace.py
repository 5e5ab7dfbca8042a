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

#: whitespace a line may not end with
TRAILING = " \t\u3000\u00a0"
#: the last character of a trailing run: a search without a repeat is the regex engine's fast
#: class scan, so a page without trailing whitespace (most of them) costs one quick look
ANY_TRAILING_RE = re.compile(r"[ \t\u3000\u00a0](?:\n|\Z|[\u2028\u2029])")
#: Unicode's own line and paragraph separators (word processors, some OCR exports): every later
#: pass, and the output, knows only ``\n``; a paragraph separator is a blank line
SEPARATOR_RE = re.compile("[\u2028\u2029]")
SEPARATOR = {"\u2028": "\n", "\u2029": "\n\n"}
#: a form feed (page break) that shares its line with text
INLINE_FORM_FEED_RE = re.compile(r"[^\n\f][ \t\u3000]*\f+|\f+(?=[ \t\u3000]*[^\n\f \t\u3000])")


class WhitespacePass(Pass):
    """Remove trailing whitespace; whitespace-only lines become blank lines; a form feed gets its
    own line; Unicode line and paragraph separators become line breaks."""

    name = "whitespace"
    rules = (
        Rule("WS01", "whitespace.trailing", "trailing whitespace removed"),
        Rule("WS02", "whitespace.form-feed", "page break (form feed) put on a line of its own"),
        Rule("WS03", "whitespace.line-separator", "U+2028 LINE SEPARATOR made a line break, U+2029 PARAGRAPH SEPARATOR a blank line"),
    )

    def run(self, ctx: Context) -> None:
        text = ctx.text
        # Each hit of the one-character search ends a trailing run; the run is the line's tail
        # that rstrip would drop. No per-character scan of lines without one.
        pos = 0
        while m := ANY_TRAILING_RE.search(text, pos):
            end = m.start() + 1
            line_start = text.rfind("\n", 0, end) + 1
            start = line_start + len(text[line_start:end].rstrip(TRAILING))
            ctx.edit("WS01", start, end, "", "whitespace-only line" if start == line_start else "")
            pos = end + 1
        if "\u2028" in text or "\u2029" in text:
            for m in SEPARATOR_RE.finditer(text):
                ctx.edit("WS03", m.start(), m.end(), SEPARATOR[m.group()], f"U+{ord(m.group()):04X}")
        # every later pass reads a page break as a line of its own, as the output writes it;
        # a match never spans lines, so only the lines holding a form feed are scanned
        pos = 0
        while (ff := text.find("\f", pos)) >= 0:
            line_start = text.rfind("\n", 0, ff) + 1
            line_end = text.find("\n", ff)
            if line_end < 0:
                line_end = len(text)
            pos = line_end + 1
            for m in INLINE_FORM_FEED_RE.finditer(text, line_start, line_end):
                s, e = m.span()
                at = text.index("\f", s)
                before = "\n" if at > 0 and text[at - 1] != "\n" else ""
                after = "\n" if e < len(text) and text[e] != "\n" else ""
                if before or after:
                    ctx.edit("WS02", at, e, before + text[at:e] + after)
