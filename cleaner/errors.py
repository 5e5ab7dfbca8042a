"""Errors a user can act on. The CLI prints them as one line and exits 2; no traceback."""
from __future__ import annotations


class CleanerError(Exception):
    """Bad input or a failed write: ``path[:line]: message``."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or "<stdin>"
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"
