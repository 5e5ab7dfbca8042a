"""How findings, diffs, edit logs and the rule table are written for people and machines.

Invisible characters are made visible so a finding about whitespace can be read:
``⏎`` newline, ``⇥`` tab, ``␣`` space, ``⟨U+3000⟩`` for other spaces, controls and format
characters (ideographic space, zero-width space, soft hyphen, …).
"""
from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
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


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class Tally:
    """What the closing line of ``cleaner check`` counts, without holding the findings (a
    damaged dump of a gigabyte has millions)."""

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self.total = self.fixable = 0
        self.severities: Counter[str] = Counter()
        self.paths: set[str] = set()
        self.add(findings)

    def add(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.total += 1
            self.fixable += f.fixable
            self.severities[f.severity] += 1
            self.paths.add(f.path)


def summary(findings: Sequence[Finding] | Tally, files: int, *, strict: bool = False) -> str:
    """The closing line of ``cleaner check`` on stderr."""
    t = findings if isinstance(findings, Tally) else Tally(findings)
    if not t.total:
        return f"All checks passed ({plural(files, 'file')})."
    parts = [plural(t.severities[s], s) for s in ("error", "warning", "info") if t.severities[s]]
    line = (f"Found {plural(t.total, 'finding')} ({t.fixable} fixable) in {plural(len(t.paths), 'file')}"
            f": {', '.join(parts)}.")
    if t.fixable:
        line += f"\n{t.fixable} fixable with `cleaner fix`."
    if t.severities["warning"] and not strict:
        line += "\nWarnings do not fail the check (use --strict)."
    return line


# --- diffs and explanations -------------------------------------------------------------


def unified_diff(path: str, before: bytes, after: bytes) -> bytes:
    """A unified diff of the bytes ``before`` → ``after`` that ``patch -p0`` applies to ``path``.

    The lines are the file's own bytes cut where ``patch`` cuts them, after each ``\\n`` byte,
    so they are in the file's encoding with its BOM (on line 1) and line ends (``\\r\\n`` in a
    CRLF file): a diff written in UTF-8 failed on every line of a GB18030 or UTF-16 file. The
    headers are ``path`` as the file system spells it, with ``\\n`` line ends.

    Hunks have 3 lines of context, as ``diff -u`` and :func:`difflib.unified_diff` write them;
    the changed lines are found by :func:`_changes`, in linear time (difflib took minutes on a
    dump of a few megabytes).

    >>> d = unified_diff("p.txt", "标题\\r\\n\\r\\n正文,一\\r\\n".encode("gb18030"),
    ...                  "标题\\r\\n\\r\\n正文，一\\r\\n".encode("gb18030"))
    >>> print(d.decode("gb18030").replace("\\r", "␍"), end="")
    --- p.txt
    +++ p.txt
    @@ -1,3 +1,3 @@
     标题␍
     ␍
    -正文,一␍
    +正文，一␍
    """
    a, b = _lines(before), _lines(after)
    out: list[bytes] = []
    for i1, i2, j1, j2, changes in _hunks(_changes(a, b), len(a), len(b)):
        if not out:
            name = os.fsencode(path)
            out.append(b"--- %s\n+++ %s\n" % (name, name))
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n".encode("ascii"))
        i = i1
        for ci1, ci2, cj1, cj2 in changes:
            out.extend(_marked(b" ", a[i:ci1]))
            out.extend(_marked(b"-", a[ci1:ci2]))
            out.extend(_marked(b"+", b[cj1:cj2]))
            i = ci2
        out.extend(_marked(b" ", a[i:i2]))
    return b"".join(out)


def _marked(mark: bytes, lines: list[bytes]) -> Iterator[bytes]:
    for line in lines:
        yield mark + line if line.endswith(b"\n") else mark + line + b"\n\\ No newline at end of file\n"


def _range(start: int, stop: int) -> str:
    """A hunk's line range as ``diff -u`` writes it (difflib's ``_format_range_unified``)."""
    if stop - start == 1:
        return str(start + 1)
    return f"{start if start == stop else start + 1},{stop - start}"


#: a changed stretch of at most this many lines (its two sides multiplied) is diffed by difflib
#: line by line; a longer one is one replacement
_REFINE_MAX = 250_000

Change = tuple[int, int, int, int]  # a[i1:i2] becomes b[j1:j2]


def _changes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Change]:
    """The stretches ``a[i1:i2]`` that become ``b[j1:j2]``, in order, every other line equal.

    Linear in practice: equal lines are passed in step; at a difference both sides are read on,
    a line of each at a time, until a pair of lines in a row on one side is met on the other (the
    nearest such pair), where the two sides fall in step again. A pair, not a line: blank lines
    recur everywhere, and falling in step at the wrong one put the rest of a dump out of step,
    each line shown as removed and added. The stretch between is diffed by difflib, which is
    quick on a few lines. :func:`difflib.unified_diff` over the whole file was quadratic when
    short equal stretches alternate with changes, as in a dump after `fix`: a four-megabyte
    dump took 90 seconds.

    >>> _changes(list("abcxde"), list("abde"))
    [(2, 4, 2, 2)]
    >>> _changes(list("ab"), list("ba")), _changes([], list("ab"))
    ([(0, 0, 0, 1), (1, 2, 2, 2)], [(0, 0, 0, 2)])
    """
    na, nb = len(a), len(b)
    out: list[Change] = []
    i = j = 0
    while True:
        while i < na and j < nb and a[i] == b[j]:
            i += 1
            j += 1
        if i == na and j == nb:
            return out
        p, q = _in_step(a, b, i, j)
        out += _refine(a, b, i, p, j, q)
        i, j = p, q


def _in_step(a: Sequence[Hashable], b: Sequence[Hashable], i: int, j: int) -> tuple[int, int]:
    """The nearest ``(p, q)`` past a difference at ``a[i]``, ``b[j]`` where two lines in a row
    are the same on both sides (or the last line of both); ``(len(a), len(b))`` if there is
    none. The cost is the length of the stretch it passes over."""
    na, nb = len(a), len(b)
    seen_a: dict[tuple[Hashable, Hashable], int] = {}
    seen_b: dict[tuple[Hashable, Hashable], int] = {}
    s = 0
    while i + s < na or j + s < nb:
        found = None
        p, q = i + s, j + s
        if p < na:
            key = (a[p], a[p + 1] if p + 1 < na else None)
            seen_a.setdefault(key, p)
            if key in seen_b:
                found = (p, seen_b[key])
        if q < nb:
            key = (b[q], b[q + 1] if q + 1 < nb else None)
            seen_b.setdefault(key, q)
            if key in seen_a and (found is None or seen_a[key] + q < sum(found)):
                found = (seen_a[key], q)
        if found is not None:
            return found
        s += 1
    return na, nb


def _refine(a: Sequence[Hashable], b: Sequence[Hashable], i1: int, i2: int, j1: int, j2: int) -> list[Change]:
    """The changes within the stretch ``a[i1:i2]`` → ``b[j1:j2]``, by difflib if it is short."""
    if i1 == i2 or j1 == j2 or (i2 - i1) * (j2 - j1) > _REFINE_MAX:
        return [(i1, i2, j1, j2)]
    import difflib

    ops = difflib.SequenceMatcher(None, a[i1:i2], b[j1:j2]).get_opcodes()
    return [(i1 + x1, i1 + x2, j1 + y1, j1 + y2) for tag, x1, x2, y1, y2 in ops if tag != "equal"]


def _hunks(changes: list[Change], na: int, nb: int, context: int = 3) -> Iterator[tuple[int, int, int, int, list[Change]]]:
    """``changes`` grouped into hunks as :func:`difflib.unified_diff` groups them: ``context``
    equal lines around each change, and two changes at most ``2 * context`` equal lines apart in
    one hunk. Each hunk is ``(i1, i2, j1, j2, its changes)``."""
    group: list[Change] = []
    for c in changes:
        if group and c[0] - group[-1][1] > 2 * context:
            yield _hunk(group, na, nb, context)
            group = []
        group.append(c)
    if group:
        yield _hunk(group, na, nb, context)


def _hunk(group: list[Change], na: int, nb: int, context: int) -> tuple[int, int, int, int, list[Change]]:
    first, last = group[0], group[-1]
    before = min(context, first[0], first[2])  # (equal lines before a change: as many on both sides)
    after = min(context, na - last[1], nb - last[3])
    return first[0] - before, last[1] + after, first[2] - before, last[3] + after, group


def _lines(data: bytes) -> list[bytes]:
    """``data``'s lines with their ``\\n``, as ``patch`` counts them: ``splitlines`` also breaks
    at a lone ``\\r``, and a ``str`` one at a form feed (a page break in a dump), U+2028 and
    other separators; a diff cut there was malformed."""
    lines = [line + b"\n" for line in data.split(b"\n")]
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
