"""SG: group the page's blocks into records (articles, captions, labels) and lay out the text.

Blocks are classified from their own text first (heading-like, dateline, byline, body), then
grouped: a run of headings before body text opens an article; a byline closes it. The final
layout is one blank line between the blocks of a record and two between records, so the text
output can be read back into the same records.
"""
from __future__ import annotations

import re

from ..model import Article, Block, Rule
from ..patterns import BYLINE_RE, CONTINUING, DATELINE_RE, ENDS_SENTENCE_RE, split_blocks
from .base import Context, Pass

#: a heading is at most this many characters and does not end a sentence
MAX_HEADING_CHARS = 40
ROLE_RE = re.compile(r"^(?:本报|新华社|人民日报)?(?:特约)?(?:记者|通讯员|实习生|摄影|摄)")
PAREN_RE = re.compile(r"[（(]([^（）()]+)[）)]")


def classify(text: str) -> str:
    """The kind of a block judged from its own text: dateline, byline, heading or paragraph."""
    if DATELINE_RE.match(text):
        return "dateline"
    if len(text) <= 30 and BYLINE_RE.match(text):
        return "byline"
    if len(text) <= MAX_HEADING_CHARS and not ENDS_SENTENCE_RE.search(text) and text[-1] not in CONTINUING:
        return "heading"
    return "paragraph"


def names_in(credit: str) -> list[str]:
    """Person names in a dateline's brackets or a byline: role words and places dropped."""
    m = PAREN_RE.search(credit)
    inner = m.group(1) if m else credit
    names = []
    for part in re.split(r"[ \u3000、，,]+", inner):
        part = ROLE_RE.sub("", part)
        if 2 <= len(part) <= 6:
            names.append(part)
    return names


class SegmentPass(Pass):
    """Group blocks into records and normalise the blank lines between them."""

    name = "segment"
    rules = (
        Rule("SG01", "segment.separator", "blank lines between blocks normalised (one in a record, two between records)"),
    )
    options = {"max_heading_chars": MAX_HEADING_CHARS}

    def run(self, ctx: Context) -> None:
        text = ctx.text
        spans = split_blocks(text)
        records: list[Article] = []
        current: Article | None = None
        kinds = [classify(text[s:e]) for s, e in spans]
        for i, ((s, e), kind) in enumerate(zip(spans, kinds)):
            block = text[s:e]
            heading_run_start = kind == "heading" and (i == 0 or kinds[i - 1] != "heading")
            if current is None or (heading_run_start and current.paragraphs) or current.byline:
                current = Article(f"r{len(records) + 1}")
                records.append(current)
            if kind == "heading" and not current.paragraphs:
                if current.title is None:
                    current.title = block
                else:
                    current.subtitles.append(block)
                current.blocks.append(Block(block, s, e, kind="title" if len(current.blocks) == 0 else "subtitle"))
                continue
            if kind == "byline" and current.paragraphs:
                current.byline = block
                current.authors.extend(n for n in names_in(block) if n not in current.authors)
                current.blocks.append(Block(block, s, e, kind="byline"))
                continue
            if kind == "dateline" and not current.paragraphs:
                m = DATELINE_RE.match(block)
                assert m is not None
                current.dateline = m.group()
                current.authors.extend(n for n in names_in(m.group()) if n not in current.authors)
            current.paragraphs.append(block)
            current.blocks.append(Block(block, s, e, kind="paragraph"))
        for rec in records:
            if rec.title and not rec.paragraphs:
                rec.type = "label"
        ctx.records = records
        self._layout(ctx, records, spans)

    @staticmethod
    def _layout(ctx: Context, records: list[Article], spans: list[tuple[int, int]]) -> None:
        text = ctx.text
        if not spans:
            if text:
                ctx.edit("SG01", 0, len(text), "")
            return
        ctx.edit("SG01", 0, spans[0][0], "")
        first_of_record = {r.blocks[0].start for r in records[1:] if r.blocks}
        for (_, e), (s, _) in zip(spans, spans[1:]):
            ctx.edit("SG01", e, s, "\n\n\n" if s in first_of_record else "\n\n")
        ctx.edit("SG01", spans[-1][1], len(text), "\n")
