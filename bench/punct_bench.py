"""Benchmark of the punctuation family (punct, convert, balance): repair quality and speed.

Clean pages are built from ``bench/articles.json`` (a built-in list of invented articles when it
is missing). Each page is damaged the way OCR and mixed input methods damage Chinese text:
ASCII marks and straight quotes for Chinese ones, broken ellipses and dashes, doubled marks,
full-width digits and letters, spaces between Han characters in body text and around marks.
The damaged page is cleaned with the whole pipeline and compared with the clean original:

- character error rate (Levenshtein distance / original length, blank-line layout ignored)
  of damaged pages after cleaning (target <= 0.3 %) and of undamaged pages (target <= 0.05 %);
- idempotence: cleaning the cleaned text again changes nothing;
- throughput of the family's passes alone on about 20 MB of damaged pages, and of
  autocorrect-py's ``format`` on the same text when it is installed (optional, never a runtime
  dependency: ``pip install autocorrect-py``).

    python bench/punct_bench.py [--mb 20] [--rate 0.05] [--seed 1]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.passes.base import Context  # noqa: E402
from cleaner.patterns import DATELINE_RE  # noqa: E402
from cleaner.pipeline import Pipeline  # noqa: E402
from cleaner.registry import pass_class  # noqa: E402

FAMILY = ("punct", "convert", "balance")

BUILTIN = [
    {
        "title": "春耕备耕有序推进",
        "subtitles": ["——全市农业农村工作会议侧记"],
        "paragraphs": [
            "本报讯（记者 王一鸣 通讯员 李晓）3月8日，全市春耕备耕现场推进会在阳高县召开。会议要求，各县区要抓早抓实，确保粮食播种面积稳定在120万亩以上。",
            "“今年化肥价格比去年同期下降了8.5%，农资供应总体充足。”市农业农村局负责人介绍，目前全市已储备种子3200吨、化肥4.6万吨，农机具检修率达到95%。",
            "据了解，该市还将组织200余名农技人员下沉一线，开展“科技下乡”活动，指导农户科学选种、合理施肥……力争实现夏粮丰收。",
        ],
        "byline": "本报记者 张明远",
    },
    {
        "title": "以数字化赋能 助基层减负",
        "subtitles": [],
        "paragraphs": [
            "近日，某区上线“一网通办”平台2.0版本，群众办理社保、医保等业务平均用时由原来的40分钟缩短至10分钟以内。",
            "区政务服务中心主任刘芳（化名）表示：“平台整合了23个部门的数据，实现‘一次登录、全网通办’。下一步，我们将引入AI智能客服，提供7×24小时咨询服务。”",
            "截至2月底，平台累计办件量突破15.8万件，群众满意度达到99.2%。",
        ],
        "byline": "本报记者 赵 磊",
    },
    {
        "title": "古城夜景引客来",
        "subtitles": [],
        "paragraphs": [
            "华灯初上，漫步在鼓楼东街的市民、游客感受千年古都的厚重历史和现代气息——街巷两侧灯笼高悬，游人如织。",
            "春节期间，古城共接待游客86.3万人次，同比增长21.4%；实现旅游收入5.2亿元。",
        ],
        "byline": None,
    },
]

FULL_TO_ASCII = {"，": ",", "。": ".", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")",
                 "“": '"', "”": '"', "‘": "'", "’": "'"}
HAN = "\u4e00-\u9fff"
MARK_RE = re.compile("[，。：；？！（）“”‘’]|……|——")
DIGIT_RE = re.compile(r"[0-9A-Za-z%]+(?:\.[0-9]+%?)?")
HAN_PAIR_RE = re.compile(f"(?<=[{HAN}])(?=[{HAN}])")
SPACED_MARK_RE = re.compile("[“”（）]")


def load_articles() -> list[dict]:
    path = ROOT / "bench" / "articles.json"
    if path.exists():
        return [a for a in json.loads(path.read_text(encoding="utf-8")) if a.get("paragraphs")]
    return BUILTIN


def page_text(articles: list[dict]) -> str:
    """Articles laid out as cleaner's text output: headings and paragraphs one per line."""
    records = []
    for a in articles:
        lines = [x for x in [a.get("title"), a.get("title2"), *a.get("subtitles", [])] if x]
        lines += a["paragraphs"]
        if a.get("byline"):
            lines.append(a["byline"])
        records.append("\n\n".join(lines))
    return "\n\n\n".join(records) + "\n"


def damage(page: str, rate: float, rng: random.Random) -> tuple[str, int]:
    """Damage ``page``; returns the damaged text and the number of damaged sites."""
    count = 0

    def mark(m: re.Match[str]) -> str:
        nonlocal count
        s = m.group()
        if rng.random() >= rate:
            return s
        count += 1
        if s == "……":
            return rng.choice(["...", "…", "。。。", "......"])
        if s == "——":
            return rng.choice(["--", "—", "－－"])
        if s in "，。、；：" and rng.random() < 0.2:
            return s + s  # doubled
        return FULL_TO_ASCII[s]

    def width(m: re.Match[str]) -> str:
        nonlocal count
        s = m.group()
        if rng.random() >= rate:
            return s
        count += 1
        return "".join(chr(ord(c) + 0xFEE0) for c in s)

    out = []
    for block in page.split("\n"):
        body = len(block) > 40 and not block.startswith("本报记者")
        head = ""
        if body:
            m = DATELINE_RE.match(block)  # the dateline keeps its spaces
            if m:
                head, block = m.group(), block[m.end():]
        if body and rng.random() < rate * 4:  # an OCR run of spaced-out characters: 新 荣 区
            pairs = [m.start() for m in HAN_PAIR_RE.finditer(block)]
            if pairs:
                k = rng.choice(pairs)
                n = rng.randint(1, 4)
                chosen = set(p for p in pairs if k <= p < k + n)
                block = "".join((" " if i in chosen else "") + c for i, c in enumerate(block))
                count += len(chosen)
        if body and rng.random() < rate * 2:  # pangu-style spaces around quotes/brackets
            block = SPACED_MARK_RE.sub(lambda m: {"“": " “", "”": "” ", "（": " （", "）": "） "}[m.group()], block, count=2)
            count += 1
        block = MARK_RE.sub(mark, block)
        block = DIGIT_RE.sub(width, block)
        out.append(head + block)
    text = "\n".join(out)
    text = re.sub(r" +\n", "\n", text)
    return text, count


def normalise_layout(t: str) -> str:
    return re.sub(r"\n+", "\n", t).strip()


def cer(a: str, b: str) -> float:
    a, b = normalise_layout(a), normalise_layout(b)
    return Levenshtein.distance(a, b) / max(len(a), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the throughput text in MB (UTF-8)")
    ap.add_argument("--rate", type=float, default=0.05, help="damage probability per eligible site")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pages", type=int, default=200, help="damaged pages for the quality measurement")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    articles = load_articles()
    pipeline = Pipeline()

    # quality: pages of 4 articles each, damaged, cleaned, compared
    dist = length = sites = 0
    before_dist = 0
    not_idempotent = 0
    clean_dist = clean_len = 0
    worst: list[tuple[float, str, str]] = []
    for _ in range(args.pages):
        original = page_text(rng.sample(articles, min(4, len(articles))))
        cleaned_original = pipeline.run(original).text
        clean_dist += Levenshtein.distance(normalise_layout(original), normalise_layout(cleaned_original))
        clean_len += len(normalise_layout(original))
        damaged, n = damage(original, args.rate, rng)
        sites += n
        out = pipeline.run(damaged).text
        d = Levenshtein.distance(normalise_layout(original), normalise_layout(out))
        before_dist += Levenshtein.distance(normalise_layout(original), normalise_layout(damaged))
        dist += d
        length += len(normalise_layout(original))
        again = pipeline.run(out)
        if again.edits:
            not_idempotent += 1
            if not_idempotent <= 3:
                print("not idempotent:", [(e.code, e.before, e.after, out[max(0, e.start - 8):e.end + 8]) for e in again.edits][:3])
        worst.append((d / len(original), original, out))
    print(f"articles: {len(articles)} ({'bench/articles.json' if (ROOT / 'bench/articles.json').exists() else 'built-in'})")
    print(f"pages: {args.pages}, characters: {length}, damaged sites: {sites} (rate {args.rate})")
    print(f"CER damaged, before cleaning: {before_dist / length:.4%} ({before_dist} edits)")
    print(f"CER damaged, after cleaning:  {dist / length:.4%} ({dist} edits)   (target <= 0.3%)")
    print(f"CER undamaged after cleaning: {clean_dist / clean_len:.4%} ({clean_dist} edits)   (target <= 0.05%)")
    print(f"pages not idempotent (second clean still edits): {not_idempotent}")
    worst.sort(key=lambda x: -x[0])
    if worst and worst[0][0] > 0:
        _, o, c = worst[0]
        from difflib import ndiff

        diffs = [ln for ln in ndiff(normalise_layout(o).split("\n"), normalise_layout(c).split("\n")) if ln[:1] in "-+"]
        print("worst page, first differing lines:")
        for ln in diffs[:6]:
            print("   ", ln[:160])

    # throughput of the family's passes on ~N MB of damaged pages, and of the same pages undamaged
    originals, pages = [], []
    size = 0
    target = int(args.mb * 1e6)
    while size < target:
        o = page_text(rng.sample(articles, min(4, len(articles))))
        p, _ = damage(o, args.rate, rng)
        originals.append(o)
        pages.append(p)
        size += len(p.encode("utf-8"))
    try:
        import autocorrect_py as autocorrect  # type: ignore[import-not-found]
    except ImportError:
        autocorrect = None
        print("autocorrect-py: not installed (pip install autocorrect-py to compare)")
    print("throughput (CPU time of this process, time.process_time):")
    for label, texts in (("damaged", pages), ("undamaged", originals)):
        big = "\n\n\n".join(texts)
        mb = len(big.encode("utf-8")) / 1e6
        total = 0.0
        for name in FAMILY:
            cls = pass_class(name)
            ctx = Context(big, dict(cls.options), {})
            t0 = time.process_time()
            cls().run(ctx)
            dt = time.process_time() - t0
            total += dt
            print(f"  {label:9s} {name:8s} {mb / dt:8.1f} MB/s  ({len(ctx.edits)} edits, {len(ctx.diagnostics)} findings)")
        print(f"  {label:9s} family   {mb / total:8.1f} MB/s on {mb:.1f} MB (one text, the three passes alone)")
        if autocorrect is not None:
            t0 = time.process_time()
            autocorrect.format(big)
            dt = time.process_time() - t0
            print(f"  {label:9s} autocorrect-py format {mb / dt:8.1f} MB/s on the same text")
    # opt-in conversion: traditional pages (OpenCC s2t of the clean ones) back with t2s
    from cleaner.passes.convert import converter

    traditional = converter("s2t").convert("\n\n\n".join(originals))
    cls = pass_class("convert")
    ctx = Context(traditional, {**cls.options, "config": "t2s"}, {})
    t0 = time.process_time()
    cls().run(ctx)
    dt = time.process_time() - t0
    mb = len(traditional.encode("utf-8")) / 1e6
    print(f"  traditional convert --convert t2s {mb / dt:6.1f} MB/s ({len(ctx.edits)} edits)")
    t0 = time.process_time()
    converter("t2s").convert(traditional)
    dt = time.process_time() - t0
    print(f"  traditional OpenCC t2s alone       {mb / dt:6.1f} MB/s")
    per_page = Pipeline(list(FAMILY))
    t0 = time.process_time()
    for p in pages:
        per_page.run(p)
    dt = time.process_time() - t0
    mb = sum(len(p.encode("utf-8")) for p in pages) / 1e6
    print(f"  damaged   family   {mb / dt:8.1f} MB/s page by page through the Pipeline ({len(pages)} pages, edit log included)")


if __name__ == "__main__":
    main()
