"""The dedup pass: what the OCR read twice goes, with its kept twin named; everything else stays."""
from __future__ import annotations

import re

import pytest

import cleaner
from cleaner.passes.dedup import DedupPass, better_copy, find_overlap
from cleaner.registry import PASSES

#: the passes up to and including dedup (others may be inserted before it)
UPTO = list(PASSES)[: list(PASSES).index("dedup") + 1]

P1 = "本报讯（记者 温晓光）3月2日，城南街道组织志愿者清理背街小巷的积雪，疏通人行道二十余处，方便居民出行。"
P2 = "据了解，入冬以来街道已组织清雪行动六次，累计出动人员八百余人次，清运积雪三百余车，群众纷纷点赞。"
P3 = "街道负责人表示，下一步将继续做好应急值守，确保道路安全畅通，让居民度过一个温暖平安的冬天。"


def run(text: str, **kw):
    return cleaner.clean(text, passes=UPTO, **kw)


def blocks(text: str) -> list[str]:
    return [b for b in re.split(r"[\n\f]+", text) if b]


def dedup_edits(page):
    return [e for e in page.edits if e.pass_name == "dedup"]


def twin_text(page, e) -> str:
    return page.source_text[e.twin_source[0] : e.twin_source[1]]


def assert_consistent(page) -> None:
    """Replay reproduces the text and cleaning the result again removes nothing more."""
    assert cleaner.replay(page.source_text, page.edits) == page.text
    assert dedup_edits(run(page.text)) == []


# -- the real sample page ------------------------------------------------------------------

SENTENCE_RE = re.compile(r"[^。！？]+[。！？]?”?")


def test_sample_repeated_tail_goes_and_names_its_twin(sample_text):
    page = cleaner.clean(sample_text)
    assert page.text.count("迅速行动，及时扶正倾倒路牌并加固基座") == 1
    removals = [e for e in dedup_edits(page) if e.code in ("DU01", "DU02", "DU03", "DU04", "DU05")]
    assert len(removals) == 1
    e = removals[0]
    assert (e.code, e.line, e.twin_line) == ("DU01", 88, 86)
    assert e.before.startswith("视、迅速行动")
    assert twin_text(page, e).startswith("视，迅速行动")  # the kept copy, OCR difference and all
    assert page.text.count("本报记者 李雪峰") == 2
    assert page.text.count("本报记者 郑苗苗") == 2
    assert cleaner.replay(page.source_text, page.edits) == page.text


def test_sample_every_other_sentence_survives(sample_text):
    page = cleaner.clean(sample_text)
    flat = re.sub(r"\s", "", page.text)
    removed_line = 88
    for n, line in enumerate(sample_text.split("\n"), 1):
        if n == removed_line:
            continue
        for sentence in SENTENCE_RE.findall(re.sub(r"\s", "", line)):
            assert sentence in flat, (n, sentence)


def test_sample_doubled_word_is_reported_not_removed(sample_text):
    page = cleaner.clean(sample_text)
    du10 = [d for d in page.diagnostics if d.code == "DU10"]
    assert [(d.line, page.source_text[d.source[0] : d.source[1]]) for d in du10] == [(61, "送餐送餐")]
    assert "送餐送餐" in page.text


# -- 1, 2: neighbours ------------------------------------------------------------------------

def test_block_repeating_the_previous_tail_with_an_ocr_difference():
    tail = P1[-30:].replace("，", "、", 1)
    page = run(f"{P1}\n\n{tail}\n\n{P2}\n")
    (e,) = dedup_edits(page)
    assert e.code == "DU01" and e.before.startswith(tail)
    assert twin_text(page, e) == P1[-30:]
    assert blocks(page.text) == [P1, P2]
    assert_consistent(page)


@pytest.mark.parametrize(
    "copy",
    [
        P2[:24],  # exact
        P2[:5] + P2[6:24],  # a dropped character
        P2[:10] + P2[9] + P2[10:24],  # a doubled character
        P2[:7] + "天" + P2[8:24],  # a substitution
    ],
    ids=["exact", "dropped", "doubled", "substituted"],
)
def test_block_repeating_the_next_head(copy):
    page = run(f"{P1}\n\n{copy}\n\n{P2}\n")
    (e,) = dedup_edits(page)
    assert e.code == "DU02"
    assert page.source_text[e.twin_source[0] : e.twin_source[1]] == P2[: e.twin_source[1] - e.twin_source[0]]
    assert blocks(page.text) == [P1, P2]
    assert_consistent(page)


def test_block_repeating_a_stretch_just_before_the_previous_end():
    x = P1 + "（完）"
    copy = P1[-24:].replace("二十", "二千")
    page = run(f"{x}\n\n{copy}\n\n{P2}\n")
    (e,) = dedup_edits(page)
    assert e.code == "DU01" and "end 3 before the end" in e.note
    assert twin_text(page, e) == P1[-24:]
    assert blocks(page.text) == [x, P2]


def test_overlap_glued_to_the_next_block_is_trimmed_only():
    x = "今年冬天，青城公园的冰面上格外热闹，冬泳也是呼市人民喜"
    y = "冬泳也是呼市人民喜爱的一项活动，每天清晨都有上百人来这里锻炼。"
    page = run(f"{x}\n\n{y}\n")
    (e,) = dedup_edits(page)
    assert (e.code, e.before) == ("DU03", "冬泳也是呼市人民喜")
    assert twin_text(page, e) == "冬泳也是呼市人民喜"
    assert page.text == f"{x}\n\n爱的一项活动，每天清晨都有上百人来这里锻炼。\n"  # joining is rejoin's call
    assert_consistent(page)


def test_next_columns_first_line_read_early_goes_from_the_block_before():
    # the block before ends a sentence, then holds the next paragraph's opening (with an OCR
    # slip: 机阠 for 机器); that copy goes, the next paragraph keeps its clean opening, and the
    # two paragraphs stay two
    opening = "工业机器人产量增长32.6%，智能制造"
    x = "本报讯（记者 石建华）一季度全省高技术制造业增加值增长18.3%，增速持续加快。" + opening.replace("机器", "机阠")
    y = opening + "装备需求旺盛，其中服务机器人产量增长21.4%。"
    page = cleaner.clean(f"{x}\n\n{y}\n")
    (e,) = dedup_edits(page)
    assert (e.code, e.before) == ("DU03", opening.replace("机器", "机阠"))
    assert twin_text(page, e) == opening
    assert page.text.split("\n\n") == [x[: -len(opening)], y + "\n"]
    assert cleaner.replay(page.source_text, page.edits) == page.text
    assert cleaner.clean(page.text).edits == []
    # a quotation opening the next paragraph, read early, goes the same way
    quote = "“以前家里温度只有十五六度，老人孩子都得穿棉袄。今年一进屋就"
    y3 = quote + "暖和了。”家住东关小区的居民李大爷说。"
    page = cleaner.clean(f"{x[: -len(opening)]}{quote.replace('老人', '耂人')}\n\n{y3}\n")
    assert page.text.split("\n\n") == [x[: -len(opening)], y3 + "\n"]
    # a copy that starts mid-sentence is the block before's own end read again: it stays there
    x2 = "今年冬天，青城公园的冰面上格外热闹，" + opening
    page = run(f"{x2}\n\n{y}\n")
    (e,) = dedup_edits(page)
    assert e.before == opening and page.text.startswith(x2 + "\n\n装备需求旺盛")


def test_unreadable_blocks_are_not_aligned():
    # U+FFFD is a decoding failure: a "repeat" found in such text is noise, and trimming it made
    # cleaning the output again change it (bench/fuzz.py on mojibake)
    x = "今年冬天，青城公园的冰面上格外热闹，冬泳也是呼\ufffd市人民喜"
    y = "冬泳也是呼\ufffd市人民喜爱的一项活动，每天清晨都有上百人来这里锻炼。"
    page = run(f"{x}\n\n{y}\n")
    assert dedup_edits(page) == []


def test_overlap_below_min_chars_is_kept_and_the_option_moves_it():
    x, y = "冬泳也是呼市人民喜", "呼市人民喜爱的一项活动，每天清晨都有上百人来这里锻炼。"
    assert dedup_edits(run(f"{x}\n\n{y}\n")) == []  # 5 characters < min_chars 6
    page = run(f"{x}\n\n{y}\n", dedup__min_chars=4)
    assert [e.before for e in dedup_edits(page)] == ["呼市人民喜"]


def test_overlap_never_grows_by_a_unique_character():
    assert find_overlap("冬泳也是呼市人民喜", "呼市人民喜爱的一项活动", 5, 400, 0.1) == (5, 5, 0)
    assert find_overlap("冬泳也是呼市人民喜", "呼市人民喜爱的一项活动", 6, 400, 0.1) is None


def test_stray_spaces_are_no_ocr_difference_between_two_copies():
    # short blocks keep their spaces (punct reads them as headings): the copies align without them
    x = "走进位 于高 新区的云智数据中心，一排"
    y = "进位于高 新区的云智数 据中心、一排"
    (e,) = dedup_edits(run(f"数字经济跑出“加速度”\n\n{x}\n\n{y}\n\n排服务器机柜整齐排列，指示灯闪烁不停。\n"))
    assert e.code == "DU01" and e.before.strip() == y and "1 OCR difference" in e.note
    # a copy of the head with spaces in it: the removed span ends after the copy's last character
    page = run("本报讯（记者 赵 鹏飞）在\n\n（记 者 赵鹏　飞）在晋能控股集团某煤矿的智能调度中心，工作人员轻点鼠标。\n")
    (e,) = dedup_edits(page)
    assert e.before == "（记 者 赵鹏　飞）在" and "\n\n晋能控股集团" in page.text


def test_of_two_copies_the_one_the_page_bears_out_is_kept():
    # 负责人 occurs elsewhere on the page, 负责入 nowhere: whichever block holds the misread copy
    # loses it, and the other keeps its own
    lead = "本报讯（记者 王五）省科技厅负责人介绍，我省量子通信研究取得新进展。\n\n"
    foot = "\n\n项目负责人表示，团队将继续攻关。\n"
    good, bad = "研究团队负责人介绍，此次实验的成码率比", "研究团队负责入介绍，此次实验的成码率比"
    # a block that is all copy, the misread one after it (DU02 would drop the right one)
    page = run(lead + good + "\n\n" + bad + "此前提高了约10倍。" + foot)
    (e,) = dedup_edits(page)
    assert e.before == bad and "负责人介绍" in page.text and "负责入" not in page.text
    # a paragraph's end misread, read right at the head of the next block
    page = run(lead + "团队攻关多年。" + bad[:-3] + "\n\n" + good[:-3] + "成码率比此前提高了约10倍。" + foot)
    (e,) = dedup_edits(page)
    assert e.before == bad[:-3] and "负责入" not in page.text
    # nothing on the page tells: the block after keeps its own read (as before)
    page = run(good + "\n\n" + bad + "此前提高了约10倍。\n")
    assert [e.before for e in dedup_edits(page)] == [good + "\n\n"]


def test_the_better_copy_is_told_by_its_own_page_only():
    # a file cleaned whole must keep the copy that page by page cleaning keeps
    other = "省科技厅负责人介绍，项目负责人表示，该负责人说，团队将继续攻关。\n"
    page = "研究团队负责人介绍，此次实验的成码率比\n\n研究团队负责入介绍，此次实验的成码率比此前提高了约10倍。\n"
    alone = run(page).text
    assert run(other + "\f\n" + page).text.endswith(alone)


def test_a_copy_found_with_its_spaces_is_still_found_and_marks_never_pick_a_copy():
    # ``（记者 武晓`` is six characters with its space, five without: aligned as it stands first
    page = run("春耕备耕正当时\n\n本报讯（记者 武 晓\n\n（记者 武晓 霞）眼下正值春耕备耕关键期，祁县各乡镇组织农技人员深入田间。\n")
    (e,) = dedup_edits(page)
    assert e.code == "DU03" and e.before.startswith("（记者 武晓")
    # a comma against an enumeration comma: the page cannot tell, the block after keeps its own
    assert better_copy("基金，支持、支持、支持", "引导基金，支持", "引导基金、支持") == 0
    # a third read that shares one copy's error is no evidence for it, and how common a character
    # is alone tells nothing (OCR misreads into the commonest: 老字号 as 老一号)
    a, b = "校舍开展了全覆盖检查。", "校舍开展亇全覆盖检查。"
    assert better_copy(f"{a}{b}各校开展亇内覆盖检查。", a, b) == 0
    a, b = "引入非遗工坊和老字号。", "引入非遗工坊和老一号。"
    assert better_copy(f"{a}{b}一是一，二是二，一年一度，一个一个。", a, b) == 0


def test_overlap_does_not_take_a_doubled_character_as_an_ocr_insertion():
    # the copy is exact up to 一点; 点点 is the text's own: taking the second 点 as an inserted
    # character of a longer copy silently lost it (一点修整)
    x = "在平遥古城西大街的一处院落里，梁文明正弓着腰，用刨子一点"
    y = "一处院落里，梁文明正弓着腰，用刨子一点点修整一根木梁。"
    assert find_overlap(x, y, 6, 400, 0.1) == (19, 19, 0)
    (e,) = dedup_edits(run(f"守护千年古建\n\n{x}\n\n{y}\n"))
    assert e.before == y[:19] and e.code == "DU03"


# -- 3: paragraphs and sentences read twice ----------------------------------------------------

def test_paragraph_read_twice_elsewhere_on_the_page_with_ocr_errors():
    copy = P1.replace("志愿者", "志原者").replace("出行", "出们")
    page = run(f"标题一则\n\n{P1}\n\n{P2}\n\n{P3}\n\n{copy}\n")
    (e,) = dedup_edits(page)
    assert e.code == "DU04" and "2 OCR differences" in e.note
    assert twin_text(page, e) == P1
    assert page.text.count("城南街道组织") == 1
    assert_consistent(page)


def test_adjacent_paragraph_read_twice():
    page = run(f"{P1}\n\n{P1}\n\n{P2}\n")
    assert [e.code for e in dedup_edits(page)] == ["DU04"]
    assert blocks(page.text) == [P1, P2]


def test_sentence_read_twice_inside_a_paragraph():
    s = "累计出动人员八百余人次，清运积雪三百余车。"
    text = f"据了解，入冬以来街道已组织清雪行动六次。{s}{s.replace('三百', '三白')}群众纷纷点赞。"
    page = run(text + "\n")
    (e,) = dedup_edits(page)
    assert e.code == "DU05" and e.before == s.replace("三百", "三白")
    assert twin_text(page, e) == s
    assert page.text == f"据了解，入冬以来街道已组织清雪行动六次。{s}群众纷纷点赞。\n"
    assert_consistent(page)


def test_column_overlap_joined_into_a_hard_wrapped_paragraph():
    text = (
        "报道刊发后，市里相关部门高度重\n视，迅速行动，及时扶正倾倒路牌\n并加固基座。周边市民表示，修复\n"
        "视、迅速行动，及时扶正倾倒路牌\n并加固基座。周边市民表示，修复\n后的路牌让出行更安心，城市道路\n环境更整洁规范。\n"
    )
    page = run(text)
    (e,) = dedup_edits(page)
    assert (e.code, e.line, e.twin_line) == ("DU05", 4, 2)
    assert e.before == "视、迅速行动，及时扶正倾倒路牌并加固基座。周边市民表示，修复"
    assert page.text == (
        "报道刊发后，市里相关部门高度重视，迅速行动，及时扶正倾倒路牌并加固基座。周边市民表示，修复后的路牌让出行更安心，"
        "城市道路环境更整洁规范。\n"
    )
    assert_consistent(page)


def test_quoted_sentence_read_twice_keeps_the_closing_quote():
    text = "“以前爬到六楼要歇两三回，现在按一下按钮就到家了。“以前爬到六楼要歇两三回，现在按一下按钮就到家了。”家住三楼的李大爷说。\n"
    page = run(text)
    assert page.text == "“以前爬到六楼要歇两三回，现在按一下按钮就到家了。”家住三楼的李大爷说。\n"


# -- 4: page furniture -------------------------------------------------------------------------

def test_running_heads_editor_lines_and_page_numbers_go_to_meta():
    text = (
        "人民日报 1998年1月25日 星期日 第5版\n\n城南街道清雪保畅通\n\n" + P1 + "\n\n" + P2
        + "\n\n（下转第4版）\n\n责任编辑：韩雪松\n\n本版编辑：王五 美编：赵六\n\n5\n"
    )
    page = run(text)
    assert {e.code for e in dedup_edits(page)} == {"DU06", "DU07", "DU08"}
    assert page.meta["furniture"] == [
        {"kind": "running_head", "text": "人民日报 1998年1月25日 星期日 第5版", "page": 1},
        {"kind": "editor", "text": "责任编辑：韩雪松", "page": 1},
        {"kind": "editor", "text": "本版编辑：王五 美编：赵六", "page": 1},
        {"kind": "page_number", "text": "5", "page": 1},
    ]
    assert page.text == f"城南街道清雪保畅通\n\n{P1}\n\n{P2}\n\n（下转第4版）\n\n"  # jump marker: segment's
    assert_consistent(page)


def test_a_page_number_that_cuts_a_sentence_goes_and_the_sentence_is_rejoined():
    text = (
        "小区物业暖心举措多\n\n本报讯（记者 锦秀）近日，平城区城市维也纳小区物业推\n\n2\n\n"
        "出为健身器材“穿毛衣”、搭建爱心驿站等暖心举措，以细致服务为业主送去冬日暖意。\n"
    )
    page = cleaner.clean(text)
    assert [e.code for e in page.edits if e.code.startswith("DU")] == ["DU07"]
    assert page.meta["furniture"] == [{"kind": "page_number", "text": "2", "page": 1}]
    assert "小区物业推出为健身器材" in page.text and "推2出" not in page.text
    # a number after a finished paragraph (a list, a figure) is content: dedup keeps it
    text = "活动分三个阶段进行。\n\n2\n\n第二阶段为集中整治，时间为3月至5月，重点解决群众反映强烈的问题。\n"
    page = cleaner.clean(text, passes=["dedup"])
    assert not page.edits and "\n\n2\n\n" in page.text


def test_a_running_head_read_again_with_an_ocr_error_goes_too():
    head = "晋北日报 2026年2月6日 星期五 第2版"
    text = (
        f"{head}\n\n城南街道清雪保畅通\n\n" + P1 + "\n\n" + head.replace("第", "丈") + "\n\n" + P2 + "\n"
    )
    page = cleaner.clean(text)
    assert [e.code for e in page.edits if e.code.startswith("DU")] == ["DU06", "DU06"]
    assert [f["text"] for f in page.meta["furniture"]] == [head, head.replace("第", "丈")]
    assert "丈2版" not in page.text and P2 in page.text
    # a title that merely shares words with the head is no copy of it
    assert "城南街道清雪保畅通" in page.text


FURNITURE_LINES = {
    "人民日报 1998年1月25日 星期日 第5版": "running_head",
    "大同日报 2026年2月6日 星期五 第3版": "running_head",
    "2026.02.06 星期五 第3版 要闻": "running_head",
    "晋北日报 第2版": "running_head",
    "晋中日报 2026年4月8日 笫7版": "running_head",  # 笫: OCR's 第, the only copy on the page
    "苐16版 民生 2026年6月18日": "running_head",  # 苐 too
    "责任编辑：韩雪松": "editor",
    "本版编辑：王五 美编：赵六": "editor",
    "值班编辑：邢文博 美编：钟灵": "editor",  # (a probe: 值班 was read as the start of a heading)
    "（责任编辑：张三）": "editor",
    "责任编辑 张三": "editor",
    "- 2 -": "page_number",
    "第5页": "page_number",
    "12": "bare",  # a page number only at the top or foot of a page
    "（下转第4版）": None,  # segment's
    "本报记者 李雪峰": None,
    "全省两会专访": None,
    "2026年2月6日": None,
    "增强了信心 凝聚了力量": None,
    "编辑部地址": None,
    "第1版": "head_part",  # a running head's own line: furniture only beside furniture
    "汾河日报": "head_part",
    "关于加强春季防火工作的情况通报": None,
}


@pytest.mark.parametrize("line,kind", FURNITURE_LINES.items())
def test_furniture_lines(line, kind):
    assert DedupPass._furniture_kind(line) == kind


def test_a_running_head_set_over_several_lines_goes_whole():
    head = "2024年3月5日 星期二\n第1版\n汾河日报\n\n"
    text = (head + "数字经济跑出“加速度”\n\n本报讯（记者 石晓川）今年前两个月，全省数字经济核心产业营业收入同比增长12.6%。\n\n\n"
            + head + "让科研成果在田间“落地生根”\n\n作为一名扎根农业科研28年的研究员，贺春林选育出11个谷子新品种。\n")
    page = cleaner.clean(text)
    assert [(r.type, r.title) for r in page.articles] == [
        ("article", "数字经济跑出“加速度”"), ("article", "让科研成果在田间“落地生根”")]
    assert [f["text"] for f in page.meta["furniture"]].count("汾河日报") == 2
    # the paper's name alone, with no running head beside it, is kept
    assert cleaner.clean("汾河日报\n\n本报讯（记者 王五）今天，天气很好。\n").text.startswith("汾河日报\n")


def test_a_piece_cut_mid_word_read_again_alone_goes_and_the_paragraph_is_rejoined():
    text = (
        "小小零工站\n\n本报讯（记者 庞悦）去年以来，榆次区建成零工驿站23个，为灵活就业人员牵线搭桥。\n\n"
        "区人社局相关负\n\n社局相关负\n\n责人介绍，今年将在零工驿站增设技能培训服务。\n"
    )
    page = cleaner.clean(text)
    assert page.articles[0].paragraphs[-1] == "区人社局相关负责人介绍，今年将在零工驿站增设技能培训服务。"
    assert [e.code for e in page.edits if e.code.startswith("DU")] == ["DU01"]
    # a title and a subtitle that ends the same way are no such piece
    title = "坚持人民至上\n\n人民至上\n\n本报讯（记者 王五）今天，全市召开会议部署相关工作。\n"
    assert cleaner.clean(title).articles[0].subtitles == ["人民至上"]


def test_running_head_glued_to_the_title_by_line_joining_keeps_the_title():
    text = "人民日报 1998年1月25日 星期日 第5版\n乡村振兴新图景\n　　本报讯（记者 王五）春耕时节，\n田间地头一派繁忙景象。\n"
    page = cleaner.clean(text)
    assert page.text.startswith("乡村振兴新图景\n\n本报讯")
    assert page.meta["furniture"] == [{"kind": "running_head", "text": "人民日报 1998年1月25日 星期日 第5版", "page": 1}]
    assert page.articles[0].title == "乡村振兴新图景"


def test_multi_page_dump_lines_repeated_at_page_edges():
    pages = []
    titles = ["城南街道清雪保畅通", "入冬以来清雪六次", "做好应急值守", "志愿者走上街头"]
    for n, p in enumerate([P1, P2, P3, P1.replace("3月2日", "3月3日")], 1):
        pages.append(f"大同日报 2026年2月{n}日 星期五 第{n}版\n\n晋北新闻\n\n{titles[n - 1]}\n\n{p}\n\n本报地址：迎泽大街108号\n\n- {n} -\n")
    page = run("\f".join(pages))
    kinds = [(f["kind"], f["page"]) for f in page.meta["furniture"]]
    assert kinds.count(("running_head", 1)) == 2  # the dated head and the repeated section line
    assert ("running_foot", 4) in kinds and ("page_number", 3) in kinds
    assert "本报地址" not in page.text and "晋北新闻" not in page.text
    assert page.text.count("\f") == 3  # page breaks are never removed
    assert all(t in page.text for t in titles)
    assert_consistent(page)


# -- what must never be removed ----------------------------------------------------------------

NEGATIVES = {
    "same byline in two articles": f"标题一\n\n{P1}\n\n本报记者 李雪峰\n\n标题二\n\n{P3}\n\n本报记者 李雪峰\n",
    "same dateline formula": f"本报讯（记者 丁亚琴）近日，大同大学再获两项殊荣。\n\n本报讯（记者 丁亚琴）日前，广胜街倾倒路牌已修复。\n",
    "reduplication": "大家坐下来研究研究，商量商量，看看怎么把产业做强做大做优，高高兴兴过个年。\n",
    "short common phrases": f"一是加强领导。\n\n{P1}\n\n一是加强领导。\n\n{P2}\n\n全省两会专访\n\n{P3}\n\n全省两会专访\n",
    "parallel sentences differing in numerals": "第一批次共有中选药品三十一个品种，全部执行团购价格。第二批次共有中选药品三十一个品种，全部执行团购价格。\n",
    "anaphora across paragraphs": "我们要坚定不移地坚持人民至上。\n\n我们要坚定不移地坚持人民至上，把群众冷暖放在心上。\n",
    "bare number inside the page": f"{P1}\n\n267\n\n{P2}\n",
    "place name before a compound": "——晋城市城市书房建设见闻\n\n书房里坐满了读者。\n",
    "heading leading into its paragraph": "代表委员话发展\n\n代表委员话发展：这次采访让我很受触动。\n",
    "title repeated as the opening words": "广胜街倾倒路牌已修复\n\n广胜街倾倒路牌已修复，牌面清晰、安装牢固。\n",
}


@pytest.mark.parametrize("text", NEGATIVES.values(), ids=NEGATIVES.keys())
def test_negatives_are_left_alone(text):
    page = run(text)
    assert dedup_edits(page) == []
    assert not [d for d in page.diagnostics if d.code == "DU10"]
    assert page.text == text


@pytest.mark.parametrize("case", ["heading leading into its paragraph", "title repeated as the opening words"])
def test_heading_leading_into_its_paragraph_is_reported(case):
    page = run(NEGATIVES[case])
    assert [d.code for d in page.diagnostics] == ["DU09"]


# -- options, idempotence, replay ----------------------------------------------------------------

DAMAGED = (
    "晋北日报 2026年3月12日 星期四 第2版\n\n城南街道清雪保畅通\n\n" + P1 + "\n\n" + P1[-20:] + "\n\n"
    + P2 + "\n\n" + P3[:15] + "\n\n" + P3 + "\n\n" + P1 + "\n\n- 2 -\n"
)


def test_report_only_changes_nothing_and_reports_everything():
    removed = {e.code for e in dedup_edits(run(DAMAGED))}
    page = run(DAMAGED, dedup__report_only=True)
    assert dedup_edits(page) == []
    assert "furniture" not in page.meta
    assert {d.code for d in page.diagnostics} == removed
    assert page.text == DAMAGED


def test_damaged_page_is_repaired_idempotently_and_replays():
    page = run(DAMAGED)
    assert [e.code for e in dedup_edits(page)] == ["DU06", "DU01", "DU02", "DU04", "DU07"]
    assert blocks(page.text) == ["城南街道清雪保畅通", P1, P2, P3]
    assert_consistent(page)
    again = cleaner.clean(cleaner.clean(DAMAGED).text)
    assert dedup_edits(again) == []


def test_every_removal_names_its_kept_twin():
    page = run(DAMAGED)
    for e in dedup_edits(page):
        if e.code in ("DU01", "DU02", "DU03", "DU04", "DU05"):
            assert e.twin_source and e.twin_line
            kept = twin_text(page, e)
            assert kept and kept in page.text


def test_error_rate_option_decides_what_counts_as_a_copy():
    tail = P1[-30:].replace("，", "、", 1)
    text = f"{P1}\n\n{tail}\n\n{P2}\n"
    assert [e.code for e in dedup_edits(run(text))] == ["DU01"]
    assert dedup_edits(run(text, dedup__max_error_rate=0.0)) == []
    with pytest.raises(ValueError):
        run(P1, dedup__no_such_option=1)


def test_cli_report_duplicates_lists_them_and_keeps_the_text():
    from click.testing import CliRunner

    from cleaner.cli import cli

    r = CliRunner().invoke(cli, ["clean", "--report-duplicates"], input=DAMAGED)
    assert r.exit_code == 0
    assert P1[-20:] + "\n" in r.stdout and "第2版" in r.stdout
    lines = [x for x in r.stderr.splitlines() if ": DU" in x]
    assert [x.split()[1] for x in lines] == ["DU06", "DU01", "DU02", "DU04", "DU07"]
    assert lines[1].startswith("<stdin>:7:1: DU01 repeats the last 20 characters")


def test_removing_a_copy_keeps_the_wider_gap_so_the_next_record_stays_apart():
    # the copy of the tail sits between two stories: one blank line before it, three after it
    text = (
        "热线中心建立专班督办机制\n\n"
        "本报讯（记者 钱伟）对群众反映集中的问题，热线中心建立了专班督办机制，按时办结率达到98.7%。\n\n"
        "立了专班督办机制，按时办结率达到98.7%。\n\n\n\n"
        "雨后的古城墙下，游人撑伞漫步，青砖黛瓦与新绿相映成趣。\n\n"
        "文/图 本报记者 钱伟\n"  # the dateline's reporter: nothing but the gap splits the caption off
    )
    page = cleaner.clean(text)
    removed = [e for e in page.edits if e.code == "DU01"]
    assert len(removed) == 1 and removed[0].line == 5 and removed[0].col == 1
    assert "98.7%。\n\n\n雨后" in page.text  # two records apart, not one
    assert [(a.type, a.title) for a in page.articles] == [("article", "热线中心建立专班督办机制"), ("caption", None)]
    assert page.articles[1].authors == ["钱伟"]
    assert cleaner.clean(page.text).text == page.text


def test_an_overlap_is_never_trimmed_across_a_digit():
    # ``…建议20`` / ``…建议200余条``: the copies differ in a digit, the exact 15-character copy is the overlap
    text = (
        "工作组深入沿线村庄走访调研，征求意见建议20\n\n"
        "村庄走访调研，征求意见建议200余条，形成了线路优化方案，并将于下月起分批实施。\n"
    )
    page = cleaner.clean(text)
    assert "征求意见建议200余条" in page.text
    assert page.text.count("征求意见建议") == 1


def test_a_bare_number_beside_a_running_head_mid_page_is_a_page_number():
    text = (
        "寒冬腊月，户外健身器材冰凉易滑，小区物业为器材裹上了防滑保温套，居民锻炼更安心。\n\n"
        "大同日报 2026年2月6日 星期五 第3版\n\n3\n\n"
        "与此同时，该小区物业将温暖延伸到户外劳动者，环卫工人可随时进门歇脚、喝口热水。\n"
    )
    page = cleaner.clean(text)
    assert "3与此同时" not in page.text and "\n与此同时" in page.text
    assert [e.code for e in page.edits if e.code.startswith("DU")] == ["DU06", "DU07"]
    assert {f["kind"] for f in page.meta["furniture"]} == {"running_head", "page_number"}


def test_a_paragraph_read_again_whole_inside_a_column_break_is_removed():
    para = "此次药品集采采购周期为2026年1月31日至2027年12月31日。市医保局要求，医疗机构应畅通渠道，确保群众用上集采药品。"
    text = (
        "此次药品集采采购周期为2026年1月31日至2027年12月31日。市医保\n\n"
        "局要求，医疗机构应畅通渠道，确保群众用上集采药品。\n\n"
        "一批批青年学子深入基层、\n\n" + para + "\n\n服务乡村，记录下许多鲜活的故事。\n"
    )
    page = cleaner.clean(text)
    assert page.text.count("此次药品集采") == 1
    assert [e.code for e in page.edits if e.code.startswith("DU")] == ["DU04"]
    assert "深入基层、服务乡村" in page.text and para in page.text


def test_a_head_copy_after_a_column_break_or_with_an_open_quote_is_no_title():
    # after ``…更加自`` (a paragraph cut mid-word) the copy cannot be a title: it goes, the pieces join
    cut = (
        "全省各级政协组织要深刻领悟“两个确立”的决定性意义，落实到履行职能全过程各方面。更加自\n\n"
        "觉地在省委领导下履行职责\n\n"
        "觉地在省委领导下履行职责、开展工作，充分发挥人民政协的显著政治优势。\n"
    )
    page = cleaner.clean(cut)
    assert [e.code for e in page.edits if e.code.startswith("DU")] == ["DU02"]
    assert "更加自觉地在省委领导下履行职责、开展工作" in page.text and page.text.count("觉地在省委") == 1
    # an opening quote without its close is no title either (one OCR difference in the copy)
    quote = (
        "赵秀英从小跟着奶奶学剪纸，一剪就是五十年。\n\n"
        "“剪纸是耀祖宗留下来的宝贝\n\n"
        "“剪纸是老祖宗留下来的宝贝，不能在我们这一代人手里断了。”赵秀英说。\n"
    )
    page = cleaner.clean(quote)
    assert page.text.count("剪纸是") == 1 and "“剪纸是老祖宗" in page.text
    # while a real title repeated as the opening words is kept (DU09)
    title = "广胜街倾倒路牌已修复\n\n广胜街倾倒路牌已修复，相关部门高度重视，迅速行动，及时扶正倾倒路牌并加固基座。\n"
    page = cleaner.clean(title)
    assert page.text.count("广胜街倾倒路牌已修复") == 2 and "DU09" in {d.code for d in page.diagnostics}


def test_a_running_head_removed_mid_page_leaves_the_narrower_gap():
    # two scans run together: the head of the second sits inside an article, two blank lines after it
    text = (
        "小店铺里的大梦想\n\n本报讯（记者 周敏）浑源县返乡青年陈小宇开了一家网店，专卖家乡的黄花和小米，生意越做越红火。\n\n"
        "大同日报 2026年2月6日 星期五 第3版\n\n\n"
        "如今，他的网店已带动周边30多户农户增收，今年还打算建一座冷库，让黄花四季都能卖上好价钱。\n\n本报记者 周敏\n"
    )
    page = cleaner.clean(text)
    assert [e.code for e in page.edits if e.code.startswith("DU")] == ["DU06"]
    assert len(page.articles) == 1 and len(page.articles[0].paragraphs) == 2
    assert page.articles[0].byline == "本报记者 周敏"


def test_doubled_words_at_run_edges_are_the_matches_of_a_full_scan():
    """DU10's scan from the edges of Han runs finds exactly the matches of ``DOUBLED_RE.finditer``
    that start or end a run (in a window, as for one block), on texts dense in doubled words."""
    import random

    from cleaner.passes.dedup import DOUBLED_RE, _doubled_at_run_edges

    rnd = random.Random(7)
    for _ in range(3000):
        text = "".join(rnd.choice(rnd.choice(["甲乙", "甲乙丙丁", "甲乙，", "甲乙丙 a"])) for _ in range(rnd.randint(0, 24)))
        lo = rnd.randint(0, len(text))
        hi = rnd.randint(lo, len(text))
        window = text[lo:hi]
        edges = [
            (m.start() + lo, m.end() + lo, m.group(1)) for m in DOUBLED_RE.finditer(window)
            if m.start() == 0 or not re.match("[\u4e00-\u9fff]", window[m.start() - 1])
            or m.end() == len(window) or not re.match("[\u4e00-\u9fff]", window[m.end()])
        ]
        assert _doubled_at_run_edges(window, lo) == edges, (text, lo, hi)


def test_best_tail_is_what_trying_every_length_finds():
    """``_best_tail`` tries tail lengths nearest ``k`` first and stops early; it must pick what
    trying every length within ``d`` picks: fewest edits, then nearest ``k``, then the shorter
    tail, never one that changes a numeral."""
    import random

    from rapidfuzz.distance import Levenshtein

    from cleaner.passes.dedup import _best_tail, _numeral_change

    def every_length(x, yk, d):
        k, best = len(yk), None
        for n in range(max(1, k - d), min(len(x), k + d) + 1):
            dist = Levenshtein.distance(yk, x[-n:], score_cutoff=d)
            if dist <= d and (best is None or (dist, abs(n - k)) < (best[2], abs(best[0] - k))):
                if not (dist and _numeral_change(x[-n:], yk)):
                    best = (n, k, dist)
        return best

    rnd = random.Random(11)
    for _ in range(3000):
        alphabet = rnd.choice(["甲乙", "甲乙丙丁戊己", "甲乙2一"])
        yk = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 24)))
        copy = list(yk)
        for _ in range(rnd.randint(0, 4)):  # OCR differences: changed, dropped or added characters
            i = rnd.randrange(len(copy) + 1)
            if i == len(copy) or rnd.random() < 0.4:
                copy.insert(i, rnd.choice(alphabet))
            elif rnd.random() < 0.5:
                copy[i] = rnd.choice(alphabet)
            else:
                del copy[i]
        x = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))) + "".join(copy)
        d = rnd.randint(0, 5)
        assert _best_tail(x, yk, d) == every_length(x, yk, d), (x, yk, d)


def test_a_question_read_twice_goes_like_a_statement():
    # the clauses DU05 screens end at ``？`` and ``！`` too, quoted or not
    for text in (
        "开学第一课上，老师提问：“遇到陌生人敲门怎么办？”“过马路要看什么灯？”“过马路要看什么灯？”课堂上，孩子们抢着举手回答。\n",
        "开学第一课上，老师提问：遇到陌生人敲门怎么办？过马路要看什么颜色的灯？过马路要看什么颜色的灯？孩子们抢着举手回答。\n",
    ):
        page = cleaner.clean(text)
        assert [e.code for e in page.edits] == ["DU05"]
        assert page.text.count("过马路") == 1


def test_a_sentence_read_twice_across_a_column_cut_goes_whole():
    # the copy starts at the end of one block (``周三``) and goes on in the next: both parts go,
    # or ``周三`` would run on into the paragraph after
    s = "周三前后最高气温可升至14℃，受冷空气影响，周六最低气温将降至零下8℃，阵风可达7级。"
    text = (
        f"本报讯（记者 乔雅楠）记者从市气象台获悉，本周我市天气以晴到多云为主。{s}周三\n\n{s[2:]}\n\n"
        "气象专家提醒，本周气温起伏较大，市民不要过早减少衣物。\n"
    )
    page = cleaner.clean(text)
    assert page.text == f"本报讯（记者 乔雅楠）记者从市气象台获悉，本周我市天气以晴到多云为主。{s}\n\n气象专家提醒，本周气温起伏较大，市民不要过早减少衣物。\n"
    assert sorted(e.code for e in page.edits if e.code.startswith("DU")) == ["DU01", "DU03"]
    # a block whole inside the next one, after what follows it there too: the sentence read twice
    # is found once the pieces are joined, and the block's own start stays
    s = "母亲有个针线笸箩，是用高粱秆编的，边沿已经磨得发亮。"
    text = f"母亲的针线笸箩\n\n{s[:-3]}\n\n{s[-3:]}{s}笸箩里装着顶针、线轴、碎布头，还有一本夹满鞋样的旧书。\n"
    page = cleaner.clean(text)
    assert page.text == f"母亲的针线笸箩\n\n{s}笸箩里装着顶针、线轴、碎布头，还有一本夹满鞋样的旧书。\n"
    # the same with the cut inside the copy's last word: ``…以上。今年…4.6`` / ``亿元。今年…4.6亿元。``
    # is no overlap with two OCR differences (以上/亿元), which left ``96%亿元``
    # (the story after it has ``亿元`` twice, the page's evidence that made ``亿元`` the better read)
    s = "今年，阳泉市计划再推进8座煤矿智能化改造，总投资约4.6亿元。"
    a = "据了解，该矿还部署了基于AI视频分析的安全监测系统，识别准确率达到96%以上。"
    after = (
        "稳住基本盘 跑出加速度\n\n——写在全市项目建设推进会召开之际\n\n"
        "新春伊始，我市各重点项目工地塔吊林立。今年全市共谋划实施省市重点工程项目238个，"
        "总投资2156.8亿元，年度计划投资416亿元，数量和规模均创历史新高。\n"
    )
    text = f"{a}{s[:-3]}\n\n\n{s[-3:]}{s}\n\n\n\n{after}"
    assert cleaner.clean(text).text.startswith(f"{a}{s}\n\n\n")
    # the copy's first character ends the block (``…相关。修`` / ``鞋…相关。近年来``): no overlap
    # with ``修`` read as ``近``, which left ``修年来``
    s = "修鞋、配钥匙、改裤脚、换拉链……这些看似不起眼的“小修小补”，却与群众日常生活息息相关。"
    text = f"让“小修小补”不再难找\n\n　　{s}{s[0]}\n\n\n{s[1:]}近年来，随着老旧街区改造，便民维修点越来越少。\n"
    assert f"{s}近年来，随着老旧街区改造" in cleaner.clean(text).text
    # six characters of the copy left at the end, four differences in the overlap found
    s = "她所在的修复团队共有7人，先后修复馆藏古籍2100余册，其中包括明代《云岩诗钞》残本等珍贵文献。"
    text = f"今年是邵静怡从事古籍修复的第16个年头。{s}{s[:6]}\n\n{s[6:]}“修复不是把书变新，而是让它延年益寿。”她说。\n"
    assert cleaner.clean(text).text == f"今年是邵静怡从事古籍修复的第16个年头。{s}“修复不是把书变新，而是让它延年益寿。”她说。\n"


def test_a_copy_at_the_top_of_the_next_column_takes_the_column_breaks_gap_with_it():
    # the three blank lines before the copy are the column break's, the one after it the story's:
    # removing the copy with the gap after it left a wide gap that parted the story in two
    s = "她的教练何立新说，这孩子悟性好、能吃苦，输了球从来不哭，回去就找原因。"
    text = (
        "乒乓球小将摘得省赛冠军\n\n"
        f"葛欣怡6岁开始学打乒乓球，每天放学后都要在县体育馆训练2至3个小时，寒暑假更是从不间断。{s}{s[:7]}\n\n\n\n"
        f"{s[7:]}\n\n近年来，盂县大力推进体教融合，在全县28所中小学开设乒乓球课程。\n\n（山西阳泉市 戴国庆）\n"
    )
    page = cleaner.clean(text)
    assert [(a.title, len(a.paragraphs), a.authors) for a in page.articles] == [("乒乓球小将摘得省赛冠军", 2, ["戴国庆"])]


def test_a_block_is_no_copy_of_the_cut_paragraph_it_ends():
    # ``…我市深入推进`` / ``燃煤…2遍。去年以来，我市深入推进燃煤…2遍。``: the first piece joined with
    # this block is indexed whole (for a copy elsewhere), and this block, most of that whole, was
    # taken for a copy of it and removed
    s = (
        "燃煤锅炉淘汰、工业企业超低排放改造和清洁取暖改造，全年完成清洁取暖改造3.4万户，自2025年10月15日起"
        "供暖季重点区域每天开展2次走航监测，淘汰老旧柴油货车2100余辆；在城区推行“道路洗扫+雾炮抑尘”作业模式，"
        "重点道路每天冲洗不少于2遍。"
    )
    text = f"成绩的取得来之不易。去年以来，我市深入推进\n\n{s}去年以来，我市深入推进{s}\n\n市生态环境局相关负责人表示，今年将聚焦臭氧和颗粒物协同治理。\n"
    out = cleaner.clean(text).text
    assert out.startswith(f"成绩的取得来之不易。去年以来，我市深入推进{s}")
    assert "市生态环境局相关负责人表示" in out and "推进市生态环境局" not in out


def test_a_figure_the_next_block_goes_on_is_no_page_number():
    text = (
        "好睡眠 从今晚开始\n\n——写在世界睡眠日到来之际\n\n　　3\n\n"
        "月21日是世界睡眠日。在省人民医院睡眠医学中心门诊，前来就诊的患者络绎不绝。\n"
    )
    page = cleaner.clean(text)
    assert "3月21日是世界睡眠日。" in page.text and not [e for e in page.edits if e.code == "DU07"]
