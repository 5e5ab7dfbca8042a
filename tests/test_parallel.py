"""--jobs: worker processes give the same bytes as one process, in input order."""
from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from cleaner.parallel import imap_ordered

PAGES = [
    "春风就业帮扶活动举行\n\n本报讯（记者 董芳 实习生 张璐通）2月{n}日，活动在新荣区举行，{n}家企业提供岗位。\n\n本报记者 李雪峰\n",
    "山区小学用上“云课堂”\n　　本报讯（记者 冉晓峰）3月{n}日上午，在和顺\n县一所山区小学的教室里，学生们通过\n“专递课堂”同上一节美术课。\n",
    "小区“微更新”\n\n居民乐开怀\n\n据街道负责人介绍，改造内容由居民投票确定，共{n}项 。\n\n\n\n下一篇标题\n\n正文第{n}段，\u200b内容 。  \n",
]


def write_inputs(tmp_path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        pages = [PAGES[(i + k) % len(PAGES)].format(n=i * 10 + k) for k in range(1 + i % 4)]
        p = tmp_path / f"page_{i:02d}.txt"
        p.write_text("\f".join(pages), encoding="utf-8")
        paths.append(str(p))
    return paths


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", "clean", *args], capture_output=True)


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_jobs_give_the_same_bytes_as_one_process(tmp_path, fmt):
    paths = write_inputs(tmp_path, 12)
    one = cli("-f", fmt, "--jobs", "1", *paths)
    assert one.returncode == 0, one.stderr
    assert one.stdout.count("春风".encode()) >= 4
    for jobs in ("2", "3"):
        many = cli("-f", fmt, "--jobs", jobs, *paths)
        assert many.returncode == 0, many.stderr
        assert many.stdout == one.stdout


def test_jsonl_input_with_jobs_gives_the_same_records_in_order(tmp_path):
    import json

    src = tmp_path / "in.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i in range(300):  # enough text for several batches (stream.BATCH_CHARS) per worker
            body = "\f".join(PAGES[(i + k) % len(PAGES)].format(n=i * 10 + k) for k in range(1 + i % 3)) * 8
            f.write(json.dumps({"id": i, "text": body, "src": f"scan-{i}"}, ensure_ascii=False) + "\n")
    one = cli("--input-format", "jsonl", "-f", "jsonl", "--report-duplicates", "--jobs", "1", str(src))
    assert one.returncode == 0, one.stderr
    rows = [json.loads(x) for x in one.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == list(range(300)) and all(r["records"] for r in rows)
    assert "\u200b" not in one.stdout.decode() and one.stderr.count(b": DU") >= 300  # the repeats are reported
    many = cli("--input-format", "jsonl", "-f", "jsonl", "--report-duplicates", "--jobs", "2", str(src))
    assert many.returncode == 0, many.stderr
    assert many.stdout == one.stdout and many.stderr == one.stderr


def test_malformed_jsonl_lines_with_jobs_stop_or_skip_where_they_stand(tmp_path):
    import json

    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"text": PAGES[i % 3].format(n=i) * 30}, ensure_ascii=False) for i in range(120)]
    lines[70] = '{"text": 5}'  # a line of the third or fourth batch, not the first
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for extra in ((), ("--skip-bad",)):
        runs = [cli("--input-format", "jsonl", "-f", "jsonl", *extra, "--jobs", j, str(src)) for j in ("1", "2")]
        assert runs[0].returncode == runs[1].returncode == (0 if extra else 2)
        assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr
        assert runs[0].stdout.count(b"\n") == (119 if extra else 70)
        assert (b"line 71" if extra else b"in.jsonl:71: malformed JSONL line") in runs[1].stderr
        assert b"Traceback" not in runs[1].stderr
    piped = subprocess.run([sys.executable, "-m", "cleaner", "clean", "--input-format", "jsonl", "--skip-bad", "--jobs", "2"],
                           input=src.read_bytes(), capture_output=True)
    assert piped.returncode == 0 and piped.stdout == cli("--input-format", "jsonl", "--skip-bad", str(src)).stdout


def test_files_cleaned_one_by_one_with_jobs_give_the_same_bytes(tmp_path):
    # --format json / markdown and --report-duplicates take the unit-by-unit path
    paths = write_inputs(tmp_path, 9)
    for args in (("-f", "markdown"), ("--report-duplicates",)):
        one = cli(*args, "--jobs", "1", *paths)
        many = cli(*args, "--jobs", "2", *paths)
        assert one.returncode == 0 and many.returncode == 0, one.stderr + many.stderr
        assert many.stdout == one.stdout and "山区小学".encode() in one.stdout


def test_a_bad_input_among_many_fails_cleanly_with_jobs(tmp_path):
    paths = write_inputs(tmp_path, 4)
    out = tmp_path / "out.txt"
    r = cli("--jobs", "2", "-o", str(out), paths[0], str(tmp_path / "missing.txt"), paths[1])
    assert r.returncode == 2
    assert b"missing.txt: no such file" in r.stderr and b"Traceback" not in r.stderr
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_before_a_bad_input_is_the_same_for_any_jobs(tmp_path, fmt):
    # --jobs 2 wrote nothing: the good file sat in a batch still being filled when the bad one failed
    paths = write_inputs(tmp_path, 3)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"a\x00b")
    runs = [cli("--jobs", j, "-f", fmt, paths[0], str(binary), paths[1]) for j in ("1", "2")]
    assert [r.returncode for r in runs] == [2, 2]
    assert runs[0].stdout == runs[1].stdout and runs[0].stdout
    assert all(b"binary.txt: binary input" in r.stderr for r in runs)


def _square_after(x: int, seen: list) -> int:
    return x * x


def test_imap_ordered_keeps_order_and_reads_ahead_only_a_window():
    consumed = []

    def items():
        for i in range(20):
            consumed.append(i)
            yield i

    with ProcessPoolExecutor(2) as pool:
        results = imap_ordered(pool, _square_after, items(), 3, None)
        assert next(results) == 0
        assert len(consumed) == 3  # not the whole input
        assert list(results) == [i * i for i in range(1, 20)]


def test_jobs_start_no_more_workers_than_batches_nor_four_a_core(monkeypatch):
    # -j 100000 forked thousands of processes, every one of them up front even for a 2-line file
    import cleaner.parallel as par

    monkeypatch.setattr(par.os, "cpu_count", lambda: 2)
    assert par.max_workers() == 8 and par.worker_count(100000) == 8 and par.worker_count(3) == 3
    assert par.worker_count(100000, known=2) == 2 and par.worker_count(5, known=0) == 1
    monkeypatch.setattr(par.os, "cpu_count", lambda: 64)
    assert par.worker_count(100000) == par.MAX_WORKERS == 61
    started = []

    class Pool(ProcessPoolExecutor):
        def __init__(self, max_workers, **kwargs):
            started.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr(par, "ProcessPoolExecutor", Pool)
    chunk = (None, 1, 0, "标题\n\n本报讯（记者 王五）今天。\n", "utf-8", 0, ())
    one = list(par.clean_batches_parallel([[chunk]], "text", 100000, {}))
    assert started == [1] and one == [["标题\n\n本报讯（记者 王五）今天。\n"]]
    assert list(par.clean_batches_parallel([], "text", 100000, {})) == [] and started == [1]  # none for no work
    three = list(par.clean_batches_parallel([[chunk]] * 3, "text", 100000, {}))
    assert started == [1, 3] and three == one * 3


def test_an_unreadable_input_after_good_ones_comes_after_them_when_workers_are_counted():
    import cleaner.parallel as par

    def items():
        yield 1
        yield 2
        raise OSError("cannot read")

    known, rest = par._head(items(), 8)
    assert known == 2 and next(rest) == 1 and next(rest) == 2
    with pytest.raises(OSError):
        next(rest)
    known, rest = par._head(iter(range(10)), 4)
    assert known is None and list(rest) == list(range(10))


def test_jobs_beyond_the_cap_is_a_warning_and_the_same_output(tmp_path):
    (tmp_path / "p.txt").write_text(PAGES[0].format(n=1), encoding="utf-8")
    one = cli("--jobs", "1", str(tmp_path / "p.txt"))
    many = cli("--jobs", "100000", str(tmp_path / "p.txt"))
    assert many.returncode == 0 and many.stdout == one.stdout
    assert b"warning: --jobs 100000: using" in many.stderr and b"Traceback" not in many.stderr
    assert cli("--jobs", "-1", str(tmp_path / "p.txt")).returncode == 2
