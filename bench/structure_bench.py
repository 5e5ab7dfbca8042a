#!/usr/bin/env python3
"""End-to-end structure probe: build pages from clean articles, damage them, clean them in
process, and score the records with ``../shared/eval/score.py`` (the sample-page scorer).

    python bench/structure_bench.py [--pages 200] [--seed 1] [--errors K] [--damage KINDS] [--dump DIR]

Each page is 3-6 articles from ``bench/articles.json`` (``damage_columns.pages``; labels, which
have no paragraphs, are left out by ``damage_columns.load_articles``) in one of three layouts:

- ``blank``: ``damage_columns.blank_page(indent=False)``: one block per heading/paragraph/byline,
  1-3 blank lines between blocks, paragraphs cut where a column ends;
- ``indent``: the same with every paragraph start indented ``　　`` (pieces cut off are not);
- ``wrapped``: ``damage_columns.wrapped_page``: hard-wrapped columns 12-24 cells wide.

OCR damage (``perf._damage``, applied to each paragraph before layout, the gold keeping the clean
text) is limited to kinds whose repair is deterministic and which cleaner claims to repair:
``punct`` (ASCII ``,:;?!()`` for full-width), ``fwdigits`` (full-width digits), ``zwsp`` (a zero-
width space) and ``overlap`` (a sentence read twice, adjacent: the dedup pass). ``perf.make_page``'s
traditional characters are not used (t2s conversion is off by default), nor its running heads.
``--damage none`` turns damage off; ``--damage punct,zwsp`` keeps those kinds only.

The gold for a page is score.py's format: one block per article, ``heading`` = title, title2,
subtitles; ``paragraphs`` = the article's paragraphs (the dateline is the start of the first);
``authors`` = the article's ``authors`` (names without roles, from dateline and byline, as in
``shared/eval/seed_gold.json``); ``byline``. Records come from ``cleaner.clean`` rendered by
``cleaner.formats.render(page, "jsonl")``, i.e. what ``cleaner clean -f jsonl`` writes.

Prints mean paragraph F1/P/R, heading F1, author F1 and CER per layout; ``--errors K`` adds the K
worst pages of each layout with a compact diff (``-`` gold items missing from the output, ``+``
output items not in the gold). ``--dump DIR`` writes each page's input, gold and output there.
Exits 0 with "skipped" when ``../shared/eval/score.py`` is missing.
"""
from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SCORE_PY = ROOT.parent / "shared" / "eval" / "score.py"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

LAYOUTS = ("blank", "indent", "wrapped")
DAMAGE_KINDS = ("punct", "fwdigits", "zwsp", "overlap")
#: more kinds, off unless asked for (``--damage all``): a character or two in traditional form
#: (stray conversion repairs them), a stray space between two Han characters, ASCII quotes,
#: dots and hyphens for ``“”`` ``……`` ``——``
EXTRA_KINDS = ("trad", "space", "marks")
#: a sentence read twice is removed from 8 characters on (dedup's ``min_sentence_chars``)
MIN_OVERLAP = 8


def load_scorer():
    if not SCORE_PY.exists():
        return None
    spec = importlib.util.spec_from_file_location("shared_eval_score", SCORE_PY)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def damage_kind(clean: str, damaged: str) -> str | None:
    """Which of ``perf._damage``'s kinds turned ``clean`` into ``damaged`` (None: untouched)."""
    if damaged == clean:
        return None
    if "\u200b" in damaged:
        return "zwsp"
    if any("０" <= c <= "９" for c in damaged):
        return "fwdigits"
    if len(damaged) > len(clean):
        return "overlap"
    return "punct"


def extra_damage(rng: random.Random, para: str, kinds: set[str], s2t) -> tuple[str, list[str]]:
    """:data:`EXTRA_KINDS` damage of one paragraph, each kind with probability 0.1."""
    applied = []
    if "trad" in kinds and rng.random() < 0.1:
        spots = [i for i, c in enumerate(para) if "\u4e00" <= c <= "\u9fff" and s2t(c) != c]
        for i in rng.sample(spots, min(2, len(spots))):
            para = para[:i] + s2t(para[i]) + para[i + 1 :]
        applied += ["trad"] if spots else []
    if "space" in kinds and rng.random() < 0.1:
        spots = [i for i in range(1, len(para)) if "\u4e00" <= para[i - 1] <= "\u9fff" and "\u4e00" <= para[i] <= "\u9fff"]
        if spots:
            i = rng.choice(spots)
            para, applied = para[:i] + " " + para[i:], applied + ["space"]
    if "marks" in kinds and rng.random() < 0.1 and any(m in para for m in ("“", "……", "——")):
        para = para.replace("“", '"').replace("”", '"').replace("……", "...").replace("——", "--")
        applied.append("marks")
    return para, applied


def damage_article(a: dict, rng: random.Random, kinds: set[str], damage_fn, paragraphs_of, s2t=None) -> tuple[dict, list[str]]:
    """A copy of ``a`` with damaged paragraphs (the dateline folded into the first, so
    ``damage_columns`` does not prepend the clean one again) and the kinds applied."""
    out = copy.deepcopy(a)
    paras = paragraphs_of(a)
    applied = []
    new = []
    for p in paras:
        d = damage_fn(rng, p)
        k = damage_kind(p, d)
        if k == "overlap" and len(d) - len(p) < MIN_OVERLAP:
            k = "overlap-short"  # below dedup's min_sentence_chars: kept by design
        if k is not None and k not in kinds:
            d, k = p, None
        if k:
            applied.append(k)
        if s2t is not None:
            d, more = extra_damage(rng, d, kinds, s2t)
            applied += more
        new.append(d)
    out["paragraphs"], out["dateline"] = new, None
    return out, applied


def gold_of(articles: list[dict], heads_of, paragraphs_of) -> dict:
    return {"blocks": [
        {"type": a.get("kind") or "article", "heading": heads_of(a), "paragraphs": paragraphs_of(a),
         "authors": list(a.get("authors") or []), "byline": a.get("byline") or None}
        for a in articles
    ]}


def out_blocks(records: list[dict]) -> list[dict]:
    """Records as score.py's ``load_output`` reads them from a JSONL file."""
    blocks = []
    for rec in records:
        heading = [rec.get("title")] + list(rec.get("subtitles") or [])
        blocks.append(dict(type=rec.get("type"), heading=[h for h in heading if h],
                           paragraphs=list(rec.get("paragraphs") or []),
                           authors=list(rec.get("authors") or []), byline=rec.get("byline")))
    return blocks


SENTENCE_END = ("。", "！", "？", "。”", "！”", "？”", "…”", "……")


def record_gaps(text: str, articles: list[dict], items_of, indent: bool) -> str:
    """``blank_page``'s text with its gaps set the way OCR dumps set them (``shared/samples``):
    one blank line between the blocks of an article, 1-3 (blank_page's own) before an article
    and where a column end cut a paragraph; on an unindented page a cut right after a sentence
    end is undone (it looks exactly like a paragraph break). ``blank_page`` draws every gap from 1-3 blank lines,
    which also puts wide gaps between a title and its subtitle or a paragraph and its byline:
    cleaner reads two blank lines as a record boundary (README), so those pages have no right
    answer. ``--gaps raw`` keeps them."""
    import re

    blocks = re.split(r"\n{2,}", text.strip("\n"))
    gaps = re.findall(r"\n{2,}", text.strip("\n"))
    starts = set()  # item index of each article's first item
    items = []
    for a in articles:
        its, _ = items_of([a])
        starts.add(len(items))
        items += its
    out, k, left = [blocks[0]], 0, items[0][1]
    left = left[len(blocks[0].lstrip("\u3000")):]
    for gap, b in zip(gaps, blocks[1:]):
        if left and not indent and out[-1].endswith(SENTENCE_END):
            # a column end right after a sentence end, the next piece unindented like every
            # paragraph on the page: the same as a paragraph break, no cleaner can tell; unmade
            pass
        elif left:  # a piece of the same paragraph: a column end
            out.append(gap)
        else:
            k += 1
            left = items[k][1]
            out.append(gap if k in starts else "\n\n")
        piece = b[2:] if b.startswith("\u3000\u3000") else b
        assert left.startswith(piece), (left[:20], piece[:20])
        left = left[len(piece):]
        out.append(b)
    return "".join(out) + "\n"


def wrap_cues(damaged: list[dict], rng: random.Random, paragraphs_of, wrap) -> dict:
    """Layout for ``wrapped_page``: with neither indents nor blank lines a paragraph boundary is
    seen only in a short last line, so a paragraph whose last line is full is unmarked in the
    input and no cleaner can find it. Pick a width where no paragraph ends on a full line, else
    give the page indents."""
    indent, blank = rng.random() < 0.6, rng.random() < 0.5
    width = rng.randint(12, 24)
    if indent or blank:
        return dict(width=width, indent=indent, blank=blank)
    paras = [p for a in damaged for p in paragraphs_of(a)]
    heads = [h for a in damaged for h in (a.get("title"), a.get("title2"), *(a.get("subtitles") or []), a.get("byline")) if h]
    for _ in range(30):
        # (a heading or byline as wide as the column, right over a paragraph, reads as its first line)
        if all(len(wrap(p, width, "")[-1]) < width for p in paras) and all(len(h) < width for h in heads):
            return dict(width=width, indent=False, blank=False)
        width = rng.randint(12, 24)
    return dict(width=width, indent=True, blank=False)


def wrapped_column_ends(text: str, articles: list[dict], items_of, wrap, info: dict) -> str:
    """``wrapped_page``'s text without the column ends that no cleaner can tell from a paragraph
    break: on a page whose paragraphs are set apart by blank lines and not indented, a column
    end inside a paragraph right after a line ending a sentence (``…健康档案。`` / blank /
    ``“医生比儿女…``) is a paragraph break to any reader; that blank line is dropped."""
    if info["indent"] or not info["blank"]:
        return text
    items, _ = items_of(articles)
    owner = []  # item index of each non-blank line
    for k, (kind, t) in enumerate(items):
        n = len(wrap(t, info["width"], "")) if kind == "para" else 1
        owner += [k] * n
    lines = text.split("\n")
    out, seen = [], 0
    for j, line in enumerate(lines):
        if line == "" and 0 < seen < len(owner) and owner[seen - 1] == owner[seen] and items[owner[seen]][0] == "para" \
                and out and out[-1].endswith(SENTENCE_END):
            continue
        if line != "":
            seen += 1
        out.append(line)
    assert seen == len(owner), (seen, len(owner))
    return "\n".join(out)


def short(s: str, n: int = 80) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def diff(sc, gold: dict, out: list[dict]) -> list[str]:
    """Gold heading/paragraph/author items missing from the output (-) and output items not in
    the gold (+), compared as score.py compares them."""
    gb, ob = sc.canonical(gold["blocks"]), sc.canonical(out)

    def body(p):
        p = sc.norm(p)
        return not sc.BYLINE_RE.match(p) and not (len(p) <= 40 and not p.endswith(sc.TERMINAL))

    lines = []
    for name, g, o in (
        ("head", [sc.head_key(b["heading"]) for b in gb if b["heading"]], [sc.head_key(b["heading"]) for b in ob if b["heading"]]),
        ("para", [sc.norm(p) for b in gb for p in b["paragraphs"] if body(p)], [sc.norm(p) for b in ob for p in b["paragraphs"] if body(p)]),
    ):
        lines += [f"  - {name} {short(x)}" for x in _only(g, o)]
        lines += [f"  + {name} {short(x)}" for x in _only(o, g)]
    by_key = {}
    for b in ob:
        for p in b["paragraphs"]:
            by_key.setdefault(sc.norm(p)[:16], b)
    for b in gb:
        if not b["authors"]:
            continue
        key = sc.norm(b["paragraphs"][0])[:16] if b["paragraphs"] else sc.head_key(b["heading"])
        o = by_key.get(key)
        got = [sc.norm(a) for a in (o or {}).get("authors", [])]
        want = [sc.norm(a) for a in b["authors"]]
        if o is None:
            lines.append(f"  - auth {want} (no output block starts with {short(key, 16)})")
        elif set(got) != set(want):
            lines.append(f"  - auth {[a for a in want if a not in got]} + auth {[a for a in got if a not in want]} ({short(key, 16)})")
    return lines


def _only(a: list[str], b: list[str]) -> list[str]:
    """Items of ``a`` (in order, with multiplicity) not matched in ``b``."""
    left = Counter(b)
    out = []
    for x in a:
        if left[x]:
            left[x] -= 1
        else:
            out.append(x)
    return out


def _unique(lines: list[str]) -> list[str]:
    seen, out = set(), []
    for x in lines:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--errors", type=int, default=0, metavar="K", help="show the K worst pages per layout")
    ap.add_argument("--damage", default=",".join(DAMAGE_KINDS), help=f"comma list of {DAMAGE_KINDS + EXTRA_KINDS}, all, or none")
    ap.add_argument("--layouts", default=",".join(LAYOUTS))
    ap.add_argument("--dump", type=Path, help="write page inputs, gold and output here")
    ap.add_argument("--gaps", choices=("record", "raw"), default="record",
                    help="record (default): blank lines as OCR dumps have them, and no wrapped page "
                         "where a paragraph end is unmarked; raw: damage_columns' layouts unchanged")
    ap.add_argument("--json", action="store_true", help="print the per-layout means as one JSON line")
    args = ap.parse_args(argv)

    sc = load_scorer()
    if sc is None:
        print(f"skipped: {SCORE_PY} not found (the shared eval scorer is not part of this repository)")
        return 0
    kinds = set() if args.damage in ("", "none") else set(args.damage.split(","))
    if kinds == {"all"}:
        kinds = set(DAMAGE_KINDS + EXTRA_KINDS)
    if kinds - set(DAMAGE_KINDS + EXTRA_KINDS):
        ap.error(f"unknown damage kind(s): {sorted(kinds - set(DAMAGE_KINDS + EXTRA_KINDS))}")
    s2t = None
    if kinds & set(EXTRA_KINDS):
        import opencc

        s2t = opencc.OpenCC("s2t").convert
    layouts = args.layouts.split(",")

    import cleaner
    from cleaner.formats import render

    import damage_columns as dc
    from perf import _damage

    rng = random.Random(args.seed)
    bank = dc.load_articles()
    runs = dc.pages(bank, args.pages, rng)
    per = defaultdict(list)  # layout -> [(scores, page index, diff lines, damage kinds)]
    t_clean = 0.0
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
    for i, arts in enumerate(runs):
        layout = rng.choice(layouts)
        gold = gold_of(arts, dc._heads, dc._paragraphs)
        applied: list[str] = []
        damaged = []
        # a zero-width or stray space inserted before hard-wrapping takes a cell of a wrapped
        # line, which no OCR dump does (it would shorten that line once removed): not on wrapped pages
        page_kinds = kinds - {"zwsp", "space"} if layout == "wrapped" and args.gaps == "record" else kinds
        for a in arts:
            d, k = damage_article(a, rng, page_kinds, _damage, dc._paragraphs, s2t)
            damaged.append(d)
            applied += k
        if layout == "wrapped":
            cues = wrap_cues(damaged, rng, dc._paragraphs, dc._wrap) if args.gaps == "record" else {}
            text, _, info = dc.wrapped_page(damaged, rng, **cues)
            if args.gaps == "record":
                text = wrapped_column_ends(text, damaged, dc._items, dc._wrap, info)
        else:
            text, _ = dc.blank_page(damaged, rng, indent=(layout == "indent"))
            if args.gaps == "record":
                text = record_gaps(text, damaged, dc._items, layout == "indent")
            info = {}
        t = time.perf_counter()
        page = cleaner.clean(text)
        t_clean += time.perf_counter() - t
        records = [json.loads(x) for x in render(page, "jsonl").splitlines() if x.strip()]
        out = out_blocks(records)
        s = sc.score(gold, out)
        lines = _unique(diff(sc, gold, out)) if args.errors else []
        per[layout].append((s, i, lines, Counter(applied), info))
        if args.dump:
            stem = args.dump / f"s{args.seed}_p{i:04d}_{layout}"
            stem.with_suffix(".txt").write_text(text, encoding="utf-8")
            stem.with_suffix(".gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
            stem.with_suffix(".out.jsonl").write_text(render(page, "jsonl"), encoding="utf-8")

    keys = ("paragraph_f1", "paragraph_p", "paragraph_r", "heading_f1", "author_f1", "cer")
    summary = {}
    rows = [(lay, per[lay]) for lay in layouts if per[lay]]
    rows.append(("all", [x for lay in layouts for x in per[lay]]))
    print(f"seed {args.seed}, {args.pages} pages, gaps {args.gaps}, damage {sorted(kinds) or 'none'}, clean {t_clean:.1f}s")
    print(f"{'layout':8} {'pages':>5} " + " ".join(f"{k:>12}" for k in keys) + f" {'perfect':>8}")
    for lay, xs in rows:
        m = {k: sum(x[0][k] for x in xs) / len(xs) for k in keys}
        perfect = sum(1 for x in xs if x[0]["paragraph_f1"] == 1 and x[0]["heading_f1"] == 1 and x[0]["author_f1"] == 1)
        summary[lay] = dict(m, pages=len(xs), perfect=perfect)
        print(f"{lay:8} {len(xs):5d} " + " ".join(f"{m[k]:12.4f}" for k in keys) + f" {perfect:8d}")
    if args.json:
        print(json.dumps({"seed": args.seed, "pages": args.pages, "damage": sorted(kinds), "layouts": summary}))
    if args.errors:
        for lay in layouts:
            worst = sorted(per[lay], key=lambda x: (x[0]["paragraph_f1"] + x[0]["heading_f1"] + x[0]["author_f1"], -x[0]["cer"]))
            print(f"\n== {lay}: {min(args.errors, len(worst))} worst pages")
            for s, i, lines, applied, info in worst[: args.errors]:
                if not lines:
                    continue
                print(f"page {i} {info or ''} damage {dict(applied) or '-'}: para F1 {s['paragraph_f1']} head F1 {s['heading_f1']} "
                      f"auth F1 {s['author_f1']} CER {s['cer']}")
                print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
