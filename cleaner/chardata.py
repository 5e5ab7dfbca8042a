"""Character tables for the punctuation and width rules, built once at import.

Data, not logic: which marks count as Chinese context, how ASCII marks map to their Chinese
forms, and the full-width to half-width table for digits and Latin letters.
"""
from __future__ import annotations

#: Chinese (full-width) punctuation: a neighbour from this set, or a Han character, makes a
#: mark's context Chinese. ``·`` is left out on purpose: it sits inside names (``马克·吐温``).
CJK_PUNCT = "，。、；：？！…—“”‘’（）《》〈〉【】「」『』〔〕〖〗～"

#: ASCII sentence marks and the Chinese mark each becomes in Chinese context
ASCII_MARKS = ",.:;?!"
FULL_MARKS = "，。：；？！、…"
#: the class of a mark: marks of one class next to each other are one mark typed twice
MARK_CLASS = {
    ",": "，", "，": "，",
    ";": "；", "；": "；",
    ":": "：", "：": "：",
    "?": "？", "？": "？",
    "!": "！", "！": "！",
    "、": "、",
    ".": "。", "。": "。", "…": "。",
}
#: classes a doubled mark collapses in (``，，`` is one comma); ``？？`` and ``！！`` are kept as typed
COLLAPSING = frozenset("，；：、")

#: where a straight quote after this character opens a quotation
QUOTE_OPENS_AFTER = frozenset(" \u3000（(《【〈[「『：:“‘—")
#: where a straight quote before this character closes one (an opening quote is followed by words)
QUOTE_CLOSES_BEFORE = frozenset("，。、；：？！…）)》】〉]」』,.;:?!")

#: U+FF10-FF19, U+FF21-FF3A, U+FF41-FF5A (full-width digits and Latin letters) to ASCII
FULLWIDTH_ALNUM = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
WIDTH_TABLE = {ord(c): chr(ord(c) - 0xFEE0) for c in FULLWIDTH_ALNUM}

#: corner brackets to curly quotes (opt-in: they are correct in traditional-style text)
CORNER_TABLE = {"「": "“", "」": "”", "『": "‘", "』": "’"}

#: bracket pairs the balance check knows; ASCII and full-width parentheses count as one kind
BRACKETS = {"（": "（", "(": "（", "）": "）", ")": "）", "《": "《", "》": "》", "【": "【", "】": "】",
            "〔": "〔", "〕": "〕", "「": "「", "」": "」", "『": "『", "』": "』"}
OPENER_OF = {"）": "（", "》": "《", "】": "【", "〕": "〔", "」": "「", "』": "『", "”": "“", "’": "‘"}
