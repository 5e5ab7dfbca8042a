"""SG: group the page's blocks into records (articles, captions, labels) and lay out the text.

Blocks (runs of non-blank lines) are labelled from their own text first, then the labels are
revised by their neighbours, the way jusText revises paragraph classes by context:

- ``title``: short, no sentence end (``寒冬暖举措``, ``我市集采药品又“上新”``); a run of them
  opens an article, its first line is ``title`` and the rest ``subtitles`` (``——访省政协委员
  崔红韦``, ``省人大代表刘奇建议``, ``31个品种执行团购价``); two short lines of equal length
  (``寒冬暖举措`` / ``温情润人心``) also form ``title_lines``. A short line after a paragraph
  that stops at a comma is a column-break fragment, not a title; a line ending ``！``/``？`` is a
  title only when a dateline or a subtitle follows it, or a byline and the text where a story
  starts.
- ``dateline``: ``本报讯（记者 董芳 实习生 张璐通）``, ``据新华社北京2月5日电（记者 吴九）``,
  ``本报北京1月5日讯 记者郑十报道：`` at the head of a paragraph. The paragraph keeps it
  verbatim; the record's ``dateline`` holds it and its names go to ``authors`` and ``credits``.
  A dateline paragraph after body text starts a new record (a run of short news items).
- ``byline``: ``本报记者 李雪峰``, ``（记者 王五 通讯员 赵六）``, ``（河南开封市 牛建海）``,
  ``本报记者 于宏振 摄``. It closes the record; it is kept as a line of the text but not as a
  paragraph of the record.
- ``intertitle``: a one-line heading with an enumeration mark (``一、``, ``（二）``, ``■``) inside
  an open article stays a paragraph of that article.
- jump markers ``（下转第4版）`` / ``（上接第1版）`` are removed (SG02) and kept as the record's
  ``continued_on`` / ``continued_from``; a ``下转`` marker that cuts a sentence stays in the text
  too (without it a second clean would join the cut sentence to the next block).

Grouping: a heading run opens a record, a byline closes one, two or more blank lines between
blocks separate records (unless the first block stops mid-sentence: a column break), and a form
feed separates pages, which records never span. Then:

- a heading run with no body is a ``label`` (``全省两会专访``); so is a column name above a
  title (``民生关注`` / ``推动小杂粮产业提质增效``);
- a title-less record of one to three short paragraphs that carries a credit, follows a label or
  ends the page is a photo ``caption``;
- a caption that runs on after an article with no gap is split off (SG10, info) when the
  closing credit is a photo credit (``摄``) or names people the dateline does not;
- an article without a title is reported (SG11, info): its start is on another page or lost.

What it leaves alone: the text of every block (only the blank lines between blocks and jump
markers change), paragraphs that start mid-sentence (kept as their own paragraph; the rejoin
pass reports them), and short unpunctuated lines inside an article that a comma-ended
paragraph precedes (``…居民们对此充满期待，`` / ``纷纷点赞``: a column-break piece, not a title).
Only the gap *before* a block is read (is it a record boundary?), never the gap after it, and
the layout keeps every boundary as two blank lines, so the records read back the same.

Layout (SG01): one blank line between the blocks of a record, two between records, a lone
``\\f`` line (with a blank line either side) between pages, one newline at the end. Reading that
output again gives the same records, so cleaning is idempotent.

How it runs (the labels and records are those of the rules above, only found with less Python
work per block): a page is cut into blocks by one ``re.split`` on its separators (the blocks of
a page with a jump marker also become objects, which plan the marker's removal and the layout
around a dropped block); most blocks are labelled by one test (a long block that cannot open with a dateline is a paragraph, a plain short line a
heading or a dash subtitle: ``PLAIN_LINE_RE``) and the rest by :func:`local_kind`; while records
are planned they hold block numbers into the page's parallel lists of texts, spans and kinds, and
the planned records handed to the pipeline carry per-kind stand-in blocks (the pipeline reads a
planned block's kind only and gives each block its final text and span); the layout compares a
page's separators with the wanted ones as lists and edits only those that differ.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import ne
from typing import TYPE_CHECKING

from ..model import Article, Block, Rule
from ..patterns import (
    HAN_CHAR_RE as HAN_WORD_RE, AUTHOR_NOTE_RE, BYLINE_RE, CLOSERS, CONTINUING, TERMINAL, DATE_ONLY_RE, DATELINE_RE, HAN, HAN_RANGES, NOTICE_FIELD_RE,
    TERMINAL_END_RE, issuer_line, names_line, spaced_headline, table_row, COMPOUND_SURNAMES, SALUTATION_RE, SURNAMES, TIME_ITEM_RE,
)
from .base import MAX_COUNT, Context, Pass

#: a heading is at most this many characters and does not end a sentence
MAX_HEADING_CHARS = 40
#: a caption paragraph is at most this many characters; a caption has at most this many paragraphs
MAX_CAPTION_CHARS = 150
MAX_CAPTION_PARAGRAPHS = 3

# -- block shapes -----------------------------------------------------------------------------
#: a run of lines that hold something other than whitespace, within one page (``_split_page``
#: finds these blocks, less their leading and trailing whitespace, by splitting at separators)
BLOCK_RE = re.compile(r"[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")
QUESTION_END_RE = re.compile(r"[！？!?][”’」』）)》〉】]*$")
STOP_INSIDE_RE = re.compile(r"[。；;]")
#: the marks a sentence may end on here (``；`` too: a clause of a list ends a paragraph)
SENTENCE_ENDS = frozenset(TERMINAL + "；;")


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence: a terminal mark (or ；), optionally followed by closing
    marks (read from the end: a regex search would try each character of a long paragraph)."""
    if text[-1:] == "\n":  # passed over, as by a regex's ``$``
        text = text[:-1]
    return text.rstrip(CLOSERS)[-1:] in SENTENCE_ENDS


#: the dashes a subtitle opens with (``——访省政协委员崔红韦``): a block is tested by its first character
DASHES = "—－―-"
#: enumerated or decorated intertitles: ``一、`` ``（二）`` ``3.`` ``■``
INTERTITLE_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．.](?!\d)|第[一二三四五六七八九十]{1,3}[，、 ]|[■□◆◇●○▲△★☆▶►◎※])"
)
#: a photo caption's own line ending in its credit: ``图为…绑扎钢筋。本报记者 赵磊 摄``, or in
#: brackets, Xinhua's form: ``3月8日，游客在古县城参观灯展。（新华社记者 杨晨光 摄）``
INLINE_PHOTO_CREDIT_RE = re.compile(
    rf"^(?:图为|上图|下图|左图|右图|图[一二三四1-4]|\d{{1,2}}月\d{{1,2}}日).*(?:[。！？”][ \u3000]*[（(]?|[（(])"
    rf"((?:(?:本报|新华社|人民日报)?(?:特约|见习|实习|首席|摄影)?(?:记者|通讯员)|实习生)?[ \u3000]*"
    rf"[{HAN}]{{2,4}}(?:[ \u3000、]+[{HAN}]{{2,4}}){{0,2}}[ \u3000]*(?:摄影|摄))[）)]?$"
)
#: the first characters of those lines (``图为`` ``上图`` …, a date's figure)
_PHOTO_OPENERS = "图上下左右"


def _photo_credit(text: str) -> re.Match[str] | None:
    """``INLINE_PHOTO_CREDIT_RE``'s match (it is anchored at the start), after a cheap test of the
    first character."""
    return INLINE_PHOTO_CREDIT_RE.match(text) if text[:1] in _PHOTO_OPENERS or text[:1].isdecimal() else None


#: the marks that decorate an intertitle or the title of a brief item
DECORATIONS = frozenset("■□◆◇●○▲△★☆▶►◎※")
#: a column or section name: ``民生关注``, ``全省两会专访``, ``乡村振兴进行时``, ``图片新闻``
LABEL_RE = re.compile(
    rf"^[{HAN}]{{0,6}}(?:关注|进行时|议政录|新闻|专访|视点|速递|观察|一线|纵横|快讯|简讯|动态|广角|之窗|专栏|专题|时评|直击|掠影"
    r"|巡礼|集锦|面面观|风采|视窗|热线|前沿|资讯|要闻|镜头|影像|图说|图话|看台|茶座|随笔|漫谈|走笔|手记|聚焦|连线|在线|探访|故事"
    # the same in traditional characters (a page cleaned without --convert)
    r"|關注|進行時|議政錄|新聞|專訪|視點|速遞|觀察|縱橫|快訊|簡訊|動態|廣角|專欄|專題|時評|直擊|巡禮|集錦|風采|視窗|熱線|資訊"
    r"|要聞|鏡頭|圖說|圖話|看臺|隨筆|漫談|走筆|手記|連線|線上|探訪"
    # commentary columns: ``人民论坛``, ``今日谈``, ``金台锐评``
    r"|论坛|評論|论語|论语|评论|短评|快评|锐评|杂谈|笔谈|札记|論壇|短評|快評|銳評|雜談|筆談|劄記)$"
    rf"|^[{HAN}]{{1,3}}谈$"
    # a page's section name alone: ``体育``, ``文化``, ``国际``, ``副刊`` (a headline is never one word)
    r"|^(?:体育|文化|经济|社会|国际|国内|时政|政治|法治|法制|教育|科技|科教|卫生|健康|三农|农业|农村|城市|城建|财经|金融"
    r"|产业|旅游|文旅|生活|民生|环境|生态|副刊|文艺|娱乐|读书|地方|综合|本地|视觉|特刊|专版|理论|党建|人物|军事|汽车|房产"
    r"|消费|公益|體育|經濟|國際|國內|時政|科教|財經|文藝|讀書|綜合|視覺|專版|黨建)$"
    # a scan-code prompt beside a QR code: ``扫码看视频``, ``扫描二维码了解更多``
    rf"|^[▲△▼▽●◆■□→]?[ \u3000]*(?:扫码|扫描二维码|扫一扫|掃碼|掃描二維碼|掃一掃)[{HAN} \u3000]{{0,12}}$"
)
NAME_ONLY_RE = re.compile(rf"^[{HAN}]{{2,4}}$")


def bare_name(text: str) -> bool:
    """A person's name alone: a family name and one or two characters (``陈立新``, ``欧阳明``).

    >>> [bare_name(t) for t in ("陈立新", "欧阳明", "春雨", "王者归来", "今日谈")]
    [True, True, False, False, False]
    >>> bare_name("郭 秀英"), bare_name("郭秀　英"), bare_name("郭 秀 英")  # an OCR stray space in it
    (True, True, False)
    """
    if (" " in text or "\u3000" in text) and len(text.split()) == 2:
        text = "".join(text.split())
    if not 2 <= len(text) <= 5 or not NAME_ONLY_RE.match(text):  # (2 to 4 characters and ``$``'s newline)
        return False
    if text.startswith(COMPOUND_SURNAMES):
        return len(text) in (3, 4)
    return text[0] in SURNAMES and len(text) <= 3 and not LABEL_RE.match(text)
#: a caption split off the end of an article has at most this many paragraphs of at most this length
MAX_TRAILING_CAPTION_PARAGRAPHS = 2
MAX_TRAILING_CAPTION_CHARS = 90
#: how a photo caption opens: its date or a pointer to the photo
CAPTION_OPENER_RE = re.compile(r"(?:图为|上图|下图|左图|右图|图\d|\d{1,2}月\d{1,2}日[，,]?)")
#: a field and its figures on a line of its own: ``森林火情报警电话：12119``, ``邮编：030001``
FIELD_LINE_RE = re.compile(r"[^：:，。\n]{2,16}[：:][ \u3000]*[\d\-—－ ]{3,20}")
#: a note on where the text comes from: ``（省气象台3月2日17时发布）``, ``（数据来源：国家统计局）``
SOURCE_NOTE_RE = re.compile(r"[（(][^（）()\n]{2,40}(?:发布|提供|供稿|来源[：:][^（）()\n]{2,30})[）)]")
DIGIT_RE = re.compile(r"\d")
HAS_WORD_RE = re.compile(rf"[{HAN}A-Za-z0-9]")

# -- datelines ---------------------------------------------------------------------------------
_PLACE_DATE = rf"[{HAN}\d月日年]{{0,14}}"
#: the news source at the head of a first paragraph, optionally with its credit in brackets
DATELINE_HEAD_RE = re.compile(
    rf"^(?:据)?(?:本报讯|本报{_PLACE_DATE}讯|(?:新华社|中新社|中新网|新华网|人民网|央视网|央视新闻|澎湃新闻){_PLACE_DATE}电"
    rf"|[{HAN}]{{2,8}}(?:报|网|台|社)(?:{_PLACE_DATE})?讯)"
    rf"(?:[ \u3000]*(?:[（(][^（）()\n]{{1,60}}[）)]|(?:本报)?记者[^：:，。\n]{{1,30}}报道[：:]))?"
)
#: a credit at the very head of a paragraph: ``本报记者 张三 通讯员 李四报道：``, ``（记者 张三）``
CREDIT_HEAD_RE = re.compile(
    r"^(?:(?:本报)?记者[^：:，。\n]{1,30}报道[：:]|[（(](?:本报|新华社)?(?:特约|见习|实习)?(?:记者|通讯员)[^（）()\n]{1,40}[）)])"
)

# -- bylines and credits -------------------------------------------------------------------------
_NAME = rf"[{HAN}][{HAN}·•]{{1,9}}"
#: a person's role in a credit: ``本报记者``, ``新华社特约记者``, ``通讯员``, ``实习生``
#: (an OCR stray space may follow the paper's name: ``本报 记者 梁凯 摄``, ``本报 评论员``)
_PERSON_ROLE = r"(?:(?:(?:本报|新华社|人民日报|中新社|新华网|人民网)[ \u3000]?)?(?:特约|见习|实习|首席|摄影)?(?:记者|通讯员|评论员)|实习生)"
_ROLE = rf"(?:{_PERSON_ROLE}|摄影|文/图|图/文|文／图|图／文|(?:文字|图片|文|图|作者)[：:]|文[/／])"  # (文/王秀云: a 副刊 essay's author)
_SEP = r"[ \u3000、，,/／]+"
_CREDIT_BODY = (
    rf"(?:{_ROLE}[：: \u3000]*)?{_NAME}(?:{_SEP}(?:{_ROLE}[：: \u3000]*)?{_NAME})*(?:[ \u3000]*(?:摄影|摄|报道|供图))?"
)
BYLINE_LOCAL_RE = re.compile(
    rf"^(?:{_ROLE}[：: \u3000]*{_NAME}(?:{_SEP}(?:{_ROLE}[：: \u3000]*)?{_NAME})*(?:[ \u3000]*(?:摄影|摄|报道))?"
    rf"|[（(][ \u3000]*{_CREDIT_BODY}[ \u3000]*[）)]"
    rf"|{_NAME}(?:{_SEP}{_NAME})*[ \u3000]*(?:摄影|摄)"
    rf"|[（(][{HAN}]{{2,12}}[省市县区州镇乡村旗盟][ \u3000]*{_NAME}[）)]"
    r"|(?:(?:本报|新华社|人民日报)[ \u3000]?)?(?:特约)?评论员)$"
)
#: the papers and agencies a role may name (``本报记者``): never a person's name on their own
PAPERS = frozenset(("本报", "本報", "新华社", "新華社", "人民日报", "人民日報", "中新社", "新华网", "人民网"))
#: words that follow 记者/通讯员 in headings, not names: ``记者手记``, ``记者观察``
#: what a reader's signature says the writer is, between the place and the name
DESCRIPTORS = frozenset((
    "读者", "网友", "市民", "村民", "居民", "农民", "职工", "教师", "退休教师", "退休干部", "退休职工",
    "老党员", "志愿者", "学生", "大学生", "律师", "医生", "作者",
))
NOT_NAMES = ("手记", "观察", "调查", "走访", "探访", "体验", "连线", "笔记", "日记", "视角", "节", "眼中", "感言", "心声", "之家", "来信")
ROLE_RE = re.compile(rf"^(?:{_PERSON_ROLE}|摄影|文/图|图/文|文／图|图／文|(?:文字|图片|文|图|作者)(?=[：:])|文[/／])[：:]?")
#: a role glued after a name when a space was lost (``盛嘉懿通讯员``)
TRAILING_ROLE_RE = re.compile(rf"{_PERSON_ROLE}$")
PLACE_RE = re.compile(rf"^([{HAN}]{{2,12}}[省市县区州镇乡村旗盟])([{HAN}·]{{2,4}})?$")
#: a reader's signature: ``（河南开封市 牛建海）``; it signs a letter or an essay, not a photo
SIGNATURE_RE = re.compile(rf"^[（(][{HAN}]{{2,12}}[省市县区州镇乡村旗盟][ \u3000]*{_NAME}[）)]$")


def _signature(byline: str) -> bool:
    """``SIGNATURE_RE`` matches ``byline`` (a non-empty one), tested first by its opening bracket."""
    return byline[0] in "（(" and SIGNATURE_RE.match(byline) is not None


REPORTER_RE = re.compile(r"(?:本报)?记者[^：:，。]{1,30}报道")
REPORTED_RE = re.compile(r"报道[：:]?$|[：:]$")
PAREN_RE = re.compile(r"[（(]([^（）()]+)[）)]")
TOKEN_SPLIT_RE = re.compile(r"[ \u3000、，,；;/／]+")
NAME_RE = re.compile(rf"^[{HAN}][{HAN}·•]{{1,9}}$")

# -- jump markers --------------------------------------------------------------------------------
JUMP_RE = re.compile(
    r"[ \u3000]*[（(][ \u3000]*(下转|下接|转|上接|接|紧接|续)[ \u3000]*第?[ \u3000]*([0-9０-９A-Za-zＡ-Ｚ一二三四五六七八九十〇零两]{1,4})[ \u3000]*版[ \u3000]*[）)][ \u3000]*"
)
#: what every jump marker holds, found fast (a pattern that opens with a literal): pages without it
#: have no marker
JUMP_HINT_RE = re.compile(r"版[ \u3000]*[）)]")
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_FULLWIDTH = str.maketrans("０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def page_number(s: str) -> int | str:
    """A page number as written in a jump marker: ``4``, ``４``, ``四``, ``十二`` → int; ``A2`` stays.

    >>> page_number("４"), page_number("十二"), page_number("A2")
    (4, 12, 'A2')
    """
    s = s.translate(_FULLWIDTH)
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGITS or c == "十" for c in s):
        if "十" in s:
            tens, _, ones = s.partition("十")
            return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
        n = 0
        for c in s:
            n = n * 10 + _CN_DIGITS[c]
        return n
    return s


def credits_in(credit: str) -> list[dict[str, str]]:
    """People named in a dateline's brackets or a byline, each with the role or place the page gives.

    >>> credits_in("本报讯（记者 董芳 实习生 张璐通）")
    [{'name': '董芳', 'role': '记者'}, {'name': '张璐通', 'role': '实习生'}]
    >>> credits_in("（河南开封市牛建海）")
    [{'name': '牛建海', 'place': '河南开封市'}]
    >>> credits_in("本报记者 于宏振 摄")
    [{'name': '于宏振', 'role': '本报记者'}]
    >>> credits_in("（河南开封市 读者 张建国）")
    [{'name': '张建国', 'place': '河南开封市'}]
    >>> credits_in("本报 记者 梁凯 摄")  # a stray space after the paper's name
    [{'name': '梁凯', 'role': '记者'}]
    >>> credits_in("（作者系省农业科学院研究员 黄立群）"), credits_in("（作者系晋中学院文学 院副教授）")
    ([{'name': '黄立群'}], [])
    """
    if credit.startswith(("（作者", "(作者")) and AUTHOR_NOTE_RE.match(credit):
        # a note on the author names the author only as its last word, a name set apart
        # (``（作者系省农业科学院研究员 黄立群）``), not a piece a stray space cut off (``…文学 院副教授）``)
        last = credit.strip("（()） \u3000").split()[-1]
        return [{"name": last}] if len(credit.split()) > 1 and bare_name(last) else []
    m = PAREN_RE.search(credit)
    inner = m.group(1) if m else credit
    inner = REPORTED_RE.sub("", inner.strip())
    out: list[dict[str, str]] = []
    role = ""
    toks = [t for t in TOKEN_SPLIT_RE.split(inner) if t]
    if any(len(t) == 1 or t in ("通讯", "实习", "通訊", "實習") for t in toks):
        toks = _glue_lone_characters(toks)
    for tok in toks:
        while True:  # ``记者董芳``: a role glued to a name
            r = ROLE_RE.match(tok)
            if not r or not r.group():
                break
            role = r.group().rstrip("：:")
            tok = tok[r.end():]
        if tok.endswith(("摄影", "摄")) and len(tok) > 2:
            tok = tok[:-2] if tok.endswith("摄影") else tok[:-1]
        elif tok in ("摄", "摄影", "报道", "供图"):
            continue
        tok = REPORTED_RE.sub("", tok)
        if not tok or tok in DESCRIPTORS or tok in PAPERS:
            # (``（河南开封市 读者 张建国）``: who the writer is, not a name; ``本报 记者``: a stray
            # space cut the paper's name off its role)
            continue
        trailing = TRAILING_ROLE_RE.search(tok) if len(tok) > 4 else None
        if trailing and 2 <= trailing.start() <= 4:  # ``盛嘉懿通讯员``: a name, then the next one's role
            out.append({"name": tok[: trailing.start()], "role": role} if role else {"name": tok[: trailing.start()]})
            role = trailing.group()
            continue
        p = PLACE_RE.match(tok)
        if p and (p.group(2) or len(tok) > 4):
            if p.group(2):
                out.append({"name": p.group(2), "place": p.group(1)})
            else:
                role = role or ""
                place = p.group(1)
                out.append({"name": "", "place": place})  # the name follows as the next token
            continue
        # a Chinese name has two to four characters; a longer one is a transliteration with ``·``
        # (``阿依提拉·吾斯曼``): ``记者从市消防救援支队获悉`` names nobody
        if NAME_RE.match(tok) and (len(tok) <= 4 or ("·" in tok or "•" in tok) and len(tok) <= 10) and not tok.startswith(NOT_NAMES):
            if out and out[-1].get("name") == "" and "place" in out[-1]:
                out[-1]["name"] = tok
            else:
                out.append({"name": tok, "role": role} if role else {"name": tok})
    return [c for c in out if c["name"]]


def _glue_lone_characters(toks: list[str]) -> list[str]:
    """A lone character is no name nor role: a stray space or mark cut one. It goes with the next
    token when they make a role (``实`` ``习生``) or it is a family name (``刘`` ``建军``), else
    with the name before it (``邵明`` ``远``).

    >>> _glue_lone_characters(["记者", "邵明", "远", "实", "习生", "岑诗雨"])
    ['记者', '邵明远', '实习生', '岑诗雨']
    >>> _glue_lone_characters(["记者", "孟庆", "华", "实习生", "白雪"])
    ['记者', '孟庆华', '实习生', '白雪']
    >>> _glue_lone_characters(["记者", "王", "建华", "通讯", "员李晓东"])
    ['记者', '王建华', '通讯员', '李晓东']
    """
    out: list[str] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if len(t) == 2 and i + 1 < n and t in ("通讯", "实习", "通訊", "實習"):
            # a role cut after two characters: ``通讯`` ``员李晓东`` is 通讯员 李晓东
            role = ROLE_RE.match(t + toks[i + 1])
            if role and len(role.group()) > 2:
                out.append(role.group())
                if len(t) + len(toks[i + 1]) > len(role.group()):
                    out.append((t + toks[i + 1])[len(role.group()) :])
                i += 2
                continue
        if len(t) == 1 and t not in "摄文图" and "\u3400" <= t:
            nxt = toks[i + 1] if i + 1 < n else None
            # (never onto a role: ``孟庆`` ``华`` ``实习生`` is 孟庆华, then the intern)
            forward = nxt is not None and nxt not in ("摄", "摄影", "报道", "供图") and not ROLE_RE.fullmatch(nxt)
            # (``forward`` holds only when ``nxt`` is not None: mypy does not narrow through it)
            if forward and (ROLE_RE.fullmatch(t + nxt) or t in SURNAMES or t + nxt[:1] in COMPOUND_SURNAMES):  # type: ignore[operator,index]
                out.append(t + nxt)  # type: ignore[operator]
                i += 2
                continue
            if out and NAME_RE.match(out[-1]) and len(out[-1]) == 2 and not ROLE_RE.match(out[-1]):
                out[-1] += t
                i += 1
                continue
            if forward:
                out.append(t + nxt)  # type: ignore[operator]
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def dateline_credits(dateline: str) -> list[dict[str, str]]:
    """The people a dateline names: in its brackets, or ``记者X报道``; ``本报讯`` alone names nobody."""
    m = PAREN_RE.search(dateline) or REPORTER_RE.search(dateline)
    return credits_in(m.group()) if m else []


def dateline_of(text: str) -> str | None:
    """The dateline at the head of a paragraph, or None.

    >>> dateline_of("本报北京1月5日讯 记者郑十报道：会议……")
    '本报北京1月5日讯 记者郑十报道：'
    """
    head = text[:90]
    if not ("讯" in head or "电" in head or "记者" in head or "通讯员" in head):
        return None
    m = DATELINE_RE.match(text) or DATELINE_HEAD_RE.match(text) or CREDIT_HEAD_RE.match(text)
    return m.group().rstrip(" \u3000") if m else None


@lru_cache(maxsize=1024)
def _simplified(text: str) -> str:
    from .convert import converter

    return converter("t2s").convert(text)


def is_byline(text: str) -> bool:
    """A credit line: ``本报记者 李雪峰``, ``（记者 王五）``, ``于宏振 摄``, ``（河南开封市 牛建海）``,
    or a note on the author (``（作者系北方大学教授）``)."""
    if len(text) > 50:
        return False
    if text.startswith(("（作者", "(作者")):
        return bool(AUTHOR_NOTE_RE.match(text))
    if len(text) > 40:
        return False
    if not ("记者" in text or "通讯员" in text or "摄" in text or "实习生" in text or "评论员" in text
            or "（" in text or "(" in text or "文" in text or "图" in text or "作者" in text):
        if "記者" in text or "攝" in text or "通訊員" in text or "實習生" in text or "評論員" in text:
            return is_byline(_simplified(text))  # a traditional page left unconverted
        return False  # every byline names a role, a photo credit or sits in brackets
    if not (BYLINE_RE.match(text) or BYLINE_LOCAL_RE.match(text)):
        return False
    if text.endswith(("摄", "摄影", "评论员")):
        return True
    return bool(_credits(text))


def local_kind(text: str, max_heading: int = MAX_HEADING_CHARS) -> str:
    """The kind of a block judged from its own text alone.

    >>> [local_kind(t) for t in ("寒冬暖举措", "——访省政协委员崔红韦", "本报记者 李雪峰", "是“十五五”开局之年。")]
    ['heading', 'subtitle', 'byline', 'paragraph']
    """
    if "\n" not in text:
        dl = dateline_of(text)
        # ``新华社电`` alone is a title; a credit in brackets alone (``（新华社记者 孙晓东 摄）``,
        # ``（记者 王五）``) closes an article or a photo: a byline
        if dl and (len(text) > len(dl) or (("（" in dl or "(" in dl) and not (text[0] in "（(" and is_byline(text)))):
            return "dateline"
    return _shape_kind(text, max_heading)


def _may_open_with_dateline(text: str) -> bool:
    """False when no dateline reading of :func:`dateline_of` can match: every one has 讯 or 电 in
    its first 25 characters, or opens with a bracket, or opens with 本/记 and holds 报道."""
    return (
        "讯" in (head := text[:25]) or "电" in head or text[0] in "（("
        or (text[0] in "本记" and "报道" in text)
    )


def _shape_kind(text: str, max_heading: int) -> str:
    """:func:`local_kind` of a block that is no dateline."""
    if len(text) > max_heading + 20:  # the usual case: a body paragraph
        return "paragraph"
    if len(text) > max_heading and spaced_headline(text):
        return "heading"
    # (a time opens with a digit, what ``\d`` and str.isdecimal both test: a cheap first test)
    if table_row(text) or (text[0].isdecimal() and TIME_ITEM_RE.match(text)):
        return "paragraph"  # a row of a table, an item of a schedule (``07:00 早安山西``): body text
    if is_byline(text):
        return "byline"
    if text[0] in DASHES and len(text) <= max_heading + 20 and not _ends_sentence(text) and HAS_WORD_RE.search(text):
        return "subtitle"
    if (
        len(text) > max_heading and "\n" not in text and text[-1] not in CONTINUING and text.count("，") <= 1
        and not STOP_INSIDE_RE.search(text) and not _ends_sentence(text) and HAN_WORD_RE.search(text)
    ):
        return "long"  # a headline past the usual length, or a paragraph's piece: its neighbours tell
    if len(text) > max_heading or "\n" in text or not HAS_WORD_RE.search(text) or DATE_ONLY_RE.match(text):
        return "paragraph"
    if not HAN_WORD_RE.search(text):
        return "paragraph"  # no title without a Han character: figures, Latin debris, a masthead (``1 1``, ``DATONG DAILY``)
    if text.endswith("——") and len(text) > 4 and not STOP_INSIDE_RE.search(text) and not _ends_sentence(text):
        return "heading"  # a kicker leading into the title below it: ``从“要我创业”到“我要创业”——``
    if text[-1] in CONTINUING or STOP_INSIDE_RE.search(text[:-1]):
        return "paragraph"
    if "://" in text or "www." in text or "@" in text:
        return "paragraph"  # no title gives an address: ``报名请发邮件至hr@example.com``
    if ("：" in text or ":" in text) and names_line(text):
        return "paragraph"  # names after where they come from, a list's line: ``大同三中：赵文博、刘佳``
    if _ends_sentence(text):
        return "question" if QUESTION_END_RE.search(text) and len(text) <= 30 else "paragraph"
    return "heading"


# -- the usual path: a page read with C-level splits, most blocks labelled by one test ----------
#: the whitespace between two blocks: a run of it holding a blank (or whitespace-only) line; its
#: greedy tail takes the next block's indent, so a block can only carry trailing whitespace
SEP_SPLIT_RE = re.compile(r"(\n[^\S\n]*\n\s*)")


def _han_without(chars: str) -> str:
    """The HAN ranges as a class body, less ``chars``."""
    out = []
    holes = sorted(ord(c) for c in chars)
    for lo, hi in HAN_RANGES:
        a = lo
        for h in holes:
            if lo <= h <= hi:
                if a < h:
                    out.append(f"{chr(a)}-{chr(h - 1)}")
                a = h + 1
        if a <= hi:
            out.append(f"{chr(a)}-{chr(hi)}")
    return "".join(out)


#: Han characters of none of the words a dateline or credit test looks for (讯 电 摄 文 图; 记者
#: 通讯员 实习生 评论员 are tested as words)
_PLAIN_HAN = _han_without("讯电摄文图")
#: a plain line: words (Han, letters, digits: ``HAS_WORD_RE``) and marks that are no stop, terminal
#: mark or bracket; it opens with a word, possibly after an opening quote (and not with a date),
#: or with a dash and has a word after it
_PLAIN_MARKS = r"０-９“”‘’《》「」『』〈〉、，：·—－\-%.℃～~/+＋×° \u3000"
PLAIN_LINE_RE = re.compile(
    rf"(?:[—－―-]{{1,3}}[{_PLAIN_MARKS}]*|(?!\d{{4}}\s*年)[“‘《「『〈]?)[{_PLAIN_HAN}A-Za-z0-9][{_PLAIN_HAN}A-Za-z0-9{_PLAIN_MARKS}]*"
)


def _classifier(max_heading: int, datelines: dict[str, str]):
    """:func:`local_kind` for the blocks :func:`_labels` does not label at once; a dateline
    block's dateline is kept in ``datelines`` for the grouping."""
    long_block = max_heading + 20

    def classify(text: str) -> str:
        if len(text) > long_block:  # a body paragraph, unless a dateline heads it
            dl = dateline_of(text)
            if dl and (len(text) > len(dl) or "（" in dl or "(" in dl) and "\n" not in text:
                datelines[text] = dl
                return "dateline"
            return "paragraph"
        if not _may_open_with_dateline(text):
            return _shape_kind(text, max_heading)
        kind = local_kind(text, max_heading)
        if kind == "dateline":
            datelines[text] = dateline_of(text)  # type: ignore[assignment]  # local_kind found one: not None
        return kind

    return classify


def _labels(texts: list[str], max_heading: int, classify) -> list[str]:
    """:func:`local_kind` of each block of a page; the usual blocks are labelled here by one test
    each, the others by ``classify`` (from :func:`_classifier`)."""
    long_block = max_heading + 20
    plain_line = PLAIN_LINE_RE.fullmatch
    out: list[str] = []
    append = out.append
    for t in texts:
        n = len(t)
        if n > long_block:
            # a body paragraph unless it may open with a dateline (the test of
            # :func:`_may_open_with_dateline`, made here without a call; ``in`` on a slice is cheaper
            # than str.find with bounds)
            if not ("讯" in (head := t[:25]) or "电" in head or t[0] in "（(" or (t[0] in "本记" and "报道" in t)):
                append("paragraph")
                continue
        elif plain_line(t) and not (
            "记者" in t or "通讯员" in t or "实习生" in t or "评论员" in t or "攝" in t or "記者" in t or "作者" in t
            or "www." in t
        ):
            # no dateline, credit, stop or sentence end can be in such a line: a dash subtitle,
            # or a heading when it is short and does not stop on a mark a paragraph continues after
            if t[0] in DASHES:
                append("subtitle")
                continue
            if n <= max_heading and t[-1] not in CONTINUING and not ((" " in t or "\u3000" in t) and table_row(t)) and (
                "\u4e00" <= t[0] <= "\u9fff" or HAN_WORD_RE.search(t)  # (most open with a Han character: no search)
            ):
                append("heading")
                continue
        append(classify(t))
    return out


def _split_page(body: str, lo: int) -> tuple[list[str], list[int], list[int], list[int], list[str] | None]:
    """The blocks of one page (``body`` starts at ``lo`` in the text): their texts, starts, ends,
    blank lines before them, and the separators between them when each is exactly the text
    between two blocks (else None)."""
    parts = SEP_SPLIT_RE.split(body)
    offs = list(accumulate(map(len, parts), initial=lo))
    texts = parts[0::2]
    seps = parts[1::2]  # seps[k] lies between texts[k] and texts[k + 1]
    starts = offs[0::2]
    ends = offs[1::2]
    first = texts[0]
    head = first.lstrip()
    if not head:  # the page opens with blank lines (or is blank)
        del texts[0], starts[0], ends[0]
        if seps:
            del seps[0]
    elif head is not first:  # an indent
        starts[0] += len(first) - len(head)
        texts[0] = head
    if texts:
        last = texts[-1]
        tail = last.rstrip()
        if not tail:  # the page closes with blank lines
            del texts[-1], starts[-1], ends[-1]
            if seps:
                del seps[-1]
        elif tail is not last:  # the newline at the end
            ends[-1] -= len(last) - len(tail)
            texts[-1] = tail
    exact: list[str] | None = seps
    stripped = list(map(str.rstrip, texts))
    if stripped != texts:  # trailing whitespace inside the page (it never holds a newline)
        for k, (t, u) in enumerate(zip(texts, stripped)):
            if u is not t:
                ends[k] -= len(t) - len(u)
        texts = stripped
        exact = None
    gaps = [0] if texts else []
    gaps += [c - 1 for c in map(str.count, seps, repeat("\n"))]
    return texts, starts, ends, gaps, exact


#: neighbours that belong to one story whatever surrounds them: a page whose blank lines mean
#: something sets them one apart (two paragraphs are not among them: a title-less story, a
#: caption, may follow a paragraph, and cleaned output sets it two apart)
INNER_PAIRS = frozenset({
    ("dateline", "paragraph"), ("paragraph", "byline"), ("heading", "dateline"),
    ("heading", "subtitle"), ("subtitle", "paragraph"), ("subtitle", "dateline"),
})


def _quiet_noisy_gaps(kinds: list[str], gaps: list[int]) -> None:
    """Where a page's blank lines say nothing, read every gap as one blank line. A page sets its
    stories apart with wider gaps than the blocks of a story (the sample page: none of its 22
    pairs of neighbours that belong to one story, :data:`INNER_PAIRS`, is two blank lines apart);
    where a quarter or more of such pairs (three at least) are, the scan's blank lines are noise,
    and records are told by headings, datelines and bylines alone, as on a page of single blank
    lines. Cleaned output, which sets only records apart, never reads as noise, so a second
    cleaning keeps the records of the first."""
    wide = pairs = 0
    for i in range(1, len(kinds)):
        if (kinds[i - 1], kinds[i]) in INNER_PAIRS:
            pairs += 1
            if gaps[i] >= 2:
                wide += 1
    if wide >= 3 and 4 * wide >= pairs:
        gaps[1:] = [min(g, 1) for g in gaps[1:]]


#: verse lines under a title and its poet: at least this many short lines without punctuation
MIN_VERSE_LINES = 3
MAX_VERSE_LINE_CHARS = 20


def _verse(kinds: list[str], texts: list[str], gaps: list[int]) -> None:
    """A poem: a title, the poet's name alone (``韩冰``), then short unpunctuated lines, one a
    block. Each line reads as a heading; they are the poem's body (paragraphs), so the name over
    them is its byline, not one more heading line of a label. (A run of headlines elsewhere, a
    front page's contents box, has no name over it and stays as it was.)"""
    n = len(kinds)
    i = 1
    while i + MIN_VERSE_LINES < n:
        if not (kinds[i] == "heading" and kinds[i - 1] == "heading" and bare_name(texts[i])):
            i += 1
            continue
        k = i + 1
        while k < n and kinds[k] == "heading" and len(texts[k]) <= MAX_VERSE_LINE_CHARS and gaps[k] <= 1 and not texts[k].startswith("——"):
            k += 1
        if k - i - 1 >= MIN_VERSE_LINES:
            kinds[i + 1 : k] = ["paragraph"] * (k - i - 1)
        i = k


def _revise(kinds: list[str], texts: list[str], gaps: list[int]) -> None:
    """Neighbours revise the labels of a page's kept blocks (in order: a revised label is what the
    next block sees). Only questions and headings change, so only they are visited."""
    n = len(kinds)
    _verse(kinds, texts, gaps)
    if "question" in kinds or "long" in kinds:
        todo = [i for i, kind in enumerate(kinds) if kind == "heading" or kind == "question" or kind == "long"]
    else:  # the usual page: its headings, found by C-level scans
        todo = []
        i = -1
        index = kinds.index
        for _ in range(kinds.count("heading")):
            i = index("heading", i + 1)
            todo.append(i)
    uniform = max(gaps[1:], default=0) <= 1  # one blank line everywhere: gaps tell nothing
    for i in todo:
        kind = kinds[i]
        nxt = kinds[i + 1] if i + 1 < n else None
        if kind == "heading" and i and kinds[i - 1] in ("paragraph", "dateline") and (
            # (a field has a colon, a source note opens with a bracket: cheap tests before the regexes)
            (("：" in texts[i] or ":" in texts[i]) and (FIELD_LINE_RE.fullmatch(texts[i]) or NOTICE_FIELD_RE.fullmatch(texts[i])))
            or (texts[i][0] in "（(" and SOURCE_NOTE_RE.fullmatch(texts[i]))
            or (nxt == "paragraph" and issuer_line(texts[i]) and DATE_ONLY_RE.match(texts[i + 1]))
        ):
            # the closing lines of a notice or a report, not the next story's title: a field and its
            # figures (``森林火情报警电话：12119``, ``地点：市会展中心1号馆``), a source note (``（省气象台3月2日17时发布）``),
            # the issuer over the date (``太原市人民政府`` / ``2026年2月26日``, also with a stray space:
            # ``大同市 城市建设投资集团有限公司``)
            kinds[i] = "paragraph"
            continue
        if kind == "heading" and i and bare_name(texts[i]):
            prev = kinds[i - 1]
            # a name alone under a title, before the text (``陈立新``), or after a finished last
            # paragraph, before a credit or the next story (set apart by a wider gap, unless the
            # page has none): the author's signature
            if (prev in ("heading", "subtitle") and nxt in ("paragraph", "dateline")) or (
                prev == "paragraph" and TERMINAL_END_RE.search(texts[i - 1])
                and (nxt in (None, "byline", "heading") and (nxt != "heading" or gaps[i + 1] >= 2 or uniform))
            ):
                kinds[i] = "byline"
                continue
        if kind == "heading" and nxt == "paragraph" and _table_header(texts[i], texts[i + 1]):
            kinds[i] = "paragraph"  # ``品种 价格（元/斤） 涨跌`` over ``白菜 1.2 ↓0.1``: the table's first row
            continue
        if kind == "long":
            # a headline longer than a heading's limit is a title only right over its dateline
            # or subtitle, where a story starts (``习近平在全国教育大会上强调…`` / ``新华社北京…电``)
            opens = nxt in ("dateline", "subtitle") and (i == 0 or gaps[i] >= 2 or kinds[i - 1] in ("heading", "byline"))
            kind = kinds[i] = "heading" if opens else "paragraph"
            continue
        if kind == "question":
            # ``你准备好了吗？`` is a title only above a dateline or a subtitle, or above a byline
            # and the text where a story starts (``年轻人为何爱上旅游？`` / ``本报记者 章红`` / …);
            # a closing question over the signature (``…不值得深思吗？`` / ``本报记者 X``) is text
            opens = nxt in ("dateline", "subtitle") or (
                nxt == "byline" and (i == 0 or gaps[i] >= 2 or kinds[i - 1] == "heading")
                and i + 2 < n and kinds[i + 2] in ("paragraph", "dateline")
            ) or (i + 1 < n and SALUTATION_RE.fullmatch(texts[i + 1]) is not None)  # a letter: ``编辑同志：``
            kind = kinds[i] = "heading" if opens else "paragraph"
        if (
            kind == "heading" and i and gaps[i] < 2 and kinds[i - 1] in ("paragraph", "dateline")
            and _mid_sentence(texts[i - 1]) and not INTERTITLE_RE.match(texts[i])
        ):
            # a short piece after a paragraph that stops mid-sentence is its continuation, unless a
            # dateline or another heading line follows it (then it is the next article's title);
            # gaps are not consulted, so the decision survives the layout
            if texts[i - 1][-1] in CONTINUING or nxt not in ("dateline", "subtitle", "heading"):
                kinds[i] = "paragraph"


def _table_header(text: str, nxt: str) -> bool:
    """Whether ``text`` heads the table whose first row is ``nxt``: as many cells, three or more."""
    cells = text.split()
    return len(cells) >= 3 and len(cells) == len(nxt.split()) and table_row(nxt)


@lru_cache(maxsize=4096)
def _credits(credit: str) -> tuple[dict[str, str], ...]:
    """:func:`credits_in`, remembered: a byline is read when labelled, grouped and split (the
    dicts are copied into records, never handed out)."""
    return tuple(credits_in(credit))


@lru_cache(maxsize=4096)
def _byline_names(byline: str) -> frozenset[str]:
    return frozenset(c["name"] for c in _credits(byline))


@lru_cache(maxsize=4096)
def _dateline_names(dateline: str) -> frozenset[str]:
    return frozenset(c["name"] for c in _dateline_credits(dateline))


@lru_cache(maxsize=4096)
def _dateline_credits(dateline: str) -> tuple[dict[str, str], ...]:
    """:func:`dateline_credits`, remembered by the credit itself (``（记者 张三）`` recurs under
    many datelines)."""
    m = PAREN_RE.search(dateline) or REPORTER_RE.search(dateline)
    return _credits(m.group()) if m else ()


#: a planned record block as the pipeline reads it: its kind alone
_KIND_BLOCK = {k: Block("", 0, 0, kind=k) for k in ("title", "subtitle", "intertitle", "dateline", "byline", "paragraph", "caption", "label")}


# -- planning ------------------------------------------------------------------------------------
if TYPE_CHECKING:
    from typing import Any, Protocol

    from ..model import Diagnostic

    class _Plan(Protocol):
        """A record being planned: an :class:`Article` whose ``blocks`` hold run-wide block numbers
        (indexes into run()'s parallel lists) until run() replaces them with per-kind Blocks."""

        id: str
        type: str
        title: str | None
        subtitles: list[str]
        dateline: str | None
        authors: list[str]
        byline: str | None
        paragraphs: list[str]
        lines: tuple[int, int]
        path: str | None
        diagnostics: list[Diagnostic]
        blocks: list[int]
        extra: dict[str, Any]


class _Blk:
    """A block being planned: its span in ``ctx.text``, its final text, page, gap and kind."""

    __slots__ = ("start", "end", "text", "page", "gap", "kind", "cuts", "marks", "drop")

    def __init__(self, start: int, end: int, text: str, page: int) -> None:
        self.start = start  # span of the block's text in ctx.text (whitespace-trimmed)
        self.end = end
        self.text = text  # the block's final text (jump markers removed)
        self.page = page
        self.gap = 0  # blank lines before it (0 for a page's first block)
        self.kind = "paragraph"
        self.cuts: list[tuple[int, int, str, str]] = []  # jump-marker edits: (start, end, after, note)
        self.marks: list[tuple[int | str, str]] = []  # (page, "on"/"from") for its record
        self.drop = False  # nothing left once the jump markers are gone


def _mid_sentence(text: str) -> bool:
    """Whether ``text`` stops inside a sentence (a column break), not at a sentence end, a closing
    mark or its own photo credit (``…绑扎钢筋。本报记者 赵磊 摄``)."""
    return (
        not _ends_sentence(text) and text[-1] not in CLOSERS
        and not (text[-1] in "摄影" and _photo_credit(text))
    )


#: a column name the label list does not know: a short noun phrase of Han characters alone
#: (``乡村振兴``, ``教育周刊``, ``理论与实践``, ``公示``)
COLUMN_NAME_RE = re.compile(rf"[{HAN}]{{2,6}}")
#: a title under such a name is this many characters longer than the name at least
MIN_TITLE_OVER_NAME = 3


def _column_name(text: str, title: str, page: Sequence[str] = ()) -> bool:
    """Whether ``text``, the first line of a heading run on a page whose gaps tell nothing (one
    blank line everywhere), is a column name above the title ``title`` rather than a kicker over
    it or a short title over its subtitle.

    A name is two to six Han characters with no mark, figure or space (not a bare name, which
    signs a piece); the title under it is a headline of its own, clearly longer. A kicker (引题)
    is longer than its title and reads as a phrase, often with a mark (``从“要我创业”到“我要创业”——``,
    ``全面贯彻落实…``); a two-line title's halves are of about one length (``冰雪运动热`` /
    ``点燃冬日经济``). Only read where the run opens an article (a dateline or text follows it: a
    contents box under a column name stays one label), and where no wider gap above the run sets
    it apart while the title follows close (``中甲联赛首轮`` / ``太原队主场两球完胜青岛红狮`` on a page
    whose records are two blank lines apart is a kicker). Both readings survive the layout: a
    label is laid out two blank lines over its title, a kicker's record two under what precedes.
    A word the two lines make together that the page's blocks (``page``) hold elsewhere (``常务``
    of ``国务院常`` / ``务会议部署推进``) says they are one title cut in two.

    >>> _column_name("乡村振兴", "春耕备耕正当时"), _column_name("公示", "大同市2026年市级骨干教师拟认定人员公示")
    (True, True)
    >>> _column_name("冰雪运动热", "点燃冬日经济"), _column_name("陈立新", "守望乡村的这些年")
    (False, False)
    >>> _column_name("国务院常", "务会议部署推进", ["国务院常务会议指出，…"])  # one title cut in two
    False
    """
    return (
        COLUMN_NAME_RE.fullmatch(text) is not None and len(title) >= len(text) + MIN_TITLE_OVER_NAME
        and not bare_name(text) and not any(text[-1] + title[0] in t for t in page)
    )


def _record(page: int) -> _Plan:
    # an Article whose blocks are block numbers until run() turns them into Blocks
    return Article("", extra={"page": page, "credits": [], "title_lines": [], "continued_from": None, "continued_on": None})  # type: ignore[return-value]


class SegmentPass(Pass):
    """Group blocks into records (articles, captions, labels) and normalise the blank lines between them."""

    name = "segment"
    final = True
    rules = (
        Rule("SG01", "segment.separator", "blank lines between blocks normalised (one in a record, two between records)"),
        Rule("SG02", "segment.jump-marker", "jump marker removed from the text, kept as continued_on/continued_from"),
        Rule("SG10", "segment.caption-split", "photo caption split off the end of the article before it", False, "info"),
        Rule("SG11", "segment.untitled-article", "article without a title: its start is on another page or lost", False, "info"),
    )
    options = {
        "max_heading_chars": MAX_HEADING_CHARS,
        "max_caption_chars": MAX_CAPTION_CHARS,
        "max_caption_paragraphs": MAX_CAPTION_PARAGRAPHS,
    }
    limits = {"max_heading_chars": (1, MAX_COUNT)}

    def run(self, ctx: Context) -> None:
        text = ctx.text
        opts = ctx.options
        max_heading = opts["max_heading_chars"]
        bounds = [-1]
        f = text.find("\f")
        while f >= 0:
            bounds.append(f)
            f = text.find("\f", f + 1)
        bounds.append(len(text))
        # The page's kept blocks live in parallel lists indexed by a run-wide block number: text,
        # span, and the kind the block takes in its record; a record's ``blocks`` hold these
        # numbers while it is planned (no per-block object on the usual path).
        T: list[str] = []
        S: list[int] = []
        E: list[int] = []
        RK: list[str] = []
        marks: dict[int, list[tuple[int | str, str]]] = {}
        dls: dict[str, str] = {}  # a dateline block's text -> its dateline, found while labelling
        classify = _classifier(max_heading, dls)
        pages: list[tuple[int, int, list[_Blk] | None, list[str] | None]] = []
        records: list[_Plan] = []
        page_records: list[list[_Plan]] = []
        split: list[_Plan] = []
        for p in range(len(bounds) - 1):
            lo, hi = bounds[p] + 1, bounds[p + 1]
            g0 = len(T)
            seps: list[str] | None = None
            blks: list[_Blk] | None = None
            body = text[lo:hi]
            if "版" in body and JUMP_HINT_RE.search(body):
                # jump markers: a block object each, planning their removal
                blks = self._blocks(text, lo, hi, p + 1, max_heading, classify)
                kept = [b for b in blks if not b.drop]
                for k, b in enumerate(kept):
                    if b.marks:
                        marks[g0 + k] = b.marks
                T += [b.text for b in kept]
                S += [b.start for b in kept]
                E += [b.end for b in kept]
                kinds = [b.kind for b in kept]
                gaps = [b.gap for b in kept]
            elif not body or body.isspace():  # nothing on the page (the one before a chunk's first \f)
                pages.append((g0, g0, None, []))
                page_records.append([])
                continue
            else:
                texts, starts, ends, gaps, seps = _split_page(body, lo)
                T += texts
                S += starts
                E += ends
                kinds = _labels(texts, max_heading, classify)
                if len(kinds) > 6:  # (too few blocks to tell)
                    _quiet_noisy_gaps(kinds, gaps)
                _revise(kinds, texts, gaps)
            RK += ["paragraph"] * (len(T) - g0)
            pages.append((g0, len(T), blks, seps))
            recs = self._group(g0, kinds, gaps, T, RK, marks, dls, p + 1, opts, split)
            page_records.append(recs)
            records += recs
        for rec in split:
            g = rec.blocks[0]
            ctx.diagnose("SG10", S[g], E[g], "caption split from the article before it by its credit: " + (rec.byline or ""), "info")
        for rec in records:
            if rec.type == "article" and rec.title is None and rec.blocks and rec.extra["continued_from"] is None:
                g = rec.blocks[0]
                ctx.diagnose("SG11", S[g], E[g], "article without a title: its start is on another page or lost", "info")
        page_count = len(pages) - (1 if len(pages) > 1 and not text[bounds[-2] + 1 :].strip() else 0)
        ctx.meta["pages"] = page_count
        jumps = [
            {"record": r.id, "page": r.extra["page"], "continued_on": r.extra["continued_on"], "continued_from": r.extra["continued_from"]}
            for r in records
            if r.extra["continued_on"] is not None or r.extra["continued_from"] is not None
        ]
        if jumps:
            ctx.meta["jumps"] = jumps
        self._layout(ctx, pages, page_records, S, E)
        # the pipeline reads only each planned block's kind (and gives the blocks their final text
        # and spans), so a record's blocks become shared per-kind stand-ins
        kind_block = _KIND_BLOCK.__getitem__
        rk = RK.__getitem__
        for rec in records:
            rec.blocks = list(map(kind_block, map(rk, rec.blocks)))  # type: ignore[assignment,arg-type]  # the planned records become Articles
        ctx.records = records  # type: ignore[assignment]  # (their blocks are Blocks now)

    # -- blocks ----------------------------------------------------------------------------------
    @staticmethod
    def _blocks(text: str, lo: int, hi: int, page: int, max_heading: int, classify) -> list[_Blk]:
        """The blocks of a page with jump markers, one object each: the blocks that hold a marker
        plan its removal, a marker standing alone drops its block."""
        texts, starts, ends = _split_page(text[lo:hi], lo)[:3]
        out = list(map(_Blk, starts, ends, texts, repeat(page)))
        # the blocks that hold ``版）``: the others hold no marker (JUMP_RE matches within a line)
        for k in sorted({bisect_right(starts, m.start()) - 1 for m in JUMP_HINT_RE.finditer(text, lo, hi)}):
            if k >= 0:
                SegmentPass._jumps(out[k])
        for i, b in enumerate(out):
            if b.drop:
                before = next((k for k in reversed(out[:i]) if not k.drop), None)
                if before is not None and before.text[-1:] in CONTINUING and any(not k.drop for k in out[i + 1 :]):
                    # a marker alone after a block that ends on an open clause (``主要措施包括：`` /
                    # ``（下转第4版）`` / the next story) stays, as one that cuts a sentence does:
                    # without it a second cleaning would join the two blocks
                    b.drop, b.cuts, b.text = False, [], text[b.start : b.end]
        prev_end = -1
        count = text.count
        for b in out:
            if b.drop:
                b.kind = "jump"
            else:
                b.gap = count("\n", prev_end, b.start) - 1 if prev_end >= 0 else 0
                prev_end = b.end
        kept = [b for b in out if not b.drop]
        for b, kind in zip(kept, _labels([b.text for b in kept], max_heading, classify)):
            b.kind = kind
        # a marker standing alone belongs to the block before it (下转) or after it (上接)
        for i, b in enumerate(out):
            if b.drop:
                before = next((k for k in reversed(out[:i]) if not k.drop), None)
                after = next((k for k in out[i + 1 :] if not k.drop), None)
                for page_no, way in b.marks:
                    target = (before or after) if way == "on" else (after or before)
                    if target is not None:
                        target.marks.append((page_no, way))
        kinds = [b.kind for b in kept]
        gaps = [b.gap for b in kept]
        if len(kinds) > 6:  # (as on a page without markers)
            _quiet_noisy_gaps(kinds, gaps)
            for b, g in zip(kept, gaps):
                b.gap = g
        _revise(kinds, [b.text for b in kept], gaps)
        for b, kind in zip(kept, kinds):
            b.kind = kind
        return out

    @staticmethod
    def _jumps(b: _Blk) -> None:
        """Find jump markers in ``b``: plan their removal and what is left of the block."""
        block = b.text
        found = list(JUMP_RE.finditer(block))
        if not found:
            return
        pieces: list[str] = []
        pos = 0
        for j in found:
            s, e = max(j.start(), pos), j.end()
            way = "on" if j.group(1) in ("下转", "下接", "转") else "from"
            b.marks.append((page_number(j.group(2)), way))
            if not block[:s].strip():  # at the head: take the whitespace after it too
                s = 0
                while e < len(block) and block[e].isspace():
                    e += 1
            if not block[e:].strip():  # at the tail: take the whitespace before it too
                rest = ("".join(pieces) + block[pos:s]).rstrip()
                if way == "on" and rest and not TERMINAL_END_RE.search(rest):
                    # it cuts a sentence (``…田间地头（下转第2版）``): without it the sentence would
                    # run on into the next block when the output is cleaned again, so it stays
                    continue
                e = len(block)
                while s > pos and block[s - 1].isspace():
                    s -= 1
            elif s > pos and block[s - 1] == block[e] and block[e] in "，、；：":
                e += 1  # (``景象，(下转第2版)，农技``: one comma stays, not two)
            pieces.append(block[pos:s])
            pos = e
            b.cuts.append((b.start + s, b.start + e, "", f"{j.group().strip()}: continued_{way}"))
        pieces.append(block[pos:])
        text = "".join(pieces)
        b.drop = not text.strip()
        tidy = "\n".join(line for line in text.split("\n") if line.strip()).strip()
        if tidy != text and not b.drop:
            # a marker on a line of its own inside the block: one edit for the block, so no blank
            # or whitespace-only line is left where the marker was
            b.cuts = [(b.start, b.end, tidy, "; ".join(c[3] for c in b.cuts))]
            text = tidy
        b.text = text

    # -- grouping --------------------------------------------------------------------------------
    def _group(
        self, g0: int, kinds: list[str], gaps: list[int], T: list[str], RK: list[str],
        marks: dict[int, list[tuple[int | str, str]]], dls: dict[str, str], page: int, opts, split: list[_Plan],
    ) -> list[_Plan]:
        """Records of one page, in block order: its kept blocks are ``g0``, ``g0 + 1``, … with their
        labels ``kinds`` and blank lines before them ``gaps``; ``RK`` receives each block's kind in
        its record."""
        recs: list[_Plan] = []
        closed = False
        n = len(kinds)
        texts = T[g0 : g0 + n]
        cut = self._cut

        def new() -> _Plan:
            a = _record(page)
            recs.append(a)
            return a

        def hard(i: int) -> bool:
            return i > 0 and gaps[i] >= 2 and not (kinds[i - 1] == "paragraph" and _mid_sentence(texts[i - 1]))

        cur: _Plan | None = None
        paragraphs: list[str] = []  # cur's paragraphs and blocks, for the usual case below
        blocks: list[int] = []
        i = 0
        while i < n:
            kind = kinds[i]
            if kind == "paragraph" and cur is not None and not closed and (gaps[i] < 2 or not hard(i)):
                paragraphs.append(texts[i])  # the usual case: body text goes on
                blocks.append(g0 + i)
                if marks and g0 + i in marks:
                    cut(cur, marks[g0 + i])
                i += 1
                continue
            g = g0 + i
            if kind == "heading" or kind == "subtitle":
                j = i + 1
                while j < n and kinds[j] in ("heading", "subtitle") and not hard(j):
                    j += 1
                nxt = kinds[j] if j < n else None
                if (
                    j - i == 1 and nxt == "paragraph" and cur is not None and not closed and cur.paragraphs
                    and not hard(i) and INTERTITLE_RE.match(texts[i])
                    # under a title with the same mark (``■老年助餐点增至46个``), a sibling brief item
                    and not (cur.title and cur.title[0] == texts[i][0] and cur.title[0] in DECORATIONS)
                ):
                    paragraphs.append(texts[i])
                    blocks.append(g)
                    RK[g] = "intertitle"
                    if marks and g in marks:
                        cut(cur, marks[g])
                    i = j
                    continue
                r = i
                while j - r > 1 and texts[r + 1][0] not in DASHES and (
                    LABEL_RE.match(texts[r])
                    # (read by its shape only where no wider gap above it sets the run apart while
                    # the title follows close: that is a kicker the page keeps with its title)
                    or (nxt in ("paragraph", "dateline") and gaps[r] < 2 and _column_name(texts[r], texts[r + 1], texts))
                ):
                    # ``民生关注`` above ``推动小杂粮产业提质增效``: a column name, then the article's title
                    self._heading(new(), texts, g0, r, r + 1, RK, marks)
                    r += 1
                cur = _record(page)
                recs.append(cur)
                paragraphs, blocks = cur.paragraphs, cur.blocks
                closed = False
                if j - r == 1:  # the usual heading: a title alone
                    title = cur.title = texts[r]
                    cur.extra["title_lines"] = [title]
                    g = g0 + r
                    blocks.append(g)
                    RK[g] = "title"
                    if marks and g in marks:
                        cut(cur, marks[g])
                else:
                    self._heading(cur, texts, g0, r, j, RK, marks)
                i = j
                continue
            text = texts[i]
            if (
                cur is None
                or (hard(i) and not (kind == "byline" and not closed and (bool(cur.paragraphs) or cur.title is not None)))
                or (closed and kind != "byline")
            ):
                cur = new()
                paragraphs, blocks = cur.paragraphs, cur.blocks
                closed = False
            if kind == "byline":
                if cur.paragraphs or cur.title is not None or cur.byline:
                    cur.byline = f"{cur.byline} {text}" if cur.byline else text
                    self._credit(cur, _credits(text))
                    blocks.append(g)
                    RK[g] = "byline"
                    closed = closed or bool(cur.paragraphs)
                    if marks and g in marks:
                        cut(cur, marks[g])
                    i += 1
                    continue
                # a credit with nothing to credit is kept as text (its kind stays: it ends no sentence
                # a column break could continue)
            if kind == "dateline":
                if cur.paragraphs:
                    cur = new()
                    paragraphs, blocks = cur.paragraphs, cur.blocks
                    closed = False
                dl = dls.get(text) or dateline_of(text)
                cur.dateline = dl
                self._credit(cur, _dateline_credits(dl or ""))
                RK[g] = "dateline"
            paragraphs.append(text)
            blocks.append(g)
            if marks and g in marks:
                cut(cur, marks[g])
            i += 1
        return self._finish(recs, T, RK, opts, split)

    @staticmethod
    def _heading(rec: _Plan, texts: list[str], g0: int, i: int, j: int, RK: list[str], marks) -> None:
        """Blocks ``i`` to ``j`` (page-local) are ``rec``'s title and subtitles."""
        first = rec.title = texts[i]
        rec.extra["title_lines"] = title_lines = [first]
        g = g0 + i
        rec.blocks.append(g)
        RK[g] = "title"
        if marks and g in marks:
            SegmentPass._cut(rec, marks[g])
        if j - i == 1:  # the usual case: one title line
            return
        lines = texts[i + 1 : j]
        rec.subtitles = lines
        for ln in lines:
            if (
                len(ln) == len(first) <= 12 and ln[0] not in DASHES and not DIGIT_RE.search(ln + first)
                and " " not in first and "\u3000" not in first
            ):
                title_lines.append(ln)
            else:
                break
        for k in range(1, j - i):
            g = g0 + i + k
            rec.blocks.append(g)
            RK[g] = "title" if k < len(title_lines) else "subtitle"
            if marks and g in marks:
                SegmentPass._cut(rec, marks[g])

    @staticmethod
    def _credit(rec: _Plan, found) -> None:
        authors = rec.authors
        for c in found:
            if c["name"] not in authors:
                authors.append(c["name"])
                rec.extra["credits"].append(dict(c))

    @staticmethod
    def _cut(rec: _Plan, marks: list[tuple[int | str, str]]) -> None:
        for page, way in marks:
            key = "continued_on" if way == "on" else "continued_from"
            if rec.extra[key] is None:
                rec.extra[key] = page

    def _finish(self, recs: list[_Plan], T: list[str], RK: list[str], opts, split: list[_Plan]) -> list[_Plan]:
        # A title-less record that ends on a photo caption is parted from it first: the heading
        # before it is judged by its own text, as it is on the next clean, where the caption
        # stands apart (fuzz seed 101: the heading was a label over a caption, then a title)
        done: set[int] = set()  # ids of records already parted
        parts: list[_Plan] = []
        for rec in recs:
            if rec.title is None and rec.byline:
                got = self._split_caption(rec, T, RK, opts, split)
                done.update(map(id, got))
                parts += got
            else:
                parts.append(rec)
        # a heading record with no body, followed across a wide gap by a title-less record, is that
        # record's title, unless the record is a credited photo caption (then the heading is a label)
        out: list[_Plan] = []
        for rec in parts:
            prev = out[-1] if out else None
            if (
                prev is not None and rec.title is None and prev.title is not None and not prev.paragraphs
                and not prev.byline and rec.blocks
                and (rec.dateline or not self._caption_like(rec, opts) or not rec.byline or _signature(rec.byline))
            ):
                prev.paragraphs = rec.paragraphs
                prev.dateline = rec.dateline
                prev.byline = rec.byline
                prev.blocks.extend(rec.blocks)
                self._credit(prev, rec.extra["credits"])
                for key in ("continued_on", "continued_from"):
                    prev.extra[key] = prev.extra[key] if prev.extra[key] is not None else rec.extra[key]
                continue
            out.append(rec)
        parts = []
        for rec in out:
            if id(rec) in done:
                parts.append(rec)
            elif rec.byline:
                parts += self._split_caption(rec, T, RK, opts, split)
            elif len(rec.blocks) > 1 and rec.paragraphs and _photo_credit(rec.paragraphs[-1]):
                if self._labelled_caption(rec, opts):  # ``图片新闻`` / ``…参观灯展。（新华社记者 杨晨光 摄）``
                    parts += self._split_label(rec)
                else:
                    parts += self._split_inline_caption(rec, T, RK, opts, split)
            else:
                parts.append(rec)
        out = parts
        for k, rec in enumerate(out):
            rec.id = f"p{rec.extra['page']}-r{k + 1}"
            if rec.title is not None and not rec.paragraphs and not rec.byline:
                rec.type = "label"
                for b in rec.blocks:
                    RK[b] = "label"
            elif rec.dateline is None and self._caption_like(rec, opts) and (
                (rec.title is None and (k > 0 and out[k - 1].type == "label" or k == len(out) - 1 or (rec.byline and not _signature(rec.byline))))
                or (rec.byline or "").rstrip("）)").endswith(("摄", "摄影"))
                or (rec.title is None and not rec.byline and bool(rec.paragraphs) and bool(_photo_credit(rec.paragraphs[-1])))
            ):
                rec.type = "caption"
                for b in rec.blocks:
                    if RK[b] == "paragraph":
                        RK[b] = "caption"
            if rec.type == "caption" and not rec.byline and not rec.authors and rec.paragraphs:
                m = _photo_credit(rec.paragraphs[-1])
                if m:  # its credit ends its own line
                    self._credit(rec, _credits(m.group(1)))
        return out

    def _split_inline_caption(self, rec: _Plan, T: list[str], RK: list[str], opts, split: list[_Plan]) -> list[_Plan]:
        """A photo caption with its credit on its own last line (``图为…绑扎钢筋。本报记者 赵磊 摄``)
        after an article's text: split off as a caption record crediting those people."""
        last = rec.blocks[-1]
        text = T[last]
        m = _photo_credit(text)
        if (
            RK[last] != "paragraph" or len(text) > opts["max_caption_chars"] or rec.paragraphs[-1] is not text
            or not any(RK[b] in ("paragraph", "dateline") for b in rec.blocks[:-1])
        ):
            return [rec]
        assert m is not None  # the caller found a photo credit on rec.paragraphs[-1], which is text
        found = _credits(m.group(1))
        if not found:
            return [rec]
        cap = _record(rec.extra["page"])
        cap.type = "caption"
        RK[last] = "caption"
        cap.blocks = [last]
        cap.paragraphs = [text]
        self._credit(cap, found)
        cap.extra["continued_on"] = rec.extra["continued_on"]
        rec.blocks = rec.blocks[:-1]
        rec.paragraphs = rec.paragraphs[:-1]
        rec.extra["continued_on"] = None
        split.append(cap)
        return [rec, cap]

    def _split_caption(self, rec: _Plan, T: list[str], RK: list[str], opts, split: list[_Plan]) -> list[_Plan]:
        """A photo caption that ends an article with no blank-line gap, split off into its own record.

        Two shapes: ``图片新闻`` / caption / ``本报记者 X`` (a column name over a credited caption:
        label plus caption), and an article whose closing credit cannot be its own (a photo credit
        ``X 摄``, or names its dateline does not give) after short paragraphs that follow a long one.
        """
        if not rec.byline or RK[rec.blocks[-1]] != "byline" or _signature(rec.byline):
            return [rec]  # no closing credit (a byline under the title credits the article)
        if self._labelled_caption(rec, opts):
            return self._split_label(rec)
        blocks = rec.blocks
        closing = [T[blocks[-2]], T[blocks[-1]]] if len(blocks) > 1 and RK[blocks[-2]] == "byline" else [T[blocks[-1]]]
        photo = closing[-1].rstrip("）)").endswith(("摄", "摄影"))
        dateline_names = _dateline_names(rec.dateline or "")
        foreign = bool(dateline_names) and all(dateline_names.isdisjoint(_byline_names(t)) for t in closing)
        if not (photo or foreign):
            return [rec]
        body = [k for k, b in enumerate(blocks) if RK[b] in ("paragraph", "dateline", "intertitle")]
        tail = 0
        while (
            tail < min(MAX_TRAILING_CAPTION_PARAGRAPHS, len(body) - 1)
            and RK[blocks[body[-1 - tail]]] == "paragraph"
            and len(T[blocks[body[-1 - tail]]]) <= MAX_TRAILING_CAPTION_CHARS
        ):
            tail += 1
        if not tail:
            return [rec]
        credited = any(RK[b] == "byline" for b in blocks[: body[0]])
        if (
            not foreign and rec.dateline is None and not credited
            and all(len(T[blocks[k]]) <= MAX_TRAILING_CAPTION_CHARS for k in body[:-tail])
        ):
            # a short record with a photo credit is one captioned photo, title and all (with a
            # dateline, or a byline under its title, it is a short article, and the credit names
            # the photographer of its photo)
            return [rec]
        while tail and not _ends_sentence(T[blocks[body[-1 - tail]]]):
            tail -= 1  # that short piece continues a paragraph cut by a column break
        if not tail:
            return [rec]
        # a caption opens with its date or ``图为``: a short paragraph before that one is the
        # article's last (``…管得住。`` / ``3月5日，志愿者在…`` / ``本报记者 秦朗 摄``)
        # (without one it keeps the short paragraphs over the credit: the real sample page's
        # caption is two, ``华灯初上，…`` and ``春节临近，…``; one would be the article's as often)
        opens = [k for k in range(tail, 0, -1) if CAPTION_OPENER_RE.match(T[blocks[body[-k]]])]
        if opens:
            tail = opens[-1]
        while tail > 1 and len(T[blocks[body[-tail]]]) > 2 * len(T[blocks[body[-1]]]):
            # a caption's sentences are alike; a paragraph more than twice as long as the caption's
            # last is the article's (``省文旅厅相关负责人表示，…`` / ``游客在钟楼街夜游打卡。``)
            tail -= 1
        cut = body[-tail]
        cap = _record(rec.extra["page"])
        cap.blocks = blocks[cut:]
        cap.paragraphs = [T[b] for b in cap.blocks if RK[b] == "paragraph"]
        cap.byline = " ".join(T[b] for b in cap.blocks if RK[b] == "byline")
        for b in cap.blocks:
            if RK[b] == "byline":
                self._credit(cap, _credits(T[b]))
        cap.extra["continued_on"] = rec.extra["continued_on"]
        rec.blocks = blocks[:cut]
        rec.paragraphs = rec.paragraphs[: len(rec.paragraphs) - len(cap.paragraphs)]
        rec.byline = " ".join(T[b] for b in rec.blocks if RK[b] == "byline") or None
        rec.authors, rec.extra["credits"], rec.extra["continued_on"] = [], [], None
        for b in rec.blocks:  # in page order, as the first reading credited them
            if RK[b] == "dateline":
                self._credit(rec, _dateline_credits(rec.dateline or ""))
            elif RK[b] == "byline":
                self._credit(rec, _credits(T[b]))
        split.append(cap)
        return [rec, cap]

    def _labelled_caption(self, rec: _Plan, opts) -> bool:
        """A column name over a credited caption (``图片新闻`` / caption), not an article's title."""
        return (
            rec.title is not None and not rec.subtitles and rec.dateline is None and LABEL_RE.match(rec.title) is not None
            and self._caption_like(rec, opts)
        )

    @staticmethod
    def _split_label(rec: _Plan) -> list[_Plan]:
        """``rec``'s title as a label record of its own, and the rest of it."""
        label = _record(rec.extra["page"])
        label.title = rec.title
        label.extra["title_lines"] = [rec.title]
        label.blocks = rec.blocks[:1]
        rec.title, rec.extra["title_lines"], rec.blocks = None, [], rec.blocks[1:]
        return [label, rec]

    @staticmethod
    def _caption_like(rec: _Plan, opts) -> bool:
        return (
            bool(rec.paragraphs) and rec.dateline is None
            and len(rec.paragraphs) <= opts["max_caption_paragraphs"]
            and all(len(p) <= opts["max_caption_chars"] for p in rec.paragraphs)
        )

    # -- layout ----------------------------------------------------------------------------------
    @staticmethod
    def _layout(
        ctx: Context, pages: list[tuple[int, int, list[_Blk] | None, list[str] | None]],
        page_records: list[list[_Plan]], S: list[int], E: list[int],
    ) -> None:
        text = ctx.text
        edit = ctx.edit
        first_of_record = {S[r.blocks[0]] for recs in page_records for r in recs if r.blocks}
        prev_end: int | None = None  # end of the last block laid out
        pos = 0  # start of the current gap
        breaks = 0  # form feeds in it
        dropped: list[_Blk] = []

        def close_gap(start: int | None) -> None:
            if prev_end is None and start is None:
                sep = "\n\n".join(["\f"] * breaks) + ("\n" if breaks else "")
            elif prev_end is None:
                sep = "\n\n".join(["\f"] * breaks) + ("\n\n" if breaks else "")
            elif start is None:
                sep = "\n\n" + "\n\n".join(["\f"] * breaks) + "\n" if breaks else "\n"
            elif breaks:
                sep = "\n\n" + "\n\n".join(["\f"] * breaks) + "\n\n"
            else:
                sep = "\n\n\n" if start in first_of_record else "\n\n"
            end = start if start is not None else len(text)
            if not dropped and end - pos == len(sep) and text.startswith(sep, pos):
                return  # already laid out
            a = pos
            for d in dropped:  # a marker standing alone: SG02 takes its block, SG01 the blank lines
                edit("SG01", a, d.start, sep)
                sep = ""
                edit("SG02", d.start, d.end, "", "jump marker standing alone")
                a = d.end
            edit("SG01", a, end, sep)

        for p, (g0, g1, blks, seps) in enumerate(pages):
            if p:
                breaks += 1
            if blks is not None:  # a page with jump markers: block by block
                for b in blks:
                    if b.drop:
                        dropped.append(b)
                        continue
                    close_gap(b.start)
                    dropped = []
                    breaks = 0
                    for s, e, after, note in b.cuts:
                        edit("SG02", s, e, after, note)
                    prev_end = pos = b.end
                continue
            if g0 == g1:
                continue
            close_gap(S[g0])
            dropped = []
            breaks = 0
            if g1 - g0 > 1:
                # between the page's blocks: one blank line, two before a record; only the
                # separators that differ are edited
                want = ["\n\n"] * (g1 - g0 - 1)
                for r in page_records[p]:
                    if r.blocks and r.blocks[0] > g0:
                        want[r.blocks[0] - g0 - 1] = "\n\n\n"
                if seps is None:
                    seps = [text[E[g] : S[g + 1]] for g in range(g0, g1 - 1)]
                if seps != want:
                    for k in compress(range(g1 - g0 - 1), map(ne, seps, want)):
                        edit("SG01", E[g0 + k], S[g0 + k + 1], want[k])
            prev_end = pos = E[g1 - 1]
        close_gap(None)
