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
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u3099\u309a\ufe20-\ufe2f"
# A base character and its combining marks: the unit NFC may change.
CLUSTER_RE = re.compile(f".[{MARKS}]*", re.S)
MARK_RE = re.compile(f"[{MARKS}]")
ANY_SPECIAL_RE = re.compile(ANY_REMOVED_RE.pattern[:-1] + MARKS + "]")
#: combining marks that start a line (after its indent): they have no base character, and once
#: a later pass joins the line to the one before, NFC would compose them with that line's last
#: character, so cleaning the output again would change it
#: (with the controls and invisible characters among them, which go anyway: "\u200b\u0301"; an
#: indent of any spaces, the no-break one too, which the whitespace pass removes: fuzz seed 131)
ORPHAN_MARKS_RE = re.compile(
    "(?:^|(?<=[\n\f\u2028\u2029]))[ \t\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]*"
    f"((?:[{MARKS}]|{ANY_REMOVED_RE.pattern})*[{MARKS}])"
)


class UnicodePass(Pass):
    """Normalise to NFC and remove control and invisible characters."""

    name = "unicode"
    rules = (
        Rule("UN01", "unicode.nfc", "text is not in Unicode NFC"),
        Rule("UN02", "unicode.control", "control character removed"),
        Rule("UN03", "unicode.invisible", "invisible character removed (zero-width space, BOM, soft hyphen)"),
        Rule("UN04", "unicode.orphan-mark", "combining mark with no base character (at the start of a line) removed"),
    )

    def run(self, ctx: Context) -> None:
        text = ctx.text
        removed: list[tuple[str, int, int, str]] = []
        # one class scan finds the first character any rule here cares about (most pages: none)
        special = ANY_SPECIAL_RE.search(text)
        if special is None:
            if not text.isascii() and not unicodedata.is_normalized("NFC", text):
                self._by_line(ctx, removed)
            return
        if MARK_RE.search(text, special.start()):
            removed = [("UN04", m.start(1), m.end(1), f"U+{ord(m.group(1)[-1]):04X}") for m in ORPHAN_MARKS_RE.finditer(text)]
        first = ANY_REMOVED_RE.search(text, special.start())
        if first is None and not removed:
            if not text.isascii() and not unicodedata.is_normalized("NFC", text):
                self._by_line(ctx, removed)
            return
        if first is not None:
            orphans = [(s, e) for _, s, e, _ in removed]
            for code, pattern in (("UN02", CONTROL_RE), ("UN03", INVISIBLE_RE)):
                for m in pattern.finditer(text, first.start()):
                    s, e = m.span()
                    if not any(a <= s and e <= b for a, b in orphans):  # (UN04 removes it already)
                        removed.append((code, s, e, f"U+{ord(m.group()[0]):04X}"))
        if text.isascii() or unicodedata.is_normalized("NFC", text) and not _marks_meet(text, removed):
            for code, s, e, note in sorted(removed, key=lambda r: r[1]):
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
