"""Benchmark the rejoin passes: paragraph precision/recall/F1 on damaged pages, and throughput.

usage: python bench/rejoin_bench.py [--pages 300] [--seed 7] [--mb 20] [--errors 5]

Pages are assembled from clean articles (``bench/articles.json``, else a built-in list of
invented ones) and broken as columns break them (``bench/damage_columns.py``); the whole
pipeline cleans them, and every output block that is not one of the page's headings or bylines
is scored as a paragraph against the articles' own paragraphs: exact match, whitespace ignored.
``RJ20_at_starts`` counts RJ20 reported at the start of one of the articles' own paragraphs: a
false alarm for the article bank, which has no lost starts (a real page given with ``--gold``
has its own: the sample page, two). A page whose clean output changes when cleaned again is
unstable.

``--gold shared/eval/seed_gold.json`` damages the sample page's own structure (its headings,
paragraphs, bylines, label and captions) instead of pages assembled from the bank.

Throughput: each pass alone (``wrap``, then ``rejoin`` on its output), in CPU seconds, on one
big input per layout cut at a quarter, a half and all of ``--mb`` MB of UTF-8; MB/s that stays
flat as the input grows means linear cost.
"""
from __future__ import annotations

import argparse
import collections
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import cleaner  # noqa: E402
from cleaner.edits import apply  # noqa: E402
from cleaner.passes.base import Context  # noqa: E402
from cleaner.passes.rejoin import RejoinPass, WrapPass  # noqa: E402
from damage_columns import articles_from_gold, blank_page, load_articles, pages, wrapped_page  # noqa: E402


def norm(s: str) -> str:
    return "".join(s.split())


class Score:
    def __init__(self) -> None:
        self.tp = self.gold = self.got = 0
        self.pages = self.perfect = 0
        self.rj20 = self.rj11 = self.blocks = self.unstable = 0
        self.errors: list[tuple[str, list[str], list[str]]] = []

    def add(self, text: str, page: cleaner.Page, gold, label: str) -> None:
        others = collections.Counter(norm(x) for x in gold.others)
        got = []
        for b in page.text.split("\n\n"):
            n = norm(b)
            if not n:
                continue
            if others[n] > 0:
                others[n] -= 1
                continue
            got.append(n)
        want = [norm(p) for p in gold.paragraphs]
        g, o = collections.Counter(want), collections.Counter(got)
        tp = sum((g & o).values())
        self.tp += tp
        self.gold += len(want)
        self.got += len(got)
        self.pages += 1
        self.perfect += tp == len(want) == len(got)
        self.blocks += len(got)
        starts = {w[:6] for w in want}
        for d in page.diagnostics:  # RJ20 on a block that really starts a paragraph is a false alarm
            if d.code == "RJ20" and norm(page.source_text[d.source[0] : d.source[0] + 30])[:6] in starts:
                self.rj20 += 1
        self.rj11 += sum(d.code == "RJ11" for d in page.diagnostics)
        self.unstable += bool(cleaner.clean(page.text).edits)  # cleaning the output again must change nothing
        if tp != len(want) or tp != len(got):
            self.errors.append((label, sorted((g - o).elements()), sorted((o - g).elements())))

    def row(self) -> dict:
        p = self.tp / max(1, self.got)
        r = self.tp / max(1, self.gold)
        f = 2 * p * r / (p + r) if self.tp else 0.0
        return {
            "pages": self.pages, "paragraphs": self.gold, "P": round(p, 4), "R": round(r, 4), "F1": round(f, 4),
            "perfect_pages": self.perfect, "RJ20_at_starts": self.rj20, "RJ11": self.rj11,
            "unstable_pages": self.unstable,
        }


def accuracy(articles: list[dict], n: int, seed: int, whole: bool = False) -> dict[str, Score]:
    rng = random.Random(seed)
    names = ("blank-line", "hard-wrapped", "undamaged", "blank+indents")
    scores = {k: Score() for k in names}
    runs = [articles] * n if whole else pages(articles, n, rng)
    for i, arts in enumerate(runs):
        text, gold = blank_page(arts, rng, indent=False)
        scores["blank-line"].add(text, cleaner.clean(text), gold, f"blank page {i}")
        text, gold, layout = wrapped_page(arts, rng)
        scores["hard-wrapped"].add(text, cleaner.clean(text), gold, f"wrapped page {i} {layout}")
        text, gold = blank_page(arts, rng, damage=False, indent=False)
        scores["undamaged"].add(text, cleaner.clean(text), gold, f"undamaged page {i}")
        text, gold = blank_page(arts, rng, indent=True)
        scores["blank+indents"].add(text, cleaner.clean(text), gold, f"indented blank page {i}")
    return scores


def throughput(articles: list[dict], mb: float, seed: int) -> list[tuple[str, float, float, float]]:
    """CPU-time MB/s of each pass on one big input per layout, at a quarter, half and all of it."""
    out = []
    for layout in ("blank-line", "hard-wrapped"):
        rng = random.Random(seed)
        parts, size = [], 0
        while size < mb * 1e6:
            arts = rng.sample(articles, min(5, len(articles)))
            t = blank_page(arts, rng, indent=False)[0] if layout == "blank-line" else wrapped_page(arts, rng)[0]
            parts.append(t)
            size += len(t.encode("utf-8"))
        big = "\n\n".join(parts)
        for frac in (0.25, 0.5, 1.0):
            cut = big[: int(len(big) * frac)]
            mbytes = len(cut.encode("utf-8")) / 1e6
            meta: dict = {}
            t0 = time.process_time()
            ctx = Context(cut, dict(WrapPass.options), meta)
            WrapPass().run(ctx)
            t1 = time.process_time()
            text = apply(cut, sorted(ctx.edits, key=lambda e: (e.start, e.end)))
            t2 = time.process_time()
            RejoinPass().run(Context(text, {}, meta))
            t3 = time.process_time()
            out.append((layout, mbytes, mbytes / (t1 - t0), mbytes / (t3 - t2)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mb", type=float, default=20.0, help="size of the throughput input (0: skip)")
    ap.add_argument("--errors", type=int, default=0, help="show this many wrong pages per layout")
    ap.add_argument("--articles", type=Path, default=None)
    ap.add_argument("--gold", type=Path, default=None,
                    help="damage the page of this gold structure (shared/eval/seed_gold.json) instead, all its articles per page")
    args = ap.parse_args(argv)
    articles = articles_from_gold(args.gold) if args.gold else load_articles(args.articles)
    print(f"articles: {len(articles)}  pages: {args.pages}  seed: {args.seed}")
    for name, sc in accuracy(articles, args.pages, args.seed, whole=bool(args.gold)).items():
        print(f"{name:13s} {sc.row()}")
        for label, missed, extra in sc.errors[: args.errors]:
            print(f"  {label}")
            for m in missed:
                print(f"    - {m[:60]}…{m[-20:]}")
            for x in extra:
                print(f"    + {x[:60]}…{x[-20:]}")
    if args.mb:
        for layout, mbytes, wrap, rejoin in throughput(articles, args.mb, args.seed):
            print(f"throughput {layout:13s} {mbytes:5.1f} MB  wrap {wrap:6.1f} MB/s  rejoin {rejoin:6.1f} MB/s (CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
