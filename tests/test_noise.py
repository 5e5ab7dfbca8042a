"""The noise pass: rule lines, OCR debris and column-rule glyphs go (with edits) before anything
reads the layout; text that only looks like them stays."""
from __future__ import annotations

import pytest

import cleaner

TITLE = "城郊菜园迎来春播\n\n"
LEAD = "本报讯（记者 韩雪松）连日来，东关镇的菜农们忙着翻地、育苗，"
REST = "为即将到来的春播做准备。"
NEXT = "镇农业服务中心的技术员走进大棚，手把手教菜农嫁接育苗。"


def clean(text: str):
    return cleaner.clean(text)


def paragraphs(page) -> list[str]:
    return [p for a in page.articles for p in a.paragraphs]


@pytest.mark.parametrize("rule", ["————————", "━━━━━━", "■■■■", "==========", "＊＊＊", "············", "- - - - -", "｜"])
def test_a_rule_line_inside_a_broken_paragraph_goes_and_the_paragraph_is_joined(rule):
    page = clean(f"{TITLE}{LEAD}\n\n{rule}\n\n{REST}\n\n{NEXT}\n")
    assert paragraphs(page) == [LEAD + REST, NEXT]
    removed = [e for e in page.edits if e.code == "NZ01"]
    assert len(removed) == 1 and removed[0].before.strip() == rule and removed[0].line == 5


@pytest.mark.parametrize("junk", ["I l| 1 i !", "' . , ~", "rn Ll 1I", "\ufffd\ufffd\ufffd"])
def test_a_debris_line_between_title_and_body_is_no_subtitle(junk):
    page = clean(f"{TITLE}{junk}\n\n{LEAD}{REST}\n")
    [art] = page.articles
    assert (art.title, art.subtitles, art.authors) == ("城郊菜园迎来春播", [], ["韩雪松"])
    assert art.paragraphs == [LEAD + REST]
    assert [e.code for e in page.edits if e.code.startswith("NZ")] == ["NZ02"]


def test_removing_a_line_keeps_the_wider_gap_so_a_story_break_survives():
    text = f"{TITLE}{LEAD}{REST}\n\n————————\n\n\n\n下一篇报道的标题\n\n{NEXT}\n"
    page = clean(text)
    assert [a.title for a in page.articles] == ["城郊菜园迎来春播", "下一篇报道的标题"]


def test_column_rule_glyphs_at_line_edges_go_and_the_indent_stays():
    text = f"{TITLE}｜　　{LEAD}\n｜{REST}　|\n｜　　{NEXT}丨\n"
    page = clean(text)
    [art] = page.articles
    assert art.authors == ["韩雪松"] and art.paragraphs == [LEAD + REST, NEXT]
    assert sorted(e.code for e in page.edits if e.code.startswith("NZ")) == ["NZ03"] * 5


def test_a_trailing_glyph_no_longer_hides_a_sentence_end():
    page = clean(f"{TITLE}{LEAD}{REST} |\n\n{NEXT} |\n")
    assert paragraphs(page) == [LEAD + REST, NEXT]


@pytest.mark.parametrize(
    "line",
    [
        "3",  # a page number: dedup's, kept in the page metadata
        "- 2 -",
        "AI",  # a short Latin word or a masthead may be text
        "DATONG DAILY",
        "1 1",  # figures may be a table's
        "——",  # two marks are no rule
        "……",
        "新闻丨观察",  # 丨 inside a line is a separator
        "* * *",  # a scene break in an essay: the author's
        "＊\u3000＊\u3000＊",
    ],
)
def test_what_only_looks_like_noise_stays(line):
    page = clean(f"{TITLE}{LEAD}{REST}\n\n{line}\n\n{NEXT}\n")
    assert not [e for e in page.edits if e.code.startswith("NZ")]


def test_a_run_of_stars_without_spaces_is_still_a_rule():
    page = clean(f"{TITLE}{LEAD}{REST}\n\n*****\n\n{NEXT}\n")
    assert [e.code for e in page.edits if e.code.startswith("NZ")] == ["NZ01"]


def test_a_wrapped_piece_of_a_figure_is_not_debris():
    text = "　　全年进出口总值增长8.\n4%。\n　　从产品结构看，机电产品出口\n增长较快。\n"
    page = clean(text)
    assert not [e for e in page.edits if e.code.startswith("NZ")]
    assert "4%。" in page.text


def test_a_table_set_with_rules_keeps_them():
    text = f"{TITLE}| 指标 | 2024年 | 2025年 |\n"
    assert not [e for e in clean(text).edits if e.code == "NZ03"]


def test_unreadable_characters_are_reported_and_kept():
    text = f"{TITLE}本报讯（记者 韩雪松）连日来，东关镇的菜□□们忙着翻地\ufffd育苗。\n"
    page = clean(text)
    assert "菜□□们" in page.text and "\ufffd" in page.text
    assert [(d.code, d.line) for d in page.diagnostics if d.code == "NZ04"] == [("NZ04", 3), ("NZ04", 3)]


def test_the_debris_option_keeps_debris_lines():
    text = f"{TITLE}rn Ll 1I\n\n{LEAD}{REST}\n"
    page = cleaner.clean(text, options={"noise.debris": False})
    assert "rn Ll 1I" in page.text


@pytest.mark.parametrize("marker", ["□", "■", "◆ "])
def test_a_box_before_a_byline_goes_and_the_byline_credits_its_author(marker):
    for text in (f"{TITLE}{marker}本报记者 韩雪松\n\n{LEAD}{REST}\n", f"{TITLE}{LEAD}{REST}\n\n{marker}本报记者 韩雪松\n"):
        page = clean(text)
        [art] = page.articles
        assert (art.authors, art.byline) == (["韩雪松"], "本报记者 韩雪松")
        assert [e.before for e in page.edits if e.code == "NZ05"] == [marker]


@pytest.mark.parametrize("byline,name", [("□王秀云", "王秀云"), ("◎王秀云", "王秀云"), ("文/王秀云", "王秀云"),
                                         ("作者：王秀云", "王秀云")])
def test_an_essays_author_line_under_its_title(byline, name):
    # a 副刊 essay: the author under the title, marked by a box, a bullseye, 文/ or 作者：
    text = f"老屋门前的枣树\n{byline}\n\n老屋门前有一棵枣树，是祖父年轻时栽下的。\n\n后来我到城里读书。\n"
    [art] = clean(text).articles
    assert (art.title, art.subtitles, art.authors) == ("老屋门前的枣树", [], [name])


def test_a_line_with_an_astral_han_character_is_no_debris():
    # t2s turns 顣 into 𫖹 (Extension E): the line still has a Han character, on every clean
    text = f"{TITLE}𫖹 ~ 1\n\n{LEAD}{REST}\n"
    page = clean(text)
    assert "𫖹 ~ 1" in page.text and not [e for e in page.edits if e.code == "NZ02"]


def test_a_box_starting_a_brief_item_stays():
    text = f"{TITLE}■ 东关镇春播进度过半，镇农业服务中心派出技术员驻村指导。\n"
    assert not [e for e in clean(text).edits if e.code.startswith("NZ")]


def test_full_width_debris_goes_on_the_first_clean():
    """``Ｅ ｒ`` becomes ``E r`` in punct: judged as it will read, it goes at once (idempotence)."""
    page = clean(f"{TITLE}{LEAD}{REST}\n\nＥ ｒ\n\n{NEXT}\n")
    assert [e.code for e in page.edits if e.code.startswith("NZ")] == ["NZ02"]
    assert clean(page.text).edits == []


def test_glyphs_around_a_wrapped_line_of_figures_go_too():
    text = "丨　　全市集采药品货款结算率达\n丨 99%。丨\n丨　　下一步将扩大覆盖范围。丨\n"
    page = clean(text)
    assert "丨" not in page.text and "99%。" in page.text
    assert clean(page.text).edits == []


@pytest.mark.parametrize("tail", ["1.5%,", "2%.", "5G,", "AI."])
def test_a_paragraph_end_wrapped_onto_its_own_line_is_not_debris(tail):
    text = f"{TITLE}　　全市规模以上工业增加值同比增长7.2%，其中装备制造业增长\n{tail}\n　　{NEXT}\n"
    page = clean(text)
    assert not [e for e in page.edits if e.code.startswith("NZ")]
