"""Compile each distinct character class once per process.

Python's ``re`` builds a character class in Python code (``re._compiler._optimize_charset``):
the Han class ``[㐀-䶿一-鿿豈-﫿]`` becomes a bitmap of 65,536 entries filled and scanned by loops,
2 to 3 ms every time a pattern contains it. cleaner's patterns contain it about 110 times, so
compiling them took 0.2 s of every start: most of a pre-commit hook's run on a few files, and the
serial part that held ``--jobs 2`` back. The result depends only on the class's items when the
pattern is not case-insensitive, so :func:`install` keeps it per distinct class (about 200 of
them) and hands the same compiled form back.

This wraps a private function of the standard library, so it is careful: it changes nothing
unless the function is there with the signature it knows, it passes case-insensitive classes
through untouched, and a class whose items cannot be a key is compiled as before. If a later
Python renames the function, compiling is only slower again; what patterns match never changes.
"""
from __future__ import annotations

from typing import Any

_EXPECTED = ("charset", "iscased", "fixup", "fixes")
#: classes kept at most: cleaner needs about 200; a program that compiles many patterns of its
#: own after importing cleaner should not grow this without end
LIMIT = 1024


def install() -> bool:
    """Wrap ``re``'s class compiler with a per-class cache (once); True if it is in place."""
    try:
        from re import _compiler as compiler  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_compile as compiler  # type: ignore[no-redef]
    original = getattr(compiler, "_optimize_charset", None)
    if original is None:
        return False
    if getattr(original, "_cleaner_cached", False):
        return True
    code = getattr(original, "__code__", None)
    if code is None or code.co_varnames[: code.co_argcount] != _EXPECTED:
        return False
    compiled: dict[tuple[Any, ...], Any] = {}

    def optimize_charset(charset: Any, iscased: Any = None, fixup: Any = None, fixes: Any = None) -> Any:
        if fixup is not None:  # case-insensitive: the result depends on the case tables too
            return original(charset, iscased, fixup, fixes)
        try:
            key = tuple(charset)
            return compiled[key]
        except KeyError:
            result = original(charset, iscased, fixup, fixes)
            if len(compiled) < LIMIT:
                compiled[key] = result
            return result
        except TypeError:  # an item that is not hashable: no key, compile as before
            return original(charset, iscased, fixup, fixes)

    optimize_charset._cleaner_cached = True  # type: ignore[attr-defined]
    optimize_charset.__wrapped__ = original  # type: ignore[attr-defined]
    compiler._optimize_charset = optimize_charset
    return True
