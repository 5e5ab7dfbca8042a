"""Rejoining paragraphs that columns and hard wrapping broke apart (RJ rules)."""
from __future__ import annotations

import pytest

import cleaner
from cleaner.edits import replay
from cleaner.passes.rejoin import _joiner, _measure, _measures, block_kind

# --- the real sample page ------------------------------------------------------------------------

#: the 14 column breaks of the sample page: (last line of the piece before, first line of the next)
SAMPLE_BREAKS = {
    (15, 17), (21, 23), (45, 47), (59, 61), (73, 75), (94, 96), (104, 106),
    (106, 108), (108, 110), (120, 122), (122, 124), (134, 136), (136, 138), (148, 150),
}
#: breaks that must stay: a two-line title, a title over its subtitle, headings over datelines,
#: paragraphs over bylines, bylines over the next title, the label over a caption, caption
#: lines, and a paragraph over one whose start was lost
SAMPLE_KEEPS = {
    (51, 53), (53, 55), (37, 39), (39, 41), (29, 31), (100, 102), (102, 104), (110, 112),
    (112, 114), (124, 126), (126, 128), (138, 140), (150, 152), (152, 154), (154, 158),
    (158, 160), (160, 162), (118, 120), (144, 146), (130, 132), (86, 88),
}


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _joins(page: cleaner.Page) -> set[tuple[int, int]]:
    """(line before, line after) of every RJ10 join, from the edit's source span."""
    src = page.source_text
    return {(e.line, _line(src, e.source[1])) for e in page.edits if e.code == "RJ10"}


def test_sample_page_joins_its_fourteen_column_breaks(sample_text):
    page = cleaner.clean(sample_text)
    joins = _joins(page)
    assert joins == SAMPLE_BREAKS
    assert not joins & SAMPLE_KEEPS
    paragraphs = [p for a in page.articles for p in a.paragraphs]
    assert "今年是中国共产党成立105周年，是“十五五”开局之年。" in paragraphs
    assert any(p.startswith("此次药品集采采购周期为2026年1月31日至2027年12月31日。市医保局要求，") for p in paragraphs)
    # the chain 104 -> 106 -> 108 -> 110 is one paragraph
    chain = [p for p in paragraphs if "深化全方位转型注入强劲动能" in p]
    assert len(chain) == 1 and "战略的核心支点" in chain[0] and "要素时，优先保障" in chain[0]
    assert any("提升市场适配度。对标世界先进" in p for p in paragraphs)


REJOIN_PASSES = ["unicode", "whitespace", "wrap", "rejoin"]


def test_sample_page_keeps_headings_bylines_captions_and_the_lost_start(sample_text):
    page = cleaner.clean(sample_text, passes=REJOIN_PASSES)
    blocks = [b for b in page.text.split("\n") if b.strip()]
    for own in ("寒冬暖举措", "温情润人心", "31个品种执行团购价", "本报记者 李雪峰", "全省两会专访", "本报记者 于宏振"):
        assert own in blocks
    assert any(x.startswith("足、扶持政策不均") for x in blocks)
    assert any(x.startswith("华灯初上，漫步在鼓楼东街") for x in blocks)
    assert any(x.startswith("本报讯（记者 锦秀）近日") for x in blocks)
    lost = {d.line for d in page.diagnostics if d.code == "RJ20"}
    assert 120 in lost and 146 in lost  # reported where the lost start is, and not glued
    assert not lost & {31, 41, 55, 104, 118, 132, 158}


def test_sample_page_has_no_wrap_joins_replays_and_is_stable(sample_text):
    page = cleaner.clean(sample_text)
    assert not [e for e in page.edits if e.code == "RJ01"]
    assert replay(page.source_text, page.edits) == page.text
    once = cleaner.clean(sample_text, passes=REJOIN_PASSES).text
    again = cleaner.clean(once, passes=REJOIN_PASSES)
    assert again.text == once and again.edits == []


# --- invented blank-line pages ---------------------------------------------------------------------

def _paras(text: str) -> list[str]:
    """The blocks the rejoin passes leave (no segmenting: what is tested is theirs alone)."""
    return [b for b in cleaner.clean(text, passes=REJOIN_PASSES).text.split("\n") if b]


def test_block_ending_mid_clause_or_mid_word_is_joined_to_body_text():
    text = (
        "春耕备耕正当时\n\n"
        "本报讯（记者 林晓月）连日来，全县各乡镇抢抓农时，组织农机具检修、\n\n"
        "农资调运和技术培训。县农业农村局已调运化肥两千余吨，确保农户\n\n"
        "用肥需求。\n"
    )
    assert _paras(text) == [
        "春耕备耕正当时",
        "本报讯（记者 林晓月）连日来，全县各乡镇抢抓农时，组织农机具检修、农资调运和技术培训。县农业农村局已调运化肥两千余吨，确保农户用肥需求。",
    ]


@pytest.mark.parametrize(
    "blocks",
    [
        # a title in two parts around a colon, over its lead (at the page start and under a label)
        ["读书：在经典中涵养精神", "书香润泽人生，阅读点亮未来。近日，由市委宣传部主办的系列活动在市图书馆启动。"],
        ["文化", "读书：在经典中涵养精神", "书香润泽人生，阅读点亮未来。近日，由市委宣传部主办的系列活动在市图书馆启动。"],
        # an English sentence ends inside Chinese quotes
        ["文章援引业内人士的话说：“Chinese EVs are no longer a curiosity; they are a serious competitor.”",
         "数据显示，2025年我国新能源汽车出口量达到230万辆，同比增长38.2%。"],
        # a column label over bulleted briefs, after an article
        ["“老街变新了，可老味道还在。”一位游客说。", "简讯",
         "●3月5日，市体育中心举行“全民健身月”启动仪式，市民代表以3∶2的比分赢得了一场友谊篮球赛。",
         "●市交通运输局发布通知，自9月1日0时起推行刷卡优惠。"],
        # a lone page number mid-page is never glued onto the date that opens the next block
        ["清明假期4天，全国铁路累计发送旅客5136.2万人次。", "7", "4月6日，旅客在北京南站候车。"],
    ],
)
def test_blocks_that_end_no_paragraph_stay_apart(blocks):
    assert _paras("\n\n".join(blocks) + "\n") == blocks


def test_a_title_cut_inside_its_quotes_is_one_title_over_its_lead():
    text = "“小切口”撬动“大\n民生”\n\n走进城东街道的“15分钟便民生活圈”，早餐店、修鞋铺、社区食堂一应俱全。\n"
    page = cleaner.clean(text)
    assert [(r.title, r.paragraphs) for r in page.articles] == [
        ("“小切口”撬动“大民生”", ["走进城东街道的“15分钟便民生活圈”，早餐店、修鞋铺、社区食堂一应俱全。"])]
    assert cleaner.clean(page.text).edits == []
    # a paragraph's piece with an open quote after a title still joins on
    body = "相关负责人表示：“下一步将继续\n\n推进老旧小区改造，让群众住得更舒心。”\n"
    assert _paras("老旧小区焕新颜\n\n" + body) == [
        "老旧小区焕新颜", "相关负责人表示：“下一步将继续推进老旧小区改造，让群众住得更舒心。”"]


@pytest.mark.parametrize(
    "rows",
    [
        ["1. 王建华  市第一人民医院  主任医师", "2. 刘晓梅  迎泽区柳巷街道  社区党委书记",
         "3. 张国栋  太原重工股份有限公司  高级技师", "4. 赵慧芳  小店区北格镇  种植大户"],
        ["上海海港 3∶1 天津津门虎", "北京国安 2∶2 成都蓉城", "山东泰山 1∶0 武汉三镇"],
        ["太原  晴转多云  -3℃～9℃  北风2级", "大同  小雪转多云  -11℃～2℃  西北风3～4级", "长治  多云  -5℃～8℃  南风2级"],
        # (cells apart by one ideographic space: a one-character cell lost its gap, ``长治晴``)
        ["太原　晴转多云　-2℃～12℃　西北风3～4级", "长治　晴　-1℃～14℃　南风2～3级", "临汾　阴　0℃～11℃　东风2级"],
        ["①通过“晋医保”微信小程序缴纳；", "②到各商业银行网点柜台缴纳；", "③到社区服务中心窗口缴纳。"],
    ],
)
def test_table_rows_and_numbered_items_keep_their_lines_and_spaces(rows):
    # rows set line under line, as wide as each other: not a hard-wrapped paragraph
    text = "拟表彰人选公示\n\n现将有关情况公示如下，公示期为7天：\n\n" + "\n".join(rows) + "\n\n公示期间如有异议，可向市总工会反映。\n"
    page = cleaner.clean(text)
    assert page.text.split("\n\n")[2:-1] == rows
    assert page.articles[0].paragraphs[1:-1] == rows
    assert cleaner.clean(page.text).edits == []


def test_verse_keeps_its_lines_and_its_width_does_not_wrap_the_page():
    # a modern poem (short lines, no punctuation) over an essay: the poem's lines stay lines, and
    # its width is no column, so the essay's title and author stay apart
    poem = ["风从冈底斯山吹来", "经幡一遍遍念着", "我听不懂的经文"]
    text = (
        "在雪线之上\n孟繁星\n\n" + "\n".join(poem) + "\n\n\n老屋门前的枣树\n王秀云\n\n"
        "老屋门前有一棵枣树，是祖父年轻时栽下的。每年五月，枣花开得细碎，香气却浓。\n\n"
        "我站在树下，忽然想起杜甫的诗句：\n\n堂前扑枣任西邻，\n无食无儿一妇人。\n\n原来，一棵树记得的事，比人还多。\n"
    )
    page = cleaner.clean(text)
    assert all(f"\n{line}\n" in page.text for line in poem)
    essay = page.articles[-1]
    assert (essay.title, essay.authors) == ("老屋门前的枣树", ["王秀云"])
    assert cleaner.clean(page.text).edits == []


def test_a_bare_beijing_dateline_joins_its_paragraph():
    text = "社区食堂开张\n\n本报北京3月3日电\n\n记者从民政部获悉，全国社区食堂已超过3万家。\n"
    assert _paras(text) == ["社区食堂开张", "本报北京3月3日电 记者从民政部获悉，全国社区食堂已超过3万家。"]


def test_two_heading_lines_and_heading_over_dateline_stay_apart():
    text = (
        "老街焕新颜\n\n"
        "烟火气更浓\n\n"
        "本报讯（记者 王雨晴）近日，东关街改造完工，沿街商铺陆续开门迎客。\n\n"
        "本报记者 王雨晴\n"
    )
    page = cleaner.clean(text)
    assert not [e for e in page.edits if e.code == "RJ10"]
    assert _paras(text) == [b for b in text.split("\n") if b]


def test_lost_paragraph_start_is_reported_and_not_glued():
    text = (
        "本报讯（记者 贾婷）全市今年将改造老旧小区一百二十个，惠及居民三万余户。\n\n"
        "足、资金来源单一等问题，部分小区改造进度偏慢。\n\n"
        "，确保年底前全部完工。\n"
    )
    page = cleaner.clean(text)
    assert not [e for e in page.edits if e.code == "RJ10"]
    assert [(d.code, d.line) for d in page.diagnostics if d.code == "RJ20"] == [("RJ20", 3), ("RJ20", 5)]


def test_unclosed_quote_joins_across_a_full_stop():
    text = (
        "“以前下雨天出门得穿雨靴，现在路平了、灯亮了。\n\n"
        "晚上出来遛弯的人也多了。”居民赵桂兰说。\n\n"
        "“我们还要继续努力。\n\n"
        "“下一步，社区将增设路灯。”社区书记说。\n"
    )
    paras = _paras(text)
    assert paras[0] == "“以前下雨天出门得穿雨靴，现在路平了、灯亮了。晚上出来遛弯的人也多了。”居民赵桂兰说。"
    # a block that opens a new quotation starts a paragraph (multi-paragraph quotations)
    assert paras[1:] == ["“我们还要继续努力。", "“下一步，社区将增设路灯。”社区书记说。"]


def test_unclosed_book_title_bracket_joins():
    text = "本报记者日前以《文兴\n\n路路牌倾倒》为题作了报道，相关部门迅速行动，及时扶正倾倒路牌并加固基座。\n"
    assert _paras(text) == ["本报记者日前以《文兴路路牌倾倒》为题作了报道，相关部门迅速行动，及时扶正倾倒路牌并加固基座。"]


def test_chain_of_three_pieces_is_one_paragraph_and_each_join_is_logged():
    text = (
        "据介绍，新建服务设施将因地制宜融入当地文化元素，驿站内设置休息区、母婴室、充电\n\n"
        "桩等设施，为过往群众提供便利。目前，首批十二座驿站已完成选址，预计今年六月底前建成投\n\n"
        "用，其余驿站将在年内陆续开工。\n"
    )
    page = cleaner.clean(text)
    joins = [e for e in page.edits if e.code == "RJ10"]
    assert [(e.line, _line(text, e.source[1])) for e in joins] == [(1, 3), (3, 5)]
    assert all("“" in e.note and "+" in e.note for e in joins)  # the note quotes both sides
    assert page.text.count("\n\n") == 0 and "充电桩等设施" in page.text and "建成投用，其余" in page.text


def test_unfinished_paragraph_before_a_byline_is_reported_not_joined():
    text = "本报讯（记者 吕晨）近日，一百二十辆新能源公交车投入运营，覆盖十八条线路，\n\n本报记者 吕晨\n"
    page = cleaner.clean(text)
    assert not [e for e in page.edits if e.code == "RJ10"]
    assert [d.code for d in page.diagnostics if d.code.startswith("RJ")] == ["RJ11"]


def test_jump_marker_is_never_joined():
    text = "记者在该处看到，大量泡沫箱、生活垃圾堆在一坑内，附近居民希望相关部门尽快\n\n（下转第4版）\n"
    page = cleaner.clean(text)
    assert not [e for e in page.edits if e.code == "RJ10"]


def test_latin_words_keep_their_space_and_lose_the_hyphen_across_a_column_break():
    text = (
        "据介绍，该企业去年投入资金三千万元，建设数字化车间、引入 machine\n\n"
        "learning 技术优化排产，推动生产线 trans-\n\n"
        "formation 升级，效率明显提升。\n"
    )
    assert _paras(text) == [
        "据介绍，该企业去年投入资金三千万元，建设数字化车间、引入 machine learning 技术优化排产，"
        "推动生产线 transformation 升级，效率明显提升。"
    ]


def test_a_hyphen_in_a_name_stays_when_a_wrap_falls_after_it():
    # only a lowercase word hyphenated at the line's end loses its hyphen; ``5G-`` / ``Advanced``,
    # ``COVID-`` / ``19`` and ``X-`` / ``ray`` (one letter before it: no typesetter's) keep it
    text = (
        "工业和信息化部有关负责人表示，今年将加快5G-A（5G-\n\n"
        "Advanced）商用部署，做好COVID-\n\n"
        "19疫苗接种，推广Wi-\n\n"
        "Fi 7，推进X-\n\n"
        "ray检查，推动数字化trans-\n\n"
        "formation。\n"
    )
    assert _paras(text) == [
        "工业和信息化部有关负责人表示，今年将加快5G-A（5G-Advanced）商用部署，做好COVID-19疫苗接种，"
        "推广Wi-Fi 7，推进X-ray检查，推动数字化transformation。"
    ]


def test_the_page_decides_a_hyphen_at_a_break_when_it_holds_the_word_elsewhere():
    # ``e-mail`` written out elsewhere keeps its hyphen; ``GDP`` written whole loses one a wrap added
    text = "据了解，市民可发送电子邮件（e-mail）反映问题。去年全市G-\n\nDP增长5.2%，来信可用e-\n\nmail发送，GDP总量居全省第三位。\n"
    assert _paras(text) == ["据了解，市民可发送电子邮件（e-mail）反映问题。去年全市GDP增长5.2%，来信可用e-mail发送，GDP总量居全省第三位。"]
    # figures either side are a range, whatever the page holds (``78`` here)
    text = "全市78家医院开设了睡眠门诊。医生建议，成年人每天应保证7-\n\n8小时睡眠，尽量固定作息时间。\n"
    assert _paras(text) == ["全市78家医院开设了睡眠门诊。医生建议，成年人每天应保证7-8小时睡眠，尽量固定作息时间。"]


def test_an_ellipsis_or_a_dash_cut_in_half_by_a_column_break_is_joined():
    # ``……`` ends a sentence, but half of it on each side of the break is one mark cut in two
    text = "父亲说起家谱里的老故事，哪位先人在抗战时参加了八路军…\n\n…他讲得兴起，我听得入神。\n"
    assert _paras(text) == ["父亲说起家谱里的老故事，哪位先人在抗战时参加了八路军……他讲得兴起，我听得入神。"]
    text = "他说，这件事要从头讲起—\n\n—那是三十年前的一个冬天。\n"
    assert _paras(text) == ["他说，这件事要从头讲起——那是三十年前的一个冬天。"]
    # whole marks on both sides: two paragraphs, as written
    text = "他说，这件事要从头讲起……\n\n……那是三十年前的一个冬天。\n"
    assert len(_paras(text)) == 2


def test_a_figure_cut_off_its_date_or_unit_by_a_column_break_is_joined():
    text = "近日，记者来到基地采访。\n\n3\n\n月10日，太谷区一处设施农业园区内，农技人员正在指导菜农。\n"
    assert _paras(text)[1] == "3月10日，太谷区一处设施农业园区内，农技人员正在指导菜农。"
    # a figure alone over a paragraph that could start so stays apart (a page number, a table cell)
    text = "近日，记者来到基地采访。\n\n3\n\n年初以来，太谷区一处设施农业园区内，农技人员正在指导菜农。\n"
    assert _paras(text)[1:] == ["3", "年初以来，太谷区一处设施农业园区内，农技人员正在指导菜农。"]


def test_a_paragraphs_first_words_cut_off_by_a_column_break_are_no_title():
    above = "近日，记者来到城际公交站采访，候车的乘客络绎不绝。\n\n"
    # a source's formula (``据…``) and a piece ending on ``是`` open a paragraph; no title does so
    text = above + "据晋中市交通\n\n运输局相关负责人介绍，新开通线路早班时间为6:30。\n"
    assert _paras(text)[1] == "据晋中市交通运输局相关负责人介绍，新开通线路早班时间为6:30。"
    text = above + "今年是\n\n城际公交开通的第五个年头，线路已达11条。\n"
    assert _paras(text)[1] == "今年是城际公交开通的第五个年头，线路已达11条。"
    # a lone opening quote is the first mark of the paragraph below it
    text = above + "“\n\n要不是这趟车，我每天得早起一个小时。”乘客樊丽娜说。\n"
    assert _paras(text)[1] == "“要不是这趟车，我每天得早起一个小时。”乘客樊丽娜说。"
    # a title there stays one
    text = above + "城际公交跑出加速度\n\n记者从市交通运输局获悉，新开通线路早班时间为6:30。\n"
    assert _paras(text)[1:] == ["城际公交跑出加速度", "记者从市交通运输局获悉，新开通线路早班时间为6:30。"]


def test_a_credit_cut_by_a_column_break_keeps_the_space_between_its_names():
    from cleaner.formats import render
    import json

    body = "记者6日从工业和信息化部获悉，截至今年2月末，我国5G基站总数达到481.3万个。\n"
    for cut in ("（记者 褚静\n\n宜 雷鸣远）", "（记者 褚静宜\n\n雷鸣远）", "（记者 褚静宜 \n\n雷鸣远）"):
        page = cleaner.clean("新华社北京3月6日电" + cut + body)
        record = json.loads(render(page, "jsonl").splitlines()[0])
        assert record["dateline"] == "新华社北京3月6日电（记者 褚静宜 雷鸣远）"
        assert record["authors"] == ["褚静宜", "雷鸣远"]


def test_a_piece_read_as_a_byline_goes_on_when_the_next_block_starts_mid_sentence():
    text = "近日，主题活动在市中心广场举行，吸引不少市民驻足。\n\n记者了解\n\n到，今年活动的主题是共促消费公平。\n"
    assert _paras(text)[1] == "记者了解到，今年活动的主题是共促消费公平。"
    # a real byline stays: it has its space, and what follows starts a paragraph
    text = "近日，主题活动在市中心广场举行，吸引不少市民驻足。\n\n本报记者 李雪峰\n\n到场的市民纷纷表示，活动很有意义。\n"
    assert "本报记者 李雪峰" in _paras(text)


def test_a_one_character_indented_piece_joins_the_unindented_block_under_it():
    # the wrap hint is keyed on the piece without its indent, as rejoin sees it
    text = (
        "冬闲变“冬忙”\n\n\n　　往\n\n年一进腊月，村里人就闲了下来，打牌、晒太阳成了常态，村民们说这是老习惯。\n\n"
        "　　今年不一样了。村里办起了手工作坊，农闲时节也能挣钱，大家都很高兴。\n\n"
        "　　村党支部书记说，下一步还要把手工作坊办到邻村去，带动更多人增收。\n"
    )
    assert "往年一进腊月，村里人就闲了下来，打牌、晒太阳成了常态，村民们说这是老习惯。" in _paras(text)


def test_one_character_under_a_subtitle_is_the_leads_first_character_not_a_heading():
    text = (
        "稳住基本盘 跑出加速度\n\n——写在全市项目建设推进会召开之际\n\n新\n\n"
        "春伊始，我市各重点项目工地塔吊林立、机声隆隆，处处涌动着干事创业的热潮。\n"
    )
    assert _paras(text)[-1] == "新春伊始，我市各重点项目工地塔吊林立、机声隆隆，处处涌动着干事创业的热潮。"


def test_a_layout_hint_survives_punct_changing_the_marks_around_the_break():
    # wrap keys its hint before punct turns ``"`` into ``”``; rejoin looks it up after
    text = (
        "　　本报讯（记者 贺志远）3月2日，运城市盐湖区在夹马口灌区启动春灌首轮放水。\n\n"
        '　　"今年冬季降水偏少，土壤墒情不如往年，早放水一天，麦苗就多一分底气。"\n\n\n'
        "灌区管理站站长蔺建军告诉记者，站里提前组织人员对42公里干渠进行清淤。\n\n"
        "　　据了解，今年全区计划春灌面积36万亩，预计4月中旬结束。\n"
    )
    assert cleaner.clean(text).text.split("\n\n")[1] == (
        "“今年冬季降水偏少，土壤墒情不如往年，早放水一天，麦苗就多一分底气。”灌区管理站站长蔺建军告诉记者，站里提前组织人员对42公里干渠进行清淤。"
    )


def test_a_short_block_takes_the_pages_tight_column():
    # four lines of 12 and one of 11 cannot tell a tight column from a loose one; the page's
    # other block can: its lines are all 12 or a paragraph's short last line, so 11 ends one
    def wrap(p: str) -> str:
        return "\n".join(p[i : i + 12] for i in range(0, len(p), 12))

    a = [
        "据平陆县湿地保护中心监测，今年来此越冬和停歇的白天鹅数量约为一万只，此外还有灰鹤、赤麻鸭等二十余种鸟类。",
        "为保障候鸟安全，当地组织巡护人员轮班值守，在重点区域设置警示牌和投食点，并利用无人机开展巡查工作。",
        "保护中心工作人员提醒，观鸟拍摄应保持适当距离，不要驱赶、投喂，共同守护这片鸟类天堂。",
    ]
    b = [
        "故事、说一件趣事。一个学期下来，班里最内向的那个小姑娘也能站在讲台上大大方方地朗诵一首诗歌了。",
        "除了日常教学，她还联系母校，为学校募集了一千多册图书，建起了一间小小图书角。",
    ]
    assert len(b[0]) % 12 == 11
    text = "\n".join(map(wrap, a)) + "\n\n" + "\n".join(map(wrap, b)) + "\n"
    assert _paras(text)[-2:] == b


def test_a_layout_hint_survives_convert_simplifying_a_stray_traditional_character():
    text = (
        "一本家谱背后的乡愁\n\n\n　　腊月里回老家，父亲从柜子深处捧出一个蓝布包，里面是一本纸页泛黄的家谱。\n\n"
        "　　家谱是清朝光绪\n\n\n\n年间续修的，線装，毛笔小楷，密密麻麻记着十几代人的名字。\n\n"
        "　　父亲说，这本家谱要一辈辈传下去，谁也不能弄丢了。\n"
    )
    assert "家谱是清朝光绪年间续修的，线装，毛笔小楷，密密麻麻记着十几代人的名字。" in cleaner.clean(text).text


def test_a_dash_cut_to_a_blocks_start_goes_on_the_unfinished_sentence():
    text = "邵静怡的动作很慢，慢得几乎看不出变化\n\n——一张书页从揭开、补洞到压平，往往需要大半天时间。\n"
    assert _paras(text) == ["邵静怡的动作很慢，慢得几乎看不出变化——一张书页从揭开、补洞到压平，往往需要大半天时间。"]
    # a subtitle under its title stays one
    text = "古建修复守护城市记忆\n\n——访省古建筑保护研究院院长王建华\n\n本报讯（记者 王五）近日，记者采访了王建华。\n"
    assert _paras(text)[1] == "——访省古建筑保护研究院院长王建华"


def test_a_title_length_piece_over_a_one_character_clause_under_a_title_is_the_leads_start():
    text = (
        "加快推进汾河流域生态保护修复\n\n省人大代表聂红梅建议\n\n汾河是山西的母亲\n\n"
        "河，流域面积占全省总面积的四分之一。今年省两会上，省人大代表聂红梅提交了建议。\n"
    )
    assert _paras(text)[2] == "汾河是山西的母亲河，流域面积占全省总面积的四分之一。今年省两会上，省人大代表聂红梅提交了建议。"


def test_pieces_no_title_is_made_of_are_joined():
    # a date cut in two, a reporter's formula, two characters under a title
    text = "近日，志愿者们来到汾河公园。\n\n3月\n\n12日，志愿者在汾河公园内为新栽的树苗浇水。\n"
    assert _paras(text)[1] == "3月12日，志愿者在汾河公园内为新栽的树苗浇水。"
    text = "吸引不少市民驻足。\n\n记者了\n\n解到，今年活动的主题是共促消费公平。\n"
    assert _paras(text)[1] == "记者了解到，今年活动的主题是共促消费公平。"
    text = "古村落里的“慢时光”\n\n——沁水县柳泉村见闻\n\n青石\n\n板路、老槐树、土坯院墙……沿着蜿蜒的山路进入沁水县柳泉村。\n"
    assert _paras(text)[2] == "青石板路、老槐树、土坯院墙……沿着蜿蜒的山路进入沁水县柳泉村。"
    # a two-character label where a story starts stays one
    assert _paras("短评\n\n基层减负不能停留在口头上，要落到实处。\n") == ["短评", "基层减负不能停留在口头上，要落到实处。"]


def test_a_piece_ending_on_a_demonstrative_and_measure_word_is_no_title():
    above = "他提醒老年朋友，凡是承诺高回报、零风险的投资项目，一定要多留个心眼。\n\n"
    text = above + "康文博结合近年来办理的几起\n\n典型案件，揭露了以房养老等常见骗局的手法。\n"
    assert _paras(text)[1] == "康文博结合近年来办理的几起典型案件，揭露了以房养老等常见骗局的手法。"
    text = above + "为了这个\n\n作品，窦明轩和指导老师用了近8个月时间。\n"
    assert _paras(text)[1] == "为了这个作品，窦明轩和指导老师用了近8个月时间。"


def test_a_piece_that_opens_with_a_connective_is_a_paragraphs_start():
    above = "新荣区开展春风就业帮扶专项活动，吸引了众多求职者参加。\n\n"
    text = above + "作为我省北\n\n部重要工业城市，大同正锚定能源之城、算力之城建设目标。\n"
    assert _paras(text)[1] == "作为我省北部重要工业城市，大同正锚定能源之城、算力之城建设目标。"
    text = "增强了信心 凝聚了力量\n\n——热烈祝贺省政协会议胜利闭幕\n\n这次大会是我省\n\n在开局起步的重要节点召开的一次重要会议。\n"
    assert _paras(text)[2] == "这次大会是我省在开局起步的重要节点召开的一次重要会议。"
    # a piece that itself starts mid-sentence (its start lost) is no title either
    text = above + "自身企业发展经历\n\n表示，我们公司刚成立时推出的产品，如今已跟不上市场需求。\n"
    assert _paras(text)[1] == "自身企业发展经历表示，我们公司刚成立时推出的产品，如今已跟不上市场需求。"


def test_a_stray_mark_opening_a_bylines_line_after_a_finished_sentence_does_not_glue_it_on():
    # OCR read a speck before the byline as ``!``: the byline stays a byline, the first clean as the second
    for mark in ("!", "！"):
        text = (
            "　　订单农业让菜农心里有了底。合作社理事长\n喻建平说，今年计划再发展订单面积800\n"
            "亩，并尝试通过直播带货把蔬菜卖到更远\n的地方，让更多人尝到清徐的好味道。\n" + mark + "本报记者 滕雪莉\n"
        )
        page = cleaner.clean(text)
        assert page.text.endswith("\n\n本报记者 滕雪莉\n") and cleaner.clean(page.text).text == page.text
        assert page.articles[-1].authors == ["滕雪莉"]


def test_numbers_cut_by_a_wrap_or_a_column_join_without_a_space():
    text = (
        "　　县林业局提醒，发现林区火\n"
        "情请立即拨打森林火警电话12\n"
        "119报告，全县共有护林员1\n"
        "260名，重点林区全覆盖。\n"
    )
    assert cleaner.clean(text).text == "县林业局提醒，发现林区火情请立即拨打森林火警电话12119报告，全县共有护林员1260名，重点林区全覆盖。\n"
    text = "县林业局相关负责人提醒，全县今年共招聘专兼职护林员1\n\n260名，实现重点林区全覆盖。\n"
    assert _paras(text) == ["县林业局相关负责人提醒，全县今年共招聘专兼职护林员1260名，实现重点林区全覆盖。"]


def test_short_first_piece_after_a_paragraph_joins_only_on_evidence():
    lead = "本报讯（记者 卢天宇）3月8日，全省青少年马拉松赛报名工作结束，共有两万余人报名参赛。\n\n"
    # the next block starts mid-sentence: a one-character clause, a number's unit
    assert _paras(lead + "组委会提\n\n醒，中签选手要根据自身情况合理安排赛前训练。\n")[1] == (
        "组委会提醒，中签选手要根据自身情况合理安排赛前训练。"
    )
    assert _paras(lead + "今年是赛事举办的第16\n\n个年头，赛道全程设置补给站十二个。\n")[1] == (
        "今年是赛事举办的第16个年头，赛道全程设置补给站十二个。"
    )
    # a title over a lead that starts like a sentence stays a title
    assert _paras(lead + "马拉松赛道有了新变化\n\n今年的赛道首次经过汾河公园，沿途设置了十二个补给站。\n")[1] == "马拉松赛道有了新变化"


def test_dateline_cut_in_two_is_rejoined():
    text = "本报讯\n\n（记者 吕晨）近日，一百二十辆新能源公交车投入运营。\n"
    assert _paras(text) == ["本报讯（记者 吕晨）近日，一百二十辆新能源公交车投入运营。"]


@pytest.mark.parametrize(
    "text,kind",
    [
        ("新华社北京3月5日电（记者 吴九）记者从有关部门获悉。", "dateline"),
        ("本报记者 郑苗苗", "byline"),
        ("（新华社发）", "credit"),
        ("（下转第4版）", "jump"),
        ("——访省政协委员崔红韦", "subtitle"),
        ("寒冬暖举措", "heading"),
        ("冬闲变“冬忙”", "heading"),
        ("今年是中国共产党成立105周年，", "body"),
        ("近年来，我市", "body"),
    ],
)
def test_block_kinds(text, kind):
    assert block_kind(text) == kind


# --- text without breaks ---------------------------------------------------------------------------

CLEAN_PAGE = (
    "夜市经济点亮城市烟火\n\n"
    "傍晚时分，位于城南的美食街华灯初上，各色小吃摊位前排起了长队。\n\n"
    "“周末带孩子来逛逛，很有生活气息。”市民周先生说。\n\n"
    "非遗手艺焕发新活力\n\n"
    "剪刀在红纸上翻飞，一幅栩栩如生的“喜鹊登梅”便出现在眼前。\n\n"
    "冬闲变“冬忙”\n\n"
    "往年一进腊月，村里人就闲了下来。今年冬天，村东头的大棚里草莓红了。\n\n"
    "（内蒙古赤峰市 白音图）\n"
)


def test_text_without_breaks_is_left_exactly_as_it_was():
    page = cleaner.clean(CLEAN_PAGE, passes=REJOIN_PASSES)
    assert page.text == CLEAN_PAGE
    assert page.edits == []
    full = cleaner.clean(CLEAN_PAGE)
    assert [b for b in full.text.split("\n") if b] == [b for b in CLEAN_PAGE.split("\n") if b]
    assert not [e for e in full.edits if e.code.startswith("RJ")]


# --- hard-wrapped pages ----------------------------------------------------------------------------

WRAPPED_INDENTED = (
    "社区食堂暖人心\n"
    "　　本报讯（记者 王雨晴）中午十一\n"
    "点半，和平路社区的邻里食堂里已经坐\n"
    "满了前来就餐的老人。一份午餐只要十\n"
    "二元。\n"
    "　　今年七十六岁的孙大爷是食堂的常\n"
    "客。他说，现在天天来这儿吃饭，饭菜\n"
    "可口，价格实惠，还能和老伙计们聊天\n"
    "。社区党委书记陈丽介绍，食堂由社区\n"
    "\n"
    "提供场地，引入专业企业运营。自去年\n"
    "九月开业以来日均接待老人一百五十人\n"
    "次，还为行动不便的老人送餐上门。一\n"
    "\n"
    "年多来，食堂从未发生食品安全问题。\n"
    "　　下一步，社区计划开设老年活动室\n"
    "。\n"
)


def test_hard_wrapped_page_with_indents_and_column_breaks():
    page = cleaner.clean(WRAPPED_INDENTED)
    assert [b for b in page.text.split("\n") if b] == [
        "社区食堂暖人心",
        "本报讯（记者 王雨晴）中午十一点半，和平路社区的邻里食堂里已经坐满了前来就餐的老人。一份午餐只要十二元。",
        "今年七十六岁的孙大爷是食堂的常客。他说，现在天天来这儿吃饭，饭菜可口，价格实惠，还能和老伙计们聊天。"
        "社区党委书记陈丽介绍，食堂由社区提供场地，引入专业企业运营。自去年九月开业以来日均接待老人一百五十人次，"
        "还为行动不便的老人送餐上门。一年多来，食堂从未发生食品安全问题。",
        "下一步，社区计划开设老年活动室。",
    ]
    codes = [e.code for e in page.edits]
    assert codes.count("RJ10") == 2  # both blank lines inside the paragraph were column ends
    assert replay(page.source_text, page.edits) == page.text


WRAPPED_PLAIN = (
    "非遗手艺焕发新活力\n"
    "剪刀在红纸上翻飞，不一会儿，一幅栩\n"
    "栩如生的喜鹊登梅便出现在眼前。\n"
    "马秀英从十二岁开始跟着母亲学习剪纸\n"
    "，至今已有五十多年。她说，剪纸讲究\n"
    "稿要准、剪要稳、刻要细。\n"
    "\n"
    "为让传统手艺走进更多人的生活，县里\n"
    "开设了免费培训班，并与电商平台合作\n"
    "\n"
    "，将剪纸等非遗产品开发成文创礼品。\n"
    "\n"
    "本报通讯员 韩雪\n"
)


def test_hard_wrapped_page_without_indents_reads_short_last_lines():
    paras = _paras(WRAPPED_PLAIN)
    assert paras == [
        "非遗手艺焕发新活力",
        "剪刀在红纸上翻飞，不一会儿，一幅栩栩如生的喜鹊登梅便出现在眼前。",
        "马秀英从十二岁开始跟着母亲学习剪纸，至今已有五十多年。她说，剪纸讲究稿要准、剪要稳、刻要细。",
        "为让传统手艺走进更多人的生活，县里开设了免费培训班，并与电商平台合作，将剪纸等非遗产品开发成文创礼品。",
        "本报通讯员 韩雪",
    ]


def test_column_end_on_a_full_line_after_a_full_stop_joins_when_short_lines_end_paragraphs():
    # no indents, no blank lines between paragraphs: a paragraph ends on a short line, so a
    # blank line after a full line is where a column ended, even right after a 。
    text = (
        "小区加装电梯加出幸福感\n"
        "幸福里小区建于上世纪九十年代，楼内没有\n"
        "电梯，住户中老年人占比较高，上下楼一直\n"
        "是大家的难题。为推动加装电梯，社区多次\n"
        "召开居民协商会，逐户上门征求意见。\n"
        "据了解，老旧小区加装电梯可申请财政补贴\n"
        "，每部最高补贴二十万元。今年全市已完成\n"
        "加装电梯一百二十部，惠及居民三千余户。\n"
        "\n"
        "另有六十余部正在施工。\n"
        "住建部门提醒，有意向的小区可向社区咨询。\n"
    )
    page = cleaner.clean(text)
    assert [b for b in page.text.split("\n") if b][2:] == [
        "据了解，老旧小区加装电梯可申请财政补贴，每部最高补贴二十万元。今年全市已完成加装电梯一百二十部，"
        "惠及居民三千余户。另有六十余部正在施工。",
        "住建部门提醒，有意向的小区可向社区咨询。",
    ]
    assert [e.line for e in page.edits if e.code == "RJ10"] == [8]


def test_indented_one_line_paragraphs_a_block_without_indent_continues():
    text = (
        "　　本报讯（记者 龙浩然）3月8日，小店区龙城街道首届社区邻里运动会开幕，十二支社区代表队参赛。\n\n"
        "　　比赛设置了拔河、跳绳、两人三足等项目。现场欢声笑语不断。\n\n"
        "在“两人三足”项目中，七十岁的郭大爷和孙子配合默契，赢得阵阵掌声。\n\n"
        "　　据龙城街道相关负责人介绍，运动会旨在丰富居民文化生活，增进邻里感情。\n"
    )
    paras = _paras(text)
    assert paras[1] == "比赛设置了拔河、跳绳、两人三足等项目。现场欢声笑语不断。在“两人三足”项目中，七十岁的郭大爷和孙子配合默契，赢得阵阵掌声。"
    assert len(paras) == 3


def _hard_wrap(paragraphs: list[str], width: int) -> str:
    return "".join(p[i : i + width] + "\n" for p in paragraphs for i in range(0, len(p), width))


def test_tight_column_a_line_one_short_ends_its_paragraph():
    # a program wrapped these at exactly 17 characters, so a 16-character last line is no run-on
    paragraphs = [
        "新春伊始，我市各重点项目工地塔吊林立、机声隆隆，处处涌动着干事创业的热潮。今年全市共谋划并实施重点工程项目二百三十八个，总投资两千亿元以上，数量和规模均创下了历史新高。",
        "项目是经济发展的压舱石。去年我市地区生产总值突破两千亿元大关，增速位居全省前列，其中固定资产投资贡献率超过四成。实践证明，抓项目就是抓发展。",
        "当前稳增长任务依然艰巨。越是形势严峻，越要把项目建设摆在突出位置，前期手续要容缺办，要素保障要提前办，企业诉求要马上办，各部门要帮企业解决难题。",
    ]
    text = _hard_wrap(paragraphs, 17)
    assert len(text.split("\n")[4]) == 16  # the first paragraph's last line
    assert _paras(text) == paragraphs


def test_mixed_page_one_line_paragraphs_and_a_hard_wrapped_block():
    text = (
        "新能源公交车上线运营\n\n"
        "本报讯（记者 吕晨）近日，一百二十辆新能源纯电动公交车正式投入运营，覆盖城区十八条公交线路，全市新能源公交车占比达到百分之九十五以上。\n\n"
        "新投用的公交车采用低地板设计，配备无\n"
        "障碍坡道和智能调度系统，乘客可以通过\n"
        "手机实时查询车辆到站时间，出行更加便\n"
        "捷。\n"
        "公交公司负责人表示，每辆车每年可减少\n"
        "二氧化碳排放约四十吨。\n\n"
        "本报记者 吕晨\n"
    )
    page = cleaner.clean(text)
    assert [b for b in page.text.split("\n") if b] == [
        "新能源公交车上线运营",
        "本报讯（记者 吕晨）近日，一百二十辆新能源纯电动公交车正式投入运营，覆盖城区十八条公交线路，全市新能源公交车占比达到百分之九十五以上。",
        "新投用的公交车采用低地板设计，配备无障碍坡道和智能调度系统，乘客可以通过手机实时查询车辆到站时间，出行更加便捷。",
        "公交公司负责人表示，每辆车每年可减少二氧化碳排放约四十吨。",
        "本报记者 吕晨",
    ]


def test_one_paragraph_per_line_is_not_read_as_wrapped():
    text = (
        "夜市经济点亮城市烟火\n"
        "傍晚时分，位于城南的美食街华灯初上，烤串、凉皮、糖葫芦等各色小吃摊位前排起了长队，吆喝声、欢笑声此起彼伏。\n"
        "美食街负责人介绍，街区共有商户二百余家，开业以来日均客流量超过两万人次。\n"
        "“周末带孩子来逛逛，很有生活气息。”市民周先生说。\n"
    )
    page = cleaner.clean(text)
    assert not [e for e in page.edits if e.code == "RJ01"]
    assert len([b for b in page.text.split("\n") if b]) == 4


def test_cleaning_wrapped_output_again_changes_nothing():
    for text in (WRAPPED_INDENTED, WRAPPED_PLAIN):
        once = cleaner.clean(text).text
        again = cleaner.clean(once)
        assert again.text == once and again.edits == []


def test_a_subtitle_wrapped_in_a_narrow_column_is_one_line():
    text = (
        "增收路上的新农人\n\n"
        "——记全市返乡创业优秀带头人刘建\n"  # a full line of the 16-character column
        "华\n\n"
        "春节刚过，刘建华就带着村里的年轻\n"
        "人忙着育苗。大棚里温度适宜，一排\n"
        "排幼苗长势喜人。\n"
    )
    assert len("——记全市返乡创业优秀带头人刘建") == len("春节刚过，刘建华就带着村里的年轻") == 16
    page = cleaner.clean(text)
    assert page.articles[0].subtitles == ["——记全市返乡创业优秀带头人刘建华"]
    assert cleaner.clean(page.text).text == page.text


#: an invented page, laid out as cleaner's output: what the hard-wrapped layout below must give back
WRAPPED_PARAGRAPHS = [
    "社区食堂飘出家常味",
    "本报讯（记者 汤雨涵）中午11点半，北门街社区的老年食堂已坐满了人。两荤两素一汤，老人只需付12元。",
    "社区书记说，食堂开办一年来，累计服务老人3.6万人次，下一步将开通送餐上门服务，照顾行动不便的独居老人。",
    "“饭菜软和，价钱也公道。”82岁的居民尚春梅说，她几乎每天都来。",
    "据介绍，食堂由街道提供场地，引入专业餐饮企业运营，区民政部门按就餐人次给予补贴，运营一年来收支基本平衡。",
    "下一步，街道还将在另外两个社区开办老年食堂，让更多老人在家门口吃上热乎饭。",
    "街道负责人表示，老年食堂的菜单每周更新，还会听取老人们对饭菜口味和价钱的意见。",
    "不少老人说，在食堂吃饭不仅方便实惠，还能和老邻居们聊聊天，日子过得更有滋味了，心里也更加踏实。",
]


def test_estimate_finds_a_tight_column_next_to_a_window_centred_one_below():
    from cleaner.passes.rejoin import _estimate

    # 40 lines of exactly 20 characters and a few short last lines of 18 and 19: the window of
    # 19 counts more lines than the window of 20, but the column is 20 wide and tight
    widths = [20] * 40 + [19, 19, 18, 18, 18, 12, 7]
    assert _estimate(widths, 1, 8, 60) == (20, True)
    # a loose column (widths spread over 19-21) stays what the windows say
    assert _estimate([19, 20, 21] * 10 + [20] * 5, 1, 8, 60) == (20, False)


@pytest.mark.parametrize("width", [16, 18, 20])
def test_hard_wrapped_page_without_blank_lines_or_indents_keeps_its_paragraphs(width):
    # one visual line per line, no blank lines, no indents: a paragraph ends where a line stops
    # short of the column, even one or two characters short
    lines = [p[i : i + width] for p in WRAPPED_PARAGRAPHS for i in range(0, len(p), width)]
    assert any(width - 2 <= len(x) < width and x.endswith("。") for x in lines)  # the hard case is there
    page = cleaner.clean("\n".join(lines) + "\n")
    got = [b.text for a in page.articles for b in a.blocks]
    # a paragraph whose last line happens to fill the column runs on into the next one: nothing
    # tells them apart; every other paragraph comes back whole
    full = [len(p) % width == 0 for p in WRAPPED_PARAGRAPHS]
    kept = [p for k, p in enumerate(WRAPPED_PARAGRAPHS) if not full[k] and not (k and full[k - 1])]
    assert len(kept) >= 6 and all(p in got for p in kept), got


def test_a_dash_wrapped_to_a_line_start_inside_a_sentence_is_no_subtitle():
    # the dash of ``…变化——一张书页…`` fell at a line's start: the sentence runs on
    text = (
        "古籍修复师的慢功夫\n"
        "修复室里，邵静怡用镊子轻轻揭开一页粘连的清\n"
        "代刻本。她的动作很慢，慢得几乎看不出变化\n"
        "——一张书页从揭开、补洞到压平，往往需要大\n"
        "半天时间。今年是她从事古籍修复的第二十六\n"
        "个年头，经她手修复的古籍已有三千多册页。\n"
    )
    got = [b.text for a in cleaner.clean(text).articles for b in a.blocks]
    assert any("看不出变化——一张书页从揭开" in x and x.endswith("三千多册页。") for x in got), got
    # a real subtitle under a title still stands alone
    text = "增强了信心 凝聚了力量\n——热烈祝贺省政协会议胜利闭幕\n凝聚共识筑同心，广谋良策创伟业。各项议程圆满\n完成，会议在省城太原胜利闭幕，我们表示祝贺。\n"
    page = cleaner.clean(text)
    assert page.articles[0].subtitles == ["——热烈祝贺省政协会议胜利闭幕"]


def test_hanging_punctuation_column_is_tight():
    from cleaner.passes.rejoin import _hanging

    # lines of 20, some of 21 that end with a hung mark, last lines of paragraphs 18 and 19
    widths = [20] * 30 + [21] * 6 + [19, 18]
    ends = ["字"] * 30 + ["。", "，", "、", "”", "，", "。"] + ["。", "。"]
    assert _hanging(widths, ends, 20) == 20
    assert _hanging(widths, ends[:30] + ["字"] * 6 + ends[36:], 20) == 0  # over-wide lines of text: no hanging


def test_list_items_and_table_rows_stay_apart():
    text = (
        "主要措施包括：\n\n1.设立总规模20亿元的中小企业纾困基金；\n\n2.工业用地实行“标准地”出让，弹性年期供地；\n\n"
        "3.新增人才公寓2000套，对高层次人才给予安家补贴。\n\n"
        "去年以来我市营商环境主要指标如下：\n\n指标 2024年 2025年\n\n企业开办时间（天） 3 1\n\n"
        "新登记经营主体（万户） 4.2 5.1\n\n发布会上，相关负责人表示，将建立问题线索快速处置机制。\n"
    )
    page = cleaner.clean(text)
    assert not [e for e in page.edits if e.code in ("RJ10", "PU09")]
    paras = page.articles[0].paragraphs
    assert "企业开办时间（天） 3 1" in paras and "指标 2024年 2025年" in paras
    assert paras[0] == "主要措施包括：" and paras[1].startswith("1.") and len(paras) == 9
    # a header row of words set apart by wide gaps is the table's, not the lead-in's continuation
    wide = "市统计局公布一季度主要经济指标，具体数据如下：\n\n指标        绝对值        同比增长\n地区生产总值    5230亿元    5.6%\n"
    page = cleaner.clean(wide)
    assert "指标        绝对值        同比增长" in page.text and not [e for e in page.edits if e.code in ("RJ10", "PU09")]
    # ``l.`` is an OCR misreading of ``1.``
    assert cleaner.clean("主要措施包括：\n\nl.设立总规模20亿元的中小企业纾困基金。\n").text.startswith("主要措施包括：\n\nl.设立")
    # a figure is not a list number: a paragraph cut before ``3.5亿元`` is still joined
    cut = "全年完成投资：\n\n3.5亿元，同比增长12%，其中民间投资占比过半，创近年新高。\n"
    assert "全年完成投资：3.5亿元" in cleaner.clean(cut).text


def test_a_list_of_names_under_a_lead_in_stays_apart_from_the_text_around_it():
    text = (
        "公示\n\n\n市教育局关于2026年度优秀教师拟表彰人选的公示\n\n经学校推荐、专家评审，拟表彰人选名单如下：\n\n"
        "王海燕、李志强、张敏\n\n刘洋　陈晓东　赵丽华\n\n公示期为3月6日至3月12日。如有异议，请向市教育局反映。\n\n"
        "评审会上，专家们对王海燕、\n\n李志强等老师的教学成果给予肯定。\n"
    )
    page = cleaner.clean(text)
    paras = page.articles[-1].paragraphs
    assert paras[1:4] == ["王海燕、李志强、张敏", "刘洋　陈晓东　赵丽华", "公示期为3月6日至3月12日。如有异议，请向市教育局反映。"]
    # a sentence cut after a name still goes on
    assert paras[4] == "评审会上，专家们对王海燕、李志强等老师的教学成果给予肯定。"
    # ... and so do names after where they come from, a line each: no title among them
    schools = cleaner.clean(
        "拟认定以下人员为市级骨干教师，现予以公示：\n\n大同一中：王海燕、李志强、张晓梅\n\n大同三中：赵文博、刘佳、孙立新\n\n"
        "平城区御河小学：陈静、杨帆\n\n公示期为2026年3月6日至3月12日。\n"
    )
    assert [len(r.paragraphs) for r in schools.articles] == [5] and schools.articles[0].title is None
    # words with stray spaces that are no names (``本院受``) are a clause cut after the colon
    cut = cleaner.clean("王建勇：\n\n本院受　理原告 太原市恒\n\n通小额贷款有限公司诉你民间借贷纠纷一案，现公告送达。\n")
    assert "本院受理原告太原市恒通小额贷款有限公司" in cut.text
    assert cleaner.clean(page.text).edits == []


def test_a_wrapped_credit_left_open_goes_on_though_stray_spaces_make_its_line_short():
    # (a hard-wrapped page with a running head, the credit's end read again after it)
    head = "晋中日报\u30002026年3月5日\u3000星期四\u3000第3版\n\n"
    text = (
        head + "增强了信心 凝聚了力量\n——我市一季度经济运行观察\n\u3000\u3000本报讯（记者 王 建华 通讯 员 \n李晓\n\n"
        + head + "华 通 讯 员 李晓\n\n东)３月4日,记者从市统计局获悉,今年\n１至２月，全市规模以上工业增加值同比增\n"
        "长６.８%,高于全省平均水平１.２个百\n分点;社会消费 品零售总额 完成２８６\n.4亿元，同比增长5.１％.\n"
    )
    [rec] = cleaner.clean(text).articles
    assert rec.paragraphs[0].startswith("本报讯（记者 王 建华 通讯 员李晓东）3月4日，") and len(rec.paragraphs) == 1
    assert rec.authors == ["王建华", "李晓东"]


def test_items_counted_in_words_and_a_notices_fields_stay_apart():
    # ``一是…；`` / ``二是…`` after a lead-in, and a notice's fields a line each, are paragraphs as
    # they stand; a column break falls exactly before an item's count far less often
    items = "会议提出三点要求：\n\n一是加强组织领导；\n\n二是落实工作责任；\n\n其三，强化督查考核。\n"
    fields = (
        "招聘会下周举行\n\n本报讯（记者 韩梅）我市春季招聘会将于3月15日举行。\n\n招聘会地点：市会展中心1号馆\n\n"
        "咨询电话：0351-7654321\n\n现场凭身份证免费入场。\n"
    )
    for text in (items, fields):
        page = cleaner.clean(text)
        assert not [e for e in page.edits if e.code == "RJ10"], text
    [notice] = cleaner.clean(fields).articles
    assert notice.paragraphs[1:] == ["招聘会地点：市会展中心1号馆", "咨询电话：0351-7654321", "现场凭身份证免费入场。"]
    # still joined: a value cut mid-word, and an item's own clause cut at a column foot
    lead = "本报讯（记者 韩梅）我市春季招聘会将于3月15日举行。\n\n"
    assert "\n活动地点：市会展中心1号馆，欢迎" in cleaner.clean(lead + "活动地点：市会展中\n\n心1号馆，欢迎市民参加。\n").text
    assert "\n一是加强组织领导，压实各方责任；" in cleaner.clean(lead + "一是加强组织领导，\n\n压实各方责任；\n").text


def test_the_leads_first_line_under_a_subtitle_joins_a_block_that_opens_with_its_last_character():
    text = (
        "以实干担当开创发展新局面\n\n——论深入学习贯彻全省两会精神\n\n全省两会已胜利闭\n\n"
        "幕。会议描绘了全省经济社会发展的宏伟蓝图，吹响了奋进新征程的嘹亮号角。\n"
    )
    [rec] = cleaner.clean(text).articles
    assert rec.subtitles == ["——论深入学习贯彻全省两会精神"]
    assert rec.paragraphs == ["全省两会已胜利闭幕。会议描绘了全省经济社会发展的宏伟蓝图，吹响了奋进新征程的嘹亮号角。"]
    # a title over a lost start stays a title (no subtitle or title above it)
    lost = "全省两会胜利闭幕\n\n幕。会议描绘了全省经济社会发展的宏伟蓝图。\n"
    assert cleaner.clean(lost).articles[0].title == "全省两会胜利闭幕"


def test_a_paragraph_ending_on_an_address_is_not_joined_to_the_next_and_is_no_title():
    text = (
        "新品发布\n\n详情可访问官网https://www.apple.com.cn/\n\n新机将于9月20日正式发售。\n\n"
        "报名请发邮件至hr@example.com\n\n详情请见www.gov.cn/zhengce\n\n我们将尽快回复。\n"
    )
    page = cleaner.clean(text)
    assert not [e for e in page.edits if e.code == "RJ10"]
    [rec] = page.articles
    assert rec.paragraphs[0] == "详情可访问官网https://www.apple.com.cn/" and len(rec.paragraphs) == 5
    # a mark that no sentence starts with still continues it
    assert "www.gov.cn/zhengce/，了解更多。" in cleaner.clean("本报讯（记者 王五）详情请登录www.gov.cn/zhengce/\n\n，了解更多。\n").text


def test_an_addressee_under_the_title_is_a_line_of_its_own():
    text = (
        "关于做好春节期间安全生产工作的通知\n\n各县（市、区）应急管理局，市直有关单位：\n\n"
        "为切实做好春节期间安全生产工作，现将有关事项通知如下：\n\n一、压实安全责任。\n"
    )
    paras = cleaner.clean(text).articles[0].paragraphs
    assert paras[:2] == ["各县（市、区）应急管理局，市直有关单位：", "为切实做好春节期间安全生产工作，现将有关事项通知如下："]
    letter = "致家长的一封信\n\n亲爱的家长朋友们：\n\n寒假即将来临，\n\n请您督促孩子注意安全。\n"
    assert cleaner.clean(letter).articles[0].paragraphs == ["亲爱的家长朋友们：", "寒假即将来临，请您督促孩子注意安全。"]
    # a colon that opens what the next block says still joins it
    said = "城区新增公交线路\n\n记者从市交通运输局了解到：\n\n今年城区将新开通公交线路5条。\n"
    assert cleaner.clean(said).articles[0].paragraphs == ["记者从市交通运输局了解到：今年城区将新开通公交线路5条。"]


def test_a_photo_credit_line_on_a_hard_wrapped_page_stands_alone():
    text = (
        "图片新闻\n\n"
        "　　2月4日，在广灵县一处温室\n大棚内，工人正在采摘新鲜草莓。\n"
        "　　近年来，广灵县大力发展设施\n农业，建成温室大棚1500余座，\n带动农民人均增收3000余元。\n"
        "本报记者 马宏 摄\n\n"
        "古城灯会点亮春节夜空\n"
        "　　本报讯（记者 李娜）2月5\n日晚，2026年古城春节灯会正\n式亮灯，将持续至元宵节后。\n"
    )
    page = cleaner.clean(text)
    assert "3000余元。\n\n本报记者 马宏 摄" in page.text
    cap = [r for r in page.articles if r.type == "caption"]
    assert len(cap) == 1 and cap[0].authors == ["马宏"] and len(cap[0].paragraphs) == 2


def test_hard_wrapped_indented_page_title_as_wide_as_the_column_dash_inside_a_sentence_and_a_short_cut():
    # column 16: the title fills it by chance; its kicker is a heading of its own
    text = (
        "支持大同建设全省先进制造业集聚地\n省人大代表刘奇建议\n"
        "　　省人大代表刘奇建议，加快构建\n以装备制造为主导的产业体系，\n引导企业抱团发展。\n"
        "　　对标世界先进模式，探索搭建本\n省自己的“交易博览会”与合作平台\n——集产品展示、技术交流、商贸合\n作于一体的综合性平台。\n"
        "　　新开通线路全部采用\n\n新能源车辆，票价统一为2元，首\n末班时间根据村民出行习惯确定。\n"
    )
    page = cleaner.clean(text)
    rec = page.articles[0]
    assert rec.title == "支持大同建设全省先进制造业集聚地" and rec.subtitles == ["省人大代表刘奇建议"]
    assert "与合作平台——集产品展示" in page.text  # a dash wrapped inside a sentence is no subtitle
    assert "新开通线路全部采用新能源车辆" in page.text  # an indented paragraph cut short, a block without indent
    assert len(rec.paragraphs) == 3


def test_an_indented_paragraph_cut_after_a_last_line_of_one_character_goes_on():
    # the layout's hint is keyed by how the block ends once its lines are joined (``刘志`` / ``刚``)
    text = (
        "　　去年以来，我市深化紧\n密型医联体建设，组织市\n级医院196名专家下沉到县\n级医院，累计接诊患者8.6\n万人次。\n"
        "　　新荣区人民医院院长刘志\n刚\n\n介绍，医院还开通了远程会诊\n系统，基层医生遇到疑难病例\n可以随时连线市级专家。\n"
    )
    page = cleaner.clean(text)
    [rec] = page.articles
    assert rec.title is None and rec.paragraphs[1].startswith("新荣区人民医院院长刘志刚介绍，医院还开通了")
    assert cleaner.clean(page.text).edits == []
    # the hint is keyed both ways: wrap may leave the one character a paragraph of its own (the
    # line before it short: ``…落脚点是 `` / ``服``), and rejoin then reads it alone
    from cleaner.passes.rejoin import _ends

    assert _ends(["　　数字乡村建设的出发点和落脚点是 ", "服"]) == ("服", "数字乡村建设的出发点和落脚点是服")
    assert _ends(["　　新荣区人民医院院长刘志", "刚介绍"]) == ("刚介绍",)


def test_a_short_unpunctuated_line_after_a_finished_sentence_and_before_a_paragraph_start_is_a_heading():
    text = (
        "　　该校将继续整合融媒体资源，优化\n内容生产机制，创作更多有温度、有深\n度、有特色的文化作品，讲好校园故事。\n"
        "广胜街倾倒路牌已修复\n"
        "　　本报讯（记者 丁亚琴）日前，记者\n回访看到，此前倾倒的广胜街路牌已扶\n正并加固，安全隐患已消除。\n"
        "　　此次药品集采采购周期为2027年12月\n31日。市医保\n局要求，医疗机构应畅通集采药品进院\n渠道，减轻群众医药费用负担。\n"
    )
    page = cleaner.clean(text)
    assert "讲好校园故事。\n\n\n广胜街倾倒路牌已修复\n\n本报讯" in page.text
    assert [r.title for r in page.articles] == [None, "广胜街倾倒路牌已修复"]
    assert "市医保局要求" in page.text  # a piece cut mid-word before an unindented line still joins


def test_a_lead_paragraph_cut_under_a_byline_below_its_title_is_joined():
    text = (
        "长江岸线披新绿\n\n——沿江城市生态修复见闻\n\n新华社记者 刘洋 孙慧\n\n"
        "早春时节，站在江\n\n堤上远眺，昔日堆满砂石的码头已变成成片的湿地公园，白鹭在浅滩上觅食。\n"
    )
    page = cleaner.clean(text)
    assert "早春时节，站在江堤上远眺" in page.text
    rec = page.articles[0]
    assert rec.title == "长江岸线披新绿" and rec.authors == ["刘洋", "孙慧"] and len(rec.paragraphs) == 1


def test_a_space_between_two_names_wrapped_inside_a_credit_is_kept():
    text = (
        "　　新华社北京3月5日电（记者 王晓明\n 李红梅）记者从有关部门获悉，今年一季\n度各项工作开局良好，主要指标稳中有进。\n"
        "　　据介绍，各地各部门抓早抓实，确保\n各项任务落到实处，取得了积极成效。\n"
    )
    page = cleaner.clean(text)
    assert "（记者 王晓明 李红梅）" in page.text
    assert page.articles[0].authors == ["王晓明", "李红梅"]


@pytest.mark.parametrize(
    "first,second,credit,authors",
    [
        # the space went with the line end (no indent on the next line)
        ("（记者 温柏林", "许小慧）", "（记者 温柏林 许小慧）", ["温柏林", "许小慧"]),
        ("（记者 温柏林 ", "许小慧）", "（记者 温柏林 许小慧）", ["温柏林", "许小慧"]),
        # a role cut in two, and a name cut in two, join with nothing
        ("（记者 冉晓峰 通讯", "员 赖春华）", "（记者 冉晓峰 通讯员 赖春华）", ["冉晓峰", "赖春华"]),
        ("（记者 温柏", "林 许小慧）", "（记者 温柏林 许小慧）", ["温柏林", "许小慧"]),
    ],
)
def test_a_credit_wrapped_between_or_inside_words(first, second, credit, authors):
    rest = "国家数据局10日发布报告显示，我国数字经济规模达到53.9万亿元，比上年增长8.2%，占GDP比重进一步提升。"
    lines = ["　　新华社北京4月10日电" + first, second + rest[:14]] + [rest[i : i + 20] for i in range(14, len(rest), 20)]
    page = cleaner.clean("我国数字经济规模超50万亿元\n\n" + "\n".join(lines) + "\n")
    assert page.articles[0].dateline == "新华社北京4月10日电" + credit
    assert page.articles[0].authors == authors


def test_a_note_on_the_author_is_never_joined_to_what_follows():
    text = (
        "空谈误国，实干兴邦。只要我们拿出等不起的紧迫感，就一定能把蓝图变成现实。\n\n赵明远\n\n"
        "（作者单位：南江省社会科学院）\n\n\n\n两相对照，差别就在于是否真正把群众满意度\n"
    )
    page = cleaner.clean(text)
    assert "（作者单位：南江省社会科学院）\n" in page.text and not [e for e in page.edits if e.code == "RJ10"]


def test_a_piece_ending_in_a_word_no_title_ends_with_joins_the_next_block():
    text = "“数字乡村”如何落地生根\n\n——专访省农业农村厅副厅长李卫红\n\n数字技术正在\n\n深刻改变乡村的生产生活方式。\n"
    assert "数字技术正在深刻改变乡村" in cleaner.clean(text).text


def test_a_title_after_a_finished_paragraph_or_a_jump_marker_on_a_flat_wrapped_page():
    text = (
        "　　据介绍，该船可根据水温变化在不同\n海域间移动，避开台风等灾害天气，年产\n大黄鱼等高品质海水鱼类约4000吨。\n"
        "长江岸线披新绿\n——沿江城市生态修复见闻\n新华社记者 刘洋 孙慧\n"
        "　　早春时节，站在江堤上远眺，昔日堆\n满砂石的码头已变成成片的湿地公园。\n"
        "　　消费市场持续回暖，社会消费品零售\n总额同比增长6.1%。（下转第2版）\n市委常委会召开会议\n"
        "　　本报讯 4月17日，市委常委会召\n开会议，研究部署下一阶段重点工作。\n"
    )
    page = cleaner.clean(text)
    titles = [r.title for r in page.articles]
    assert "长江岸线披新绿" in titles and "市委常委会召开会议" in titles
    assert "4000吨。长江" not in page.text and "版）市委" not in page.text


def test_a_two_line_title_after_a_finished_paragraph_on_a_flat_wrapped_page():
    text = (
        "　　街道负责人表示，将把调解室建设与网格化管理结合起来，\n让矛盾纠纷早发现、早介入、早化解，把问题解决在群众家门口。\n"
        "我市新增15条公交线路\n覆盖城郊48个村庄\n"
        "　　本报讯（记者 赵雅婷）记者从市交通运输局获悉，自2月\n1日起，我市新开通15条城乡公交线路，覆盖城郊48个村庄。\n"
    )
    page = cleaner.clean(text)
    rec = page.articles[-1]
    assert rec.title == "我市新增15条公交线路" and rec.subtitles == ["覆盖城郊48个村庄"]
    assert "家门口。\n" in page.text


def test_pieces_after_a_jump_marker_and_a_short_piece_between_two_pieces_of_a_body_paragraph():
    jump = "一季度全市经济运行开局良好\n\n（上接第1版）\n\n固定资产投资方面，一季度全市固定资产投资同比\n\n增长4.8%，其中工业投资增长13.6%。\n"
    assert "固定资产投资同比增长4.8%" in cleaner.clean(jump).text
    cut = (
        "“过去这里尘土飞扬，一刮风窗户都不敢开。”家住江边的退休教师周德厚说，如今每天傍晚他\n\n"
        "都会和老伴到江边\n\n走一走，“空气好了，心情也好了。”\n"
    )
    assert "如今每天傍晚他都会和老伴到江边走一走" in cleaner.clean(cut).text
    # a paragraph that stops on a stray mark is not taken for a cut one: the title after it stays
    title = (
        "今年，机场将力争旅客吞吐量突破360万人次，更好服务晋陕豫黄河金三角区域经济发展。_\n\n"
        "一本家谱背后的乡愁\n\n腊月里回老家，父亲从柜子深处捧出一个蓝布包，小心翼翼地打开。\n"
    )
    assert "\n一本家谱背后的乡愁\n" in cleaner.clean(title).text


@pytest.mark.parametrize("credit", [" 本报记者 韩雪松", "（记者 韩雪松）", "　记者 韩雪松 通讯员 李晓东", "本报评论员", "（作者系北方大学教授）"])
def test_a_byline_glued_to_the_last_paragraph_gets_a_block_of_its_own(credit):
    text = f"城郊菜园迎来春播\n\n连日来，东关镇的菜农们忙着翻地、育苗。\n\n技术员手把手教菜农嫁接育苗，推动增收。{credit}\n\n\n\n全省两会专访\n"
    page = cleaner.clean(text)
    art = page.articles[0]
    assert art.paragraphs == ["连日来，东关镇的菜农们忙着翻地、育苗。", "技术员手把手教菜农嫁接育苗，推动增收。"]
    assert art.byline == credit.strip(" \u3000") and (art.authors[:1] == ["韩雪松"] or "韩雪松" not in credit)
    assert [e.code for e in page.edits if e.code == "RJ04"] == ["RJ04"]
    assert page.articles[1].title == "全省两会专访"  # the label after it is no longer pulled in


@pytest.mark.parametrize(
    "tail",
    [
        # stray spaces before the sentence end (punct removes them later in the run)
        "推动增收  。本报记者 韩雪松\n",
        # a wrapped column: the byline ends a line that wrap keeps apart from a one-character line
        "推动增收。本报记者 韩雪松\n手\n",
        # the sentence's end hung on the next line, the byline after it (fuzz seed 149)
        "推动增收\n。本报记者 韩雪松\n",
    ],
)
def test_a_byline_glued_at_the_end_of_a_wrapped_paragraph_is_split_on_the_first_clean(tail):
    """Both were split only by a second clean (fuzz seed 83): the first must do it."""
    text = ("城郊菜园迎来春播\n\n连日来，东关镇的菜农们忙着翻地、育苗。技术员手把\n手教菜农嫁接育苗，"
            "记录每块地的墒情，\n" + tail)
    once = cleaner.clean(text).text
    assert "推动增收。\n\n本报记者 韩雪松" in once
    assert cleaner.clean(once).text == once


@pytest.mark.parametrize(
    "tail",
    [
        "据了解，本报记者 韩雪松",  # no sentence end before it
        "技术员说。本报记者了解到",  # no space: prose, a wrapped line's end
        "图为技术员指导菜农。本报记者 韩雪松 摄",  # a photo credit: the caption's
    ],
)
def test_what_is_not_a_glued_byline_stays(tail):
    page = cleaner.clean(f"城郊菜园迎来春播\n\n连日来，东关镇的菜农们忙着翻地、育苗。{tail}\n")
    assert not [e for e in page.edits if e.code == "RJ04"]


@pytest.mark.parametrize("head", ["本报讯", "本报太原3月5日讯", "新华社北京1月5日电"])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_dateline_formula_alone_on_its_line_opens_the_paragraph_under_it(head, gap):
    page = cleaner.clean(f"城郊菜园迎来春播\n\n{head}{gap}连日来，东关镇的菜农们忙着翻地、育苗。\n")
    [art] = page.articles
    assert (art.title, art.subtitles) == ("城郊菜园迎来春播", [])
    assert art.paragraphs == [f"{head} 连日来，东关镇的菜农们忙着翻地、育苗。"] and art.dateline == head


def test_a_note_on_the_author_after_a_wrapped_paragraph_is_not_joined_to_it():
    body = "　　民生工作没有终点，只有连续不断的新起点。期待更多地方在小切口上下足绣花功夫，让群众的获得感成色更足、幸福感更可持续。"
    lines = [body[i : i + 15] for i in range(0, len(body), 15)]
    assert len(lines[-1]) == 15  # the paragraph's last line is full: only its sentence end says it ends
    text = "让小切口撬动大民生\n" + "\n".join(lines) + "\n（作者系北方大学公共管理学院教授）\n"
    page = cleaner.clean(text)
    [art] = page.articles
    assert art.paragraphs[-1].endswith("幸福感更可持续。") and art.byline == "（作者系北方大学公共管理学院教授）"
    assert cleaner.clean(page.text).edits == []


def test_an_indent_inside_a_line_after_a_sentence_end_starts_a_paragraph():
    # the line break before ``　　本届`` was lost: the two lines were read as one
    text = (
        "省青少年冰雪运动会闭幕\n"
        "　　本报讯（记者 柯岚）3月3日，为期5\n天的运动会在大同闭幕。　　本届运动会\n共有14人次打破7项省青少年纪录。\n"
    )
    page = cleaner.clean(text)
    assert page.articles[0].paragraphs == [
        "本报讯（记者 柯岚）3月3日，为期5天的运动会在大同闭幕。", "本届运动会共有14人次打破7项省青少年纪录。",
    ]
    assert [e.note for e in page.edits if e.before == "\u3000\u3000" and e.code == "RJ02"] == [
        "indent inside a line: the line break before it was lost"
    ]
    # a two-part headline keeps its gap: no sentence ends before it
    assert cleaner.clean("增强了信心　　凝聚了力量\n").text == "增强了信心　　凝聚了力量\n"


def test_a_title_as_wide_as_the_column_before_a_dateline_is_not_glued_to_the_paragraph():
    text = (
        "　　区人社局相关负责人介绍，今年将在\n零工驿站增设技能培训和权益维护服\n务，让灵活就业人员干得安心、拿得放\n"
        "心、用得舒心，日子越过越红火了。\n老旧小区加装电梯今年再增300部\n"
        "　　本报讯（记者 华晓雯）记者3月3日\n从市住建局了解到，今年计划加装电梯\n300部。\n"
    )
    recs = cleaner.clean(text).articles
    assert recs[0].paragraphs[-1].endswith("日子越过越红火了。")
    assert (recs[1].title, recs[1].dateline) == ("老旧小区加装电梯今年再增300部", "本报讯（记者 华晓雯）")


def test_a_title_after_a_wider_gap_is_not_joined_on_a_chance_character_pair():
    # ``原告太原市`` holds the pair 告太 by chance: it is no evidence that ``减资公告`` / ``太原市…``
    # is one word cut by a column break, when the title sits where a story starts
    text = ("本院受理原告太原市恒通小额贷款有限公司诉你民间借贷纠纷一案，现将有关事项公告如下：\n\n"
            "太原市迎泽区人民法院\n\n二〇二六年三月十日\n\n\n减资公告\n\n"
            "太原市小店区龙城南街华联超市遗失营业执照副本，声明作废。\n")
    page = cleaner.clean(text)
    assert "减资公告\n\n太原市小店区" in page.text
    assert not [e for e in page.edits if e.code == "RJ10"]
    # (with one blank line above it as under it there is no story boundary to go by: the pair still
    # decides there, a documented limit)


def test_an_acronym_cut_by_a_wrap_at_the_column_width_is_joined_without_a_space():
    # a column wrapped by characters cuts Latin letters too: capitals in Chinese text are one word
    text = ("世卫组织呼吁加强结核病防治\n\n　　世界卫生组织4日发布的报告显示，\n2025年全球新发结核病患者约1060\n"
            "万人。各国应将结核病防治纳入全民健\n康覆盖（U\nHC）框架。东盟与中日韩宏观经\n济研究办公室（AM\n"
            "RO）将开展监测工作。球队打进CB\nA联赛季后赛的消息传来，全城沸腾。\n")
    out = cleaner.clean(text).text
    assert "（UHC）框架" in out and "（AMRO）将开展" in out and "打进CBA联赛" in out
    # words of English text keep the space a wrap stands for
    assert _joiner("reported by the", "Xinhua News Agency") == (0, " ")


def test_a_schedule_keeps_a_time_a_line():
    # TV listings: no item ends in a mark, and each was joined to the next as its continuation
    items = ["06:30 山西新闻联播（重播）", "07:00 早安山西", "12:00 午间新闻", "19:35 黄河新闻"]
    page = cleaner.clean("今日荧屏\n\n" + "\n\n".join(items) + "\n")
    assert page.articles[0].paragraphs == items
    assert page.text == "今日荧屏\n\n" + "\n\n".join(items) + "\n"


def test_a_courts_notice_keeps_the_person_it_addresses_on_a_line_of_its_own():
    text = ("太原市迎泽区人民法院公告\n\n（2026）晋0106民初1287号\n\n王建勇：\n\n"
            "本院受理原告某公司诉你民间借贷纠纷一案，因你下落不明，向你公告送达起诉状副本。\n")
    assert cleaner.clean(text).text == text
    # a name and a colon inside an interview's flow still goes on (no case number above it)
    talk = "记者问起村里的变化，\n\n赵国梁：\n\n这几年村里修了路，通了网。\n"
    assert "赵国梁：这几年村里修了路" in cleaner.clean(talk).text


# an invented article, hard-wrapped at 19 characters; OCR read its title on one line with the
# column's first line (a gap between them)
_GLUED_TITLE_BODY = (
    "本报讯（记者 罗文静）记者日前从市水务局获悉，今年我市将新建改造供水管网86公里，计划年底前"
    "完成老城区12个片区的管网更新，惠及居民约3.2万户。市水务局有关负责人表示，施工将分片错时进行。"
)
_GLUED_TITLE_LINES = [_GLUED_TITLE_BODY[i : i + 19] for i in range(0, len(_GLUED_TITLE_BODY), 19)]


@pytest.mark.parametrize("gap", ["    ", "　　", "\t\t"])
def test_a_title_read_on_one_line_with_the_columns_first_line_gets_a_block_of_its_own(gap):
    lines = list(_GLUED_TITLE_LINES)
    lines[0] = "老城区供水管网改造年内完工" + gap + lines[0]
    page = cleaner.clean("\n".join(lines) + "\n")
    art = page.articles[0]
    assert art.title == "老城区供水管网改造年内完工"
    assert art.dateline == "本报讯（记者 罗文静）"
    assert art.paragraphs == [_GLUED_TITLE_BODY]  # (the dateline opens the lead, as set)
    assert [e.code for e in page.edits if e.code == "RJ05"] == ["RJ05"]
    assert cleaner.clean(page.text).text == page.text


@pytest.mark.parametrize(
    "first",
    [
        # the part after the gap is shorter than a column line: a two-part title's second half
        "老城区供水管网改造    年内完工",
        # the part before it is a sentence, not a heading
        "今年将新建改造管网。    " + _GLUED_TITLE_LINES[0],
        # one space is a word space (a two-part title), no gap
        "老城区供水管网改造年内完工 " + _GLUED_TITLE_LINES[0],
    ],
)
def test_what_is_no_glued_title_is_not_split(first):
    page = cleaner.clean("\n".join([first] + _GLUED_TITLE_LINES[1:]) + "\n")
    assert not [e for e in page.edits if e.code == "RJ05"]


@pytest.mark.parametrize("end", ["\n", "\n\n", "\n\n\n"])
def test_a_title_at_the_top_of_the_page_is_judged_the_same_whatever_ends_the_page(end):
    """A title at the page's top looked at the page's end for the gap above it (fuzz seed 83):
    with three newlines there it stayed a title, with fewer the pair ``结一`` (seen in the lead)
    glued the block under it on, so a second clean joined what the first had kept (the first
    cleaned a page ending in blank lines)."""
    text = (
        "潞城法院审结\n\n一起高空坠物案。\n\n本报讯（记者 单浩）日前，潞城区人民法院审结一起高空坠物"
        "损害责任纠纷案，判决被告赔偿原告车辆维修费等共计1.38万元。" + end
    )
    once = cleaner.clean(text).text
    assert once.startswith("潞城法院审结\n\n一起高空坠物案。\n")
    assert cleaner.clean(once).text == once


@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n", "\n\n\n\n"])
def test_a_piece_under_a_page_break_is_judged_the_same_whatever_the_gap(gap):
    """The blank lines under a form feed are normalised by the first clean: with three of them a
    piece cut mid-word stayed apart (a title where a story starts), with two it was joined, so
    a second clean joined what the first kept (fuzz seed 97). A page goes on mid-word there."""
    text = (
        "我国5G基站总数突破480万个\n\n新华社北京3月6日电（记者 褚静宜）截至今年2月末，我国5G基站总数达到481.3万个，"
        "5G移动电话用户达到11.6亿户。\n\n工业和信息化部有关负责人表示，今年将持续推进5G网络向农村地区延伸，加快5G\n\n\f"
        + gap + "基站总\n\n数达到481.3万个，5G网络已覆盖所有地级市城区。\n"
    )
    once = cleaner.clean(text).text
    assert "\n基站总数达到481.3万个，5G网络已覆盖" in once
    assert cleaner.clean(once).text == once


def test_a_byline_with_stray_spaces_in_its_role_stands_alone_in_a_wrapped_column():
    """``本报   记者 纪晓彤`` was no byline to wrap (it reads lines before punct removes the
    spaces), so it was joined onto the paragraph above, and the next clean split it off (fuzz
    seed 181)."""
    text = ("  2月28日，在介休市一处\n文旅街区，民间艺人正在表\n演传统绝活“打铁花”。飞\n溅的铁花如流星般划过夜空\n"
            "，引得游客阵阵惊呼。\n本报   记者 纪晓彤\n")
    page = cleaner.clean(text)
    assert page.text.endswith("引得游客阵阵惊呼。\n\n本报   记者 纪晓彤\n")
    assert page.articles[-1].authors == ["纪晓彤"]
    assert cleaner.clean(page.text).text == page.text


def test_measures_of_a_block_are_those_of_its_lines():
    # (one encoding for the block; lines that may start with an indent measured one by one)
    block = "今年是中国共产党成立105周年，\n\u3000\u3000是“十五五”开局之年。\n  AI 与 5G\n“引号”开头\nabc de\n\t制表"
    lines = block.split("\n")
    assert _measures(block, lines) == [_measure(x) for x in lines]


def test_short_blocks_are_told_apart_by_one_pattern_in_the_order_of_their_kinds():
    # (one pattern for dateline, author note, byline, credit and jump, its branches in that order;
    # ``摄`` makes a credit)
    short = ("本报讯 近日，市里开会", "（作者系北方大学教授）", "本报记者 李雪峰", "（新华社发）", "（下转第4版）", "本报记者 马宏 摄", "寒冬暖举措")
    assert [block_kind(t) for t in short] == ["dateline", "byline", "byline", "credit", "jump", "credit", "heading"]
