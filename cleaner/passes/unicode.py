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
        for m in CONTROL_RE.finditer(text):
            ctx.edit("UN02", m.start(), m.end(), "", f"U+{ord(m.group()[0]):04X}")
        for m in INVISIBLE_RE.finditer(text):
            ctx.edit("UN03", m.start(), m.end(), "", f"U+{ord(m.group()[0]):04X}")
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            return
        taken = {e.start for e in ctx.edits}
        pos = 0
        for line in text.split("\n"):
            if not unicodedata.is_normalized("NFC", line):
                for m in CLUSTER_RE.finditer(line):
                    s = m.group()
                    n = unicodedata.normalize("NFC", s)
                    if n != s and pos + m.start() not in taken:
                        ctx.edit("UN01", pos + m.start(), pos + m.end(), n)
            pos += len(line) + 1
