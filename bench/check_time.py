"""Wall and CPU time of `cleaner check PAGE`, start-up included: the cost of one pre-commit run.

    python bench/check_time.py [PAGE] [-n RUNS]

PAGE defaults to the shared sample page, else a page made of invented articles. Prints the
median and the fastest wall time and the median CPU time (user + sys of the child), which is
what a busy machine does not inflate.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [up / "shared" / "samples" / "000_06e19f818bbc1da6.txt" for up in (ROOT.parent, ROOT.parent.parent)]
INVENTED = (
    "全市春耕生产有序推进  \n\n"
    "　　本报讯（记者 王五）春耕时节，\n田间地头一派繁忙景象。农技人员\n深入田间指导农户科学施肥。\n\n\n\n"
    "本报记者 王五\n\n\n"
    "社区食堂开张\n\n　　本报讯（通讯员 李四）近日，社区老年食堂正式开张，\n每天为老人提供午餐和晚餐。\n"
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("page", nargs="?")
    ap.add_argument("-n", "--runs", type=int, default=20)
    args = ap.parse_args()
    page = args.page
    if page is None:
        found = [p for p in SAMPLES if p.exists()]
        if found:
            page = str(found[0])
        else:
            fd, page = tempfile.mkstemp(suffix=".txt")
            os.write(fd, (INVENTED * 20).encode("utf-8"))
            os.close(fd)
    exe = shutil.which("cleaner") or sys.executable
    cmd = [exe, "check", page] if exe != sys.executable else [exe, "-m", "cleaner", "check", page]
    subprocess.run(cmd, capture_output=True)  # warm the file cache and .pyc files
    walls, cpus = [], []
    for _ in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{' '.join(cmd)}: wall median {statistics.median(walls) * 1000:.0f} ms, fastest {min(walls) * 1000:.0f} ms;"
          f" cpu median {statistics.median(cpus) * 1000:.0f} ms ({args.runs} runs, load average {load:.1f})")


if __name__ == "__main__":
    main()
