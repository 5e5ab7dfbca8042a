"""DU: remove what the OCR read twice, and the page furniture around the articles.

OCR of a column layout reads the strip where two column crops overlap twice, so a page dump
repeats text: the tail of a block again as a block of its own (``…相关部门高度重视，迅速行动，
及时扶正倾倒路牌并加固基座。`` then ``视、迅速行动，及时扶正倾倒路牌并加固基座。``), glued to the
start of the next block (``…冬泳也是呼市人民喜`` / ``呼市人民喜爱的一项活动…``), a whole
paragraph or a sentence read twice. The copies differ by OCR errors (``视，``/``视、``), so they
are aligned with Levenshtein distance (rapidfuzz), never compared as exact strings only.
Every removal is an :class:`~cleaner.model.Edit` whose ``twin`` is the span of the copy that was
kept, so ``explain`` shows both. Where two copies at a block boundary differ, the one whose
characters the rest of the page bears out is kept (:func:`better_copy`: ``负责人`` over
``负责入`` when ``责人`` occurs elsewhere); with no such evidence, the block after keeps its own.
Stray spaces are no difference: copies are aligned without them.

Cost stays linear in page length: block-boundary overlaps compare neighbours only, found by
exact 3-character anchors (``str.find``) before any alignment; page-wide repeats are looked up
in a hash of whitespace-free paragraphs, their heads, tails and clauses.

What is never removed (the negatives the tests hold):

- the same byline (``本报记者 李雪峰``) or dateline (``本报讯（记者 丁亚琴）``) in different
  articles, headings and other short blocks: a repeated paragraph must be at least
  ``min_paragraph_chars`` long (a dateline formula alone is shorter), contain a sentence end and
  not look like a byline;
- fragments shorter than ``min_chars`` at block boundaries, sentences shorter than
  ``min_sentence_chars``; a repeated sentence only when the two copies are adjacent;
- Chinese reduplication (``研究研究``, ``看看``, ``做强做大做优``): doubled words are only
  reported (DU10), never removed, and only a doubled word of 2–4 Han characters that touches a
  non-Han character on one side (``送餐送餐，``), is not AAAA (``谢谢谢谢``), does not start
  with a numeral (``一步一步``) or end in a particle (``好了好了``), and is not a word Chinese
  reduplicates (:data:`REDUPLICABLE`: ``研究``, ``商量``, ``雪白``…);
- copies that differ in a digit or numeral (``第一批…``/``第二批…``, ``2月``/``3月``): parallel
  sentences, not OCR noise;
- jump markers (``（下转第4版）``, ``（上接第1版）``): the segment pass turns them into a record field.

Page furniture (running heads and feet, ``责任编辑：…`` lines, page numbers) is removed from the text
and kept in ``ctx.meta["furniture"]`` as ``{"kind", "text", "page"}`` records for the page's
metadata. With ``report_only`` every removal becomes a diagnostic of the same code instead.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from bisect import bisect_right
from dataclasses import dataclass
from operator import itemgetter

from rapidfuzz.distance import Levenshtein

from ..model import Rule
from ..patterns import HAN_CHAR_RE, BYLINE_RE, CLOSERS, CONTINUING, DATELINE_RE, HAN, TERMINAL
from .base import MAX_COUNT, Context, Pass
from .rejoin import FIGURE_GOES_ON_RE, META_HINTS, hint_key

#: a block: a run of non-blank lines; a form feed (page break) also ends it
BLOCK_RE = re.compile(r"[^\n\f]+(?:\n[^\n\f]+)*")
#: a sentence: up to and including its terminal marks and closing quotes/brackets
SENTENCE_RE = re.compile(f"[^{TERMINAL}\n\f]*[{TERMINAL}]+[{CLOSERS}]*")
#: a clause: a run of 4+ characters between punctuation marks
CLAUSE_RE = re.compile(f"[^{TERMINAL}{CLOSERS}{CONTINUING}\\s]{{4,}}")
SENTENCE_END_RE = re.compile(f"[{TERMINAL}]+([{CLOSERS}]*)")
#: full-width digits, compared equal to ASCII ones (``１８％`` is an OCR variant of ``18%``)
_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
NUMERALS = frozenset("0123456789０１２３４５６７８９〇零一二两三四五六七八九十百千万亿第")
#: a text ends a sentence when its last character is one of these (same as ENDS_SENTENCE_RE, no scan)
SENTENCE_END = frozenset(TERMINAL + CLOSERS)
#: what may follow a title that the next paragraph repeats as its opening words
HEADING_END = frozenset(TERMINAL + CONTINUING + "：:")

#: the shortest block removed as a repeat of the previous block's end when both end mid-word
MIN_FRAGMENT_CHARS = 4

# --- page furniture -------------------------------------------------------------------------
HEAD_SEPARATORS = " \t\u3000·|｜丨/／—–-"
_SEP = f"[{HEAD_SEPARATORS}]*"
#: one field of a running head: the paper's name, the date, the weekday, the page, a section name
HEAD_TOKEN_RE = re.compile(
    rf"(?:(?P<date>\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|\d{{4}}([.\-/])\d{{1,2}}\2\d{{1,2}}(?!\d))"
    rf"|(?P<weekday>(?:星期|周)[一二三四五六日天])"
    rf"|(?P<page>[第笫苐]\s*[\d一二三四五六七八九十]{{1,3}}\s*版|[A-H]\s?\d{{1,2}}版?)"  # (笫, 苐: OCR's 第)
    rf"|(?P<lunar>农历[{HAN}]{{2,8}})"
    rf"|(?P<paper>[{HAN}]{{2,8}}(?:日报|晚报|早报|时报|商报|导报|周报|报))"
    rf"|(?P<section>[{HAN}]{{2,8}}))"
    rf"{_SEP}"
)
EDITOR_ROLES = "本版责任编辑|责任编辑|本版编辑|本版责编|本版主编|本版统筹|责任校对|值班编辑|美术编辑|图片编辑|版式设计|责编|编辑|美编|校对|版式|组版|统筹"
#: ``责任编辑：韩雪松``, ``本版编辑：王五 美编：赵六``, ``（责任编辑：张三）``, ``责任编辑 张三``
EDITOR_RE = re.compile(
    rf"[（(]?(?:(?:{EDITOR_ROLES})(?:\s*[：:]\s*|[ \u3000]+)[{HAN}·A-Za-z]{{1,10}}(?:[ \u3000、，,]+[{HAN}·]{{2,4}}(?![：:]))*[ \u3000；;，,]*)+[）)]?"
)
#: ``- 2 -``, ``—5—``, ``·3·``, ``第5页``; a bare ``3`` or ``A3`` only at the top or foot of a page
PAGE_NUMBER_RE = re.compile(r"(?:[-—–·•]+\s*\d{1,3}\s*[-—–·•]+|第\s*\d{1,3}\s*页|(?P<bare>[A-H]?\d{1,3}))")
#: jump markers belong to the segment pass and are never touched here
JUMP_RE = re.compile(r"[（(]\s*(?:下转|下接|上接|转|接|续)第?\s*[\d一二三四五六七八九十A-H]{1,3}\s*版")
JUMP_MARK_RE = re.compile(JUMP_RE.pattern + r"\s*[）)]")
#: a running head glued to the start of a block by line joining (``…第5版乡村振兴新图景``)
GLUED_HEAD_RE = re.compile(
    rf"(?:[{HAN}]{{2,8}}(?:日报|晚报|早报|时报|报)\s*)?\d{{4}}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*"
    rf"(?:星期[一二三四五六日天]\s*)?[第笫苐]\s*\d{{1,3}}\s*版\s*"
)
DIGIT_RE = re.compile(r"[0-9０-９]+")
FURNITURE_FIRST = frozenset("0123456789０１２３４５６７８９-—–·•第笫苐ABCDEFGH")

# --- doubled words --------------------------------------------------------------------------
#: fuzzy alignments tried inside one block (sentence and in-paragraph repeats): a bound that
#: keeps a pathological block (one 50 MB line of near-identical sentences) linear; a real
#: paragraph needs a handful
MAX_ALIGNMENTS_PER_BLOCK = 48
#: a word of 2–4 Han characters written twice in a row (``送餐送餐``)
DOUBLED_RE = re.compile(f"([{HAN}]{{2,4}})\\1")
#: a doubled word that opens a run of Han characters (after the character before the run): the
#: scan skips over Han characters in C, where DOUBLED_RE tries a match at every one
DOUBLED_AFTER_RE = re.compile(f"[^{HAN}]([{HAN}]{{2,4}})\\1")
NOT_HAN_RE = re.compile(f"[^{HAN}]")
#: disyllabic words that Chinese reduplicates ABAB on purpose: verbs ("try/briefly": 研究研究,
#: 商量商量) and colour/intensity adjectives (雪白雪白). Not reported by DU10.
REDUPLICABLE = frozenset(
    "研究 讨论 商量 学习 休息 考虑 介绍 打扫 锻炼 活动 交流 放松 整理 收拾 打听 琢磨 比划 溜达 "
    "热闹 暖和 凉快 轻松 体验 了解 检查 准备 请教 表扬 清理 布置 熟悉 认识 思考 调查 "
    "尝试 练习 合计 掂量 思量 比较 参谋 收拾 拾掇 折腾 活络 通融 照顾 关心 帮助 指点 "
    "雪白 通红 冰凉 笔直 漆黑 蜡黄 火红 碧绿 金黄 滚烫 瓦蓝 煞白 彤红 喷香 冰冷 粉红 "
    "高兴 开心 乐呵 舒服 痛快 明白 清楚 干净 漂亮 快乐 认真 仔细 欢喜 热乎 乐和 "
    "加油 谢谢 再见 您好 你好".split()
)
#: second syllables that make an exclamation or a count, not a typo (好了好了, 来啊来啊)
PARTICLES = frozenset("了啊呀吧呢哦嘛啦哈哇哟嗯吗")


def _allowed(n: int, rate: float) -> int:
    """Edits tolerated between two copies of ``n`` characters (about ``rate`` per character)."""
    return int(math.ceil(n * rate - 1e-9))


#: how many recent running heads a block is compared with for a copy with OCR errors
MAX_HEADS = 8


def _near_copy(text: str, others: list[str], rate: float) -> bool:
    """Whether ``text`` is one of ``others`` but for a few OCR differences (``rate`` per character)."""
    for other in others:
        d = max(1, _allowed(len(other), rate))
        if abs(len(other) - len(text)) <= d and Levenshtein.distance(text, other, score_cutoff=d) <= d:
            return True
    return False


def _doubled_at_run_edges(window: str, offset: int) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of the matches of ``DOUBLED_RE.finditer(window)`` that start or
    end a run of Han characters (positions plus ``offset``), in order: the only ones DU10 may
    report. A match never crosses a run, so each run's matches are its own: the first is the
    one at its start, if any; the last can end at its end only if the run ends with a doubled
    word, which the text read backwards tells (a doubled word opening a run there). Only such
    runs are searched whole."""
    found = {}
    if m := DOUBLED_RE.match(window):
        found[0] = (0, m.end(), m.group(1))
    for m in DOUBLED_AFTER_RE.finditer(window):
        found[m.start(1)] = (m.start(1), m.end(), m.group(1))
    back, n = window[::-1], len(window)
    ends = [0] if DOUBLED_RE.match(back) else []
    ends += [m.start(1) for m in DOUBLED_AFTER_RE.finditer(back)]
    for r in ends:  # a run that ends with a doubled word (at back[r])
        stop = NOT_HAN_RE.search(back, r)
        run_start, run_end = n - (stop.start() if stop else n), n - r
        last = None
        for last in DOUBLED_RE.finditer(window, run_start, run_end):
            pass
        if last is not None and last.end() == run_end:
            found[last.start()] = (last.start(), run_end, last.group(1))
    return [(s + offset, e + offset, w) for s, e, w in sorted(found.values())]


def _add(index: dict[str, list[tuple[_Block, str]]], keys, entry: tuple[_Block, str]) -> None:
    """File ``entry`` under each of ``keys`` (at most 16 entries a key: a bound on the work per lookup)."""
    for key in keys:
        lst = index.get(key)
        if lst is None:
            index[key] = [entry]
        elif len(lst) < 16:
            lst.append(entry)


#: removals of page furniture (running heads and feet, page numbers, editor lines)
FURNITURE_CODES = frozenset({"DU06", "DU07", "DU08"})


def _text_before(blocks: list[_Block], b: _Block) -> str:
    """The text of the block kept before ``b`` on its page ("" at the page's top)."""
    i = blocks.index(b) - 1
    while i >= 0 and blocks[i].removed:
        i -= 1
    return blocks[i].text if i >= 0 and blocks[i].page == b.page else ""


def _after_cut(blocks: list[_Block], b: _Block) -> bool:
    """Whether the block before ``b`` on its page is body text cut mid-sentence (a column break):
    then ``b`` cannot be a title, whatever it looks like."""
    t = _text_before(blocks, b)
    return len(t) > 40 and t[-1] not in SENTENCE_END and t[-1] not in "：:"


def _after_body(blocks: list[_Block], b: _Block) -> bool:
    """Whether the block before ``b`` on its page is a paragraph of body text (a sentence ends
    in it): then ``b`` is inside an article, not at a title's place."""
    t = _text_before(blocks, b)
    return len(t) >= 20 and SENTENCE_END_RE.search(t) is not None


def _norm(text: str) -> str:
    """The comparison form of a text: without whitespace."""
    return "".join(text.split())


def _numeral_change(a: str, b: str) -> bool:
    """True if ``a`` and ``b`` differ in a digit or numeral: parallel text, not an OCR copy."""
    op: str  # (rapidfuzz's stub types an Editop's items as int | str)
    i: int
    j: int
    for op, i, j in Levenshtein.editops(a, b):  # type: ignore[assignment]
        if op == "replace":
            if a[i] in NUMERALS and b[j] in NUMERALS and a[i].translate(_WIDTH) != b[j].translate(_WIDTH):
                return True
        elif op == "delete":
            if a[i] in NUMERALS:
                return True
        elif b[j] in NUMERALS:
            return True
    return False


def better_copy(page: str, a: str, b: str) -> int:
    """Which of two copies that differ by OCR errors reads right: -1 ``a``, 1 ``b``, 0 no telling.

    The evidence is the rest of the page (less the two copies; a third read of the same text may
    share one's error, so one occurrence more proves nothing). At each Han character where the
    copies differ, a copy wins when the pairs its character makes with its neighbours occur at
    least twice more elsewhere (``负责人`` against ``负责入``: ``责人`` is everywhere, ``责入``
    nowhere). A name or a rare word: no telling. (How common a character is alone tells nothing:
    OCR misreads into the commonest ones, ``老字号`` as ``老一号``.)

    >>> better_copy("该项目负责人表示，……另一位负责人说", "负责入介绍", "负责人介绍")
    1
    """

    def elsewhere(t: str) -> int:
        return page.count(t) - a.count(t) - b.count(t)

    score = 0
    op: str  # (rapidfuzz's stub types an Editop's items as int | str)
    i: int
    j: int
    for op, i, j in Levenshtein.editops(a, b):  # type: ignore[assignment]
        if op != "replace" or not (HAN_CHAR_RE.match(a, i) and HAN_CHAR_RE.match(b, j)):
            continue  # (marks pair with anything: ``，`` against ``、`` is no telling)
        for x, y in ((a[max(0, i - 1) : i + 1], b[max(0, j - 1) : j + 1]), (a[i : i + 2], b[j : j + 2])):
            if len(x) == 2 and len(y) == 2:
                nx, ny = elsewhere(x), elsewhere(y)
                score += (ny >= nx + 2) - (nx >= ny + 2)
    return (score > 0) - (score < 0)


def _page_of(text: str, pos: int) -> str:
    """The page (between form feeds) of ``text`` that holds ``pos``: the evidence for a copy is
    its own page's, whether a file is cleaned page by page or whole."""
    end = text.find("\f", pos)
    return text[text.rfind("\f", 0, pos) + 1 : len(text) if end < 0 else end]


def _where(text: str) -> list[int]:
    """Where each character of ``text`` without its spaces is in ``text``."""
    return [i for i, c in enumerate(text) if c != " " and c != "\u3000"]


def _heading_like(text: str, max_chars: int = 40) -> bool:
    """Short and no sentence end: a title, a label, a byline (not a paragraph)."""
    return len(text) <= max_chars and text[-1] not in SENTENCE_END and text[-1] not in CONTINUING


def find_overlap(x: str, y: str, min_k: int, max_k: int, rate: float) -> tuple[int, int, int] | None:
    """The longest head ``y[:k]`` that repeats the tail ``x[-l:]``, as ``(l, k, distance)``.

    ``k >= min_k``; the copies may differ by about ``rate`` edits per character. Candidate ends
    come from exact anchors (the last 3 characters of ``x`` found in ``y``, or the 3 before them,
    or ``y``'s first 3 characters found in ``x``'s tail), so unrelated neighbours cost three
    ``str.find`` calls. A tail that ends a sentence (``。``) must be matched by a head that ends
    one, so ``坚持人民至上。`` / ``坚持人民至上，…`` is not an overlap; and the copies' last
    characters must align, so a fuzzy match never grows by a unique character (``呼市人民喜`` /
    ``呼市人民喜爱…`` is 5 characters, not 6 with one "inserted").

    >>> find_overlap("…修复后的路牌让出行更安心，城市道路环境更整洁规范。", "让出行更安心，城市道路环境更整洁规范。", 6, 400, 0.1)
    (19, 19, 0)
    >>> find_overlap("冬泳也是呼市人民喜", "呼市人民喜爱的一项活动", 6, 400, 0.1) is None  # 5 < min_k
    True
    """
    nx, ny = len(x), len(y)
    if nx < 3 or ny < min_k:
        return None
    lim = min(ny, max_k)
    a, a2, h = x[-3:], x[-6:-3], y[:3]
    start = max(0, nx - lim - _allowed(lim, rate))
    i, i2 = y.find(a, 0, lim), (y.find(a2, 0, lim) if nx >= 6 else -1)
    j = x.find(h, start)
    if i < 0 and i2 < 0 and j < 0:
        return None  # the usual case: unrelated neighbours
    cands: set[int] = set()
    while i >= 0:
        cands.add(i + 3)
        i = y.find(a, i + 1, lim)
    while i2 >= 0:
        cands.update((i2 + 5, i2 + 6, i2 + 7))
        i2 = y.find(a2, i2 + 1, lim)
    found = _verify(x, y, cands, min_k, lim, rate) if cands else None
    if found or j < 0:
        return found
    cands = set()
    while j >= 0:
        n = nx - j
        d = _allowed(n, rate)
        cands.update(range(n - d, n + d + 1))
        j = x.find(h, j + 1)
    return _verify(x, y, cands, min_k, lim, rate)


def _read_early(x: str, y: str, n: int, k: int, trimmed: int) -> int:
    """How much of ``x`` to keep (0: none of this applies) when its last ``n`` characters, which
    ``y``'s first ``k`` repeat, are ``y``'s
    opening read at the end of ``x`` (a column's first line captured with the column before it),
    not ``x``'s own end read again at the start of ``y``: the copy in ``x`` starts right after a
    finished sentence and stops mid-sentence, and ``y`` opens like a paragraph. A line that ends
    on a sentence end inside a paragraph is rare; one that ends a paragraph is the rule, so
    this reading is the likelier one (and either keeps every character once).

    >>> copy = "投资结构持续优化。一季度，全省投资增长3.7%"
    >>> _read_early("一季度增加值增长18.3%。" + copy, copy + "，其中设备投资增长21.4%。", len(copy), len(copy), 0)
    14
    >>> _read_early("要求各单位高度重视、迅速行动", "视、迅速行动，抓好落实。", 6, 6, 0)
    0
    """
    keep = len(x[: len(x) - n].rstrip())
    early = (
        keep > max(trimmed, MIN_KEPT_HEAD)
        and x[keep - 1] in SENTENCE_END
        and x[-1] not in SENTENCE_END
        and k < len(y)
        and y[0] not in NO_OPENING
    )
    return keep if early else 0


def _more_copies(t: str, end: int, copy: str) -> int:
    """Where the run of further exact copies of ``copy`` that starts at ``end`` in ``t`` ends: a
    clause OCR read over and over goes in one edit, not one copy a cleaning (which was not
    idempotent). Copies with OCR differences of their own are left to the next round.

    >>> _more_copies("甲乙丙，甲乙丙，甲乙丙，甲乙丙，完", 8, "甲乙丙，")  # (the second copy ends at 8)
    16
    """
    n = len(copy)
    while n and t.startswith(copy, end):
        end += n
    return end


#: marks no paragraph opens with (an opening quote or bracket may)
NO_OPENING = frozenset("，、；：,;:。！？…!?.）)》」』”’—")


#: a block must keep this many characters for its tail to be read as the next block's opening
MIN_KEPT_HEAD = 8


def find_near_tail(x: str, y: str, min_len: int, slack: int, rate: float) -> tuple[int, int, int] | None:
    """Where all of ``y`` repeats a stretch of ``x`` that ends 1..``slack`` characters before
    ``x``'s end, as ``(start, end, distance)`` in ``x``: a column strip read twice whose cut
    fell a little before the end of the column. ``y`` is removed whole, so its end need not be
    ``x``'s end; it must be at least ``min_len`` characters.

    >>> find_near_tail("…城市道路环境更整洁规范。本报记者 于宏振", "城市道路环境更整洁规范。", 10, 12, 0.1)
    (1, 13, 0)
    """
    nx, ny = len(x), len(y)
    if ny < min_len or nx < ny:
        return None
    d = _allowed(ny, rate)
    lo = max(0, nx - slack - ny - d)
    ends: set[int] = set()
    for anchor, shift in ((y[-3:], 3), (y[-6:-3], 6)):
        i = x.find(anchor, lo)
        while i >= 0:
            ends.update((i + shift,) if shift == 3 else (i + 5, i + 6, i + 7))
            i = x.find(anchor, i + 1)
    best = None
    for e in sorted(ends, reverse=True):
        if not nx - slack <= e < nx or (y[-1] in SENTENCE_END) != (x[e - 1] in SENTENCE_END):
            continue
        for n in range(max(1, ny - d), min(e, ny + d) + 1):
            dist = Levenshtein.distance(y, x[e - n : e], score_cutoff=d)
            if dist <= d and (best is None or dist < best[2]):
                best = (e - n, e, dist)
        if best:
            return best
    return None


#: the most characters of a copy left at the end of the block before the cut (``tail_slack``'s default)
MAX_COPY_LEAD = 12


def _read_twice_across(x: str, y: str, n: int, k: int, dist: int, min_k: int) -> bool:
    """Whether an overlap found with OCR differences (``x[-n:]`` ~ ``y[:k]``, ``dist`` edits) is
    a sentence read twice across the cut instead: ``x``'s tail stands exactly a few characters
    into ``y``, and those characters follow it there again (``…以上。今年…总投资约4.6`` /
    ``亿元。今年…总投资约4.6亿元。``, ``…边沿已经磨得`` / ``发亮。母亲有个…边沿已经磨得发亮。``),
    or the copy's first characters end ``x`` after the sentence they open (``修鞋…相关。修`` /
    ``鞋…相关。近年来…``).
    Taken for an overlap, one copy would lose its start and the other keep the first's end
    (``96%亿元``); left alone, the pieces join and the copy goes as a repeated sentence."""
    for j in range(1, dist + 1):
        head = y[:j]
        for m in {n, n - j, k, k - j}:
            if m >= min_k and y.startswith(x[-m:], j) and y.startswith(head, j + m) and _found_joined(x[-m:] + head):
                return True
    # or the copy's first characters end ``x`` and its rest opens ``y`` (``修鞋…相关。修`` /
    # ``鞋…相关。近年来…``: ``修`` against ``近`` is no OCR difference; ``…文献。她所在的修复`` /
    # ``团队共有…文献。“修复…``, six of them, four differences)
    for j in range(1, min(MAX_COPY_LEAD, n) + 1):
        lead = x[-j:]
        for m in {n - j, k - j}:
            if (
                m >= min_k and x.endswith(y[:m], 0, len(x) - j) and x.endswith(lead, 0, len(x) - j - m)
                and _found_joined(lead + y[:m])
            ):
                return True
    return False


def _found_joined(unit: str) -> bool:
    """Whether ``unit`` read twice in a row is found once the pieces are joined: it holds a
    sentence end (DU05 aligns on those), or is long enough for the search without them (``_tandem``).
    A short stretch of a column read twice (``巨人”企业41家，总数达``) is not: it stays an overlap."""
    return len(unit) >= 16 or any(c in unit for c in TERMINAL)


def _best_tail(x: str, yk: str, d: int) -> tuple[int, int, int] | None:
    """``(n, k, distance)`` of the tail ``x[-n:]`` within ``d`` edits of ``yk`` (``k`` long):
    the fewest edits, then the length nearest ``k``, then the shorter; never one that changes a
    numeral. Lengths are tried nearest ``k`` first, and a tail ``n`` long is at least
    ``|n - k|`` edits away, so the search stops once that exceeds the best distance (an exact
    copy: one alignment, not ``2 * d + 1``)."""
    k = len(yk)
    lo, hi = max(1, k - d), min(len(x), k + d)
    best: tuple[int, int, int] | None = None
    for m in range(d + 1):
        if best is not None and m > best[2]:
            break
        for n in (k - m, k + m) if m else (k,):
            if not lo <= n <= hi:
                continue
            dist = Levenshtein.distance(yk, x[-n:], score_cutoff=d)
            if dist <= d and (best is None or (dist, m) < (best[2], abs(best[0] - k))):
                if dist and _numeral_change(x[-n:], yk):
                    continue  # ``建议20`` / ``建议200余条``: a digit is never an OCR difference to trim
                best = (n, k, dist)
    return best


def _verify(x: str, y: str, cands: set[int], min_k: int, lim: int, rate: float) -> tuple[int, int, int] | None:
    """The longest candidate head length ``k`` whose ``y[:k]`` aligns with a tail of ``x``."""
    last, before = x[-1], x[-3:-1]
    sentence_end = last in SENTENCE_END
    for k in sorted(cands, reverse=True):
        if k < min_k or k > lim:
            continue
        end = y[k - 1]  # (the tests on y[:k]'s end first: most candidates fail them, unsliced)
        if sentence_end and end not in SENTENCE_END:
            continue
        if end != last and y[max(0, k - 3) : k - 1] != before:
            continue  # the ends must align (a match, or a substitution after two matches): never over-trim
        d = _allowed(k, rate)
        yk = y[:k]
        if Levenshtein.distance(yk, x[-k:], score_cutoff=2 * d) > 2 * d:
            continue  # no length within d of k can be within d edits
        best = _best_tail(x, yk, d)
        if best and best[2] and k - 1 >= min_k and Levenshtein.distance(y[: k - 1], x[-best[0] :]) < best[2]:
            # y's last character is the one "inserted": the copy ends before it, and that
            # character is the text's own (``…用刨子一点`` / ``…用刨子一点点修整``: 点点)
            return _verify(x, y, {c for c in cands if c < k} | {k - 1}, min_k, lim, rate)
        if best:
            return best
    return None


_UNSET = object()


def _paragraph_keys(t: str, min_len: int) -> tuple[str, list[str], list[str], frozenset[str]] | None:
    """``(text without whitespace, its clauses, index keys, the same as a set)`` of a block that
    may be a repeated paragraph (DU04), or None for headings, bylines and other blocks without a
    sentence."""
    if len(t) < min_len or "\n" in t:
        return None
    if "。" not in t and (_heading_like(t) or not any(c in t for c in TERMINAL)):
        return None
    if len(t) <= 30 and BYLINE_RE.match(t):
        return None
    n = "".join(t.split()) if (" " in t or "\u3000" in t or "\t" in t) else t
    if len(n) < min_len:
        return None
    m = n.replace("。", "，")
    parts = m.split("，")
    clauses = [c for c in parts if len(c) >= 4]
    if len(clauses) > 4:
        clauses = clauses[:2] + clauses[-2:]
    keys = [n, n[:12], n[-12:], *clauses]
    if "！" in m or "？" in m or "；" in m:  # (DU05's clauses end at these too: _may_repeat_sentence)
        parts = m.replace("！", "，").replace("？", "，").replace("；", "，").split("，")
    return n, parts, keys, frozenset(keys)


_HEAD, _TAIL = itemgetter(slice(4)), itemgetter(slice(-4, None))


def _may_repeat_sentence(text: str, clauses: list[str] | None = None) -> bool:
    """Cheap filter for DU05: two clauses share their first 4 characters, or (clauses of 8+)
    their last 4. An OCR error spoils one end of a clause, rarely both."""
    if clauses is None:
        t = text.replace("。", "，")
        if "！" in t or "？" in t or "；" in t:
            t = t.replace("！", "，").replace("？", "，").replace("；", "，")
        clauses = t.split("，")
    n = len(clauses)
    if len(set(map(_HEAD, clauses))) == n == len(set(map(_TAIL, clauses))):
        return False  # (the usual block, told in C: no two pieces share their first or last 4 characters)
    heads = [c[:4] for c in clauses if len(c) >= 4]
    if len(set(heads)) < len(heads):
        return True
    tails = [c[-4:] for c in clauses if len(c) >= 8]
    return len(set(tails)) < len(tails)


def _repeated_clauses(text: str, start: int, min_gap: int, max_gap: int) -> list[tuple[int, int]]:
    """``(first, second)`` positions of the same 4 characters opening or closing a clause twice
    in ``text[start:]``, ``min_gap``..``max_gap`` characters apart (an OCR error spoils one
    end of a clause, rarely both)."""
    seen: dict[str, int] = {}
    out = []
    for m in CLAUSE_RE.finditer(text, start):
        c, s = m.group(), m.start()
        for key, pos in ((c[:4], s), (c[-4:], m.end() - 4)) if len(c) >= 8 else ((c[:4], s),):
            p = seen.get(key)
            if p is not None and min_gap <= pos - p <= max_gap:
                out.append((p, pos))
            seen[key] = pos
    return out


@dataclass(slots=True)
class _Block:
    start: int  # span of the text without edge spaces
    end: int
    cut: int  # the whole block is removed as text[cut:gap]: from its line start ...
    gap: int  # ... to the next block (or the form feed before it)
    page: int
    text: str
    removed: bool = False
    edit: int = -1  # index of its removal in ``DedupPass._edits``
    trimmed: int = 0  # characters removed at its start
    clauses: list[str] | None = None  # the whitespace-free text split at ``，`` and ``。`` (set by DU04)


class DedupPass(Pass):
    """Remove text the OCR read twice and page furniture; report doubled words."""

    name = "dedup"
    reruns = True
    rules = (
        Rule("DU01", "dedup.repeated-tail", "block repeats the tail of the block before it (column overlap read twice)"),
        Rule("DU02", "dedup.repeated-head", "block repeats the head of the block after it (column overlap read twice)"),
        Rule("DU03", "dedup.overlap", "block starts with a repeat of the previous block's tail; one copy is trimmed"),
        Rule("DU04", "dedup.repeated-paragraph", "paragraph read twice on the page; the later copy is removed"),
        Rule("DU05", "dedup.repeated-sentence", "sentence (or a longer stretch) read twice in a row inside a paragraph"),
        Rule("DU06", "dedup.running-head", "running head or foot removed (kept in the page metadata)"),
        Rule("DU07", "dedup.page-number", "page number removed (kept in the page metadata)"),
        Rule("DU08", "dedup.editor-line", "editor credit line removed (kept in the page metadata)"),
        Rule("DU09", "dedup.possible-repeat", "a heading is repeated at the start of the next block (before a punctuation mark); kept",
             fixable=False, severity="info"),
        Rule("DU10", "dedup.doubled-word", "word written twice in a row (送餐送餐); not changed",
             fixable=False, severity="warning"),
    )
    options = {
        "min_chars": 6,  # shortest repeat removed at a block boundary (DU01–DU03)
        "max_overlap_chars": 400,  # longest boundary repeat looked for
        "max_error_rate": 0.1,  # OCR differences tolerated between copies, per character
        "tail_slack": 12,  # a whole block may repeat a stretch ending this close to the previous block's end
        "min_paragraph_chars": 20,  # shortest paragraph removed as a page-wide repeat (DU04)
        "min_sentence_chars": 8,  # shortest sentence removed as a repeat (DU05)
        "furniture": True,  # remove running heads, page numbers, editor lines (DU06–DU08)
        "furniture_max_chars": 60,  # longer lines are never furniture
        "furniture_min_pages": 3,  # a line repeated at a page edge on this many pages ...
        "furniture_min_ratio": 0.4,  # ... and on this share of the pages is a running head/foot
        "furniture_edge_lines": 2,  # lines at the top and at the foot of a page looked at
        "doubled_words": True,  # report DU10
        "report_only": False,  # diagnostics instead of removals
    }
    # (the others: 0 to MAX_COUNT, and the rates and ratios 0 to 1)
    limits = {name: (1, MAX_COUNT) for name in ("min_chars", "max_overlap_chars", "min_paragraph_chars",
                                                "min_sentence_chars", "furniture_min_pages")}

    def run(self, ctx: Context) -> None:
        # a pass object is shared by every run of a pipeline: keep this run's findings on a copy
        object.__new__(type(self))._run(ctx)

    def _run(self, ctx: Context) -> None:
        text = ctx.text
        opts = ctx.options
        blocks = self._blocks(text)
        self._edits: list[tuple[str, int, int, str, tuple[int, int] | None]] = []
        self._furniture: list[dict[str, object]] = []
        # What an earlier round on this page found nothing in (ctx.memo): after a join, only the
        # joined blocks are new, and most rounds find nothing new in them either.
        memo = ctx.memo
        if opts["furniture"]:
            self._find_furniture(text, blocks, opts, memo.setdefault("furniture_kinds", {}))
        kept = memo.get("kept")  # how often the last run kept each block text whole (None: first run)
        old: set[str] | None = None  # texts of blocks that run saw as they are now
        if kept is not None:
            now = Counter(b.text for b in blocks)
            old = {t for t, c in now.items() if kept.get(t, 0) >= c}
        self._paragraphs(blocks, opts, old, memo)  # first: removing a copy can make a fragment adjacent to its source
        self._boundaries(ctx, blocks, opts, memo.setdefault("quiet_pairs", set()))
        self._sentences(blocks, opts, memo.setdefault("quiet_sentences", set()))
        if self._edits:  # (no edit, no removed block)
            self._keep_wider_gaps(text, blocks)
        report = opts["report_only"]
        for code, s, e, note, twin in self._edits:
            if report:
                ctx.diagnose(code, s, e, f"{note} (report only)", "warning")
            else:
                ctx.edit(code, s, e, "", note, twin)

        if self._furniture and not report:
            ctx.meta.setdefault("furniture", []).extend(self._furniture)
        if opts["doubled_words"]:
            if old is None:
                self._doubled(ctx, text, 0, len(text))
            else:  # a doubled word has no space in it: the blocks' own texts hold every one
                for b in blocks:
                    if b.text not in old:
                        self._doubled(ctx, text, b.start, b.end)
        memo["kept"] = Counter(b.text for b in blocks if not b.removed and not b.trimmed)

    # -- blocks ------------------------------------------------------------------------------
    @staticmethod
    def _blocks(text: str) -> list[_Block]:
        """The blocks of ``text``: ``str.split`` on blank lines, a regex only where a chunk is odd."""
        feeds = []
        i = text.find("\f")
        while i >= 0:
            feeds.append(i)
            i = text.find("\f", i + 1)
        blocks: list[_Block] = []  # each one's gap is set to the next one's line start (cut) below
        pos = 0
        for chunk in text.split("\n\n"):
            t = chunk.strip()
            if len(t) == len(chunk):  # (the usual paragraph: nothing to strip)
                if t and "\n" not in t and "\f" not in t:
                    blocks.append(_Block(pos, pos + len(t), pos, 0, 0, t))
                    pos += len(t) + 2
                    continue
            if t:
                if "\f" in chunk or ("\n" in t and "\n\n" in "\n".join(x.strip() for x in t.split("\n"))):
                    for m in BLOCK_RE.finditer(chunk):  # a page break or a whitespace-only line inside
                        bt = m.group().strip()
                        if bt:
                            s = pos + m.start() + m.group().find(bt[0])
                            blocks.append(_Block(s, s + len(bt), pos + m.start(), 0, 0, bt))
                else:
                    lead = chunk.find(t[0])
                    s = pos + lead
                    blocks.append(_Block(s, s + len(t), pos + chunk.rfind("\n", 0, lead) + 1, 0, 0, t))
            pos += len(chunk) + 2
        for b, after in zip(blocks, blocks[1:]):
            b.gap = after.cut
        if blocks:
            blocks[-1].gap = len(text)
        if feeds:
            for b in blocks:
                b.page = page = bisect_right(feeds, b.start)
                if page < len(feeds) and feeds[page] < b.gap:
                    b.gap = feeds[page]  # never remove a page break
        return blocks

    def _remove_block(self, b: _Block, code: str, note: str, twin: tuple[int, int] | None) -> None:
        b.removed = True
        b.edit = len(self._edits)
        self._edits.append((code, b.cut, b.gap, note, twin))

    def _keep_wider_gaps(self, text: str, blocks: list[_Block]) -> None:
        """A removal takes a block with the blank lines after it; when those are the wider gap
        (the end of a story: ``…正文。`` / copy / three blank lines / next story), it leaves as
        many as there were before it, so the record boundary the segment pass reads survives."""
        prev: _Block | None = None
        run: list[_Block] = []
        for b in blocks:  # (a run of removals at the end has no next block: nothing to keep)
            if b.removed:
                run.append(b)
                continue
            if run and any(self._edits[r.edit][0] in FURNITURE_CODES for r in run):
                run = []  # (the gaps around a running head or page number are the scan's, not the story's)
            if run and prev is not None and prev.page == run[0].page == b.page:
                last = run[-1]
                before = text.count("\n", prev.end, run[0].cut)
                after = text.count("\n", last.end, last.gap)
                if after > before:
                    end = last.end
                    for _ in range(before):
                        end = text.index("\n", end) + 1
                    code, start, _, note, twin = self._edits[last.edit]
                    self._edits[last.edit] = (code, start, end, note, twin)
                elif before > after and all(self._edits[r.edit][0] in ("DU01", "DU04") for r in run):
                    # copies of the block before at the top of the next column: the wider gap before
                    # them is the column break's, the one after them the story's (``…训练2至3个小时…`` /
                    # three blank lines / the copy / one blank line / ``近年来…``): that one stays
                    w = text[max(0, run[0].cut - 64) : run[0].cut]
                    code, _, end, note, twin = self._edits[run[0].edit]
                    self._edits[run[0].edit] = (code, run[0].cut - (len(w) - len(w.rstrip())), end, note, twin)
                    code, start, _, note, twin = self._edits[last.edit]
                    self._edits[last.edit] = (code, start, last.end, note, twin)
            run = []
            prev = b

    # -- 4. page furniture -------------------------------------------------------------------
    def _find_furniture(self, text: str, blocks: list[_Block], opts, known: dict[str, str | None]) -> None:
        """Running heads and feet, page numbers, editor lines; ``known``: short block texts'
        :meth:`_furniture_kind`, from this round or an earlier one on the page."""
        max_chars = opts["furniture_max_chars"]
        by_page: dict[int, list[_Block]] = {}
        for b in blocks:
            by_page.setdefault(b.page, []).append(b)
        # the last running heads found (a few: a chunk without page breaks can hold hundreds),
        # for their copies with OCR errors
        heads: list[str] = []
        glued = "版" in text  # (a running head glued to a block has its page: ``第5版``)
        for page_blocks in by_page.values():
            kinds = [(known[b.text] if b.text in known else known.setdefault(b.text, self._furniture_kind(b.text)))
                     if len(b.text) <= max_chars else None for b in page_blocks]
            if "bare" in kinds or "head_part" in kinds:  # (what the rest of the page tells of these)
                # a number the next block goes on is content: a date or an amount cut by a column
                # break (``3`` / ``月21日是世界睡眠日。…``), wherever it stands
                for i, kind in enumerate(kinds[:-1]):
                    if kind == "bare" and FIGURE_GOES_ON_RE.match(page_blocks[i + 1].text):
                        kinds[i] = None
                # a bare number is a page number when only furniture stands between it and the page's
                # top or foot; elsewhere it is content (a figure in a graphic, a list number)
                for order in (range(len(kinds)), range(len(kinds) - 1, -1, -1)):
                    for i in order:
                        if kinds[i] is None:
                            break
                        if kinds[i] == "bare":
                            kinds[i] = "page_number"
                # ... and so is one beside a running head or foot mid-page (two scans run together)
                for i, kind in enumerate(kinds):
                    if kind == "bare" and any(
                        0 <= j < len(kinds) and kinds[j] in ("running_head", "page_number") for j in (i - 1, i + 1)
                    ):
                        kinds[i] = "page_number"
                # a line of a running head set over several lines (``第1版`` / ``汾河日报`` under the
                # date): furniture beside furniture, content anywhere else
                for order in (range(len(kinds)), range(len(kinds) - 1, -1, -1)):
                    for i in order:
                        if kinds[i] == "head_part" and any(
                            0 <= j < len(kinds) and kinds[j] in ("running_head", "page_number") for j in (i - 1, i + 1)
                        ):
                            kinds[i] = "running_head"
                kinds = [None if k == "head_part" else k for k in kinds]
                # ... and so is one that cuts a sentence in two (``…小区物业推`` / ``2`` / ``出为健身器材…``):
                # a column's foot read into the text flow, which joining the pieces would glue into a word
                for i in range(1, len(kinds) - 1):
                    if kinds[i] == "bare" and kinds[i - 1] is None and kinds[i + 1] is None:
                        before, after = page_blocks[i - 1].text, page_blocks[i + 1].text
                        if len(before) >= 10 and len(after) >= 10 and before[-1] not in SENTENCE_END and not before[-1].isdigit():
                            kinds[i] = "page_number"
            if "running_head" in kinds:
                for b, kind in zip(page_blocks, kinds):
                    if kind == "running_head" and b.text not in heads:
                        heads = [*heads[-(MAX_HEADS - 1):], b.text]
            for b, kind in zip(page_blocks, kinds):
                if kind and kind != "bare":
                    self._remove_furniture(b, kind)
                elif glued and b.text.find("版", 0, 48) >= 0 and "\n" not in b.text:
                    m = GLUED_HEAD_RE.match(b.text)
                    if m and m.end() < len(b.text):
                        self._trim_furniture(b, m.end(), "running_head", "DU06")
                        continue
                if not kind and heads and len(b.text) <= max_chars and _near_copy(b.text, heads, opts["max_error_rate"]):
                    # the running head read again with an OCR error (``星期五 丈2版``): its pattern misses it
                    self._remove_furniture(b, "running_head")
        pages = len(by_page)
        if pages >= opts["furniture_min_pages"]:
            self._repeated_edges(by_page, opts)

    @staticmethod
    def _furniture_kind(line: str) -> str | None:
        """``running_head``, ``editor``, ``page_number``, ``bare`` (a bare number), ``head_part``
        (the page or the paper's name alone) or None."""
        if not (line[0] in FURNITURE_FIRST or "：" in line or ":" in line or "年" in line or "版" in line
                or "编" in line or "校" in line or "统筹" in line or line[-1] == "报"):
            return None  # cheap filter: most short blocks are headings and bylines
        if JUMP_RE.match(line) or BYLINE_RE.match(line) or DATELINE_RE.match(line):
            return None
        if "版" in line and (bare := JUMP_MARK_RE.sub(" ", line).strip()) != line.strip():
            # a jump marker inside a running head or an editor line (``晋北日报（上接第1版） 2026年…``):
            # the rest says what the line is (with it, the line was kept, and went once segment
            # had removed the marker: on the next clean)
            return DedupPass._furniture_kind(bare) if bare else None
        m = PAGE_NUMBER_RE.fullmatch(line)
        if m:
            return "bare" if m.group("bare") else "page_number"
        if EDITOR_RE.fullmatch(line):
            return "editor"
        kinds = []
        pos = 0
        while pos < len(line):
            m = HEAD_TOKEN_RE.match(line, pos)
            if not m or m.end() == pos:
                break
            if m.lastgroup == "section" and pos and line[pos - 1] not in HEAD_SEPARATORS:
                break  # a title glued on by line joining (``…第5版乡村振兴新图景``), not a section name
            kinds.append(m.lastgroup)
            pos = m.end()
        else:
            if kinds.count("section") <= 1 and (
                ("date" in kinds and ({"paper", "weekday", "page"} & set(kinds)))
                or ("paper" in kinds and "page" in kinds)
            ):
                return "running_head"
            if kinds and "section" not in kinds and "date" not in kinds:
                return "head_part"  # (``第1版``, ``汾河日报``: a running head's line only beside one)
        return None

    def _remove_furniture(self, b: _Block, kind: str, page_kind: str | None = None) -> None:
        code = {"page_number": "DU07", "editor": "DU08"}.get(kind, "DU06")
        self._remove_block(b, code, kind.replace("_", " "), None)
        self._furniture.append({"kind": page_kind or kind, "text": b.text, "page": b.page + 1})

    def _trim_furniture(self, b: _Block, n: int, kind: str, code: str) -> None:
        head = b.text[:n]
        b.trimmed = n
        self._edits.append((code, b.start, b.start + n, f"{kind.replace('_', ' ')} glued to the block", None))
        self._furniture.append({"kind": kind, "text": head.strip(), "page": b.page + 1})

    def _repeated_edges(self, by_page: dict[int, list[_Block]], opts) -> None:
        """Lines at the top or foot of many pages of a multi-page dump are running heads/feet."""
        edge = opts["furniture_edge_lines"]
        max_chars = opts["furniture_max_chars"]
        seen: dict[tuple[str, str], set[int]] = {}
        where: list[tuple[tuple[str, str], _Block]] = []
        for page, page_blocks in by_page.items():
            live = [b for b in page_blocks if not b.removed and not b.trimmed]
            for side, group in (("top", live[:edge]), ("foot", live[-edge:] if edge else [])):
                for b in group:
                    t = b.text
                    if len(t) > max_chars or "\n" in t or JUMP_RE.match(t) or BYLINE_RE.match(t) or DATELINE_RE.match(t):
                        continue
                    if t[-1] in SENTENCE_END:
                        continue
                    key = (side, DIGIT_RE.sub("#", _norm(t)))
                    seen.setdefault(key, set()).add(page)
                    where.append((key, b))
        need = max(opts["furniture_min_pages"], math.ceil(opts["furniture_min_ratio"] * len(by_page)))
        for key, b in where:
            if len(seen[key]) >= need and not b.removed:
                self._remove_furniture(b, "running_head" if key[0] == "top" else "running_foot")

    # -- 1, 2. neighbours --------------------------------------------------------------------
    def _boundaries(self, ctx: Context, blocks: list[_Block], opts, quiet: set[tuple[str, str, int]]) -> None:
        """Overlaps of neighbours; ``quiet`` holds the pairs an earlier round found no overlap in
        (most pairs: a later round on the page looks again only at the pairs a change made)."""
        min_k, max_k, rate = opts["min_chars"], opts["max_overlap_chars"], opts["max_error_rate"]
        back = -(max_k + _allowed(max_k, rate))  # how far back in x find_overlap looks for y's head
        prev: _Block | None = None
        for b in blocks:
            if b.removed:
                continue
            if b.trimmed or prev is None or prev.page != b.page or "\n" in b.text or "\n" in prev.text:
                prev = b
                continue
            x, y = prev.text, b.text
            if "\ufffd" in x or "\ufffd" in y:
                prev = b  # unreadable text (a decoding failure): no repeat can be told in it
                continue
            if (
                MIN_FRAGMENT_CHARS <= len(y) < min_k and x.endswith(y) and len(x) > len(y) and HAN_CHAR_RE.match(y[-1])
                and _after_body(blocks, prev)
            ):
                # a piece cut mid-word read again alone (``区人社局相关负`` / ``社局相关负`` / ``责人介绍…``),
                # inside an article (not a title and its subtitle): too short for an overlap
                # anywhere else, but no block is the broken tail of the one before
                self._remove_block(b, "DU01", f"repeats the last {len(y)} characters of the block before it, "
                                   "both cut mid-word", (prev.end - len(y), prev.end))
                # ... and the block before ends a column mid-word: rejoin joins it to the block after
                after = next((c for c in blocks[blocks.index(b) + 1 :] if not c.removed), None)
                if after is not None and after.page == b.page:
                    ctx.meta.setdefault(META_HINTS, {})[hint_key(x, after.text)] = "continue"
                continue
            pair = (x, y, prev.trimmed)
            if pair in quiet:
                prev = b
                continue
            # the usual case, inlined: neither end anchor of x is in y's head, y's head not in x
            # (``in`` a slice: a block is seldom longer, and then the slice is the block itself)
            head, tail = y[:max_k], x[back:]
            anchored = x[-3:] in head or x[-6:-3] in head or y[:3] in tail
            # Stray spaces (kept in short blocks, which read as headings to punct) are no OCR
            # difference: copies the spaces hide are aligned again without them (then mapped back)
            spaced = " " in x or " " in y or "\u3000" in x or "\u3000" in y
            if spaced:
                xs, ys = x.replace(" ", "").replace("\u3000", ""), y.replace(" ", "").replace("\u3000", "")
                if not anchored:
                    head, tail = ys[:max_k], xs[back:]
                    spaced = xs[-3:] in head or xs[-6:-3] in head or ys[:3] in tail
            if not (anchored or spaced):
                quiet.add(pair)
                prev = b
                continue
            found = find_overlap(x, y, min_k, max_k, rate) if anchored else None
            if not found and spaced and (found := find_overlap(xs, ys, min_k, max_k, rate)):
                n, k, dist = found
                xi, yi = _where(x), _where(y)
                k = yi[k - 1] + 1
                while k < len(y) and y[k] in " \u3000":
                    k += 1
                found = (len(x) - xi[len(xs) - n], k, dist)
            if not found:
                near = find_near_tail(x, y, 10, opts["tail_slack"], rate) if anchored and len(y) <= max_k else None
                if not near and spaced and len(ys) <= max_k and (near := find_near_tail(xs, ys, 10, opts["tail_slack"], rate)):
                    xi = _where(x)
                    near = (xi[near[0]], xi[near[1] - 1] + 1, near[2])
                if not (near and near[0] >= prev.trimmed):
                    quiet.add(pair)  # (a later round on this page skips the alignment)
                else:
                    s, e, dist = near
                    diff = f", {dist} OCR difference{'s' if dist != 1 else ''}" if dist else ""
                    self._remove_block(b, "DU01", f"repeats {e - s} characters that end {len(x) - e} before the end "
                                       f"of the block before it{diff}", (prev.start + s, prev.start + e))
                    lead = x[e:]
                    c = s - len(lead)
                    if c >= prev.trimmed and x[c:s] == lead and (c == prev.trimmed or x[c - 1] in SENTENCE_END):
                        # the copy began in the block before: ``…7级。周三`` / ``前后最高气温…7级。`` repeats
                        # ``周三前后最高气温…7级。``, whose ``周三`` goes too, or it runs on into the next paragraph
                        self._trim_tail(prev, e, f"starts the copy of the {len(lead) + e - s} characters before it, which "
                                        "the block after it goes on", (prev.start + c, prev.start + s))
                    continue
                prev = b
                continue
            n, k, dist = found
            if dist and _read_twice_across(x, y, n, k, dist, min_k):
                prev = b  # (joined by rejoin, the next round removes the copy: DU05)
                continue
            diff = f", {dist} OCR difference{'s' if dist != 1 else ''}" if dist else ""
            twin_x = (prev.end - n, prev.end)
            if n == len(x) and k == len(y):
                self._remove_block(b, "DU04", f"paragraph read twice, adjacent copy{diff}", (prev.start, prev.end))
            elif k == len(y):
                self._remove_block(b, "DU01", f"repeats the last {n} characters of the block before it{diff}", twin_x)
            elif n == len(x) and not prev.trimmed:
                if (y[k] in "：:" or (y[k] in HEADING_END and _heading_like(x) and not any(c in x for c in "，、；。"))) and (
                    not _after_cut(blocks, prev) and x.count("“") == x.count("”")  # (an open quote is no title)
                ):
                    # a title or label leading into its paragraph (``代表委员话发展`` / ``代表委员话发展：…``,
                    # ``广胜街倾倒路牌已修复`` / ``广胜街倾倒路牌已修复，…``): when in doubt, keep it
                    ctx.diagnose("DU09", prev.start, prev.end,
                                 "heading repeated at the start of the next block; kept", "info")
                    prev = b
                    continue
                if dist and better_copy(_page_of(ctx.text, prev.start), x, y[:k]) < 0:
                    # the block's own read is the right one (``…负责人介绍`` / ``负责入介绍…``):
                    # the copy at the head of the block after it goes instead
                    self._trim_head(b, k, n, diff, twin_x)
                else:
                    self._remove_block(prev, "DU02", f"repeats the first {k} characters of the block after it{diff}",
                                       (b.start, b.start + k))
                prev = b
            elif keep := _read_early(x, y, n, k, prev.trimmed):
                # the next column's first line read at the end of this one: the block before ends
                # its paragraph where the copy starts, and the block after keeps its opening
                self._trim_tail(prev, keep, f"repeats the first {k} characters of the block after it "
                                f"(read before it at a column's end){diff}", (b.start, b.start + k))
                prev = b
            elif (
                dist and len(x[: len(x) - n].rstrip()) > prev.trimmed
                and better_copy(_page_of(ctx.text, prev.start), x[-n:], y[:k]) > 0
            ):
                # the copy at the head of the block after it reads right: the block's own end goes
                # (not into a head the block before it repeats: that goes already)
                self._trim_tail(prev, len(x[: len(x) - n].rstrip()), f"repeats the first {k} characters of the block "
                                f"after it, which read them right{diff}", (b.start, b.start + k))
                prev = b
            else:
                self._trim_head(b, k, n, diff, twin_x)
                prev = b

    def _trim_tail(self, b: _Block, keep: int, note: str, twin: tuple[int, int]) -> None:
        """Remove ``b``'s text after its first ``keep`` characters, a copy of the next block's head."""
        self._edits.append(("DU03", b.start + keep, b.end, note, twin))
        b.text, b.end = b.text[:keep], b.start + keep

    def _trim_head(self, b: _Block, k: int, n: int, diff: str, twin: tuple[int, int]) -> None:
        """Remove the first ``k`` characters of ``b``, the copy of the block before's last ``n``."""
        b.trimmed = k
        self._edits.append(("DU03", b.start, b.start + k, f"repeats the last {n} characters of the block before it{diff}", twin))

    # -- 3. page-wide paragraphs and adjacent sentences -------------------------------------
    def _paragraphs(self, blocks: list[_Block], opts, old_texts: set[str] | None, memo: dict) -> None:
        """A paragraph read twice on the page: the later copy goes, the first is the twin.

        Each paragraph is indexed (per page) by its whitespace-free text, its first and last 12
        characters and up to four of its clauses (the first and last two); a near copy with OCR
        errors shares at least one of them with its original unless every one of them carries an
        error. Candidates are confirmed by Levenshtein distance (``max_error_rate``) and must not
        differ in a numeral.

        In a later round, two paragraphs that the last run kept as they are (``old_texts``) were
        compared then: only pairs with a new one are compared.
        """
        min_len, rate = opts["min_paragraph_chars"], opts["max_error_rate"]
        keyed: dict[str, tuple[str, list[str], list[str], frozenset[str]] | None] = memo.setdefault("keys", {})
        wholes: set[tuple[str, str]] = memo.setdefault("wholes", set())
        last = len(blocks) - 1
        entries = []  # (position, block, whole-free text, keys, the next block when cut by a column break)
        new = old_texts is None
        filed: set[str] = set()  # every key of every entry, to tell whether two share one
        size = 0
        n: str  # got's fields (mypy does not narrow got past the _UNSET sentinel)
        keys: list[str]
        kset: frozenset[str]
        for i, b in enumerate(blocks):
            if b.removed or b.trimmed:
                continue
            t = b.text
            got = keyed.get(t, _UNSET)
            if got is _UNSET:
                got = keyed[t] = _paragraph_keys(t, min_len)
            if got is None:
                continue
            n, b.clauses, keys, kset = got  # type: ignore[misc]  # got is a key tuple here
            nb = None
            if n[-1] not in SENTENCE_END and i < last:
                nb = blocks[i + 1]
                if nb.page != b.page or nb.removed or "\n" in nb.text:
                    nb = None
                elif (t, nb.text) not in wholes:
                    wholes.add((t, nb.text))
                    new = True
            new = new or t not in old_texts  # type: ignore[operator]  # new when old_texts is None
            entries.append((b, n, keys, nb))
            filed |= kset
            size += len(kset)
            if nb is not None:  # (its joined piece's head is ``n[:12]``, filed already)
                whole = n + "".join(nb.text.split())
                filed.update((whole, whole[-12:]))
                size += 2
        if not new or len(filed) == size:
            # every pair was compared in an earlier round, or no two paragraphs share a key: a
            # twin is only looked for under the keys of the paragraphs before it (the usual page)
            return

        index: dict[str, list[tuple[_Block, str]]] = {}
        old: set[int] = set()  # ids of the indexed blocks (and joined pieces) of an earlier round
        page = -1
        for b, n, keys, nb in entries:
            if b.page != page:  # repeats are looked for within a page
                index.clear()
                page = b.page
            known = old_texts is not None and b.text in old_texts
            twin = None
            dist = 0
            exact = index.get(n)
            if exact:
                twin = exact[0][0]
            else:
                skip = old if known else ()
                seen: set[int] = set()
                for key in keys:
                    for c, m in index.get(key, ()):
                        if id(c) in seen or id(c) in skip or c.end >= b.end:
                            continue  # (nor the piece the block itself ends: ``…推进`` / this block)
                        seen.add(id(c))
                        d = _allowed(max(len(m), len(n)), rate)
                        if abs(len(m) - len(n)) > d:
                            continue
                        dist = Levenshtein.distance(m, n, score_cutoff=d)
                        if dist <= d and not _numeral_change(m, n):
                            twin = c
                            break
                    if twin is not None:
                        break
            if twin is not None:
                diff = f", {dist} OCR difference{'s' if dist != 1 else ''}" if dist else ""
                self._remove_block(b, "DU04", f"paragraph read twice on the page{diff}", (twin.start, twin.end))
                continue
            _add(index, keys, (b, n))
            if known:
                old.add(id(b))
            if nb is not None and not nb.removed:
                # a paragraph cut by a column break is indexed whole too (its pieces are joined only
                # later): a copy read whole elsewhere on the page is then found (not joined into
                # another paragraph's break)
                whole = n + "".join(nb.text.split())
                piece = _Block(b.start, nb.end, b.cut, nb.gap, b.page, whole)
                _add(index, (whole, n[:12], whole[-12:]), (piece, whole))

    def _sentences(self, blocks: list[_Block], opts, quiet: set[tuple[str, int, bool]]) -> None:
        """A run of whole sentences read twice in a row inside a block (``A。B。A。B。C。``).

        At each sentence end, the text after it may repeat the sentences before it: the same
        anchored alignment as at block boundaries, from a sentence start to a sentence end,
        and copies that differ in a numeral are parallel sentences, not a repeat.
        ``quiet`` holds what an earlier round found nothing in: ``(text, trimmed, clauses unset)``,
        everything the search reads.
        """
        min_len, max_k, rate = opts["min_sentence_chars"], opts["max_overlap_chars"], opts["max_error_rate"]
        for b in blocks:
            t = b.text
            if b.removed or len(t) < 2 * min_len or "\n" in t:
                continue
            key = (t, b.trimmed, b.clauses is None)
            if key in quiet:
                continue
            found = len(self._edits)
            self._sentences_in(b, t, min_len, max_k, rate)
            if len(self._edits) == found:
                quiet.add(key)

    def _sentences_in(self, b: _Block, t: str, min_len: int, max_k: int, rate: float) -> None:
        if not _may_repeat_sentence(t, b.clauses):
            return
        floor = b.trimmed
        ends = []
        for m in SENTENCE_END_RE.finditer(t, b.trimmed):
            ends.append(m.start(1))  # after ``。`` and, when quotes close there, after ``。”`` too
            if m.end() > m.start(1):
                ends.append(m.end())
        budget = MAX_ALIGNMENTS_PER_BLOCK
        for e in ends:
            if e < floor or e >= len(t):
                continue
            lo = max(floor, e - max_k - 50)
            if t.find(t[e - 3 : e], e, e + max_k) < 0 and t.find(t[e - 6 : e - 3], e, e + max_k) < 0 and (
                t.find(t[e : e + 3], lo, e) < 0
            ):
                continue  # find_overlap's fast path without slicing the block
            budget -= 1
            if budget < 0:
                break
            x, y = t[max(floor, e - max_k - 50) : e], t[e : e + max_k + 50]
            found = find_overlap(x, y, min_len, max_k, rate)
            if not found:
                continue
            n, k, dist = found
            if n < len(x) and x[-n - 1] not in SENTENCE_END and k < 2 * min_len:
                continue  # a short repeat must run from a sentence start (a long one may not: 视、迅速…)
            if dist and _numeral_change(x[-n:], y[:k]):
                continue  # a parallel sentence (第一批…/第二批…), not a copy
            diff = f", {dist} OCR difference{'s' if dist != 1 else ''}" if dist else ""
            end = _more_copies(t, e + k, x[-n:])
            times = "twice" if end == e + k else "over and over"
            self._edits.append(
                ("DU05", b.start + e, b.start + end, f"sentence read {times}{diff}", (b.start + e - n, b.start + e))
            )
            floor = end
        if floor == b.trimmed:
            self._tandem(b, min_len, max_k, rate)

    def _tandem(self, b: _Block, min_len: int, max_k: int, rate: float) -> None:
        """Text read twice in a row inside a block, not at a sentence end: a column overlap that
        line joining pulled into the paragraph (``…高度重视，迅速行动…修复视、迅速行动…修复后的…``).

        The same 4 characters opening (or closing) a clause twice, ``P`` characters apart, mark a
        candidate with period ``P``; the run where ``t[i] == t[i + P]`` (a few OCR mismatches
        allowed) around the first occurrence bounds where the copies meet, and the block-boundary
        alignment is tried at those few cuts. Only repeats of ``2 * min_sentence_chars`` or more.
        """
        t = b.text
        nt = len(t)
        for p1, p2 in _repeated_clauses(t, b.trimmed, 2 * min_len, min(max_k, 200))[:MAX_ALIGNMENTS_PER_BLOCK // 4]:
            period = p2 - p1
            d = _allowed(period, rate)
            lo, bad = p1, 0
            while lo > b.trimmed and bad <= d:
                lo -= 1
                bad += t[lo] != t[lo + period]
            hi, bad = p1, 0
            while hi + period < nt and hi < p2 and bad <= d:
                bad += t[hi] != t[hi + period]
                hi += 1
            if hi - lo < period - 2 * d:
                continue  # the copies do not meet: a repeated phrase, not text read twice
            found_at = []
            for around in (lo + period, hi):  # where the first copy ends: after one period, or where the run ends
                span = range(max(p1 + 4, around - d - 1), min(p2, around + d + 1) + 1)
                for cut in sorted(span, key=lambda c, a=around: abs(c - a)):  # type: ignore[misc]  # likeliest first (mypy cannot infer a lambda with a default)
                    x = t[max(b.trimmed, cut - max_k - 50) : cut]
                    found = find_overlap(x, t[cut : cut + max_k + 50], 2 * min_len, max_k, rate)
                    if found and cut - found[0] <= p1 and cut + found[1] >= p2 + 4:  # copies hold both occurrences
                        found_at.append((found[2], cut, found[0], found[1]))
                        if not found[2]:
                            break
                if found_at:
                    break
            best = None  # the cut with the fewest differences between the copies; numerals must agree
            for dist, cut, n, k in sorted(found_at):
                if not dist or not _numeral_change(t[cut - n : cut], t[cut : cut + k]):
                    best = (cut, n, k, dist)
                    break
            if best:
                cut, n, k, dist = best
                diff = f", {dist} OCR difference{'s' if dist != 1 else ''}" if dist else ""
                end = _more_copies(t, cut + k, t[cut - n : cut])
                times = "twice" if end == cut + k else "over and over"
                self._edits.append(
                    ("DU05", b.start + cut, b.start + end, f"text read {times} in a row{diff}",
                     (b.start + cut - n, b.start + cut))
                )
                return

    # -- doubled words -----------------------------------------------------------------------
    @staticmethod
    def _doubled(ctx: Context, text: str, start: int, end: int) -> None:
        """Report ``送餐送餐``; reduplication (研究研究, 看看, 谢谢谢谢, 一步一步, 好了好了) is Chinese.

        A doubled word inside a run of Han characters is not reported either: it is usually two
        words that meet (``晋城市城市书房`` is ``晋城市`` + ``城市书房``).
        """
        for s, e, w in _doubled_at_run_edges(text[start:end], start):
            if len(set(w)) == 1 or w in REDUPLICABLE or w[0] in NUMERALS or w[-1] in PARTICLES:
                continue
            if (s and HAN_CHAR_RE.match(text, s - 1)) and (e < len(text) and HAN_CHAR_RE.match(text, e)):
                continue  # inside a run of Han characters: 晋城市城市书房 is 晋城市 + 城市书房
            ctx.diagnose("DU10", s, e, f"“{w}” written twice in a row; check the source", "warning")
