"""Character classes and line patterns shared by several passes, compiled once.

Kept apart from the passes so that rejoin, dedup and segment agree on what a dateline, a byline
or a sentence end looks like.
"""
from __future__ import annotations

import re

#: Han characters: the basic block, extension A, the compatibility ideographs, and the
#: supplementary planes' extensions B to H (rare names and characters OpenCC maps to and from:
#: ``𩶘`` becomes ``䲞``, and a mark between such characters must be judged the same either way)
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x323AF))
HAN = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in HAN_RANGES)
#: one Han character (``search`` tells whether a text has any)
HAN_CHAR_RE = re.compile(f"[{HAN}]")
#: marks that can end a paragraph
TERMINAL = "。！？…!?"
#: closers that may follow a terminal mark (``。”``, ``！）``)
CLOSERS = "”’」』）)》〉】"
#: marks after which a paragraph cannot end
CONTINUING = "，、；：,;:—·（(“‘「『《〈【"

#: a paragraph end: a terminal mark, optionally followed by closers
ENDS_SENTENCE_RE = re.compile(f"[{TERMINAL}][{CLOSERS}]*$|[{CLOSERS}]$")

#: a paragraph end proper: a terminal mark, optionally followed by closers (``。”``), not a closer
#: alone (``“上新”`` ends a title, ``（记者 高燕）`` a dateline's first piece); an ASCII full
#: stop after a Han character or a closer counts (``亿元.``), not one after a digit (``2.``), and
#: an English sentence's end inside Chinese quotes does (``…a serious competitor.”``)
TERMINAL_END_RE = re.compile(f"(?:[{TERMINAL}]|(?<=[{HAN}{CLOSERS}])\\.|(?<=[A-Za-z0-9])[.!?](?=[{CLOSERS}]))[{CLOSERS}]*$")

#: ``本报讯（记者 董芳 实习生 张璐通）``, ``新华社北京3月5日电（记者 吴九）``,
#: ``本报太原1月5日讯 记者郑十报道：``, ``本报北京3月3日电（记者 章明远）`` (人民日报's form)
DATELINE_RE = re.compile(
    rf"^(?:本报讯|本报[{HAN}\d月日]{{0,12}}讯|本报[{HAN}]{{2,8}}\d{{1,2}}月\d{{1,2}}日电|(?:据)?新华社[{HAN}\d月日]{{0,12}}电|(?:据)?中新社[{HAN}\d月日]{{0,12}}电"
    rf"|[{HAN}]{{2,8}}(?:报|网)讯)(?:\s*(?:[（(][^（）()]{{1,60}}[）)]|记者[^：:，。]{{1,30}}报道[：:])"
    # a bare formula (``本报讯 近日，…``) is a dateline only with a separator and text after it
    rf"|[ \u3000:：]+(?=\S))"
)

#: ``本报记者 李雪峰``, ``本报记者 王芳 刘洋``, ``（河南开封市 牛建海）``; traditional forms too
#: (``本報記者 滕雪莉``: a page cleaned without ``--convert``), and with OCR's stray spaces inside
#: the role (``本报   记者 纪晓彤``: ``wrap`` reads lines before ``punct`` removes them)
#: the role before a name in a credit, in both scripts: ``本报记者``, ``新华社记者``, ``特约通讯员``, ``实习生``
CREDIT_ROLE = r"(?:(?:本报|本報|新华社|新華社|人民日报|人民日報)?(?:特约|特約|见习|見習|首席)?(?:记者|記者|通讯员|通訊員)|实习生|實習生)"
BYLINE_RE = re.compile(
    rf"^(?:(?:(?:本报|本報|新华社|新華社|人民日报|人民日報)[ \u3000]*)?(?:特约|特約)?(?:记者|記者|通讯员|通訊員|实习生|實習生|摄影|攝影|摄|攝)[ \u3000]*[{HAN}·]{{2,8}}(?:[ \u3000、]+[{HAN}·]{{2,8}}){{0,4}}"
    # (a reader's signature: place, name; an OCR stray space may part the surname, ``韦 丽华``)
    rf"|[（(][{HAN}]{{2,12}}[ \u3000]+(?:[{HAN}·]{{2,6}}|[{HAN}][ \u3000][{HAN}]{{1,2}})[）)])$"
)

#: a long headline or kicker: phrases set apart by spaces, no punctuation at all
#: (``全面贯彻落实党的二十届四中全会精神 坚定不移推进高质量发展 奋力谱写…``); prose that long
#: always has a comma (phrases of two characters or more: OCR may put a stray space in one)
SPACED_HEADLINE_RE = re.compile(rf"[{HAN}“”《》·0-9]{{2,}}(?:[ \u3000]+[{HAN}“”《》·0-9]{{2,}})+")
MAX_SPACED_HEADLINE_CHARS = 60


def spaced_headline(text: str) -> bool:
    """Whether ``text`` is a headline of space-separated phrases too long for the usual heading test."""
    return len(text) <= MAX_SPACED_HEADLINE_CHARS and SPACED_HEADLINE_RE.fullmatch(text) is not None


#: a notice's field on a line of its own: a label (``地点``, ``咨询电话``, ``报名方式``), a colon and
#: a value without sentence marks (``招聘会地点：市会展中心1号馆``, ``咨询电话：0351-7654321``);
#: a colon title (``读书：在经典中涵养精神``) has no such label
NOTICE_FIELD_RE = re.compile(
    rf"[{HAN}]{{0,6}}(?:时间|日期|地点|地址|电话|热线|手机|传真|邮箱|邮编|网址|官网|联系人|方式|对象|费用|票价)[：:]"
    r"[ \u3000]*[^，。；！？,;!?\s][^，。；！？,;!?\n]{0,40}"
)
#: who issues a notice, over its date: ``太原市人民政府``, ``市总工会办公室``
ISSUER_RE = re.compile(
    rf"[{HAN}（）()]{{2,30}}(?:政府|委员会|委|局|厅|署|办公室|办公厅|中心|协会|学会|联合会|总工会|公司|集团|法院|检察院|医院|学校|大学|学院|银行|部|处|所|站|社|队|团)"
)
#: a date alone: ``2026年3月10日`` (``星期二``), or in words as notices date themselves, ``二〇二六年三月十日``
DATE_ONLY_RE = re.compile(
    r"^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3})"
    r"\s*日(?:[ \u3000]*[(（]?(?:星期|周)[一二三四五六日天][)）]?)?$"
)


def issuer_line(text: str) -> bool:
    """Whether ``text`` names who issues a notice (``太原市人民政府``), OCR's one stray space in it
    or not (``大同市 城市建设投资集团有限公司``); two issuers side by side (``共青团大同市委 大同市教育局``)
    are no one name with a stray space.

    >>> issuer_line("大同市 城市建设投资集团有限公司"), issuer_line("共青团大同市委 大同市教育局"), issuer_line("大同 市 教育局")
    (True, False, False)
    """
    if ISSUER_RE.fullmatch(text):
        return True
    parts = text.split()
    return len(parts) == 2 and ISSUER_RE.fullmatch("".join(parts)) is not None and not all(map(ISSUER_RE.fullmatch, parts))


#: a notice's or a letter's addressee on a line of its own, under the title or a letter's: ``各县（市、区）医疗
#: 保障局：``, ``亲爱的同学们：``, ``各有关单位：``. Its colon opens the whole text, not a clause
#: that goes on in the next block (``现将有关事项通知如下：`` ends in no such word and still joins).
_ADDRESSEE = (
    r"(?:各|全体|全市|全县|全区|全省|广大|亲爱的|尊敬的)?[^，。！？；：:,;!?\s“”]{1,24}?"
    r"(?:局|厅|委|委员会|办|办公室|部门|单位|公司|企业|学校|医院|机构|集团|中心|站|所|处|科|室"
    r"|同志|朋友|家长|同学|老师|先生|女士|市民|居民|村民|网友|读者|会员|们)"
)
SALUTATION_RE = re.compile(rf"(?:{_ADDRESSEE}[，、,])*{_ADDRESSEE}[：:]")
#: a time opening an item of a schedule (TV listings, a programme): ``06:30 ``, ``19：35　``
TIME_ITEM_RE = re.compile(r"[0-2]?\d[:：][0-5]\d(?:[-—～~至][0-2]?\d[:：][0-5]\d)?[ \u3000]")
#: a list item's number at a block start: ``1.`` ``2、`` ``（三）`` ``四、`` (not ``3.5亿元``); ``l.`` is
#: an OCR misreading of ``1.``
LIST_ITEM_RE = re.compile(r"(?:[①-⑳⑴-⒇]|\d{1,2}[.．、](?![\d０-９])|[lI][.．、](?=[\u4e00-\u9fff])|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")
#: a cell of a table row that holds a figure: ``2024年``, ``4.2``, ``65``, ``12.4%``
_FIGURE_CELL_RE = re.compile(r"[-+±↑↓▲▼]?\d[\d.,]*[%‰]?[年月日个万亿元户人天次项家所座台辆吨亩]?")


def table_row(text: str) -> bool:
    """A row of a table set as text: three or more cells apart by spaces, no sentence punctuation,
    and two of them figures (``企业开办时间（天） 3 1``, ``指标 2024年 2025年``), or a score
    between two names (``上海海港 3∶1 天津津门虎``), or cells apart by wide gaps (two spaces or
    more, or a tab: ``1. 王建华  市第一人民医院  主任医师``, ``太原  晴转多云  -3℃～9℃  北风2级``).

    >>> [table_row(t) for t in ("上海海港 3∶1 天津津门虎", "1. 王建华  市第一人民医院  主任医师", "增强了信心 凝聚了力量")]
    [True, True, False]
    >>> table_row("指标        绝对值        同比增长"), table_row("增强了信心  凝聚了力量  奋进新征程")
    (True, False)
    >>> table_row("长治　晴　-1℃～14℃　南风2～3级"), table_row("乡村振兴　产业兴旺　生态宜居")  # one U+3000 a gap
    (True, False)
    >>> table_row("市中院发布　十　大典 型案 例"), table_row("2025—2026赛　季CBA常规　赛第　三十五")  # stray spaces
    (False, False)
    """
    if " " not in text and "\u3000" not in text and "\t" not in text:
        return False
    cells = text.split()
    if len(cells) < 3 or len(text) > 80 or any(c in text for c in "，。；！？"):
        return False
    if sum(1 for c in cells if _FIGURE_CELL_RE.fullmatch(c)) >= 2:
        return True
    if len(cells) == 3 and _SCORE_RE.fullmatch(cells[1]):
        return True
    if (
        text.count("\u3000") == len(cells) - 1 and " " not in text and "\t" not in text
        and sum(1 for c in cells if _DIGIT_RE.search(c)) >= 2
    ):
        # cells apart by one ideographic space each, two with figures (``长治　晴　-1℃～14℃　南风2～3级``);
        # OCR's stray spaces in a line mix in ASCII ones (``市中院发布　十　大典 型案 例``), or cut
        # one number off (``2025—2026赛　季CBA常规　赛第　三十五``)
        return True
    # (a headline's parts may be set apart by wide gaps too: a row has figures or four cells, or
    # every gap is four spaces or more, as a table's header row: ``指标      绝对值      同比增长``)
    gaps = len(_WIDE_GAP_RE.findall(text))
    return gaps >= 2 and (
        len(cells) >= 4 or _DIGIT_RE.search(text) is not None or len(_VERY_WIDE_GAP_RE.findall(text)) == len(cells) - 1
    )


#: a match score: ``3∶1``, ``98:95``
_SCORE_RE = re.compile(r"\d{1,3}[∶:：]\d{1,3}")
#: a gap between table cells: two spaces or more, or a tab
_WIDE_GAP_RE = re.compile("\\S(?: {2,}|\t[ \t]*)(?=\\S)")
_DIGIT_RE = re.compile(r"\d")
_VERY_WIDE_GAP_RE = re.compile("\\S(?: {4,}|\u3000{2,}|\t[ \t]*)(?=\\S)")


#: a note on the author closing a commentary: ``（作者系北方大学教授）``, ``（作者单位：省社科院）``
AUTHOR_NOTE_RE = re.compile(r"^[（(][ \u3000]*作者(?:系|为|是|单位|简介|身份)[：:]?[^（）()]{2,40}[）)]$")

BLOCK_RE = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the runs of non-empty lines in ``text`` (blocks are separated by blank lines)."""
    return [m.span() for m in BLOCK_RE.finditer(text)]


#: jump markers of a story continued on another page: ``（下转第4版）``, ``（上接第1版）``
JUMP_RE = re.compile(r"[（(]\s*(?:下转|下接|上接|转|接|紧接)第?\s*[\d一二三四五六七八九十]{1,3}\s*版[^（）()]{0,8}[）)]$")

#: photo and graphic credits and editor lines: ``（新华社发）``, ``本报记者 于宏振 摄``,
#: ``图/文 王五``, ``制图：李四``, ``责任编辑：车丽娜``
CREDIT_RE = re.compile(
    r"^(?:[（(][^（）()]{0,20}(?:发|供图|摄|制图)[）)]|[^，。]{0,20}[ \u3000](?:摄|供图|制图)"
    r"|(?:图|图/文|图文|制图|摄影)[/／:：\s][^，。]{1,20}"
    r"|(?:责任编辑|责编|编辑|校对|美编|版式设计)[:：\s][^，。]{1,20})$"
)

#: a subtitle or kicker under a title: ``——访省政协委员崔红韦``, ``—热烈祝贺…``
SUBTITLE_RE = re.compile(r"^(?:——|—|--|－－)")


#: single-character family names (the commonest, which cover most people named in a paper) and
#: compound ones: a bare name under a title (``陈立新``) or after the last paragraph signs the piece
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康"
    "施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏"
    "席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "端木", "澹台")


def names(words: list[str]) -> bool:
    """Whether ``words`` read as people's names: all but one at most open with a family name
    (``张三 李四 王五``; not ``没想到 现在成 了饭碗``, a clause cut by stray spaces).

    >>> names(["王海燕", "李志强"]), names(["本院受", "理原告", "太原市恒"])
    (True, False)
    """
    return sum(w[0] in SURNAMES or w.startswith(COMPOUND_SURNAMES) for w in words) >= len(words) - 1


#: a line of names and nothing else (``王海燕、李志强``, ``王海燕　李志强　张敏``), perhaps after where
#: they come from (``大同一中：王海燕、李志强``): a list, as under ``名单如下：``
NAMES_LINE_RE = re.compile(rf"(?:[{HAN}]{{2,12}}[：:])?([{HAN}]{{2,4}}(?:[、 \u3000]+[{HAN}]{{2,4}})+)")
_NAMES_SPLIT_RE = re.compile("[、 \u3000]+")


def names_line(text: str) -> bool:
    """Whether ``text`` is a line of people's names (see :data:`NAMES_LINE_RE`): no sentence was
    cut at its end, and it is no heading.

    >>> names_line("大同一中：王海燕、李志强"), names_line("本院受　理原告 太原市恒")
    (True, False)
    """
    m = NAMES_LINE_RE.fullmatch(text)
    return m is not None and names(_NAMES_SPLIT_RE.split(m.group(1)))
