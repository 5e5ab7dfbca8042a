"""The segment pass: blocks labelled, grouped into articles, captions and labels, laid out.

Pages here are invented in the style of a Chinese city daily; the real sample is only used for
its scores (and skipped where ../shared is absent).
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.model import Diagnostic
from cleaner.passes.segment import credits_in, dateline_of, is_byline, local_kind, page_number
from cleaner.pipeline import Pipeline, _attach

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"

PAGE = """春耕备耕正当时

——记者走访城郊乡田间地头

本报讯（记者 王晓明 见习记者 李春燕）3月12日，记者在城郊乡看到，农机手们正忙着检修农机具，田间地头一派繁忙景象。

据了解，今年全乡计划新建高标准农田两万亩，目前已完成土地平整五千亩。

本报记者 王晓明



老街焕新颜

古巷添活力

本报讯（记者 赵一帆）近日，南关老街改造工程完工，青石路面重新铺就，沿街商铺陆续开门迎客。

改造后的老街吸引了不少游客前来打卡。（下转第3版）

加强县域商业体系建设

市人大代表孙明建议

县域商业是畅通城乡经济循环的重要环节。全市两会期间，市人大代表孙明就完善县域商业体系提出建议。

孙明表示，应加快建设县级物流配送中心，补齐农村商业设施短板。

本报记者 周凯 刘畅

城市记忆

夜幕降临，滨河公园灯光璀璨，市民游客纷纷驻足观赏。

本报记者 钱七 摄
"""


def records(text: str, **kw):
    return cleaner.clean(text, **kw).articles


def shape(recs):
    """What a reader of the records sees, without source positions."""
    out = []
    for r in recs:
        d = r.to_dict()
        # jump markers leave the text (SG02), so only the first reading knows them
        for key in ("source", "diagnostics", "continued_on", "continued_from"):
            d.pop(key)
        out.append(d)
    return out


def test_articles_with_titles_subtitles_datelines_and_bylines():
    recs = records(PAGE)
    assert [(r.type, r.title, r.subtitles) for r in recs] == [
        ("article", "春耕备耕正当时", ["——记者走访城郊乡田间地头"]),
        ("article", "老街焕新颜", ["古巷添活力"]),
        ("article", "加强县域商业体系建设", ["市人大代表孙明建议"]),
        ("caption", "城市记忆", []),
    ]
    first = recs[0]
    assert first.dateline == "本报讯（记者 王晓明 见习记者 李春燕）"
    assert first.paragraphs[0].startswith(first.dateline)  # the paragraph keeps its dateline
    assert first.authors == ["王晓明", "李春燕"]
    assert first.extra["credits"] == [{"name": "王晓明", "role": "记者"}, {"name": "李春燕", "role": "见习记者"}]
    assert first.byline == "本报记者 王晓明"
    assert "本报记者 王晓明" not in first.paragraphs
    # 寒冬暖举措 / 温情润人心 style: two short lines of equal length are one title
    assert recs[1].extra["title_lines"] == ["老街焕新颜", "古巷添活力"]
    assert recs[2].extra["title_lines"] == ["加强县域商业体系建设"]
    assert recs[2].authors == ["周凯", "刘畅"] and recs[2].dateline is None
    assert recs[3].authors == ["钱七"] and recs[3].byline == "本报记者 钱七 摄"
    assert [r.id for r in recs] == ["p1-r1", "p1-r2", "p1-r3", "p1-r4"]


def test_bylines_stay_in_the_text_as_lines_of_their_article():
    page = cleaner.clean(PAGE)
    assert "据了解，今年全乡计划新建高标准农田两万亩，目前已完成土地平整五千亩。\n\n本报记者 王晓明\n\n\n老街焕新颜" in page.text
    kinds = [b.kind for b in page.articles[0].blocks]
    assert kinds == ["title", "subtitle", "dateline", "paragraph", "byline"]


def test_layout_one_blank_line_in_a_record_two_between_records():
    messy = "\n\n标题甲\n\n本报讯（记者 张三）近日，某地举行活动。\n\n\n\n\n标题乙\n\n\n\n\n\n正文乙第一段很长很长，说明了事情的来龙去脉，内容充实完整，超过四十个字的限制没有问题吧。\n"
    page = cleaner.clean(messy)
    assert page.text == (
        "标题甲\n\n本报讯（记者 张三）近日，某地举行活动。\n\n\n"
        "标题乙\n\n正文乙第一段很长很长，说明了事情的来龙去脉，内容充实完整，超过四十个字的限制没有问题吧。\n"
    )
    assert [r.title for r in page.articles] == ["标题甲", "标题乙"]
    assert {e.code for e in page.edits} >= {"SG01"}
    assert cleaner.replay(page.source_text, page.edits) == page.text


@pytest.mark.parametrize(
    "paragraph,dateline,authors",
    [
        ("本报讯（记者 董芳 实习生 张璐通）2月4日，活动在新荣区举行。", "本报讯（记者 董芳 实习生 张璐通）", ["董芳", "张璐通"]),
        ("据新华社北京3月5日电（记者 吴九）十四届全国人大三次会议开幕。", "据新华社北京3月5日电（记者 吴九）", ["吴九"]),
        ("本报北京1月5日讯 记者郑十报道：国家发展改革委召开新闻发布会。", "本报北京1月5日讯 记者郑十报道：", ["郑十"]),
        ("本报讯 近日，市图书馆推出春节阅读活动。", "本报讯", []),
        ("（记者 刘洋 通讯员 马丽）日前，市消防支队开展冬季演练。", "（记者 刘洋 通讯员 马丽）", ["刘洋", "马丽"]),
        ("新华社南京2月1日电（记者 王一 李二）江苏启动春季植树活动。", "新华社南京2月1日电（记者 王一 李二）", ["王一", "李二"]),
        ("本报北京3月3日电（记者 章明远）记者从民政部获悉，社区食堂已超过3万家。", "本报北京3月3日电（记者 章明远）", ["章明远"]),
    ],
)
def test_datelines_and_their_authors(paragraph, dateline, authors):
    rec = records(f"某地某事有新进展\n\n{paragraph}\n")[0]
    assert rec.dateline == dateline
    assert rec.authors == authors
    assert rec.paragraphs == [paragraph]


def test_credit_roles_and_places():
    assert credits_in("（记者 董芳 实习生 张璐通）") == [{"name": "董芳", "role": "记者"}, {"name": "张璐通", "role": "实习生"}]
    assert credits_in("（记者董芳）") == [{"name": "董芳", "role": "记者"}]
    assert credits_in("本报记者 周凯、刘畅") == [{"name": "周凯", "role": "本报记者"}, {"name": "刘畅", "role": "本报记者"}]
    assert credits_in("（河南开封市 牛建海）") == [{"name": "牛建海", "place": "河南开封市"}]
    assert credits_in("新华社记者 钱七 摄") == [{"name": "钱七", "role": "新华社记者"}]


@pytest.mark.parametrize(
    "line,expected",
    [
        ("本报记者 李雪峰", True),
        ("本报记者 郑苗苗 通讯员 高远", True),
        ("（记者 王五）", True),
        ("（河南开封市 牛建海）", True),
        ("（河南开封市牛建海）", True),
        ("于宏振 摄", True),
        ("记者手记", False),
        ("图片新闻", False),
        ("省人大代表刘奇建议", False),
        ("本报记者从市医保局获悉，集采药品执行团购价。", False),
    ],
)
def test_byline_lines(line, expected):
    assert is_byline(line) is expected


def test_local_kinds():
    assert local_kind("寒冬暖举措") == "heading"
    assert local_kind("我市集采药品又“上新”") == "heading"  # a closing quote is not a sentence end
    assert local_kind("——访市政协委员李明") == "subtitle"
    assert local_kind("今年是开局之年，") == "paragraph"  # stops at a comma: a column-break piece
    assert local_kind("2026年2月5日") == "paragraph"
    assert dateline_of("记者从市医保局获悉，……") is None


def test_signature_of_a_letter_is_its_byline():
    text = "家门口的变化\n\n今年，我们小区新装了电梯，老人上下楼方便多了，邻里们都说这是一件暖心实事，大家打心眼里高兴。\n\n（河南开封市牛建海）\n"
    rec = records(text)[0]
    assert rec.type == "article"
    assert rec.byline == "（河南开封市牛建海）" and rec.authors == ["牛建海"]
    assert rec.extra["credits"] == [{"name": "牛建海", "place": "河南开封市"}]


def test_label_without_body_is_not_the_title_of_the_caption_below():
    text = (
        "城市更新进行时\n\n本报讯（记者 孙丽）近日，东城区三个老旧小区改造全面完工，居民生活条件明显改善。\n\n本报记者 孙丽\n\n"
        "全市两会专访\n\n\n\n"
        "华灯初上，漫步在古城南街的市民、游客感受历史与现代交融的气息。\n\n"
        "元宵将至，古城内游客数量明显增长，各街区在夜色中熠熠生辉。\n\n本报记者 张远\n"
    )
    recs = records(text)
    assert [(r.type, r.title) for r in recs] == [("article", "城市更新进行时"), ("label", "全市两会专访"), ("caption", None)]
    cap = recs[2]
    assert cap.authors == ["张远"] and cap.byline == "本报记者 张远"
    assert len(cap.paragraphs) == 2
    assert [b.kind for b in recs[1].blocks] == ["label"]


def test_a_heading_separated_from_its_dateline_by_blank_lines_is_still_its_title():
    text = "大同大学再获殊荣\n\n\n\n本报讯（记者 丁一）近日，某高校获评年度最具传播力高校，师生们倍感振奋，表示将再接再厉。\n"
    recs = records(text)
    assert len(recs) == 1 and recs[0].title == "大同大学再获殊荣" and recs[0].authors == ["丁一"]


def test_jump_markers_become_fields_and_leave_the_text():
    page = cleaner.clean(PAGE)
    rec = page.articles[1]
    assert rec.extra["continued_on"] == 3
    assert rec.paragraphs[-1] == "改造后的老街吸引了不少游客前来打卡。"
    assert "下转" not in page.text
    sg02 = [e for e in page.edits if e.code == "SG02"]
    assert len(sg02) == 1 and sg02[0].before == "（下转第3版）"
    assert page.source_text[sg02[0].source[0] : sg02[0].source[1]] == "（下转第3版）"
    assert page.meta["jumps"] == [{"record": "p1-r2", "page": 1, "continued_on": 3, "continued_from": None}]


def test_jump_marker_standing_alone_and_at_a_paragraph_head():
    text = (
        "改革攻坚再出发\n\n（上接第一版）会议强调，要坚持稳中求进工作总基调，推动经济实现质的有效提升。\n\n"
        "与会同志一致表示，要把思想和行动统一到会议精神上来。\n\n（下转第四版）\n"
    )
    page = cleaner.clean(text)
    rec = page.articles[0]
    assert (rec.extra["continued_from"], rec.extra["continued_on"]) == (1, 4)
    assert rec.paragraphs[0].startswith("会议强调")
    assert page.text.endswith("与会同志一致表示，要把思想和行动统一到会议精神上来。\n")
    assert cleaner.clean(page.text).text == page.text
    assert page_number("Ａ２") == "A2" and page_number("十二") == 12


def test_form_feeds_separate_pages_and_records_never_span_them():
    text = "第一版头条标题\n\n本报讯（记者 甲乙）第一页的正文写到这里，还没有写完，转到下一页继续\f接上页的正文在这里结束。\n\n第二篇标题\n\n本报讯（记者 丙丁）第二页的第二篇稿件。\n\f"
    page = cleaner.clean(text)
    assert [(r.id, r.extra["page"], r.title) for r in page.articles] == [
        ("p1-r1", 1, "第一版头条标题"),
        ("p2-r1", 2, None),
        ("p2-r2", 2, "第二篇标题"),
    ]
    assert "转到下一页继续\n\n\f\n\n接上页" in page.text
    assert page.text.endswith("第二页的第二篇稿件。\n\n\f\n")
    assert page.meta["pages"] == 2  # the final form feed ends page 2
    again = cleaner.clean(page.text)
    assert again.text == page.text and again.edits == []
    assert [r.id for r in again.articles] == [r.id for r in page.articles]


def test_column_break_pieces_are_not_titles():
    text = (
        "旧城改造惠民生\n\n本报讯（记者 王五）近日，旧城改造项目进入收尾阶段，预计年内全面完工，居民们对此充满期待，\n\n"
        "纷纷点赞\n\n项目负责人介绍，改造工程涉及道路、管网、绿化等多个方面，将全面提升片区品质。\n"
    )
    recs = records(text)
    assert len(recs) == 1
    assert recs[0].title == "旧城改造惠民生" and recs[0].subtitles == []
    assert any("纷纷点赞" in p for p in recs[0].paragraphs)


def test_enumerated_intertitle_stays_inside_its_article():
    text = (
        "春运首日客流平稳\n\n本报讯（记者 李四）今年春运首日，全市各客运站秩序井然，旅客出行平稳有序。\n\n"
        "一、铁路运力持续提升\n\n铁路部门加开临时旅客列车三十余列，满足旅客出行需求。\n"
    )
    recs = records(text)
    assert len(recs) == 1
    assert recs[0].paragraphs[1] == "一、铁路运力持续提升"
    assert [b.kind for b in recs[0].blocks][2] == "intertitle"


def test_question_title_above_a_dateline():
    text = "春节回家，你准备好了吗？\n\n据新华社北京1月20日电（记者 吴九 孙十）今年春运预计发送旅客九十亿人次。\n"
    rec = records(text)[0]
    assert rec.title == "春节回家，你准备好了吗？" and rec.authors == ["吴九", "孙十"]


def test_a_headline_past_the_heading_limit_is_a_title_over_its_dateline():
    title = "习近平在全国教育大会上强调紧紧围绕立德树人根本任务朝着建成教育强国战略目标扎实迈进"
    assert len(title) > 40
    rec = records(f"{title}\n\n新华社北京9月10日电（记者 王海涛）全国教育大会9日至10日在北京召开。\n")[0]
    assert (rec.type, rec.title, rec.authors) == ("article", title, ["王海涛"])
    # without a dateline under it, such a line is a paragraph (a piece of the one before)
    recs = records(f"教育强国建设\n\n本报讯（记者 王五）会议指出，\n\n{title}\n\n会议要求各地抓好落实。\n")
    assert [r.title for r in recs] == ["教育强国建设"]


def test_question_title_above_a_byline_where_a_story_starts():
    rec = records("年轻人为何爱上旅游？\n\n本报记者 章红\n\n周五晚上出发，两天打卡5个景点，成了不少年轻人的周末选择。\n")[0]
    assert (rec.type, rec.title, rec.authors) == ("article", "年轻人为何爱上旅游？", ["章红"])
    # a closing question over the signature is the story's last paragraph
    text = "让老街留住烟火气\n\n老街改造不能只求新，更要留住记忆。\n\n这难道不值得我们深思吗？\n\n本报记者 章红\n"
    [rec] = records(text)
    assert rec.title == "让老街留住烟火气" and rec.paragraphs[-1] == "这难道不值得我们深思吗？"


def test_structure_does_not_depend_on_columns_being_joined():
    broken = (
        "支持建设先进制造业集聚地\n\n省人大代表刘明建议\n\n"
        "作为我省北部重要工业城市，当前正加速产业转型升级步伐。全省两会期间，刘明精准建言，恳请加大支持力度，助力打造先进制造业集聚地，为推动高质量发展、深化全\n\n"
        "方位转型注入强劲动能。近年来，当地坚定不移推进转型，特色产业体系初步形成。\n\n本报记者 李雪\n\n"
        "加大农产品出口培育力度\n\n省人大代表温和建议\n\n农产品出口是拓宽农业发展空间的重要途径。\n\n"
        "足、扶持政策不均等问题，部分区县难以形成规模化出口格局。\n\n本报记者 李雪\n"
    )
    joined = broken.replace("深化全\n\n方位", "深化全方位")
    for text in (broken, joined):
        recs = records(text)
        assert [(r.title, r.subtitles, r.authors) for r in recs] == [
            ("支持建设先进制造业集聚地", ["省人大代表刘明建议"], ["李雪"]),
            ("加大农产品出口培育力度", ["省人大代表温和建议"], ["李雪"]),
        ]
    # a paragraph whose start was lost keeps its own paragraph
    assert records(broken)[1].paragraphs[-1].startswith("足、扶持政策不均")


def test_diagnostics_inside_a_record_are_attached_to_it():
    recs = records(PAGE)
    d = Diagnostic("RJ09", "paragraph start lost", 0, 0, line=recs[1].lines[0] + 2)
    outside = Diagnostic("RJ09", "between records", 0, 0, line=recs[1].lines[1] + 1)
    _attach(recs, [d, outside])
    assert recs[1].diagnostics == [d]
    assert all(outside not in r.diagnostics for r in recs)


def test_library_access():
    page = cleaner.clean(PAGE)
    assert page.articles[0].title == "春耕备耕正当时"
    assert page.articles[0].text == "\n".join(page.articles[0].paragraphs)
    d = page.articles[0].to_dict()
    for key in ("id", "type", "title", "subtitles", "dateline", "authors", "byline", "paragraphs", "text", "source",
                "diagnostics", "page", "credits", "title_lines", "continued_on", "continued_from"):
        assert key in d


def _fixture_texts():
    return sorted(FIXTURES.glob("*.txt")) if FIXTURES.exists() else []


@pytest.mark.parametrize("text", [PAGE, PAGE.replace("\n\n\n\n老街", "\f老街")], ids=["page", "two-pages"])
def test_cleaning_output_again_gives_the_same_text_and_records(text):
    once = cleaner.clean(text)
    again = cleaner.clean(once.text)
    assert again.text == once.text and again.edits == []
    assert shape(again.articles) == shape(once.articles)


@pytest.mark.parametrize("path", _fixture_texts(), ids=lambda p: p.name)
def test_idempotent_on_every_fixture(path):
    once = cleaner.clean_file(path)
    again = cleaner.clean(once.text)
    assert again.text == once.text
    assert shape(again.articles) == shape(once.articles)


def test_idempotent_on_the_sample(sample_text):
    once = cleaner.clean(sample_text)
    again = cleaner.clean(once.text)
    assert again.text == once.text and again.edits == []
    assert shape(again.articles) == shape(once.articles)


def _scorer():
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip("../shared/eval is not available")
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod, json.loads((SHARED / "eval" / "seed_gold.json").read_text(encoding="utf-8"))


def _score(text):
    mod, gold = _scorer()
    out = [
        dict(type=r["type"], heading=[h for h in [r["title"], *r["subtitles"]] if h], paragraphs=r["paragraphs"],
             authors=r["authors"], byline=r["byline"])
        for r in (a.to_dict() for a in cleaner.clean(text).articles)
    ]
    return mod.score(gold, out), gold


def test_sample_headings_and_authors_are_exact_whatever_the_joins(sample_text):
    scores, gold = _score(sample_text)
    assert scores["heading_f1"] == 1.0
    assert scores["author_f1"] == 1.0
    # with the column breaks joined and the duplicate dropped (what rejoin and dedup will do)
    lines = sample_text.split("\n")
    joins = dict(gold["joins"])
    skip = {n for a, b in gold["joins"] for n in range(a + 1, b + 1)} | set(gold["removed_lines"])
    out = []
    for n in range(1, len(lines) + 1):
        if n in skip:
            out.append("") if n in gold["removed_lines"] else None
            continue
        line, k = lines[n - 1], n
        while k in joins:
            k = joins[k]
            line += lines[k - 1]
        out.append(line)
    scores, _ = _score("\n".join(out))
    assert scores["heading_f1"] == 1.0 and scores["author_f1"] == 1.0
    assert scores["paragraph_f1"] >= 0.97


def test_segment_alone_and_select_still_give_records():
    page = Pipeline(["segment"]).run("标题\n\n   本报讯（记者 张三）正文。   \n")
    assert page.articles[0].title == "标题" and page.articles[0].authors == ["张三"]
    assert page.text == "标题\n\n本报讯（记者 张三）正文。\n"
    assert (ROOT / "cleaner" / "schema.json").exists()


def test_caption_run_on_after_an_article_is_split_off_by_its_credit():
    text = (
        "河湖冰面变薄 市民切勿踏冰\n\n"
        "本报讯（通讯员 吕晓梅 记者 石磊）近日气温持续回升，城区河道、湖泊冰面逐渐变薄、融化，部分区域已出现裂缝，仍有个别市民带着孩子在冰面上行走、玩耍。\n\n"
        "公园管理处已在湖边设置警示牌和防护栏，并安排专人巡查劝导。公安、应急管理部门提醒，春季冰面承重能力明显下降，市民切勿在冰面上行走、滑冰、垂钓，家长要看护好孩子，远离河湖冰面，发现有人落水应立即求救。\n\n"
        "2月25日，在老城一家非遗工坊里，手艺人正在扎制传统花灯。\n\n"
        "元宵节将至，老城里的各式花灯吸引了大批市民和游客前来观赏。\n\n"
        "本报记者 樊小川\n"
    )
    page = cleaner.clean(text)
    art, cap = page.articles
    assert (art.type, art.authors, art.byline, len(art.paragraphs)) == ("article", ["吕晓梅", "石磊"], None, 2)
    assert (cap.type, cap.title, cap.authors, cap.byline) == ("caption", None, ["樊小川"], "本报记者 樊小川")
    assert cap.paragraphs[0].startswith("2月25日")
    assert [d.code for d in cap.diagnostics] == ["SG10"]
    # the same byline naming the dateline's reporter closes the article: nothing is split
    same = text.replace("本报记者 樊小川", "本报记者 石磊")
    assert [r.type for r in records(same)] == ["article"]


def test_column_names_above_a_title_are_labels():
    text = (
        "民生关注\n\n推动小杂粮产业提质增效\n\n省人大代表符建军建议\n\n"
        "小杂粮是我省的传统优势产业。全省两会期间，省人大代表符建军建议加大品牌培育力度，让“小杂粮”成为农民增收的“大产业”。\n\n"
        "本报记者 田野\n\n图片新闻\n\n代表委员议政录\n"
    )
    recs = records(text)
    assert [(r.type, r.title, r.subtitles) for r in recs] == [
        ("label", "民生关注", []),
        ("article", "推动小杂粮产业提质增效", ["省人大代表符建军建议"]),
        ("label", "图片新闻", []),
        ("label", "代表委员议政录", []),
    ]


def test_a_pages_section_name_alone_is_a_label():
    text = "体育\n\n省第二届青少年冰雪运动会闭幕\n\n本报讯（记者 柯岚）3月3日，为期5天的运动会在大同闭幕。\n"
    assert [(r.type, r.title, r.subtitles) for r in records(text)] == [
        ("label", "体育", []), ("article", "省第二届青少年冰雪运动会闭幕", []),
    ]


def test_a_column_name_not_in_the_list_above_a_title_is_a_label_with_one_blank_line():
    # one blank line everywhere (a hard-wrapped or CR-only page): the gap cannot set the name
    # apart, its shape does: a short noun phrase over a clearly longer headline of its own
    text = (
        "乡村振兴\n\n春耕备耕正当时\n\n本报讯（记者 郭建平）3月6日，阳高县大白登镇的万亩高标准农田里，几台大型拖拉机正来回穿梭。\n\n"
        "本报记者 郭建平\n\n理论与实践\n\n以高质量党建引领基层治理\n\n——平城区推进基层治理工作纪实\n\n"
        "近年来，平城区坚持以党建引领基层治理，推动资源向社区下沉，群众的获得感不断增强。\n\n"
        "公示\n\n大同市2026年市级骨干教师拟认定人员公示\n\n经个人申报、学校推荐，现将拟认定人员予以公示。\n"
    )
    page = cleaner.clean(text)
    assert [(r.type, r.title, r.subtitles) for r in page.articles] == [
        ("label", "乡村振兴", []), ("article", "春耕备耕正当时", []),
        ("label", "理论与实践", []), ("article", "以高质量党建引领基层治理", ["——平城区推进基层治理工作纪实"]),
        ("label", "公示", []), ("article", "大同市2026年市级骨干教师拟认定人员公示", []),
    ]
    assert cleaner.clean(page.text).text == page.text
    # hard-wrapped, the title and its subtitle in one block: the same records
    wrapped = "时代楷模\n\n三十年守着一方讲台\n——记灵丘县上寨镇中心小学教师刘玉兰\n\n　　本报讯（记者 杜晓丽）清晨六点半，\n灵丘县上寨镇中心小学的教室里已经亮起了灯。\n"
    assert [(r.type, r.title) for r in records(wrapped)] == [("label", "时代楷模"), ("article", "三十年守着一方讲台")]
    # two-line headlines stay whole: halves of about one length, a kicker with a mark, a short
    # title over a dash subtitle, and headlines under a column name with no text (a contents box)
    for heading in (["冰雪运动热", "点燃冬日经济", "——我省冰雪消费持续升温"], ["小巷里的暖心食堂", "老人吃饭不再难"],
                    ["好睡眠", "——写在世界睡眠日到来之际"], ["从“要我创业”到“我要创业”——", "返乡青年的致富路"]):
        page = cleaner.clean("\n\n".join(heading) + "\n\n本报讯（记者 柯岚）3月3日，记者在采访中了解到相关情况。\n")
        assert [(r.type, r.title) for r in page.articles] == [("article", heading[0])]
    box = "本期导读\n\n省委常委会召开会议\n\n春耕备耕全面展开\n"
    assert [r.type for r in records(box)] == ["label"]
    # a page that sets its records apart by wider gaps keeps a short kicker close over its title
    kicker = (
        "体育\n\n\n汾酒男篮主场险胜广厦\n\n本报讯（记者 温晓东）3月8日晚，山西汾酒男篮主场险胜浙江广厦。\n\n\n"
        "中甲联赛首轮\n\n太原队主场两球完胜青岛红狮\n\n本报讯（记者 温晓东）3月8日，中甲联赛首轮在太原开赛。\n"
    )
    page = cleaner.clean(kicker)
    assert [(r.type, r.title, r.subtitles) for r in page.articles] == [
        ("label", "体育", []), ("article", "汾酒男篮主场险胜广厦", []), ("article", "中甲联赛首轮", ["太原队主场两球完胜青岛红狮"]),
    ]
    assert cleaner.clean(page.text).text == page.text


def test_untitled_article_is_reported():
    text = "上一版转来的正文接着写，说明了事情的经过和结果，内容充实完整，篇幅也与一般稿件相当。\n\n下一篇标题\n\n本报讯（记者 王五）正文。\n"
    page = cleaner.clean(text)
    assert page.articles[0].title is None and page.articles[0].type == "article"
    assert [d.code for d in page.articles[0].diagnostics] == ["SG11"]
    assert page.articles[1].diagnostics == []


def test_a_lone_dateline_word_is_a_title():
    recs = records("新华社电\n\n新华社北京3月2日电（记者 吕思远）记者从国家林草局获悉，今年全国计划完成造林任务五千万亩以上。\n")
    assert recs[0].title == "新华社电" and recs[0].authors == ["吕思远"]


SEGMENT_ONLY = Pipeline(["segment"])
PIECES = [
    "寒冬暖举措", "温情润人心", "——访市政协委员李明", "市人大代表王刚建议", "民生关注", "图片新闻",
    "本报讯（记者 张三 实习生 李四）2月4日，活动在城区举行，吸引了众多市民参加。",
    "据新华社北京3月5日电（记者 吴九）会议开幕。",
    "本报记者 李雪峰", "（山西晋城市 秦卫东）", "本报记者 于宏振 摄",
    "华灯初上，市民游客在古城漫步。",
    "这是一段足够长的正文，讲述了事情的来龙去脉，内容充实完整，超过了小标题的长度限制，所以一定是正文段落。",
    "一段被分栏截断的正文，写到这里还没有写完，",
    "接着上一栏写完。", "（下转第4版）", "（上接第一版）", "一、加强组织领导", "\f", "   ", "2026年2月5日",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.integers(0, 3)), max_size=14))
def test_any_arrangement_cleans_to_a_fixpoint(parts):
    """The segment pass alone (other passes may find more to do once markers are gone)."""
    text = "".join(piece + "\n" * (1 + gap) for piece, gap in parts)
    once = SEGMENT_ONLY.run(text)
    again = SEGMENT_ONLY.run(once.text)
    assert again.text == once.text
    assert shape(again.articles) == shape(once.articles)
    assert cleaner.replay(once.source_text, once.edits) == once.text
    for rec in once.articles:
        assert rec.paragraphs == [b.text for b in rec.blocks if b.kind in ("paragraph", "dateline", "intertitle", "caption")]


def test_traditional_column_name_is_a_label_and_traditional_byline_is_a_byline():
    # a page cleaned without --convert keeps its traditional characters; structure is still read
    from cleaner.patterns import BYLINE_RE

    assert BYLINE_RE.match("本報記者 滕雪莉") and BYLINE_RE.match("本報記者 羅俊峯 實習生 焦雨菲")
    text = (
        "代表委員議政錄\n\n雨雪天氣 高速交警提醒安全出行\n\n"
        "本報訊（記者 汪曉蕾）連日來，全省出現大範圍雨雪天氣，高速交警部門提醒廣大駕駛人減速慢行。\n"
    )
    page = cleaner.clean(text)
    assert [(a.type, a.title) for a in page.articles] == [
        ("label", "代表委員議政錄"), ("article", "雨雪天氣 高速交警提醒安全出行"),
    ]


def test_a_credit_in_brackets_alone_closes_its_record_and_is_no_dateline():
    text = (
        "图片新闻\n\n"
        "3月4日，游客在南山公园樱花林中拍照留念。近日，该公园两千余株樱花次第绽放，吸引市民前来踏青。\n\n"
        "（新华社记者 孙晓东 摄）\n\n\n\n"
        "老旧小区加装电梯提速\n\n"
        "今年以来，城东街道已为12个老旧小区加装电梯23部，居民上下楼难的问题逐步得到解决。\n\n"
        "（记者 王五 通讯员 赵六）\n"
    )
    assert local_kind("（新华社记者 孙晓东 摄）") == "byline"
    assert local_kind("（记者 王五 通讯员 赵六）") == "byline"
    assert local_kind("本报讯（记者 王五）") == "dateline"  # a news-source formula still is one
    recs = records(text)
    assert [(r.type, r.title) for r in recs] == [("label", "图片新闻"), ("caption", None), ("article", "老旧小区加装电梯提速")]
    assert recs[1].byline == "（新华社记者 孙晓东 摄）" and recs[1].authors == ["孙晓东"]
    assert recs[2].byline == "（记者 王五 通讯员 赵六）" and recs[2].authors == ["王五", "赵六"]
    assert recs[2].dateline is None


def test_commentary_column_name_signature_and_author_note():
    text = (
        "今日谈\n\n让“小窗口”连着“大民生”\n\n陈立新\n\n"
        "开设一个社区食堂，独居老人吃饭不再犯愁；加装一部电梯，高层住户出门不再犯难。这些事不大，却件件连着百姓冷暖。\n\n"
        "民生工作没有终点，只有连续不断的新起点。期待更多地方在小事上下足绣花功夫。\n\n"
        "（作者系北方大学公共管理学院教授）\n\n\n\n"
        "人民论坛\n\n以实干笃定前行\n\n"
        "一分部署，九分落实。新的一年，各项任务已经明确，关键是一件一件抓落实、一年接着一年干。\n\n"
        "赵明远\n\n（作者单位：南江省社会科学院）\n"
    )
    recs = records(text)
    assert [(r.type, r.title, r.subtitles) for r in recs] == [
        ("label", "今日谈", []),
        ("article", "让“小窗口”连着“大民生”", []),
        ("label", "人民论坛", []),
        ("article", "以实干笃定前行", []),
    ]
    assert recs[1].authors == ["陈立新"] and recs[1].byline == "陈立新 （作者系北方大学公共管理学院教授）"
    assert recs[3].authors == ["赵明远"] and recs[3].byline == "赵明远 （作者单位：南江省社会科学院）"
    assert len(recs[1].paragraphs) == 2 and len(recs[3].paragraphs) == 1


def test_a_short_line_under_a_title_is_a_name_only_when_it_looks_like_one():
    # ``春雨`` (no family name) and a four-character phrase stay subtitles
    for line in ("春雨润心田", "王者归来了"):
        recs = records(f"老街迎来新变化\n\n{line}\n\n本报讯（记者 王五）近日，小城举办了一场文艺演出，吸引了众多市民前来观看。\n")
        assert recs[0].subtitles == [line] and recs[0].authors == ["王五"]


def test_kickers_over_a_title_a_dash_ended_one_and_a_long_spaced_one():
    text = (
        "从“要我创业”到“我要创业”——\n\n返乡青年成乡村振兴生力军\n\n"
        "走进南坪村的青年创客中心，直播间里主播正在推介当地的手工红薯粉条。三年前，这里还是一间闲置的村小学。\n\n\n\n"
        "全面贯彻落实党的二十届四中全会精神 坚定不移推进高质量发展 奋力谱写中国式现代化新篇章\n\n"
        "县域经济“挑大梁” 特色产业“唱主角”\n\n——来自我省县域经济发展一线的调查\n\n本报记者 韩冰\n\n"
        "县域强则省域强。去年，全省县域地区生产总值占全省比重达到52.6%，县域经济成为全省发展的重要支撑。\n"
    )
    page = cleaner.clean(text)
    recs = page.articles
    assert [(r.title, r.subtitles) for r in recs] == [
        ("从“要我创业”到“我要创业”——", ["返乡青年成乡村振兴生力军"]),
        ("全面贯彻落实党的二十届四中全会精神 坚定不移推进高质量发展 奋力谱写中国式现代化新篇章",
         ["县域经济“挑大梁” 特色产业“唱主角”", "——来自我省县域经济发展一线的调查"]),
    ]
    assert [len(r.paragraphs) for r in recs] == [1, 1]
    assert not [e for e in page.edits if e.code in ("RJ10", "PU09")]  # nothing joined, no space taken out
    assert cleaner.clean(page.text).text == page.text


def test_brief_items_titled_with_a_mark_are_records_and_an_intertitle_under_a_plain_title_is_not():
    briefs = (
        "社区快讯\n\n■老年助餐点增至46个\n\n本报讯 近日，东城区又有8个社区老年助餐点投入运营，全区助餐点增至46个。\n\n"
        "■“小巷管家”上岗\n\n西关街道从辖区居民中招募了120名“小巷管家”，负责巡查楼道、调解纠纷。\n"
    )
    assert [(r.type, r.title) for r in records(briefs)] == [
        ("label", "社区快讯"), ("article", "■老年助餐点增至46个"), ("article", "■“小巷管家”上岗"),
    ]
    article = (
        "老街改造让居民住得更舒心\n\n本报讯（记者 王五）近日，南关老街改造工程完工，居民生活条件明显改善。\n\n"
        "■改出新面貌\n\n青石路面重新铺就，沿街商铺陆续开门迎客，吸引了不少游客前来。\n"
    )
    recs = records(article)
    assert len(recs) == 1 and "■改出新面貌" in recs[0].paragraphs


def test_a_stray_space_inside_a_credit_does_not_cut_a_name_or_a_role():
    assert credits_in("（记者 刘 建军）") == [{"name": "刘建军", "role": "记者"}]
    assert credits_in("（通 讯员 张伟 记者 陈立）") == [{"name": "张伟", "role": "通讯员"}, {"name": "陈立", "role": "记者"}]
    assert credits_in("文/图 本报记者 钱伟") == [{"name": "钱伟", "role": "本报记者"}]
    assert [c["name"] for c in credits_in("（记者 邵明，远 实  习生 岑诗雨）")] == ["邵明远", "岑诗雨"]
    assert [c["name"] for c in credits_in("（记者 鲍文轩 实习生 仇；思琪）")] == ["鲍文轩", "仇思琪"]
    # a lost space between a name and the next role; a long run of text is no name
    assert credits_in("（记者盛嘉懿通讯员 罗晓峰）") == [{"name": "盛嘉懿", "role": "记者"}, {"name": "罗晓峰", "role": "通讯员"}]
    assert credits_in("记者从市消防救援支队获悉") == [] and not is_byline("记者从市消防救援支队获悉")
    assert credits_in("本报记者 阿依提拉·吾斯曼") == [{"name": "阿依提拉·吾斯曼", "role": "本报记者"}]
    assert credits_in("本报记者 于宏振 摄") == [{"name": "于宏振", "role": "本报记者"}]


def test_a_caption_with_its_credit_inline_after_an_article_is_its_own_record():
    text = (
        "城南新区重点项目全面复工\n\n"
        "本报讯（记者 钱伟）春节假期过后，城南新区38个市级重点项目全面复工，累计返岗工人超过1.2万人。\n\n"
        "为保障项目顺利推进，新区成立了项目服务专班，协调解决用工、用地、资金等问题46个。\n\n"
        "图为3月2日，工人在城南新区智能装备产业园项目工地绑扎钢筋。本报记者 赵磊 摄\n"
    )
    page = cleaner.clean(text)
    recs = page.articles
    assert [(r.type, r.title) for r in recs] == [("article", "城南新区重点项目全面复工"), ("caption", None)]
    assert recs[0].authors == ["钱伟"] and len(recs[0].paragraphs) == 2
    assert recs[1].authors == ["赵磊"] and recs[1].paragraphs[0].endswith("本报记者 赵磊 摄")
    again = cleaner.clean(page.text)
    assert again.text == page.text and shape(again.articles) == shape(recs)
    # a body paragraph that merely ends in a credit-like phrase stays
    plain = text.replace("图为3月2日，工人在", "工人在")
    assert [r.type for r in cleaner.clean(plain).articles] == ["article"]


def test_a_caption_with_its_credit_in_brackets_xinhua_style():
    caption = "3月8日，游客在太原古县城参观灯展。（新华社记者 杨晨光 摄）"
    # after an article: its own record, crediting the photographer
    text = "春耕时节农事忙\n\n本报讯（记者 马林）连日来，各地抢抓农时，田间地头一派繁忙景象。\n\n\n" + caption + "\n"
    recs = cleaner.clean(text).articles
    assert [(r.type, r.title, r.authors) for r in recs] == [
        ("article", "春耕时节农事忙", ["马林"]), ("caption", None, ["杨晨光"])]
    # under a column name: a label and a caption, not an article titled 图片新闻
    recs = cleaner.clean("图片新闻\n\n" + caption + "\n").articles
    assert [(r.type, r.title, r.authors) for r in recs] == [("label", "图片新闻", []), ("caption", None, ["杨晨光"])]


def test_a_split_caption_starts_at_its_date_not_at_the_short_paragraph_before_it():
    text = (
        "老旧小区加装电梯今年再增300部\n\n"
        "本报讯（记者 华晓雯）记者3月3日从市住建局了解到，今年我市计划为老旧小区加装电梯300部，比去年增加五成。\n\n"
        "市住建局还将对已投用电梯开展定期安全检测，确保电梯用得好、管得住。\n\n"
        "3月5日，志愿者在柳巷社区为老年人免费测量血压。\n\n本报记者 秦朗 摄\n"
    )
    art, cap = cleaner.clean(text).articles
    assert art.paragraphs[-1] == "市住建局还将对已投用电梯开展定期安全检测，确保电梯用得好、管得住。"
    assert (cap.type, cap.paragraphs, cap.authors) == ("caption", ["3月5日，志愿者在柳巷社区为老年人免费测量血压。"], ["秦朗"])


def test_a_split_caption_does_not_take_a_paragraph_twice_as_long_as_its_last():
    text = (
        "夜游经济点亮古城\n\n本报讯（记者 华晓雯）今年以来，我市推出夜游线路12条，带动夜间消费持续增长，"
        "古城街区客流同比增长三成以上。\n\n"
        "省文旅厅相关负责人表示，将进一步完善街区配套服务设施，丰富夜间消费场景，推动文旅消费提质扩容。\n\n"
        "游客在太原钟楼街夜游打卡。\n\n本报记者 秦朗 摄\n"
    )
    art, cap = cleaner.clean(text).articles
    assert art.paragraphs[-1].startswith("省文旅厅相关负责人表示") and cap.paragraphs == ["游客在太原钟楼街夜游打卡。"]


def test_a_caption_of_two_paragraphs_without_a_date_keeps_both():
    # as on the real sample page: ``华灯初上，…`` / ``春节临近，…`` / ``本报记者 于宏振``
    text = (
        "古城灯会迎客来\n\n"
        "本报讯（记者 丁亚琴）近日，古城灯会开幕，吸引了大批市民和外地游客前来观赏，各大景区人气持续攀升。\n\n"
        "华灯初上，漫步在鼓楼东街的市民、游客感受着浓浓的年味。\n\n"
        "春节临近，古城内游客数量显著增长，街巷处处张灯结彩。\n\n本报记者 于宏振\n"
    )
    art, cap = cleaner.clean(text).articles
    assert len(art.paragraphs) == 1 and cap.type == "caption" and len(cap.paragraphs) == 2


def test_a_photo_credited_to_the_articles_own_reporter_is_split_off():
    text = (
        "太原地铁2号线北延段开通试运营\n\n"
        "本报讯（记者 梁静 通讯员 范志强）4月16日上午9时，太原地铁2号线北延段开通试运营。\n\n"
        "乘客在太原地铁2号线北延段列车内乘车。\n\n本报记者 梁静 摄\n"
    )
    recs = cleaner.clean(text).articles
    assert [(r.type, r.authors, r.byline) for r in recs] == [
        ("article", ["梁静", "范志强"], None), ("caption", ["梁静"], "本报记者 梁静 摄")]
    # without the dateline the short record is one captioned photo, title and all
    photo = cleaner.clean(text.replace("本报讯（记者 梁静 通讯员 范志强）", "")).articles
    assert [r.type for r in photo] == ["caption"]
    # a byline under the title credits a short article as a dateline does
    bylined = "春耕时节田间忙\n\n本报记者 李雪峰\n\n眼下正值春耕时节，田间地头一派繁忙景象。\n\n图为农民在田间驾驶拖拉机进行翻耕作业。\n\n本报记者 赵磊 摄\n"
    recs = cleaner.clean(bylined).articles
    assert [(r.type, r.title, r.authors) for r in recs] == [("article", "春耕时节田间忙", ["李雪峰"]), ("caption", None, ["赵磊"])]


def test_a_bare_signature_on_a_page_with_one_blank_line_everywhere():
    text = (
        "让“银发经济”成色更足\n\n让老年人生活得更有品质，是全社会的共同责任。银发经济才能行稳致远。\n\n周文涛\n\n"
        "“小切口”撬动“大民生”\n\n走进城东街道的便民生活圈，早餐店、修鞋铺一应俱全。\n\n孟凡\n"
    )
    recs = cleaner.clean(text).articles
    assert [(r.title, r.subtitles, r.byline) for r in recs] == [
        ("让“银发经济”成色更足", [], "周文涛"), ("“小切口”撬动“大民生”", [], "孟凡")]


def test_a_notices_closing_lines_stay_in_the_notice():
    text = (
        "关于做好春季森林防火工作的通告\n\n为切实做好我市春季森林防火工作，现就有关事项通告如下：\n\n"
        "一、本通告自发布之日起施行。\n\n森林火情报警电话：12119\n\n太原市人民政府\n2026年2月26日\n"
    )
    [notice] = cleaner.clean(text).articles
    assert notice.paragraphs[-3:] == ["森林火情报警电话：12119", "太原市人民政府", "2026年2月26日"]
    # a court's notice dates itself in words: the issuer and date were split off as a label
    court = ("太原市迎泽区人民法院公告\n\n本案定于2026年6月18日上午9时在本院第六法庭公开开庭审理，逾期不到庭，"
             "本院将依法缺席判决。\n\n特此公告。\n\n太原市迎泽区人民法院\n\n二〇二六年三月十日\n")
    [notice] = cleaner.clean(court).articles
    assert notice.paragraphs[-3:] == ["特此公告。", "太原市迎泽区人民法院", "二〇二六年三月十日"]
    report = "全省天气预报\n\n3月2日夜间到3日白天，全省大部地区晴转多云，北部山区有小雪。\n\n（省气象台3月2日17时发布）\n"
    [forecast] = cleaner.clean(report).articles
    assert forecast.paragraphs[-1] == "（省气象台3月2日17时发布）"
    # a title over a dateline after a story is still the next story's title
    two = report + "\n\n市政府召开常务会议\n\n本报讯（记者 王五）3月2日，市政府召开常务会议。\n"
    assert [r.title for r in cleaner.clean(two).articles] == ["全省天气预报", "市政府召开常务会议"]


@pytest.mark.parametrize("issuer", ["大同市 城市建设投资集团有限公司", "大同市城市建设投资集团有限 公司", "大同市教　育局"])
def test_a_notices_issuer_with_a_stray_space_stays_in_the_notice_and_loses_the_space(issuer):
    # OCR's one stray space made the issuer a heading: a new article titled by it, the date its text
    text = (
        "招聘公告\n\n现将有关事项公告如下：\n\n一、招聘岗位：工程管理岗5名，财务会计岗3名。\n\n"
        f"二、报名时间：2026年3月10日至3月16日。\n\n{issuer}\n\n2026年3月6日\n"
    )
    page = cleaner.clean(text)
    [notice] = page.articles
    assert notice.paragraphs[-2:] == ["".join(issuer.split()), "2026年3月6日"]
    assert cleaner.clean(page.text).text == page.text
    # hard-wrapped, the issuer and the date one block: the same
    [notice] = cleaner.clean(text.replace(f"{issuer}\n\n", f"{issuer}\n")).articles
    assert notice.paragraphs[-2:] == ["".join(issuer.split()), "2026年3月6日"]
    # with the space kept (PU09 off), segment still reads it as the issuer
    [notice] = cleaner.clean(text, ignore=["PU09"]).articles
    assert notice.paragraphs[-2:] == [issuer, "2026年3月6日"]


def test_xia_jie_is_a_jump_marker_too():
    text = "老街迎来新变化\n\n本报讯（记者 王五）近日，南关老街改造工程完工，居民生活条件明显改善。（下接第2版）\n"
    page = cleaner.clean(text)
    assert "下接" not in page.text and page.articles[0].extra["continued_on"] == 2


def test_traditional_credits_on_an_unconverted_page_are_bylines():
    assert local_kind("新華社記者 詹一鳴 攝") == "byline" and local_kind("本報記者 殷夢琪") == "byline"
    text = "晉城馬拉松報名人數創新高\n\n本報訊（記者 薛子墨）記者從賽事組委會獲悉，報名人數創新高。\n\n本報記者 殷夢琪\n"
    recs = records(text, convert__simplify_stray=False)
    assert recs[0].byline == "本報記者 殷夢琪" and recs[0].title == "晉城馬拉松報名人數創新高"


def test_a_long_kicker_with_a_stray_space_inside_a_phrase_is_still_a_heading():
    kicker = "全面贯彻落实党的 二十届  四中全会精神 坚定不移推进高质量发展 奋力谱写中国式现代化新篇章"
    text = f"{kicker}\n\n县域经济“挑大梁” 特色产业“唱主角”\n\n本报记者 韩冰\n\n县域强则省域强。去年，全省县域经济持续壮大，成为全省发展的重要支撑。\n"
    page = cleaner.clean(text)
    assert page.articles[0].title == kicker and kicker in page.text


def test_a_wrapped_inline_photo_credit_and_the_label_after_it():
    text = (
        "城南新区重点项目全面复工\n"
        "　　本报讯（记者 钱伟）春节假期过后，\n城南新区38个市级重点项目全面复工，累\n计返岗工人超过1.2万人。\n"
        "　　为保障项目顺利推进，新区成立了项目\n服务专班，协调解决用工、用地、资金等\n问题46个。\n\n"
        "　　图为3月2日，工人在城南新区智能装\n备产业园项目工地绑扎钢筋。本报记者 赵\n磊 摄\n\n"
        "图片新闻\n\n"
        "　　3月4日，游客在南山公园樱花林中拍\n照留念。近日，该公园樱花次第绽放。\n（新华社记者 孙晓东 摄）\n"
    )
    recs = records(text)
    assert [(r.type, r.title) for r in recs] == [
        ("article", "城南新区重点项目全面复工"), ("caption", None), ("label", "图片新闻"), ("caption", None),
    ]
    assert recs[1].authors == ["赵磊"] and recs[1].paragraphs[0].endswith("本报记者 赵磊 摄")
    assert recs[3].authors == ["孙晓东"]


@pytest.mark.parametrize("prompt", ["扫码看视频", "扫一扫 看更多", "▲扫码看视频", "扫描二维码 关注我们"])
def test_a_scan_code_prompt_above_a_title_is_a_label_not_the_title(prompt):
    page = cleaner.clean(f"{prompt}\n\n城郊菜园迎来春播\n\n本报讯（记者 韩雪松）连日来，东关镇的菜农们忙着翻地、育苗。\n")
    assert [(a.type, a.title) for a in page.articles] == [("label", prompt), ("article", "城郊菜园迎来春播")]
    assert page.articles[1].authors == ["韩雪松"]


def test_a_table_set_as_text_stays_in_its_article_header_and_rows_apart():
    text = (
        "蔬菜价格平稳回落\n\n本报讯（记者 韩雪松）本周全市蔬菜批发价格继续回落，主要品种如下。\n\n"
        "品种　　价格（元/斤）　　涨跌\n白菜　　1.2　　↓0.1\n土豆　　1.5　　↑0.2\n\n"
        "下一步，市场监管部门将继续加强价格监测。\n"
    )
    [art] = cleaner.clean(text).articles
    assert art.title == "蔬菜价格平稳回落"
    assert art.paragraphs[1:4] == ["品种　　价格（元/斤）　　涨跌", "白菜　　1.2　　↓0.1", "土豆　　1.5　　↑0.2"]


@pytest.mark.parametrize("junk", ["1 1", "c", "DATONG DAILY"])
def test_a_block_without_a_han_character_is_never_a_title(junk):
    text = f"城郊菜园迎来春播\n\n本报讯（记者 韩雪松）连日来，东关镇的菜农们忙着翻地、育苗。\n\n{junk}\n\n春节后企业集中复工复产。\n\n本报记者 韩雪松\n"
    page = cleaner.clean(text)
    assert [a.title for a in page.articles] == ["城郊菜园迎来春播"]
    [art] = page.articles
    assert art.paragraphs[-1] == "春节后企业集中复工复产。" and art.authors == ["韩雪松"]  # not glued to the junk


@pytest.mark.parametrize("signature, author", [
    ("郭 秀英", "郭秀英"),  # a name alone under the title, a stray space after the surname
    ("郭秀　英", "郭秀英"),
])
def test_a_signature_with_a_stray_space_is_still_the_author(signature, author):
    text = (f"老屋的窗\n\n{signature}\n\n老家的屋子是爷爷年轻时盖的，土坯墙，青瓦顶，朝南开着两扇木格子窗。\n\n"
            "去年清明回乡，老屋已经空了多年。窗外，那棵枣树竟又抽出了新芽。\n")
    (rec,) = cleaner.clean(text).articles
    assert (rec.title, rec.subtitles, rec.authors) == ("老屋的窗", [], [author])
    assert len(rec.paragraphs) == 2


def test_a_readers_signature_with_a_stray_space_names_the_reader():
    text = ("为公交司机点赞\n\n3月4日傍晚，我乘坐1路公交车回家。一位老人突然晕倒在车厢里，司机立即停车拨打急救电话。\n\n"
            "在此，我想对他说一声：谢谢您！\n\n（太原市杏花岭区 韦 丽华）\n")
    (rec,) = cleaner.clean(text).articles
    assert (rec.type, rec.title, rec.authors) == ("article", "为公交司机点赞", ["韦丽华"])
    assert rec.paragraphs[-1] == "在此，我想对他说一声：谢谢您！"


def test_credits_read_through_a_stray_space_after_the_papers_name():
    # ``本报 评论员`` signs a commentary; ``本报 记者 梁凯 摄`` credits a photo: 本报 is no one's name
    text = ("以实干实绩开创高质量发展新局面\n\n——一论贯彻落实全省两会精神\n\n本报 评论员\n\n"
            "春回大地，万象更新。全省两会胜利闭幕，描绘了今后一个时期全省经济社会发展的宏伟蓝图。\n")
    (rec,) = cleaner.clean(text).articles
    assert (rec.subtitles, rec.byline, rec.authors) == (["——一论贯彻落实全省两会精神"], "本报 评论员", [])
    photo = "图片新闻\n\n3月9日，游客在晋祠公园赏玉兰花。\n\n本报 记者 梁凯 摄\n"
    assert [a.authors for a in cleaner.clean(photo).articles if a.type == "caption"] == [["梁凯"]]


def test_a_note_on_the_author_names_no_one_even_with_a_stray_space():
    text = ("一盏灯下读《红楼》\n\n梁晓峰\n\n第一次读《红楼梦》，是在初二的寒假。那时家里还常停电。\n\n"
            "书还是那本书，读书的人却变了。\n\n（作者系晋中学院文学 院副教授）\n")
    (rec,) = cleaner.clean(text).articles
    assert rec.authors == ["梁晓峰"]
    # ... but names its author when it ends on the name, set apart (a commentary's byline)
    signed = ("数字乡村建设要防止“重建轻用”\n\n数字乡村建设，关键在用。一些地方平台建起来了，却少有人用。\n\n"
              "（作者系省农业科学院研究员 黄立群）\n")
    assert cleaner.clean(signed).articles[0].authors == ["黄立群"]


def test_a_poem_under_its_title_and_poet_is_an_article_with_the_lines_as_paragraphs():
    # each line reads as a heading: the poem became a label whose subtitles were the poet and lines
    lines = ["柳梢上的风", "还带着去年的凉", "燕子从南方捎来口信", "说桃花已经在路上"]
    text = "副刊\n\n\n写给春天（组诗）\n\n韩冰\n\n" + "\n\n".join(lines) + "\n"
    poem = cleaner.clean(text).articles[-1]
    assert (poem.type, poem.title, poem.authors, poem.paragraphs) == ("article", "写给春天（组诗）", ["韩冰"], lines)
    # a contents box (headlines under a label, no poet over them) stays a label's lines
    box = "本期导读\n\n省委常委会召开会议\n\n春耕备耕全面展开\n\n全省两会胜利闭幕\n\n文旅消费持续升温\n"
    assert [a.type for a in cleaner.clean(box).articles] == ["label"]


def test_a_readers_letter_has_its_question_title_and_its_addressee_line():
    text = ("读者来信\n\n\n小区充电桩何时能装上？\n\n编辑同志：\n\n我家住在小店区康宁街某小区，共有住户860余户。"
            "小区地下车库至今没有一个充电桩。\n\n希望有关部门能够协调解决。\n\n（太原市小店区 孔德明）\n")
    label, letter = cleaner.clean(text).articles
    assert (label.type, label.title) == ("label", "读者来信")
    assert (letter.title, letter.authors, letter.paragraphs[0]) == ("小区充电桩何时能装上？", ["孔德明"], "编辑同志：")
    # a closing question over the signature is still text (``…不值得深思吗？`` / ``编辑同志：`` never follows it)
    closing = "秸秆还田\n\n本报讯（记者 王五）秸秆还田好处多。这难道不值得深思吗？\n\n本报记者 王五\n"
    assert [a.title for a in cleaner.clean(closing).articles] == ["秸秆还田"]


def test_a_title_over_a_wide_gap_is_the_title_of_an_article_that_ends_on_a_photo_caption():
    """The title-less record under the gap ended on a captioned photo: judged whole, it read as a
    caption and the title as a label over it; the next clean, with the caption apart, made the
    title the article's (fuzz seed 101). The caption is parted first now, on the first clean."""
    text = (
        "街角修补摊回来了\n\n\n"
        "修鞋、配钥匙、改裤脚、换拉链，这些看似不起眼的小修小补，却与群众日常生活息息相关。近年来，随着老旧街区改造和"
        "城市管理标准提升，一些流动修补摊点逐渐消失，不少居民感叹想修个东西跑遍半条街也找不到地方。\n\n"
        "今年以来，城东区在社区服务中心、农贸市场等人流集中区域划定固定点位，统一设置便民服务亭，对从业人员给予租金减免，"
        "既让手艺人安心经营，又让市容市貌整洁有序，居民的小修小补有了固定去处。\n\n"
        "3月28日，居民在便民服务亭修补雨伞。\n\n本报记者 韩晓峰 摄\n"
    )
    page = cleaner.clean(text)
    art, cap = page.articles
    assert (art.type, art.title, len(art.paragraphs), art.byline) == ("article", "街角修补摊回来了", 2, None)
    assert (cap.type, cap.paragraphs, cap.byline) == ("caption", ["3月28日，居民在便民服务亭修补雨伞。"], "本报记者 韩晓峰 摄")
    assert cleaner.clean(page.text).text == page.text


def test_blank_lines_that_say_nothing_do_not_part_a_story():
    # every gap one to three blank lines at random: a title from its subtitle, a dateline from
    # its title, a byline from its paragraph; headings, datelines and bylines tell the records
    text = (
        "大棚蔬菜“出村进城”记\n\n\n——清徐县发展订单农业见闻\n\n\n\n"
        "本报讯（记者 滕雪莉）凌晨4点，清徐县孟封镇的蔬菜大棚里已经亮起了灯。\n\n"
        "订单农业让菜农心里有了底，合作社今年计划再发展订单面积800亩。\n\n\n本报记者 滕雪莉\n\n"
        "社区运动会“跑”出邻里情\n\n\n"
        "本报讯（记者 龙浩然）3月8日，小店区龙城街道首届社区邻里运动会开幕。\n\n\n\n"
        "比赛现场欢声笑语不断，600余名居民参加了8个项目的比赛。\n\n\n本报记者 龙浩然\n"
    )
    got = [(a.title, a.subtitles, len(a.paragraphs), a.byline) for a in records(text)]
    assert got == [
        ("大棚蔬菜“出村进城”记", ["——清徐县发展订单农业见闻"], 2, "本报记者 滕雪莉"),
        ("社区运动会“跑”出邻里情", [], 2, "本报记者 龙浩然"),
    ]
    # and cleaning the output again keeps those records
    once = cleaner.clean(text).text
    assert cleaner.clean(once).text == once
