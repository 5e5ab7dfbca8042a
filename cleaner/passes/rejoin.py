"""RJ: rejoin text that layout broke apart.

Two passes, run in this order:

``wrap`` (RJ0x) reads hard-wrapped dumps (one visual line per line). It estimates the column
width of each block (the width most of its lines reach, in characters and in display cells),
joins a line to the next when the line is *full* (it reaches that width, so the paragraph ran
on; within one character, unless the column is *tight*: its lines all have exactly that width,
as a program wraps them), and starts a new paragraph (a blank line) where the next line is
indented or the line is short, and around lines that stand alone (a dateline opening a
paragraph, a ``——`` subtitle, a byline). A title that OCR read on one line with its column's
first line (the line is wider than the column, and after its last wide gap comes one full column
line) is parted from it at the gap. Indents are consumed here, as the paragraph-start
signal they are, and each removal is logged. A block whose lines do not share a width (a dump
with one paragraph per line) gets a paragraph break at every newline.

Blank lines are left alone: a blank line inside a paragraph, where a column ended, is the
block-level pass's business. ``wrap`` only leaves it a hint in ``ctx.meta["rejoin.hints"]``:
the block before ends on a full line (``runs-on``), and, on an indented page or one whose
paragraphs end on short lines, the next line would have started a paragraph otherwise
(``continue``). On a page of indented one-line paragraphs, a block without an indent continues
the one before (``continue``). Hints only ever add joins, so cleaning the output again (where
the layout is gone) decides the same.

``rejoin`` (RJ1x, RJ2x) works on blocks (runs of lines between blank lines, one paragraph or
heading each). It joins block A to the next block B when A cannot end a paragraph and B is body
text::

    今年是中国共产党成立105周年，      ->  今年是中国共产党成立105周年，是“十五五”开局之年。
    (blank line)
    是“十五五”开局之年。

A *cannot end a paragraph* when it has no terminal mark (``。！？…!?``, optionally followed by
closers ``”’」』）》``) at its end: it ends in ``，、；：``, an opening bracket, or mid-word
(``…市医保`` / ``局要求，…``). An unclosed ``“`` in A whose ``”`` comes first in B is evidence
too, even across a ``。`` (``他说：“我们会做好。`` / ``请大家放心。”``). Joins chain: A+B, then
(A+B)+C, and so on.

Never joined: B that is a dateline (``本报讯（记者 …）``), a byline (``本报记者 李雪峰``), a photo
credit or editor line, a subtitle (``——访…``) or a jump marker (``（下转第4版）``), nor a heading
B (short, no terminal mark) unless A is plainly unfinished (``，``) and B is no title (no dateline
or heading after it). A short unfinished A with no clause punctuation is a heading (``寒冬暖举措``
/ ``温情润人心``, a section label over a caption) unless the page says it is the first piece of a
paragraph: B starts with ``，``/``、`` or mid-sentence, A ends on a character that ends no heading
(``的``, ``更``…) or the character pair across the break occurs nearby (``医保``+``局``), A is
a dateline's first piece (``本报讯`` / ``（记者 …）``) or a lead's first piece under its title
(``傍晚时分，位于城南的美`` / ``食街…``). When A ends mid-clause but B is no continuation,
nothing is joined and ``RJ11`` says so.

Lost paragraph starts (``RJ20``): a body block that is not joined to the block before it but
starts mid-sentence is reported at its first line and left alone (gluing it to a paragraph that
ended with ``。`` would be a guess). The signals, chosen to rarely fire on a real start:

- it starts with punctuation that cannot open a sentence (``，。、；：？！）》”``);
- its first clause is a single character before ``、`` or ``，`` (``足、扶持政策…``,
  ``点，他建议…``; list numbers such as ``一、`` are exempt), or its first sentence is one or
  two characters (``度。对标…``);
- a closing ``”`` or ``）`` comes before any opening one (the opening one was lost);
- it starts with a particle that only follows a word (``们``, ``吗``, ``呢``, ``吧``, ``啊``),
  with ``的`` (but ``的确``), or with a reflexive whose antecedent is missing (``自身``, ``本身``: ``自身企业发展经历表示，…``).

Missed on purpose: a start that reads like a sentence (``方位转型注入强劲动能。``); a
paragraph that ended with ``。`` at the foot of a column while it went on in the next (on a
blank-line page nothing says so; on a hard-wrapped page with indents, the missing indent does).
"""
from __future__ import annotations

import re
from collections import Counter
from itertools import repeat

from ..model import Rule
from ..patterns import (
    HAN_CHAR_RE,
    AUTHOR_NOTE_RE,
    BYLINE_RE,
    SALUTATION_RE,
    TIME_ITEM_RE,
    CREDIT_ROLE,
    CLOSERS,
    CONTINUING,
    CREDIT_RE,
    DATELINE_RE,
    HAN,
    JUMP_RE,
    SUBTITLE_RE,
    TERMINAL,
    TERMINAL_END_RE,
    LIST_ITEM_RE,
    MAX_SPACED_HEADLINE_CHARS,
    NOTICE_FIELD_RE,
    names_line,
    spaced_headline,
    table_row,
    split_blocks,
)
from .base import Context, Pass
from .convert import converter, has_traditional

SPACES = " \t\u3000\u00a0"
INDENT_RE = re.compile(r"^[ \t\u3000\u00a0]+")
#: the indent of a line after the first (a literal first: the engine's fast search, where ``^``
#: in multi-line mode is tried at every position of a page)
LINE_INDENT_RE = re.compile("\n([ \t\u3000\u00a0]+)")
#: an indent that starts a paragraph: ``　``, a tab or two spaces (a lone space is OCR noise)
PARA_INDENT_RE = re.compile(r"^(?:[\u3000\t]|  )", re.M)


def _indents(text: str) -> list[tuple[int, int]]:
    """The spans of the indents of the lines of ``text``."""
    m = INDENT_RE.match(text)
    return ([m.span()] if m else []) + [m.span(1) for m in LINE_INDENT_RE.finditer(text)]


#: the last characters of a text that :data:`TERMINAL_END_RE` can find at its end
TERMINAL_LAST = frozenset(TERMINAL + CLOSERS + ".")
#: ... and those that end a match by themselves (the pattern's first branch, no closers after)
TERMINAL_MARKS = frozenset(TERMINAL)


def _ended(text: str, window: int = 0) -> bool:
    """Whether ``TERMINAL_END_RE`` finds a sentence end at the end of a line or block (no newline
    at its end), starting in its last ``window`` characters if given. Only the last character
    before the closers can start a match: the pattern is tried there alone, not at every position."""
    last = text[-1:]
    if last in TERMINAL_MARKS:
        return True  # (most ends: ``。``, the pattern's first branch; no need to try it)
    if last not in TERMINAL_LAST:
        return False
    start = len(text.rstrip(CLOSERS)) - 1
    return TERMINAL_END_RE.search(text, max(start, len(text) - window) if window else start) is not None
#: a paragraph indent inside a line, after a sentence's end (``…在大同闭幕。　　本届运动会``): the
#: line break before it was lost, the paragraph starts there all the same
INDENT_RUN_RE = re.compile("\u3000\u3000+")  # (a literal first: the engine's fast search)
INDENT_NEXT_RE = re.compile(f"[{HAN}“「（(0-9]")


def _inline_indents(text: str) -> list[tuple[int, int]]:
    """The spans of the paragraph indents inside lines of ``text``, after a sentence's end."""
    out = []
    if "\u3000\u3000" in text:
        for m in INDENT_RUN_RE.finditer(text):
            s, e = m.span()
            c = text[s - 1] if s else "\n"
            if c in "”’」』" and s >= 2:
                c = text[s - 2]  # (a sentence ends inside its quotes)
            if c in "。！？!?" and INDENT_NEXT_RE.match(text, e):
                out.append((s, e))
    return out
#: lines that start a block in a hard-wrapped column, whatever the width of the line before: a
#: dateline opening a paragraph (``本报讯（记者…``, ``新华社北京3月5日电``), a subtitle
#: (``——访…``); bylines (:data:`BYLINE_RE`) too, and they end their block as well
OPENS_BLOCK_RE = re.compile(r"(?:据)?(?:本报|新华社|中新社)[^，。\n]{0,14}(?:讯|电)|——")
#: the first characters of such lines, of bylines and of author lines (a cheap test before the patterns)
OWN_LINE_FIRST = frozenset("据本新中—人特记通实摄（(")
#: how a photo credit line ends (``本报记者 马宏 摄``, ``新华社发 王五 供图``)
PHOTO_CREDIT_ENDS = ("摄", "摄影", "供图", "制图")
#: the longest second line of a wrapped ``——`` subtitle
MAX_SUBTITLE_TAIL = 20
LATIN_WORD_START_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*")

#: a line at most this much narrower than the column width is full (the paragraph ran on)
FULL_SLACK = 1
#: marks that typesetting lets hang one character past a column's edge
HANGING = frozenset("，。、；：？！”’）》」』")
#: the share of full lines at exactly the column width (not one over) that makes a column
#: tight: no slack
TIGHT = 0.9
#: blocks whose lines share no width up to this are not hard-wrapped: a line per paragraph
MAX_WRAP_WIDTH = 60
#: what a numbered item (``patterns.LIST_ITEM_RE``) can start with: one test before the regex
LIST_FIRST = frozenset("0123456789（(一二三四五六七八九十lI" + "".join(map(chr, range(0x2460, 0x2488))))  # (①-⑳, ⑴-⒇)
#: any punctuation mark: prose wrapped to a column has them in nearly every line, verse may have none
PUNCT_RE = re.compile(r"[，。、；：？！,.;:?!“”‘’（）()《》—…]")
#: narrower "columns" are lists of short lines (names, headings, a poem's lines), not wrapped text
MIN_WRAP_WIDTH = 10
#: a heading is at most this many characters
MAX_HEADING_CHARS = 40
#: ... and at most this many without a space, a dash or a middle dot to break it up
MAX_SOLID_HEADING_CHARS = 28
HEADING_BREAK_RE = re.compile(r"[ \u3000—·]")
#: one-line blocks longer than this count as paragraphs when judging whether a page indents them
BODY_CHARS = 20
#: a block this short after a paragraph, followed by body text, is a piece, not a heading
FRAGMENT_CHARS = 2
#: characters of a block's first line that key a hint from ``wrap`` to ``rejoin``
HINT_KEY_CHARS = 8

META_HINTS = "rejoin.hints"
ZEROS = repeat(0)


def _latin(ch: str, digits: bool = False) -> bool:
    return ch.isascii() and (ch.isalnum() if digits else ch.isalpha())


#: capitals alone at a line's end after Chinese text or a bracket, and at the next line's start
#: before it: one acronym that a column wrapped by characters cut (``（AM`` / ``RO）``, ``CB`` / ``A联赛``)
ACRONYM_END_RE = re.compile(r"(?:^|[^\x00-\x7f])[A-Z]{1,6}$")
ACRONYM_START_RE = re.compile(r"[A-Z]{1,6}(?:$|[^\x00-\x7f])")


#: the letters and figures of a Latin word before a hyphen that ends a piece, and after it
WORD_BEFORE_HYPHEN_RE = re.compile(r"[A-Za-z0-9]+(?=-$)")
WORD_AFTER_HYPHEN_RE = re.compile(r"[A-Za-z0-9]+")


def _soft_hyphen(prev: str, nxt: str, text: str) -> bool:
    """Whether the hyphen ending ``prev`` was added where a wrap cut a Latin word, rather than
    written (``5G-`` / ``Advanced``). The page decides when it holds the word elsewhere, whole
    (``GDP``) or hyphenated; else a hyphen between lowercase letters, two or more before it, is
    a wrap's (``trans-`` / ``formation``), as typesetters hyphenate: one before a capital or a
    figure is a name's (``Wi-`` / ``Fi``, ``COVID-`` / ``19``), and one after a single letter a
    compound's (``X-`` / ``ray``, ``e-`` / ``mail``: no typesetter leaves one letter before a hyphen)."""
    a, b = WORD_BEFORE_HYPHEN_RE.search(prev, max(0, len(prev) - 64)), WORD_AFTER_HYPHEN_RE.match(nxt)
    if text and a is not None and b is not None and not (a.group().isdigit() or b.group().isdigit()):
        # (figures either side are a range or a name's number, ``2-`` / ``8周``, ``COVID-`` / ``19``)
        edge = r"(?<![A-Za-z0-9-]){}(?![A-Za-z0-9-])"
        if re.search(edge.format(re.escape(f"{a.group()}-{b.group()}")), text):
            return False
        if re.search(edge.format(re.escape(a.group() + b.group())), text):
            return True
    word = a.group() if a is not None else ""
    return word[-2:].isalpha() and len(word) >= 2 and word[-1].islower() and nxt[:1].islower()


def _joiner(prev: str, nxt: str, text: str = "") -> tuple[int, str]:
    """How to glue two pieces of one paragraph: (characters to drop from ``prev``'s end, text to
    insert). ``text``, the page, is evidence for a hyphen at the break (:func:`_soft_hyphen`)."""
    last, first = prev[-1:], nxt[:1]
    if not (last.isascii() and first.isascii()):
        return 0, ""  # (the common case, Chinese on either side)
    if last == "-" and _latin(first, digits=True):
        return (1, "") if _soft_hyphen(prev, nxt, text) else (0, "")
    if _latin(last) and _latin(first):
        if ACRONYM_END_RE.search(prev) and ACRONYM_START_RE.match(nxt):
            return 0, ""  # an acronym in Chinese text, cut by a wrap at the column's width (``（AM`` / ``RO）``)
        return 0, " "  # Latin words keep their space
    return 0, ""  # CJK joins insert nothing, nor do numbers cut in two (``12`` / ``119``)


#: the Latin letters that end a line and those that open the next one
LATIN_TAIL_RE = re.compile(r"(?:^|(.))([A-Za-z]+)$", re.S)
LATIN_HEAD_RE = re.compile(r"[A-Za-z]+")


def _cut_word(prev: str, nxt: str) -> bool:
    """Whether letters at the end of a full line and at the start of the next are one word cut
    by a wrap by characters rather than two words (``machine`` / ``learning``): the piece on the
    line is set solid against Chinese (``华为Ma`` / ``te 70``: text whose Latin words stand
    apart has a space there), or a piece has only one or two letters (``Pyth`` / ``on``)."""
    tail, head = LATIN_TAIL_RE.search(prev), LATIN_HEAD_RE.match(nxt)
    if tail is None or head is None:
        return False
    before = tail.group(1) or ""
    return (before != "" and not before.isascii()) or min(len(tail.group(2)), len(head.group())) <= 2


def _in_credit(text: str, nl: int, nxt: int) -> bool:
    """Whether the line break at ``nl`` falls between two names inside an open credit bracket
    (``（记者 王晓明`` / ``李红梅）``): a ``（`` with a role and no ``）`` before it, and a word of
    2–4 Han characters on each side that do not make a role together (``通讯`` / ``员 赖春华）``)
    or a name cut in two (``温柏`` / ``林 许小慧）``)."""
    line = text[text.rfind("\n", 0, nl) + 1 : nl]
    o = max(line.rfind("（"), line.rfind("("))
    if o < 0 or "）" in line[o:] or ")" in line[o:] or not any(r in line[o:] for r in ("记者", "通讯员", "实习生", "記者")):
        return False
    m = CREDIT_WORD_RE.match(text, nxt)
    last = CREDIT_LAST_RE.search(line)
    return m is not None and last is not None and not CREDIT_ROLE_RE.fullmatch(last.group() + m.group())


#: a name (or role) in a credit: 2–4 Han characters up to a space, a bracket or the line's end
CREDIT_WORD_RE = re.compile(f"[{HAN}]{{2,4}}(?=[ \u3000）)、\n]|$)")
CREDIT_LAST_RE = re.compile(f"(?<![{HAN}])[{HAN}]{{2,4}}$")
CREDIT_ROLE_RE = re.compile(CREDIT_ROLE)


def _indent_width(indent: str) -> int:
    """Width of an indent in full-width cells: ``　`` is one, a tab two, two spaces one (a lone
    space, an OCR artefact, none)."""
    wide, tabs = indent.count("\u3000"), indent.count("\t")
    return wide + 2 * tabs + (len(indent) - wide - tabs) // 2


def _measure(line: str) -> tuple[int, int, int, int]:
    """(characters, display width in half cells, raw length, indent length) of a visual line.

    Widths count an indent in cells (``　　`` and four spaces are both two), so a first line
    with an indent is as wide as the full lines under it.
    """
    if line[:1] not in SPACES or not line:  # (most lines: no indent)
        n = len(line)
        return n, 2 * n - len(line.encode("ascii", "ignore")), n, 0
    m = INDENT_RE.match(line)
    assert m is not None
    body, cells, ind = line[m.end() :], _indent_width(m.group()), m.end()
    n = cells + len(body)
    half = len(body) if body.isascii() else len(body.encode("ascii", "ignore"))
    return n, 2 * n - half, len(line), ind


def _measures(block: str, lines: list[str]) -> list[tuple[int, int, int, int]]:
    """:func:`_measure` of each of ``lines``, the lines of ``block``: the ASCII characters of
    all from one encoding of the block, and a call for a line only where it may have an indent
    (a line that starts below ``、``: no new string to test its first character)."""
    asc = block.encode("ascii", "ignore").split(b"\n")
    return [_measure(x) if x < "\u3001" else ((n := len(x)), 2 * n - len(a), n, 0) for x, a in zip(lines, asc)]


def _estimate(widths: list[int], slack: int, min_width: int, max_width: int) -> tuple[int, bool]:
    """The column width most lines reach (within ``slack``), or 0 if the lines share none; and
    whether the lines that reach it reach it exactly (a tight column: no slack needed).

    ``widths`` are the lines of a block except its last (a paragraph's last line is short).
    """
    n = len(widths)
    if n < 2:
        return 0, False
    counts = Counter(widths)
    get = counts.get
    best, support = 0, 0
    for w in counts:
        s = sum(map(get, range(w - slack, w + slack + 1), ZEROS))
        if s > support or (s == support and w > best):
            best, support = w, s
    if support < 2 or support < 0.3 * n or not min_width <= best <= max_width:
        return 0, False
    longer = sum(c for w, c in counts.items() if w > best + 2 * slack)
    if longer > 0.2 * n:
        return 0, False

    def tight(w: int) -> bool:
        # next to the lines at the width, few one over it and no more one under it than the
        # short last lines of paragraphs would explain
        exact = get(w, 0)
        return get(w + 1, 0) <= (1 - TIGHT) * exact and get(w - 1, 0) <= 0.15 * exact

    if tight(best):
        return best, True
    # The window can centre one below a tight column: 259 lines of 20 and a few last lines of
    # 18 and 19 give 19 the larger count within one; the tight width is the column.
    for w in range(best - slack, best + slack + 1):
        if w != best and min_width <= w <= max_width and get(w, 0) > get(best, 0) and tight(w):
            return w, True
    return best, False


class _Columns:
    """Column widths of a block (characters and half-cells); ``full`` tells a run-on line.

    A *tight* column (its full lines all have exactly the same number of characters, as a
    program wraps them) allows no slack: a line one character short ends its paragraph.
    """

    __slots__ = ("chars", "cells", "slack")

    def __init__(self, chars: int, cells: int, tight: bool = False) -> None:
        self.chars, self.cells, self.slack = chars, (0 if tight else cells), (0 if tight else FULL_SLACK)

    def __bool__(self) -> bool:
        return bool(self.chars or self.cells)

    def at_width(self, m: tuple[int, int, int, int]) -> bool:
        """Whether a line measured ``m`` reaches the column's width: wrapped by characters, as
        Chinese is set, which cuts a Latin word anywhere too (``华为Ma`` / ``te 70``)."""
        return self.full(m, "")  # (no next line: the width alone)

    def over(self, m: tuple[int, int, int, int]) -> bool:
        """Whether a line measured ``m`` is wider than the column (past its slack)."""
        if self.chars:
            return m[0] > self.chars + 2 * FULL_SLACK
        return bool(self.cells) and m[1] > self.cells + 4 * FULL_SLACK

    def full(self, m: tuple[int, int, int, int], line: str, nxt: str | None = None) -> bool:
        """Whether ``line`` (measured ``m``) fills the column, so its paragraph runs on, without
        overflowing it by much (a title wider than the column is no run-on line)."""
        # it reaches the column's width (:meth:`at_width`, tested here: a call per line cost more)
        c, h, raw, ind = m
        chars, cells, slack = self.chars, self.cells, self.slack
        top = chars + 2 * FULL_SLACK
        if chars and (chars - slack <= c <= top or (ind and chars - slack <= raw <= top)):
            return True  # (the second test: an indent of spaces counted as characters, not cells)
        if cells and cells - 2 * FULL_SLACK <= h <= cells + 4 * FULL_SLACK:
            return True
        if nxt is not None and _latin(line[-1:], digits=True):  # word wrap: the next word did not fit
            w = LATIN_WORD_START_RE.match(nxt.lstrip(SPACES))
            n = len(w.group()) if w else 0
            if w and ((chars and chars >= c > chars - 1 - n) or (cells and cells >= h > cells - 2 - n)):
                return True
        return False


#: the column of lines that share no width (one for all: a column is never changed)
NO_COLUMN = _Columns(0, 0)


#: a wide gap inside a line: two spaces or more, two ideographic ones or more, a tab (one space
#: is a word space, or a two-part title's)
GAP_RE = re.compile("  +|\u3000\u3000+|\t+")
GAPS = ("  ", "\u3000\u3000", "\t")  # (what each gap holds: found fast)


def _title_gap(line: str, indent: int) -> re.Match | None:
    """The last wide gap in ``line`` (after its indent) with a heading before it, or None."""
    if not any(g in line for g in GAPS):
        return None
    last = None
    for last in GAP_RE.finditer(line, indent):
        pass
    head = line[indent : last.start()] if last else ""
    # (two letters at least: a stray mark before a gap is no title)
    return last if sum(c.isalnum() for c in head) >= 2 and _heading_like(head) else None


def _glued_title(line: str, indent: int, col: _Columns) -> tuple[int, int] | None:
    """The span of the gap in a line wider than its column that parts a title from a full column
    line read with it (``太岳环线旅游公路新增6处观景台    本报讯（记者 凌一帆）记者日前从省交`` /
    ``通运输厅获悉…``: OCR read the title and the column's first line as one), or None. The part
    after the gap must reach the column's width and the part before must read as a heading."""
    m = _title_gap(line, indent)
    return m.span() if m and m.end() < len(line) and col.at_width(_measure(line[m.end() :])) else None


def _column_under_title(lines: list[str], ms: list[tuple[int, int, int, int]], opts) -> _Columns:
    """The column of a block whose lines share a width but for one that holds a title glued to
    its column's first line (too few lines for the width otherwise): measured without the title."""
    alt = list(ms)
    glued = []  # the lines with a title's gap
    for k, line in enumerate(lines[:-1]):
        m = _title_gap(line, ms[k][3])
        if m and m.end() < len(line):
            alt[k] = _measure(line[m.end() :])
            glued.append(k)
    if not glued:
        return NO_COLUMN
    col = _columns(alt[:-1], opts, lines[:-1])
    # (what wrap splits there: a line over the column whose rest after the gap is at its width)
    return col if col and any(col.over(ms[k]) and col.at_width(alt[k]) for k in glued) else NO_COLUMN


def _hanging(widths: list[int], lines: list[str], chars: int) -> int:
    """The width of a column whose lines run one character over only to hang a punctuation mark
    (``…的大会`` / ``。``), or 0. Such a column is tight: a line one short of it ends a paragraph."""
    counts = Counter(widths)
    for w in (chars, chars - 1):
        exact, over = counts.get(w, 0), counts.get(w + 1, 0)
        if not over or counts.get(w + 2, 0) > (1 - TIGHT) * exact or counts.get(w - 1, 0) > 0.15 * exact:
            continue
        hung = sum(1 for n, x in zip(widths, lines) if n == w + 1 and x[-1:] in HANGING)
        if hung >= TIGHT * over:
            return w
    return 0


def _columns(ms: list[tuple[int, int, int, int]], opts, lines: list[str] | None = None) -> _Columns:
    """The column of lines measured ``ms`` (``lines``: the lines, whose last characters tell
    hanging punctuation; looked at only when the widths leave it open)."""
    lo, hi = opts["min_wrap_width"], opts["max_wrap_width"]
    widths = [m[0] for m in ms]
    chars, tight = _estimate(widths, FULL_SLACK, lo, hi)
    if tight:  # characters explain the layout: no need for display widths
        return _Columns(chars, 0, True)
    hung = _hanging(widths, lines, chars) if chars and lines else 0
    if hung:
        return _Columns(hung, 0, True)
    cells, _ = _estimate([m[1] for m in ms], 2 * FULL_SLACK, 2 * lo, 2 * hi)
    return _Columns(chars, cells)


def _ends(lines: list[str]) -> tuple[str, ...]:
    """How a block's lines may end for ``rejoin``: its last line, and when that is one character
    (``刚``) the line before it too, which ends the key if the two were joined (``…刘志`` / ``刚``
    is ``志刚``; a short line before it leaves ``刚`` a paragraph of its own)."""
    last = lines[-1]
    if len(last.strip()) >= 2 or len(lines) < 2:
        return (last,)
    return last, lines[-2].strip() + last.strip()


def hint_key(a_end: str, b_start: str) -> str:
    """The key of a blank line's hint: the last letters before it, the first after it.

    Letters, figures and Han characters only, with full-width forms folded: ``wrap`` makes the
    key before ``punct`` turns ``"`` into ``”`` or ``１`` into ``1`` and ``convert`` ``線`` into
    ``线``, and ``rejoin`` looks it up after (``…多一分底气。"`` / ``灌区管理站…``); a
    one-character block keeps its indent in ``wrap``, which ``rejoin`` no longer sees (``　　往``)."""
    a, b = a_end[-2:], b_start[:HINT_KEY_CHARS]
    if not (a.isalnum() and b.isalnum()):  # (most keys are letters already: no filtering)
        a = "".join(filter(str.isalnum, a_end[-HINT_KEY_CHARS:]))[-2:]
        b = "".join(filter(str.isalnum, b_start[: 2 * HINT_KEY_CHARS]))[:HINT_KEY_CHARS]
    key = a + "|" + b
    if max(key) >= "\uff10":
        key = key.translate(FOLD_WIDTH)
    # (``convert`` simplifies a stray traditional character between the two passes: ``線装``)
    return converter("t2s").convert(key) if has_traditional(key) else key


#: full-width letters and figures to ASCII (``punct`` folds them between the two passes)
FOLD_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()}


_GLUED_CREDIT = rf"{CREDIT_ROLE}[ \u3000]+[{HAN}]{{2,4}}(?:[ \u3000、]+(?:{CREDIT_ROLE}[ \u3000]+)?[{HAN}]{{2,4}}){{0,4}}"
#: a byline set on the last line of the paragraph before it, after its sentence end: ``…推动发展。
#: 本报记者 王五`` or ``…推动发展。（记者 王五）`` (a space between role and name, as credits are set)
GLUED_BYLINE_RE = re.compile(
    # (an ASCII ``.`` too, after Han: punct makes it ``。`` later in the same run; one class first,
    # so the engine scans for it fast)
    rf"[。！？”.!?](?<![^{HAN}][.!?])([ \u3000]*)(?:{_GLUED_CREDIT}|[（(]{_GLUED_CREDIT}[）)]"
    # a commentary's signature and the note on its author: ``本报评论员``, ``（作者系北方大学教授）``
    rf"|(?:本报|本報|新华社|新華社|人民日报|人民日報)(?:特约|特約)?(?:评论员|評論員)"
    rf"|[（(]作者(?:系|为|為|是|单位|單位|简介|簡介|身份)[：:]?[^（）()\n]{{2,40}}[）)])"
    r"\Z"  # (searched for up to the line's end: a match ends its line)
)
#: a byline on a line of its own that OCR opened with a stray ``!`` (``…的地方。`` / ``!本报记者 滕雪莉``)
STRAY_MARK_BYLINE_RE = re.compile(rf"[!！]([ \u3000]*)(?:{_GLUED_CREDIT})\Z")
#: what follows a paragraph's end in the text wrap is given: a blank line, an indent, the end
_PARAGRAPH_END_RE = re.compile(r"\n\n|\n[ \u3000]{2}|\n?\Z|\n\f")


#: the words of which every glued byline holds one (its role, ``评论员`` or ``作者``)
GLUED_WORDS = ("记者", "記者", "通讯员", "通訊員", "实习生", "實習生", "评论员", "評論員", "作者")


def _glued_bylines(text: str, breaks: set[int]):
    """The matches of :data:`GLUED_BYLINE_RE` in ``text`` that end a paragraph: before a blank
    line, an indent, the end, or a newline in ``breaks`` (those wrap makes paragraph breaks: a
    byline kept glued there was split on the next clean). Searched for only in the lines that
    hold one of its words and end on a name or a bracket (``）``): a match lies in one line and
    ends it. (The pattern opens with a class, which the engine tests at every character of a
    page; words are found fast.)"""
    starts = set()
    for w in GLUED_WORDS:
        i = text.find(w)
        while i >= 0:
            starts.add(text.rfind("\n", 0, i) + 1)
            i = text.find(w, i + 1)
    for s in sorted(starts):
        e = text.find("\n", s)
        if e < 0:
            e = len(text)
        if text[e - 1] in "）)" or HAN_CHAR_RE.match(text, e - 1):
            m = GLUED_BYLINE_RE.search(text, s, e)
            if m is None and s and text[s] in "!！" and _ended(text[text.rfind("\n", 0, s - 1) + 1 : s - 1].strip()):
                m = STRAY_MARK_BYLINE_RE.match(text, s, e)  # (after a finished sentence: a stray mark)
            if m and (e in breaks or _PARAGRAPH_END_RE.match(text, e)):
                yield m


def _hung_mark(text: str, line: int) -> bool:
    """Whether the sentence end that opens the line at ``line`` is the end of the line before it,
    which runs on to it (``…方便群众出行`` / ``。本报记者 武振华``: OCR set the mark on the next
    line; ``rejoin`` joins it back, and the byline after it is glued on unless split here)."""
    prev = text[text.rfind("\n", 0, line - 1) + 1 : line - 1].strip()
    return bool(prev) and not _ended(prev) and not BYLINE_RE.match(prev)


#: a line that opens the note on a commentary's author or its signature (never a continuation
#: after a finished sentence; :data:`GLUED_BYLINE_RE` splits one found glued on)
AUTHOR_LINE_RE = re.compile(
    r"[（(]作者(?:系|为|為|是|单位|單位|简介|簡介|身份)|(?:本报|本報|新华社|新華社|人民日报|人民日報)(?:特约|特約)?(?:评论员|評論員)$"
)


class WrapPass(Pass):
    """Join the visual lines of hard-wrapped paragraphs; separate paragraphs by a blank line."""

    name = "wrap"
    rules = (
        Rule("RJ01", "rejoin.wrapped-line", "visual lines of one paragraph joined"),
        Rule("RJ02", "rejoin.paragraph-break", "paragraph start separated by a blank line"),
        Rule("RJ03", "rejoin.indent", "indent removed (it marked a paragraph start)"),
        Rule("RJ04", "rejoin.glued-byline", "byline set at the end of the paragraph before it put in a block of its own"),
        Rule("RJ05", "rejoin.glued-title", "title read on one line with its column's first line put in a block of its own"),
    )
    options = {"max_wrap_width": MAX_WRAP_WIDTH, "min_wrap_width": MIN_WRAP_WIDTH}
    limits = {"max_wrap_width": (1, 10_000), "min_wrap_width": (1, 10_000)}  # (a column of characters)

    def run(self, ctx: Context) -> None:
        text = ctx.text
        opts = ctx.options
        spans = split_blocks(text)
        raw = [text[s:e] for s, e in spans]
        blocks = [b.split("\n") for b in raw]
        # (a block of three lines or more without one punctuation mark is verse or a list, not
        # prose wrapped to a column: a line per paragraph, and its widths say nothing of the page)
        measures = [
            _measures(b, ls) if len(ls) > 1 and not (len(ls) > 2 and not PUNCT_RE.search(b)) else None
            for b, ls in zip(raw, blocks)
        ]
        page = (
            _columns([m for ms in measures if ms for m in ms[:-1]], opts,
                     [x for ls, ms in zip(blocks, measures) if ms for x in ls[:-1]])
            if any(measures) else NO_COLUMN
        )
        inline = _inline_indents(text)
        indents = _indents(text)
        para_indents = sum(1 for i, _ in indents if text[i] in "\u3000\t" or text.startswith("  ", i))
        indented_page = para_indents + len(inline) >= 2
        breaks: dict[int, tuple[str, int, int, str]] = {}  # newline offset -> planned edit
        # Without RJ01 (``--ignore RJ01``) a hard-wrapped block is left as it is: its RJ02 breaks
        # alone would part some of its lines, which rejoin then joins a few a round, never settling.
        joins = ctx.enabled("RJ01")
        cols: list[_Columns] = []
        short_ends = 0  # paragraphs ended by a short line inside a block
        # (asked once: a column's truth is a call)
        paged = bool(page)
        page_top = page.chars + 2 * FULL_SLACK
        for (s, e), lines, ms in zip(spans, blocks, measures):
            if ms is None and len(lines) > 1:
                col = NO_COLUMN  # verse: every line its own paragraph
            elif ms is None:
                cols.append(page if paged and _measure(lines[0])[0] <= page_top else NO_COLUMN)
                continue
            else:
                col = _columns(ms[:-1], opts, lines[:-1]) if len(lines) > 3 else NO_COLUMN
                if not col and paged and max(m[0] for m in ms) <= page_top:
                    col = page
                elif col.slack and paged and not page.slack and col.chars == page.chars:
                    col = page  # a few lines can't tell a tight column from a loose one; the page's can
                if not col and len(lines) > 3 and any(text.find(g, s, e) >= 0 for g in GAPS):
                    col = _column_under_title(lines, ms, opts)
            cols.append(col)
            if col and not joins:
                continue
            if not col:  # not hard-wrapped: a paragraph per line
                pos = s
                for prev in lines[:-1]:
                    nl = pos + len(prev)
                    pos = nl + 1
                    breaks[nl] = ("RJ02", nl, nl + 1, "\n\n")
                continue
            assert ms is not None  # (a block without measures has no column: handled above)
            full = col.full
            spaced = text.find(" ", s, e) >= 0 or text.find("\t", s, e) >= 0  # (else no line is a table's row)
            pos = s
            starts = True  # prev starts a paragraph
            for i in range(len(lines) - 1):
                prev = lines[i]
                nl = pos + len(prev)
                # (a title opens a block or follows a paragraph's end: not a line a run-on one continues)
                glued = starts and col.over(ms[i]) and _glued_title(prev, ms[i][3], col)
                if glued:  # the rest of the line is the column's line: it decides the join
                    ctx.edit("RJ05", pos + glued[0], pos + glued[1], "\n\n", "title on its column's first line")
                    lines, ms = lines[:], ms[:]  # (the block's own lists feed the hints)
                    prev = lines[i] = prev[glued[1] :]
                    ms[i] = _measure(prev)
                    starts = True
                pos = nl + 1
                if self._goes_on(lines, ms, i, starts, indented_page, full, spaced):
                    rest = lines[i + 1][ms[i + 1][3] :]
                    # (most lines go on in Chinese, which joins with nothing between: no call to find so)
                    drop, glue = _joiner(prev, rest, text) if rest < "\x80" else (0, "")
                    if glue == " " and col.at_width(ms[i]) and _cut_word(prev, rest):
                        glue = ""  # a Latin word cut where the column was full (``华为Ma`` / ``te 70``)
                    if not glue and ("（" in prev or "(" in prev) and _in_credit(text, nl, nl + 1 + ms[i + 1][3]):
                        glue = " "  # ``（记者 温柏林`` / ``许小慧）``: the space parts two names
                    breaks[nl] = ("RJ01", nl - drop, nl + 1, glue)
                    starts = False
                else:
                    short_ends += 1
                    breaks[nl] = ("RJ02", nl, nl + 1, "\n\n")
                    starts = True
        if paged:
            self._hint(ctx, blocks, cols, indented_page, short_ends)
        elif indented_page:
            self._hint_indents(ctx, blocks)
        paragraph_breaks = {nl for nl, b in breaks.items() if b[0] == "RJ02"}
        for s, e in indents:
            nl = s - 1
            if nl in breaks and breaks[nl][0] == "RJ01":  # continuation line: indent goes with the join
                code, a, _, glue = breaks.pop(nl)
                ctx.edit(code, a, e, glue)
            elif nl in breaks:
                code, a, _, glue = breaks.pop(nl)
                ctx.edit(code, a, e, glue, "indent marked a paragraph start")
            elif e < len(text) and text[e] != "\n":
                ctx.edit("RJ03", s, e, "", "paragraph start")
        for code, a, b, glue in breaks.values():
            ctx.edit(code, a, b, glue)
        if indented_page:
            for a, b in inline:
                ctx.edit("RJ02", a, b, "\n\n", "indent inside a line: the line break before it was lost")
        for m in _glued_bylines(text, paragraph_breaks):
            s = m.start()
            # (a mark alone on its line ends nothing; nor does one after a credit: ``本报记者
            # 罗俊峰. 实习生 焦雨菲`` is one credit line, whose ``.`` punct makes ``。`` later;
            # stray spaces before the mark, which punct removes, do not count)
            line = text.rfind("\n", 0, s) + 1
            head = text[line:s].strip()
            # (``!`` or ``！`` opening the byline's line after a finished sentence is a stray mark)
            if head and not BYLINE_RE.match(head) or not head and line and (text[s] in "!！" or _hung_mark(text, line)):
                ctx.edit("RJ04", m.start(1), m.end(1), "\n\n", "byline after the paragraph's last sentence")

    def _goes_on(
        self, lines: list[str], ms: list, i: int, starts: bool, indented_page: bool, full, spaced: bool = True
    ) -> bool:
        """Whether visual line ``i + 1`` continues the paragraph of line ``i`` (``starts``: line
        ``i`` opens a paragraph) in a column whose full lines ``full`` recognises (``spaced``: the
        block has a space or a tab)."""
        prev, nxt, mp, mn = lines[i], lines[i + 1], ms[i], ms[i + 1]
        ind = mn[3]
        if not full(mp, prev, nxt) and not (OPEN_CREDIT_RE.search(prev) and not (ind and PARA_INDENT_RE.match(nxt))):
            # a short line ends its paragraph, but for a credit left open (``本报讯（记者 王 建华 通讯 员``
            # / ``李晓东）3月4日，…``: stray spaces make the line look short)
            return False
        rest = nxt[ind:]
        first = rest[:1]
        if spaced and (" " in prev or "\t" in prev or " " in rest or "\t" in rest) and (table_row(prev.strip()) or table_row(rest)):
            return False  # rows of a table (``上海海港 3∶1 天津津门虎``) are lines of their own
        if first in LIST_FIRST and prev[-1:] not in "，、,（(“‘「『《〈【—·" and LIST_ITEM_RE.match(rest):
            return False  # a numbered item (``2. 刘晓梅…``, ``②…``) opens its own line (after ``：`` too)
        if indented_page and ind and PARA_INDENT_RE.match(nxt):
            return False  # the next one opens a paragraph
        if first in OWN_LINE_FIRST and AUTHOR_LINE_RE.match(rest) and _ended(prev):
            return False  # a note on the author or a commentary's signature after the last sentence
        if (first in OWN_LINE_FIRST or nxt.endswith(PHOTO_CREDIT_ENDS)) and self._stands_alone(
            rest, prev, not starts
        ):
            return False  # a dateline's start, a subtitle, a byline, a photo credit
        if indented_page and i == 0 and not mp[3] and _heading_like(prev) and _heading_like(rest):
            # on an indented page an unindented first line without punctuation is a heading, and so
            # is a short unpunctuated line under it (a title as wide as the column)
            return False
        last = prev[-1:]
        ended = last in TERMINAL_MARKS or (last in TERMINAL_LAST and _ended(prev))  # (most lines: no call)
        if (ended or (last in "）)" and JUMP_RE.search(prev))) and _heading_like(rest):
            if not full(mn, nxt):
                # a finished sentence, then a short line without punctuation (or two: a two-line
                # title) that a paragraph start (or the block's end) follows: no paragraph ends so,
                # it is a title, a label or a signature (``…文化作品。`` / ``广胜街倾倒路牌已修复`` / ``　　本报讯…``)
                k = i + 2
                while k < len(lines) and k < i + 4 and _heading_like(lines[k]) and not full(ms[k], lines[k]):
                    k += 1
                if (
                    k == len(lines) or (indented_page and PARA_INDENT_RE.match(lines[k]))
                    or self._stands_alone(lines[k].lstrip(SPACES))
                ):
                    return False
            if ended and i + 2 < len(lines) and OPENS_BLOCK_RE.match(lines[i + 2].lstrip(SPACES)):
                # the same with a title as wide as the column, when a dateline follows it
                # (``…越过越红火了。`` / ``老旧小区加装电梯今年再增300部`` / ``　　本报讯（记者…``)
                return False
        # a subtitle or byline opening a paragraph closes it, unless a subtitle wrapped
        return not (
            starts and prev[mp[3] : mp[3] + 1] in OWN_LINE_FIRST and self._ends_block(prev[mp[3] :])
            and not self._subtitle_goes_on(prev[mp[3] :], rest)
        )

    @staticmethod
    def _stands_alone(line: str, prev: str = "", prev_runs_on: bool = False) -> bool:
        """A line that opens a block: a dateline's start, a ``——`` subtitle, a byline, a photo
        credit (``本报记者 马宏 摄``). A dash
        that wrapped to the start of a line inside a sentence (``…通过政府引导、市场主导，打造`` /
        ``——集产品展示…``: the line before has clause marks and no sentence end) opens nothing."""
        if line.startswith("——"):
            # (nor does one after a full line inside a paragraph that ends no sentence:
            # ``…自己的“交易博览会”`` / ``——集…``; a title's line may be as wide by chance)
            return not ((CLAUSE_PUNCT_RE.search(prev) or prev_runs_on) and not _ended(prev))
        # (a credit's first word is a name or a role: ``磊 摄`` is the end of a credit that wrapped)
        return bool(
            OPENS_BLOCK_RE.match(line) or BYLINE_RE.match(line)
            or (len(line) <= 30 and CREDIT_RE.match(line) and len(line.split()[0]) >= 2)
        )

    @staticmethod
    def _subtitle_goes_on(line: str, nxt: str) -> bool:
        """A ``——`` subtitle wrapped onto a short unpunctuated line (``——热烈祝贺…十三届四次会议`` /
        ``胜利闭幕``); the caller has checked that the subtitle's line is full."""
        return (
            line.startswith("——")
            and 0 < len(nxt) <= MAX_SUBTITLE_TAIL
            and nxt[-1] not in CONTINUING
            and not _ended(nxt)
            and not CLAUSE_PUNCT_RE.search(nxt)
        )

    @staticmethod
    def _ends_block(line: str) -> bool:
        """A line that closes its block when it starts a paragraph: a subtitle, a byline."""
        return line.startswith("——") or bool(BYLINE_RE.match(line))

    @staticmethod
    def _hint(ctx: Context, blocks: list[list[str]], cols: list[_Columns], indented: bool, short_ends: int) -> None:
        """Tell ``rejoin`` what the layout says about each blank line of a hard-wrapped page.

        Keyed by the next block's first characters: ``continue``, the block before ends on a
        full line and the next line would have been indented (an indented page), or paragraphs
        end on short lines, not at blank lines; ``runs-on``, the block before ends on a full
        line (a column end, or a paragraph that filled its last line exactly: punctuation
        decides). Hints only ever add joins: a join the text alone would make is never undone
        by layout, so cleaning the output again (where the layout is gone) decides the same.
        """
        hints: dict[str, str] = ctx.meta.setdefault(META_HINTS, {})
        ends = [bool(c) and c.full(_measure(a[-1]), a[-1]) for a, c in zip(blocks, cols)]
        blank_ends = sum(1 for c, full in zip(cols, ends) if c and not full)
        by_lines = short_ends > blank_ends  # blank lines are column ends, not paragraph ends
        for a, a_full, b in zip(blocks, ends, blocks[1:]):
            if len(a) == 1 and not PARA_INDENT_RE.match(a[0]) and _heading_like(a[0]):
                continue  # a title as wide as the column: no run-on line
            if a_full and not (indented and PARA_INDENT_RE.match(b[0])):
                for end in _ends(a):
                    hints[hint_key(end, b[0])] = "continue" if indented or by_lines else "runs-on"
            elif (
                indented and not PARA_INDENT_RE.match(b[0]) and not _ended(a[-1])
                and any(PARA_INDENT_RE.match(x) for x in a)  # (its last paragraph opened with one)
            ):
                # a paragraph that stops short mid-sentence (``　　新开通线路全部采用``) and a block
                # without the indent every paragraph opens with: a column ended there
                for end in _ends(a):
                    hints[hint_key(end, b[0])] = "continue"


    @staticmethod
    def _hint_indents(ctx: Context, blocks: list[list[str]]) -> None:
        """On a page of one-line paragraphs that mostly start with an indent, a block without
        one continues the paragraph before it (a column ended there, perhaps right after a
        ``。``) if that one is body text or indented itself: hint ``continue``."""
        body = [ls[0][:1] in SPACES for ls in blocks if len(ls) == 1 and len(ls[0]) > BODY_CHARS]
        if len(body) < 3 or 2 * sum(body) < len(body):
            return
        hints: dict[str, str] = ctx.meta.setdefault(META_HINTS, {})
        for a, b in zip(blocks, blocks[1:]):
            if (
                len(a) == 1
                and len(b) == 1
                and not PARA_INDENT_RE.match(b[0])
                and (PARA_INDENT_RE.match(a[0]) or block_kind(a[0].lstrip(SPACES)) in ("body", "dateline"))
            ):
                hints[hint_key(a[0], b[0])] = "continue"


# --- block level -------------------------------------------------------------------------------

LOST_START_RE = re.compile(
    r"^(?:[，。、；：？！）)》」』”’,.;:?!]"  # punctuation that cannot open a sentence
    r"|[^\s\d一二三四五六七八九十百零〇①-⑳（(“‘《【「『—·…\-A-Za-z][、，]"  # a one-character first clause
    r"|[^\s（(“‘《【「『—…A-Za-z\d]{1,2}[。！？]"  # a one- or two-character first sentence
    r"|[们吗呢吧啊]|的(?!确)|自身|本身)"  # particles after a word; reflexives without an antecedent
)
#: a web or e-mail address at the end of a block
URL_END_RE = re.compile(r"(?:https?://|www\.)[!-~]+$|[\w.+-]+@[\w-]+(?:\.[\w-]+)+$", re.ASCII)
#: a credit's bracket still open at a line's end: ``（记者 王五 通讯员``
OPEN_CREDIT_RE = re.compile(r"[（(][^（）()]*(?:记者|記者|通讯员|通訊員|实习生|實習生)[^（）()]*$")
#: a first clause of one Han character (``河，流域面积…``): no lead paragraph starts so
ONE_CHAR_CLAUSE_RE = re.compile(f"[{HAN}][，、]")
#: a first sentence of one or two Han characters (``幕。会议…``): no paragraph starts so
SHORT_FIRST_SENTENCE_RE = re.compile(f"[{HAN}]{{1,2}}[。！？]")
#: a block starting with one of these continues a sentence
CONTINUATION_RE = re.compile(r"[，。、；：？！,;:?!]")
DATELINE_START_RE = re.compile(r"(?:据)?(?:本报|新华社|中新社)")
#: a dateline formula without the reporters' brackets: ``本报讯``, ``本报太原3月5日讯``, ``新华社北京1月5日电``
BARE_DATELINE_RE = re.compile(rf"(?:据)?(?:本报|本報)[{HAN}\d月日]{{0,12}}(?:讯|訊)|(?:本报|本報)[{HAN}]{{2,8}}\d{{1,2}}月\d{{1,2}}日(?:电|電)|(?:据)?(?:新华社|新華社|中新社)[{HAN}\d月日]{{2,14}}(?:电|電)")
BARE_DATELINE = "dateline formula alone on its line"
#: a block starting like this starts a paragraph: an opening quote, a list number
#: (a bullet opens an item: ``●3月5日，…`` under a ``简讯`` label)
PARAGRAPH_START_RE = re.compile(r"[“‘「『●■◆◇▲△★☆•▪○]|[（(]?[一二三四五六七八九十\d]{1,3}[、.．）)]|第[一二三四五六七八九十]")
LIST_PUNCT_RE = re.compile(r"[。！？；、：!?;:]")
CLAUSE_PUNCT_RE = re.compile(r"[。！？；!?;，、：,:]")
#: after a block ending in a digit, a block starting so goes on with the number (``第16`` / ``个年头``)
HAN_OR_DIGIT_RE = re.compile(f"[{HAN}\\d%％]")
#: what only goes on a figure: a date's rest (``3`` / ``月10日，…``) or an amount's unit
#: (``12`` / ``万元``); a paragraph never starts so, a page number above one is not followed so
FIGURE_GOES_ON_RE = re.compile(r"年\d{1,2}月|月\d{1,2}日|月[上中下]旬|日[，,至起]|(?:万|亿)元|[%％]")
#: words that open a paragraph and no title: a source's formula, connectives, demonstratives
PARAGRAPH_OPENERS = (
    "据", "记者", "作为", "结合", "这次", "此次", "这些", "这是", "其中", "此外", "同时", "另外", "目前", "近年来", "随着",
    "对此", "为此", "因此", "但是", "而且", "并且", "其次", "首先", "最后", "此前", "据悉", "据了解", "与此同时",
)
#: a date cut in two: its year or month ending a piece, its month or day opening the next
DATE_TAIL_RE = re.compile(r"\d{1,4}[年月]$")
DATE_HEAD_RE = re.compile(r"\d{1,2}[月日]")
#: characters that end neither a heading nor a sentence: a block ending on one was cut
NEVER_FINAL = frozenset("的更很最而又这那各每若虽但没其把被将从向与及让使给是")
#: nor with these words (``数字技术正在`` / ``深刻改变…``)
NEVER_FINAL_WORDS = ("正在", "已经", "能够", "通过", "对于", "关于", "以及", "并且", "不仅", "因为", "由于", "为了", "进一步",
                     "这个", "那个", "几个", "这些", "那些", "一些", "一位", "几位", "一名", "几名", "几起")
#: how far either side of a break to look for the same character pair
PAIR_WINDOW = 3000

#: block kinds that never take part in a join
STOPS = frozenset({"dateline", "byline", "credit", "jump", "subtitle", "page", "table"})
#: as the block before a break, a dateline paragraph is body text
A_STOPS = STOPS - {"dateline"}
#: a heading-like block this short that a dateline continues is the dateline's start (``本报讯``)
DATELINE_HEAD_CHARS = 20
#: what may come before a title: a block after one of these, short and unfinished, is a heading
HEADS = frozenset({None, "heading", "byline", "byline-under", "credit", "jump", "subtitle", "page"})
#: what follows a title: a heading-like block before one of these is a title, not a fragment
TITLE_NEXT = frozenset({None, "heading", "dateline", "subtitle"})


#: the kinds a short block can be from one pattern each, tried in :func:`block_kind`'s order (a
#: note on the author is a byline): one call, not five
SHORT_KINDS_RE = re.compile(
    f"(?P<dateline>{DATELINE_RE.pattern})|(?P<byline>(?:{AUTHOR_NOTE_RE.pattern})|(?:{BYLINE_RE.pattern}))"
    f"|(?P<credit>{CREDIT_RE.pattern})|(?P<jump>{JUMP_RE.pattern})"
)


def block_kind(text: str) -> str:
    """What a block is, from its own text: dateline, byline, credit, jump, subtitle, heading or body.

    >>> [block_kind(t) for t in ("本报讯（记者 高燕）日前，记者获悉。", "本报记者 李雪峰", "寒冬暖举措", "局要求，医疗机构应畅通渠道。")]
    ['dateline', 'byline', 'heading', 'body']
    """
    # (a page's mark starts below ``、``: most blocks start with Han, and are not searched for one)
    if text < "\u3001" and "\f" in text and not text.strip("\f \u3000"):
        return "page"  # a form feed: the page ends here, nothing joins across it
    n = len(text)
    if n <= 30:  # (the tests below, as one pattern)
        m = SHORT_KINDS_RE.match(text)
        if m:
            return m.lastgroup  # type: ignore[return-value]  # (every branch is a named group)
    elif DATELINE_RE.match(text):
        return "dateline"
    elif n <= 50 and text[0] in "（(" and AUTHOR_NOTE_RE.match(text):
        return "byline"  # (a note on the author closes the piece: ``（作者单位：…）``)
    # (a longer text is no row, nor one without a space: spare the call)
    if n <= 80 and (" " in text or "\u3000" in text or "\t" in text) and table_row(text):
        return "table"
    if n <= MAX_HEADING_CHARS:
        if SUBTITLE_RE.match(text):
            return "subtitle"
        if _heading_like(text) or (text.endswith("——") and len(text) > 4 and _heading_like(text[:-2])):
            return "heading"  # (a kicker leading into its title: ``从“要我创业”到“我要创业”——``)
    elif n <= MAX_SPACED_HEADLINE_CHARS and spaced_headline(text):  # (the call spared a paragraph)
        return "heading"
    return "body"


#: an enumerated intertitle's number: ``一、`` ``（二）`` ``3.``
ENUMERATOR_RE = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．])")


def _heading_like(text: str) -> bool:
    """Short, no terminal mark, no clause punctuation inside or at the end, quotes balanced.

    Headings without a space or a dash are at most :data:`MAX_SOLID_HEADING_CHARS` long; a
    longer unbroken run of text is a piece of a paragraph. An enumerated intertitle
    (``一、铁路运力持续提升``) is judged by what follows its number.
    """
    m = ENUMERATOR_RE.match(text)
    if m and m.end() < len(text):
        text = text[m.end() :]
    n = len(text)
    # (most headings are short and hold none of the marks: the break is looked for only between
    # the two limits, and marks are counted only where there are any, a test for one costing a
    # third of a count)
    return (
        (n <= MAX_SOLID_HEADING_CHARS or (n <= MAX_HEADING_CHARS and HEADING_BREAK_RE.search(text) is not None))
        and not _ended(text, 12)
        and text[-1:] not in CONTINUING  # ("" is in every string: a blank line is no heading)
        and not CLAUSE_PUNCT_RE.search(text)
        and ("“" not in text and "”" not in text or text.count("“") == text.count("”"))
        and ("（" not in text and "）" not in text or text.count("（") == text.count("）"))
        and ("《" not in text and "》" not in text or text.count("《") == text.count("》"))
    )


def _title_like(text: str) -> bool:
    """Short enough for a title, with at most one ``，`` and no other clause punctuation (but
    for a topic before a colon: ``读书：在经典中涵养精神``)."""
    limit = MAX_HEADING_CHARS if HEADING_BREAK_RE.search(text) else MAX_SOLID_HEADING_CHARS
    return len(text) <= limit and text.count("，") <= 1 and (
        not LIST_PUNCT_RE.search(text) or COLON_TITLE_RE.fullmatch(text) is not None
    )


#: an item counted in words, which starts its own paragraph after a lead-in ending ``：`` or an
#: item ending ``；`` (``一是加强组织领导；`` / ``二是…``); a column break falling exactly there is rarer
ENUMERATION_RE = re.compile(r"(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]{1,2}[，、,]|其[一二三四五六七八九十][，、,是]|(?:首先|其次|再次|最后)[，,])")
#: a title in two parts, a short topic and a colon: ``读书：在经典中涵养精神``, ``民生：让老有所养``
COLON_TITLE_RE = re.compile(rf"[{HAN}]{{2,6}}[：:][^，。！？；、：,.!?;:\s]{{2,24}}")


#: a court's case number (``（2026）晋0106民初1287号``), and a person addressed by name under it
CASE_NUMBER_RE = re.compile(r"[（(]\d{4}[）)][\u4e00-\u9fff]{1,2}\d{2,6}[\u4e00-\u9fff]{1,4}\d{1,6}号$")
NAME_ADDRESSEE_RE = re.compile(rf"[{HAN}]{{2,4}}[：:]")


def _word_goes_on(text: str, a_end: int, b_start: int) -> bool:
    """Whether the characters either side of a break look like one word cut in two.

    Evidence: the pair occurs elsewhere nearby on the page (``医保`` / ``局`` where ``医保局`` is
    written out in another paragraph). The window keeps the cost constant per break.
    """
    x, y = text[a_end - 1], text[b_start]
    if not (HAN_CHAR_RE.match(x) and HAN_CHAR_RE.match(y)):
        return False
    lo, hi = max(0, a_end - PAIR_WINDOW), min(len(text), b_start + PAIR_WINDOW)
    return text.find(x + y, lo, hi) >= 0


def _story_starts(text: str, top: int) -> bool:
    """Whether a block at ``top`` opens a story: a wider gap above it than a paragraph's (two
    blank lines or more), or nothing but blank lines up to the text's start. Not so under a page
    break, whose blank lines the first clean normalises: a page may go on mid-word there
    (``…我国5G`` / form feed / ``基站总`` / ``数达到…``), and a gap that decided the first clean
    and not the second made it no fixed point (fuzz seeds 83 and 97, the first read the page's
    end through a negative offset)."""
    above = text[max(0, top - 16) : top]
    gap = above[len(above.rstrip()) :]
    return "\f" not in gap and (gap.count("\n") >= 3 or len(gap) == top)


def _first_close(text: str, opening: str, closing: str, pos: int = 0) -> bool:
    """Whether the first of the marks ``opening`` and ``closing`` in ``text`` from ``pos`` on
    (within 2000 characters) is a closing one."""
    end = pos + 2000
    first = -1
    for c in closing:
        i = text.find(c, pos, end)
        if i >= 0:
            first = end = i  # (the next mark is looked for before it)
    if first < 0:
        return False
    for c in opening:
        if text.find(c, pos, first) >= 0:
            return False
    return True


def _block_facts(b: str) -> tuple[str, int, int, bool, bool]:
    """What ``rejoin`` needs of a block: its kind, the ``“`` and the ``（《`` it leaves open (or
    closes: negative), whether it is body text that starts mid-sentence (its start was lost), and
    whether it ends a sentence (:func:`_ended` in its last 12 characters)."""
    kind = block_kind(b)
    # counts of ``“``, ``”``, opening brackets (``（《``) and closing ones (``）》``): most blocks hold
    # few of the marks, and a test for one costs a third of a count
    oq = b.count("“") if "“" in b else 0
    cq = b.count("”") if "”" in b else 0
    op = (b.count("（") if "（" in b else 0) + (b.count("《") if "《" in b else 0)
    cp = (b.count("）") if "）" in b else 0) + (b.count("》") if "》" in b else 0)
    lost = kind == "body" and bool(
        LOST_START_RE.match(b) or (cq and _first_close(b, "“", "”")) or (cp and _first_close(b, "（《", "）》"))
    )
    return kind, oq - cq, op - cp, lost, _ended(b, 12)


class RejoinPass(Pass):
    """Join paragraphs broken across columns; report paragraphs whose start was lost."""

    name = "rejoin"
    reruns = True
    rules = (
        Rule("RJ10", "rejoin.column-break", "paragraph broken across a column rejoined"),
        Rule("RJ11", "rejoin.unfinished", "paragraph ends mid-sentence but the next block is not its continuation",
             fixable=False, severity="warning"),
        Rule("RJ20", "rejoin.lost-start", "paragraph starts mid-sentence (its start was lost); not joined",
             fixable=False, severity="warning"),
    )

    def run(self, ctx: Context) -> None:
        text = ctx.text
        spans = split_blocks(text)
        if not spans:
            ctx.meta.pop(META_HINTS, None)
            return
        hints: dict[str, str] = ctx.meta.pop(META_HINTS, {})  # read once; not part of the page's meta
        # what a block is depends on its text only: a later round looks up the blocks it saw
        known: dict[str, tuple[str, int, int, bool, bool]] = ctx.memo.setdefault("blocks", {})
        blocks = [text[s:e] for s, e in spans]
        facts = []
        for b in blocks:
            f = known.get(b)
            if f is None:
                f = known[b] = _block_facts(b)
            facts.append(f)
        kinds = [f[0] for f in facts]
        # the paragraph being built: its kind, the kind of what came before it, its last block,
        # its unclosed “ and （, and whether that block ends a sentence
        kind, quotes, parens, lost, ended = facts[0]
        before = None
        tail = blocks[0]
        title = tail  # the paragraph so far while it is a heading (a title cut in two stays one)
        if lost:
            self._lost_start(ctx, tail, spans[0][0])
        for i in range(1, len(spans)):
            s = spans[i][0]
            b = blocks[i]
            a_end = spans[i - 1][1]
            _, dq, dp, lost, b_ended = facts[i]
            hint = hints.get(hint_key(tail, b)) if hints else None
            if hint is None and quotes <= 0 and parens <= 0 and ended and b[0] != "…":
                join, why = False, ""  # the common case: a paragraph ended, nothing left open
            else:
                after = kinds[i + 1] if i + 1 < len(spans) else None
                # (the paragraph's state goes as arguments: an object for it per break cost more)
                join, why = self._decide(
                    text, kind, before, tail, quotes, parens, ended, a_end, b, s, kinds[i], after, hint
                )
            if join:
                drop, glue = (0, " ") if why is BARE_DATELINE else _joiner(tail, b, text)
                if not glue and ("（" in tail or "(" in tail) and _in_credit(text, a_end, s):
                    glue = " "  # ``（记者 褚静宜`` / ``雷鸣远）…``: the space parts two names
                ctx.edit("RJ10", a_end - drop, s, glue, f"{why}: “{tail[-8:]}” + “{b[:8]}”")
                # a title cut inside its quotes (``“小切口”撬动“大`` / ``民生”``) is whole and a title again
                cut_title = (
                    (quotes > 0 or parens > 0) and before in HEADS and len(title) + len(b) <= MAX_HEADING_CHARS
                    and block_kind(title[: len(title) - drop] + glue + b) == "heading"
                )
                if cut_title:
                    title, kind = title[: len(title) - drop] + glue + b, "heading"
                else:
                    kind, before = "body", "body"  # a joined paragraph is in no title's place
                quotes += dq
                parens += dp
            else:
                if why:
                    ctx.diagnose("RJ11", a_end - 1, a_end, f"“{tail[-8:]}” {why}; not joined")
                kind, before = kinds[i], kind
                if before == "byline" and text.count("\n", a_end, s) <= 2:
                    before = "byline-under"  # a credit close above, as under a title (``新华社记者 刘洋``)
                quotes, parens = dq, dp
                if lost:
                    self._lost_start(ctx, b, s)
                title = b
            tail, ended = b, b_ended

    @staticmethod
    def _decide(
        text: str, kind: str, before: str | None, tail: str, quotes: int, parens: int, ended: bool,
        a_end: int, b: str, b_start: int, b_kind: str, after: str | None, hint: str | None,
    ) -> tuple[bool, str]:
        """Whether to join the paragraph so far (A: its kind, the kind of what came before it, its
        last block ``tail``, its unclosed ``“`` and ``（``, whether ``tail`` ends a sentence) with
        the block at ``b_start``: (join, reason).

        With ``join`` false, a non-empty reason is worth a diagnostic: A cannot end a paragraph
        (it ends mid-clause) and yet B is not its continuation.
        """
        if kind == "byline" and " " not in tail and "\u3000" not in tail and b_kind == "body" and LOST_START_RE.match(b):
            # ``记者了解`` / ``到，今年…``: no byline is followed by a sentence's rest; its words go on
            return True, "next block starts mid-sentence"
        if kind in A_STOPS or (tail[-1] in "）)" and JUMP_RE.search(tail)) or tail[-1] == "\f" or b[0] == "\f":
            return False, ""  # (a form feed at either side is a page break)
        if b[0] == tail[-1] in "…—" and tail[-2:-1] != b[0] != b[1:2]:
            return True, "a mark cut in two"  # ``……`` or ``——`` set across the break, half on each side
        if kind != "body" and tail.isdigit() and len(tail) <= 3 and b[:1].isdigit():
            # a lone figure (a page number read mid-page) glued onto the figure that opens the next
            # block would make another number: ``7`` / ``4月6日，…`` is not ``74月6日``
            return False, ""
        if (
            len(tail) <= 8 and not HAN_CHAR_RE.search(tail) and b_kind == "body" and HAN_CHAR_RE.match(b)
            and not (tail[-1].isdigit() and FIGURE_GOES_ON_RE.match(b))
            and tail[-1] not in CONTINUING  # (a lone ``“`` opens the paragraph below it)
        ):
            # a few figures or letters alone (``1 1``: a table's cells, OCR debris), then a paragraph
            # in Han: no paragraph's first line is that short, so nothing was cut here
            return False, ""
        a_kind = "body" if kind == "dateline" else kind
        open_clause = tail[-1] in CONTINUING or quotes > 0 or parens > 0
        unfinished = "" if not open_clause else "cannot end a paragraph, but the next block is "
        if b_kind == "subtitle" and a_kind == "body" and not ended and _ended(b, 12):
            # a dash that goes on an unfinished sentence, cut to a block's start by a column break
            # (``…慢得几乎看不出变化`` / ``——一张书页从揭开…时间。``): no subtitle ends a sentence
            return True, "next block goes on the sentence after a dash"
        if b_kind in STOPS:
            return False, unfinished and unfinished + f"a {b_kind}"
        if tail[-1] in "：:；;" and (LIST_ITEM_RE.match(b) or ENUMERATION_RE.match(b) or names_line(b)):
            # a list: ``主要措施包括：`` / ``1.设立…；`` / ``2.…``, ``一是…；`` / ``二是…``, ``名单如下：`` / ``王海燕、李志强``
            return False, ""
        if names_line(tail) and not CONTINUATION_RE.match(b):
            above = text[: a_end - len(tail)].rstrip()
            if above[-1:] in "：:" or names_line(above[above.rfind("\n") + 1 :].strip()):
                return False, ""  # ... and the text after the list of names is a paragraph of its own
        if TIME_ITEM_RE.match(tail) and TIME_ITEM_RE.match(b):
            return False, ""  # a schedule, a time a line: ``06:30 山西新闻联播`` / ``07:00 早安山西``
        if tail[-1].isascii() and URL_END_RE.search(tail, max(0, len(tail) - 200)) and not CONTINUATION_RE.match(b):
            return False, ""  # a paragraph that ends on an address (``详情可访问官网https://…/``)
        if ("：" in tail or ":" in tail) and NOTICE_FIELD_RE.fullmatch(tail) and (tail[-1].isascii() or NOTICE_FIELD_RE.match(b)):
            # a notice's fields, a line each (``地点：市会展中心1号馆`` / ``咨询电话：…``), and a
            # finished value (``电话：0351-7654321`` / ``现场凭身份证免费入场。``)
            return False, ""
        if tail[-1] in "：:" and b_kind == "body":
            above = text[: a_end - len(tail)].rstrip()
            if SALUTATION_RE.fullmatch(tail) and (before in HEADS or above[-1:] in "？！?!"):
                # the addressee heads the text (``各县医疗保障局：`` / ``为做好…``), under a title or a
                # letter's question title (``小区充电桩何时能装上？`` / ``编辑同志：``): a block of its own
                return False, ""
            if NAME_ADDRESSEE_RE.fullmatch(tail) and CASE_NUMBER_RE.search(above, max(0, len(above) - 40)):
                return False, ""  # a court's notice to a person, under its case number (``王建勇：``)
        if (
            a_kind == "heading"
            and len(tail) <= DATELINE_HEAD_CHARS
            and not DATELINE_START_RE.match(text, b_start)
            and DATELINE_RE.match(tail + text[b_start : b_start + 60])
        ):
            return True, "dateline cut in two"
        if a_kind == "heading" and BARE_DATELINE_RE.fullmatch(tail) and b_kind == "body" and not DATELINE_START_RE.match(b):
            return True, BARE_DATELINE  # ``本报讯`` alone on its line, then the paragraph it opens
        if ended:
            quote_goes_on = (quotes > 0 and _first_close(text, "“", "”", b_start)) or (
                parens > 0 and _first_close(text, "（《", "）》", b_start)
            )
            if b_kind == "body" and a_kind == "body" and hint == "continue":
                return True, "column ended on a full line, next line not indented"
            if b_kind == "body" and a_kind == "body" and quote_goes_on:
                return True, "quotation closes in the next block"
            return False, ""
        if hint in ("continue", "runs-on") and b_kind == "body":
            return True, "column ended on a full line mid-sentence"
        heading_spot = before in HEADS  # A comes where a title would: page start, after a heading or byline
        if not open_clause and (a_kind == "heading" or (kind == "body" and heading_spot and _title_like(tail))):
            # short and unfinished: a heading, or the first piece of a paragraph cut at a column foot
            if b_kind != "body":
                return False, ""
            if tail[-1] in NEVER_FINAL or tail.endswith(NEVER_FINAL_WORDS) or (tail[-1].isdigit() and HAN_OR_DIGIT_RE.match(b)):
                return True, "ends mid-word"
            if LOST_START_RE.match(tail):
                # the piece itself starts mid-sentence (``自身企业发展经历`` / ``表示，…``): a paragraph's
                # piece whose start was lost, no title
                return True, "a piece of a paragraph"
            if (
                (not heading_spot or before in ("heading", "subtitle")) and tail.startswith(PARAGRAPH_OPENERS)
                and not DATELINE_START_RE.match(tail)
            ):
                # ``作为我省北`` / ``部重要工业城市…``, ``这次大会是我省`` / ``在“十五五”…``, ``据晋中市交通`` /
                # ``运输局相关负责人介绍，…``: a connective, a demonstrative or a source's formula opens a
                # paragraph, not a title or its subtitle
                return True, "a paragraph's first words"
            if DATE_TAIL_RE.search(tail) and DATE_HEAD_RE.match(b):
                return True, "ends mid-word"  # a date cut in two: ``3月`` / ``12日，志愿者…``
            if PARAGRAPH_START_RE.match(text, b_start):
                return False, ""
            if CONTINUATION_RE.match(text, b_start):
                return True, "next block starts with a mark no sentence starts with"
            if not heading_spot and LOST_START_RE.match(b):
                return True, "next block starts mid-sentence"
            if before in ("heading", "subtitle") and (SHORT_FIRST_SENTENCE_RE.match(b) or ONE_CHAR_CLAUSE_RE.match(b)):
                # under a title, a piece whose next block's first sentence or clause is a character
                # or two is the lead's first line (``全省两会已胜利闭`` / ``幕。会议描绘了…``,
                # ``汾河是山西的母亲`` / ``河，流域面积…``)
                return True, "next block starts mid-sentence"
            tiny = len(tail) <= FRAGMENT_CHARS and HAN_CHAR_RE.search(tail)
            # (one character alone is no title nor label, under a title too: ``一`` / ``位老人在摊位前
            # 挑选窗花，…``, ``——写在…之际`` / ``新`` / ``春伊始，…``; nor two after body text or
            # under a title, where labels do not stand: ``一位`` / ``老人在…``, ``…见闻`` / ``青石`` / ``板路、…``)
            if tiny and (
                (len(tail) == 1 or not heading_spot or before in ("heading", "subtitle")) and CLAUSE_PUNCT_RE.search(b)
                or not heading_spot and len(b) > MAX_HEADING_CHARS
            ):
                return True, "short piece at a column foot"
            if (
                before in ("heading", "subtitle", "byline-under", "jump") and CLAUSE_PUNCT_RE.search(tail)
                and not COLON_TITLE_RE.fullmatch(tail)
            ):
                return True, "first piece of a lead paragraph"
            if a_kind == "heading" and text.count("\n", a_end, b_start) <= 2 and _story_starts(text, a_end - len(tail)):
                # a title where a story starts, over its text: a pair of characters seen once
                # elsewhere (``原告太原市``) says nothing of ``减资公告`` / ``太原市…``
                return False, ""
            if _word_goes_on(text, a_end, b_start):
                return True, "ends mid-word"
            return False, ""
        if b_kind == "body":
            return True, "ends mid-clause" if open_clause else "ends mid-word"
        # B is heading-like: a short piece between two pieces, or a heading after a cut paragraph
        if a_kind == "heading" and tail.endswith("——"):
            return False, ""  # a kicker over its title
        cut_body = (
            a_kind == "body" and len(tail) > MAX_HEADING_CHARS and HAN_CHAR_RE.match(tail, len(tail) - 1) is not None
            and text.count("\n", a_end, b_start) <= 2
        )
        if (open_clause or hint == "runs-on" or cut_body) and after not in TITLE_NEXT:
            # (a body paragraph that stops without a mark, ``…如今每天傍晚他``, goes on too)
            return True, "ends mid-clause" if open_clause else "ends mid-sentence"
        return False, unfinished and unfinished + "a heading"

    @staticmethod
    def _lost_start(ctx: Context, b: str, start: int) -> None:
        """Report a body block that starts mid-sentence."""
        ctx.diagnose("RJ20", start, start + min(len(b), 8), f"paragraph starts mid-sentence: “{b[:12]}…”")

