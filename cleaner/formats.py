"""Output formats: how a cleaned :class:`~cleaner.model.Page` is written.

``text``: every heading and paragraph on its own line, one blank line between them and two
between records; cleaning it again changes nothing. ``jsonl``: one JSON object per record.
"""
from __future__ import annotations

import json

from .model import Page

FORMATS = ("text", "jsonl")


def render(page: Page, fmt: str) -> str:
    """``page`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "text":
        return page.text
    if fmt == "jsonl":
        return "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in page.articles)
    raise ValueError(f"unknown format {fmt!r}")


def separator(fmt: str) -> str:
    """What goes between two pages of output in one stream."""
    return "\n\n" if fmt == "text" else ""
