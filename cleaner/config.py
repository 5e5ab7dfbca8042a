"""Configuration for ``cleaner check`` / ``fix`` / ``explain``: ``[tool.cleaner]`` or ``cleaner.toml``.

A file's configuration is the closest one found by walking up from the file's folder: in each
folder ``cleaner.toml`` (the settings at top level) is read first, then ``pyproject.toml``
(the ``[tool.cleaner]`` table; a ``pyproject.toml`` without one is skipped, as ruff does).
Keys (``-`` and ``_`` are the same)::

    [tool.cleaner]
    select = ["ALL"]                 # rule-code prefixes to run
    ignore = ["SG01"]                # rule-code prefixes to drop
    strict = false                   # warnings fail `cleaner check` too
    severity = { RJ = "warning" }    # severity per code prefix (longest prefix wins)
    exclude = ["archive/*"]          # globs of files to skip
    per-path-ignores = { "raw/*.txt" = ["WS01"] }

    [tool.cleaner.wrap]              # options of one pass: wrap.max_wrap_width
    max_wrap_width = 40

Globs are relative to the folder of the configuration file; a glob without ``/`` matches any
single path component (``"drafts"`` skips every file under a ``drafts`` folder), and ``*``
matches across folders. Unknown keys, rule codes, pass options and severities are errors that
name the key and the file: a typo must not turn a check off silently.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Any

from .errors import CleanerError

#: looked for in each folder, in this order
CONFIG_NAMES = ("cleaner.toml", "pyproject.toml")
TOP_KEYS = ("select", "ignore", "strict", "severity", "exclude", "per_path_ignores")


class ConfigError(CleanerError):
    """A configuration file that cannot be used; the CLI prints it and exits 2."""


@dataclass(frozen=True)
class Config:
    """Settings for the files under one configuration file (``path``; ``None``: defaults)."""

    path: str | None = None
    root: str = field(default_factory=os.getcwd)  # the folder globs are relative to
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    strict: bool = False
    severity: tuple[tuple[str, str], ...] = ()  # (code prefix, severity), longest prefix first
    options: tuple[tuple[str, Any], ...] = ()  # ("wrap.max_wrap_width", 40)
    exclude: tuple[str, ...] = ()
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def relative(self, path: str) -> str:
        return os.path.relpath(os.path.abspath(path), self.root).replace(os.sep, "/")

    def excluded(self, path: str) -> bool:
        rel = self.relative(path)
        return any(glob_matches(g, rel) for g in self.exclude)

    def ignores_for(self, path: str | None) -> tuple[str, ...]:
        """The rule-code prefixes ignored for ``path``: ``ignore`` plus matching per-path ignores."""
        if path is None or not self.per_path_ignores:
            return self.ignore
        rel = self.relative(path)
        extra = [c for g, codes in self.per_path_ignores if glob_matches(g, rel) for c in codes]
        return self.ignore + tuple(extra)

    def severity_of(self, code: str, default: str) -> str:
        for prefix, sev in self.severity:
            if code.startswith(prefix):
                return sev
        return default


def glob_matches(pattern: str, rel: str) -> bool:
    """True if the relative posix path ``rel`` (or a folder above it) matches ``pattern``.

    >>> glob_matches("*.txt", "a/b.txt"), glob_matches("drafts", "x/drafts/p.txt")
    (True, True)
    >>> glob_matches("raw/*.txt", "raw/p.txt"), glob_matches("raw/*.txt", "cooked/p.txt")
    (True, False)
    """
    pattern = pattern.strip("/")
    parts = rel.split("/")
    if "/" not in pattern:
        return any(fnmatchcase(p, pattern) for p in parts)
    return any(fnmatchcase("/".join(parts[:i]), pattern) for i in range(1, len(parts) + 1))


def _toml(path: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef,import-not-found]  # 3.10 only; not installed on 3.11+
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"invalid TOML: {err}", path) from None
    except UnicodeDecodeError as err:  # (a comment saved as GBK: TOML files are UTF-8)
        raise ConfigError(f"not UTF-8 (byte {err.start}); TOML files are UTF-8", path) from None
    except OSError as err:
        raise ConfigError(f"cannot read: {err.strerror}", path) from None


def _table(path: str) -> dict[str, Any] | None:
    data = _toml(path)
    if os.path.basename(path) != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("cleaner")
    if table is not None and not isinstance(table, dict):
        raise ConfigError("[tool.cleaner] must be a table", path)
    return table


def check_codes(codes: Any, where: str, path: str | None) -> tuple[str, ...]:
    """Validate a list of rule-code prefixes (``"ALL"`` allowed): each must match a known rule."""
    from .registry import all_rules

    if isinstance(codes, str) or not isinstance(codes, (list, tuple)) or not all(isinstance(c, str) for c in codes):
        raise ConfigError(f"{where} must be a list of rule codes, got {codes!r}", path)
    known = [r.code for r in all_rules()]
    out = []
    for c in codes:
        c = c.strip().upper()
        if c != "ALL" and not any(k.startswith(c) for k in known):
            raise ConfigError(f"unknown rule code {c!r} in {where} (see `cleaner rules`)", path)
        out.append(c)
    return tuple(out)


def _options(name: str, table: Any, path: str) -> list[tuple[str, Any]]:
    from .passes.base import option_problem
    from .registry import pass_class

    if not isinstance(table, dict):
        raise ConfigError(f"[{name}] must be a table of options", path)
    cls = pass_class(name)
    defaults = cls.options
    out = []
    for key, value in table.items():
        opt = key.replace("-", "_")
        if opt not in defaults:
            known = ", ".join(defaults) or "none"
            raise ConfigError(f"unknown option {name}.{key} (options of {name}: {known})", path)
        default = defaults[opt]
        problem = option_problem(f"{name}.{opt}", default, value, cls.limits.get(opt))
        if problem:  # ("option 'wrap.max_wrap_width' must be …": named as the file spells it)
            raise ConfigError(problem.replace(f"option '{name}.{opt}'", f"{name}.{opt}", 1), path)
        if (name, opt) == ("convert", "config") and value is not None:
            _check_opencc(value, path)
        out.append((f"{name}.{opt}", value))
    return out


def _check_opencc(value: Any, path: str) -> None:
    """``convert.config`` names an OpenCC config that loads (``t2s``, ``s2twp``…)."""
    from .passes.convert import converter

    if not isinstance(value, str) or not value:
        raise ConfigError(f"convert.config must be an OpenCC config name such as \"t2s\", got {value!r}", path)
    try:
        converter(value)
    except ValueError as err:
        raise ConfigError(f"convert.config: {err}", path) from None


def parse(table: dict[str, Any], path: str) -> Config:
    """Turn a ``[tool.cleaner]`` table read from ``path`` into a :class:`Config`."""
    from .model import SEVERITIES
    from .registry import PASSES

    kw: dict[str, Any] = {}
    options: list[tuple[str, Any]] = []
    for raw, value in table.items():
        key = raw.replace("-", "_")
        if key in PASSES:
            options.extend(_options(key, value, path))
        elif key not in TOP_KEYS:
            known = ", ".join(k.replace("_", "-") for k in TOP_KEYS)
            raise ConfigError(f"unknown key {raw!r} (known: {known}, or a pass table: {', '.join(PASSES)})", path)
        elif key in ("select", "ignore"):
            kw[key] = check_codes(value, key, path)
        elif key == "strict":
            if not isinstance(value, bool):
                raise ConfigError(f"strict must be true or false, got {value!r}", path)
            kw[key] = value
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError("severity must be a table of CODE = \"error\"|\"warning\"|\"info\"", path)
            pairs = []
            for code, sev in value.items():
                (code,) = check_codes([code], "severity", path)
                if sev not in SEVERITIES:
                    raise ConfigError(f"severity of {code} must be one of {', '.join(SEVERITIES)}, got {sev!r}", path)
                pairs.append(("" if code == "ALL" else code, sev))
            kw[key] = tuple(sorted(pairs, key=lambda p: -len(p[0])))
        elif key == "exclude":
            if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(g, str) for g in value):
                raise ConfigError(f"exclude must be a list of globs, got {value!r}", path)
            kw[key] = tuple(value)
        else:  # per_path_ignores
            if not isinstance(value, dict):
                raise ConfigError("per-path-ignores must be a table of \"glob\" = [codes]", path)
            kw[key] = tuple((g, check_codes(c, f"per-path-ignores {g!r}", path)) for g, c in value.items())
    return Config(path=path, root=os.path.dirname(os.path.abspath(path)), options=tuple(options), **kw)


def load(path: str) -> Config:
    """Read the configuration file at ``path`` (a ``pyproject.toml`` may lack ``[tool.cleaner]``)."""
    table = _table(path)
    return parse(table or {}, path)


@lru_cache(maxsize=None)
def _in_folder(folder: str) -> Config | None:
    for name in CONFIG_NAMES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            table = _table(candidate)
            if table is not None:
                return parse(table, candidate)
    parent = os.path.dirname(folder)
    return None if parent == folder else _in_folder(parent)


def forget() -> None:
    """Forget the configuration files read so far (they are read once per folder and run)."""
    _in_folder.cache_clear()


def discover(path: str | None) -> Config:
    """The configuration for ``path`` (a file, or ``None`` for stdin: the current folder)."""
    start = os.path.abspath(path) if path else os.getcwd()
    folder = start if os.path.isdir(start) else os.path.dirname(start)
    return _in_folder(folder) or Config()
