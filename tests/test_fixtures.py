"""End to end on the bundled pages: golden outputs, gold-structure scores, idempotence.

Golden files (``fixtures/NAME.out.txt`` and ``.out.jsonl``) are reviewed by eye; after a
deliberate change, regenerate them with ``CLEANER_UPDATE_GOLDEN=1 python -m pytest
tests/test_fixtures.py`` and read the diff before committing.
"""
from __future__ import annotations

import json
import os

import pytest

import cleaner
from cleaner.edits import replay
from cleaner.evaluate import gold_from_markdown, score
from cleaner.formats import render

from conftest import FIXTURES

PAGES = {
    "page_blank_lines": {},
    "page_hard_wrapped": {},
    "page_punct": {},
    "page_clean": {},
    "page_traditional": {"convert__config": "t2s"},
    "page_furniture": {},
    "page_styles": {},
}
UPDATE = os.environ.get("CLEANER_UPDATE_GOLDEN") == "1"


def _clean(name: str) -> cleaner.Page:
    return cleaner.clean_file(FIXTURES / f"{name}.txt", **PAGES[name])


def _golden(path, actual: str) -> str:
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", PAGES)
def test_text_output_matches_the_reviewed_golden_file(name):
    page = _clean(name)
    assert page.text == _golden(FIXTURES / f"{name}.out.txt", page.text)


@pytest.mark.parametrize("name", PAGES)
def test_jsonl_output_matches_the_reviewed_golden_file(name):
    page = _clean(name)
    page.path = f"fixtures/{name}.txt"  # the golden file names the path as a user would type it
    for a in page.articles:
        a.path = page.path
    out = render(page, "jsonl")
    assert out == _golden(FIXTURES / f"{name}.out.jsonl", out)


@pytest.mark.parametrize("name", PAGES)
def test_structure_scores_against_the_described_gold(name):
    gold = gold_from_markdown((FIXTURES / f"{name}.expected.md").read_text(encoding="utf-8"))
    got = score(gold, [a.to_dict() for a in _clean(name).articles])
    assert got["paragraph_f1"] >= 0.95, got
    assert got["heading_f1"] >= 0.9, got
    assert got["author_f1"] >= 0.95, got
    assert got["cer"] <= 0.01, got


@pytest.mark.parametrize("name", PAGES)
def test_cleaning_the_output_again_changes_nothing(name):
    page = _clean(name)
    again = cleaner.clean(page.text, **PAGES[name])
    assert again.text == page.text
    assert [e for e in again.edits] == []


@pytest.mark.parametrize("name", PAGES)
def test_edit_log_replays_to_the_output(name):
    page = _clean(name)
    assert replay(page.source_text, page.edits) == page.text


def test_clean_page_is_left_exactly_as_it_was():
    page = _clean("page_clean")
    assert page.text == page.source_text
    assert page.edits == []


def test_jsonl_golden_records_are_valid_json():
    for name in PAGES:
        for line in (FIXTURES / f"{name}.out.jsonl").read_text(encoding="utf-8").splitlines():
            assert json.loads(line)["source"]["path"] == f"fixtures/{name}.txt"


def test_styles_page_structure_is_exact():
    # wire copy, commentary, interview, kickers, photos, briefs, lists and a table, jump markers:
    # every paragraph, heading and author as the gold has them
    gold = gold_from_markdown((FIXTURES / "page_styles.expected.md").read_text(encoding="utf-8"))
    got = score(gold, [a.to_dict() for a in _clean("page_styles").articles])
    assert (got["paragraph_f1"], got["heading_f1"], got["author_f1"], got["cer"]) == (1.0, 1.0, 1.0, 0.0), got
