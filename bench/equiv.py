#!/usr/bin/env python3
"""Check that a change to cleaner's passes keeps their output: the same pages through two trees.

Speed work rewrites passes; this is its oracle. It cleans a fixed corpus (generated perf pages,
fuzz pages with OCR damage, arbitrary text, dedup multi-page dumps, the fixtures) with the
current tree and with a baseline tree (``--base``, a checkout of an earlier commit) and compares
text, records (with block kinds), diagnostics and the edit log, page by page::

    git worktree add /tmp/base <commit>            # once
    python bench/equiv.py --base /tmp/base          # exit 1 and the first differences if any

The baseline's results are cached (``--cache``) per base commit, so later runs only clean with
the current tree.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(n: int, seed: int) -> list[tuple[str, str]]:
    """``(name, text)`` pairs, the same for a given ``n`` and ``seed`` in every tree."""
    sys.path.insert(0, str(ROOT / "bench"))
    import dedup_bench
    import fuzz
    import perf

    out: list[tuple[str, str]] = []
    for p in sorted((ROOT / "fixtures").glob("*.txt")):
        if not p.name.endswith((".out.txt",)):
            data = p.read_bytes()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("gb18030")
            out.append((f"fixture:{p.name}", text.replace("\r\n", "\n")))
    sample = ROOT.parent / "shared" / "samples" / "000_06e19f818bbc1da6.txt"
    if sample.exists():
        out.append(("sample", sample.read_text(encoding="utf-8")))
    for k, page in enumerate(perf.generate(n * 4000, seed)):
        out.append((f"perf:{k}", page.lstrip("\f")))
    rnd = random.Random(seed)
    arts = fuzz.load_articles()
    for k in range(n):
        t = fuzz.page(rnd, arts).replace("\r\n", "\n").replace("\r", "\n")
        out.append((f"fuzz:{k}", t))
    for k in range(n // 10):
        out.append((f"arbitrary:{k}", fuzz.arbitrary(rnd).replace("\r\n", "\n").replace("\r", "\n")))
    drng = random.Random(seed)
    darts = dedup_bench.load_articles()
    for k in range(n // 20):
        text, _, _ = dedup_bench.multipage(drng, darts, drng.randint(2, 4))
        out.append((f"dedup:{k}", text))
    return out


def results(tree: Path, n: int, seed: int, out: Path) -> None:
    """Clean the corpus with the cleaner package of ``tree`` (in a child process) into ``out``."""
    code = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(tree)!r})\n"
        f"sys.path.insert(1, {str(ROOT / 'bench')!r})\n"
        "import cleaner\n"
        f"assert cleaner.__file__.startswith({str(tree)!r}), cleaner.__file__\n"
        "from cleaner.pipeline import Pipeline\n"
        f"sys.argv = ['equiv', {str(ROOT)!r}]\n"
        "sys.path.insert(0, sys.argv[1] + '/bench')\n"
        "import equiv\n"
        "p = Pipeline()\n"
        f"with open({str(out)!r}, 'w', encoding='utf-8') as f:\n"
        f"    for name, text in equiv.corpus({n}, {seed}):\n"
        "        page = p.run(text)\n"
        "        d = page.to_dict()\n"
        "        d['kinds'] = [[b.kind for b in a.blocks] for a in page.articles]\n"
        "        d['steps'] = [[e.pass_name, e.step, e.code, e.start, e.end] for e in page.edits]\n"
        "        d['name'] = name\n"
        "        f.write(json.dumps(d, ensure_ascii=False) + '\\n')\n"
    )
    env = dict(os.environ, PYTHONPATH=str(tree))
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=str(tree))


def head(tree: Path) -> str:
    try:
        return subprocess.run(["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    except Exception:
        return hashlib.sha1(str(tree).encode()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", type=Path, required=True, help="a checkout of the baseline commit")
    ap.add_argument("-n", type=int, default=600, help="corpus size knob (default 600)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/cleaner-equiv"))
    ap.add_argument("--show", type=int, default=5, help="differences to print")
    ap.add_argument("--loose", action="store_true", help="compare text, records and diagnostics only, not the edit log")
    ap.add_argument("--any-step", action="store_true", help="compare the edit log but not step numbers (rounds skipped)")
    a = ap.parse_args(argv)
    a.cache.mkdir(parents=True, exist_ok=True)
    # the corpus depends on the tree's surroundings too (../shared/ holds the sample page)
    names = hashlib.sha1("\n".join(name for name, _ in corpus(a.n, a.seed)).encode()).hexdigest()[:8]
    base_out = a.cache / f"base-{head(a.base)[:12]}-{a.n}-{a.seed}-{names}.jsonl"
    if not base_out.exists():
        tmp = base_out.with_suffix(".tmp")
        results(a.base.resolve(), a.n, a.seed, tmp)
        tmp.rename(base_out)
    cur_out = a.cache / f"current-{os.getpid()}.jsonl"
    results(ROOT, a.n, a.seed, cur_out)
    fields = ["text", "records", "kinds", "diagnostics", "meta"] + ([] if a.loose else ["edits", "steps"])
    bad = 0
    total = 0
    with open(base_out, encoding="utf-8") as fb, open(cur_out, encoding="utf-8") as fc:
        for lb, lc in zip(fb, fc):
            total += 1
            b, c = json.loads(lb), json.loads(lc)
            if a.any_step:
                for d in (b, c):
                    d["steps"] = [[x[0], *x[2:]] for x in d.get("steps", [])]
            diff = [k for k in fields if b.get(k) != c.get(k)]
            if diff:
                bad += 1
                if bad <= a.show:
                    print(f"--- {b['name']}: differs in {', '.join(diff)}")
                    for k in diff:
                        bv, cv = b.get(k), c.get(k)
                        if isinstance(bv, list) and isinstance(cv, list):
                            for i, (x, y) in enumerate(zip(bv, cv)):
                                if x != y:
                                    print(f"  {k}[{i}] base: {json.dumps(x, ensure_ascii=False)[:400]}")
                                    print(f"  {k}[{i}] now:  {json.dumps(y, ensure_ascii=False)[:400]}")
                                    break
                            else:
                                print(f"  {k}: lengths {len(bv)} vs {len(cv)}")
                        else:
                            print(f"  {k} base: {json.dumps(bv, ensure_ascii=False)[:400]}")
                            print(f"  {k} now:  {json.dumps(cv, ensure_ascii=False)[:400]}")
    cur_out.unlink()
    print(f"{total} pages, {bad} differ ({'loose' if a.loose else 'strict'}: {', '.join(fields)})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
