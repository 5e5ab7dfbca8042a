"""NZ: what the OCR read that is not text: rule lines, debris lines, column-rule glyphs.

A scanned page has printed rules between stories and columns (``————``, ``━━━━``, ``■■■■``,
``··········``) and photos or graphics whose texture the OCR reads as debris (``I l| 1 i !``,
``' . , ~``, ``rn Ll 1I``); the vertical rule between two columns comes out as ``|``, ``｜`` or
``丨`` at the edge of every line. Left in, they glue into paragraphs when a broken paragraph is
joined across them (``…预约，■■■■每块地…``), hide a sentence end (``…景象。 |``), turn into
titles, or are "repaired" into text (a dotted rule into ``……``). This pass runs before every
other repair, so they are gone before anything reads the layout; each removal is an edit.

What is never touched (when in doubt the line stays):

- a line with any Han character on it, but for a column-rule glyph at its very edge;
- a lone number or a short Latin word (``3``, ``A3``, ``5G``, ``AI``, ``DATONG DAILY``): page
  numbers are the ``dedup`` pass's (DU07), the rest may be text;
- a page number set between dashes or dots (``- 2 -``, ``·3·``), also DU07's;
- closing punctuation alone on a line (``。”``): a wrapped line's end;
- a kicker or a line that is only ``……`` or ``——``: two marks are no rule.

Unreadable characters (``□`` or ``■`` between Han characters, U+FFFD) cannot be repaired: they
are reported (NZ04) and kept. A box or a diamond set before a byline (``□本报记者 王五``) is
typography, not text: it goes (NZ05), so the byline reads as one.
"""
from __future__ import annotations

import re
import unicodedata

from ..model import Rule
from ..patterns import HAN
from .base import Context, Pass

#: characters of a printed rule, a divider or a dotted leader
RULE_CHARS = "—－━─═=＝_＿*＊~～·•.．■□◆◇●○★☆▲△▼▽\\-‐–―"
_SP = "[ \\t\\u3000]"
#: a line of rule characters (three or more), or of column-rule glyphs alone
RULE_LINE_RE = re.compile(
    rf"^{_SP}*(?:[{RULE_CHARS}](?:{_SP}*[{RULE_CHARS}]){{2,}}|[|｜丨](?:{_SP}*[|｜丨])*){_SP}*$", re.M
)
#: a short line with no Han character: a candidate for OCR debris (judged by :func:`debris`)
NO_HAN_LINE_RE = re.compile(f"^[^\\n{HAN}]{{2,40}}$", re.M)
#: a page number between dashes or dots: the dedup pass keeps it in the page metadata
PAGE_NUMBER_RE = re.compile(r"[-—–·•]+\s*\d{1,3}\s*[-—–·•]+")
ALNUM_RE = re.compile(r"[A-Za-z0-9]")
#: a figure, whole or a piece of one wrapped onto its own line (``8.4%``, ``1,200``, ``3:0``)
NUMBER_RE = re.compile(r"[-+]?[.,]?\d+(?:[.,:/]\d*)*[%‰]?")
CHINESE_MARK_RE = re.compile("[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2018-\u201d\u2026]")
#: a symbol that does not occur alone in text but does in debris
DEBRIS_SYMBOL_RE = re.compile("[!-/:-@\\[-`{-~｜丨\ufffd’‘´¨ˇ]")
#: a column-rule glyph at the start or the end of a line of text (the line is checked for Han)
EDGE_GLYPH_RE = re.compile(rf"^{_SP}*[|｜丨] *(?=[^\n])|{_SP}*[|｜丨]{_SP}*$", re.M)
#: a box or a diamond set before a byline (``□本报记者 王五``, ``■记者 李四``), as local papers do
BYLINE_MARKER_RE = re.compile(
    rf"^{_SP}*([□■◇◆○●△▲☆★]{_SP}*)(?=(?:本报|本報|新华社|新華社)?(?:特约|特約)?(?:记者|記者|通讯员|通訊員|实习生|實習生){_SP}*[{HAN}])",
    re.M,
)
#: an unreadable character: U+FFFD, or a box between Han characters
UNREADABLE_RE = re.compile(f"\ufffd+|(?<=[{HAN}])[□■]+(?=[{HAN}])")
#: what makes a line text (a column-rule glyph at its edge goes): Han, digits, Chinese marks
TEXT_RE = re.compile(f"[{HAN}0-9\u3001-\u303f\uff01-\uff5e]")


def debris(line: str) -> bool:
    """Whether a line without Han characters is OCR debris: every token is at most two letters or
    digits, not all of them numbers, and there are two tokens or more, or a symbol text does not
    have alone. A line with Chinese punctuation is never debris (``%。`` ends a wrapped paragraph).

    >>> [debris(x) for x in ("I l| 1 i !", "' . , ~", "rn Ll 1I", "\ufffd\ufffd", "| ~", "Ｅ ｒ")]
    [True, True, True, True, True, True]
    >>> [debris(x) for x in ("A3", "5G", "AI", "DATONG DAILY", "- 2 -", "。”", "3%。", "8.4%", "1 1", "2026.3.15")]
    [False, False, False, False, False, False, False, False, False, False]
    """
    if CHINESE_MARK_RE.search(line):
        return False
    line = unicodedata.normalize("NFKC", line)  # ``Ｅ ｒ`` is ``E r`` once punct has made it half-width
    tokens = line.split()
    if not tokens or sum(len(t) for t in tokens) < 2:
        return False
    if any(len(ALNUM_RE.findall(t)) > 2 for t in tokens) or all(NUMBER_RE.fullmatch(t) for t in tokens):
        return False
    if PAGE_NUMBER_RE.fullmatch(line.strip()) or not (ALNUM_RE.search(line) or DEBRIS_SYMBOL_RE.search(line)):
        return False
    return len(tokens) >= 2 or DEBRIS_SYMBOL_RE.search(line) is not None


class NoisePass(Pass):
    """Remove rule lines, OCR debris lines and column-rule glyphs; report unreadable characters."""

    name = "noise"
    rules = (
        Rule("NZ01", "noise.rule-line", "line of rule characters (a printed rule or divider) removed"),
        Rule("NZ02", "noise.debris-line", "line of OCR debris (no Han character, only stray marks and letters) removed"),
        Rule("NZ03", "noise.column-rule", "column-rule glyph (| ｜ 丨) at the edge of a line removed"),
        Rule("NZ05", "noise.byline-marker", "box or diamond set before a byline removed"),
        Rule("NZ04", "noise.unreadable", "unreadable character (□, ■ between Han characters, U+FFFD); kept",
             fixable=False, severity="warning"),
    )
    options = {"debris": True}  # remove debris lines (NZ02); rule lines and glyphs always go

    def run(self, ctx: Context) -> None:
        text = ctx.text
        found: dict[int, tuple[int, str, str]] = {}  # line start -> (line end, code, note)
        for m in RULE_LINE_RE.finditer(text):
            found[m.start()] = (m.end(), "NZ01", "rule line")
        if ctx.options["debris"]:
            for m in NO_HAN_LINE_RE.finditer(text):
                # (judged by the line alone, not by the blank lines around it, which cleaning
                # changes: the verdict must be the same on the output)
                if m.start() not in found and debris(m.group()):
                    found[m.start()] = (m.end(), "NZ02", "OCR debris")
        # a run of such lines (only newlines between them) goes as one, leaving one gap
        runs: list[list[tuple[int, int, str, str]]] = []
        for s, (e, code, note) in sorted(found.items()):
            if runs and not text[runs[-1][-1][1] : s].strip("\n"):
                runs[-1].append((s, e, code, note))
            else:
                runs.append([(s, e, code, note)])
        for run in runs:
            a, b = _line_gap(text, run[0][0], run[-1][1])
            for k, (s, e, code, note) in enumerate(run):  # one edit a line, the gap with the last
                ctx.edit(code, a if k == 0 else s, b if k == len(run) - 1 else run[k + 1][0], "", note)
        for m in EDGE_GLYPH_RE.finditer(text):
            s, e = m.span()
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", e)
            line = text[line_start : len(text) if line_end < 0 else line_end]
            if line_start in found or not TEXT_RE.search(line.replace("丨", "")):
                continue
            if line.count("|") + line.count("｜") > 2:
                continue  # a table set with rules: its rules are its layout
            if s == line_start:  # a glyph opening the line: an indent before it stays
                s += len(m.group()) - len(m.group().lstrip(" \t\u3000"))
            ctx.edit("NZ03", s, e, "", "column rule")
        for m in BYLINE_MARKER_RE.finditer(text):
            ctx.edit("NZ05", m.start(1), m.end(1), "", "byline marker")
        for m in UNREADABLE_RE.finditer(text):
            ctx.diagnose("NZ04", m.start(), m.end(), f"unreadable character “{m.group()}”; check the scan", "warning")


def _line_gap(text: str, s: int, e: int) -> tuple[int, int]:
    """The span that removes the line ``text[s:e]`` and leaves the wider of the two gaps around
    it (a story break survives; a line between two halves of a paragraph leaves one gap)."""
    n = len(text)
    before = 0
    while s - before - 1 >= 0 and text[s - before - 1] == "\n":
        before += 1
    after = 0
    while e + after < n and text[e + after] == "\n":
        after += 1
    if e + after >= n:  # nothing after it: take the newlines before it, keep the final ones
        return s - before, e
    if s - before <= 0:  # nothing before it: the blank lines after it go too
        return s, e + after
    return s, e + min(before, after)
