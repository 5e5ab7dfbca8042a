"""Benchmark the segment pass: assemble newspaper pages from an article bank, clean them, score
the records' headings and authors against the bank.

    python bench/segment_bench.py [--pages 40] [--seed 7] [--breaks 0.2] [--bank bench/articles.json]

Pages are built from ``bench/articles.json`` (a list of clean articles: title, title2, subtitles,
dateline, authors, byline, paragraphs, kind = article | caption | label), or from a small
built-in bank when that file is missing. Each page holds 4 to 8 items in random order: headings
and paragraphs one per line with one blank line between them, 1 to 3 blank lines between items,
and with probability ``--breaks`` a paragraph cut in two at a comma (an unjoined column break,
so the scores do not depend on the rejoin pass). Heading F1 counts each item's heading lines as
one key; author F1 is matched by each item's first paragraph, as in ``shared/eval/score.py``.
Prints one JSON line (scores, and CPU-time throughput of the whole pipeline and of a pipeline
of the segment pass alone over the cleaned pages); exits 1 when a score is under its floor
(heading 0.9, author 0.95).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleaner  # noqa: E402

FLOORS = {"heading_f1": 0.9, "author_f1": 0.95}

#: used when bench/articles.json is absent; invented, like the bank
BUILTIN = [
    {"kind": "article", "title": "城西片区集中供热改造完工", "title2": None, "subtitles": [],
     "dateline": "本报讯（记者 韩立新 实习生 蒋雨桐）", "authors": ["韩立新", "蒋雨桐"], "byline": None,
     "paragraphs": ["本报讯（记者 韩立新 实习生 蒋雨桐）2月18日，城西片区集中供热管网改造工程全面完工，片区内一万二千余户居民告别了冬季燃煤取暖。",
                    "据介绍，改造工程新建供热管网二十六公里，新建换热站九座，供热面积达一百二十万平方米。"]},
    {"kind": "article", "title": "小巷里的暖心食堂", "title2": "老人吃饭不再难", "subtitles": [],
     "dateline": "本报讯（记者 祁文博）", "authors": ["祁文博"], "byline": None,
     "paragraphs": ["本报讯（记者 祁文博）中午十一点半，东关社区长者食堂里坐满了前来就餐的老人，三菜一汤只要十元钱。",
                    "社区负责人介绍，食堂开办一年来，已累计为辖区老人提供午餐四万余份，还为行动不便的老人送餐上门。"]},
    {"kind": "article", "title": "让非遗技艺走进百姓生活", "title2": None, "subtitles": ["——访市政协委员石晓慧"],
     "dateline": None, "authors": ["苗清源"], "byline": "本报记者 苗清源",
     "paragraphs": ["“非遗不能只放在展柜里，要让它回到老百姓的日子里。”谈起非遗保护，市政协委员石晓慧打开了话匣子。",
                    "石晓慧建议，要建立非遗传承人进校园、进社区的常态机制，支持传承人开设工作室，开发群众喜爱的文创产品。"]},
    {"kind": "article", "title": "完善县域医共体建设", "title2": None, "subtitles": ["省人大代表房立峰建议"],
     "dateline": None, "authors": ["柯慧敏"], "byline": "本报记者 柯慧敏",
     "paragraphs": ["县域医共体建设是深化医改的重要抓手。全省两会期间，省人大代表房立峰建议进一步完善县域医共体运行机制。",
                    "房立峰表示，应推动县级医院专家定期下沉乡镇卫生院坐诊，让群众在家门口就能看上好医生。"]},
    {"kind": "article", "title": "新华社电", "title2": None, "subtitles": [],
     "dateline": "新华社北京3月2日电（记者 吕思远 严华）", "authors": ["吕思远", "严华"], "byline": None,
     "paragraphs": ["新华社北京3月2日电（记者 吕思远 严华）记者从国家林草局获悉，今年全国计划完成造林任务五千万亩以上。"]},
    {"kind": "article", "title": "老屋里的家书", "title2": None, "subtitles": [],
     "dateline": None, "authors": ["白守仁"], "byline": "（山西朔州市 白守仁）",
     "paragraphs": ["收拾老屋时，我在一个旧木箱里找到一摞泛黄的家书，那是父亲年轻时在外地工作写给母亲的。",
                    "信里没有什么大事，无非是问家里的麦子收了没有、孩子们是否听话，可每一句都透着牵挂。"]},
    {"kind": "caption", "title": None, "title2": None, "subtitles": [], "dateline": None,
     "authors": ["牛慧芳"], "byline": "本报记者 牛慧芳 摄",
     "paragraphs": ["3月5日，志愿者在文瀛湖畔清理垃圾，守护城市生态环境。"]},
    {"kind": "caption", "title": None, "title2": None, "subtitles": [], "dateline": None,
     "authors": ["严冬"], "byline": "本报记者 严冬",
     "paragraphs": ["元宵节前夕，古城街头张灯结彩，市民游客赏灯游园。", "一位小朋友提着兔子灯在人群中穿行，笑得格外开心。"]},
    {"kind": "label", "title": "社会新闻", "title2": None, "subtitles": [], "dateline": None, "authors": [],
     "byline": None, "paragraphs": []},
]


def load_bank(path: Path | None) -> tuple[list[dict], str]:
    path = path or ROOT / "bench" / "articles.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8")), str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return BUILTIN, "built-in"


def heading_of(item: dict) -> list[str]:
    return [h for h in [item.get("title"), item.get("title2"), *(item.get("subtitles") or [])] if h]


def break_paragraph(p: str, rng: random.Random) -> list[str]:
    """``p`` cut after one of its commas, as a column break leaves it (or whole if it has none)."""
    cuts = [i + 1 for i, c in enumerate(p[:-1]) if c in "，、" and 20 < i < len(p) - 10]
    if not cuts:
        return [p]
    k = rng.choice(cuts)
    return [p[:k], p[k:]]


def assemble(items: list[dict], rng: random.Random, breaks: float) -> str:
    """One page of text: items laid out with 1 blank line inside and 1 to 3 between them."""
    out: list[str] = []
    for n, item in enumerate(items):
        lines = heading_of(item)
        for p in item.get("paragraphs") or []:
            lines.extend(break_paragraph(p, rng) if rng.random() < breaks else [p])
        if item.get("byline"):
            lines.append(item["byline"])
        if n:
            out.append("\n" * rng.randint(1, 3))
        out.append("\n\n".join(lines) + "\n")
    return "".join(out)


def f1(gold: list[str], got: list[str]) -> float:
    g, o = Counter(gold), Counter(got)
    tp = sum((g & o).values())
    if not tp:
        return 0.0
    p, r = tp / sum(o.values()), tp / sum(g.values())
    return 2 * p * r / (p + r)


def norm(s: str | None) -> str:
    return "".join((s or "").split())


def score(items: list[dict], records: list[dict]) -> tuple[list[str], list[str], int, int, int]:
    """Heading keys (gold, output) and author counts (wanted, given, hit) for one page."""
    gold_heads = ["|".join(norm(h).lstrip("—-－") for h in heading_of(i)) for i in items if heading_of(i)]
    out_heads = [
        "|".join(norm(h).lstrip("—-－") for h in [r["title"], *r["subtitles"]] if h)
        for r in records
        if r["title"] or r["subtitles"]
    ]
    by_first: dict[str, dict] = {}
    for r in records:
        for p in r["paragraphs"]:
            by_first.setdefault(norm(p)[:16], r)
    want = got = hit = 0
    for i in items:
        if not i.get("authors"):
            continue
        rec = by_first.get(norm(i["paragraphs"][0])[:16], {})
        names = {norm(a) for a in rec.get("authors", [])}
        gold_names = {norm(a) for a in i["authors"]}
        want, got, hit = want + len(gold_names), got + len(names), hit + len(names & gold_names)
    return gold_heads, out_heads, want, got, hit


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--breaks", type=float, default=0.2, help="chance that a paragraph is cut by a column break")
    ap.add_argument("--bank", type=Path, default=None)
    ap.add_argument("--show", action="store_true", help="print the headings and authors that differ")
    args = ap.parse_args(argv)
    bank, source = load_bank(args.bank)
    rng = random.Random(args.seed)
    gold_heads: list[str] = []
    out_heads: list[str] = []
    want = got = hit = 0
    chars = 0
    elapsed = seg_elapsed = 0.0
    segment_only = cleaner.Pipeline(["segment"])
    for _ in range(args.pages):
        items = rng.sample(bank, min(len(bank), rng.randint(4, 8)))
        text = assemble(items, rng, args.breaks)
        t0 = time.process_time()
        page = cleaner.clean(text)
        elapsed += time.process_time() - t0
        t0 = time.process_time()
        segment_only.run(page.text)
        seg_elapsed += time.process_time() - t0
        chars += len(text.encode("utf-8"))
        records = [a.to_dict() for a in page.articles]
        g, o, w, gt, h = score(items, records)
        gold_heads += g
        out_heads += o
        want, got, hit = want + w, got + gt, hit + h
        if args.show and (Counter(g) != Counter(o) or w != h or gt != h):
            print("--- page", file=sys.stderr)
            print("  gold:", g, file=sys.stderr)
            print("  out: ", o, file=sys.stderr)
            print("  authors:", [i.get("authors") for i in items], [r["authors"] for r in records], file=sys.stderr)
    ap_, ar = hit / max(1, got), hit / max(1, want)
    result = {
        "bank": source,
        "pages": args.pages,
        "seed": args.seed,
        "breaks": args.breaks,
        "heading_f1": round(f1(gold_heads, out_heads), 4),
        "author_f1": round(2 * ap_ * ar / (ap_ + ar), 4) if hit else 0.0,
        "headings": len(gold_heads),
        "authors": want,
        "pipeline_mb_per_s": round(chars / 1e6 / elapsed, 2) if elapsed else None,
        "segment_pipeline_mb_per_s": round(chars / 1e6 / seg_elapsed, 2) if seg_elapsed else None,
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0 if all(result[k] >= v for k, v in FLOORS.items()) else 1


if __name__ == "__main__":
    sys.exit(main())
