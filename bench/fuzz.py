"""A long fuzz run of the whole pipeline: newspaper-like pages, damaged bytes, arbitrary Unicode.

    python bench/fuzz.py --count 100000 --seed 1 --failures /tmp/fuzz-failures

Each input is checked for: no exception other than CleanerError (bytes only), replay of the edit
log gives the output, conservation (every character the output lacks is in the ``before`` of an
edit, and the ``before`` fields add up), idempotence (cleaning the text output again changes
nothing) and, for one input in ten, determinism. Failures are counted by kind and written, the
first few of each kind, as JSON into ``--failures``. Exit code 1 if anything crashed.

Pages are built from ``bench/articles.json`` (relative to the repository root) when it exists,
else from a small built-in list of invented articles. The CI runs a short version of the same
checks (tests/test_properties.py); this script is for the long runs.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cleaner  # noqa: E402
from cleaner.edits import replay  # noqa: E402
from cleaner.errors import CleanerError  # noqa: E402
from cleaner.io import Unit, add_decode_diagnostics, render_unit  # noqa: E402
from cleaner.source import decode  # noqa: E402

BUILTIN = [
    {"title": "社区食堂开进老旧小区", "subtitles": ["一餐热饭暖人心"], "dateline": "本报讯（记者 林晓 通讯员 周安）",
     "paragraphs": ["本报讯（记者 林晓 通讯员 周安）近日，城东街道首家社区食堂在柳巷小区开业，每天供应午餐和晚餐，"
                    "六十岁以上老人凭卡就餐可享八折优惠。",
                    "“以前做一顿饭要忙活一上午，现在下楼就能吃上热乎饭。”家住三号楼的赵大爷说。",
                    "据了解，街道计划年内再建3家社区食堂，覆盖辖区12个小区。"],
     "byline": "本报记者 林晓"},
    {"title": "春季植树添新绿", "subtitles": [], "dateline": "新华社太原3月12日电（记者 梁文）",
     "paragraphs": ["新华社太原3月12日电（记者 梁文）12日，干部群众在汾河两岸栽下侧柏、油松等苗木2.3万株。",
                    "今年全省计划完成营造林400万亩，其中义务植树1.1亿株。"], "byline": None},
    {"title": "图为市民在公园赏花。", "subtitles": [], "dateline": None, "paragraphs": [], "byline": "本报记者 宋雨 摄"},
]

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
PUNCT = "，。、；：？！“”‘’（）《》【】—…·「」"
NOISE = (
    list("\u3000\u00a0\t \u200b\ufeff\u00ad\u200c\u200d\u2060\x07\x0b\x1b\x7f\x85\x0c\ufffd")
    + list("\u0301\u0308\u3099")  # combining marks (NFC)
    + list("ＡＢｃ１２３，．：；！？（）")  # full-width forms
    + list(",.;:!?()\"'-_/")
    + ["\U0001F600", "\u2028", "\u2029", "\r", "\n", "\n\n", "　　"]
)


def load_articles() -> list[dict]:
    path = ROOT / "bench" / "articles.json"
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, list) and data:
                return data
        except ValueError:
            pass
    return BUILTIN


def wrap(line: str, width: int) -> list[str]:
    return [line[i:i + width] for i in range(0, len(line), width)] or [""]


def page(rnd: random.Random, articles: list[dict]) -> str:
    """An OCR-like dump of 1-4 articles: hard-wrapped or not, indents, odd blank lines, damage."""
    lines: list[str] = []
    width = rnd.choice([0, 0, 12, 18, 22, 26, 30, 40])
    indent = rnd.choice(["　　", "  ", "    ", ""])
    for _ in range(rnd.randint(1, 4)):
        a = rnd.choice(articles)
        heads = [a.get("title") or "", *(a.get("subtitles") or [])]
        if a.get("title2"):
            heads.insert(0, a["title2"])
        for h in heads:
            if h:
                lines.append(h)
        lines.extend([""] * rnd.randint(0, 2))
        for para in a.get("paragraphs") or []:
            body = wrap(para, width) if width else [para]
            lines.append(indent + body[0])
            lines.extend(body[1:])
            if rnd.random() < 0.3:
                lines.append("")
        if a.get("byline"):
            lines.append(a["byline"])
        lines.extend([""] * rnd.randint(0, 3))
        if rnd.random() < 0.1:
            lines.append("\f")
    text = "\n".join(lines)
    for _ in range(rnd.choice([0, 0, 1, 3, 10])):
        text = damage(rnd, text)
    nl = rnd.choice(["\n", "\n", "\r\n", "\r"])
    if nl != "\n":
        text = text.replace("\n", nl)
    if rnd.random() < 0.2:
        text = text.rstrip("\n")
    return text


def damage(rnd: random.Random, text: str) -> str:
    if not text:
        return rnd.choice(NOISE)
    i = rnd.randrange(len(text) + 1)
    kind = rnd.random()
    if kind < 0.4:
        return text[:i] + rnd.choice(NOISE) + text[i:]
    if kind < 0.6:  # an OCR double read of a span
        j = min(len(text), i + rnd.randint(2, 30))
        return text[:j] + text[i:j] + text[j:]
    if kind < 0.75:
        return text[:i] + text[i + rnd.randint(1, 5):]
    if kind < 0.9:
        return text[:i] + "".join(rnd.choice(HAN + PUNCT) for _ in range(rnd.randint(1, 8))) + text[i:]
    return text[:i] + " " * rnd.randint(1, 6) + text[i:]


def arbitrary(rnd: random.Random) -> str:
    """Random code points, weighted toward the ranges a page holds (and the awkward ones)."""
    out = []
    for _ in range(rnd.randint(0, 120)):
        r = rnd.random()
        if r < 0.3:
            out.append(rnd.choice(HAN))
        elif r < 0.4:
            out.append(rnd.choice(PUNCT))
        elif r < 0.55:
            out.append(rnd.choice(NOISE))
        elif r < 0.7:
            out.append(chr(rnd.randrange(0x20, 0x7F)))
        else:
            c = rnd.randrange(0x110000)
            if 0xD800 <= c < 0xE000:
                c = 0xFFFD
            out.append(chr(c))
    return "".join(out)


def damaged_bytes(rnd: random.Random, text: str) -> tuple[bytes, str | None, str]:
    enc = rnd.choice(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le"])
    data = text.encode(enc, "replace") if enc != "big5" else text.encode("big5", "ignore")
    b = bytearray(data)
    for _ in range(rnd.choice([0, 1, 2, 5])):
        if not b:
            break
        i = rnd.randrange(len(b))
        op = rnd.random()
        if op < 0.5:
            b[i] = rnd.randrange(256)
        elif op < 0.8:
            b.insert(i, rnd.randrange(256))
        else:
            del b[i:]
    forced = rnd.choice([None, None, None, enc if enc != "utf-8-sig" else "utf-8"])
    return bytes(b), forced, rnd.choice(["strict", "replace"])


# --- checks ------------------------------------------------------------------------------------

def conservation(p) -> str | None:
    """None if every removed character is in an edit's ``before`` and the befores add up."""
    total = Counter(p.source_text)
    for e in p.edits:
        total.subtract(e.before)
        total.update(e.after)
    if +total != Counter(p.text) or any(v < 0 for v in total.values()):
        return "edit log's before/after do not account for the output"
    lost = Counter(p.source_text) - Counter(p.text)
    logged = set().union(*(e.before for e in p.edits)) if p.edits else set()
    missing = [c for c in lost if c not in logged]
    return f"removed but not in any edit: {missing!r}" if missing else None


def check_text(text: str, deep: bool) -> list[tuple[str, str]]:
    p = cleaner.clean(text)
    problems = []
    if replay(p.source_text, p.edits) != p.text:
        problems.append(("replay", "replay(source, edits) != output"))
    c = conservation(p)
    if c:
        problems.append(("conservation", c))
    again = cleaner.clean(p.text)
    if again.text != p.text:
        codes = sorted({e.code for e in again.edits})
        problems.append(("idempotence", f"second run changed the text ({', '.join(codes)})"))
    if deep and cleaner.clean(text).text != p.text:
        problems.append(("determinism", "two runs differ"))
    json.dumps(p.to_dict(), ensure_ascii=False)
    for a in p.articles:
        json.dumps(a.to_dict(), ensure_ascii=False)
    return problems


def check_bytes(data: bytes, encoding: str | None, errors: str) -> list[tuple[str, str]]:
    try:
        d = decode(data, encoding=encoding, errors=errors)
    except CleanerError:
        return []
    for r in d.replaced:
        if d.text[r.start:r.end] != "\ufffd" * (r.end - r.start):
            return [("replaced-span", f"replaced span {r} does not point at U+FFFD")]
    p = cleaner.clean(d.text)
    if d.replaced:
        add_decode_diagnostics(p, d.replaced)
    render_unit(Unit(None, d), p, "jsonl").encode("utf-8")
    return check_text(d.text, False)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--failures", default=None, help="folder for the first failing inputs of each kind")
    ap.add_argument("--keep", type=int, default=5, help="failing inputs kept per kind")
    args = ap.parse_args()

    rnd = random.Random(args.seed)
    articles = load_articles()
    counts: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    kept: dict[str, list[dict]] = {}
    start = time.perf_counter()
    chars = 0
    for n in range(args.count):
        r = rnd.random()
        if r < 0.6:
            gen, item = "page", page(rnd, articles)
        elif r < 0.8:
            gen, item = "unicode", arbitrary(rnd)
        else:
            gen, item = "bytes", damaged_bytes(rnd, page(rnd, articles))
        kinds[gen] += 1
        try:
            if gen == "bytes":
                chars += len(item[0])
                problems = check_bytes(*item)
            else:
                chars += len(item)
                problems = check_text(item, deep=n % 10 == 0)
        except Exception:  # noqa: BLE001 - a crash is what we are looking for
            problems = [("crash", traceback.format_exc(limit=4))]
        for kind, detail in problems:
            counts[kind] += 1
            bucket = kept.setdefault(kind, [])
            if len(bucket) < args.keep:
                shown = item if isinstance(item, str) else {"bytes": item[0].hex(), "encoding": item[1], "errors": item[2]}
                bucket.append({"n": n, "generator": gen, "detail": detail, "input": shown})
        if (n + 1) % 10_000 == 0:
            el = time.perf_counter() - start
            print(f"{n + 1} inputs, {el:.0f} s, problems: {dict(counts) or 'none'}", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - start
    if args.failures and kept:
        out = Path(args.failures)
        out.mkdir(parents=True, exist_ok=True)
        for kind, items in kept.items():
            (out / f"{kind}.json").write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps({
        "inputs": args.count, "seed": args.seed, "generators": dict(kinds), "seconds": round(elapsed, 1),
        "input_chars_or_bytes": chars, "problems": dict(counts),
        "examples": {k: [{"generator": i["generator"], "detail": i["detail"][:300], "input": i["input"] if isinstance(i["input"], dict) else i["input"][:300]} for i in v[:2]] for k, v in kept.items()},
    }, ensure_ascii=False, indent=1))
    return 1 if counts["crash"] else 0


if __name__ == "__main__":
    sys.exit(main())
