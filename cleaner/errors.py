"""Errors a user can act on. The CLI prints them as one line and exits 2; no traceback."""
from __future__ import annotations

#: control characters as Python writes them in a string (``\\n``, ``\\x1b``); U+2028/9 end a line too
_ESCAPES = {c: repr(chr(c))[1:-1] for c in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)}


def shown(name: str) -> str:
    """A file name as messages show it: a control character escaped (``a\\nb.txt``), so a name
    holding a newline keeps ``path:line:col: CODE message`` on one line and one holding an escape
    sequence does not drive the terminal."""
    return name.translate(_ESCAPES)


class CleanerError(Exception):
    """Bad input or a failed write: ``path[:line]: message``."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = shown(self.path) if self.path else "<stdin>"
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"
