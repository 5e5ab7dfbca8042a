"""Reprint benchmark: invented articles with planted reprints, scored against gold clusters.

    python bench/reprints.py                      # accuracy: ours vs datasketch, 2,000 records
    python bench/reprints.py --n 100000 --write bench/out/c100k.jsonl --no-baseline --no-score
    /usr/bin/time -v cleaner dedup bench/out/c100k.jsonl --report > /dev/null   # scale

Articles: ``bench/articles.json`` (relative to the repo root) when present, plus synthetic
articles recombined from its clauses and a built-in bank of invented ones (slots filled with
places, organisations, numbers), so the corpus can be any size. A share of the originals get
1-4 reprints, each with a new headline, maybe a new dateline, OCR noise on 1-5 % of characters
(look-alike Han substitutions, drops, doublings), sometimes a dropped middle paragraph,
truncation to 50-90 % (at the end, sometimes the start; briefs under 100 characters are not
cut) and column-break artifacts (a paragraph split, an overlap read twice, a jump line).

Scores: pairwise precision/recall/F1 (pairs in one cluster) and the adjusted Rand index,
beside datasketch's MinHashLSH (threshold 0.5, num_perm 128) over the same character 5-grams
and over whitespace tokens, its LSH candidates joined by union-find as text-dedup does.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# --- an invented phrase bank (used alone when bench/articles.json is absent) -----------------
PLACES = ["运城市", "盐湖区", "新荣区", "河津市", "平遥县", "临汾市", "晋中市", "大同市", "长治市", "阳泉市",
          "忻州市", "吕梁市", "朔州市", "晋城市", "太原市小店区", "迎泽区", "杏花岭区", "万柏林区", "尖草坪区", "清徐县"]
ORGS = ["市农业农村局", "区人社局", "县教育局", "市卫健委", "市场监管局", "市文旅局", "市住建局", "市交通运输局",
        "区应急管理局", "市生态环境局", "县供销社", "市总工会", "团市委", "市妇联", "市气象局", "区民政局"]
PEOPLE = ["王建国", "李秀英", "张志强", "刘海燕", "陈晓东", "杨丽华", "赵文斌", "黄金凤", "周立新", "吴晓梅",
          "郑国栋", "孙雅琴", "马红旗", "朱德胜", "胡小兰", "郭振华", "何春生", "高玉珍", "林永福", "罗静怡"]
THINGS = ["冬小麦", "设施蔬菜", "旅游专线", "老旧小区", "社区食堂", "职业技能培训", "高标准农田", "农村公路",
          "养老服务中心", "中小学食堂", "文化惠民演出", "消费券", "电动自行车充电桩", "污水管网", "安全生产检查", "防汛物资"]
CLAUSES = [
    "{p}{o}近日召开专题会议", "研究部署{t}相关工作", "会议要求各部门压实责任", "确保各项措施落到实处",
    "截至目前已累计投入资金{n}万元", "惠及群众{n}余户", "{t}项目已完成总工程量的{n}%", "预计{m}月底全面完工",
    "据{o}负责人{r}介绍", "今年以来全市共开展{t}{n}场次", "参与人数达{n}人次", "同比增长{n}%",
    "下一步将继续加大投入力度", "进一步完善长效管理机制", "记者在现场看到", "工人们正在紧张有序地施工",
    "{r}告诉记者", "“这件事办到了大家心坎上。”", "活动吸引了周边{n}多名居民参加", "现场发放宣传资料{n}余份",
    "{p}在{t}方面先行先试", "探索形成了一批可复制的经验做法", "目前{t}运行平稳", "群众满意度明显提升",
    "针对群众反映集中的问题", "{o}逐一建立台账", "限期整改到位", "共排查隐患{n}处",
    "{p}将{t}纳入年度民生实事", "由专人负责跟踪推进", "{m}月{d}日上午", "{p}举行{t}启动仪式",
    "当天气温较低", "志愿者们早早来到现场", "为老人们测量血压", "讲解防诈骗知识",
    "据了解", "该{t}总投资{n}万元", "建成后可新增就业岗位{n}个", "带动周边农户增收",
    "{o}还组织专家深入一线", "指导农户科学管理", "力争全年产量稳定在{n}万吨以上", "为春耕生产打下坚实基础",
]
TITLES = ["{p}{t}提速推进", "{t}暖民心", "{o}部署{t}工作", "{p}：{t}有了新变化", "小{t}撬动大民生",
          "{t}跑出加速度", "{p}多措并举抓{t}", "让{t}更有温度", "{t}开新局", "{p}{t}见成效"]
DATELINES = ["本报讯（记者 {r}）", "本报讯（记者 {r} 通讯员 {r2}）", "新华社太原{m}月{d}日电（记者 {r}）", "本报讯", ""]
CONFUSABLE = ["己已巳", "未末", "土士", "日曰", "人入八", "千干于", "天夭", "大太犬", "王玉主", "木本术", "目自白",
              "田由甲申", "刀力", "戊戌戍", "贝见", "折拆", "候侯", "辨辩辫", "拨拔", "特持", "代伐", "治冶",
              "历厉", "径经", "清请情晴", "记纪", "纺访放", "员圆", "场扬汤", "设没", "区匹", "市币", "今令",
              "休体", "间问", "和利", "活话", "作昨", "工土", "元无", "万方", "儿几", "向问", "旦但", "吕品"]
LOOKALIKE = {c: group.replace(c, "") for group in CONFUSABLE for c in group}
COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
JUMPS = ["（下转第{n}版）", "（上接第{n}版）", "（转第{n}版）"]


def fill(rng: random.Random, template: str) -> str:
    return template.format(
        p=rng.choice(PLACES), o=rng.choice(ORGS), r=rng.choice(PEOPLE), r2=rng.choice(PEOPLE), t=rng.choice(THINGS),
        n=rng.choice([rng.randint(2, 99), rng.randint(100, 9999), round(rng.uniform(1, 99), 1)]),
        m=rng.randint(1, 12), d=rng.randint(1, 28),
    )


def load_seed() -> list[dict]:
    path = ROOT / "bench" / "articles.json"
    if not path.exists():
        return []
    arts = json.loads(path.read_text(encoding="utf-8"))
    return [a for a in arts if a.get("kind", "article") == "article" and "".join(a.get("paragraphs") or [])]


def clause_bank(seed: list[dict]) -> list[str]:
    import regex

    bank = []
    for a in seed:
        for p in a["paragraphs"]:
            bank += [c for c in regex.split(r"(?<=[，。；：！？])", p) if len(c) > 4]
    return bank


class Generator:
    def __init__(self, rng: random.Random, seed: list[dict]) -> None:
        self.rng, self.seed = rng, seed
        self.bank = clause_bank(seed)

    def clause(self) -> str:
        rng = self.rng
        if self.bank and rng.random() < 0.5:
            c = self.bank[rng.randrange(len(self.bank))]
            return "".join(str(rng.randint(0, 9)) if ch.isdigit() else ch for ch in c).rstrip("，。；：！？")
        return fill(rng, rng.choice(CLAUSES))

    def article(self) -> dict:
        rng = self.rng
        paras = []
        for _ in range(rng.randint(2, 7)):
            sents = []
            for _ in range(rng.randint(1, 4)):
                sents.append("，".join(self.clause() for _ in range(rng.randint(1, 4))) + "。")
            paras.append("".join(sents))
        dl = fill(rng, rng.choice(DATELINES))
        paras[0] = dl + paras[0]
        return {"title": fill(rng, rng.choice(TITLES)), "dateline": dl or None, "paragraphs": paras}

    def noise(self, text: str, rate: float) -> str:
        rng = self.rng
        out = []
        for ch in text:
            if rng.random() >= rate or ch in "\n":
                out.append(ch)
                continue
            op = rng.random()
            if op < 0.6:  # substitution: a look-alike when there is one
                out.append(rng.choice(LOOKALIKE[ch]) if ch in LOOKALIKE else rng.choice(COMMON))
            elif op < 0.8:  # dropped
                continue
            else:  # read twice
                out.append(ch + ch)
        return "".join(out)

    def reprint(self, art: dict) -> dict:
        rng = self.rng
        paras = list(art["paragraphs"])
        dateline = art.get("dateline")
        if rng.random() < 0.3 and dateline and paras[0].startswith(dateline):  # another paper's
            new = fill(rng, rng.choice(DATELINES[:3]))
            paras[0] = new + paras[0][len(dateline):]
            dateline = new
        if rng.random() < 0.15 and len(paras) >= 3:  # an editor dropped a middle paragraph
            del paras[rng.randrange(1, len(paras) - 1)]
        text = "\n".join(paras)
        if rng.random() < 0.6 and len(text) >= 100:  # cut to 50-90 %, mostly at the end (not briefs)
            keep = int(len(text) * rng.uniform(0.5, 0.9))
            text = text[len(text) - keep:] if rng.random() < 0.15 else text[:keep]
            paras = [p for p in text.split("\n") if p]
        if rng.random() < 0.5:  # column break: a split paragraph, an overlap, a jump line
            i = rng.randrange(len(paras))
            p = paras[i]
            if len(p) > 20:
                cut = rng.randrange(5, len(p) - 5)
                head, tail = p[:cut], p[cut:]
                if rng.random() < 0.5:
                    tail = head[-rng.randint(3, 8):] + tail
                if rng.random() < 0.3:
                    head += fill(rng, rng.choice(JUMPS))
                paras[i:i + 1] = [head, tail]
        rate = rng.uniform(0.01, 0.05)
        paras = [self.noise(p, rate) for p in paras]
        # the dateline as a structure pass would find it: lost when noise or a cut hit it
        if dateline and not paras[0].startswith(dateline):
            dateline = None
        return {"title": fill(rng, rng.choice(TITLES)), "dateline": dateline, "paragraphs": paras}


def build(n: int, seed: int = 7, reprint_share: float = 0.3, short_share: float = 0.1) -> tuple[list[dict], list[int]]:
    """About ``n`` records and their gold cluster numbers."""
    rng = random.Random(seed)
    seeds = load_seed()
    gen = Generator(rng, seeds)
    records: list[tuple[dict, int]] = []
    originals = [dict(a) for a in seeds]
    cluster = 0
    while len(records) < n:
        if originals:
            art = originals.pop()
        elif rng.random() < short_share:  # a short notice on a common topic: 30-90 characters
            art = gen.article()
            dl = art["dateline"] or ""
            body = "".join(art["paragraphs"])[len(dl):]
            art["paragraphs"] = [dl + body[:rng.randint(30, 90)]]
        else:
            art = gen.article()
        records.append((art, cluster))
        if rng.random() < reprint_share:
            for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4])):
                records.append((gen.reprint(art), cluster))
        cluster += 1
    records = records[:n]
    rng.shuffle(records)
    out, gold = [], []
    for i, (art, c) in enumerate(records):
        paras = art["paragraphs"]
        out.append({"id": f"a{i}", "type": "article", "title": art["title"], "dateline": art.get("dateline"),
                    "paragraphs": paras, "text": "\n".join(paras), "source": {"path": f"page{i // 8}.txt"}})
        gold.append(c)
    return out, gold


# --- scoring -------------------------------------------------------------------------------
def _pairs2(k: int) -> int:
    return k * (k - 1) // 2


def scores(pred: list[int], gold: list[int]) -> dict[str, float]:
    """Pairwise precision/recall/F1 and the adjusted Rand index (Hubert & Arabie)."""
    n = len(gold)
    both = sum(_pairs2(v) for v in Counter(zip(pred, gold)).values())
    p_pairs = sum(_pairs2(v) for v in Counter(pred).values())
    g_pairs = sum(_pairs2(v) for v in Counter(gold).values())
    prec = both / p_pairs if p_pairs else 1.0
    rec = both / g_pairs if g_pairs else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    expected = p_pairs * g_pairs / _pairs2(n) if n > 1 else 0.0
    top = (p_pairs + g_pairs) / 2
    ari = (both - expected) / (top - expected) if top != expected else 1.0
    return {"precision": prec, "recall": rec, "f1": f1, "ari": ari}


def baseline(texts: list[str], tokens: str) -> tuple[list[int], float]:
    """datasketch MinHash + MinHashLSH(threshold=0.5, num_perm=128), candidates -> union-find."""
    from datasketch import MinHash, MinHashLSH

    from cleaner.corpus.cluster import UnionFind

    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    sigs = []
    for i, s in enumerate(texts):
        if tokens == "char5":
            grams = {s[k:k + 5] for k in range(max(1, len(s) - 4))}
        else:  # whitespace tokens, the default of space-splitting tools
            grams = set(s.split())
        m = MinHash(num_perm=128)
        m.update_batch([g.encode("utf-8") for g in grams])
        lsh.insert(i, m)
        sigs.append(m)
    uf = UnionFind(len(texts))
    for i, m in enumerate(sigs):
        for j in lsh.query(m):
            uf.union(i, j)
    elapsed = time.perf_counter() - t0
    return [uf.find(i) for i in range(len(texts))], elapsed


def ours_candidates_only(texts: list[str]) -> float:
    """Our signature + LSH stage alone, one process: the part datasketch does."""
    from cleaner.corpus.engine import Params
    from cleaner.corpus.minhash import MinHasher, band_keys, candidate_pairs

    p = Params()
    t0 = time.perf_counter()
    keys = band_keys(MinHasher(p.num_perm, p.ngram, p.seed).signatures(texts), p.bands, p.rows)
    candidate_pairs(keys, p.max_bucket)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000, help="records in the corpus")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--write", help="also write the corpus as JSONL here (gold in field 'gold')")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-score", action="store_true")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=3, help="timing runs of each signature + LSH stage")
    ap.add_argument("--threshold", type=float, default=None, help="similarity threshold (default: the library's)")
    ap.add_argument("--containment", type=float, default=None)
    ap.add_argument("--min-chars", type=int, default=None)
    args = ap.parse_args()

    from cleaner.corpus import Params, Thresholds, dedup_records
    from cleaner.corpus.minhash import normalize
    from cleaner.corpus.records import record_text

    t0 = time.perf_counter()
    recs, gold = build(args.n, args.seed)
    print(f"corpus: {len(recs)} records, {len(set(gold))} gold clusters, "
          f"{sum(1 for k in Counter(gold).values() if k > 1)} with reprints, "
          f"{len(load_seed())} seed articles from bench/articles.json; built in {time.perf_counter() - t0:.1f}s")
    if args.write:
        Path(args.write).parent.mkdir(parents=True, exist_ok=True)
        with open(args.write, "w", encoding="utf-8") as f:
            for r, g in zip(recs, gold):
                f.write(json.dumps(dict(r, gold=g), ensure_ascii=False) + "\n")
        print(f"wrote {args.write}")
    if args.no_score:
        return
    t0 = time.perf_counter()
    t = Thresholds()
    t = Thresholds(args.threshold or t.threshold, args.containment or t.containment,
                   args.min_chars if args.min_chars is not None else t.min_chars, t.short_threshold)
    out, res = dedup_records(recs, Params(), t, workers=args.workers)
    ours_t = time.perf_counter() - t0
    s = scores([r["cluster_id"] for r in out], gold)
    rows = [("cleaner dedup (char 5-gram MinHash + verify)", s, ours_t)]
    print(f"ours: {res.candidates} candidate pairs, {res.verified} verified; timings {res.timings}")
    if not args.no_baseline:
        texts = [normalize(record_text(r)) for r in recs]
        raw = [record_text(r) for r in recs]
        # same run, interleaved, best of --repeat each: the machine may be shared
        ours_sig, ds_t, pred = float("inf"), float("inf"), None
        for _ in range(args.repeat):
            ours_sig = min(ours_sig, ours_candidates_only(texts))
            pred, sec = baseline(texts, "char5")
            ds_t = min(ds_t, sec)
        rows.append(("datasketch MinHashLSH(0.5, 128), char 5-grams", scores(pred, gold), ds_t))
        pred, ws_t = baseline(raw, "space")
        rows.append(("datasketch MinHashLSH(0.5, 128), whitespace tokens", scores(pred, gold), ws_t))
        print(f"signature + LSH stage, one process: ours {ours_sig:.2f}s, datasketch {ds_t:.2f}s "
              f"({ds_t / ours_sig:.1f}x; {len(texts) / ours_sig:.0f} vs {len(texts) / ds_t:.0f} docs/s)")
    print()
    print("| method | precision | recall | F1 | ARI | seconds |")
    print("|---|---|---|---|---|---|")
    for name, sc, sec in rows:
        print(f"| {name} | {sc['precision']:.3f} | {sc['recall']:.3f} | {sc['f1']:.3f} | {sc['ari']:.3f} | {sec:.2f} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS (this process): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
