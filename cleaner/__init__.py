"""cleaner: turn raw OCR dumps of Chinese newspaper pages into clean, structured text.

>>> import cleaner
>>> page = cleaner.clean("寒冬暖举措\\n\\n本报讯（记者 锦秀）近日，小区物业推出暖心举措。\\n")
>>> page.articles[0].title
'寒冬暖举措'

Heavy modules are imported on first use, so ``import cleaner`` stays cheap.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import charsets

charsets.install()  # before any pass compiles its patterns: a fifth of a second off every start

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Block",
    "CleanerError",
    "Diagnostic",
    "Edit",
    "Page",
    "Pipeline",
    "Rule",
    "clean",
    "clean_bytes",
    "clean_file",
    "replay",
    "__version__",
]

_LAZY = {
    "clean": "api",
    "clean_bytes": "api",
    "clean_file": "api",
    "Pipeline": "pipeline",
    "replay": "edits",
    "CleanerError": "errors",
    "Article": "model",
    "Block": "model",
    "Diagnostic": "model",
    "Edit": "model",
    "Page": "model",
    "Rule": "model",
}

if TYPE_CHECKING:  # pragma: no cover
    from .api import clean, clean_bytes, clean_file
    from .edits import replay
    from .errors import CleanerError
    from .model import Article, Block, Diagnostic, Edit, Page, Rule
    from .pipeline import Pipeline


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
