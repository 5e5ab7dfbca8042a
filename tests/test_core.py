"""The foundation: decoding, line index, edits and their replay, the pipeline's span mapping."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import cleaner
from cleaner.edits import OffsetMap, apply, map_back, replay
from cleaner.errors import CleanerError
from cleaner.model import Edit
from cleaner.source import LineIndex, decode

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

PAGE = "　　标题\r\n\r\n本报讯（记者 张三）今天，\u200b天气很好。  \r\n \r\n\r\n\r\n\r\n下一篇\r\n\r\n正文第一段。\r\n"


def test_line_index_locates_offsets():
    idx = LineIndex("ab\ncd\n\nef")
    assert idx.locate(0) == (1, 1)
    assert idx.locate(4) == (2, 2)
    assert idx.locate(7) == (4, 1)
    assert idx.line(6) == 3


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("utf-16", b"")])
def test_decode_round_trips_encodings_and_newlines(encoding, bom):
    data = bom + PAGE.encode(encoding)
    d = decode(data)
    assert "\r" not in d.text
    assert d.text == PAGE.replace("\r\n", "\n")
    assert d.newline == "\r\n"
    if encoding == "gb18030":
        assert d.encoding == "gb18030"


def test_decode_refuses_binary_and_names_the_offset():
    with pytest.raises(CleanerError, match="NUL byte at byte offset 3"):
        decode(b"abc\x00def", path="x.bin")


def test_decode_error_names_line_and_offset():
    with pytest.raises(CleanerError) as err:
        decode("第一行\n第二行".encode() + b"\xff\xfe\xfa", encoding="utf-8", path="bad.txt")
    assert err.value.line == 2
    assert "byte offset" in str(err.value)


def test_offset_map_traces_positions_through_replacements_and_deletions():
    text = "abcdef"
    edits = [Edit("X", 1, 3, "bc", "B"), Edit("X", 4, 5, "e", "")]
    out = apply(text, edits)
    assert out == "aBdf"
    m = OffsetMap(edits)
    assert [m.back(i) for i in range(5)] == [0, 1, 3, 5, 6]
    assert m.back(2, end=True) == 3  # end of "B" is the end of "bc"
    assert map_back([m], 3) == 5


def test_apply_refuses_overlapping_edits():
    with pytest.raises(ValueError):
        apply("abcdef", [Edit("X", 1, 4, "bcd", ""), Edit("X", 2, 3, "c", "")])


def test_every_change_is_logged_and_replays_to_the_output():
    page = cleaner.clean(PAGE)
    assert page.text == "标题\n\n本报讯（记者 张三）今天，天气很好。\n\n\n下一篇\n\n正文第一段。\n"
    assert replay(page.source_text, page.edits) == page.text
    codes = {e.code for e in page.edits}
    assert {"UN03", "WS01", "RJ03", "SG01"} <= codes


def test_edits_point_at_source_lines_and_columns():
    page = cleaner.clean(PAGE)
    zwsp = next(e for e in page.edits if e.code == "UN03")
    assert (zwsp.line, zwsp.col) == (3, 14)
    assert page.source_text[zwsp.source[0] : zwsp.source[1]] == "\u200b"
    trailing = [e for e in page.edits if e.code == "WS01"]
    assert [(e.line, e.col) for e in trailing] == [(3, 20), (4, 1)]


def test_records_keep_source_line_ranges():
    page = cleaner.clean(PAGE)
    assert [a.title for a in page.articles] == ["标题", "下一篇"]
    assert [a.lines for a in page.articles] == [(1, 3), (8, 10)]
    assert [b.lines for b in page.articles[0].blocks] == [(1, 1), (3, 3)]
    assert page.articles[0].authors == ["张三"]


def test_unlocated_run_gives_the_same_text_and_log_without_source_locations():
    # the CLI's text output asks for the clean text only (Pipeline.run(locate=False))
    from cleaner.pipeline import Pipeline

    full = Pipeline().run(PAGE)
    light = Pipeline().run(PAGE, locate=False, records=False)
    assert light.text == full.text and light.articles == []
    jsonl = Pipeline().run(PAGE, locate=False)  # the CLI's JSONL output: records, unlocated edits
    assert [a.to_dict() for a in jsonl.articles] == [a.to_dict() for a in full.articles]
    assert jsonl.edits[0].source is None
    assert [(e.pass_name, e.step, e.code, e.start, e.end, e.before, e.after) for e in light.edits] == [
        (e.pass_name, e.step, e.code, e.start, e.end, e.before, e.after) for e in full.edits
    ]
    assert replay(light.source_text, light.edits) == light.text
    assert all(e.source is None and e.line == 0 for e in light.edits)
    assert [(d.code, d.line, d.col) for d in light.diagnostics] == [(d.code, d.line, d.col) for d in full.diagnostics]


def test_cleaning_is_idempotent_on_its_own_output():
    once = cleaner.clean(PAGE).text
    again = cleaner.clean(once)
    assert again.text == once
    assert again.edits == []


def test_unknown_option_is_an_error():
    with pytest.raises(ValueError, match="unknown option 'wrap.nope'"):
        cleaner.clean("x", wrap__nope=1)


def test_unknown_rule_code_is_an_error_not_an_empty_run():
    # a typo in select would otherwise make a run that changes nothing and reports nothing
    with pytest.raises(ValueError, match="unknown rule code 'ZZ' in select"):
        cleaner.clean("x", select=["ZZ"])
    with pytest.raises(ValueError, match="unknown rule code 'QQ' in ignore"):
        cleaner.clean("x", ignore=["QQ"])
    # an empty selection (an unset variable) ran every rule, where the CLI refuses it
    for empty in ([], (), ""):
        with pytest.raises(ValueError, match="select is empty"):
            cleaner.clean("春耕时节,田间。", select=empty)


@pytest.mark.parametrize("call, kind, message", [
    (lambda: cleaner.clean("标题", passes=["nope"]), ValueError, "unknown pass 'nope'"),
    (lambda: cleaner.clean("标题", passes="wrap"), TypeError, "passes must be a list of pass names"),
    (lambda: cleaner.Pipeline(["nope"]), ValueError, "unknown pass 'nope'"),
    (lambda: cleaner.Pipeline([1]), TypeError, "passes must be a list of pass names"),
    (lambda: cleaner.replay("abc", [1, 2]), TypeError, "list of Edit"),
    (lambda: cleaner.replay(None, []), TypeError, "source text as a str"),
    (lambda: cleaner.Pipeline().run(None), TypeError, "takes the text as a str"),
])
def test_bad_library_arguments_raise_documented_errors(call, kind, message):
    # they raised KeyError (an unknown pass; a string read a character at a time) and
    # AttributeError (replay of non-edits, run(None)): neither is a documented library error
    with pytest.raises(kind, match=message):
        call()


@pytest.mark.parametrize("options, message", [
    ({"wrap.max_wrap_width": "40"}, "option 'wrap.max_wrap_width' must be a int, got '40'"),
    ({"punct.corner_quotes": 1}, "option 'punct.corner_quotes' must be a bool, got 1"),
    ({"punct.latin_space": "sometimes"}, "punct.latin_space must be keep, add or remove"),
    # inf and nan passed the type check and failed every page as PL01; negative, zero and absurd
    # widths were taken silently
    ({"dedup.max_error_rate": float("inf")}, "option 'dedup.max_error_rate' must be a finite number, got inf"),
    ({"convert.detect_ratio": float("nan")}, "option 'convert.detect_ratio' must be a finite number, got nan"),
    ({"wrap.max_wrap_width": -5}, "option 'wrap.max_wrap_width' must be between 1 and 10000, got -5"),
    ({"wrap.min_wrap_width": 0}, "option 'wrap.min_wrap_width' must be between 1 and 10000"),
    ({"wrap.max_wrap_width": 10 ** 20}, "option 'wrap.max_wrap_width' must be between 1 and 10000"),
    ({"dedup.furniture_min_ratio": -0.1}, "must be between 0.0 and 1.0"),
])
def test_option_values_are_checked_when_the_pipeline_is_built(options, message):
    # a str for a width failed deep inside the wrap pass with a TypeError, on the first page
    with pytest.raises(ValueError, match=message):
        cleaner.clean("春耕时节,田间。", options=options)
    assert cleaner.clean("春耕时节,田间。\n", options={"wrap.max_wrap_width": 40.5}).text == "春耕时节，田间。\n"


def test_select_as_a_comma_separated_string():
    text = "一段文字,没有结束.\n"
    assert cleaner.clean(text, select="pu, un").text == "一段文字，没有结束。\n"
    assert cleaner.clean(text, ignore="PU").text == text  # not read as the prefixes "P" and "U"


def test_select_and_ignore_filter_rules():
    page = cleaner.clean(PAGE, ignore=["UN"])
    assert "\u200b" in page.text
    assert not any(e.code.startswith("UN") for e in page.edits)


def test_a_combining_mark_that_starts_a_line_is_removed():
    # left in place, it composed with the previous line's last character once the lines were
    # joined, and the second clean changed the text (y + U+0308 -> ÿ)
    page = cleaner.clean("他说：“y\n\u0308好的。”\n")
    assert page.text == "他说：“y好的。”\n"
    assert [(e.code, e.before, e.note) for e in page.edits if e.code.startswith("UN")] == [("UN04", "\u0308", "U+0308")]
    assert cleaner.clean(page.text).edits == []
    assert cleaner.clean("Cafe\u0301\n").text == "Café\n"  # a mark after its base is composed, not removed


def test_nfc_and_control_characters():
    page = cleaner.clean("Cafe\u0301 au lait\x07。\n")
    assert page.text == "Café au lait。\n"
    # a line that is not NFC is normalised whole, after its removals, so one run settles it
    (e,) = [e for e in page.edits if e.code.startswith("UN")]
    assert e.code == "UN01" and "\x07" in e.before and "removing" in e.note
    assert {e.code for e in cleaner.clean("Café au lait\x07。\n").edits} >= {"UN02"}


def test_hard_wrapped_paragraphs_are_read_by_indent():
    text = (
        "乡村振兴新图景\n"
        "　　本报讯（记者 王五）春耕时节，\n"
        "田间地头一派繁忙景象。农技人员\n"
        "深入田间指导农户科学施肥。\n"
        "　　据了解，今年全县计划新建高标\n"
        "准农田两万亩。\n"
    )
    page = cleaner.clean(text)
    assert page.text == (
        "乡村振兴新图景\n\n"
        "本报讯（记者 王五）春耕时节，田间地头一派繁忙景象。农技人员深入田间指导农户科学施肥。\n\n"
        "据了解，今年全县计划新建高标准农田两万亩。\n"
    )
    assert [b.lines for b in page.blocks] == [(1, 1), (2, 4), (5, 6)]
    assert replay(page.source_text, page.edits) == page.text


def test_latin_words_split_by_a_wrap_keep_their_space_or_lose_the_hyphen():
    text = "　　这是一段关于 machine\nlearning 的报道，讲到 trans-\nformation 的意义以及其\n它内容。\n"
    page = cleaner.clean(text)
    assert "machine learning" in page.text
    assert "transformation" in page.text


def test_latin_words_cut_by_a_column_wrapped_by_characters_join_without_a_space():
    # a page wrapped by a program every 20 characters, which cuts Latin words anywhere; the
    # pieces are set solid against Chinese (``华为Ma``) or one is a letter or two (``在学P``)
    text = (
        "　　春节后新一轮换机潮已经到来。华为Ma\n"
        "te 70、小米15等国产旗舰机型销售火\n"
        "爆。店长说，支持Wi-Fi 7的机型卖得\n"
        "特别好，学编程的孩子也多了，不少人在学P\n"
        "ython和Java。报名邮箱为dtct\n"
        "_hr@163.com，欢迎咨询。\n"
    )
    page = cleaner.clean(text)
    assert "华为Mate 70" in page.text and "学Python和Java" in page.text
    assert cleaner.clean(page.text).edits == []


def test_carry_spans_moves_changed_spans_through_later_edits():
    from cleaner.edits import carry_spans

    # "甲乙丙丁戊己" with 乙丙 changed before; then 甲 becomes 一二 and 戊 is deleted
    edits = [Edit("X", 0, 1, "甲", "一二"), Edit("X", 4, 5, "戊", "")]
    assert carry_spans([(1, 3)], edits) == [(0, 4), (5, 5)]  # 一二 written, 乙丙 moved by one
    assert carry_spans([(5, 6)], edits) == [(0, 2), (5, 6)]  # 己 moved back to 5 after the deletion
    assert carry_spans([(4, 5)], edits) == [(0, 2), (5, 5)]  # inside the deleted 戊: its edges
    assert carry_spans([(1, 3)], []) == [(1, 3)]


def test_later_rounds_skip_work_without_changing_the_result():
    """Passes that run again on a page skip what they found nothing in (ctx.memo) and plan only
    around what others changed (ctx.changed); the result must be what redoing everything gives."""
    from cleaner.pipeline import Pipeline

    fast, full = Pipeline(), Pipeline(incremental=False)
    pages = [p for p in sorted(FIXTURES.glob("page_*.txt")) if not p.name.endswith(".out.txt")]
    assert len(pages) >= 7
    for path in pages:
        name, text = path.name, decode(path.read_bytes(), path=path.name).text
        a, b = fast.run(text), full.run(text)
        assert (a.text, a.edits, a.diagnostics) == (b.text, b.edits, b.diagnostics), name


@pytest.mark.parametrize("word", ["北京", "上海", "新闻", "国际", "图片", "天气预报"])
def test_a_few_words_of_gb18030_are_not_read_as_big5_or_utf8(word):
    """On a few words, detection alone reads GB18030 as Big5 (北京 → 控儔) or even as UTF-8
    (图片 → ͼƬ); the commoner Chinese reading wins, through the file and the stream reader."""
    data = (word + "\n").encode("gb18030")
    assert decode(data).text == word + "\n"
    page = cleaner.clean_bytes(data)
    assert page.text == word + "\n"
    from cleaner.stream import iter_text
    import io

    assert "".join(iter_text(io.BytesIO(data))) == word + "\n"


@pytest.mark.parametrize("word", ["北京", "新聞", "圖片", "第一版"])
def test_a_few_words_of_big5_stay_big5(word):
    data = (word + "\n").encode("big5")
    assert decode(data).text == word + "\n"


def test_the_api_says_which_call_takes_what():
    with pytest.raises(TypeError, match=r"clean\(\) takes the text as a str, not bytes; use clean_bytes\(data\)"):
        cleaner.clean("北京".encode())
    with pytest.raises(TypeError, match=r"not PosixPath; use clean_file\(path\)"):
        cleaner.clean(Path("page.txt"))
    with pytest.raises(TypeError, match=r"clean_bytes\(\) takes bytes, not str; use clean\(text\)"):
        cleaner.clean_bytes("北京")
    assert cleaner.clean_bytes(memoryview("北京\n".encode())).text == "北京\n"


# A pass that raises on one page (a bug, as bench/fuzz.py finds them) must not end a long run nor
# lose the page: its half-made changes go, the other passes still run, and PL01 says what happened.
WRAPPED = "本报讯（记者 王五）春耕时节，田间地头一派繁忙\n景象，农技人员深入田间地头指导春耕生产。\n\n本报记者 赵六\n"


def _failing_dedup(monkeypatch):
    from cleaner.passes.dedup import DedupPass

    def boom(self, ctx):
        ctx.edit("DU04", 0, 3, "")  # made before the failure: dropped with the rest
        raise IndexError("string index out of range")

    monkeypatch.setattr(DedupPass, "_run", boom)


def test_a_pass_that_fails_on_a_page_loses_it_nothing(monkeypatch, caplog):
    _failing_dedup(monkeypatch)
    page = cleaner.clean(WRAPPED, path="p.txt")
    assert page.text.startswith("本报讯（记者 王五）春耕时节，田间地头一派繁忙景象，")  # wrap's join ran
    assert all(e.pass_name != "dedup" for e in page.edits)
    failed = [d for d in page.diagnostics if d.code == "PL01"]
    assert len(failed) == 1 and failed[0].severity == "error" and failed[0].line == 1
    assert "dedup" in failed[0].message and "IndexError" in failed[0].message
    assert any(d["code"] == "PL01" for a in page.articles for d in a.to_dict()["diagnostics"])
    assert "p.txt:1: pass dedup failed (IndexError" in caplog.text
    assert replay(page.source_text, page.edits) == page.text


def test_clean_bytes_can_replace_undecodable_bytes_as_the_cli_does():
    data = "春耕时节，田间地头。\n".encode("utf-8")
    damaged = data[:6] + b"\xff\xfe" + data[6:]
    with pytest.raises(CleanerError, match="cannot decode"):
        cleaner.clean_bytes(damaged)
    page = cleaner.clean_bytes(damaged, errors="replace")
    assert "\ufffd" in page.text
    assert [d.code for d in page.diagnostics if d.code == "UN10"] == ["UN10"]
