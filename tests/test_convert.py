"""The convert pass: OpenCC conversion (opt-in) and the traditional-script finding."""
from __future__ import annotations

import opencc
from click.testing import CliRunner

import cleaner
from cleaner.cli import cli
from cleaner.edits import replay
from cleaner.passes.convert import changed_runs, converter, has_traditional
from cleaner.patterns import HAN_CHAR_RE

#: an invented traditional-script page, laid out as cleaner's text output
TRADITIONAL_PAGE = (
    "春風送暖就業幫扶活動舉行\n\n"
    "本報訊（記者 董芳 實習生 張璐通）2月4日，新榮區人社局、婦聯、團區委聯合開展春風就業幫扶專項活動，"
    "全力為求職人員和企業搭建供需對接平台。\n\n"
    "活動通過「現場招聘+職業指導+政策諮詢」方式，讓求職者更直觀、便捷地瞭解企業資訊、崗位要求、"
    "薪資待遇及就業幫扶政策，幫助求職者找準適配崗位，提高招聘效率。\n\n"
    "活動累計發放宣傳資料及崗位手冊1000餘份，接待求職諮詢500餘人次，女性求職者占比超過六成。\n\n"
    "本報記者 李雪峰\n"
)
SIMPLIFIED_PAGE = (
    "春风送暖就业帮扶活动举行\n\n"
    "本报讯（记者 董芳 实习生 张璐通）2月4日，新荣区人社局、妇联、团区委联合开展春风就业帮扶专项活动，"
    "全力为求职人员和企业搭建供需对接平台。\n"
)


def test_t2s_page_equals_opencc_output():
    alone = cleaner.clean(TRADITIONAL_PAGE, passes=["convert"], convert__config="t2s")
    assert alone.text.encode("utf-8") == opencc.OpenCC("t2s").convert(TRADITIONAL_PAGE).encode("utf-8")
    # with every pass: the same as cleaning OpenCC's own output
    page = cleaner.clean(TRADITIONAL_PAGE, convert__config="t2s")
    assert page.text == cleaner.clean(opencc.OpenCC("t2s").convert(TRADITIONAL_PAGE)).text
    assert "「現場招聘" not in page.text and "「现场招聘" in page.text  # OpenCC keeps corner brackets
    assert replay(page.source_text, page.edits) == page.text
    assert page.articles[0].title == "春风送暖就业帮扶活动举行"


def test_length_changing_config_equals_opencc_output():
    text = "内存和软件都升级了，鼠标也换了新的，信息化水平显著提高。\n"
    page = cleaner.clean(text, passes=["convert"], convert__config="s2twp")
    assert page.text == opencc.OpenCC("s2twp").convert(text)
    assert len(page.text) != len(text)
    assert replay(text, page.edits) == page.text


def test_one_edit_per_changed_run():
    page = cleaner.clean("經濟發展很好，會議順利。\n", passes=["convert"], convert__config="t2s")
    assert [(e.before, e.after, e.code, e.note) for e in page.edits] == [
        ("經濟發", "经济发", "CV01", "t2s"),
        ("會議順", "会议顺", "CV01", "t2s"),
    ]


def test_changed_runs_groups_neighbours():
    assert changed_runs("ab", "ab") == []
    assert changed_runs("abcd", "xbyz") == [(0, 1, 0, 1), (2, 4, 2, 4)]


def test_converter_is_built_once_per_process():
    assert converter("t2s") is converter("t2s")
    assert converter("t2s") is not converter("s2t")


def test_off_by_default_and_traditional_input_is_flagged():
    page = cleaner.clean(TRADITIONAL_PAGE)
    assert not [e for e in page.edits if e.code[:2] in ("PU", "CV")]
    found = [d for d in page.diagnostics if d.code == "CV02"]
    assert len(found) == 1 and "--convert t2s" in found[0].message and found[0].severity == "info"
    assert found[0].line == 1


def test_simplified_input_is_not_flagged():
    page = cleaner.clean(SIMPLIFIED_PAGE)
    assert not [d for d in page.diagnostics if d.code.startswith("CV")]
    page = cleaner.clean(SIMPLIFIED_PAGE, convert__detect=False)
    assert not page.diagnostics


def test_traditional_table_covers_the_installed_opencc():
    # the detection skips OpenCC on pages without a character of the generated table: the table
    # must hold every character the installed OpenCC converts on its own (else regenerate it:
    # python bench/gen_tradchars.py)
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import gen_tradchars

    missed = [chr(c) for c in gen_tradchars.changed_chars() if not has_traditional(chr(c))]
    assert missed == []
    # and the simplified-only characters (``s2t`` alone) that tell a mixed page from a traditional one
    from cleaner.passes.convert import simplified_re

    assert [c for c in gen_tradchars.changed_chars("s2t") if c < 0x10000 and not simplified_re().match(chr(c))] == []


def test_traditional_search_prefilter():
    assert has_traditional("本報訊") and has_traditional("中𠀀国國") and has_traditional("中𠁞")
    assert not has_traditional(SIMPLIFIED_PAGE) and not has_traditional("中𠀀国𠀀") and not has_traditional("")
    # a phrase-only conversion is not a traditional character (and never most of a page)
    assert converter("t2s").convert("瞭解") == "了解" and not has_traditional("瞭解")


def test_converted_page_is_idempotent():
    once = cleaner.clean(TRADITIONAL_PAGE, convert__config="t2s")
    twice = cleaner.clean(once.text, convert__config="t2s")
    assert twice.text == once.text and not twice.edits


def test_cli_convert_option(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(TRADITIONAL_PAGE, encoding="utf-8")
    r = CliRunner().invoke(cli, ["clean", "--convert", "t2s", str(p)])
    assert r.exit_code == 0
    assert r.stdout == cleaner.clean(opencc.OpenCC("t2s").convert(TRADITIONAL_PAGE)).text
    bad = CliRunner().invoke(cli, ["clean", "--convert", "nonsense", str(p)])
    assert bad.exit_code == 2
    assert "unknown OpenCC config 'nonsense'" in bad.stderr


def test_sample_page_is_not_flagged(sample_text):
    page = cleaner.clean(sample_text)
    assert not [d for d in page.diagnostics if d.code.startswith("CV")]


def test_stray_traditional_characters_in_a_simplified_page_are_converted():
    text = SIMPLIFIED_PAGE.replace("本报讯（记者 董芳", "本報訊（記者 董芳").replace("帮扶专项", "幫扶專項")
    page = cleaner.clean(text)
    assert page.text == cleaner.clean(SIMPLIFIED_PAGE).text
    stray = [e for e in page.edits if e.code == "CV03"]
    assert [(e.before, e.after) for e in stray] == [("報訊", "报讯"), ("記", "记"), ("幫", "帮"), ("專項", "专项")]
    assert page.articles[0].dateline == "本报讯（记者 董芳 实习生 张璐通）"
    assert cleaner.clean(page.text).edits == []
    kept = cleaner.clean(text, convert__simplify_stray=False)
    assert "本報訊" in kept.text and not [e for e in kept.edits if e.code.startswith("CV")]
    # a mostly traditional page is only flagged (above); a short traditional line is left alone
    assert cleaner.clean("會議順利閉幕\n").text == "會議順利閉幕\n"


def test_a_simplified_page_with_whole_phrases_in_traditional_script_is_converted():
    # more than a tenth of the Han characters traditional, but the simplified-only ones (这 们 经)
    # still outnumber them: OCR trained on both scripts, not a traditional page
    simplified = (
        "春风送暖就业帮扶活动举行\n\n本报讯（记者 董芳 实习生 张璐通）2月4日，新荣区人社局、妇联、团区委联合开展"
        "春风就业帮扶专项活动，全力为求职人员和企业搭建供需对接平台。\n\n"
        "活动通过“现场招聘+职业指导+政策咨询”方式，让求职者更直观、便捷地了解企业信息、岗位要求、"
        "薪资待遇及就业帮扶政策，帮助求职者找准适配岗位，提高招聘效率。\n"
    )
    tail = simplified.split("\n\n")[-1]
    mixed = simplified.replace(tail, opencc.OpenCC("s2t").convert(tail))
    sample = mixed[:2000]
    traditional = sum(map(str.__ne__, sample, opencc.OpenCC("t2s").convert(sample)))
    assert traditional > 0.1 * len(HAN_CHAR_RE.findall(sample))  # (above convert.detect_ratio)
    page = cleaner.clean(mixed)
    assert page.text == cleaner.clean(simplified).text and {e.code for e in page.edits} >= {"CV03"}
    # the genuine traditional page is still only flagged
    assert not [e for e in cleaner.clean(TRADITIONAL_PAGE).edits if e.code.startswith("CV")]


def test_standard_simplified_characters_that_t2s_changes_stay_in_simplified_text():
    # 乾 (乾清宫, 乾县), the surname 於 and 徵 are standard simplified characters; a stray 宮 makes
    # the page go through t2s, which would read them as traditional (干县, 于梨华)
    text = ("记者从故宮博物院获悉，文物保护人员在对乾清宫进行日常维护。陕西省咸阳市乾县的苹果今年又获丰收。\n\n"
            "著名作家於梨华出席了活动，宫商角徵羽五音俱全。\n")
    page = cleaner.clean(text)
    assert [(e.code, e.before, e.after) for e in page.edits] == [("CV03", "宮", "宫")]
    assert "乾清宫" in page.text and "乾县" in page.text and "於梨华" in page.text and "角徵羽" in page.text
    assert cleaner.clean(page.text).edits == []
    # the same with --convert t2s, and converting the output again changes nothing
    once = cleaner.clean(text, convert__config="t2s")
    assert once.text == page.text
    assert cleaner.clean(once.text, convert__config="t2s").edits == []
    # ... while a stray traditional 於 or 乾 of a common word still converts
    stray = cleaner.clean("由於缺少经验，网店开张的前三个月几乎没有订单，房间也不乾净。\n")
    assert stray.text == "由于缺少经验，网店开张的前三个月几乎没有订单，房间也不干净。\n"


def test_name_characters_stay_in_simplified_text_and_convert_only_when_asked():
    # 昇 and 陞 are standard in names and brands; t2s folds them into 升 in every word, so a stray
    # 國 on the page must not turn 毕昇 into 毕升 or 昇腾 into 升腾
    text = "“我们采用了国产昇腾910B芯片。”王陞说。北宋毕昇发明了活字印刷术，中國古代四大发明之一。\n"
    page = cleaner.clean(text)
    assert [(e.code, e.before, e.after) for e in page.edits] == [("CV03", "國", "国")]
    assert "昇腾" in page.text and "王陞" in page.text and "毕昇" in page.text
    assert cleaner.clean(page.text).edits == []
    # an explicit conversion is OpenCC's: 昇腾 → 升腾 (its phrase list keeps 畢昇)
    assert "升腾" in cleaner.clean(text, convert__config="t2s").text


def test_ambiguous_characters_convert_in_traditional_text():
    text = "於是，關於這個問題，餅乾廠的負責人表示將認真研究。\n\n乾縣的蘋果今年豐收。\n"
    out = cleaner.clean(text, convert__config="t2s").text
    # a traditional block converts as OpenCC says, 於 included; OpenCC keeps the place name 乾县
    assert out.startswith("于是，关于这个问题，饼干厂的负责人表示将认真研究。")
    assert "乾县的苹果今年丰收。" in out
    assert cleaner.clean(out, convert__config="t2s").edits == []
