"""Character classes and line patterns shared by several passes, compiled once.

Kept apart from the passes so that rejoin, dedup and segment agree on what a dateline, a byline
or a sentence end looks like.
"""
from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: marks that can end a paragraph
TERMINAL = "。！？…!?"
#: closers that may follow a terminal mark (``。”``, ``！）``)
CLOSERS = "”’」』）)》〉】"
#: marks after which a paragraph cannot end
CONTINUING = "，、；：,;:—·（(“‘「『《〈【"

#: a paragraph end: a terminal mark, optionally followed by closers
ENDS_SENTENCE_RE = re.compile(f"[{TERMINAL}][{CLOSERS}]*$|[{CLOSERS}]$")

#: ``本报讯（记者 董芳 实习生 张璐通）``, ``新华社北京3月5日电（记者 吴九）``,
#: ``本报太原1月5日讯 记者郑十报道：``
DATELINE_RE = re.compile(
    rf"^(?:本报讯|本报[{HAN}\d月日]{{0,12}}讯|(?:据)?新华社[{HAN}\d月日]{{0,12}}电|(?:据)?中新社[{HAN}\d月日]{{0,12}}电"
    rf"|[{HAN}]{{2,8}}(?:报|网)讯)\s*(?:[（(][^（）()]{{1,60}}[）)]|记者[^：:，。]{{1,30}}报道[：:])"
)

#: ``本报记者 李雪峰``, ``本报记者 王芳 刘洋``, ``（河南开封市 牛建海）``
BYLINE_RE = re.compile(
    rf"^(?:(?:本报|新华社|人民日报)?(?:特约)?(?:记者|通讯员|实习生|摄影|摄)[ \u3000]*[{HAN}·]{{2,8}}(?:[ \u3000、]+[{HAN}·]{{2,8}}){{0,4}}"
    rf"|[（(][{HAN}]{{2,12}}[ \u3000]+[{HAN}·]{{2,6}}[）)])$"
)

BLOCK_RE = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the runs of non-empty lines in ``text`` (blocks are separated by blank lines)."""
    return [m.span() for m in BLOCK_RE.finditer(text)]
