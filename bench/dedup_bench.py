"""Benchmark of the dedup pass: recall of planted duplicates, unique text removed, throughput.

    python bench/dedup_bench.py                 # 300 damaged pages + the same pages undamaged, ~20 MB timed
    python bench/dedup_bench.py --pages 50 --mb 2

Pages are assembled from clean articles (``bench/articles.json`` at the repo root, or a small
built-in list of invented articles when it is missing): blocks separated by blank lines, one
heading or paragraph per block. Then damage is planted, each piece labelled character by
character so the score needs no alignment:

- ``tail-block``: the last 6–60 characters of a paragraph again as a block of their own;
- ``tail-glued``: the same, glued to the start of the next paragraph;
- ``head-block``: the first 6–60 characters of a paragraph as a block before it;
- ``paragraph``: a paragraph read twice, adjacent or later on the page;
- ``sentence``: a sentence read twice in a row inside its paragraph;
- ``inline``: 16–60 characters read twice in a row at any point of a paragraph (a column overlap
  that line joining pulled inside it);
- ``furniture``: running head, editor line, page number; and multi-page dumps (form feeds)
  with a running head and a repeated foot line on every page.

Copies get 0–2 OCR substitutions (a Han character for another, ``，`` for ``、``), at most one
per 10 characters (the rate the pass is specified for). Each page goes through the normal
pipeline up to dedup (``cleaner.clean(text, passes=...)``). A planted piece counts as found
when >= 90 % of its characters are inside dedup edits (their source spans); unique text lost
is counted on an alignment of the clean articles with the output (Levenshtein edit operations),
so keeping a copy instead of its identical original is not a loss, while keeping an OCR variant
instead of the original is reported as "replaced". ``sentence`` and ``inline`` are extra damage
kinds, reported but not part of the recall floor. Idempotence is checked on the full pipeline.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleaner  # noqa: E402
from cleaner.passes.base import Context  # noqa: E402
from cleaner.passes.dedup import DedupPass  # noqa: E402
from cleaner.pipeline import Pipeline  # noqa: E402
from cleaner.registry import PASSES  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

#: the passes up to and including dedup
UPTO = list(PASSES)[: list(PASSES).index("dedup") + 1]

#: used when bench/articles.json is missing: invented articles, same shape as the bank
FALLBACK = [
    {"title": "我市启动春季植树造林行动", "title2": None, "subtitles": [], "byline": None, "kind": "article",
     "paragraphs": [
         "本报讯（记者 贺远）3月12日，我市春季植树造林行动在城北生态园启动，各级干部群众两千余人参加义务植树，当天栽下油松、侧柏等苗木一万余株。",
         "今年我市计划完成营造林二十万亩，重点实施环城绿带、河道两岸和矿区生态修复工程。林业部门将组织技术人员分片包干，确保苗木成活率达到百分之九十以上。",
         "市林业局负责人表示，造林只是第一步，管护才是关键。各区县将落实专人看护，建立浇水、补植台账，做到栽一片、活一片、绿一片。"]},
    {"title": "社区食堂端出“幸福餐”", "title2": None, "subtitles": ["——城南街道助老服务见闻"], "byline": "本报记者 林晓雯", "kind": "article",
     "paragraphs": [
         "中午十一点半，城南街道幸福里社区食堂已经坐满了老人。两荤两素一汤，老人只需付十二元，八十岁以上的还能再减三元。",
         "“饭菜软和，味道也好，关键是不用自己开火了。”七十六岁的王桂兰老人一边吃一边说。食堂还为行动不便的老人提供送餐上门服务，每天由志愿者骑车送到家中。",
         "据介绍，街道去年以来共建成社区食堂六家，日均服务老人九百余人次。下一步将引入营养师，根据老人身体状况定制菜单。"]},
    {"title": "高新区新引进项目十八个", "title2": None, "subtitles": [], "byline": None, "kind": "article",
     "paragraphs": [
         "本报讯（记者 周航 通讯员 李可）记者从高新区管委会获悉，一季度该区新引进项目十八个，总投资六十二亿元，涉及新材料、智能装备和数字经济等领域。",
         "为加快项目落地，高新区推行“拿地即开工”审批模式，将项目从签约到开工的时间压缩到六十天以内，并为每个重点项目配备一名服务专员。",
         "截至目前，十八个项目中已有七个开工建设，其余项目正在办理前期手续，预计年内全部开工。"]},
    {"title": "老街巷换新颜", "title2": "居民生活更舒心", "subtitles": [], "byline": "本报记者 赵一鸣", "kind": "article",
     "paragraphs": [
         "走进东关街，平整的石板路、整齐的青砖墙、统一的仿古门头，让这条有着百年历史的老街焕发出新的活力。",
         "去年以来，我市对老城区四十二条背街小巷进行改造提升，同步实施雨污分流、管线入地和立面整治，改善了两万余户居民的居住环境。",
         "改造过程中，施工单位多次上门征求居民意见，对居民反映集中的停车难、晾晒难等问题专门作了设计，在巷口增设了停车位和公共晾晒区。"]},
    {"title": "图书馆开启“夜读”模式", "title2": None, "subtitles": [], "byline": None, "kind": "article",
     "paragraphs": [
         "本报讯（记者 孙悦）从本月起，市图书馆每周五、周六开放时间延长至晚上九点，方便上班族和学生在夜间借阅图书、自习阅读。",
         "延时开放期间，图书馆还将举办读书分享会、非遗手工体验等活动。馆方负责人介绍，试运行一个月来，夜间到馆读者日均超过六百人次。"]},
    {"title": None, "title2": None, "subtitles": [], "byline": "本报记者 林晓雯 摄", "kind": "caption",
     "paragraphs": ["3月10日，市民在城东湿地公园观赏盛开的山桃花。连日来气温回升，公园里游人如织。"]},
]

HAN_POOL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"


#: damage kinds beyond the issue's list (reported, not part of the recall floor)
EXTRA = {"sentence", "inline"}


def load_articles() -> list[dict]:
    p = ROOT / "bench" / "articles.json"
    if p.exists():
        return json.loads(p.read_text(encoding="utf-8"))
    return FALLBACK


def ocr(rng: random.Random, s: str) -> str:
    """0–2 OCR substitutions, at most one per 10 characters."""
    n = min(rng.randint(0, 2), math.ceil(len(s) / 10))
    spots = [i for i, c in enumerate(s) if c in "，、" or "\u4e00" <= c <= "\u9fff"]
    out = list(s)
    for i in rng.sample(spots, min(n, len(spots))):
        c = out[i]
        if c == "，":
            out[i] = "、"
        elif c == "、":
            out[i] = "，"
        else:
            out[i] = rng.choice([h for h in HAN_POOL[:200] if h != c])
    return "".join(out)


def article_blocks(a: dict) -> list[tuple[str, bool]]:
    """(text, is_paragraph) for each block of an article, in page order."""
    out = [(t, False) for t in (a.get("title"), a.get("title2"), *a.get("subtitles", [])) if t]
    out += [(p, True) for p in a.get("paragraphs", [])]
    if a.get("byline"):
        out.append((a["byline"], False))
    return out


class Page:
    """A page as units (one per block), each a list of (text, label) segments.

    label None is clean article text; an int names a planted piece.
    """

    def __init__(self, articles: list[dict]) -> None:
        self.units: list[list[tuple[str, int | None]]] = []
        self.para: list[bool] = []
        self.article: list[int] = []
        for n, a in enumerate(articles):
            for text, is_para in article_blocks(a):
                self.units.append([(text, None)])
                self.para.append(is_para)
                self.article.append(n)
        self.kinds: dict[int, str] = {}

    def plant(self, kind: str) -> int:
        i = len(self.kinds)
        self.kinds[i] = kind
        return i

    def insert(self, at: int, text: str, label: int, is_para: bool = False) -> None:
        self.units.insert(at, [(text, label)])
        self.para.insert(at, is_para)
        self.article.insert(at, self.article[max(0, min(at, len(self.article)) - 1)] if self.article else 0)

    def render(self) -> tuple[str, list[int | None]]:
        """The page text and, per character, its label (-1: clean text, -2: a separator)."""
        text: list[str] = []
        mask: list[int | None] = []
        for n, unit in enumerate(self.units):
            if n:
                sep = "\n\n\n\n" if self.article[n] != self.article[n - 1] else "\n\n"
                text.append(sep)
                mask += [-2] * len(sep)
            for seg, label in unit:
                text.append(seg)
                mask += [-1 if label is None else label] * len(seg)
        text.append("\n")
        mask.append(-2)
        return "".join(text), mask


def damage(rng: random.Random, page: Page) -> None:
    """Plant overlaps, repeated paragraphs and sentences, furniture."""
    used: set[int] = set()  # ids of units already damaged or used as a source (indices shift on insert)

    def free(i: int) -> bool:
        return 0 <= i < len(page.units) and id(page.units[i]) not in used

    def pick_para(min_len: int, need_next_para: bool = False) -> int | None:
        idx = [
            i for i, unit in enumerate(page.units)
            if page.para[i] and len(unit) == 1 and unit[0][1] is None and len(unit[0][0]) >= min_len and free(i)
            and (not need_next_para or (free(i + 1) and page.para[i + 1] and page.article[i + 1] == page.article[i]))
        ]
        return rng.choice(idx) if idx else None

    def use(*units: int) -> None:
        used.update(id(page.units[i]) for i in units if 0 <= i < len(page.units))

    plans = ["tail-block", "tail-glued", "tail-block", "tail-glued", "head-block", "paragraph", "sentence", "inline"]
    rng.shuffle(plans)
    for kind in plans[: rng.randint(3, len(plans))]:
        if kind in ("tail-block", "tail-glued"):
            i = pick_para(30, need_next_para=kind == "tail-glued")
            if i is None:
                continue
            p = page.units[i][0][0]
            frag = ocr(rng, p[-rng.randint(6, min(60, len(p) - 5)):])
            label = page.plant(kind)
            if kind == "tail-block":
                page.insert(i + 1, frag, label)
                use(i, i + 1, i + 2)
            else:
                page.units[i + 1].insert(0, (frag, label))
                use(i, i + 1)
        elif kind == "head-block":
            i = pick_para(30)
            if i is None or not free(i - 1):
                continue
            p = page.units[i][0][0]
            frag = ocr(rng, p[: rng.randint(6, min(60, len(p) - 5))])
            page.insert(i, frag, page.plant(kind))
            use(i - 1, i, i + 1)
        elif kind == "paragraph":
            i = pick_para(20)
            if i is None:
                continue
            at = i + 1 if rng.random() < 0.5 else rng.randint(i + 1, len(page.units))
            use(i, at)
            page.insert(at, ocr(rng, page.units[i][0][0]), page.plant(kind), True)
            use(at, at + 1)
        elif kind == "inline":  # a column overlap that line joining pulled inside a paragraph
            i = pick_para(60)
            if i is None:
                continue
            p = page.units[i][0][0]
            n = rng.randint(16, min(60, len(p) // 2))
            c = rng.randint(n, len(p) - 5)
            use(i)
            page.units[i][:] = [(p[:c], None), (ocr(rng, p[c - n : c]), page.plant(kind)), (p[c:], None)]
        elif kind == "sentence":
            i = pick_para(30)
            if i is None:
                continue
            p = page.units[i][0][0]
            cuts = [n + 1 for n, c in enumerate(p) if c in "。！？"]
            spans = [(a, b) for a, b in zip([0] + cuts, cuts) if b - a >= 10]
            if not spans:
                continue
            a, b = rng.choice(spans)
            use(i)
            page.units[i][:] = [(p[:b], None), (ocr(rng, p[a:b]), page.plant(kind)), (p[b:], None)]
    # furniture: a running head on top, an editor line and maybe a page number at the foot
    day = rng.randint(1, 28)
    if rng.random() < 0.8:
        page.insert(0, f"晋北日报 2026年3月{day}日 星期{'一二三四五六日'[day % 7]} 第{rng.randint(1, 12)}版", page.plant("furniture"))
    if rng.random() < 0.6:
        page.units.append([(f"责任编辑：{rng.choice(['韩雪松', '车丽娜', '王五', '赵思远'])}", page.plant("furniture"))])
        page.para.append(False)
        page.article.append(page.article[-1])
    if rng.random() < 0.5:
        n = rng.randint(1, 16)
        page.units.append([(rng.choice([str(n), f"- {n} -", f"—{n}—"]), page.plant("furniture"))])
        page.para.append(False)
        page.article.append(page.article[-1])


def make_pages(rng: random.Random, articles: list[dict], n: int) -> list[list[dict]]:
    return [rng.sample(articles, rng.randint(3, min(7, len(articles)))) for _ in range(n)]


def score(text: str, mask: list[int | None], kinds: dict[int, str]) -> dict:
    """Run the pipeline up to dedup; recall from the dedup edits' source spans, unique text lost
    from an alignment of the clean articles with the output (so a copy kept in place of its
    identical original is not counted as a loss)."""
    page = cleaner.clean(text, passes=UPTO)
    removed = bytearray(len(text))
    for e in page.edits:
        if e.pass_name == "dedup" and e.source:
            removed[e.source[0] : e.source[1]] = b"\x01" * (e.source[1] - e.source[0])
    per: dict[int, list[int]] = {k: [0, 0] for k in kinds}
    for i, (c, lab) in enumerate(zip(text, mask)):
        if lab is not None and lab >= 0 and not c.isspace():
            per[lab][0] += removed[i]
            per[lab][1] += 1
    ref = "".join(c for c, lab in zip(text, mask) if lab == -1 and not c.isspace())
    out = "".join(page.text.split())
    ops = Counter(op for op, _, _ in Levenshtein.editops(ref, out))
    full = cleaner.clean(text)
    again = cleaner.clean(full.text)
    return {
        "found": {k: v[0] >= 0.9 * v[1] for k, v in per.items()},
        "lost": ops["delete"],
        "changed": ops["replace"],
        "left": ops["insert"],
        "edits": sum(e.pass_name == "dedup" for e in page.edits),
        "doubled": sum(d.code == "DU10" for d in page.diagnostics),
        "idempotent": not any(e.pass_name == "dedup" for e in again.edits),
        "replay": cleaner.replay(full.source_text, full.edits) == full.text,
    }


def multipage(rng: random.Random, articles: list[dict], pages: int) -> tuple[str, list[int | None], dict[int, str]]:
    """A dump of several pages (form feeds) with a running head and a repeated foot on each."""
    text: list[str] = []
    mask: list[int | None] = []
    kinds: dict[int, str] = {}
    for n in range(pages):
        p = Page(rng.sample(articles, rng.randint(2, 4)))
        head = len(kinds)
        kinds[head] = "furniture"
        foot = head + 1
        kinds[foot] = "furniture"
        p.insert(0, f"晋北日报 2026年3月12日 星期四 第{n + 1}版", head)
        p.units.append([("本报地址：迎泽大街108号 邮编：030001", foot)])
        p.para.append(False)
        p.article.append(p.article[-1])
        t, m = p.render()
        if n:
            text.append("\f")
            mask.append(-2)
        text.append(t)
        mask += m
    return "".join(text), mask, kinds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mb", type=float, default=20.0, help="megabytes of page text timed for throughput")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    articles = load_articles()
    src = "bench/articles.json" if (ROOT / "bench" / "articles.json").exists() else "built-in fallback"
    print(f"articles: {len(articles)} ({src}); pages: {args.pages} damaged + {args.pages} undamaged; seed {args.seed}")

    found: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    damaged: Counter[str] = Counter()
    undamaged: Counter[str] = Counter()
    idem = rep = True
    for arts in make_pages(rng, articles, args.pages):
        t, m = Page(arts).render()
        r = score(t, m, {})
        undamaged.update({k: r[k] for k in ("lost", "changed", "left", "edits", "doubled")})
        idem &= r["idempotent"]
        rep &= r["replay"]
        page = Page(arts)
        damage(rng, page)
        t, m = page.render()
        r = score(t, m, page.kinds)
        damaged.update({k: r[k] for k in ("lost", "changed", "left")})
        idem &= r["idempotent"]
        rep &= r["replay"]
        for k, ok in r["found"].items():
            planted[page.kinds[k]] += 1
            found[page.kinds[k]] += ok
    for _ in range(max(1, args.pages // 20)):
        t, m, kinds = multipage(rng, articles, rng.randint(3, 6))
        r = score(t, m, kinds)
        damaged.update({k: r[k] for k in ("lost", "changed", "left")})
        for k, ok in r["found"].items():
            planted["multipage-furniture"] += 1
            found["multipage-furniture"] += ok

    brief = [k for k in planted if k not in EXTRA]
    total = sum(planted[k] for k in brief)
    recall = sum(found[k] for k in brief) / total if total else 1.0
    print(f"planted (overlaps, repeated paragraphs, furniture): {total}; found {sum(found[k] for k in brief)}; "
          f"recall {recall:.4f}")
    for k in sorted(planted):
        extra = "  (extra, not in the floor)" if k in EXTRA else ""
        print(f"  {k:20s} {found[k]:5d}/{planted[k]:<5d} recall {found[k] / planted[k]:.3f}{extra}")
    print(f"damaged pages:   unique chars removed {damaged['lost']}, replaced by an OCR variant {damaged['changed']}; "
          f"planted chars left {damaged['left']}")
    print(f"undamaged pages: unique chars removed {undamaged['lost']}, replaced {undamaged['changed']}; "
          f"dedup edits {undamaged['edits']}; DU10 reports {undamaged['doubled']}")
    print(f"idempotent: {idem}; replay(source, edits) == text: {rep}")
    unique_clean = undamaged["lost"] + undamaged["changed"] + undamaged["edits"]

    # throughput of the dedup pass alone on ~args.mb MB of page text (pre-dedup passes untimed),
    # damaged pages (about 7 planted pieces per page: far denser than real pages) and clean ones;
    # CPU time of this process (time.process_time): other work on a shared machine does not count
    pre = Pipeline(UPTO[:-1])
    dd = DedupPass()
    opts = dict(DedupPass.options)
    for label, damaged_pages in (("damaged", True), ("clean", False)):
        texts: list[str] = []
        size = 0
        while size < args.mb * 1e6:
            page = Page(rng.sample(articles, rng.randint(3, min(7, len(articles)))))
            if damaged_pages:
                damage(rng, page)
            t = pre.run(page.render()[0]).text
            texts.append(t)
            size += len(t.encode("utf-8"))
        t0, c0 = time.perf_counter(), time.process_time()
        for t in texts:
            dd.run(Context(t, opts, {}))
        dt, ct = time.perf_counter() - t0, time.process_time() - c0
        print(f"dedup pass throughput, {label} pages: {size / 1e6:.1f} MB in {len(texts)} pages, {ct:.2f} s CPU "
              f"({dt:.2f} s wall): {size / 1e6 / ct:.1f} MB/s")
    big = "\f".join(texts[: max(1, len(texts) // 4)])
    nb = len(big.encode("utf-8"))
    c0 = time.process_time()
    dd.run(Context(big, opts, {}))
    ct = time.process_time() - c0
    print(f"dedup pass on one {nb / 1e6:.1f} MB multi-page text of clean pages (form feeds): {ct:.2f} s CPU, "
          f"{nb / 1e6 / ct:.1f} MB/s")
    t0 = time.process_time()
    sum(range(10**7))
    print(f"(machine speed: sum(range(10**7)) takes {time.process_time() - t0:.2f} s CPU here)")
    ok = recall >= 0.97 and unique_clean == 0
    print("floors (recall >= 0.97, 0 unique chars removed on undamaged pages):", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
