"""Print the README's rule table for the punctuation family from the code (cleaner.registry.all_rules).

    python bench/gen_rules_table.py            # PU and CV rules
    python bench/gen_rules_table.py UN WS      # any families, by code prefix
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.registry import PASSES, all_rules, pass_class  # noqa: E402


def table(prefixes: tuple[str, ...] = ("PU", "CV")) -> str:
    owner = {r.code: name for name in PASSES for r in pass_class(name).rules}
    rows = ["| code | name | pass | fix | what |", "|---|---|---|---|---|"]
    for r in all_rules():
        if not r.code.startswith(prefixes):
            continue
        fix = "yes" if r.fixable else f"no ({r.severity})"
        if "(opt-in" in r.summary:
            fix += ", opt-in"
        summary = r.summary.replace(" (opt-in)", "").replace("|", "\\|")
        rows.append(f"| {r.code} | `{r.name}` | {owner[r.code]} | {fix} | {summary} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table(tuple(sys.argv[1:]) or ("PU", "CV")))
