"""Pipelines that close early, Ctrl-C, writes that fail, and the edit log accounting for every
removed character."""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner import cli as cli_module
from cleaner import io as io_module
from cleaner.cli import cli, write_atomic
from cleaner.errors import CleanerError
from cleaner.patterns import HAN

ARTICLE = (
    "春灌提前一周 保障小麦返青\n"
    "　　本报讯（记者 贺志远 通讯员 郭晓岚）3月2日，运城市盐湖区在夹马口灌区启动春\n"
    "灌首轮放水，比往年提前约一周，为全区12.6万亩冬小麦返青拔节提供水源保障。\n"
    "　　“今年冬季降水偏少，土壤墒情不如往年。”灌区管理站站长蔺建军告诉记者。  \n"
    "\n\n\n"
)


def cleaner_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", *args]


def big_page(tmp_path: Path, copies: int = 1500) -> Path:
    p = tmp_path / "big.txt"
    p.write_text(ARTICLE * copies, encoding="utf-8")
    return p


# --- pipelines -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_closed_pipe_is_quiet(tmp_path, fmt):
    """`cleaner clean big.txt | head -1`: exit 0, nothing on stderr, even with several files."""
    big = big_page(tmp_path)
    p = subprocess.Popen(cleaner_cmd("clean", "-f", fmt, str(big), str(big), str(big)),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None
    first = p.stdout.readline()
    p.stdout.close()  # the reader leaves, as head does
    _, err = p.communicate(timeout=120)
    assert first.startswith("春灌提前一周".encode()) or first.startswith(b'{"id"')
    assert p.returncode == 0
    assert err == b""


def test_closed_pipe_in_a_shell_pipeline(tmp_path):
    big = big_page(tmp_path)
    cmd = " ".join(cleaner_cmd("clean", str(big))) + " | head -1"
    p = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, timeout=120)
    assert p.stdout.decode() == "春灌提前一周 保障小麦返青\n"
    assert p.stderr == b""
    assert p.returncode == 0


@pytest.mark.parametrize("stdout,message", [
    ("full", "cannot write: No space left on device"),
    ("closed", "cannot write: stdout is closed"),
])
def test_full_or_closed_stdout_is_one_error_line(tmp_path, stdout, message):
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    if stdout == "full":
        if not os.path.exists("/dev/full"):
            pytest.skip("no /dev/full here")
        kwargs = {"stdout": open("/dev/full", "wb")}
    else:
        kwargs = {"preexec_fn": lambda: os.close(1)}
    for args in (("clean", str(page)), ("check", str(page)), ("check", "--diff", str(page)), ("explain", str(page)), ("rules",)):
        p = subprocess.run(cleaner_cmd(*args), stderr=subprocess.PIPE, timeout=60, **kwargs)
        assert (p.returncode, p.stderr.decode()) == (2, f"cleaner: <stdout>: {message}\n"), args


@pytest.mark.parametrize("args", [("clean",), ("check", "-"), ("clean", "--input-format", "jsonl")])
def test_closed_stdin_is_one_error_line(args):
    p = subprocess.run(cleaner_cmd(*args), capture_output=True, timeout=60, preexec_fn=lambda: os.close(0))
    assert (p.returncode, p.stderr.decode()) == (2, "cleaner: <stdin>: standard input is closed\n")


def test_output_to_a_pipe_or_device_is_written_in_place_not_replaced(tmp_path):
    """``-o /dev/null`` as root must not replace the device with a file: a FIFO stands in for it."""
    import threading

    page = tmp_path / "page.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    p = subprocess.run(cleaner_cmd("clean", "-o", str(fifo), str(page)), capture_output=True, timeout=60)
    reader.join(timeout=60)
    assert p.returncode == 0, p.stderr
    assert got and got[0].decode().startswith("春灌提前一周 保障小麦返青\n")
    assert fifo.is_fifo() and sorted(x.name for x in tmp_path.iterdir()) == ["out.fifo", "page.txt"]


@pytest.mark.parametrize("value,message", [
    ('"t2s.jsn"', "convert.config: unknown OpenCC config 't2s.jsn'"),
    ("5", 'convert.config must be an OpenCC config name such as "t2s", got 5'),
])
def test_a_bad_opencc_config_in_the_config_file_is_a_config_error(tmp_path, value, message):
    (tmp_path / "cleaner.toml").write_text(f"[convert]\nconfig = {value}\n", encoding="utf-8")
    (tmp_path / "p.txt").write_text(ARTICLE, encoding="utf-8")
    for cmd in ("check", "fix", "explain"):
        p = subprocess.run(cleaner_cmd(cmd, str(tmp_path / "p.txt")), capture_output=True, timeout=60)
        assert p.returncode == 2 and message in p.stderr.decode() and "Traceback" not in p.stderr.decode(), (cmd, p.stderr)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_ctrl_c_exits_130_without_traceback(tmp_path, sig):
    """SIGINT (or SIGTERM, SIGHUP) while cleaning: exit 128 + the signal, no traceback, no
    "Aborted!", no temp file left behind."""
    first = tmp_path / "first.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.txt"
    # The first file is printed and flushed; then the run waits on stdin, so the signal is sure to
    # arrive inside the clean command, not while the interpreter is still starting.
    p = subprocess.Popen(cleaner_cmd("clean", "-f", "jsonl", str(first), "-"), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert p.stdout is not None
    assert p.stdout.readline().startswith(b'{"id"')
    p.send_signal(sig)
    rest, err = p.communicate(timeout=60)
    assert p.returncode == 128 + sig
    assert b"Traceback" not in err and b"Aborted" not in err and b"KeyboardInterrupt" not in err
    assert not out.exists()


def test_sigterm_with_jobs_leaves_no_worker_and_no_temp_file(tmp_path):
    big = big_page(tmp_path, 3000)
    out = tmp_path / "out.txt"
    # after the file the run waits on stdin (left open), with its workers started
    p = subprocess.Popen(cleaner_cmd("clean", "--jobs", "2", "-o", str(out), str(big), "-"),
                         stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(3)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=120)
    assert p.returncode == 143 and b"Traceback" not in err
    assert sorted(x.name for x in tmp_path.iterdir()) == ["big.txt"]
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", str(big)], capture_output=True, text=True).stdout.split()
    assert left == [], left


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for a reaper that never comes counts as dead)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds  # (a deadline against a hang, not a timing)
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("engine", ["clean", "dedup"])
def test_workers_end_when_their_parent_is_killed(tmp_path, engine):
    """A parent killed by SIGKILL (or the OOM killer) cannot stop its pool: its workers lived on,
    reparented, holding the pipeline's stdout open (a reader never saw the end of it)."""
    if engine == "clean":
        big = big_page(tmp_path, 3000)
        # after the file the run waits on stdin (left open), its workers started
        p = subprocess.Popen(cleaner_cmd("clean", "--jobs", "2", "-o", str(tmp_path / "o.txt"), str(big), "-"),
                             stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    else:  # the corpus engine's pool, as cleaner dedup makes it
        code = ("import os, sys, time\nfrom cleaner.corpus import engine\n"
                "pool = engine._pool(2)\npool.map(abs, range(4))\npool.map_async(time.sleep, [600, 600], chunksize=1)\n"
                "print('ready', flush=True)\ntime.sleep(600)\n")  # (workers busy: they outlived it)
        p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert p.stdout.readline() == b"ready\n"

    def kids() -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout.split()
        return [int(k) for k in out]

    try:
        assert _wait_for(lambda: len(kids()) >= 2), kids()
        workers = kids()
    finally:
        p.kill()
        p.wait(timeout=60)  # (not communicate(): orphaned workers held its pipes open for ever)
        for f in (p.stdin, p.stdout, p.stderr):
            if f is not None:
                f.close()
    try:
        assert _wait_for(lambda: not any(_alive(k) for k in workers)), [k for k in workers if _alive(k)]
    finally:
        for k in workers:
            if _alive(k):
                os.kill(k, signal.SIGKILL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_worker_whose_parent_died_before_it_could_ask_ends_at_once():
    code = "from cleaner.parallel import die_with_parent; die_with_parent(-1); print('alive')"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert r.returncode == -signal.SIGTERM and b"alive" not in r.stdout
    code = "import os; from cleaner.parallel import die_with_parent; die_with_parent(os.getppid()); print('alive')"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).stdout == b"alive\n"


def test_ctrl_c_with_jobs_stops_every_process_quietly(tmp_path):
    """Ctrl-C reaches the whole process group: each worker waiting for work printed a traceback
    (and one hit before its initializer could hang the pool's shutdown for ever)."""
    big = big_page(tmp_path, 6000)  # (three chunks or more: every one of the 3 workers gets one)
    for delay in (0.5, 3):
        out = tmp_path / "out.txt"
        # after the file the run waits on stdin (left open), its workers idle
        # (SIGINT as a terminal leaves it: a test run started in the background ignores it)
        p = subprocess.Popen(cleaner_cmd("clean", "--jobs", "3", "-o", str(out), str(big), "-"),
                             stdin=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        time.sleep(delay)
        os.killpg(p.pid, signal.SIGINT)  # as a terminal does
        _, err = p.communicate(timeout=60)
        assert p.returncode == 130 and b"Traceback" not in err, (delay, err[-600:])
        assert sorted(x.name for x in tmp_path.iterdir()) == ["big.txt"]


def test_ctrl_c_during_an_atomic_write_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"
    target.write_text("原文件", encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(target), "新内容".encode())
    assert target.read_text(encoding="utf-8") == "原文件"
    assert os.listdir(tmp_path) == ["out.txt"]


# --- data safety ---------------------------------------------------------------------------------

class FailingFile:
    """A file whose write puts half the bytes down, then fails as a full disk does."""

    def __init__(self, f):
        self.f = f

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.f.close()

    def write(self, data):
        self.f.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self.f, name)


def test_write_fails_midway(tmp_path, monkeypatch):
    """-o to an existing file, the disk fills halfway: exit 2, one line, original intact, no temp."""
    src = tmp_path / "page.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "clean.txt"
    target.write_text("昨天的结果\n", encoding="utf-8")
    real_fdopen = os.fdopen
    monkeypatch.setattr(cli_module.os, "fdopen", lambda fd, mode: FailingFile(real_fdopen(fd, mode)))
    r = CliRunner().invoke(cli, ["clean", "-o", str(target), str(src)])
    assert r.exit_code == 2
    assert r.stderr == f"cleaner: {target}: cannot write: No space left on device\n"
    assert target.read_text(encoding="utf-8") == "昨天的结果\n"
    assert sorted(os.listdir(tmp_path)) == ["clean.txt", "page.txt"]


def test_replace_fails(tmp_path, monkeypatch):
    target = tmp_path / "clean.txt"
    target.write_text("昨天的结果\n", encoding="utf-8")

    def fail(*args):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(cli_module.os, "replace", fail)
    with pytest.raises(CleanerError, match="cannot write: Invalid cross-device link"):
        write_atomic(str(target), b"new")
    assert target.read_text(encoding="utf-8") == "昨天的结果\n"
    assert os.listdir(tmp_path) == ["clean.txt"]


def test_read_only_target_folder(tmp_path, monkeypatch):
    """A folder the user cannot write to: exit 2 naming the file. (Tests run as root here, where
    chmod does not stop a write, so the refusal is simulated where the OS would raise it.)"""
    src = tmp_path / "page.txt"
    src.write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "ro" / "clean.txt"
    target.parent.mkdir()
    target.write_text("原样\n", encoding="utf-8")
    if os.geteuid() != 0:
        target.parent.chmod(0o555)
    else:
        def denied(*args, **kwargs):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        monkeypatch.setattr(io_module.tempfile, "mkstemp", denied)  # the atomic writer lives in cleaner.io
    try:
        r = CliRunner().invoke(cli, ["clean", "-o", str(target), str(src)])
    finally:
        target.parent.chmod(0o755)
    assert r.exit_code == 2
    assert r.stderr == f"cleaner: {target}: cannot write: Permission denied\n"
    assert target.read_text(encoding="utf-8") == "原样\n"
    assert os.listdir(target.parent) == ["clean.txt"]


def test_an_empty_output_name_and_a_corpus_without_text_are_said_plainly(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    p = subprocess.run(cleaner_cmd("clean", "-o", "", str(page)), capture_output=True, timeout=60)
    assert (p.returncode, p.stderr.decode()) == (2, "cleaner: -o: no file name given\n")
    corpus = tmp_path / "c.jsonl"  # the text under another key: nothing would be compared
    corpus.write_text('{"id": "a", "body": "正文一"}\n{"id": "b", "body": "正文一"}\n', encoding="utf-8")
    p = subprocess.run(cleaner_cmd("dedup", str(corpus)), capture_output=True, timeout=60)
    if b"needs numpy" in p.stderr:
        pytest.skip("cleaner[corpus] is not installed")
    assert p.returncode == 0 and "none of the 2 records has a text" in p.stderr.decode()
    # some records without a text (``paragraphs`` not a list, a number for a text): a count
    corpus.write_text('{"id": "a", "text": "正文一"}\n{"id": "b", "paragraphs": 5}\n{"id": "c", "text": 42}\n',
                      encoding="utf-8")
    p = subprocess.run(cleaner_cmd("dedup", str(corpus)), capture_output=True, timeout=60)
    assert p.returncode == 0 and p.stderr.decode() == (
        "cleaner: warning: 2 of the 3 records have no text (a \"text\" string or a \"paragraphs\" list): "
        "each is a cluster of its own\n")
    assert [json.loads(x)["cluster_id"] for x in p.stdout.decode().splitlines()] == [0, 1, 2]


def test_a_new_output_file_gets_the_umask_mode_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(str(tmp_path / "new.txt"), "新内容".encode())
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o644


def test_write_keeps_mode_and_follows_symlinks(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("旧\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(str(link), "新\n".encode())
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "新\n"
    assert real.stat().st_mode & 0o777 == 0o640


# --- conservation: the edit log accounts for every removed character ------------------------------

HAN_RE_CLASS = f"[{HAN}]"


def assert_conserved(page) -> None:
    """replay(source, edits) == output; the edits' before/after add up to the change; every Han
    character the output lacks is in the ``before`` of some edit."""
    import re

    assert cleaner.replay(page.source_text, page.edits) == page.text
    total = Counter(page.source_text)
    for e in page.edits:
        total.subtract(e.before)
        total.update(e.after)
    assert +total == Counter(page.text) and min(total.values(), default=0) >= 0
    lost = Counter(page.source_text) - Counter(page.text)
    removed = "".join(e.before for e in page.edits)
    for ch in lost:
        if re.match(HAN_RE_CLASS, ch):
            assert ch in removed, f"{ch!r} vanished without an edit"


def test_conservation_on_a_damaged_page():
    damaged = (
        "\ufeff春灌提前一周\u200b 保障小麦返青\r\n"
        "　　本报讯（记者 贺志远）3月2日，运城市盐湖区启动春\x07灌首轮放水，\r\n"
        "比往年提前约一周。\u00ad  \r\n\r\n\r\n\r\n"
        "\f\r\n"
        "第二版要闻   \r\n"
        "Cafe\u0301 市政府召开常务会议，研究部署春耕生产工作。"
    )
    page = cleaner.clean(damaged)
    assert_conserved(page)
    assert len({e.code[:2] for e in page.edits}) >= 3  # several passes took part


def test_conservation_on_the_sample(sample_text):
    assert_conserved(cleaner.clean(sample_text))


def test_a_lying_edit_log_is_caught():
    """The conservation check can fail: an edit whose ``before`` does not match the text is seen."""
    import dataclasses

    page = cleaner.clean("标题\n\n　　正文第一段。\n")
    bad = dataclasses.replace(page, edits=[dataclasses.replace(page.edits[0], before="丢")] + page.edits[1:])
    with pytest.raises(AssertionError):
        assert_conserved(bad)


# --- writing back the way the file was read -------------------------------------------------------

@pytest.mark.parametrize("bom,codec,newline", [
    (b"", "utf-8", "\n"), (b"\xef\xbb\xbf", "utf-8", "\r\n"), (b"", "gb18030", "\r\n"), (b"", "big5", "\r"),
    (b"\xff\xfe", "utf-16-le", "\r\n"), (b"\xfe\xff", "utf-16-be", "\n"),
])
def test_encode_writes_back_encoding_bom_and_newlines(bom, codec, newline):
    from cleaner.source import decode, encode

    text = "颱風警報\n\n本報訊（記者 陳怡君）氣象局今日發布海上颱風警報。\n"
    data = bom + text.replace("\n", newline).encode(codec)
    d = decode(data)
    assert (d.encoding, d.bom, d.newline) == (codec, bool(bom), newline)
    assert encode(d.text, d) == data
    cleaned = cleaner.clean(d.text).text
    assert decode(encode(cleaned, d)).text == cleaned


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib"])
def test_a_codec_that_is_not_a_text_encoding_is_refused(tmp_path, codec):
    page = tmp_path / "p.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    for cmd in ("clean", "check"):
        p = subprocess.run(cleaner_cmd(cmd, "--encoding", codec, str(page)), capture_output=True, timeout=60)
        assert p.returncode == 2 and f"'{codec}' is not a text encoding" in p.stderr.decode(), (cmd, p.stderr)


def test_a_forced_codec_that_decodes_to_a_lone_surrogate_is_refused(tmp_path):
    """``--encoding unicode_escape`` reads ``\\ud800`` as a lone surrogate, which no output can
    hold: it was ``internal error: UnicodeEncodeError``; now a decode error with its line, for
    the streamed and the whole-file paths alike."""
    page = tmp_path / "p.txt"
    page.write_bytes(b"\\u672c\\u62a5\\u8baf\r\n\\ud800abc\n")
    for args in (["clean"], ["clean", "--errors", "replace"], ["clean", "-f", "json"], ["check"]):
        p = subprocess.run(cleaner_cmd(*args, "--encoding", "unicode_escape", str(page)), capture_output=True, timeout=60)
        err = p.stderr.decode()
        assert p.returncode == 2 and p.stdout == b"", (args, err)
        assert err == f"cleaner: {page}:2: cannot decode as unicode-escape: it gives a lone surrogate (U+D800), which is not text\n"
    ok = subprocess.run(cleaner_cmd("clean", "--encoding", "unicode_escape", "-"), input=b"\\u672c\\u62a5\\u8baf\n",
                        capture_output=True, timeout=60)
    assert ok.returncode == 0 and ok.stdout.decode() == "本报讯\n"


def test_deeply_nested_or_surrogate_json_lines_are_malformed_lines_not_tracebacks(tmp_path):
    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"text": "正文。", "x": ' + "[" * 3000 + "]" * 3000 + "}\n", encoding="utf-8")
    surr = tmp_path / "surr.jsonl"
    surr.write_text('{"id": "a", "text": "\\ud800正文。"}\n', encoding="utf-8")
    ascii_surr = tmp_path / "ascii.jsonl"  # (an all-ASCII line escaped the check before)
    ascii_surr.write_text('{"id": "a", "text": "\\ud800"}\n', encoding="utf-8")
    nan = tmp_path / "nan.jsonl"  # written back, NaN and 1e400 (Infinity) would be no JSON at all
    nan.write_text('{"id": "a", "text": "正文。", "v": NaN}\n{"id": "b", "text": "正文。", "w": 1e400}\n', encoding="utf-8")
    runs = [
        (cleaner_cmd("dedup", str(ascii_surr)), "ascii.jsonl:1: malformed JSONL line: a string holds a lone surrogate"),
        (cleaner_cmd("clean", "--input-format", "jsonl", str(nan)), "nan.jsonl:1: malformed JSONL line: NaN is not JSON"),
        (cleaner_cmd("dedup", str(nan)), "nan.jsonl:1: malformed JSONL line: NaN is not JSON"),
        (cleaner_cmd("clean", "--input-format", "jsonl", "--skip-bad", str(nan)), None),
        (cleaner_cmd("clean", "--input-format", "jsonl", str(deep)), "deep.jsonl:1: malformed JSONL line: nested too deeply"),
        (cleaner_cmd("dedup", str(deep)), "deep.jsonl:1: malformed JSONL line: nested too deeply"),
        (cleaner_cmd("dedup", str(surr)), "surr.jsonl:1: malformed JSONL line: a string holds a lone surrogate"),
    ]
    for cmd, message in runs:
        p = subprocess.run(cmd, capture_output=True, timeout=60)
        if message is None:  # both lines skipped: one has NaN, the other a number out of range
            assert p.returncode == 0 and "skipped 2 malformed JSONL lines" in p.stderr.decode(), p.stderr
            continue
        assert p.returncode == 2 and message in p.stderr.decode() and b"Traceback" not in p.stderr, (cmd, p.stderr)


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux")
@pytest.mark.parametrize("args", [("clean", "-f", "jsonl"), ("clean", "-f", "json"), ("clean", "--errors", "replace", "-f", "jsonl"),
                                  ("clean", "-f", "jsonl", "-j", "2"), ("dedup",), ("check", "--output-format", "json")])
def test_a_file_name_that_is_not_utf8_is_written_with_its_bytes_escaped(tmp_path, args):
    # b'p\xff.txt' is a legal name on Linux: every JSON output failed with
    # "internal error: UnicodeEncodeError"
    name = os.fsdecode(bytes(tmp_path) + b"/p\xff.txt")
    with open(name, "w", encoding="utf-8") as f:
        f.write("春风就业帮扶活动举行\n\n本报讯（记者 董芳）2月5日，活动在新荣区举行。  \n")
    r = subprocess.run(cleaner_cmd(*args, name), capture_output=True)
    assert r.returncode in (0, 1) and b"internal error" not in r.stderr, r.stderr
    out = r.stdout.decode("utf-8")  # valid UTF-8
    paths = {x["source"]["path"] for line in out.splitlines() for x in json.loads(line).get("records", [json.loads(line)])} \
        if args[-1] in ("jsonl", "2", "dedup") else {x["path"] for x in (json.loads(out) if args[0] == "check" else [json.loads(out)])}
    assert paths == {str(tmp_path) + "/p\\xff.txt"}


def test_json_path_escapes_what_is_not_utf8():
    from cleaner.model import json_path

    assert json_path(None) is None and json_path("页面/a.txt") == "页面/a.txt"
    assert json_path(os.fsdecode(b"p\xff.txt")) == "p\\xff.txt"
    assert json_path("p\ud800.txt") == "p\\ud800.txt"  # (a lone surrogate no file name gave)
