"""The whitespace pass: its fast scans find exactly what the plain regex formulation finds."""
from __future__ import annotations

import random
import re

import cleaner
from cleaner.passes.base import Context
from cleaner.passes.whitespace import WhitespacePass

#: the straightforward formulation the pass's scans must agree with
TRAILING_RE = re.compile(r"[ \t\u3000\u00a0]+$", re.M)
INLINE_FORM_FEED_RE = re.compile(r"[^\n\f][ \t\u3000]*\f+|\f+(?=[ \t\u3000]*[^\n\f \t\u3000])")


def reference(text: str) -> list[tuple[str, int, int, str]]:
    out = []
    for m in TRAILING_RE.finditer(text):
        out.append(("WS01", m.start(), m.end(), ""))
    for m in INLINE_FORM_FEED_RE.finditer(text):
        s, e = m.span()
        ff = text.index("\f", s)
        before = "\n" if ff > 0 and text[ff - 1] != "\n" else ""
        after = "\n" if e < len(text) and text[e] != "\n" else ""
        if before or after:
            out.append(("WS02", ff, e, before + text[ff:e] + after))
    return out


def found(text: str) -> list[tuple[str, int, int, str]]:
    ctx = Context(text, {}, {})
    WhitespacePass().run(ctx)
    return [(e.code, e.start, e.end, e.after) for e in ctx.edits]


def test_scans_agree_with_the_regex_formulation_on_random_layouts():
    rnd = random.Random(5)
    alphabet = [" ", "\t", "\u3000", "\u00a0", "\n", "\n", "\f", "字", "a", "。"]
    for _ in range(4000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        assert found(text) == reference(text), repr(text)


def test_trailing_whitespace_and_inline_page_breaks():
    page = cleaner.clean("标题　\n\n正文第一段。 \t\n   \n\f第二版正文。\n", passes=["whitespace"])
    assert page.text == "标题\n\n正文第一段。\n\n\f\n第二版正文。\n"
    assert [(e.code, e.line, e.note) for e in page.edits] == [
        ("WS01", 1, ""), ("WS01", 3, ""), ("WS01", 4, "whitespace-only line"), ("WS02", 5, ""),
    ]


def test_unicode_line_and_paragraph_separators_become_line_breaks():
    # every later pass reads "\n" only: a sentence ending before U+2029 is a sentence ending
    text = "第一段结束了． \u2029第二段。\u2028第二行。\n"
    page = cleaner.clean(text)
    assert page.text == "第一段结束了。\n\n第二段。\n\n第二行。\n"
    assert [(e.code, e.before, e.after) for e in page.edits if e.code.startswith("WS")] == [
        ("WS01", " ", ""), ("WS03", "\u2029", "\n\n"), ("WS03", "\u2028", "\n"),
    ]
    assert cleaner.clean(page.text).edits == []
