"""CV: convert between traditional and simplified Chinese (and regional variants) with OpenCC.

Off by default: set ``convert.config`` (``cleaner clean --convert t2s``) to any OpenCC
configuration (``t2s``, ``s2t``, ``tw2sp``, ``hk2s``, ``s2twp``, … or a path to a ``.json``
config). The text becomes exactly what OpenCC itself returns for it (``憑藉數據`` → ``凭借数据``
with ``t2s``); each changed run of characters is one edit. Punctuation such as ``「」`` is
OpenCC's business here, not ours: configs that keep it keep it.

Without a config, a page whose Han characters are mostly traditional gets a ``CV02`` finding that
suggests a conversion; nothing is changed. A page that is mostly simplified but holds a few
traditional characters (``本報訊``, ``記者``: a traditional source quoted, OCR trained on both
scripts) has them converted with ``t2s`` (``CV03``), so its words match the rest of the page;
so does a page with more traditional characters than that whose simplified-only characters
(``这``, ``们``, ``经``: what ``s2t`` changes) still outnumber its traditional-only ones (a genuine
traditional page holds next to none). ``convert.simplify_stray=False`` keeps them. (``t2s`` leaves simplified text as it is: none of
the fixtures, the sample page or the bench articles change under it.)

A few characters that ``t2s`` changes are standard simplified characters too (:data:`AMBIGUOUS`:
``乾`` of 乾隆 and 乾县, the surname ``於``, ``徵`` of 宫商角徵羽, ``噁`` of 噁唑, ``夥``). OpenCC
keeps them in the traditional spelling of such words (乾縣, 於梨華) but not once the words
around them are simplified (乾县 → 干县), so a conversion to simplified keeps one wherever OpenCC
keeps it in the traditional spelling of its words (:func:`keep_ambiguous`): a stray ``宮`` on the
page no longer makes ``乾清宫`` ``干清宫``, ``由於`` and ``乾净`` still become ``由于`` and ``干净``,
and converting the result again changes nothing.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from ..model import Rule
from ..patterns import HAN_CHAR_RE as HAN_RE
from .base import Context, Pass

CHANGED_RE = re.compile(rb"\x01+")
#: how many characters from the start of the page the traditional-script check reads
SAMPLE_CHARS = 2000
#: characters ``t2s`` changes that are standard simplified characters as well (通用规范汉字表)
AMBIGUOUS = "乾於徵噁夥"
AMBIGUOUS_RE = re.compile(f"[{AMBIGUOUS}]")
#: standard characters (通用规范汉字表) that ``t2s`` folds into another in every word: 昇 and 陞
#: of names and brands (毕昇, 王陞, 昇腾 all become 升). A simplified page that has one meant it,
#: so the stray conversion (CV03) keeps them; only a conversion asked for (CV01) changes them
NAME_CHARS = "昇陞"
NAME_CHARS_RE = re.compile(f"[{NAME_CHARS}]")
#: characters either side of an ambiguous one that :func:`keep_ambiguous` reads as its words
WORD_REACH = 4


@lru_cache(maxsize=None)
def traditional_re() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Searches for characters OpenCC's ``t2s`` changes on their own: BMP ones or any astral
    character (one fast class), BMP ones, astral ones (a class the engine checks range by range)."""
    from ..tradchars import TRADITIONAL, TRADITIONAL_ASTRAL

    return (
        re.compile(f"[{TRADITIONAL}\U00010000-\U0010ffff]"),
        re.compile(f"[{TRADITIONAL}]"),
        re.compile(f"[{TRADITIONAL_ASTRAL}]"),
    )


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a character that ``t2s`` converts on its own."""
    either, bmp, astral = traditional_re()
    m = either.search(text)
    if m is None:
        return False
    if m.group() < "\U00010000":
        return True
    return bool(astral.search(text, m.start()) or bmp.search(text, m.end()))


@lru_cache(maxsize=None)
def converter(config: str):
    """The OpenCC converter for ``config``, built once per process (building one reads its dictionaries)."""
    import opencc

    try:
        return opencc.OpenCC(config)
    except Exception as err:  # the binding raises RuntimeError with the missing file
        raise ValueError(f"unknown OpenCC config {config!r}: {err}") from None


def _to_simplified(config: str) -> bool:
    """Whether an OpenCC config converts to simplified characters (``t2s``, ``hk2s``, ``tw2sp``)."""
    name = config.rsplit("/", 1)[-1].removesuffix(".json")
    return "2s" in name


def keep_ambiguous(text: str, out: str) -> str:
    """``out`` (``text`` converted to simplified, character for character) with the
    :data:`AMBIGUOUS` characters of ``text`` kept where OpenCC itself keeps them in their
    words once those are written in traditional characters: the few characters around one go
    through ``s2t`` and back through ``t2s`` (乾县 → 乾縣 → 乾县 keeps 乾, 乾净 → 乾淨 → 干净 does
    not). The test reads the same on a page and on its converted copy, so converting again
    changes nothing.

    >>> t = "故宮\\n乾县於梨华\\n由於乾燥"
    >>> keep_ambiguous(t, converter("t2s").convert(t))
    '故宫\\n乾县於梨华\\n由于干燥'
    """
    chars = list(out)
    to_trad, to_simp = converter("s2t"), converter("t2s")
    for m in AMBIGUOUS_RE.finditer(text):
        k = m.start()
        if out[k] == text[k]:
            continue
        a = max(k - WORD_REACH, text.rfind("\n", 0, k) + 1)
        b = text.find("\n", k, k + WORD_REACH + 1)
        b = k + WORD_REACH + 1 if b < 0 else b
        back = to_simp.convert(to_trad.convert(text[a:b]))
        if len(back) == b - a and back[k - a] == text[k]:
            chars[k] = text[k]
    return "".join(chars)


def changed_runs(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Spans ``(i1, i2, j1, j2)`` where ``a[i1:i2]`` became ``b[j1:j2]``, consecutive changes as one.

    >>> changed_runs("經濟發展很好", "经济发展很好")
    [(0, 3, 0, 3)]
    """
    if len(a) != len(b):
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        return [(i1, i2, j1, j2) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]
    # one byte per character, 1 where it changed, scanned for runs of 1 by the regex engine
    flags = bytes(map(str.__ne__, a, b))
    return [(m.start(), m.end(), m.start(), m.end()) for m in CHANGED_RE.finditer(flags)]


@lru_cache(maxsize=None)
def simplified_re() -> re.Pattern[str]:
    """A character that OpenCC's ``s2t`` changes on its own (``这 们 经``)."""
    from ..tradchars import SIMPLIFIED

    return re.compile(f"[{SIMPLIFIED}]")


def _mostly_simplified(sample: str, traditional: int) -> bool:
    """Whether more of ``sample``'s characters are simplified-only (``s2t`` changes them: 这 们 经)
    than traditional-only (``traditional``, what ``t2s`` changes): a simplified page with whole
    phrases in traditional script (OCR trained on both, a paragraph read twice in either), not a
    traditional page, which holds next to no simplified-only character."""
    return len(simplified_re().findall(sample)) > traditional


class ConvertPass(Pass):
    """Convert Chinese script with OpenCC (opt-in); flag mostly traditional pages otherwise."""

    name = "convert"
    rules = (
        Rule("CV01", "convert.opencc", "characters converted with OpenCC (opt-in: convert.config, --convert)"),
        Rule("CV02", "convert.traditional-input", "mostly traditional characters; consider --convert t2s", False, "info"),
        Rule("CV03", "convert.stray-traditional", "traditional characters in simplified text converted (t2s)"),
    )
    options = {"config": None, "detect": True, "detect_ratio": 0.1, "simplify_stray": True}

    @classmethod
    def check_options(cls, options: Mapping[str, Any]) -> None:
        if options["config"]:
            converter(str(options["config"]))  # (ValueError: unknown OpenCC config)

    def run(self, ctx: Context) -> None:
        config = ctx.options["config"]
        if config:
            self._convert(ctx, str(config))
        elif ctx.options["detect"] or ctx.options["simplify_stray"]:
            self._detect(ctx)

    @staticmethod
    def _convert(ctx: Context, config: str, code: str = "CV01", out: str | None = None) -> None:
        text = ctx.text
        if out is None:
            out = converter(config).convert(text)
        if out == text:
            return
        if _to_simplified(config) and len(out) == len(text) and AMBIGUOUS_RE.search(text):
            out = keep_ambiguous(text, out)
            if out == text:
                return
        if code == "CV03" and len(out) == len(text) and NAME_CHARS_RE.search(text):
            chars = list(out)
            for m in NAME_CHARS_RE.finditer(text):
                chars[m.start()] = m.group()
            out = "".join(chars)
            if out == text:
                return
        if len(out) == len(text):  # the usual case: character for character, one scan of the page
            old_lines, new_lines = [text], [out]
        else:  # a phrase changed length (內存 → 記憶體): align line by line
            old_lines, new_lines = text.split("\n"), out.split("\n")
            if len(old_lines) != len(new_lines):  # OpenCC never touches newlines; be safe anyway
                old_lines, new_lines = [text], [out]
        pos = 0
        for a, b in zip(old_lines, new_lines):
            if a != b:
                for i1, i2, j1, j2 in changed_runs(a, b):
                    ctx.edit(code, pos + i1, pos + i2, b[j1:j2], config)
            pos += len(a) + 1

    @staticmethod
    def _detect(ctx: Context) -> None:
        text = ctx.text
        # One regex search instead of a conversion on the usual, simplified, page. Only phrases
        # whose characters are all unchanged alone (瞭解 → 了解) are missed: never most of a page.
        if not has_traditional(text):
            return
        sample = text[:SAMPLE_CHARS]
        simplified = converter("t2s").convert(sample)
        han = len(HAN_RE.findall(sample))
        if len(simplified) == len(sample):
            changed = sum(map(str.__ne__, sample, simplified))
        else:
            changed = sum(i2 - i1 for i1, i2, _, _ in changed_runs(sample, simplified))
        ratio = changed / han if han else 1.0
        if ratio < ctx.options["detect_ratio"] or _mostly_simplified(sample, changed):
            # a simplified page with a few traditional characters
            if ctx.options["simplify_stray"]:
                ConvertPass._convert(ctx, "t2s", "CV03")
            return
        if han < 20 or not ctx.options["detect"]:
            return  # (too little text to call it a traditional page; a short one is left as it is)
        first = next((k for k, (x, y) in enumerate(zip(sample, simplified)) if x != y), 0)
        ctx.diagnose(
            "CV02", first, first + 1,
            f"{ratio:.0%} of the sampled Han characters are traditional; convert with --convert t2s "
            "(or hk2s, tw2sp for Hong Kong or Taiwan text)",
            "info",
        )
