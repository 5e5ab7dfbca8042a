"""The segment pass's usual path gives what the block-by-block reading gives.

A page is cut by one split, most blocks are labelled by one test, records are planned over lists
and the layout edits only the separators that differ; each of these is checked here against the
plain rule it stands in for (``BLOCK_RE`` blocks, :func:`local_kind`, :func:`credits_in`), on lines
in the style of a Chinese city daily, both where the shortcut is taken and where it is not.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.passes.segment import (
    BLOCK_RE,
    PLAIN_LINE_RE,
    _classifier,
    _credits,
    _dateline_credits,
    _labels,
    _split_page,
    credits_in,
    dateline_credits,
    local_kind,
)
from cleaner.pipeline import Pipeline

SEGMENT_ONLY = Pipeline(["segment"])

LINES = [
    # plain headings and dash subtitles: labelled by the one pattern
    "寒冬暖举措", "我市集采药品又“上新”", "“石榴籽”在校园里扎根", "5G专网让井下作业更安全",
    "本周气温先升后降 周末最低零下8℃", "——访省政协委员崔红韦", "——中阳县推动非遗进校园侧记",
    # short lines the pattern leaves to local_kind
    "图片新闻", "——记者走访城郊乡田间地头", "记者手记", "2026年2月5日", "2026年2月5日（星期四）",
    "一、加强组织领导", "你准备好了吗？", "纷纷点赞", "居民们对此充满期待，", "——", "“”",
    "本报记者 李雪峰", "本报记者 于宏振 摄", "（河南开封市 牛建海）", "通讯员 樊志强 摄", "本报评论员",
    "雪后初晴，芦芽山银装素裹。", "新华社电", "本报讯", "（下转第4版）",
    # long blocks: paragraphs, and the ones that may open with a dateline
    "这是一段足够长的正文，讲述了事情的来龙去脉，内容充实完整，超过了小标题的长度限制，所以一定是正文段落。",
    "本报讯（记者 董芳 实习生 张璐通）2月4日，全市春节文化活动在城区举行，吸引了众多市民参加，现场气氛热烈。",
    "据新华社北京2月5日电（记者 吴九）国务院新闻办公室今天举行新闻发布会，介绍今年以来经济运行的有关情况。",
    "本报北京1月5日讯 记者郑十报道：会议要求，各地要抓好春耕备耕工作，确保粮食生产稳定，保障重要农产品供给。",
    "（记者 张三）近日，南关老街改造工程完工，青石路面重新铺就，沿街商铺陆续开门迎客，吸引了不少游客前来。",
    "本市今年将新建改建城市道路一百二十公里，打通断头路十五条，进一步完善城市路网结构，方便市民出行生活。",
    "一段被分栏截断的正文，写到这里还没有写完，接着还有很多内容没有写完，接着还有很多内容没有写完，接着还有",
    "第一行正文写到这里，\n第二行接着写完，这是一个没有重新排版的段落，它的长度也超过了标题和小标题的长度。",
]


@pytest.mark.parametrize("max_heading", [40, 20, 12])
def test_labels_are_local_kinds(max_heading):
    datelines: dict[str, str] = {}
    got = _labels(LINES, max_heading, _classifier(max_heading, datelines))
    assert got == [local_kind(t, max_heading) for t in LINES]
    assert datelines  # a dateline block keeps its dateline for the grouping
    for text, dl in datelines.items():
        assert local_kind(text, max_heading) == "dateline" and text.startswith(dl)


def test_the_one_pattern_is_taken_and_not_taken():
    assert PLAIN_LINE_RE.fullmatch("寒冬暖举措") and PLAIN_LINE_RE.fullmatch("——访省政协委员崔红韦")
    # a credit character, a stop or a bracket sends the line to local_kind
    for line in ("图片新闻", "本报记者 于宏振 摄", "雪后初晴，芦芽山银装素裹。", "（下转第4版）", "2026年2月5日"):
        assert not PLAIN_LINE_RE.fullmatch(line)
    # and so does a credit word in a plain line
    assert PLAIN_LINE_RE.fullmatch("本报记者 李雪峰")
    assert _labels(["本报记者 李雪峰", "——记者走访城郊乡田间地头"], 40, _classifier(40, {})) == ["byline", "subtitle"]


ALPHABET = (
    "寒冬暖举措访省政协委员的新闻记者通讯员实习生评论员摄影文图讯电本报华社据年月日星期一二三四五"
    "0123456789０１２３ ，、。；;：:！？!?…“”‘’《》（）()【】「」—－―-·%.℃\u3000\tAbc"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=70).map(str.strip).filter(bool))
def test_any_line_is_labelled_as_local_kind_labels_it(line):
    assert _labels([line], 40, _classifier(40, {})) == [local_kind(line, 40)]


def block_re_reading(body: str, lo: int) -> tuple[list[str], list[int], list[int], list[int]]:
    """The blocks of a page as the block-by-block reading finds them."""
    texts, starts, ends, gaps = [], [], [], []
    prev_end = -1
    for m in BLOCK_RE.finditer(body):
        s, e = m.span()
        raw = m.group()
        s += len(raw) - len(raw.lstrip())
        e -= len(raw) - len(raw.rstrip())
        texts.append(body[s:e])
        starts.append(lo + s)
        ends.append(lo + e)
        gaps.append(body.count("\n", prev_end, s) - 1 if prev_end >= 0 else 0)
        prev_end = e
    return texts, starts, ends, gaps


PAGE_PIECES = ["寒冬暖举措", "本报讯（记者 张三）正文。", "第一行，\n第二行。", "  缩进的段落。", "行末有空格。  ", "\u3000\u3000全角缩进。", " ", "\t", ""]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PAGE_PIECES), st.integers(1, 4)), max_size=10), st.integers(0, 3))
def test_split_page_finds_the_blocks_block_re_finds(parts, lead):
    body = "\n" * lead + "".join(piece + "\n" * n for piece, n in parts)
    texts, starts, ends, gaps, seps = _split_page(body, 7)
    assert (texts, starts, ends, gaps) == block_re_reading(body, 7)
    if seps is not None:  # the separators, when kept, are exactly the text between the blocks
        assert seps == [body[e - 7 : s - 7] for e, s in zip(ends, starts[1:])]


def test_a_blank_page_and_an_indented_one():
    assert _split_page("\n \n\n", 0)[0] == []
    texts, starts, ends, gaps, seps = _split_page("\n\n  标题\n\n正文。  \n", 10)
    assert texts == ["标题", "正文。"] and starts == [14, 18] and ends == [16, 21] and seps == ["\n\n"]
    texts, starts, ends, gaps, seps = _split_page("\n\n  标题  \n\n正文。\n", 10)
    assert texts == ["标题", "正文。"] and starts == [14, 20] and ends == [16, 23]
    assert seps is None  # trailing spaces inside the page: the layout reads the text itself


def test_a_page_with_a_jump_marker_is_read_block_by_block():
    page = SEGMENT_ONLY.run("老街焕新颜\n\n本报讯（记者 赵一帆）近日，南关老街改造工程完工。\n\n改造后的老街吸引了不少游客前来打卡。（下转第3版）\n")
    rec = page.articles[0]
    assert rec.extra["continued_on"] == 3 and "下转" not in page.text
    # ``第3版）`` without a marker: the careful reading, the same records as without it
    text = "老街焕新颜\n\n本报讯（记者 赵一帆）近日，南关老街改造工程完工（详见第3版）。\n"
    page = SEGMENT_ONLY.run(text)
    assert page.text == text and page.articles[0].title == "老街焕新颜"
    assert page.articles[0].paragraphs == ["本报讯（记者 赵一帆）近日，南关老街改造工程完工（详见第3版）。"]


def test_the_layout_edits_only_the_separators_that_differ():
    laid_out = "寒冬暖举措\n\n本报讯（记者 张三）2月4日，活动在城区举行。\n\n本报记者 张三\n\n\n温情润人心\n\n华灯初上，市民游客在古城漫步。\n"
    assert SEGMENT_ONLY.run(laid_out).edits == []
    page = SEGMENT_ONLY.run(laid_out.replace("张三\n\n\n温情", "张三\n\n\n\n\n温情").replace("举行。\n\n本报", "举行。\n\n\n\n本报"))
    assert page.text == laid_out
    assert [(e.code, e.before, e.after) for e in page.edits] == [("SG01", "\n\n\n\n", "\n\n"), ("SG01", "\n\n\n\n\n", "\n\n\n")]


def test_planned_blocks_get_their_text_from_the_pipeline():
    page = SEGMENT_ONLY.run("寒冬暖举措\n\n本报讯（记者 张三）2月4日，活动在城区举行。\n\n本报记者 张三\n")
    rec = page.articles[0]
    assert [(b.kind, b.text) for b in rec.blocks] == [
        ("title", "寒冬暖举措"), ("dateline", "本报讯（记者 张三）2月4日，活动在城区举行。"), ("byline", "本报记者 张三"),
    ]


def test_remembered_credits_are_the_credits_and_records_do_not_share_them():
    for credit in ("本报记者 于宏振 摄", "（河南开封市 牛建海）", "本报讯（记者 董芳 实习生 张璐通）"):
        assert list(_credits(credit)) == credits_in(credit)
    for dl in ("本报讯（记者 董芳 实习生 张璐通）", "本报北京1月5日讯 记者郑十报道：", "本报讯", ""):
        assert list(_dateline_credits(dl)) == dateline_credits(dl)
    byline = "本报记者 李雪峰"
    page = SEGMENT_ONLY.run(f"寒冬暖举措\n\n正文一。\n\n{byline}\n\n\n温情润人心\n\n正文二。\n\n{byline}\n")
    first, second = page.articles
    assert first.extra["credits"] == second.extra["credits"] == [{"name": "李雪峰", "role": "本报记者"}]
    first.extra["credits"][0]["name"] = "改了"
    assert second.extra["credits"][0]["name"] == "李雪峰" and credits_in(byline)[0]["name"] == "李雪峰"
