"""PU: punctuation, character width and spaces that are wrong in Chinese text, fixed by context.

Every rule looks at the characters around a mark before it changes it, so text that is already
right stays as it is: ``2.19亿元``, ``99%``, ``6-7小时``, ``v1.2.3``, ``10:30``, URLs, e-mail
addresses, ``“现场招聘+职业指导”``, ``马克·吐温``, ``『』``/``「」`` and ``以AI为翼`` (no space
is added between Chinese and Latin letters or digits) are left alone.

"Chinese context" means a Han character or a Chinese punctuation mark on the side that matters
(:data:`cleaner.chardata.CJK_PUNCT`). The rules:

- ``PU01`` ASCII ``, . : ; ? !`` become ``，。：；？！`` (``数据显示,增长`` → ``数据显示，增长``;
  ``借助AI.`` → ``借助AI。``, ``跌破-5℃.`` → ``跌破-5℃。``, ``“10!”`` → ``“10！”``,
  ``17:30,17:00停止`` → ``17:30，17:00停止``, ``9:00—17:00.清明节`` → ``9:00—17:00。清明节``,
  ``邮箱：dtct@163.com.`` → ``邮箱：dtct@163.com。``; a full-width ``．`` that ends a sentence,
  ``超过200万人次．`` → ``超过200万人次。``, ``增长35%．`` → ``增长35%。``, ``乏力．“出现`` →
  ``乏力。“出现``), spaces around
  them go. ``1,000``, ``2.19``, ``10:30``, ``www.gov.cn``, a list number ``1.坚持``, initials and
  abbreviations before Chinese text (``J.K.罗琳``, ``Ph.D.学位``, ``Apple Inc.，``) and an English
  sentence in quotes (``“Thank you!”``) stay.
- ``PU02`` ASCII ``( )`` become ``（）`` when the bracket holds Chinese or stands next to it
  (``本报讯(记者 董芳)`` → ``本报讯（记者 董芳）``); ``f(x)`` stays.
- ``PU03``/``PU04`` straight ``"`` and ``'`` become ``“”``/``‘’`` in paragraphs with Chinese text,
  opening or closing by position (after ``：`` or a space a quote opens, before ``，`` it closes)
  and otherwise by balance; an apostrophe (``Xi'an``) stays.
- ``PU05`` ``...``, ``。。。``, a lone ``…`` and ``… …`` become ``……``.
- ``PU06`` ``--``, ``－－``, ``――`` (U+2015, the ``gb2312`` codec's em dash), ``––`` and a lone
  ``―``, ``–`` or ``─`` between Chinese text become ``——``, and so does a lone ``—`` next to a
  Chinese mark or a space (``博览会”—集``) (``——`` stays; ``6-7小时`` and ``1—2月`` stay). A
  lone ``—`` set solid between two place names is the connecting dash of GB/T 15834
  (``中国—东盟博览会``, ``北京—南宁航线``, ``京—津—冀``: :data:`cleaner.chardata.CONNECTED_PLACES`)
  and stays; between other words (``丰收—这是``) it is read as a ``——`` that OCR cut in half.
- ``PU07`` a doubled ``，，`` ``。。`` ``、、`` ``；；`` ``：：`` collapses (``？？`` ``！！`` stay).
- ``PU08`` full-width digits and Latin letters become half-width, with ``．`` and ``％`` inside
  numbers (``８４．９％`` → ``84.9%``) and ``．`` inside Latin words, domains and e-mail
  addresses (``dtct_hr@163．com`` → ``dtct_hr@163.com``).
- ``PU09`` spaces between Chinese characters, or next to a Chinese mark, inside body text go
  (``新 荣 区`` → ``新荣区``, ``在 “十五五” 开局`` → ``在“十五五”开局``), but not in headings (``增强了信心 凝聚了力量``;
  one that cuts a single character off goes there too: ``人民论 坛``, ``全 市 首 个``), datelines and bylines (``本报讯（记者 董芳
  实习生 张璐通）``, ``本报记者 李雪峰``), photo credits, after an ``@`` handle (``网友@小城故事 晒出``)
  or between Latin words.
- Opt-in: ``PU10`` a space between Chinese and Latin letters or digits (``latin_space="add"``),
  ``PU11`` removing such spaces in body text (``latin_space="remove"``), ``PU12`` corner brackets
  ``「」『』`` to ``“”‘’`` (``corner_quotes=True``).

Each rule reads the context as the other rules will leave it (``-- ,`` is Chinese once the dash
is ``——``), and the pass plans a second time on its own result and folds the follow-ups into
the same edit log, so cleaning its output again changes nothing.

The ``balance`` pass (``PU20``, ``PU21``) reports quotes and brackets without a partner once
paragraphs are whole; it changes nothing.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping
from itertools import accumulate, groupby
from typing import Any

from ..chardata import (
    ASCII_MARKS,
    BRACKETS,
    COLLAPSING,
    CJK_PUNCT,
    CONNECTED_PLACES,
    CORNER_TABLE,
    FULL_MARKS,
    FULLWIDTH_ALNUM,
    MARK_CLASS,
    OPENER_OF,
    QUOTE_CLOSES_BEFORE,
    QUOTE_OPENS_AFTER,
    WIDTH_TABLE,
)
from ..edits import merge_spans
from ..model import Rule
from ..patterns import (
    HAN_CHAR_RE as HAN_RE, BYLINE_RE, CONTINUING, DATE_ONLY_RE, DATELINE_RE, ENDS_SENTENCE_RE, HAN, issuer_line, names,
    spaced_headline, table_row,
)
from .base import MAX_COUNT, Context, Pass

#: a block at most this long, on one line, not ending a sentence, is a heading
MAX_HEADING_CHARS = 40

CJK_SET = frozenset(CJK_PUNCT)
FULL_MARK_SET = frozenset(FULL_MARKS)
SPACES = " \u3000"

#: ASCII sentence marks; the run is widened to neighbouring full-width marks and spaces
ASCII_RUN_RE = re.compile(r"[,.:;?!]+")
MARK_RUN_AFTER_RE = re.compile(r"[,.:;?!，。：；？！、… \u3000]*")
#: ``，，`` ``。。。`` ``．．．`` ``···``: the same mark typed more than once
DOUBLED_RE = re.compile("，，+|。。+|：：+|；；+|、、+|．．．+|···+|•••+|・・・+")
#: what every match of DOUBLED_RE starts with (a rare mark behind the single one that is looked
#: for first): ``str.find`` finds these at a fraction of the cost of the regex's scan, which tries a
#: match at every ``，`` and ``。``
DOUBLED_HEADS = (("，", "，，"), ("。", "。。"), ("：", "：："), ("；", "；；"), ("、", "、、"),
                 ("．", "．．．"), ("·", "···"), ("•", "•••"), ("・", "・・・"))
#: a run of ``…``, or two lone ones parted by spaces (``… …``: one ellipsis with a stray space)
ELLIPSIS_RE = re.compile(r"…(?:[ \u3000]+…)(?!…)|…+")
#: dashes: ``―`` (U+2015) is what the ``gb2312`` codec makes of the em dash, ``–`` and ``─``
#: are OCR's readings of it
DASH_RE = re.compile(r"[-－—―–─━]+")
#: a lone dash of these kinds between Chinese text is half of a ``——``
LONE_DASHES = frozenset("—―–─")
PAREN_RE = re.compile(r"[()]")
PAIR_RE = re.compile(r"\(([^()\n]{0,100})\)")
FULLWIDTH_RE = re.compile(r"[０-９Ａ-Ｚａ-ｚ][０-９Ａ-Ｚａ-ｚ0-9％．]*")
NUMBER_MARK_RE = re.compile(r"[．％]")
#: ASCII marks that become Chinese ones, and so make a space next to them removable
ASCII_CJK = frozenset("\"()")
#: spaces with Chinese on a side that matters: Han on both sides, or a Chinese mark on one
CJK_SPACE_RE = re.compile(
    f"(?<=[{HAN}])[ \u3000]+(?=[{HAN}])"
    f"|(?<=[{CJK_PUNCT}\"()])[ \u3000]+(?=[^ \u3000\n])"
    f"|(?<=[^ \u3000\n])[ \u3000]+(?=[{CJK_PUNCT}\"()])"
)
#: a heading may end with a closing quote (``守护老年人“钱袋子”``) but not with a sentence mark
HEADING_END_RE = re.compile("[。！？…!?.][”’」』）)》〉】\"']*$")
#: a sentence stop inside a block (``。`` or an ASCII stop after Chinese): not a heading
SENTENCE_STOP_RE = re.compile(f"。|[{HAN}][”’\"']?\\.")
STRAIGHT_RE = re.compile(r"[\"']")
DOUBLE_QUOTES_RE = re.compile('[“”"]')
SINGLE_QUOTES_RE = re.compile("[‘’']")
CORNER_RE = re.compile("[「」『』]")
#: every character a rule may start at, and the rule family it belongs to: one scan finds them all
FAMILY_OF = {
    **dict.fromkeys(" \u3000", "space"), **dict.fromkeys(ASCII_MARKS, "marks"), "…": "ellipsis",
    **dict.fromkeys("-－—―–─━", "dash"), **dict.fromkeys("()", "bracket"), **dict.fromkeys("\"'", "quote"),
    **dict.fromkeys(FULLWIDTH_ALNUM + "．％", "width"), **dict.fromkeys("「」『』", "corner"),
}
CANDIDATE_RE = re.compile(
    "[" + re.escape("".join(FAMILY_OF)) + "]"
    # (not where no rule starts: inside a run of spaces, dashes or ellipses, which a rule reads
    # from its first character, nor at the point of a number, ``2.19``, ``10:30``)
    "(?<![ \u3000]{2}|[-－—―–─━]{2}|……|[0-9０-９][.:](?=[0-9０-９]))"
)
#: role words of credits, in both scripts
ROLES = "记者|記者|通讯员|通訊員|实习生|實習生|摄影|攝影|摄|攝|供图|供圖|编辑|編輯|图/文|文/图|圖/文|文/圖"
#: credits and name lists keep their spaces: ``（记者 王五 摄）``, ``（河南开封市 牛建海）`` (names
#: and places in brackets), an unbracketed ``本报记者 张三 摄`` at the end of a caption, and
#: ``张三 李四 王五``
CREDIT_RES = (
    re.compile(
        f"[（(](?:[^（）()\\n]{{0,40}}(?:{ROLES})[^（）()\\n]{{0,40}}"
        f"|[{HAN}·]{{1,12}}(?:[ \u3000]+[{HAN}·]{{1,12}}){{1,5}})[）)]"
    ),
    re.compile(f"(?:{ROLES})[ \u3000]+[{HAN}·]{{2,4}}(?:[ \u3000、]+[{HAN}·]{{2,4}}){{0,4}}(?:[ \u3000]+(?:摄|攝|报道|報導))?"),
    # one cut at the line's end by a column break (``（记者 华晓雯 实习生 苗`` / ``雨）…``)
    re.compile(f"[（(][^（）()\\n]{{0,40}}(?:{ROLES})[^（）()\\n]{{0,40}}(?![^\\n])"),
)
#: the rest of a credit a column break cut, at a block's start (``（记者 褚静`` / ``宜 雷鸣远）…``),
#: and the credit left open before that block
CREDIT_REST_RE = re.compile(f"[{HAN}·]{{1,12}}(?:[ \u3000]+(?:(?:{ROLES})[ \u3000]*)?[{HAN}·]{{1,12}}){{1,5}}[）)]")
OPEN_CREDIT_BEFORE_RE = re.compile(f"[（(][^（）()\\n]{{0,40}}(?:{ROLES})[^（）()\\n]{{0,40}}\\s*$")
#: a list of names: three or more words of two or three characters (获奖者：张三 李四 王五)
#: (the last name ends the run or a word that follows name lists does: ``张三 李四 王五等同志``;
#: ``果农赵 建国 一边采摘`` is a clause cut by stray spaces)
NAME_LIST_RE = re.compile(
    f"(?<![{HAN}])[{HAN}]{{2,3}}(?:[ \u3000][{HAN}]{{2,3}}){{2,}}(?:(?![{HAN}])|(?=等|和|及|与|分别|同志|先生|女士|为|获|荣获|被|共同|一起))"
)
LATIN_GAP_RE = re.compile(f"(?<=[{HAN}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])(?=[{HAN}])")
LATIN_SPACE_RE = re.compile(f"(?<=[{HAN}])[ \u3000]+(?=[A-Za-z0-9])|(?<=[A-Za-z0-9%])[ \u3000]+(?=[{HAN}])")
DIGITS = frozenset("0123456789０１２３４５６７８９")
#: a copy of a line's last characters this long, within this many characters of the next line's
#: start, is the column overlap read twice (:meth:`_Plan._number_goes_on`)
COPY_CHARS = 6
OVERLAP_LOOK = 400
ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
ASCII_WORD = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
#: what may precede a sentence mark inside a Latin word or number (``v1.2``, ``5%``), and the
#: units and range marks of a figure in Chinese text (``-5℃``, ``15%～18%``)
ASCII_TOKEN = ASCII_WORD | frozenset(".%-_:,/")
FIGURE_TOKEN = ASCII_TOKEN | frozenset("℃℉°‰～~％∶")
#: what precedes a ``．`` that numbers a heading or an item, not a sentence's end: ``第一章．总则``, ``一．总体要求``
NUMBERED_HEAD_RE = re.compile(r"[ \u3000]*(?:第[一二三四五六七八九十百零〇\d]{1,4}[章节条款篇部编卷回讲]|[（(]?[一二三四五六七八九十]{1,3}[）)]?)")
#: characters of transliterated foreign names: ``．`` set between two of them is OCR's reading of
#: the name's ``·`` (``马克．吐温``, ``列夫．托尔斯泰``), not a full stop
TRANSLITERATION = frozenset(
    "阿埃艾安奥巴贝比彼波伯布达戴丹德迪蒂杜多尔厄恩菲费弗夫福格哈海赫亨霍基吉加杰捷金卡凯科克肯库拉莱兰朗劳勒雷里"
    "利莉林琳卢鲁伦罗洛马迈曼梅蒙米默姆穆纳内尼诺欧帕佩皮珀普奇乔琼萨塞森沙尚施什斯索塔泰汤特提托图吐瓦威韦维温沃乌"
    "西希谢辛雅亚扬耶伊英尤约詹兹祖"
)
#: a time of day, or a range of two (``17:00``, ``8:30-17:30``): a figure like ``25∶17``
_TIME = r"(?:[01]?\d|2[0-4]):[0-5]\d"
TIME_RE = re.compile(f"{_TIME}(?:[-~～]{_TIME})?")
#: a time of day ending where the search ends (not the end of ``1:20:30`` or ``12:300``)
TIME_END_RE = re.compile(f"(?<![\\d:]){_TIME}$")
#: an e-mail address or a URL ending where the search ends
ADDRESS_END_RE = re.compile(
    r"(?:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
    r"|(?:https?://|www\.)[A-Za-z0-9./_?=&%#~+:-]*[A-Za-z0-9/])$"
)
#: abbreviations whose ``.`` is no sentence end when Chinese text goes on after them
ABBREVIATIONS = frozenset(("Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "Dr", "Mr", "Mrs", "Ms", "St", "Prof", "No", "vs", "etc"))

# priorities when two rules want the same characters: lower wins
_WIDTH, _BRACKET, _MARKS, _RUNS, _SPACE, _OPT = range(6)


def is_han(c: str) -> bool:
    """True for one Han character (``patterns.HAN``); False for ``""``."""
    if not c:
        return False
    o = ord(c)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x323AF


def is_cjk(c: str) -> bool:
    """True for a Han character or a Chinese punctuation mark.

    >>> is_cjk("新"), is_cjk("，"), is_cjk("A"), is_cjk("")
    (True, True, False, False)
    """
    return c in CJK_SET or is_han(c)


def ends_sentence(text: str, start: int, end: int) -> bool:
    """``patterns.ENDS_SENTENCE_RE`` on ``text[start:end]``, reading only its last characters."""
    return ENDS_SENTENCE_RE.search(text, max(start, end - 12), end) is not None


def normalise_marks(marks: str) -> str:
    """The Chinese form of a run of sentence marks: classes collapse, three stops are an ellipsis.

    >>> normalise_marks(","), normalise_marks(",，"), normalise_marks("..."), normalise_marks("?!")
    ('，', '，', '……', '？！')
    """
    out = []
    for cls, group in groupby(marks, MARK_CLASS.__getitem__):
        g = "".join(group)
        if cls == "。":
            out.append("……" if "…" in g or len(g) >= 3 else "。")
        elif cls in COLLAPSING:
            out.append(cls)
        else:
            out.append(cls * len(g))
    return "".join(out)


class _Plan:
    """The edits of one run of the punct pass, planned against one text."""

    def __init__(
        self, text: str, options, scan: bool = True, regions: list[tuple[int, int]] | None = None,
        kinds: dict[str, tuple[str, int]] | None = None,
    ) -> None:
        self.text = text
        self.n = len(text)
        self.options = options
        self.max_heading = options["max_heading_chars"]
        self.sub: dict[int, str] = {}  # one-for-one replacements already planned (width, brackets, quotes)
        self.edits: list[tuple[int, int, int, str, str]] = []  # start, end, priority, after, code
        self._kinds: dict[int, tuple[str, int]] = {}
        #: block text -> :meth:`_block_kind`, shared by the plans of one page (``ctx.memo``): a
        #: later round and a later pipeline round read the same blocks again
        self._local = {} if kinds is None else kinds
        self._credits: dict[int, tuple[list[int], list[int]]] = {}
        self._quote_state: dict[tuple[int, str], bool] = {}
        self.buckets: dict[str, list[int]] = {}
        #: where rules look for work (``None``: everywhere); context is read from the whole text
        self.regions = regions
        for a, b in ([(0, self.n)] if regions is None else regions) if scan else ():
            for m in CANDIDATE_RE.finditer(text, a, b):
                self.buckets.setdefault(FAMILY_OF[m.group()], []).append(m.start())

    def each(self, family: str, pattern: re.Pattern[str]):
        """Matches of ``pattern`` at the candidate positions of ``family``, left to right, not overlapping."""
        last = -1
        text = self.text
        for pos in self.buckets.get(family, ()):
            if pos < last:
                continue
            m = pattern.match(text, pos)
            if m:
                last = m.end()
                yield m

    # -- context -------------------------------------------------------------------------
    def ch(self, i: int) -> str:
        """The character at ``i`` as it will be after the one-for-one replacements; ``""`` past a
        line end."""
        if i < 0 or i >= self.n:
            return ""
        c = self.sub.get(i) or self.text[i]
        return "" if c == "\n" else c

    def block_at(self, pos: int) -> tuple[int, int]:
        """The span of the block (run of non-empty lines) holding the character at ``pos``.

        Found with ``rfind``/``find`` around ``pos``, so a pass that needs a few blocks does not
        split the whole page.
        """
        text = self.text
        s = text.rfind("\n\n", 0, pos)
        s = 0 if s < 0 else s + 2
        while s < pos and text[s] == "\n":
            s += 1
        e = text.find("\n\n", pos)
        e = self.n if e < 0 else e
        while e > pos and text[e - 1] == "\n":
            e -= 1
        return s, e

    def prev_block(self, block: tuple[int, int]) -> tuple[int, int] | None:
        p = block[0] - 1
        while p >= 0 and self.text[p] == "\n":
            p -= 1
        return self.block_at(p) if p >= 0 else None

    def next_block(self, block: tuple[int, int]) -> tuple[int, int] | None:
        p = block[1]
        while p < self.n and self.text[p] == "\n":
            p += 1
        return self.block_at(p) if p < self.n else None

    def kind(self, span: tuple[int, int]) -> tuple[str, int]:
        """(kind, end of the dateline head) of a block: heading, byline, dateline or paragraph."""
        s, e = span
        k = self._kinds.get(s)
        if k is None:
            block = self.text[s:e]
            local = self._local.get(block)
            if local is None:
                local = self._local[block] = self._block_kind(block)
            kind, head = local
            if kind == "issuer":  # a notice's issuer over its date: its stray space goes
                kind, head = ("paragraph", 0) if self._closing_issuer(span) else ("heading", e - s)
            k = self._kinds[s] = (kind, s + head)
        return k

    def _block_kind(self, block: str) -> tuple[str, int]:
        """:meth:`kind` from the block's own text, the head as a length; ``issuer`` for a heading
        that may be a notice's issuer (:meth:`_closing_issuer` reads its neighbours)."""
        m = DATELINE_RE.match(block)
        if m:
            return "dateline", m.end()
        n = len(block)
        if n <= 30 and BYLINE_RE.match(block):
            return "byline", n
        if (
            "\n" not in block and n <= self.max_heading and not SENTENCE_STOP_RE.search(block)
            and not HEADING_END_RE.search(block, max(0, n - 8)) and block[-1] not in CONTINUING
        ) or spaced_headline(block) or table_row(block):  # (their spaces are not stray)
            if (" " in block or "\u3000" in block) and issuer_line(block):
                return "issuer", n
            return "heading", n
        return "paragraph", 0

    def _closing_issuer(self, span: tuple[int, int]) -> bool:
        """Whether a block that names an issuer (:func:`patterns.issuer_line`), a heading by its
        shape, is a notice's issuer with a stray space over the date, after the notice's text
        (``大同市 城市建设投资集团有限公司`` / ``2026年3月6日``): the segment pass keeps it a paragraph
        of the notice, so it is body text here too."""
        nxt, prev = self.next_block(span), self.prev_block(span)
        return (
            nxt is not None and prev is not None and DATE_ONLY_RE.match(self.text[nxt[0] : nxt[1]]) is not None
            and self.kind(prev)[0] in ("paragraph", "dateline")
        )

    def credits(self, span: tuple[int, int]) -> tuple[list[int], list[int]]:
        """Spans in a block whose spaces stay, credits and name lists, merged and in order:
        their starts and their ends (computed once per block)."""
        c = self._credits.get(span[0])
        if c is None:
            s, e = span
            found = [m.span() for r in CREDIT_RES for m in r.finditer(self.text, s, e)]
            if 0 <= self.text.find("）", s, s + 64) or 0 <= self.text.find(")", s, s + 64):
                rest = CREDIT_REST_RE.match(self.text, s, e)
                if rest and OPEN_CREDIT_BEFORE_RE.search(self.text, max(0, s - 100), s):
                    found.append(rest.span())
            if self.text.count(" ", s, e) + self.text.count("\u3000", s, e) >= 2:
                found += [m.span() for m in NAME_LIST_RE.finditer(self.text, s, e) if names(m.group().split())]
            starts: list[int] = []
            ends: list[int] = []
            for a, b in sorted(found):
                if ends and a <= ends[-1]:
                    ends[-1] = max(ends[-1], b)
                else:
                    starts.append(a)
                    ends.append(b)
            c = self._credits[s] = (starts, ends)
        return c

    def in_credit(self, block: tuple[int, int], pos: int) -> bool:
        """Whether ``pos`` is inside a credit or a name list of ``block`` (a bisection: a block
        can hold thousands of them, a run-on page of datelines)."""
        starts, ends = self.credits(block)
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < ends[k]

    def in_body(self, pos: int) -> bool:
        """True where body text rules apply: not a heading, byline, dateline head or credit."""
        block = self.block_at(pos)
        kind, head = self.kind(block)
        if kind in ("heading", "byline") or pos < head:
            return False
        return not self.in_credit(block, pos)

    # -- recording -----------------------------------------------------------------------
    def replace(self, start: int, before: str, after: str, code: str, prio: int, one_for_one: bool = False) -> None:
        """Plan ``before`` (at ``start``) → ``after``, trimmed to the characters that change."""
        if before == after:
            return
        i, j, k = 0, len(before), len(after)
        while i < j and i < k and before[i] == after[i]:
            i += 1
        while j > i and k > i and before[j - 1] == after[k - 1]:
            j -= 1
            k -= 1
        self.edits.append((start + i, start + j, prio, after[i:k], code))
        if one_for_one:
            for off in range(i, j):
                if before[off] != after[off]:
                    self.sub[start + off] = after[off]

    def resolved(self) -> list[tuple[int, int, str, str]]:
        """The planned edits without overlaps: where two want the same text the higher priority wins."""
        kept: list[tuple[int, int, int, str, str]] = []
        for e in sorted(self.edits):
            if kept and (e[0] < kept[-1][1] or e[0] == e[1] == kept[-1][0] == kept[-1][1]):
                if e[2] < kept[-1][2]:
                    kept[-1] = e
                continue
            kept.append(e)
        return [(s, t, a, c) for s, t, _, a, c in kept]

    # -- rules -----------------------------------------------------------------------------
    def width(self) -> None:
        text = self.text
        for m in self.each("width", FULLWIDTH_RE):
            s = m.group()
            if m.end() < self.n and unicodedata.combining(text[m.end()]):
                s = s[:-1]  # ｃ́ stays: a half-width c before the mark would not be NFC
                if not s:
                    continue
            out = s.translate(WIDTH_TABLE)
            if "％" in out or "．" in out:
                chars = list(out)
                for k, c in enumerate(chars):
                    if c == "％" and k and chars[k - 1] in DIGITS:
                        chars[k] = "%"
                    elif c == "．" and k and chars[k - 1] in DIGITS:
                        nxt = chars[k + 1] if k + 1 < len(chars) else (text[m.end()] if m.end() < self.n else "")
                        if nxt in DIGITS or (nxt == "\n" and self._number_goes_on(m.end())):
                            chars[k] = "."
                out = "".join(chars)
            self.replace(m.start(), s, out, "PU08", _WIDTH, True)
        for m in self.each("width", NUMBER_MARK_RE):
            i = m.start()
            if i in self.sub or not i:
                continue
            prev = self.ch(i - 1)  # (as the rules before left it: ３５％． reads 35%．)
            if m.group() == "％":
                if prev in DIGITS:
                    self.replace(i, "％", "%", "PU08", _WIDTH, True)
                continue
            nxt = self.ch(i + 1)
            if prev in ASCII_WORD and (nxt in ASCII_WORD or nxt in DIGITS):
                # inside a number, a Latin word, a domain or an e-mail address: 84．9, 163．com
                self.replace(i, "．", ".", "PU08", _WIDTH, True)
            elif prev in ASCII_LETTERS and nxt and self._abbreviation(i - 1):
                self.replace(i, "．", ".", "PU08", _WIDTH, True)  # J．K．罗琳: the initials' points
            elif is_han(prev) or prev in "”’）》":
                if self._full_stop(i):
                    self.replace(i, "．", "。", "PU01", _WIDTH, True)
            elif prev in FIGURE_TOKEN and self._chinese_marks(".", prev, nxt, i - 1, i + 1):
                # after a figure or a Latin word, read as an ASCII stop there is: 增长35%．
                self.replace(i, "．", "。", "PU01", _WIDTH, True)

    def _full_stop(self, i: int) -> bool:
        """Whether the full-width point ``．`` at ``i``, after Chinese text, ends a sentence: at a
        line's end or before a closing mark; before an opening quote or more text, in a sentence
        with a ``，`` or before another sentence that ends on the line (``乏力．“出现``,
        ``着力点．我们必须把握其内涵。``); not after a heading's number (``第一章．总则``,
        ``一．总体要求。``) nor between the parts of a foreign name (``马克．吐温``)."""
        text = self.text
        nxt = text[i + 1] if i + 1 < self.n else "\n"
        if nxt in "\n”’）》" or nxt in SPACES:
            return True
        if not (is_han(nxt) or nxt in "“‘"):
            return False
        start = max(text.rfind("\n", 0, i), *(text.rfind(c, 0, i) for c in "。！？")) + 1
        if NUMBERED_HEAD_RE.fullmatch(text, start, i):
            return False
        if text[i - 1] in TRANSLITERATION and nxt in TRANSLITERATION:
            return False
        if text.find("，", start, i) >= 0:
            return True
        end = text.find("\n", i)
        end = self.n if end < 0 else end
        return any(text.find(c, i + 1, end) >= 0 for c in "。！？")

    def brackets(self) -> None:
        text = self.text
        closing: dict[int, bool] = {}
        chinese: bool | None  # None: a closing bracket no opening one decided
        for m in self.each("bracket", PAREN_RE):
            i = m.start()
            if text[i] == "(":
                pm = PAIR_RE.match(text, i)
                before = self._visible(i, -1)
                if pm:
                    j = pm.end() - 1
                    after = self._visible(j + 1, 1)
                    chinese = bool(HAN_RE.search(pm.group(1))) or is_cjk(before) or (
                        is_cjk(after) and (before not in ASCII_WORD or len(pm.group(1)) > 3)
                    )  # f(x) stays; 5G-A(5G-Advanced)商用 does not
                    closing[j] = chinese
                else:  # unpaired: Chinese next to it, or closed by a full-width ）on its line
                    line_end = text.find("\n", i)
                    line_end = self.n if line_end < 0 else line_end
                    nxt = [k for k in (text.find(b, i + 1, line_end) for b in "（）()") if k >= 0]
                    chinese = is_cjk(before) or is_cjk(self._visible(i + 1, 1)) or (bool(nxt) and text[min(nxt)] == "）")
                if chinese:
                    self.replace(i, "(", "（", "PU02", _BRACKET, True)
            else:
                chinese = closing.pop(i, None)
                if chinese is None:
                    line = text.rfind("\n", 0, i) + 1
                    last = max(text.rfind(b, line, i) for b in "（）()")
                    chinese = is_cjk(self._visible(i, -1)) or (last >= 0 and text[last] == "（")
                if chinese:
                    self.replace(i, ")", "）", "PU02", _BRACKET, True)

    def _visible(self, i: int, step: int) -> str:
        """The first character from ``i`` (going ``step``) that is not a space, on the same line;
        a straight double quote reads as the curly one it becomes."""
        if step < 0:
            i -= 1
        while 0 <= i < self.n and self.text[i] in SPACES:
            i += step
        c = self.ch(i)
        return ("“" if step < 0 else "”") if c == '"' else c

    def quotes(self) -> None:
        text = self.text
        done = -1
        for m in self.each("quote", STRAIGHT_RE):
            if m.start() < done:
                continue
            block = self.block_at(m.start())
            s, e = block
            done = e
            if not HAN_RE.search(text, s, e):
                continue
            if text.find('"', s, e) >= 0:
                self._pair(block, DOUBLE_QUOTES_RE, "“", "”", '"', "PU03")
            if text.find("'", s, e) >= 0:
                self._pair(block, SINGLE_QUOTES_RE, "‘", "’", "'", "PU04")

    def _carry(self, block: tuple[int, int], opener: str, closer: str) -> bool:
        """Whether a quote is still open at the start of ``block``: the block before was cut
        mid-sentence (a column break) with its last quote opening."""
        prev = self.prev_block(block)
        if prev is not None and prev[1] - prev[0] >= 6 and self.text.startswith(self.text[prev[0] : prev[0] + 8], block[0]):
            prev = self.prev_block(prev)  # the block before is this one's head read twice: look past it
        if prev is None:
            return False
        s, e = prev
        if (s, opener) in self._quote_state:
            state = self._quote_state[(s, opener)]
        else:
            state = self.text.rfind(opener, s, e) > self.text.rfind(closer, s, e)
        # (a short piece with a comma is a paragraph's first line, not a title: ``“修古建就像给老人
        # 看病，不能乱`` / ``下药。"梁文明说``; an ASCII comma too, which this pass makes ``，``)
        kind = self.kind(prev)[0]
        # (nor is one that opens with a quote it leaves open: ``"要是回`` / ``来打官司，…"原告…``)
        return state and (
            kind in ("paragraph", "dateline") or (kind == "heading" and (
                self.text.find("，", s, e) >= 0 or self.text.find(",", s, e) >= 0 or self.text[s] in (opener, '"')
            ))
        ) and not ends_sentence(self.text, s, e)

    def _pair(self, block: tuple[int, int], pattern: re.Pattern[str], opener: str, closer: str, straight: str, code: str) -> None:
        s, e = block
        # a quote left open by the block before goes on here only if this block's own quotes do
        # not pair up (an overlap fragment cut after ``从"一件事一`` must not flip ``从"一件事一次办"到``)
        marks = len(pattern.findall(self.text, s, e))
        is_open = marks % 2 == 1 and self._carry(block, opener, closer)
        for m in pattern.finditer(self.text, s, e):
            c = m.group()
            i = m.start()
            if c == opener:
                is_open = True
                continue
            if c == closer:
                is_open = False
                continue
            left, right = self.ch(i - 1), self.ch(i + 1)
            if straight == "'":
                if left in ASCII_WORD and (right in ASCII_WORD or not right or right in SPACES):
                    continue  # an apostrophe: Xi'an, it's, students'
                if not (is_cjk(left) or is_cjk(right)):
                    continue
            if i == s and is_open:
                # the block's first mark, with a quote carried open from the block before a column
                # break (``今年"3·15`` / ``"的主题…``): it closes that one
                opening = False
            elif not left or left in QUOTE_OPENS_AFTER:
                opening = True
            elif i + 1 == e and not is_open and is_han(left) and self._closed_next(i + 1, closer, opener):
                # the last mark of a block cut mid-sentence by a column break, closed in the next
                # block (``…面向中小学生推出"`` / ``古建里的数学”…``): it opens
                opening = True
            elif not right or right in QUOTE_CLOSES_BEFORE or right in SPACES:
                opening = False
            else:
                opening = not is_open
            is_open = opening
            self.replace(i, straight, opener if opening else closer, code, _BRACKET, True)
        self._quote_state[(s, opener)] = is_open

    def _closed_next(self, pos: int, closer: str, opener: str) -> bool:
        """Whether the first curly quote mark after ``pos`` (within a short reach) closes one
        (straight ones are undecided: the same block end read twice at an overlap has one too)."""
        text = self.text
        for k in range(pos, min(self.n, pos + 160)):
            c = text[k]
            if c == closer:
                return True
            if c == opener:
                return False
        return False

    def corners(self) -> None:
        for m in self.each("corner", CORNER_RE):
            self.replace(m.start(), m.group(), CORNER_TABLE[m.group()], "PU12", _BRACKET, True)

    def marks(self) -> None:
        text = self.text
        last = 0
        for m in self.each("marks", ASCII_RUN_RE):
            s, e = m.span()
            if s < last or (
                e - s == 1 and 0 < s and e < self.n and text[s - 1] in DIGITS and text[e] in DIGITS
                and not (text[s] == "," and self._time_ends(s))
            ):
                continue  # 2.19, 1,200, 10:30: the common case, decided without the context rules
            if e - s == 1 and 0 < s and e < self.n and is_han(text[s - 1]) and is_han(text[e]):
                # the other common case, one mark between Han characters (which no rule replaces):
                # Chinese, as _chinese_marks says, without widening or reading the context
                out = MARK_CLASS[text[s]]
                self.edits.append((s, e, _MARKS, out, "PU01"))
                self.sub[s] = out
                last = e
                continue
            # widen to the neighbouring marks and spaces: ",，" and " , " are one mark
            a2 = s
            while a2 > last and (text[a2 - 1] in FULL_MARK_SET or text[a2 - 1] in SPACES):
                a2 -= 1
            b2 = MARK_RUN_AFTER_RE.match(text, e).end()  # type: ignore[union-attr]  # (``*``: it always matches)
            run = text[a2:b2]
            marks = run.replace(" ", "").replace("\u3000", "")
            left, right = self.ch(a2 - 1), self.ch(b2)
            if not self._chinese_marks(marks, left, right, a2 - 1, b2):
                continue
            out = MARK_CLASS[marks] if len(marks) == 1 else normalise_marks(marks)  # (the usual lone mark)
            start = a2 if left else a2 + len(run) - len(run.lstrip(SPACES))  # a line's indent is not ours
            code = "PU05" if out.endswith("……") and "…" not in marks else "PU01"
            self.replace(start, text[start:b2], out, code, _MARKS)
            for k in range(a2, b2):  # later rules read these as the Chinese marks they become
                self.sub[k] = MARK_CLASS.get(text[k], "")
            last = b2

    def _chinese_marks(self, marks: str, left: str, right: str, at: int, end: int) -> bool:
        """Whether a run of marks sits in Chinese text (see the module docstring)."""
        if not right and left in DIGITS and self._number_goes_on(end):
            return False  # 达到1. | 52万元: a column break inside a number, for rejoin to mend
        if marks[0] == "." and left in ASCII_LETTERS and right and self._abbreviation(at):
            return False  # J.K.罗琳, Ph.D.学位, Apple Inc.，: the dot belongs to the Latin
        if (marks in FULL_MARK_SET) if len(marks) == 1 else any(c in FULL_MARK_SET for c in marks):
            return True
        # a straight double quote next to it becomes “ or ” (every one does in Chinese text)
        left = "“" if left == '"' else left
        right = "”" if right == '"' else right
        if is_cjk(left):
            # 中国.com stays; before a number a mark after Chinese is still Chinese (时间:10:30, 失修.2021年)
            return not (right in ASCII_LETTERS and set(marks) <= {"."} and len(marks) < 3)
        if not (right == "" or is_cjk(right)):
            if set(marks) <= {",", ";"} and right in ASCII_WORD and self._time_ends(at + 1):
                # 8:30—17:30,17:00停止售票: digits after a time are no thousands (1,200); the mark
                # is Chinese when Chinese text comes before the time or after what follows it
                k, j = at, end
                while k > 0 and at - k < 20 and self.ch(k - 1) in FIGURE_TOKEN:
                    k -= 1
                while j < self.n and j - end < 20 and (self.ch(j) in ASCII_WORD or self.ch(j) in ":.%"):
                    j += 1
                return is_cjk(self.ch(k - 1)) or is_cjk(self.ch(j))
            if left in "%‰℃" and right in ASCII_WORD and set(marks) <= {",", ";"}:
                # 比重达到52.6%,23个县, 2.65%,5G基站: after a figure, before a figure or a Latin
                # word, with Chinese text on both sides
                k, j = at, end
                while k > 0 and at - k < 20 and self.ch(k - 1) in FIGURE_TOKEN:
                    k -= 1
                while j < self.n and j - end < 20 and (self.ch(j) in ASCII_WORD or self.ch(j) in ".%‰-"):
                    j += 1
                return is_han(self.ch(k - 1)) and is_cjk(self.ch(j))  # (``18.2%,AI、大数据``)
            return False
        if left in FIGURE_TOKEN:
            k = at
            while k > 0 and at - k < 40 and self.ch(k - 1) in FIGURE_TOKEN:
                k -= 1
            pre = self.ch(k - 1)
            # 借助AI. / 增长了5. / 跌破-5℃. end a Chinese sentence; 1.坚持 at a line start is a list
            # number; in Chinese quotes a figure's ! or ? is Chinese too (“10!”), an English
            # sentence's (“Thank you!”) is not
            if any(c in ".?!" for c in marks):
                figure = self.text[k : at + 1]
                time = TIME_RE.fullmatch(figure) is not None
                return is_han(pre) or (
                    pre in CJK_SET and (right in CJK_SET or not right or (is_han(right) and (time or any(c in figure for c in "%‰℃∶"))))
                    and (time or all(c in DIGITS or c in "%‰℃∶～" for c in figure))
                ) or (  # (figures after a Chinese mark: ``“10!”``, ``…25∶24、26∶21.`` at a paragraph's end or
                    # before the next sentence, ``、25∶17.天津队``, ``9:00—17:00.清明节``; a bare number there
                    # may be a list's: ``）1.坚持``)
                    set(marks) <= {".", "!", "?"} and self._address_ends(at, end, right)
                )
            return is_cjk(pre)
        return is_cjk(right)

    def _time_ends(self, pos: int) -> bool:
        """Whether a time of day (``17:30``) ends just before ``pos``."""
        return TIME_END_RE.search(self.text, max(0, pos - 6), pos) is not None

    def _address_ends(self, at: int, end: int, right: str) -> bool:
        """Whether an e-mail address or a URL after Chinese text ends at ``at``, and the mark
        after it ends the Chinese sentence (``咨询邮箱：dtct@163.com.``): the address keeps its
        dots, its last mark is the sentence's. Not when the next line goes on with Latin letters
        or digits (an address cut by a column break)."""
        if right and not is_cjk(right):
            return False
        m = ADDRESS_END_RE.search(self.text, max(0, at - 200), at + 1)
        if m is None or not is_cjk(self._visible(m.start(), -1)):
            return False
        if not right:
            p = end
            while p < self.n and self.text[p] in "\n \u3000":
                p += 1
            return not (p < self.n and self.text[p] in ASCII_WORD)
        return True

    def _abbreviation(self, at: int) -> bool:
        """Whether the Latin word ending at ``at`` (before a ``.``) is an initial or an
        abbreviation: ``J.K``, ``W.B``, ``F`` after ``·``, ``Ph.D``, ``Inc``."""
        k = at
        while k > 0 and self.ch(k - 1) in ASCII_LETTERS:
            k -= 1
        word, before = self.text[k : at + 1], self.ch(k - 1)
        if word in ABBREVIATIONS:
            return True
        if before == "·":
            return len(word) == 1  # 约翰·F.肯尼迪
        # an initial after another one (J.K, W.B) or the last part of a dotted abbreviation (Ph.D, U.S)
        return before == "." and len(word) <= 2 and self.ch(k - 2) in ASCII_LETTERS

    def _connects_places(self, start: int, end: int) -> bool:
        """Whether the lone ``—`` at ``text[start:end]`` is set solid between two place names
        (:data:`cleaner.chardata.CONNECTED_PLACES`): ``中国—东盟``, ``北京—南宁``, ``京—津—冀``."""
        text = self.text
        # (read through stray spaces, which PU09 removes: ``太原—大 同``)
        before = text[max(0, start - 8) : start].replace(" ", "").replace("\u3000", "")
        after = text[end : end + 8].replace(" ", "").replace("\u3000", "")
        return any(before[-k:] in CONNECTED_PLACES for k in (1, 2, 3, 4)) and any(
            after[:k] in CONNECTED_PLACES for k in (1, 2, 3, 4)
        )

    def _split_pair(self, start: int, end: int, mark: str) -> bool:
        """Whether a lone ``…`` or ``—`` at ``text[start:end]`` is half of a pair cut by a column
        break (``博览会”—`` | ``—集产品``): the rejoin pass will put the halves together."""
        text = self.text
        if end >= self.n or text[end] == "\n":
            p = end
            while p < self.n and text[p] in "\n \u3000":
                p += 1
            if p < self.n and p > end and text[p] == mark:
                return True
        if start == 0 or text[start - 1] == "\n":
            p = start - 1
            while p >= 0 and text[p] in "\n \u3000":
                p -= 1
            if p >= 0 and p < start - 1 and text[p] == mark:
                return True
        return False

    def _number_goes_on(self, pos: int) -> bool:
        """Whether the next line that has text (after ``pos``, a line end) starts with a digit,
        or the one after it, when that line is a copy of this line's end read twice at a column
        overlap (``突破2.`` / ``产值突破2.`` / ``19亿元``: dedup removes the copy, rejoin mends), or
        when the next line opens with that copy and its number goes on there (a wrapped page whose
        lines wrap joined first: ``…上涨0.`` / ``走高，…上涨0.85%；…``)."""
        text, n = self.text, self.n
        tail = text[max(text.rfind("\n", 0, pos) + 1, pos - 3) : pos]
        start = pos
        while start < n and text[start] in "\n \u3000":
            start += 1
        nxt = text[start : start + OVERLAP_LOOK].split("\n", 1)[0]
        copy = text[max(text.rfind("\n", 0, pos) + 1, pos - COPY_CHARS) : pos]
        if len(copy) == COPY_CHARS and (i := nxt.find(copy)) >= 0 and nxt[i + len(copy) : i + len(copy) + 1] in DIGITS:
            return True
        for _ in range(2):
            while pos < n and text[pos] in "\n \u3000":
                pos += 1
            if pos < n and text[pos] in DIGITS:
                return True
            end = text.find("\n", pos)
            pos = n if end < 0 else end
            if not text[:pos].rstrip(" \u3000").endswith(tail):
                return False
        return False

    def doubled(self) -> None:
        text = self.text
        heads = [h for c, h in DOUBLED_HEADS if c in text]
        if self.regions is None:
            spans = [(0, self.n)] if any(h in text for h in heads) else []
        else:
            spans = [(a, b) for a, b in self.regions if any(text.find(h, a, b) >= 0 for h in heads)]
        for m in (m for a, b in spans for m in DOUBLED_RE.finditer(text, a, b)):
            if m.start() in self.sub:
                continue  # part of a run of marks already planned
            s = m.group()
            c = s[0]
            if s.count(c) != len(s):
                continue  # mixed (。，): ambiguous, kept
            if c in "，：；、":
                self.replace(m.start(), s, c, "PU07", _RUNS)
            elif c == "。":
                self.replace(m.start(), s, "。" if len(s) == 2 else "……", "PU07" if len(s) == 2 else "PU05", _RUNS)
            elif len(s) >= 3 and (is_cjk(self.ch(m.start() - 1)) or is_cjk(self.ch(m.end()))):
                self.replace(m.start(), s, "……", "PU05", _RUNS)

    def ellipses(self) -> None:
        for m in self.each("ellipsis", ELLIPSIS_RE):
            if m.start() in self.sub:
                continue  # part of a run of marks already planned
            if m.group().count("…") == 2 and m.end() - m.start() > 2:  # … …
                if is_cjk(self._visible(m.start(), -1)) or is_cjk(self._visible(m.end(), 1)):
                    self.replace(m.start(), m.group(), "……", "PU05", _RUNS)
                continue
            if m.end() - m.start() != 1 or self._split_pair(m.start(), m.end(), "…"):
                continue
            if is_cjk(self._visible(m.start(), -1)) or is_cjk(self._visible(m.end(), 1)):
                self.replace(m.start(), "…", "……", "PU05", _RUNS)

    def dashes(self) -> None:
        for m in self.each("dash", DASH_RE):
            s = m.group()
            if len(s) == 1 and s not in LONE_DASHES:
                continue  # 6-7小时, a single hyphen
            if len(s) > 1 and s.count("—") == len(s):
                continue  # ——, ————
            left, right = self._visible(m.start(), -1), self._visible(m.end(), 1)
            if len(s) == 1:
                ok = is_cjk(right) and (is_cjk(left) or not left) and not self._split_pair(m.start(), m.end(), s)
                if ok and s == "—" and self._connects_places(m.start(), m.end()):
                    ok = False  # a connecting dash, set solid between two places: 中国—东盟, 北京—南宁
            else:
                ok = (is_cjk(left) or is_cjk(right)) and not (left in ASCII_WORD and right in ASCII_WORD)
            if ok:
                self.replace(m.start(), s, "——", "PU06", _RUNS)

    def spaces(self) -> None:
        """PU09: at each space run with Chinese on a side that matters, in the body of a block."""
        text = self.text
        last = block_end = -1
        body_from = 0
        block = (0, 0)
        heading = False
        match = CJK_SPACE_RE.match
        mentions = None  # whether the text has an ``@`` at all: looked up at the first space in body text
        for pos in self.buckets.get("space", ()):
            if pos < last:
                continue
            m = match(text, pos)
            if m is None:
                continue
            s, e = m.span()
            last = e
            if s >= block_end:  # first such space of a block: read the block once
                block = self.block_at(s)
                kind, head = self.kind(block)
                block_end = block[1]
                body_from = block_end if kind in ("heading", "byline") else head
                # (a table row's gaps part its cells, one-character ones too: ``长治　晴　-1℃～14℃``)
                heading = kind == "heading" and not table_row(text[block[0] : block[1]])
            if s < body_from:
                if heading:  # a heading keeps its spaces but those that cut off one character
                    if (
                        self._letter_space(s, e) and len(HAN_RE.findall(text, *block)) >= 4
                        and not self.in_credit(block, s)
                    ):  # (``一 一``, ``口 日 口``: OCR debris, not a headline: kept as it is)
                        self.edits.append((s, e, _SPACE, "", "PU09"))
                    continue
                last = body_from  # a byline, a dateline head: all its spaces stay
                continue
            if self.in_credit(block, s):
                continue
            if mentions is None:
                mentions = "@" in text or "＠" in text
            if mentions and self._ends_mention(s):
                continue
            if text[s - 1] in ASCII_CJK or text[e] in ASCII_CJK:  # only if that mark turns Chinese
                left, right = self.ch(s - 1), self.ch(e)
                if not ((is_han(left) and is_han(right)) or left in CJK_SET or right in CJK_SET):
                    continue
            self.edits.append((s, e, _SPACE, "", "PU09"))

    def _ends_mention(self, s: int) -> bool:
        """Whether the space at ``s`` ends an ``@`` handle (``网友@小城故事 晒出了…``): without it
        the handle would run on into the verb."""
        text = self.text
        at = max(text.rfind("@", max(0, s - 30), s), text.rfind("＠", max(0, s - 30), s))
        return at >= 0 and not any(c.isspace() for c in text[at:s])

    def _letter_space(self, s: int, e: int) -> bool:
        """A space between two Han characters that leaves one of them alone between it and a
        non-Han character: OCR spacing out a headline's letters (``人民论 坛``, ``“小 切口”``,
        ``全 市 首 个``), not a gap between a headline's parts (``增强了信心 凝聚了力量``)."""
        text = self.text
        if not (is_han(text[s - 1]) and is_han(text[e])):
            return False
        # (digits and letters belong to the word: ``1月25日 星期日 第5版`` keeps its gaps)
        before, after = self.ch(s - 2), self.ch(e + 1)
        if after in PHRASE_OPENERS and is_han(self.ch(e + 2)) and all(map(is_han, text[max(0, s - 4) : s])) and s >= 4:
            # a headline's second part opening on a word and a quotation (``小病不出村 从“家门口”看病``,
            # ``控糖控压 从“管住嘴”开始``), after a first part of four characters or more
            return not (is_han(before) or before.isalnum())
        return not (is_han(before) or before.isalnum()) or not (is_han(after) or after.isalnum())

    def latin_spaces(self, mode: str) -> None:
        text = self.text
        if mode == "add":
            for m in LATIN_GAP_RE.finditer(text):
                self.edits.append((m.start(), m.start(), _OPT, " ", "PU10"))
        elif mode == "remove":
            for m in LATIN_SPACE_RE.finditer(text):
                if self.in_body(m.start()):  # opt-in: the slower per-match lookup is fine
                    self.replace(m.start(), m.group(), "", "PU11", _OPT)


#: marks that open a quotation or a title inside a headline's phrase
PHRASE_OPENERS = frozenset("“‘《「『")


class PunctPass(Pass):
    """Fix punctuation, width and spaces that are wrong for Chinese text, judged by context."""

    name = "punct"
    reruns = True
    rules = (
        Rule("PU01", "punct.ascii-mark", "ASCII , . : ; ? ! in Chinese text made full-width"),
        Rule("PU02", "punct.ascii-bracket", "ASCII ( ) around or next to Chinese text made full-width"),
        Rule("PU03", "punct.straight-double-quote", "straight \" in Chinese text made “ or ”"),
        Rule("PU04", "punct.straight-single-quote", "straight ' in Chinese text made ‘ or ’"),
        Rule("PU05", "punct.ellipsis", "..., 。。。 or a lone … made ……"),
        Rule("PU06", "punct.dash", "--, －－ or a lone dash in Chinese text made —— (not a connecting — between two places)"),
        Rule("PU07", "punct.doubled-mark", "doubled ，， 。。 、、 ；； ：： collapsed"),
        Rule("PU08", "punct.fullwidth-alnum", "full-width digits and Latin letters made half-width (with ． ％ in numbers, ． in addresses)"),
        Rule("PU09", "punct.han-space", "space between Chinese characters, or next to a Chinese mark, in body text removed"),
        Rule("PU10", "punct.latin-space-add", "space added between Chinese and Latin letters or digits (opt-in)"),
        Rule("PU11", "punct.latin-space-remove", "space between Chinese and Latin letters or digits removed in body text (opt-in)"),
        Rule("PU12", "punct.corner-quote", "corner brackets 「」『』 made “”‘’ (opt-in)"),
    )
    options = {"max_heading_chars": MAX_HEADING_CHARS, "latin_space": "keep", "corner_quotes": False}
    limits = {"max_heading_chars": (1, MAX_COUNT)}

    @classmethod
    def check_options(cls, options: Mapping[str, Any]) -> None:
        mode = options["latin_space"]
        if mode not in ("keep", "add", "remove"):
            raise ValueError(f"punct.latin_space must be keep, add or remove, not {mode!r}")

    def run(self, ctx: Context) -> None:
        text = ctx.text
        options = ctx.options
        # A rule reads a block and its neighbours at most, so where a block and its neighbours
        # are as this pass left them (a later round: ctx.memo), there is nothing to do; and
        # after a repair only the blocks around it need planning again. (Not with latin_space,
        # whose scans are whole-text.)
        local = options["latin_space"] == "keep"
        regions = None
        if ctx.changed is not None and local:
            regions = merge_spans([_blocks_around(text, a, b) for a, b in ctx.changed])
        kinds = ctx.memo.setdefault("kinds", {})
        edits = plan_edits(text, options, regions, kinds) if regions != [] else []
        # A repair can make its neighbour's context Chinese (``-- ,`` → ``——，``); plan again on
        # the result and fold the follow-ups in, so one run reaches what a second run would.
        for _ in range(MAX_ROUNDS - 1):
            if not edits:
                break
            out = _apply(text, edits)
            more = plan_edits(out, options, around_edits(out, edits) if local else None, kinds)
            if not more:
                break
            edits = compose(text, edits, more)
        for start, end, after, code in edits:
            ctx.edit(code, start, end, after)


#: planning rounds of one punct run (a fixpoint is usually reached in two)
MAX_ROUNDS = 3


def around_edits(text: str, edits: list[tuple[int, int, str, str]]) -> list[tuple[int, int]]:
    """Spans of ``text`` (the result of ``edits``) from the block before each edit to the block
    after it, merged: where a rule may read an edited character."""
    spans = []
    shift = 0
    last = -1  # where the edit of the last span starts
    for s, e, after, _ in edits:
        a = s + shift
        shift += len(after) - (e - s)
        # no paragraph break from the last span's edit to this one: the same span
        if last >= 0 and text.find("\n\n", max(last - 1, 0), a + len(after) + 1) < 0:
            continue
        last = a
        spans.append(_blocks_around(text, a, a + len(after)))
    return merge_spans(spans)


def _blocks_around(text: str, a: int, b: int) -> tuple[int, int]:
    """From the blank lines before the block before ``text[a:b]``'s block to those after the
    block after it."""
    i = text.rfind("\n\n", 0, a)
    if i > 0:
        while i > 0 and text[i - 1] == "\n":
            i -= 1
        i = text.rfind("\n\n", 0, i)
    j = text.find("\n\n", b)
    if j >= 0:
        n = len(text)
        while j < n and text[j] == "\n":
            j += 1
        j = text.find("\n\n", j)
    return max(i, 0), len(text) if j < 0 else j


def plan_edits(
    text: str, options, regions: list[tuple[int, int]] | None = None, kinds: dict[str, tuple[str, int]] | None = None
) -> list[tuple[int, int, str, str]]:
    """The punct pass's edits for ``text``: ``(start, end, after, code)``, sorted, not overlapping;
    only at candidates inside ``regions`` when given (merged, in order). ``kinds`` keeps the
    blocks' own kinds between plans of one page."""
    plan = _Plan(text, options, regions=regions, kinds=kinds)
    # a rule works at its family's candidates only: one without any has nothing to do (most
    # plans find a few families, a later round's small regions often none)
    found = plan.buckets
    if "width" in found:
        plan.width()
    if "bracket" in found:
        plan.brackets()
    if options["corner_quotes"] and "corner" in found:
        plan.corners()
    if "marks" in found:
        plan.marks()
    if "quote" in found:
        plan.quotes()
    plan.doubled()
    if "ellipsis" in found:
        plan.ellipses()
    if "dash" in found:
        plan.dashes()
    if "space" in found:
        plan.spaces()
    plan.latin_spaces(options["latin_space"])
    return plan.resolved() if plan.edits else []


def _apply(text: str, edits: list[tuple[int, int, str, str]]) -> str:
    parts, pos = [], 0
    for s, e, after, _ in edits:
        parts.append(text[pos:s])
        parts.append(after)
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def compose(
    text: str, first: list[tuple[int, int, str, str]], second: list[tuple[int, int, str, str]]
) -> list[tuple[int, int, str, str]]:
    """One list of edits on ``text`` doing ``first`` and then ``second`` (which is on the result).

    A second-round edit away from every first-round change keeps its own span and code; one that
    touches a first-round change is merged with it into one edit (the first change's code).

    >>> compose("a,b", [(1, 2, "，", "PU01")], [(2, 3, "", "PU09")])
    [(1, 2, '，', 'PU01'), (2, 3, '', 'PU09')]
    >>> compose("a--,b", [(1, 3, "——", "PU06")], [(3, 4, "，", "PU01")])
    [(1, 3, '——', 'PU06'), (3, 4, '，', 'PU01')]
    >>> compose("x.. y", [(1, 3, "。", "PU01")], [(1, 2, "……", "PU05")])
    [(1, 3, '……', 'PU01')]
    """
    # first-round edits in the coordinates of the intermediate text
    out: list[tuple[int, int, int, int, str, str]] = []  # out_start, out_end, in_start, in_end, after, code
    shift = 0
    for s, e, after, code in first:
        out.append((s + shift, s + shift + len(after), s, e, after, code))
        shift += len(after) - (e - s)
    result: list[tuple[int, int, str, str]] = []
    i = 0
    j = 0
    shift = 0  # total growth of the first-round edits before the current position
    while i < len(out) or j < len(second):
        if j >= len(second) or (i < len(out) and out[i][1] <= second[j][0] and not _touch(out[i], second[j])):
            os_, oe, s, e, after, code = out[i]
            result.append((s, e, after, code))
            shift += len(after) - (e - s)
            i += 1
            continue
        s2, e2, after2, code2 = second[j]
        if i >= len(out) or e2 < out[i][0] or (e2 == out[i][0] and not _touch(out[i], second[j])):
            result.append((s2 - shift, e2 - shift, after2, code2))
            j += 1
            continue
        # merge: a group of first-round edits and second-round edits that overlap or touch
        g_start, g_end = min(out[i][0], s2), max(out[i][1], e2)
        in_start = out[i][2] if out[i][0] <= s2 else s2 - shift
        group_first = []
        group_second = []
        code = out[i][5]
        changed = True
        while changed:
            changed = False
            while i < len(out) and (out[i][0] < g_end or (out[i][0] == g_end and _touch(out[i], (g_start, g_end, "", "")))):
                group_first.append(out[i])
                g_end = max(g_end, out[i][1])
                i += 1
                changed = True
            while j < len(second) and (second[j][0] < g_end or (second[j][0] == g_end and second[j][0] == second[j][1])):
                group_second.append(second[j])
                g_end = max(g_end, second[j][1])
                j += 1
                changed = True
        growth = sum(len(a) - (e - s) for _, _, s, e, a, _ in group_first)
        in_end = g_end - shift - growth
        middle = _apply_offset(_apply(text[in_start:in_end], [(s - in_start, e - in_start, a, c) for _, _, s, e, a, c in group_first]), group_second, g_start)
        result.append((in_start, in_end, middle, code))
        shift += growth
    return result


def _touch(a: tuple, b: tuple) -> bool:
    """Whether two spans meet so that neither can be applied without the other (overlap or an
    empty span at the other's edge)."""
    s1, e1, s2, e2 = a[0], a[1], b[0], b[1]
    if max(s1, s2) < min(e1, e2):
        return True
    return (s1 == e1 or s2 == e2) and s1 <= e2 and s2 <= e1


def _apply_offset(text: str, edits: list[tuple[int, int, str, str]], offset: int) -> str:
    return _apply(text, [(s - offset, e - offset, a, c) for s, e, a, c in edits])


#: quotes and brackets the balance check pairs
BALANCE_RE = re.compile("[“”‘’（）()《》【】〔〕「」『』]")
NOT_BALANCE_RE = re.compile("[^“”‘’（）()《》【】〔〕「」『』\n]+")
#: the pairs the screen removes where they stand side by side; removing them one kind at a time
#: ends in the same marks as all at once (no mark belongs to two kinds)
ADJACENT_PAIRS = ("“”", "‘’", "（）", "《》", "【】", "〔〕", "「」", "『』")


def suspect_lines(text: str) -> list[int]:
    """0-based numbers of the lines whose quotes and brackets do not pair up on their own.

    The cheap screen of the balance check: everything but the marks is deleted and adjacent pairs
    are removed until none is left, all in C; only lines with marks left over are read closely.

    >>> suspect_lines("他说：“好（很好）。”\\n\\n“没有结束。\\n")
    [2]
    """
    marks = NOT_BALANCE_RE.sub("", text)
    if not marks.strip("\n"):
        return []
    # (``replace``, not ``translate``, which looks each character of a non-ASCII string up in a dict)
    marks = marks.replace("(", "（").replace(")", "）")
    while True:
        fewer = marks
        for pair in ADJACENT_PAIRS:
            fewer = fewer.replace(pair, "")
        if not fewer.strip("\n"):
            return []
        if fewer == marks:
            break
        marks = fewer
    return [k for k, line in enumerate(marks.split("\n")) if line]


class BalancePass(Pass):
    """Report quotes and brackets without a partner in their paragraph; nothing is changed.

    Runs after paragraphs are rejoined. A paragraph cut mid-sentence (its block does not end a
    sentence) is read together with the blocks that continue it, so ``“建设……的核`` / ``心支点……
    抓手。”`` is one balanced quotation. An open ``“`` at the end of a paragraph whose next
    paragraph starts with ``“`` is the convention for a quotation over several paragraphs and is
    not reported. ``’`` between Latin letters is an apostrophe (``China’s``).
    """

    name = "balance"
    rules = (
        Rule("PU20", "punct.unbalanced-quote", "quotation mark without its partner in the paragraph", False, "warning"),
        Rule("PU21", "punct.unbalanced-bracket", "bracket without its partner in the paragraph", False, "warning"),
    )
    options = {"max_heading_chars": MAX_HEADING_CHARS}
    limits = {"max_heading_chars": (1, MAX_COUNT)}

    def run(self, ctx: Context) -> None:
        text = ctx.text
        suspects = suspect_lines(text)
        if not suspects:
            return
        plan = _Plan(text, ctx.options, scan=False)
        ends = list(accumulate(map(len, text.split("\n"))))  # line k starts at ends[k - 1] + k

        def cut(block: tuple[int, int]) -> bool:  # a paragraph cut mid-sentence that the next block continues
            return plan.kind(block)[0] == "paragraph" and not ends_sentence(text, *block)

        done = -1
        for line in suspects:
            start = ends[line - 1] + line if line else 0
            if start < done:
                continue
            first = last = plan.block_at(start)
            while (prev := plan.prev_block(first)) is not None and cut(prev):
                first = prev
            while cut(last) and (following := plan.next_block(last)) is not None:
                last = following
            done = last[1]
            nxt = plan.next_block(last)
            self._check(ctx, first[0], last[1], text[nxt[0]] if nxt else "")

    def _check(self, ctx: Context, start: int, end: int, nxt: str) -> None:
        """Pair the marks of one paragraph (``text[start:end]``) and report what is left over."""
        text = ctx.text
        stacks: dict[str, list[int]] = {}
        for m in BALANCE_RE.finditer(text, start, end):
            c, i = m.group(), m.start()
            if c in "‘’" and 0 < i < len(text) - 1 and text[i - 1] in ASCII_WORD and text[i + 1] in ASCII_WORD:
                continue  # an apostrophe: China’s
            c = BRACKETS.get(c, c)
            opener = OPENER_OF.get(c)
            if opener is None:
                stacks.setdefault(c, []).append(i)
            elif stacks.get(opener):
                stacks[opener].pop()
            else:
                self._report(ctx, c, i, closing=True)
        for c, left in stacks.items():
            for i in left:
                if not (c in "“‘" and nxt == c and i == left[-1]):  # a quotation running on
                    self._report(ctx, c, i, closing=False)

    @staticmethod
    def _report(ctx: Context, mark: str, i: int, closing: bool) -> None:
        shown = ctx.text[i]
        code = "PU20" if mark in "“”‘’" else "PU21"
        if closing:
            message = f"{shown} closes nothing opened in its paragraph"
        else:
            message = f"{shown} is never closed in its paragraph"
        ctx.diagnose(code, i, i + 1, message)
