"""The ordered list of passes and the lookup of rules by code.

Order matters: character-level repairs first, so the structural passes (dedup, rejoin,
segment) compare and classify text that is already normalised; segment is last because it lays
out the final text.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

from .model import Rule
from .passes.base import Pass

#: name -> "module:Class", in pipeline order
PASSES: dict[str, str] = {
    "unicode": "cleaner.passes.unicode:UnicodePass",
    "whitespace": "cleaner.passes.whitespace:WhitespacePass",
    "noise": "cleaner.passes.noise:NoisePass",
    "wrap": "cleaner.passes.rejoin:WrapPass",
    "punct": "cleaner.passes.punct:PunctPass",
    "convert": "cleaner.passes.convert:ConvertPass",
    "dedup": "cleaner.passes.dedup:DedupPass",
    "rejoin": "cleaner.passes.rejoin:RejoinPass",
    "balance": "cleaner.passes.punct:BalancePass",
    "segment": "cleaner.passes.segment:SegmentPass",
}


def pass_class(name: str) -> type[Pass]:
    try:
        spec = PASSES[name]
    except KeyError:
        raise KeyError(f"unknown pass {name!r}; known: {', '.join(PASSES)}") from None
    module, _, cls = spec.partition(":")
    return getattr(importlib.import_module(module), cls)


@lru_cache(maxsize=None)
def all_rules() -> tuple[Rule, ...]:
    """Every rule of every pass, sorted by code."""
    from .pipeline import RULES as PIPELINE_RULES  # PL01: a pass that failed on a page
    from .source import RULES as DECODE_RULES  # UN10: reported by decoding, not by a pass

    rules = [r for name in PASSES for r in pass_class(name).rules] + list(DECODE_RULES) + list(PIPELINE_RULES)
    return tuple(sorted(rules, key=lambda r: r.code))


@lru_cache(maxsize=None)
def _by_code() -> dict[str, Rule]:
    return {r.code: r for r in all_rules()}


def rule_for(code: str) -> Rule | None:
    return _by_code().get(code)


def matches(code: str, patterns: tuple[str, ...] | list[str]) -> bool:
    """True if ``code`` starts with one of ``patterns`` (``"PU"`` matches ``"PU03"``; ``"ALL"`` all)."""
    return any(p == "ALL" or code.startswith(p) for p in patterns)
