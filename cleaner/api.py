"""The library facade: everything the CLI does goes through these functions."""
from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from .model import Page
from .pipeline import Pipeline
from .source import decode


def _options(options: Mapping[str, Any] | None, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(options or {})
    merged.update({k.replace("__", ".", 1): v for k, v in kwargs.items()})
    return merged


def make_pipeline(
    *,
    passes: Sequence[str] | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    options: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> Pipeline:
    """Build a :class:`~cleaner.pipeline.Pipeline`; see :func:`clean` for the arguments."""
    opts = _options(options, kwargs)
    if passes is None and select is None and ignore is None and not opts:
        return _default_pipeline()
    return Pipeline(passes, select=("ALL",) if select is None else select, ignore=ignore or (), options=opts)


@lru_cache(maxsize=1)
def _default_pipeline() -> Pipeline:
    return Pipeline()


def clean(
    text: str,
    *,
    path: str | None = None,
    passes: Sequence[str] | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    options: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> Page:
    """Clean one page of text and return a :class:`~cleaner.model.Page`.

    ``passes`` names the passes to run (default: all, in order); ``select``/``ignore`` are rule
    code prefixes (a list, or one comma-separated string; a prefix that matches no rule is a
    ``ValueError``); ``options`` maps ``"pass.option"`` to values, and keyword arguments spelled
    ``pass__option`` do the same (``clean(text, wrap__max_wrap_width=40)``).

    >>> page = clean("标题\\n\\n　　本报讯（记者 张三）今天，天气很好。\\n")
    >>> page.text
    '标题\\n\\n本报讯（记者 张三）今天，天气很好。\\n'
    >>> page.articles[0].title, page.articles[0].authors
    ('标题', ['张三'])
    """
    if not isinstance(text, str):
        hint = {bytes: "clean_bytes(data)", bytearray: "clean_bytes(data)"}.get(type(text), "")
        if isinstance(text, os.PathLike):
            hint = "clean_file(path)"
        raise TypeError(f"clean() takes the text as a str, not {type(text).__name__}" + (f"; use {hint}" if hint else ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    pipeline = make_pipeline(passes=passes, select=select, ignore=ignore, options=options, **kwargs)
    return pipeline.run(text, path=path)


def clean_bytes(
    data: bytes, *, encoding: str | None = None, path: str | None = None, errors: str = "strict", **kwargs: Any
) -> Page:
    """Decode ``data`` (BOM, UTF-8, or a detected encoding such as GB18030) and clean it.

    ``errors="replace"`` turns each run of undecodable bytes into U+FFFD with a UN10 diagnostic
    (the CLI's ``--errors replace``) instead of a :class:`~cleaner.errors.CleanerError`.
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, bytes):
        hint = "; use clean(text)" if isinstance(data, str) else "; use clean_file(path)" if isinstance(data, os.PathLike) else ""
        raise TypeError(f"clean_bytes() takes bytes, not {type(data).__name__}{hint}")
    decoded = decode(data, encoding=encoding, errors=errors, path=path)
    page = clean(decoded.text, path=path, **kwargs)
    page.meta.setdefault("encoding", decoded.encoding)
    if decoded.replaced:
        from .io import add_decode_diagnostics

        add_decode_diagnostics(page, decoded.replaced)
    return page


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a file, turning OS errors into a :class:`~cleaner.errors.CleanerError` that names the file
    (:func:`cleaner.io.read_bytes`, which also refuses an endless binary stream early)."""
    from .io import read_bytes as read

    return read(os.fspath(path))


def clean_file(
    path: str | os.PathLike[str], *, encoding: str | None = None, errors: str = "strict", **kwargs: Any
) -> Page:
    """Read, decode and clean the file at ``path`` (``errors``: as for :func:`clean_bytes`)."""
    p = os.fspath(path)
    return clean_bytes(read_bytes(p), encoding=encoding, path=p, errors=errors, **kwargs)
