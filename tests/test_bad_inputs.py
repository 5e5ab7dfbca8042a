"""Every row of the README's "Bad input and robustness" table, as a test of the CLI a user runs.

The README names the test of each row; ``test_every_readme_row_names_a_test_here`` keeps the two
in step.
"""
from __future__ import annotations

import codecs
import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleaner
from cleaner.cli import cli

ROOT = Path(__file__).resolve().parent.parent

PAGE = (
    "社区食堂开进老旧小区\n"
    "　　本报讯（记者 林晓 通讯员 周安）近日，城东街道首家社区\n"
    "食堂在柳巷小区开业，每天供应午餐和晚餐。\n"
    "　　“以前做一顿饭要忙活一上午，现在下楼就能吃上热乎饭。”\n"
    "家住三号楼的赵大爷说。\n"
    "本报记者 林晓\n"
)
CLEAN = (
    "社区食堂开进老旧小区\n\n"
    "本报讯（记者 林晓 通讯员 周安）近日，城东街道首家社区食堂在柳巷小区开业，每天供应午餐和晚餐。\n\n"
    "“以前做一顿饭要忙活一上午，现在下楼就能吃上热乎饭。”家住三号楼的赵大爷说。\n\n"
    "本报记者 林晓\n"
)
# Traditional characters, as a Taiwan or Hong Kong page in Big5 would have them.
TRAD = (
    "颱風逼近 全市停班停課\n\n"
    "本報訊（記者 陳怡君）氣象局今日上午發布海上颱風警報，預計颱風中心明日凌晨登陸。"
    "市政府宣布全市停止上班上課，請民眾做好防颱準備，避免前往山區及海邊。\n"
)


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, ["clean", *args], input=input)


def write(tmp_path: Path, data: bytes, name: str = "page.txt") -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


def assert_refused(r, *needles: str) -> None:
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cleaner: "), r.stderr
    assert "Traceback" not in r.stderr
    for n in needles:
        assert n in r.stderr


# --- shapes --------------------------------------------------------------------------------------

def test_empty_file(tmp_path):
    r = run(write(tmp_path, b""))
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    r = run("-f", "jsonl", write(tmp_path, b""))
    assert (r.exit_code, r.stdout) == (0, "")


def test_whitespace_only(tmp_path):
    r = run(write(tmp_path, " \t\n\n\u3000\u3000\n  \r\n\n".encode()))
    assert (r.exit_code, r.stdout) == (0, "")
    page = cleaner.clean(" \t\n\n\u3000\u3000\n")
    assert page.text == "" and page.articles == []
    assert cleaner.replay(page.source_text, page.edits) == ""  # each removal is logged


def test_no_final_newline(tmp_path):
    r = run(write(tmp_path, CLEAN.rstrip("\n").encode()))
    assert r.exit_code == 0
    assert r.stdout == CLEAN


def test_cr_only_newlines(tmp_path):
    r = run(write(tmp_path, PAGE.replace("\n", "\r").encode()))
    assert r.stdout == CLEAN
    r = run("-f", "jsonl", write(tmp_path, PAGE.replace("\n", "\r").encode()))
    rec = json.loads(r.stdout.splitlines()[0])
    assert rec["source"]["lines"] == [1, 6]  # a CR ends a line like LF does: line numbers hold


def test_crlf_newlines(tmp_path):
    r = run(write(tmp_path, PAGE.replace("\n", "\r\n").encode()))
    assert r.stdout == CLEAN


def test_form_feed_survives(tmp_path):
    two_pages = CLEAN + "\f\n" + "第二版要闻\n\n市政府召开常务会议，研究部署春耕生产工作。\n"
    r = run(write(tmp_path, two_pages.encode()))
    assert r.exit_code == 0
    assert r.stdout.count("\f") == 1
    before, after = r.stdout.split("\f")
    assert "社区食堂开进老旧小区" in before and "第二版要闻" in after
    assert cleaner.clean(r.stdout).text == r.stdout  # idempotent with the separator in it
    bare = run(write(tmp_path, b"\f\f\n\f"))  # nothing but separators: kept, no crash
    assert bare.exit_code == 0 and bare.stdout.count("\f") == 3


# --- encodings -----------------------------------------------------------------------------------

@pytest.mark.parametrize("bom,codec", [
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
])
def test_byte_order_marks(tmp_path, bom, codec):
    r = run(write(tmp_path, bom + PAGE.replace("\n", "\r\n").encode(codec)))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == CLEAN  # UTF-8 out, BOM dropped, newlines LF
    assert not r.stdout.startswith("\ufeff")


@pytest.mark.parametrize("text,codec,expected", [
    (PAGE, "gb18030", "gb18030"),
    (PAGE, "gbk", "gb18030"),  # GBK is a subset: decoded with the superset
    (PAGE, "gb2312", "gb18030"),
    (TRAD, "big5", "big5"),
    (TRAD, "gb18030", "gb18030"),  # traditional characters in a mainland encoding
    ("标题\r\n正文", "gb18030", "gb18030"),  # short: an open guess would say UTF-16 or Korean
])
def test_detected_encodings(tmp_path, text, codec, expected):
    data = text.encode(codec)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    from cleaner.source import decode

    d = decode(data)
    assert d.encoding == expected
    assert d.text == text.replace("\r\n", "\n")
    r = run(write(tmp_path, data))
    assert r.exit_code == 0
    assert r.stdout == cleaner.clean(text).text  # output is UTF-8 (CliRunner decodes it as such)


def test_forced_encoding(tmp_path):
    data = TRAD.encode("big5")
    r = run("--encoding", "big5", write(tmp_path, data))
    assert r.stdout == cleaner.clean(TRAD).text
    r = run("--encoding", "gb18030", write(tmp_path, PAGE.encode("utf-8") + "乙".encode("gb18030")))
    assert r.exit_code in (0, 2)  # whatever the bytes say under the forced codec, never a traceback
    assert "Traceback" not in r.stderr
    assert_refused(run("--encoding", "klingon", write(tmp_path, b"x")), "unknown encoding 'klingon'")
    bom = run("--encoding", "gb18030", write(tmp_path, codecs.BOM_UTF8 + PAGE.encode()))
    assert bom.stdout == CLEAN  # a BOM is surer than a guess: it wins over --encoding


def test_undecodable_is_an_error_with_offset_and_line(tmp_path):
    data = "第一行\r\n第二行".encode() + b"\xff\xfe" + "尾".encode()
    path = write(tmp_path, data)
    r = run(path)
    offset = len("第一行\r\n第二行".encode())
    assert_refused(r, f"{path}:2: cannot decode as utf-8", f"bytes b'\\xff' at byte offset {offset}", "--errors replace")


def test_undecodable_under_a_forced_encoding(tmp_path):
    data = TRAD.encode("big5")[:40] + b"\xff\xff" + TRAD.encode("big5")[40:]
    path = write(tmp_path, data)
    assert_refused(run("--encoding", "big5", path), "cannot decode as big5", "byte offset 40")


def test_errors_replace_reports_each_run(tmp_path):
    data = "标题\n\n正文".encode() + b"\xff\xfe" + "好。\r\n第二".encode() + b"\x80" + "行。\n".encode()
    path = write(tmp_path, data)
    r = run("--errors", "replace", "-f", "jsonl", path)
    assert r.exit_code == 0, r.stderr
    rec = json.loads(r.stdout)
    assert "正文\ufffd\ufffd好。" in rec["text"]  # one U+FFFD per undecodable sequence
    un10 = [d for d in rec["diagnostics"] if d["code"] == "UN10"]
    assert [(d["line"], d["col"]) for d in un10] == [(3, 3), (4, 3)]  # one per run, at its place
    first = len("标题\n\n正文".encode())
    second = first + 2 + len("好。\r\n第二".encode())
    assert f"bytes b'\\xff\\xfe' at byte offset {first} " in un10[0]["message"]
    assert f"bytes b'\\x80' at byte offset {second} " in un10[1]["message"]
    assert "2 runs of undecodable bytes replaced by U+FFFD (UN10; first: line 3)" in r.stderr
    again = run(write(tmp_path, r.stdout.encode(), "out.jsonl"))  # the output is valid UTF-8
    assert again.exit_code == 0


def damaged_dump(chars: int, seed: int = 0) -> bytes:
    """GB18030 articles of random common characters (no two alike), ``chars`` or more, two blank
    lines between them, one bad byte or a run of three in every third paragraph."""
    rng = random.Random(seed)
    han = [bytes([hi, lo]).decode("gb18030") for hi in range(0xB0, 0xD7) for lo in range(0xA1, 0xFF)]
    out, n = [], 0
    while n < chars:
        paragraphs = ["".join(rng.choices(han, k=rng.randint(30, 80))) + "。" for _ in range(3)]
        text = "".join(rng.choices(han, k=12)) + "\n\n" + "\n\n".join(paragraphs) + "\n\n\n"
        n += len(text)
        data = text.encode("gb18030")
        if len(out) % 3 == 0:
            cut = data.index("。".encode("gb18030")) - 20  # (a character boundary: all are two bytes)
            data = data[:cut] + rng.choice([b"\xff", b"\x80\x80\x80"]) + data[cut:]
        out.append(data)
    return b"".join(out)


def test_errors_replace_streams_a_damaged_dump_of_any_size(tmp_path, monkeypatch):
    # --errors replace read a file whole, so a damaged dump over 128 MiB was refused; it streams
    # now, in chunks, and each run is reported as it was: counted on stderr with its first line,
    # and as a UN10 diagnostic on the record holding it, at its line and column
    import cleaner.io
    from cleaner.source import LineIndex, decode
    from cleaner.stream import CHUNK_MIN

    data = damaged_dump(CHUNK_MIN + 40000)
    path = write(tmp_path, data)
    whole = decode(data, errors="replace")
    assert whole.encoding == "gb18030" and len(whole.replaced) > 100
    index = LineIndex(whole.text)
    expected = sorted((*index.locate(r.start), f"undecodable bytes {r.raw!r} at byte offset {r.byte_offset} replaced by U+FFFD")
                      for r in whole.replaced)
    summary = (f"cleaner: {path}: {len(expected)} runs of undecodable bytes replaced by U+FFFD "
               f"(UN10; first: line {expected[0][0]})\n").encode()
    # (in a process of its own: memory the test process takes shows in the 50 MB line's peak)
    runs = [subprocess.run([sys.executable, "-m", "cleaner", "clean", "--errors", "replace", "-j", jobs, *fmt, path],
                           capture_output=True, timeout=300) for jobs, fmt in (("1", ("-f", "jsonl")), ("2", ("-f", "jsonl")), ("1", ()))]
    assert [(r.returncode, r.stderr) for r in runs] == [(0, summary)] * 3
    assert runs[1].stdout == runs[0].stdout  # --jobs 2: the same bytes
    records = [json.loads(line) for line in runs[0].stdout.splitlines()]
    assert {"p1-r1", "p2-r1"} <= {x["id"] for x in records}  # cleaned in chunks
    assert sorted((d["line"], d["col"], d["message"]) for x in records for d in x["diagnostics"] if d["code"] == "UN10") == expected
    assert runs[2].stdout.decode().count("\ufffd") == whole.text.count("\ufffd")
    # over the whole-file limit: streamed, where -f json still reads it whole and refuses it
    monkeypatch.setattr(cleaner.io, "MAX_WHOLE", 1 << 16)  # (128 MiB)
    small = write(tmp_path, damaged_dump(40000), "small.txt")
    r = run("--errors", "replace", "-f", "jsonl", small)
    assert r.exit_code == 0 and "runs of undecodable bytes replaced by U+FFFD" in r.stderr and "UN10" in r.stdout
    assert "larger than 0 MiB" in run("--errors", "replace", "-f", "json", small).stderr


def test_damaged_utf8_is_not_redetected(tmp_path):
    data = bytearray(PAGE.encode())
    data[40] = 0xFF  # one bad byte in a page of good UTF-8
    r = run(write(tmp_path, bytes(data)))
    assert_refused(r, "cannot decode as utf-8", "byte offset 40")


def test_damaged_gb18030_is_read_as_gb18030_and_the_damage_named(tmp_path):
    # the detector refuses a codec that fails anywhere; the page is still GB18030, with a bad byte
    page = PAGE.encode("gb18030")
    cut = page.index("赵大爷".encode("gb18030"))
    data = page[:cut] + b"\xff" + page[cut:]
    line = page[:cut].count(b"\n") + 1
    assert_refused(run(path := write(tmp_path, data)), f"{path}:{line}: cannot decode as gb18030", f"byte offset {cut}")
    # ... and with --errors replace the text is the page's, one U+FFFD where the byte was
    r = run("--errors", "replace", path)
    assert r.exit_code == 0 and "\ufffd赵大爷" in r.stdout and "社区食堂开进老旧小区" in r.stdout


def test_binary_refused(tmp_path):
    assert_refused(run(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), "binary input", "byte offset 8")
    # even when an encoding that reads any byte is forced
    assert_refused(run("--encoding", "latin-1", write(tmp_path, b"abc\ndef\x00")), "binary input", "byte offset 7")


def test_utf16_without_bom_is_refused(tmp_path):
    assert_refused(run(write(tmp_path, "Hello 你好".encode("utf-16-le"))), "binary input")
    r = run("--encoding", "utf-16-le", write(tmp_path, "Hello 你好\n".encode("utf-16-le")))
    assert r.stdout == "Hello 你好\n"


@pytest.mark.parametrize("cmd", [["clean"], ["check"], ["clean", "-f", "json"]])
def test_nul_characters_in_utf16_are_binary_for_every_command(cmd):
    # NUL bytes are UTF-16 text, NUL characters are not: `clean` streamed them as empty text
    # (exit 0, nothing out) and grew without bound on an endless stream, while `check` refused them
    data = "本报讯\n第二行".encode("utf-16-le") + bytes(4000)
    r = CliRunner().invoke(cli, [*cmd, "--encoding", "utf-16-le", "-"], input=data)
    assert r.exit_code == 2 and r.stdout == "", r.output
    assert ":2: binary input (NUL character as utf-16-le); not a text file" in r.stderr
    # an endless stream ends at its first megabyte
    p = subprocess.run([sys.executable, "-m", "cleaner", *cmd, "--encoding", "utf-16-le", "-"],
                       stdin=open("/dev/zero", "rb"), capture_output=True, timeout=60)
    assert p.returncode == 2 and b"binary input (NUL character as utf-16-le)" in p.stderr


@pytest.mark.parametrize("args,error", [
    (["clean", "--skip-bad"], "--skip-bad is for JSONL input: it needs --input-format jsonl"),
    (["clean", "--input-format", "text", "--text-field", "body"], "--text-field is for JSONL input: it needs --input-format jsonl"),
    (["clean", "--convert", ""], "Invalid value for '--convert': no OpenCC config given (t2s, s2t, tw2sp, hk2s, …)"),
    (["dedup", "--scheduler", "tcp://127.0.0.1:1"], "--scheduler is a Dask scheduler's address: it needs --engine dask"),
    (["dedup", "--engine", "dask", "--scheduler", ""], "Invalid value for '--scheduler': no address given"),
])
def test_options_that_would_do_nothing_are_usage_errors(tmp_path, args, error):
    # each was accepted without a word (exit 0) and did nothing: the input came out as if it was not given
    r = CliRunner().invoke(cli, [*args, write(tmp_path, PAGE.encode())])
    assert (r.exit_code, r.stdout) == (2, "") and f"Error: {error}\n" in r.stderr, r.output


@pytest.mark.parametrize("name,codec", [("utf-16", "utf-16-le"), ("UTF16", "utf-16-le"), ("utf-32", "utf-32-le")])
def test_encoding_without_a_byte_order_reads_little_endian_on_every_path(tmp_path, name, codec):
    # the streaming decoder refused such a stream with a traceback; the whole-file one followed the machine
    path = write(tmp_path, "本报讯（记者 王五）春耕。\n".encode(codec))
    assert run("--encoding", name, path).stdout == "本报讯（记者 王五）春耕。\n"
    assert json.loads(run("--encoding", name, "-f", "json", path).stdout)["meta"]["encoding"] == codec
    r = run("--encoding", "undefined", path)
    assert r.exit_code == 2 and "'undefined' is not a text encoding" in r.stderr


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_jsonl_input_with_a_one_object_format_is_a_usage_error(tmp_path, fmt):
    # it wrote JSON lines whatever -f said
    path = write(tmp_path, '{"text": "本报讯,测试。"}\n'.encode(), "in.jsonl")
    r = run("--input-format", "jsonl", "-f", fmt, path)
    assert r.exit_code == 2 and f"--input-format jsonl writes -f jsonl or -f text, not -f {fmt}" in r.stderr
    assert r.stdout == ""


def test_gb18030_after_more_than_a_megabyte_of_ascii(tmp_path):
    # the detector read only the ASCII head: Big5 (mojibake, exit 0), or a UTF-8 error when streamed
    head = ("Page 1 | Table of figures 12345 67890 " * 30 + "\n") * 1100
    body = "本报讯（记者 王五）春耕时节，田间地头一派繁忙景象。\n" * 40
    path = write(tmp_path, head.encode() + body.encode("gb18030"))
    assert run(path).stdout.endswith("一派繁忙景象。\n")
    data = json.loads(run("-f", "json", path).stdout)
    assert data["meta"]["encoding"] == "gb18030" and data["records"][-1]["paragraphs"][0].startswith("本报讯")


def test_endless_binary_stream_stops_early():
    # `cleaner clean < /dev/zero` must not read forever: the first megabyte settles it.
    p = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-"], stdin=open("/dev/zero", "rb"),
                       capture_output=True, timeout=60)
    assert p.returncode == 2
    assert b"NUL byte at byte offset 0" in p.stderr


@pytest.mark.parametrize("cmd", [["check", "-"], ["fix", "-"], ["explain", "-"], ["check", "--diff", "-"]])
def test_whole_file_commands_refuse_a_binary_stdin_at_its_first_megabyte(cmd):
    # they read the whole input, but binary is refused as it arrives: an endless stream (probe Y:
    # ``fix - < /dev/zero`` grew to 24 GB) ends at once; here the stream stops at 200 MB anyway
    import threading

    p = subprocess.Popen([sys.executable, "-m", "cleaner", *cmd], stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sent = [0]

    def feed() -> None:
        block = bytes(1 << 20)
        try:
            while sent[0] < 200 << 20:
                p.stdin.write(block)
                sent[0] += len(block)
            p.stdin.close()
        except (BrokenPipeError, OSError):
            pass

    writer = threading.Thread(target=feed)
    writer.start()
    err = p.stderr.read()
    p.wait(timeout=120)
    writer.join(timeout=120)
    assert p.returncode == 2 and b"binary input (NUL byte at byte offset 0)" in err
    assert sent[0] < 50 << 20  # (the run ended long before the stream did)


@pytest.mark.parametrize("cmd", [["clean", "--report-duplicates"], ["clean", "-f", "json"]])
def test_commands_that_read_a_whole_file_refuse_one_over_the_limit(tmp_path, monkeypatch, cmd):
    # endless text on stdin (`yes | cleaner check -`) ended in "internal error: MemoryError"
    import cleaner.io

    monkeypatch.setattr(cleaner.io, "MAX_WHOLE", 1 << 20)  # (128 MiB)
    big = ("本报讯（记者 王五）春耕生产有序推进。\n" * 60000).encode()  # 3.4 MB
    message = "larger than 1 MiB, the most cleaned as one piece (plain `cleaner clean` streams text of any size)\n"
    r = CliRunner().invoke(cli, [*cmd, "-"], input=big)
    assert (r.exit_code, r.stdout, r.stderr) == (2, "", "cleaner: <stdin>: " + message)
    path = write(tmp_path, big)
    r = CliRunner().invoke(cli, [*cmd, path])
    assert (r.exit_code, r.stdout, r.stderr) == (2, "", f"cleaner: {path}: " + message)
    assert Path(path).read_bytes() == big
    for streamed in (["clean", "-"], ["clean", "--errors", "replace", "-"]):  # no limit
        assert CliRunner().invoke(cli, streamed, input=big).exit_code == 0


def test_check_diff_refuses_a_file_over_the_limit(tmp_path, monkeypatch):
    """``--diff`` holds a file whole; ``check`` and ``fix`` go through it a piece at a time."""
    import cleaner.io

    monkeypatch.setattr(cleaner.io, "MAX_WHOLE", 1 << 20)
    big = ("本报讯（记者 王五）春耕生产有序推进。\n" * 60000).encode()
    path = write(tmp_path, big)
    r = CliRunner().invoke(cli, ["check", "--diff", path])
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith(f"cleaner: {path}: larger than 1 MiB: --diff holds a file whole")
    assert Path(path).read_bytes() == big


def test_stdin_is_one_name_and_control_characters_in_names_are_escaped(tmp_path):
    # check, fix and explain named stdin `-`, clean `<stdin>`; a newline in a file name broke the
    # one-line `path:line:col: CODE message` form
    r = CliRunner().invoke(cli, ["check", "-"], input=PAGE)
    assert r.exit_code == 1 and r.stdout and all(x.startswith("<stdin>:") for x in r.stdout.splitlines())
    for cmd in ("check", "fix", "explain"):
        r = CliRunner().invoke(cli, [cmd, "-"], input="no Chinese here\n")
        assert "cleaner: <stdin>: no Chinese text: left as it is\n" in r.stderr
    page = tmp_path / "a\nb\x1b[31m.txt"
    page.write_text(PAGE, encoding="utf-8")
    name = f"{tmp_path}/a\\nb\\x1b[31m.txt"
    r = CliRunner().invoke(cli, ["check", str(page)])
    assert r.exit_code == 1 and r.stdout and all(x.startswith(name + ":") for x in r.stdout.splitlines())
    found = json.loads(CliRunner().invoke(cli, ["check", "--output-format", "json", str(page)]).stdout)
    assert {f["path"] for f in found} == {str(page)}  # JSON keeps the name, escaped its own way
    r = CliRunner().invoke(cli, ["fix", str(page)])
    assert r.exit_code == 0 and r.stderr.startswith(f"fixed 5 findings in {name} (")
    assert r.stderr.count("\n") == 2  # that line and the summary
    assert_refused(run(str(tmp_path / "no\nsuch.txt")), f"cleaner: {tmp_path}/no\\nsuch.txt: no such file")


def test_missing_file_and_directory(tmp_path):
    assert_refused(run(str(tmp_path / "nope.txt")), "no such file")
    assert_refused(run(str(tmp_path)), "is a directory")
    assert_refused(run("--input-format", "jsonl", str(tmp_path / "nope.jsonl")), "no such file")


def test_50mb_single_line(tmp_path):
    """One 50 MB line (no newline at all) finishes, and peak memory stays a small multiple of it."""
    # varied sentences: a page that repeats one sentence is a dedup case, not this one
    parts, size = [], 0
    i = 0
    while size < 50_000_000:
        s = f"今年第{i}号片区计划新建高标准农田{i % 97 + 2}万亩，农技人员已深入田间指导农户科学施肥{i % 13 + 1}次。"
        parts.append(s)
        size += len(s.encode())
        i += 1
    line = "".join(parts)
    path = write(tmp_path, line.encode(), "line.txt")
    size = Path(path).stat().st_size
    out = tmp_path / "out.txt"
    # the peak is VmHWM where there is one: ru_maxrss of a child started by vfork counts the peak
    # of its parent too (this test process's, whatever the tests before it held)
    code = (
        "import resource, sys\n"
        "from cleaner.cli import main\n"
        "sys.argv = ['cleaner', 'clean', '-o', sys.argv[1], sys.argv[2]]\n"
        "def peak():\n"
        "    try:\n        return open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
        "    except (OSError, IndexError):\n        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n    main()\n"
        "except SystemExit as e:\n"
        "    print(e.code, peak())\n"
    )
    p = subprocess.run([sys.executable, "-c", code, str(out), path], capture_output=True, text=True, timeout=600)
    status, peak_kb = p.stdout.split()
    assert status == "0", p.stderr
    assert out.read_text(encoding="utf-8") == line + "\n"
    assert int(peak_kb) * 1024 < 6 * size, f"peak RSS {peak_kb} kB for a {size} byte line"


# --- JSONL input ---------------------------------------------------------------------------------

def jsonl(*records: object) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records).encode()


def test_jsonl_input(tmp_path):
    path = write(tmp_path, jsonl(
        {"id": "a1", "date": "2024-03-02", "body": PAGE},
        "",  # a blank line carries nothing and is passed over
        {"id": "a2", "body": "第二篇标题\r\n\r\n正文一段。", "tags": ["农业"]},
    ), "in.jsonl")
    r = run("--input-format", "jsonl", "--text-field", "body", "-f", "jsonl", path)
    assert r.exit_code == 0, r.stderr
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a1", "a2"]
    assert out[0]["date"] == "2024-03-02" and out[1]["tags"] == ["农业"]  # other fields kept
    assert out[0]["body"] == CLEAN
    assert out[0]["records"][0]["title"] == "社区食堂开进老旧小区"
    assert out[0]["records"][0]["authors"] == ["林晓", "周安"]
    assert out[1]["records"][0]["paragraphs"] == ["正文一段。"]
    text = run("--input-format", "jsonl", "--text-field", "body", path)
    assert text.stdout == CLEAN + "\n\n" + "第二篇标题\n\n正文一段。\n"


@pytest.mark.parametrize("bad,why", [
    ('{"id": 2, "text": "未闭合', "malformed JSONL line: Unterminated string"),
    ('[1, 2]', "a JSON list, not an object"),
    ('{"id": 2}', "no string field 'text'"),
    ('{"id": 2, "text": 5}', "no string field 'text'"),
    ('{"text": "x", "records": []}', "'records' is where cleaner puts its output"),
    ('{"text": "\\ud800"}', "lone surrogate"),
])
def test_jsonl_malformed_line(tmp_path, bad, why):
    path = write(tmp_path, jsonl({"text": PAGE}, {"text": "好"}, bad, {"text": "后"}), "in.jsonl")
    r = run("--input-format", "jsonl", "-o", str(tmp_path / "out.txt"), path)
    assert_refused(r, f"{path}:3: ", why)
    assert not (tmp_path / "out.txt").exists()


def test_jsonl_undecodable_line(tmp_path):
    path = write(tmp_path, jsonl({"text": "好"}) + b'{"text": "\xff"}\n', "in.jsonl")
    r = run("--input-format", "jsonl", "-o", str(tmp_path / "out.txt"), path)
    assert_refused(r, f"{path}:2: ", "do not decode as utf-8")


def test_jsonl_skip_bad(tmp_path):
    path = write(tmp_path, jsonl({"text": "甲。"}, "not json", {"text": "乙。"}, {"txt": "丙"}, {"text": "丁。"}), "in.jsonl")
    r = run("--input-format", "jsonl", "--skip-bad", "-f", "jsonl", path)
    assert r.exit_code == 0
    assert [json.loads(x)["text"] for x in r.stdout.splitlines()] == ["甲。\n", "乙。\n", "丁。\n"]
    assert r.stderr == f"cleaner: {path}: skipped 2 malformed JSONL lines (first: line 2)\n"


def test_jsonl_binary_input_and_an_overlong_line_are_refused_as_they_arrive(monkeypatch):
    # a JSONL line was read whole, with no bound: `< /dev/zero`, or a stream with no newline, grew
    # without limit. A NUL byte is binary (no JSON holds one), even with --skip-bad
    good = jsonl({"text": "甲。"})
    for extra in ((), ("--skip-bad",)):
        r = run("--input-format", "jsonl", *extra, input=good + b'{"text": "a\x00"}\n')
        assert (r.exit_code, r.stdout) == (2, "甲。\n")  # (the lines before it are cleaned)
        assert r.stderr == f"cleaner: <stdin>:2: binary input (NUL byte at byte offset {len(good) + 11}); not a text file\n"
    p = subprocess.run([sys.executable, "-m", "cleaner", "clean", "--input-format", "jsonl", "--jobs", "2"],
                       stdin=open("/dev/zero", "rb"), capture_output=True, timeout=60)
    assert p.returncode == 2 and p.stderr == b"cleaner: <stdin>:1: binary input (NUL byte at byte offset 0); not a text file\n"
    import cleaner.io

    monkeypatch.setattr(cleaner.io, "MAX_WHOLE", 1 << 20)  # (128 MiB)
    r = run("--input-format", "jsonl", input=good + b'{"text": "' + "好".encode() * (1 << 20))
    assert r.exit_code == 2 and r.stderr == "cleaner: <stdin>:2: JSONL line longer than 1 MiB, the most cleaned as one piece\n"


def test_jsonl_from_stdin_is_streamed():
    r = run("--input-format", "jsonl", "-f", "jsonl", input=jsonl({"text": "标题\n\n正文。"}, {"text": "二。"}))
    assert [json.loads(x)["text"] for x in r.stdout.splitlines()] == ["标题\n\n正文。\n", "二。\n"]


# --- the README table ----------------------------------------------------------------------------

def test_every_readme_row_names_a_test_here():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Bad input and robustness", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|") and not line.startswith("|---")][1:]
    assert len(rows) >= 15
    here = set(globals())
    tests = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests").glob("test_*.py")))
    for row in rows:
        names = re.findall(r"`(test_\w+)`", row)
        assert names, f"README row names no test: {row}"
        for name in names:
            assert name in here or f"def {name}(" in tests, f"README names {name}, which does not exist"
