"""Streaming: chunks cut at safe boundaries, incremental decoding, output before input ends."""
from __future__ import annotations

import codecs
import io
import itertools
import json
import os
import random
import select
import subprocess
import sys
import time

import pytest

from cleaner.errors import CleanerError
from cleaner.source import decode
from cleaner.stream import iter_chunks, iter_text, record_id

ARTICLE = (
    "春灌提前一周 保障小麦返青\n\n"
    "本报讯（记者 贺志远 通讯员 郭晓岚）3月2日，运城市盐湖区在夹马口灌区启动春灌首轮放水，比往年提前约一周。\n\n"
    "据了解，本轮春灌预计持续25天左右，计划供水1800万立方米。\n"
)
WRAPPED = "山区小学用上“云课堂”\n　　本报讯（记者 冉晓峰）3月11日上午，在和顺\n县一所山区小学的教室里，学生们通过\n“专递课堂”同上一节美术课。\n"


def page(n: int) -> str:
    return f"晋北日报 第{n}版\n\n" + ARTICLE.replace("3月2日", f"3月{n}日")


def split_randomly(rng: random.Random, text, parts: int):
    cuts = sorted(rng.sample(range(len(text) + 1), k=min(parts, len(text) + 1)))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


def test_pages_are_cut_at_form_feeds_with_global_line_offsets():
    text = page(1) + "\f" + page(2) + "\f" + WRAPPED
    chunks = list(iter_chunks([text]))
    assert [c for _, c in chunks] == [page(1), "\f" + page(2), "\f" + WRAPPED]
    for offset, chunk in chunks:
        assert offset == text[: text.index(chunk)].count("\n")


def test_without_page_breaks_blank_line_runs_cut_only_after_the_minimum():
    body = "".join(page(n) + "\n\n" for n in range(1, 30))  # two blank lines between pages
    small = list(iter_chunks([body]))  # far below CHUNK_MIN: one chunk
    assert [c for _, c in small] == [body]
    chunks = [c for _, c in iter_chunks([body], min_chars=300, max_chars=10**6)]
    assert "".join(chunks) == body
    assert len(chunks) > 3
    for c in chunks[:-1]:
        assert len(c) >= 300 and c.endswith("\n\n\n")
        assert not c[len(c.rstrip("\n")) :].startswith("\n\n\n\n")  # the whole run stays together


def test_single_blank_lines_and_indents_cut_only_after_the_maximum():
    body = "".join(ARTICLE for _ in range(20))  # single blank lines only
    assert len(list(iter_chunks([body], min_chars=100, max_chars=10**6))) == 1
    chunks = [c for _, c in iter_chunks([body], min_chars=100, max_chars=400)]
    assert len(chunks) > 2 and all(len(c) >= 400 for c in chunks[:-1])
    wrapped = WRAPPED * 40  # hard-wrapped, no blank line at all: cut before an indented line
    parts = [c for _, c in iter_chunks([wrapped], min_chars=100, max_chars=400)]
    assert "".join(parts) == wrapped and len(parts) > 2
    assert all(p.startswith("\u3000") for p in parts[1:])


def test_a_single_huge_line_stays_one_chunk():
    line = "长" * 5000 + "\n"
    assert [c for _, c in iter_chunks([line[i : i + 100] for i in range(0, len(line), 100)], min_chars=10, max_chars=20)] == [line]


def test_chunks_do_not_depend_on_how_the_text_arrives():
    rng = random.Random(7)
    vocab = [ARTICLE, WRAPPED, "\n", "\n\n", "\f", "\n\f", "　　正文续行，", "短句。"]
    for _ in range(200):
        text = "".join(rng.choice(vocab) for _ in range(rng.randint(1, 40)))
        ref = list(iter_chunks([text], min_chars=60, max_chars=240))
        assert "".join(c for _, c in ref) == text
        for _ in range(4):
            assert list(iter_chunks(split_randomly(rng, text, rng.randint(1, 30)), min_chars=60, max_chars=240)) == ref


def test_empty_input_is_one_empty_chunk():
    assert list(iter_chunks([])) == [(0, "")]
    assert list(iter_chunks(["", ""])) == [(0, "")]


class Trickle(io.RawIOBase):
    """A stream that returns at most ``size`` bytes per read, like a slow pipe."""

    def __init__(self, data: bytes, size: int) -> None:
        self.data, self.size, self.pos = data, size, 0

    def readable(self) -> bool:
        return True

    def read1(self, n: int = -1) -> bytes:
        out = self.data[self.pos : self.pos + min(n, self.size)]
        self.pos += len(out)
        return out


@pytest.mark.parametrize(
    "data",
    [
        (page(1) + "\f" + page(2)).replace("\n", "\r\n").encode("gb18030"),
        codecs.BOM_UTF8 + (page(3) + "\r" + WRAPPED).encode("utf-8"),
        (ARTICLE + WRAPPED).encode("utf-16"),
    ],
    ids=["gb18030-crlf", "utf8-bom-cr", "utf16"],
)
def test_incremental_decoding_matches_whole_decoding(data):
    whole = decode(data).text
    for size in (1, 2, 3, 7, 64, 1 << 20):
        info: dict = {}
        pieces = list(iter_text(Trickle(data, size), info=info))
        assert "".join(pieces) == whole
        assert info["encoding"] == decode(data).encoding


def _damaged(text: str, encoding: str, bom: bytes = b"") -> bytes:
    """``text`` encoded after ``bom``, each ``|`` made the next of a few kinds of damage, in turn."""
    damage = {
        "gb18030": [b"\xff", b"\x80\x80\x80", b"\xd6", b"\xd6"],
        "utf-8": [b"\xff", b"\xe4\xb8", b"\x80\xff", b"\xc3"],
        "utf-16-le": [b"\x00\xd8", b"\x00\xdc\x00\xdc", b"\x00\xd8"],
    }[encoding]
    parts = text.split("|")
    return bom + b"".join(p.encode(encoding) + bad for p, bad in zip(parts[:-1], itertools.cycle(damage))) \
        + parts[-1].encode(encoding)


@pytest.mark.parametrize(
    "data",
    [
        # a bad byte, a run of three, half a character at a line end and at the end of the input
        _damaged((page(1) + "\f" + page(2) + "\f" + WRAPPED).replace("\n", "\r\n").replace("启动", "启|动", 1)
                 .replace("提前", "提|前", 1).replace("返青\r\n", "返青|\r\n", 1).replace("25天", "25\ufffd天", 1)
                 + page(3) + "|", "gb18030"),
        # damage just after the BOM, adjacent runs, a U+FFFD that is text
        _damaged("|" + page(1).replace("盐湖区", "盐|湖区").replace("小麦", "小麦\ufffd|", 1).replace("1800", "1|800"),
                 "utf-8", codecs.BOM_UTF8),
        _damaged(ARTICLE.replace("春灌", "|春灌", 1).replace("1800", "18|00") + "\ufffd|", "utf-16-le", codecs.BOM_UTF16_LE),
    ],
    ids=["gb18030-crlf", "utf8-bom", "utf16"],
)
def test_replaced_runs_are_the_ones_whole_decoding_lists(data):
    # --errors replace streams: each run of undecodable bytes is noted as it is decoded, with the
    # offsets, bytes and characters decode() gives the whole file (a U+FFFD in the text is no run)
    whole = decode(data, errors="replace")
    assert len(whole.replaced) >= 3 and whole.text.count("\ufffd") > sum(r.end - r.start for r in whole.replaced)
    for size in (1, 2, 3, 7, 64, 1 << 20):
        runs: list = []
        text = "".join(iter_text(Trickle(data, size), errors="replace", replaced=runs))
        assert text == whole.text
        assert runs == list(whole.replaced), size


def test_binary_and_undecodable_input_name_the_byte_offset():
    with pytest.raises(CleanerError, match="NUL byte at byte offset 70"):
        list(iter_text(Trickle(b"a" * 70 + b"\x00", 16), read_size=16))
    good = "第一行\n第二行\n".encode() * 10
    with pytest.raises(CleanerError) as err:
        list(iter_text(Trickle(good + b"\xff\xfe", 8), read_size=8))
    assert f"byte offset {len(good)}" in str(err.value)
    assert err.value.line == 21


def test_record_ids_are_unique_across_pages_and_lines_are_global(tmp_path):
    text = page(1) + "\f" + page(2) + "\f" + page(3)
    p = tmp_path / "three.txt"
    p.write_text(text, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-f", "jsonl", str(p)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    recs = [json.loads(x) for x in out.stdout.splitlines()]
    ids = [r["id"] for r in recs]
    assert len(set(ids)) == len(ids)
    assert record_id(3, 1) in ids
    lines = text.split("\n")
    for r in recs:
        first, last = r["source"]["lines"]
        assert r["paragraphs"][-1] in lines[last - 1]
        assert r["paragraphs"][0][:10] in "\n".join(lines[first - 1 : last])


def test_first_page_is_written_before_stdin_closes():
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "clean"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write((page(1) + "\f").encode())  # the form feed opens page 2: page 1 is complete
        proc.stdin.flush()
        got = b""
        deadline = time.monotonic() + 30
        while "夹马口".encode() not in got:
            ready, _, _ = select.select([proc.stdout], [], [], max(deadline - time.monotonic(), 0))
            assert ready, f"no output before stdin closed; got {got!r}"
            data = os.read(proc.stdout.fileno(), 65536)
            assert data, "output ended early"
            got += data
        assert proc.poll() is None  # still reading: the rest of the input has not come yet
        proc.stdin.write(page(2).encode())
        proc.stdin.close()
        rest = proc.stdout.read()
        assert proc.wait(30) == 0
    finally:
        proc.kill() if proc.poll() is None else None
    text = (got + rest).decode()
    assert text.count("夹马口") == 2
    assert text.index("3月1日") < text.index("3月2日")


def test_output_file_gets_the_same_bytes_as_stdout(tmp_path):
    p = tmp_path / "in.txt"
    p.write_text(page(1) + "\f" + page(2), encoding="utf-8")
    out = tmp_path / "out.txt"
    to_stdout = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(p)], capture_output=True)
    to_file = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-o", str(out), str(p)], capture_output=True)
    assert to_file.returncode == 0 and to_file.stdout == b""
    assert out.read_bytes() == to_stdout.stdout
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".cleaner-")]


def test_a_reader_that_leaves_early_ends_the_stream_quietly(tmp_path):
    p = tmp_path / "many.txt"
    p.write_text("\f".join(page(n) for n in range(1, 3000)), encoding="utf-8")
    for jobs in ("1", "2"):
        proc = subprocess.Popen(
            [sys.executable, "-m", "cleaner", "clean", "--jobs", jobs, str(p)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(100)
        proc.stdout.close()  # like `| head -c 100`
        code = proc.wait(120)
        err = proc.stderr.read()
        assert (code, err) == (0, b""), f"--jobs {jobs}"


def test_batched_span_mapping_matches_one_position_at_a_time():
    """The pipeline maps each chunk's spans back a step at a time (OffsetMap.back_all); with
    ascending positions and few edits it shifts whole runs at once. Both must equal back()."""
    from cleaner.edits import OffsetMap, apply
    from cleaner.model import Edit

    rng = random.Random(3)
    for _ in range(1500):
        text = "本报讯记者张三今天天气很好" * rng.randint(0, 3)
        edits, pos = [], 0
        while pos <= len(text) and rng.random() < 0.8:
            s = pos + rng.randint(0, 5)
            if s > len(text):
                break
            e = min(len(text), s + rng.choice([0, 0, 1, 2, 3]))
            after = rng.choice(["", "，", "。\n", "\n\n\n"]) or ("" if e > s else "·")
            edits.append(Edit("X", s, e, text[s:e], after))
            pos = e + (s == e)
        if not edits:
            continue
        m = OffsetMap(edits)
        size = len(apply(text, edits))
        positions = sorted(rng.randint(0, size) for _ in range(rng.randint(1, 80)))
        for end in (False, True):
            want = [m.back(p, end=end) for p in positions]
            assert m.back_all(positions, end=end, ordered=True) == want
            assert m.back_all(positions[::-1], end=end) == want[::-1]


@pytest.mark.parametrize("data", [
    "Hello world, 本报讯。".encode()[:-1],  # cut short at the end of the input
    b"abc\xe6\x9c\xffxyz\n",  # a sequence held back from one read fails in the next
    b"abc\n" * 3 + "本报讯".encode() + b"\xff\nx\n",
])
def test_a_decoding_error_names_the_same_bytes_and_offset_streamed_or_whole(data):
    from cleaner.errors import CleanerError
    from cleaner.source import decode

    with pytest.raises(CleanerError) as whole:
        decode(data)
    with pytest.raises(CleanerError) as streamed:
        list(iter_text(io.BytesIO(data), read_size=4, encoding="utf-8"))
    assert str(streamed.value) == str(whole.value)
    assert "bytes b''" not in str(streamed.value)


def test_streamed_records_carry_their_page_number_in_the_whole_input(tmp_path):
    # each page after the first is a chunk of its own, opening with its form feed: the segment
    # pass numbers pages from the chunk's start, so pages 3 and 4 came out as page 2
    pages = [f"第{n}版标题\n\n本报讯（记者 王五）第{n}版正文。\n" for n in "一二三四"]
    p = tmp_path / "four.txt"
    p.write_text("\f\n".join(pages), encoding="utf-8")
    for jobs in ("1", "2"):
        r = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-f", "jsonl", "--jobs", jobs, str(p)],
                           capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        got = [(x["id"], x["page"], x["title"]) for x in map(json.loads, r.stdout.splitlines())]
        assert got == [(f"p{n}-r1", n, f"第{c}版标题") for n, c in zip(range(1, 5), "一二三四")]
