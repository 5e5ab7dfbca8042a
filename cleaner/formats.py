"""Output formats: how a cleaned :class:`~cleaner.model.Page` is written.

- ``text``: every heading and paragraph on its own line, one blank line between them and two
  between records, a lone form feed line between pages; cleaning it again changes nothing.
- ``jsonl``: one JSON object per record (article, caption, label), see ``cleaner/schema.json``.
- ``json``: one object per input: its path, page count, page metadata (``furniture``, jump
  markers), its records and its diagnostics.
- ``markdown``: ``#`` title, ``##`` subtitles, paragraphs, the byline in italics; captions as
  quotes; labels in bold; ``---`` between pages.
"""
from __future__ import annotations

import json
import re
from typing import Any

from .model import Article, Page, json_path

FORMATS = ("text", "jsonl", "json", "markdown")


def page_dict(page: Page) -> dict[str, Any]:
    """The ``json`` format's object: page metadata, records and diagnostics (``#/$defs/page``)."""
    meta = {k: v for k, v in page.meta.items() if k != "pages"}
    return {
        "path": json_path(page.path),
        "page_count": page.meta.get("pages", 1 if page.text.strip() else 0),
        "meta": meta,
        "records": [a.to_dict() for a in page.articles],
        "diagnostics": [d.to_dict() for d in page.diagnostics],
        "edit_count": len(page.edits),
    }


#: a line start that Markdown would read as a heading, quote, list item or rule
_MD_BLOCK_RE = re.compile(r"^(?:(#{1,6}(?:\s|$)|>|[-+=](?:\s|$)|={3,}|-{3,})|(\d{1,9})([.)])(?=\s|$))")
_MD_INLINE_RE = re.compile(r"([\\`*_\[\]<>|])")


def _md_block(m: re.Match[str]) -> str:
    if m.group(1):
        return "\\" + m.group(1)
    return m.group(2) + "\\" + m.group(3)  # ``1\.``: a backslash before a digit escapes nothing


def _md(text: str) -> str:
    """``text`` escaped so Markdown shows it as written.

    >>> _md("1. 第一条"), _md("# 不是标题"), _md("2*3")
    ('1\\\\. 第一条', '\\\\# 不是标题', '2\\\\*3')
    """
    return _MD_BLOCK_RE.sub(_md_block, _MD_INLINE_RE.sub(r"\\\1", text))


def _md_record(a: Article) -> list[str]:
    out: list[str] = []
    if a.type == "label":
        return [f"**{_md(a.title or '')}**"] + [f"**{_md(s)}**" for s in a.subtitles]
    if a.title is not None:
        lines = a.extra.get("title_lines") or [a.title]
        out.append("# " + " ".join(_md(x) for x in lines))
        out.extend("## " + _md(s) for s in a.subtitles[len(lines) - 1 :])
    quote = "> " if a.type == "caption" else ""
    out.extend(quote + _md(p) for p in a.paragraphs)
    if a.byline:
        out.append(f"*{_md(a.byline)}*")
    return out


def markdown(page: Page) -> str:
    """``page`` as Markdown: one block per heading, paragraph and byline."""
    chunks: list[str] = []
    cur_page = None
    for a in page.articles:
        p = a.extra.get("page", 1)
        if cur_page is not None and p != cur_page:
            chunks.append("---")
        cur_page = p
        chunks.append("\n\n".join(_md_record(a)))
    return "\n\n".join(chunks) + "\n" if chunks else ""


def render(page: Page, fmt: str) -> str:
    """``page`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "text":
        return page.text
    if fmt == "jsonl":
        return "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in page.articles)
    if fmt == "json":
        return json.dumps(page_dict(page), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return markdown(page)
    raise ValueError(f"unknown format {fmt!r}")


def separator(fmt: str) -> str:
    """What goes between two pages of output in one stream."""
    return "\n\n" if fmt in ("text", "markdown") else ""
