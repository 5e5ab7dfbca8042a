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
- a kicker or a line that is only ``……`` or ``——``: two marks are no rule;
- a scene break, three to five stars apart by spaces (``* * *``, ``＊　＊　＊``): an author's.

Unreadable characters (``□`` or ``■`` between Han characters, U+FFFD) cannot be repaired: they
are reported (NZ04) and kept. A box or a diamond set before a byline (``□本报记者 王五``) is
typography, not text: it goes (NZ05), so the byline reads as one.
"""
from __future__ import annotations

import re
import unicodedata

from ..model import Rule
from ..patterns import HAN_CHAR_RE, CREDIT_ROLE, HAN
from .base import Context, Pass

#: characters of a printed rule, a divider or a dotted leader
RULE_CHARS = "—－━─═=＝_＿*＊~～·•.．■□◆◇●○★☆▲△▼▽\\-‐–―"
_SP = "[ \\t\\u3000]"
#: a line of rule characters (three or more), or of column-rule glyphs alone (``fullmatch``)
RULE_LINE_RE = re.compile(
    rf"{_SP}*(?:[{RULE_CHARS}](?:{_SP}*[{RULE_CHARS}]){{2,}}|[|｜丨](?:{_SP}*[|｜丨])*){_SP}*"
)
#: a scene break in an essay or a story (``* * *``, ``＊　＊　＊``, ``※ ※ ※``): three to five of one
#: star apart by spaces. It parts the text as an author set it: text, not a printed rule
SCENE_BREAK_RE = re.compile(rf"{_SP}*([*＊※★☆])(?:{_SP}+\1){{2,4}}{_SP}*")
#: a line with no Han character: a rule line or a candidate for OCR debris (judged by :func:`debris`)
NO_HAN_LINE_RE = re.compile(f"^[^\\n{HAN}\U00020000-\U0003134f]{{1,200}}$", re.M)  # (astral Han too: t2s makes 顣 𫖹)
#: a page number between dashes or dots: the dedup pass keeps it in the page metadata
PAGE_NUMBER_RE = re.compile(r"[-—–·•]+\s*\d{1,3}\s*[-—–·•]+")
ALNUM_RE = re.compile(r"[A-Za-z0-9]")
#: a figure, whole or a piece of one wrapped onto its own line (``8.4%``, ``1,200``, ``3:0``)
NUMBER_RE = re.compile(r"[-+]?[.,]?\d+(?:[.,:/]\d*)*[%‰]?")
CHINESE_MARK_RE = re.compile("[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2018-\u201d\u2026]")
#: a symbol that does not occur alone in text but does in debris
DEBRIS_SYMBOL_RE = re.compile("[!-/:-@\\[-`{-~｜丨\ufffd’‘´¨ˇ]")
GLYPHS = "|｜丨"
#: boxes and diamonds set before a byline (``□本报记者 王五``, ``■记者 李四``), as local papers do
MARKERS = "□■◇◆○●△▲☆★◎"
#: one scan finds every column-rule glyph, unreadable character and byline marker on a page
MARK_RE = re.compile(f"[{GLYPHS}{MARKERS}\ufffd]")
ROLE_AFTER_MARKER_RE = re.compile(
    rf"{_SP}*(?:{CREDIT_ROLE}{_SP}*[{HAN}]|[{HAN}]{{2,4}}{_SP}*(?=\n|$))"
)  # (or a name alone on its line: ``□王秀云`` under a 副刊 essay's title)
SPACES = " \t\u3000"
#: what makes a line text (a column-rule glyph at its edge goes): Han, Latin letters, digits,
#: Chinese marks. (Without letters, ``AI 5 |``'s rule stayed until a join put the line after Han.)
TEXT_RE = re.compile(f"[{HAN}0-9A-Za-z\u3001-\u303f\uff01-\uff5e]")


#: lines of a few letters and marks that are text, not debris
SHORT_WORD_RE = re.compile(r"(?i)Q ?& ?A|No\. ?\d{1,4}|P\. ?S\.?|Vol\. ?\d{1,4}|Tel\.?|Fax|E-?mail")


def debris(line: str) -> bool:
    """Whether a line without Han characters is OCR debris: every token is at most two letters or
    digits, not all of them numbers, and there are two tokens or more, or a symbol text does not
    have alone. A line with Chinese punctuation is never debris (``%。`` ends a wrapped paragraph).

    >>> [debris(x) for x in ("I l| 1 i !", "' . , ~", "rn Ll 1I", "\ufffd\ufffd", "| ~", "Ｅ ｒ")]
    [True, True, True, True, True, True]
    >>> [debris(x) for x in ("A3", "5G", "AI", "DATONG DAILY", "- 2 -", "。”", "3%。", "8.4%", "1.5%,", "2%.", "1 1", "5G,", "AI.")]
    [False, False, False, False, False, False, False, False, False, False, False, False, False]
    >>> [debris(x) for x in ("Q&A", "No. 5", "P.S.")]
    [False, False, False]
    """
    if CHINESE_MARK_RE.search(line):
        return False
    line = unicodedata.normalize("NFKC", line)  # ``Ｅ ｒ`` is ``E r`` once punct has made it half-width
    if SHORT_WORD_RE.fullmatch(line.strip()):
        return False  # short, but words: an interview's ``Q&A``, a numbered item's ``No. 5``
    tokens = line.split()
    if not tokens or sum(len(t) for t in tokens) < 2:
        return False
    if any(len(ALNUM_RE.findall(t)) > 2 for t in tokens):
        return False
    if all(NUMBER_RE.fullmatch(t.rstrip(",.;:!?")) for t in tokens):
        return False  # figures, maybe with a mark that punct makes Chinese (``1.5%,`` wrapped to its own line)
    if PAGE_NUMBER_RE.fullmatch(line.strip()) or not (ALNUM_RE.search(line) or DEBRIS_SYMBOL_RE.search(line)):
        return False
    if len(tokens) >= 2:
        return True
    # one token: debris only with a symbol inside it, not a mark ending a sentence (``5G,`` ``AI.``
    # end a paragraph whose last characters wrapped onto a line of their own)
    return DEBRIS_SYMBOL_RE.search(tokens[0].rstrip(",.;:!?")) is not None


class NoisePass(Pass):
    """Remove rule lines, OCR debris lines and column-rule glyphs; report unreadable characters."""

    name = "noise"
    rules = (
        Rule("NZ01", "noise.rule-line", "line of rule characters (a printed rule or divider) removed"),
        Rule("NZ02", "noise.debris-line", "line of OCR debris (no Han character, only stray marks and letters) removed"),
        Rule("NZ03", "noise.column-rule", "column-rule glyph (| ｜ 丨) at the edge of a line removed"),
        Rule("NZ04", "noise.unreadable", "unreadable character (□, ■ between Han characters, U+FFFD); kept",
             fixable=False, severity="warning"),
        Rule("NZ05", "noise.byline-marker", "box or diamond set before a byline removed"),
    )
    options = {"debris": True}  # remove debris lines (NZ02); rule lines and glyphs always go

    def run(self, ctx: Context) -> None:
        text = ctx.text
        # Two scans of the page: lines without Han, and the few marks this pass cares about.
        found: dict[int, tuple[int, str, str]] = {}  # line start -> (line end, code, note)
        for m in NO_HAN_LINE_RE.finditer(text):
            line = m.group()
            if SCENE_BREAK_RE.fullmatch(line):
                continue
            if RULE_LINE_RE.fullmatch(line):
                found[m.start()] = (m.end(), "NZ01", "rule line")
            elif ctx.options["debris"] and len(line) <= 40 and debris(line):
                # (judged by the line alone, not by the blank lines around it, which cleaning
                # changes: the verdict must be the same on the output)
                found[m.start()] = (m.end(), "NZ02", "OCR debris")
        lines: dict[int, int] = {}  # start -> end of each line holding a mark
        marks: list[int] = []
        for m in MARK_RE.finditer(text):
            g = m.start()
            marks.append(g)
            start = text.rfind("\n", 0, g) + 1
            if start not in lines:
                end = text.find("\n", g)
                lines[start] = len(text) if end < 0 else end
        for start, end in lines.items():  # a line of glyphs alone (丨 is a Han character)
            if start not in found and RULE_LINE_RE.fullmatch(text, start, end) and not SCENE_BREAK_RE.fullmatch(text, start, end):
                found[start] = (end, "NZ01", "rule line")
        self._remove_lines(ctx, text, found)
        for start, end in lines.items():
            if start not in found:
                self._edge_glyphs(ctx, text, start, end)
        self._marks(ctx, text, marks)

    @staticmethod
    def _remove_lines(ctx: Context, text: str, found: dict[int, tuple[int, str, str]]) -> None:
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

    @staticmethod
    def _edge_glyphs(ctx: Context, text: str, line_start: int, line_end: int) -> None:
        """NZ03: a column-rule glyph at the start or the end of a line of text, with the spaces
        between it and the line's edge (an indent after a leading glyph stays)."""
        line = text[line_start:line_end]
        body = line.strip(SPACES)
        if not body or not (body[0] in GLYPHS or body[-1] in GLYPHS) or not TEXT_RE.search(line.replace("丨", "")):
            return
        if line.count("|") + line.count("｜") > 2:
            return  # a table set with rules: its rules are its layout
        lead = line_start + len(line) - len(line.lstrip(SPACES))
        if body[0] in GLYPHS:  # the glyph and the ASCII spaces after it go
            end = lead + 1
            while end < line_end and text[end] == " ":
                end += 1
            ctx.edit("NZ03", lead, end, "", "column rule")
        if body[-1] in GLYPHS and len(body) > 1:
            start = lead + len(body) - 1
            while start > line_start and text[start - 1] in SPACES:
                start -= 1
            ctx.edit("NZ03", start, line_end, "", "column rule")

    @staticmethod
    def _marks(ctx: Context, text: str, marks: list[int]) -> None:
        """NZ05: a marker before a byline; NZ04: an unreadable character."""
        done = -1
        for g in marks:
            if g < done:
                continue
            c = text[g]
            if c in MARKERS and not text[text.rfind("\n", 0, g) + 1 : g].strip(SPACES):  # opening its line
                m = ROLE_AFTER_MARKER_RE.match(text, g + 1)
                if m:
                    end = g + 1
                    while text[end] in SPACES:
                        end += 1
                    ctx.edit("NZ05", g, end, "", "byline marker")
                    continue
            if c == "\ufffd" or c in "□■":
                e = g + 1
                while e < len(text) and text[e] == c:
                    e += 1
                done = e
                if c == "\ufffd" or (g and HAN_CHAR_RE.match(text, g - 1) and HAN_CHAR_RE.match(text, e)):
                    ctx.diagnose("NZ04", g, e, f"unreadable character “{text[g:e]}”; check the scan", "warning")


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
