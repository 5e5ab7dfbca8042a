"""UN: Unicode repairs that never touch meaning: NFC, control characters, invisible characters.

NFKC is deliberately not used: it would turn Chinese full-width punctuation (``，`` ``：``
``（）``) into ASCII. Width repairs that are right for Chinese live in :mod:`.punct`.
"""
from __future__ import annotations

import re
import unicodedata

from ..model import Rule
from .base import Context, Pass

# C0/C1 controls except tab, newline and form feed (a page separator in multi-page dumps), DEL.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]+")
# Invisible characters OCR and copy-paste leave behind. ZWJ/ZWNJ (U+200C/D) are kept: they are
# meaningful inside emoji and some scripts.
INVISIBLE_RE = re.compile("[\u200b\u200e\u200f\u2060\ufeff\u00ad]+")
#: either kind, one character: a search without a repeat runs the regex engine's fast class scan,
#: several times quicker than the two finditer scans on a page that has neither (the usual page)
ANY_REMOVED_RE = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f\u200b\u200e\u200f\u2060\ufeff\u00ad]")
# A base character and its combining marks: the unit NFC may change.
CLUSTER_RE = re.compile(r".[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f]*", re.S)


class UnicodePass(Pass):
    """Normalise to NFC and remove control and invisible characters."""

    name = "unicode"
    rules = (
        Rule("UN01", "unicode.nfc", "text is not in Unicode NFC"),
        Rule("UN02", "unicode.control", "control character removed"),
        Rule("UN03", "unicode.invisible", "invisible character removed (zero-width space, BOM, soft hyphen)"),
    )

    def run(self, ctx: Context) -> None:
        text = ctx.text
        removed = []
        first = ANY_REMOVED_RE.search(text)
        if first is None:
            if not text.isascii() and not unicodedata.is_normalized("NFC", text):
                self._by_line(ctx, removed)
            return
        for m in CONTROL_RE.finditer(text, first.start()):
            removed.append(("UN02", m.start(), m.end(), f"U+{ord(m.group()[0]):04X}"))
        for m in INVISIBLE_RE.finditer(text, first.start()):
            removed.append(("UN03", m.start(), m.end(), f"U+{ord(m.group()[0]):04X}"))
        if text.isascii() or unicodedata.is_normalized("NFC", text) and not _marks_meet(text, removed):
            for code, s, e, note in removed:
                ctx.edit(code, s, e, "", note)
            return
        self._by_line(ctx, removed)

    @staticmethod
    def _by_line(ctx: Context, removed: list[tuple[str, int, int, str]]) -> None:
        # Some line is not NFC, or a removal brings a combining mark next to a new base: such a
        # line is normalised as a whole, after its removals, so one run leaves it settled.
        text = ctx.text
        pos = 0
        by_line = sorted(removed, key=lambda r: r[1])
        i = 0
        for line in text.split("\n"):
            end = pos + len(line)
            mine = []
            while i < len(by_line) and by_line[i][1] < end + 1:
                mine.append(by_line[i])
                i += 1
            kept = line
            for code, s, e, _ in reversed(mine):
                kept = kept[: s - pos] + kept[e - pos :]
            if unicodedata.is_normalized("NFC", kept):
                for code, s, e, note in mine:
                    ctx.edit(code, s, e, "", note)
            else:
                ctx.edit("UN01", pos, end, unicodedata.normalize("NFC", kept),
                         "line normalised" + (" after removing invisible characters" if mine else ""))
            pos = end + 1


def _marks_meet(text: str, removed: list[tuple[str, int, int, str]]) -> bool:
    """Whether removing a span puts a combining mark after a character it did not follow."""
    return any(e < len(text) and unicodedata.combining(text[e]) for _, _, e, _ in removed)
