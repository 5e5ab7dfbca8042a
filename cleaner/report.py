"""How findings, diffs, edit logs and the rule table are written for people and machines.

Invisible characters are made visible so a finding about whitespace can be read:
``⏎`` newline, ``⇥`` tab, ``␣`` space, ``⟨U+3000⟩`` for other spaces, controls and format
characters (ideographic space, zero-width space, soft hyphen, …).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .checker import Finding
    from .model import Edit, Page, Rule

_NAMED = {"\n": "⏎", "\t": "⇥", " ": "␣"}
# spaces other than U+0020, C0/C1 controls, format characters (Cf), line/paragraph separators
_INVISIBLE_RE = re.compile(
    "[\n\t \x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u061c\u115f\u1160\u1680\u180e\u2000-\u200f"
    "\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\u3164\ufeff\ufff9-\ufffb]"
)


def visible(text: str, limit: int = 0) -> str:
    """``text`` with invisible characters shown, shortened in the middle past ``limit`` characters.

    >>> visible("第一段\\n\\n\\u3000\\u3000第二段 ")
    '第一段⏎⏎⟨U+3000⟩⟨U+3000⟩第二段␣'
    >>> visible("一二三四五六七八九十" * 3, limit=12)
    '一二三四五六…(+18)…五六七八九十'
    """
    if limit and len(text) > limit:
        head, tail = limit // 2, limit - limit // 2
        return f"{visible(text[:head])}…(+{len(text) - limit})…{visible(text[-tail:])}"
    return _INVISIBLE_RE.sub(_show, text)


def _show(m: re.Match[str]) -> str:
    c = m.group()
    return _NAMED.get(c) or f"⟨U+{ord(c):04X}⟩"


def edit_message(edit: Edit, rule: Rule | None, limit: int = 40, *, at_end: bool = False) -> str:
    """The message of a fixable finding: the rule's summary, the pass's note and the change.

    A change of line breaks only is counted in blank lines (``at_end``: the span ends the file).

    >>> from cleaner.model import Edit, Rule
    >>> ws = Rule("WS01", "whitespace.trailing", "trailing whitespace removed")
    >>> edit_message(Edit("WS01", 3, 4, "\u3000", ""), ws)
    "trailing whitespace removed: '⟨U+3000⟩' → ''"
    >>> edit_message(Edit("SG01", 9, 13, "\\n\\n\\n\\n", "\\n\\n", line=2, col=5), None)
    'SG01: 3 blank lines → 1'
    >>> edit_message(Edit("RJ01", 9, 10, "\\n", "", line=2, col=5), None)
    "RJ01: '⏎' → ''"
    """
    summary = rule.summary if rule else edit.code
    note = f" ({edit.note})" if edit.note and edit.note not in summary else ""
    twin = f" (kept copy at line {edit.twin_line})" if edit.twin_line else ""
    return f"{summary}{note}: {_newlines(edit, at_end) or _change(edit, limit)}{twin}"


def _change(edit: Edit, limit: int) -> str:
    return f"'{visible(edit.before, limit)}' → '{visible(edit.after, limit)}'"


def _blank(n: int) -> str:
    return f"{n} blank line" if n == 1 else f"{n} blank lines"


def _newlines(edit: Edit, at_end: bool) -> str | None:
    """``3 blank lines → 1`` for an edit that only changes a run of line breaks, else ``None``."""
    b, a = edit.before, edit.after
    if b.strip("\n") or a.strip("\n") or b == a:
        return None
    # a run starting inside a line first ends that line; one starting a line is all blank lines
    ends_line = 0 if edit.col == 1 else 1
    nb, na = max(len(b) - ends_line, 0), max(len(a) - ends_line, 0)
    if at_end and not b:
        return "no line break at the end of the file"
    if nb == na:  # a line break removed or added (lines joined or split): shown as it is
        return None
    where = " at the end of the file" if at_end else ""
    if edit.line == 1 and edit.col == 1:
        where = " at the start of the file"
    return f"{_blank(nb)}{where} → {na}"


# --- findings ---------------------------------------------------------------------------


def finding_line(f: Finding) -> str:
    """``path:line:col: CODE [*] message`` (``[*]``: ``cleaner fix`` fixes it); ruff's concise form."""
    mark = " [*]" if f.fixable else ""
    sev = "" if f.severity == "error" else f" ({f.severity})"
    return f"{f.path}:{f.line}:{f.col}: {f.code}{mark} {f.message}{sev}"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github_line(f: Finding) -> str:
    """A GitHub Actions workflow command: an annotation on the file's line in the pull request."""
    props = ",".join(
        f"{k}={_gh_escape(str(v), True)}"
        for k, v in (("file", f.path), ("line", f.line), ("col", f.col), ("endLine", f.end_line),
                     ("endColumn", f.end_col), ("title", f.code))
    )
    name = f" [{f.name}]" if f.name else ""
    return f"::{_GH_LEVEL.get(f.severity, 'error')} {props}::{_gh_escape(f.message + name)}"


def findings_json(findings: Iterable[Finding]) -> str:
    import json

    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(findings: Sequence[Finding], files: int, *, strict: bool = False) -> str:
    """The closing line of ``cleaner check`` on stderr."""
    if not findings:
        return f"All checks passed ({_plural(files, 'file')})."
    fixable = sum(f.fixable for f in findings)
    with_findings = len({f.path for f in findings})
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    parts = [_plural(n, s) for s, n in counts.items() if n]
    line = (f"Found {_plural(len(findings), 'finding')} ({fixable} fixable) in {_plural(with_findings, 'file')}"
            f": {', '.join(parts)}.")
    if fixable:
        line += f"\n{fixable} fixable with `cleaner fix`."
    if counts["warning"] and not strict:
        line += "\nWarnings do not fail the check (use --strict)."
    return line


# --- diffs and explanations -------------------------------------------------------------


def unified_diff(path: str, before: str, after: str, newline: str = "\n") -> str:
    """A unified diff of ``before`` → ``after`` (both with ``\\n`` newlines); ``patch -p0`` applies
    it. Its text lines end in the file's ``newline`` (``\\r\\n`` for a CRLF file: with ``\\n``
    every hunk failed on "different line endings"), its headers in ``\\n``."""
    import difflib

    a, b = _lines(before), _lines(after)
    out = []
    for line in difflib.unified_diff(a, b, path, path, n=3):
        if not line.endswith("\n"):
            line += "\n\\ No newline at end of file\n"
        elif newline != "\n" and not line.startswith(("---", "+++", "@@")):
            line = line[:-1] + newline
        out.append(line)
    return "".join(out)


def _lines(text: str) -> list[str]:
    """``text``'s lines with their ``\\n``, as ``patch`` counts them: ``str.splitlines`` also
    breaks at a form feed (a page break in a dump), U+2028 and other separators, and a diff
    cut there was malformed."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def explain_lines(page: Page, limit: int = 80) -> list[str]:
    """The edit log in human form: ``line:col CODE name: 'before' → 'after'``.

    Removals of a duplicate name the copy that was kept (``kept copy at line N``).
    """
    from .registry import rule_for

    out = []
    for e in sorted(page.edits, key=lambda e: (e.line, e.col, e.step)):
        rule = rule_for(e.code)
        name = f" {rule.name}" if rule else ""
        extra = [e.note] if e.note else []
        if e.twin_line:
            extra.append(f"kept copy at line {e.twin_line}")
        tail = f" ({'; '.join(extra)})" if extra else ""
        out.append(f"{e.line}:{e.col} {e.code}{name}: {_change(e, limit)}{tail}")
    return out


# --- the rule table ---------------------------------------------------------------------


def rules_output(rules: Sequence[Rule], fmt: str) -> str:
    """Every rule: code, name, fixable, default severity, summary (``text``, ``markdown``, ``json``)."""
    import json

    if fmt == "json":
        return json.dumps(
            [{"code": r.code, "name": r.name, "fixable": r.fixable, "severity": r.severity, "summary": r.summary}
             for r in rules],
            ensure_ascii=False, indent=2,
        ) + "\n"
    if fmt == "markdown":
        lines = ["| code | name | fix | severity | summary |", "|---|---|---|---|---|"]
        for r in rules:
            summary_md = r.summary.replace("|", "\\|")
            lines.append(f"| {r.code} | `{r.name}` | {'yes' if r.fixable else 'no'} | {r.severity} | {summary_md} |")
        return "\n".join(lines) + "\n"
    width = max((len(r.name) for r in rules), default=0)
    return "".join(
        f"{r.code}  {r.name:<{width}}  {'[*]' if r.fixable else '   '}  {r.severity:<7}  {r.summary}\n" for r in rules
    )


def options_output(options: Sequence[tuple[str, Any]], fmt: str) -> str:
    """Every pass option with its default, as ``pass.option = value`` (``text``), a table or JSON."""
    import json

    if fmt == "json":
        return json.dumps(dict(options), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        lines = ["| option | default |", "|---|---|"]
        lines += [f"| `{k}` | `{json.dumps(v, ensure_ascii=False)}` |" for k, v in options]
        return "\n".join(lines) + "\n"
    # (TOML has no null: an option unset by default is shown commented out, ready to set)
    return "".join(f"# {k} =    (unset)\n" if v is None else f"{k} = {json.dumps(v, ensure_ascii=False)}\n"
                   for k, v in options)
