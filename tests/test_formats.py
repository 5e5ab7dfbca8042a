"""Output formats: every record and page validates against the shipped schema; markdown and json."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import cli
from cleaner.formats import FORMATS, markdown, page_dict, render

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

PAGE = """城乡公交一体化提速

——访市交通运输局局长刘刚

本报讯（记者 周敏 实习生 马骏）2月10日，记者从市交通运输局获悉，今年我市将新开通城乡公交线路十二条。

刘刚介绍，新线路开通后，全市建制村通公交率将达到百分之百。（下转第2版）

本报记者 周敏


* 冬日暖阳 *

1. 市民在文瀛公园晒太阳、散步，享受冬日午后的惬意时光。

本报记者 韩冰 摄
\f
图片新闻
"""


@pytest.fixture(scope="module")
def schema():
    text = resources.files("cleaner").joinpath("schema.json").read_text(encoding="utf-8")
    data = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def validator(schema, name):
    return jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{name}"})


TEXTS = {"page": PAGE, "empty": "", "plain": "只有一段没有标题的文字，也能成为一条记录。\n"}
FIXTURE_NAMES = [p.name for p in sorted(FIXTURES.glob("*.txt"))] if FIXTURES.exists() else []


@pytest.mark.parametrize("name", list(TEXTS) + FIXTURE_NAMES)
def test_every_record_and_page_validates(schema, name):
    page = cleaner.clean(TEXTS[name], path=name) if name in TEXTS else cleaner.clean_file(FIXTURES / name)
    rec_v, page_v = validator(schema, "record"), validator(schema, "page")
    for line in render(page, "jsonl").splitlines():
        rec_v.validate(json.loads(line))
    page_v.validate(json.loads(render(page, "json")))


def test_schema_rejects_a_broken_record(schema):
    page = cleaner.clean(PAGE)
    rec = page.articles[0].to_dict()
    v = validator(schema, "record")
    v.validate(rec)
    for key, bad in [("authors", "周敏"), ("id", "r1"), ("type", "story"), ("source", {"path": None})]:
        with pytest.raises(jsonschema.ValidationError):
            v.validate({**rec, key: bad})
    with pytest.raises(jsonschema.ValidationError):
        v.validate({k: x for k, x in rec.items() if k != "byline"})


def test_json_is_one_page_object_with_metadata():
    page = cleaner.clean(PAGE, path="p.txt")
    page.meta["furniture"] = [{"kind": "running-head", "text": "2026年2月12日 星期四 责编 王五"}]  # as dedup reports it
    obj = json.loads(render(page, "json"))
    assert obj["path"] == "p.txt" and obj["page_count"] == 2
    assert obj["meta"]["furniture"][0]["kind"] == "running-head"
    assert obj["meta"]["jumps"] == [{"record": "p1-r1", "page": 1, "continued_on": 2, "continued_from": None}]
    assert [r["id"] for r in obj["records"]] == ["p1-r1", "p1-r2", "p2-r1"]
    assert obj["records"] == [a.to_dict() for a in page.articles]
    assert page_dict(page)["edit_count"] == len(page.edits)


def test_jsonl_is_one_record_per_line():
    page = cleaner.clean(PAGE)
    lines = render(page, "jsonl").splitlines()
    assert [json.loads(x)["type"] for x in lines] == ["article", "caption", "label"]
    first = json.loads(lines[0])
    assert first["credits"] == [{"name": "周敏", "role": "记者"}, {"name": "马骏", "role": "实习生"}]
    assert first["authors"] == ["周敏", "马骏"] and first["byline"] == "本报记者 周敏"
    assert first["continued_on"] == 2


def test_markdown_title_subtitles_byline_and_escapes():
    md = markdown(cleaner.clean(PAGE))
    assert md.startswith("# 城乡公交一体化提速\n\n## ——访市交通运输局局长刘刚\n\n本报讯（记者 周敏 实习生 马骏）")
    assert "\n\n*本报记者 周敏*\n\n" in md
    assert "# \\* 冬日暖阳 \\*" in md  # a heading's own asterisks are escaped
    assert "\n> 1\\. 市民在文瀛公园" in md  # a caption is quoted; its "1." is not a list
    assert "*本报记者 韩冰 摄*" in md
    assert "\n\n---\n\n**图片新闻**\n" in md  # a new page, then a label


def test_markdown_escapes_line_starts_that_markdown_would_read():
    page = cleaner.clean("标题\n\n1. 第一条措施是加快建设，这一条写得足够长，才不会被当作小标题处理的。\n\n# 不是标题而是正文的一段文字，也写得足够长足够长足够长。\n")
    md = markdown(page)
    assert "\n1\\. 第一条" in md
    assert "\n\\# 不是标题" in md


def test_cli_accepts_every_format(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(PAGE, encoding="utf-8")
    for fmt in FORMATS:
        r = CliRunner().invoke(cli, ["clean", "--format", fmt, str(p)])
        assert r.exit_code == 0, r.output
        assert r.stdout
    r = CliRunner().invoke(cli, ["clean", "--format", "json", str(p)])
    assert json.loads(r.stdout)["records"][0]["title"] == "城乡公交一体化提速"
    r = CliRunner().invoke(cli, ["clean", "--format", "xml", str(p)])
    assert r.exit_code == 2


def test_text_output_keeps_bylines_and_a_lone_form_feed_line():
    text = render(cleaner.clean(PAGE), "text")
    assert "\n\n本报记者 周敏\n\n\n" in text
    assert "\n\n\f\n\n图片新闻\n" in text
