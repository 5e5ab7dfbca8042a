#!/usr/bin/env python3
"""Instructions the pipeline spends on 1 MB of bench pages, counted by valgrind's callgrind.

The machines here drift by a third in speed from hour to hour, so timings cannot tell two trees
apart by a few per cent; instruction counts can. This cleans the 1 MB input of
``bench/perf.py`` (generated with the same seed) chunk by chunk as ``cleaner clean`` does, once
with every chunk and once with none, and prints the difference: the pages' work without the
start-up. Compare two trees (each a checkout holding ``cleaner/``)::

    python bench/instructions.py /path/to/tree-a /path/to/tree-b

Needs ``valgrind`` on the PATH (``apt install valgrind``); takes a minute or two per tree.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# run inside valgrind: clean the first N chunks of the input with the tree's pipeline
_DRIVER = """
import sys
sys.path.insert(0, sys.argv[1])
from cleaner.pipeline import Pipeline
from cleaner.stream import iter_chunks, iter_text
p = Pipeline()
with open(sys.argv[2], "rb") as f:
    chunks = list(iter_chunks(iter_text(f)))[: int(sys.argv[3])]
for lo, t in chunks:
    p.run(t, line_offset=lo, locate=False, records=False)
"""


def instructions(tree: Path, data: Path, chunks: int) -> int:
    """Instructions of one run of the driver (callgrind's ``refs``)."""
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", _DRIVER,
         str(tree), str(data), str(chunks)],
        capture_output=True, text=True, check=True,
    ).stderr
    m = re.search(r"refs:\s+([\d,]+)", out)
    if not m:
        raise SystemExit(f"no instruction count in valgrind's output:\n{out[-2000:]}")
    return int(m.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trees", nargs="*", type=Path, default=[ROOT], help="checkouts to count (default: this one)")
    ap.add_argument("--mb", type=float, default=1.0, help="input size in MB (default 1)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    import perf

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "input.txt"
        perf.write_input(data, int(args.mb * perf.MB))
        for tree in args.trees:
            work = instructions(tree, data, 1 << 30) - instructions(tree, data, 0)
            print(f"{os.fspath(tree)}: page work {work / 1e9:.3f} G instructions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
