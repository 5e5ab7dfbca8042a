"""`cleaner check`, `fix`, `explain`, `rules` and `[tool.cleaner]` as a user runs them.

Expected positions are computed from the invented input itself (where the stray character or the
trailing space is), so the tests hold whatever other passes come to exist; a small test pass
adds a finding without a fix and a duplicate removal, which the foundation's passes lack.
"""
from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
from pathlib import Path
import stat
import subprocess
import sys

import pytest
from click.testing import CliRunner

import cleaner
from cleaner import checker, registry, report
from cleaner.cli import cli
from cleaner.model import Rule
from cleaner.passes.base import Context, Pass

FINDING_RE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]{2}\d\d)(?P<fix> \[\*\])? \S.*$")

TITLE = "春风就业帮扶活动举行"
BODY = ("本报讯（记者 董芳 实习生 张璐通）2月4日，新荣区人社局联合开展春风就业帮扶专项活动，"
        "\u200b全力为求职人员搭建平台。")
# leading blank lines, trailing full-width and ASCII spaces, a zero-width space, four blank lines
# between blocks of one article, and no newline at the end
DIRTY = f"\n\n{TITLE}\u3000 \n\n{BODY}\n\n\n\n\n本报记者 李雪峰"
CLEAN = cleaner.clean(DIRTY).text


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column (in characters) of ``needle`` in ``text``."""
    i = text.index(needle)
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def findings(stdout: str) -> list[dict]:
    out = []
    for line in stdout.splitlines():
        m = FINDING_RE.match(line)
        assert m, f"not a finding line: {line!r}"
        out.append(m.groupdict())
    return out


@pytest.fixture
def page(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(DIRTY, encoding="utf-8")
    return p


# --- check --------------------------------------------------------------------------------


def test_check_reports_each_finding_at_its_original_line_and_character_column(page):
    r = run("check", page)
    assert r.exit_code == 1
    got = findings(r.stdout)
    assert all(f["path"] == str(page) and f["fix"] for f in got)
    pos = {(f["code"], int(f["line"]), int(f["col"])) for f in got}
    assert ("UN03", *where(DIRTY, "\u200b")) in pos  # col counts characters, not bytes
    assert ("WS01", *where(DIRTY, "\u3000 \n")) in pos
    assert ("SG01", 1, 1) in pos  # the leading blank lines
    zwsp = next(line for line in r.stdout.splitlines() if ": UN03 " in line)
    assert "⟨U+200B⟩" in zwsp  # the invisible character is named in the message
    sg = [line for line in r.stdout.splitlines() if ": SG01 " in line]
    assert any("4 blank lines → 1" in line for line in sg)
    assert any("no line break at the end of the file" in line for line in sg)
    # the summary is on stderr, never among the findings
    assert f"Found {len(got)} findings ({len(got)} fixable) in 1 file" in r.stderr
    assert "Found" not in r.stdout


def test_check_clean_file_exits_0_with_nothing_on_stdout(tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text(CLEAN, encoding="utf-8")
    r = run("check", p)
    assert (r.exit_code, r.stdout) == (0, "")
    assert "All checks passed" in r.stderr


def test_check_diff_is_what_fix_writes(page, tmp_path):
    r = run("check", "--diff", page)
    assert r.exit_code == 1
    assert r.stdout.startswith(f"--- {page}\n+++ {page}\n")
    assert f"-{TITLE}\u3000 \n" in r.stdout and f"+{TITLE}\n" in r.stdout
    assert "Would fix" in r.stderr and "Would fix" not in r.stdout
    if shutil.which("patch"):
        copy = tmp_path / "copy.txt"
        shutil.copy(page, copy)
        subprocess.run(["patch", "-s", str(copy)], input=r.stdout, text=True, check=True)
        assert run("fix", page).exit_code == 0
        assert copy.read_bytes() == page.read_bytes()
    assert run("check", "--diff", page).stdout == ""  # fixed: no diff, exit 0
    assert run("check", "--diff", page).exit_code == 0


def test_check_diff_of_a_crlf_file_applies_with_patch(tmp_path):
    page = tmp_path / "crlf.txt"
    page.write_bytes(DIRTY.replace("\n", "\r\n").encode("utf-8"))
    r = run("check", "--diff", page)
    diff = r.stdout_bytes.decode("utf-8")  # (click's ``stdout`` turns \r\n into \n)
    lines = diff.split("\n")[:-1]
    body = [x for x, nxt in zip(lines, lines[1:] + [""])
            if not x.startswith(("---", "+++", "@@", "\\")) and not nxt.startswith("\\ No newline")]
    assert body and all(x.endswith("\r") for x in body)  # the file's own line ends
    if shutil.which("patch"):
        copy = tmp_path / "copy.txt"
        shutil.copy(page, copy)
        subprocess.run(["patch", "-s", str(copy)], input=diff.encode(), check=True)
        assert run("fix", page).exit_code in (0, 1)
        assert copy.read_bytes() == page.read_bytes()


def test_check_diff_of_a_page_with_form_feeds_applies_with_patch(tmp_path):
    # a page break is a form feed on a line of its own; str.splitlines also cut lines there, so
    # the diff's line counts were not patch's ("malformed patch")
    page = tmp_path / "pages.txt"
    page.write_text("第一版正文，春耕时节。\n\f\n第二版正文,田间地头。\n", encoding="utf-8")
    r = run("check", "--diff", page)
    assert r.exit_code == 1
    assert " \f\n" in r.stdout and "\\ No newline" not in r.stdout
    assert "+第二版正文，田间地头。\n" in r.stdout
    copy = tmp_path / "copy.txt"
    shutil.copy(page, copy)
    if shutil.which("patch"):
        subprocess.run(["patch", "-s", str(copy)], input=r.stdout, text=True, check=True)
        assert run("fix", page).exit_code == 0
        assert copy.read_bytes() == page.read_bytes()


@pytest.mark.parametrize(
    "encoding,newline,prefix",
    [("gb18030", "\r\n", b""), ("utf-8", "\r\n", b"\xef\xbb\xbf"), ("utf-16-le", "\n", b"\xff\xfe"),
     ("utf-16-be", "\r\n", b"\xfe\xff")],
)
def test_check_diff_is_in_the_encoding_of_each_file(tmp_path, monkeypatch, encoding, newline, prefix):
    # the diff was UTF-8 whatever the file: patch found no line of a GB18030 or UTF-16 file
    # ("Hunk #1 FAILED"), and missed the BOM on line 1 of a UTF-8 file with one. (上 is 0A 4E
    # in UTF-16-LE: patch cuts lines at that byte too.)
    monkeypatch.chdir(tmp_path)
    text = DIRTY + "\n\n\n会上，与会人员围绕春耕生产作了交流。  "
    page = tmp_path / "page.txt"
    data = prefix + text.replace("\n", newline).encode(encoding)
    page.write_bytes(data)
    other = tmp_path / "other.txt"  # a UTF-8 file in the same diff: its part stays UTF-8
    other.write_text(DIRTY, encoding="utf-8")
    r = run("check", "--diff", "page.txt", "other.txt")
    assert r.exit_code == 1
    diff = r.stdout_bytes
    mine, theirs = diff.split(b"--- other.txt\n")
    assert mine.startswith(b"--- page.txt\n+++ page.txt\n@@ -1,")  # headers: ASCII, \n
    assert theirs.startswith(b"+++ other.txt\n") and f"\n+{TITLE}\n".encode("utf-8") in theirs
    assert f"{TITLE}\u3000 ".encode(encoding) in mine
    if not encoding.startswith("utf-16"):  # (a line of UTF-16 text is not one of patch's)
        bom = "\ufeff" if prefix else ""  # the leading blank lines go: the BOM moves to the title
        assert f"\n-{bom}{newline}".encode(encoding) in mine
        assert f"\n-{TITLE}\u3000 {newline}".encode(encoding) in mine
        assert f"\n+{bom}{TITLE}{newline}".encode(encoding) in mine
    if shutil.which("patch"):
        shutil.copy(other, tmp_path / "other.orig")
        subprocess.run(["patch", "-s", "-p0"], input=diff, check=True)
        patched = page.read_bytes(), other.read_bytes()
        page.write_bytes(data)
        shutil.copy(tmp_path / "other.orig", other)
        assert run("fix", "page.txt", "other.txt").exit_code == 0
        assert patched == (page.read_bytes(), other.read_bytes())


def test_check_diff_of_text_the_encoding_cannot_hold_is_an_error_as_in_fix(tmp_path):
    # a Big5 page converted to simplified characters: fix cannot write 台湾 in Big5, and the
    # diff printed in UTF-8 was one `fix` would never make and `patch` could not apply
    (tmp_path / "cleaner.toml").write_text('[convert]\nconfig = "t2s"\n', encoding="utf-8")
    page = tmp_path / "page.txt"
    data = "臺灣新聞標題\n\n本報訊（記者 董芳）2月4日，活動在臺北舉行。\n".encode("big5")
    page.write_bytes(data)
    r = run("check", "--diff", page)
    assert (r.exit_code, r.stdout) == (2, "")
    assert f"cleaner: {page}:1: cannot write the fixed text as big5: '湾' has no encoding in it" in r.stderr
    f = run("fix", page)
    assert f.exit_code == 2 and r.stderr.splitlines()[0] == f.stderr.splitlines()[0]
    assert page.read_bytes() == data


@pytest.mark.parametrize("newlines", ["\r", "mixed"])
def test_check_diff_of_cr_only_or_mixed_line_ends_applies_with_patch(tmp_path, newlines):
    # the diff's lines ended in the first line end seen: patch found none of them in a file of
    # CR line ends (one line to patch) or with LF lines after a CRLF one
    page = tmp_path / "page.txt"
    text = DIRTY.replace("\n", "\r") if newlines == "\r" else DIRTY.replace("\n", "\r\n", 3)
    page.write_bytes(text.encode("utf-8"))
    r = run("check", "--diff", page)
    assert r.exit_code == 1
    if shutil.which("patch"):
        copy = tmp_path / "copy.txt"
        shutil.copy(page, copy)
        subprocess.run(["patch", "-s", str(copy)], input=r.stdout_bytes, check=True)
        assert run("fix", page).exit_code == 0
        assert copy.read_bytes() == page.read_bytes()


# sentences of the articles in :func:`dump`; ``{n}`` and ``{k}`` are figures, drawn per page
SENTENCES = (
    "本报讯（记者 冉晓峰 通讯员 赖春华）春耕时节,田间地头一派繁忙景象。",
    "农技人员深入田间指导农户科学施肥，帮助解决生产中遇到的难题。",
    "县教育局投入资金{n}万元，为全县{k}所乡村学校配备了互动录播教室。",
    "由城区学校骨干教师通过网络同步授课，乡村学校教师在本地组织教学、辅导答疑。",
    "“以前一周只能上一节美术课,现在孩子们每周能上两节专业老师的课。”该校校长付建平说。",
    "截至目前，全县累计开设专递课堂课程{k}万余节，受益学生{n}余人。",
    "清明将至，春季森林防火进入关键期，各级护林员、专业扑火队员全员上岗。",
    "在灵空山林区入口处，护林员郝长贵正对进山车辆和人员进行登记检查，收缴火种。",
    "据了解，全县共有专兼职护林员{n}名，在进山路口设立防火检查站{k}个。",
    "近日，社区老年食堂正式开张，每天为老人提供午餐和晚餐,价格实惠。",
    "新荣区人社局联合开展春风就业帮扶专项活动，全力为求职人员搭建平台。",
    "活动现场共有{k}家企业参加，提供就业岗位{n}个，达成初步就业意向{k}人。",
)
TITLES = ("春耕生产有序推进", "山区小学用上“云课堂”", "守护青山绿水 织密森林防火网", "社区食堂开张", TITLE)


def dump(pages: int) -> str:
    """A dump of ``pages`` pages, form feeds between them: paragraphs one to a line, each with
    figures of its own, some titles with trailing spaces, ASCII commas in some paragraphs. Many
    short stretches of equal lines between changes: what made difflib quadratic."""
    out = []
    for k in range(pages):
        rng = random.Random(k)
        lines = []
        for title in rng.sample(TITLES, 3):
            lines += [title + "\u3000 " * (rng.random() < 0.3), ""]
            for _ in range(rng.randint(2, 4)):
                lines += ["".join(s.format(n=rng.randint(100, 9999), k=rng.randint(2, 99))
                                  for s in rng.sample(SENTENCES, 3)), ""]
            lines += ["本报记者 李雪峰", "", ""]
        out.append("\n".join(lines))
    return "\f\n".join(out)


def test_check_diff_work_grows_linearly_with_the_file(tmp_path, monkeypatch):
    # difflib's diff was quadratic here: a 4 MB dump took 90 s for `check --diff`, 6 s for
    # `fix`. Its work is counted in Python line events, not timed, so a busy machine cannot
    # fail the test: four times the pages must be about four times the work.
    original = report.unified_diff

    def work(pages):
        page = tmp_path / f"dump{pages}.txt"
        page.write_text(dump(pages), encoding="utf-8")
        events = [0]

        def tracer(frame, event, arg):
            events[0] += 1
            return tracer

        def counted(*args, **kwargs):
            outer = sys.gettrace()
            sys.settrace(tracer)
            try:
                return original(*args, **kwargs)
            finally:
                sys.settrace(outer)

        monkeypatch.setattr(report, "unified_diff", counted)
        r = run("check", "--diff", page)
        assert r.exit_code == 1 and r.stdout.count("\n-") > pages
        return events[0], page, r.stdout_bytes

    small, _, _ = work(15)
    big, page, diff = work(60)
    assert big < 6 * small, (small, big)  # (difflib: 13 times the work)
    if shutil.which("patch"):
        copy = tmp_path / "copy.txt"
        shutil.copy(page, copy)
        subprocess.run(["patch", "-s", str(copy)], input=diff, check=True)
        assert run("fix", page).exit_code in (0, 1)
        assert copy.read_bytes() == page.read_bytes()


def test_output_formats_carry_the_same_findings(page):
    text = findings(run("check", page).stdout)
    j = run("check", "--output-format", "json", page)
    assert j.exit_code == 1
    data = json.loads(j.stdout)
    assert [(d["code"], d["line"], d["col"]) for d in data] == [
        (f["code"], int(f["line"]), int(f["col"])) for f in text
    ]
    zw = next(d for d in data if d["code"] == "UN03")
    assert zw["fixable"] and zw["fix"] == {"before": "\u200b", "after": ""} and zw["severity"] == "error"
    gh = run("check", "--output-format", "github", page)
    assert gh.exit_code == 1
    lines = gh.stdout.splitlines()
    assert len(lines) == len(text)
    line, col = where(DIRTY, "\u200b")
    assert any(x.startswith(f"::error file={page},line={line},col={col},") and "title=UN03::" in x
               and x.endswith("[unicode.invisible]")
               for x in lines)


def test_select_and_ignore_are_prefixes_and_apply_to_fix(page):
    sel = findings(run("check", "--select", "UN,WS", page).stdout)
    assert sel and {f["code"][:2] for f in sel} <= {"UN", "WS"}
    ign = findings(run("check", "--ignore", "SG", "--ignore", "UN03", page).stdout)
    assert ign and not any(f["code"] in ("SG01", "UN03") for f in ign)
    assert run("fix", "--select", "UN03", page).exit_code == 0
    left = page.read_text(encoding="utf-8")
    assert "\u200b" not in left and left == DIRTY.replace("\u200b", "")
    bad = run("check", "--select", "ZZ9", page)
    assert bad.exit_code == 2 and "ZZ9" in bad.stderr and bad.stdout == ""


def test_exit_zero_still_prints_findings(page):
    r = run("check", "--exit-zero", page)
    assert r.exit_code == 0 and findings(r.stdout)


def test_stdin_is_named_by_stdin_filename(tmp_path):
    r = run("check", "-", "--stdin-filename", "pages/p1.txt", input=DIRTY)
    assert r.exit_code == 1
    assert {f["path"] for f in findings(r.stdout)} == {"pages/p1.txt"}
    assert run("check", "-", input=CLEAN).exit_code == 0


def test_stdin_named_as_an_excluded_file_is_passed_through_unchecked(tmp_path, monkeypatch):
    # an editor or a hook pipes the buffer of drafts/c.txt: the configuration excludes it, as it
    # would the file named on the command line; fix - still writes what it read
    (tmp_path / "cleaner.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", "-", "--stdin-filename", "drafts/c.txt", input=DIRTY)
    assert (r.exit_code, r.stdout) == (0, "")
    r = run("fix", "-", "--stdin-filename", "drafts/c.txt", input=DIRTY)
    assert (r.exit_code, r.stdout) == (0, DIRTY)
    assert run("check", "-", "--stdin-filename", "pages/c.txt", input=DIRTY).exit_code == 1


def test_installed_command_keeps_data_on_stdout_and_messages_on_stderr(page):
    import sys

    r = subprocess.run([sys.executable, "-m", "cleaner", "check", str(page)], capture_output=True, text=True)
    assert r.returncode == 1
    assert findings(r.stdout) and "Found" in r.stderr and str(page) + ":" not in r.stderr
    data = DIRTY.replace("\n", "\r\n").encode("gb18030")
    f = subprocess.run([sys.executable, "-m", "cleaner", "fix", "-"], input=data, capture_output=True)
    assert f.returncode == 0
    assert f.stdout == CLEAN.replace("\n", "\r\n").encode("gb18030")
    assert b"fixed" in f.stderr
    e = subprocess.run([sys.executable, "-m", "cleaner", "explain", "-"], input=CLEAN.encode(), capture_output=True)
    assert (e.returncode, e.stdout) == (0, b"") and b"no changes" in e.stderr


def test_bad_input_exits_2_but_other_files_are_still_checked(page, tmp_path):
    r = run("check", tmp_path / "missing.txt", page)
    assert r.exit_code == 2
    assert "missing.txt: no such file" in r.stderr
    assert findings(r.stdout)  # page.txt was still checked


def test_folder_is_searched_for_txt_files(tmp_path, page):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "notes.md").write_text(DIRTY, encoding="utf-8")
    paths = {f["path"] for f in findings(run("check", tmp_path).stdout)}
    assert paths == {str(page), str(tmp_path / "sub" / "b.txt")}


def test_an_empty_selection_is_an_error_and_an_empty_folder_a_warning(tmp_path, page):
    # ``--select "$RULES"`` with the variable unset ran no rule and passed
    for value in ("", ","):
        r = run("check", "--select", value, page)
        assert r.exit_code == 2 and "no rule code given (use ALL for every rule)" in r.output
    (tmp_path / "empty").mkdir()
    r = run("check", tmp_path / "empty")
    assert r.exit_code == 0 and f"warning: {tmp_path / 'empty'}: no *.txt files in this folder" in r.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_folder_walk_skips_a_fifo_and_reports_a_dangling_link(tmp_path, page):
    # a FIFO named *.txt would block the check forever waiting for a writer
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    r = run("check", tmp_path)
    assert {f["path"] for f in findings(r.stdout)} == {str(page)}
    assert f"{tmp_path / 'gone.txt'}: cannot read: No such file or directory" in r.stderr
    assert r.exit_code == 2


# --- fix ----------------------------------------------------------------------------------


def test_fix_in_place_then_check_passes(page):
    r = run("fix", page)
    assert r.exit_code == 0 and r.stdout == ""
    assert re.search(rf"fixed \d+ findings? in {re.escape(str(page))}", r.stderr)
    assert page.read_text(encoding="utf-8") == CLEAN
    assert run("check", page).exit_code == 0
    assert run("check", "--strict", page).exit_code == 0


@pytest.mark.parametrize(
    "encoding,newline,prefix",
    [("gb18030", "\r\n", b""), ("utf-8", "\r\n", b"\xef\xbb\xbf"), ("utf-16-le", "\n", b"\xff\xfe"),
     ("utf-16-be", "\r\n", b"\xfe\xff")],
)
def test_fix_keeps_encoding_bom_and_newlines(tmp_path, encoding, newline, prefix):
    p = tmp_path / "page.txt"
    p.write_bytes(prefix + DIRTY.replace("\n", newline).encode(encoding))
    assert run("fix", p).exit_code == 0
    assert p.read_bytes() == prefix + CLEAN.replace("\n", newline).encode(encoding)
    assert run("check", p).exit_code == 0


def test_fix_keeps_mode_and_leaves_clean_files_untouched(tmp_path, page):
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    os.utime(clean, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = clean.stat()
    page.chmod(0o640)
    r = run("fix", clean, page)
    assert r.exit_code == 0
    after = clean.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    assert str(clean) not in r.stderr
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert "Fixed" in r.stderr and "in 1 of 2 files" in r.stderr
    assert not [f for f in os.listdir(tmp_path) if f.startswith(".cleaner-")]  # no temporary left


def test_fix_through_a_symlink_rewrites_the_target_and_keeps_the_link(tmp_path, page):
    link = tmp_path / "link.txt"
    link.symlink_to(page)
    assert run("fix", link).exit_code == 0
    assert link.is_symlink()
    assert page.read_text(encoding="utf-8") == CLEAN


def test_fix_stdin_writes_fixed_bytes_to_stdout_in_the_input_encoding():
    data = DIRTY.replace("\n", "\r\n").encode("gb18030")
    r = CliRunner().invoke(cli, ["fix", "-"], input=data)
    assert r.exit_code == 0
    assert r.stdout_bytes == CLEAN.replace("\n", "\r\n").encode("gb18030")
    assert "fixed" in r.stderr
    same = CliRunner().invoke(cli, ["fix", "-"], input=CLEAN.encode("utf-8"))
    assert same.stdout_bytes == CLEAN.encode("utf-8")


def test_fix_refuses_text_its_encoding_cannot_hold(tmp_path):
    p = tmp_path / "page.txt"
    original = DIRTY.encode("utf-8")
    p.write_bytes(original)
    r = run("fix", "--encoding", "ascii", p)
    assert r.exit_code == 2 and "cannot decode as ascii" in r.stderr
    assert p.read_bytes() == original


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fix_refuses_a_fifo_instead_of_waiting_on_it(tmp_path):
    # fix rewrites in place: into a FIFO that waits for a reader, for ever
    os.mkfifo(tmp_path / "pipe.txt")
    r = run("fix", tmp_path / "pipe.txt")
    assert r.exit_code == 2 and "pipe.txt: not a regular file; fix rewrites files in place" in r.stderr


def test_fix_leaves_a_file_that_changed_while_it_was_fixed(page, monkeypatch):
    # a line appended between the read and the write would be lost if the fixed copy replaced it
    real = checker.check_bytes

    def check_then_append(*args, **kwargs):
        result = real(*args, **kwargs)
        with open(page, "a", encoding="utf-8") as f:
            f.write("新写入的一行\n")
        return result

    monkeypatch.setattr(checker, "check_bytes", check_then_append)
    r = run("fix", page)
    assert r.exit_code == 2
    assert f"{page}: changed while it was being fixed; left as it is (run again)" in r.stderr
    assert page.read_text(encoding="utf-8") == DIRTY + "新写入的一行\n"
    assert [p.name for p in page.parent.iterdir()] == [page.name]  # no temporary file left


# --- a pass with a finding without a fix and a duplicate removal -------------------------


class ProbePass(Pass):
    """Test pass: warns about an unclosed “ and removes a block that repeats the block before it."""

    name = "probe"
    rules = (
        Rule("ZQ01", "probe.unclosed-quote", "opening quote without a closing one", fixable=False, severity="warning"),
        Rule("ZQ02", "probe.duplicate", "block repeats the block before it"),
    )

    def run(self, ctx: Context) -> None:
        text = ctx.text
        for m in re.finditer(r"“[^”\n]*$", text, re.M):
            ctx.diagnose("ZQ01", m.start(), m.start() + 1, "opening quote “ is never closed in its paragraph")
        blocks = [m.span() for m in re.finditer(r"[^\n]+", text)]
        for (s0, e0), (s1, e1) in zip(blocks, blocks[1:]):
            if text[s0:e0] == text[s1:e1]:
                ctx.edit("ZQ02", e0, e1, "", twin=(s0, e0))


@contextlib.contextmanager
def extra_pass(name: str, cls: type[Pass]):
    """Put ``cls`` into the pipeline before segment (which lays out the text), then take it out."""
    saved = dict(registry.PASSES)
    items = list(saved.items())
    items.insert(len(items) - 1, (name, f"{__name__}:{cls.__name__}"))

    def reset(passes):
        from cleaner import api, checker

        registry.PASSES.clear()
        registry.PASSES.update(passes)
        registry.all_rules.cache_clear()
        registry._by_code.cache_clear()
        api._default_pipeline.cache_clear()
        checker._PIPELINES.clear()

    reset(items)
    try:
        yield
    finally:
        reset(saved)


@pytest.fixture
def probe():
    with extra_pass("probe", ProbePass):
        yield


QUOTED = f"{TITLE}\n\n会上，他说：“就业是最大的民生。\n\n{BODY}\n\n{BODY}\n\n本报记者 李雪峰\n"


def test_warnings_are_printed_fail_only_with_strict_and_survive_fix(tmp_path, probe):
    p = tmp_path / "page.txt"
    p.write_text(QUOTED, encoding="utf-8")
    first = run("check", p)
    assert first.exit_code == 1
    zq = [f for f in findings(first.stdout) if f["code"] == "ZQ01"]
    assert [(int(f["line"]), int(f["col"]), f["fix"]) for f in zq] == [(*where(QUOTED, "“"), None)]
    assert run("fix", p).exit_code == 0
    assert BODY + "\n\n" + BODY not in p.read_text(encoding="utf-8")
    after = run("check", p)
    assert after.exit_code == 0
    left = findings(after.stdout)  # other passes may add warnings of their own; none is fixable
    assert "ZQ01" in {f["code"] for f in left} and not any(f["fix"] for f in left)
    assert next(x for x in after.stdout.splitlines() if ": ZQ01 " in x).endswith("(warning)")
    assert "use --strict" in after.stderr
    assert run("check", "--strict", p).exit_code == 1
    assert run("fix", "--strict", p).exit_code == 1  # nothing to fix, but a warning remains
    assert run("check", "--select", "ZQ", p).exit_code == 0
    (tmp_path / "cleaner.toml").write_text('severity = { ZQ = "error" }\n', encoding="utf-8")
    assert run("check", "--select", "ZQ", p).exit_code == 1
    (tmp_path / "cleaner.toml").write_text("strict = true\n", encoding="utf-8")
    assert run("check", "--select", "ZQ", p).exit_code == 1
    assert run("check", "--select", "ZQ", "--no-strict", p).exit_code == 0


def test_explain_shows_each_edit_and_the_kept_twin(tmp_path, probe):
    text = QUOTED.replace(TITLE, TITLE + "\u3000", 1)
    p = tmp_path / "page.txt"
    p.write_text(text, encoding="utf-8")
    r = run("explain", "--select", "ZQ,WS,UN", p)  # other passes (dedup) might remove the copy first
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    for line in lines:
        assert re.match(r"^\d+:\d+ [A-Z]{2}\d\d [a-z]+\.[a-z-]+: '.*' → '.*'", line), line
    body_line = QUOTED.count("\n", 0, QUOTED.index(BODY)) + 1
    dup = next(x for x in lines if " ZQ02 probe.duplicate: " in x)
    assert dup.endswith(f"(kept copy at line {body_line})")
    checked = next(x for x in run("check", "--select", "ZQ", p).stdout.splitlines() if ": ZQ02 [*] " in x)
    assert checked.endswith(f"(kept copy at line {body_line})")
    assert "张璐通）2月4日，新荣区人社局联合开展春风就业帮扶专项活动，全力为求职人员搭建平台。' → ''" in dup
    short = run("explain", "--select", "ZQ,UN", "--max-chars", "20", p).stdout
    short = next(x for x in short.splitlines() if " ZQ02 " in x)
    assert re.search(r": '⏎⏎本报讯（记者␣董…\(\+\d+\)…为求职人员搭建平台。' → ''", short)  # shortened in the middle
    ws = next(x for x in lines if " WS01 " in x)
    assert ws.startswith("{}:{} WS01 whitespace.trailing: '⟨U+3000⟩' → ''".format(*where(text, "\u3000")))


class GrowPass(Pass):
    """Test pass that is not idempotent: every run adds one more 增长."""

    name = "grow"
    rules = (Rule("ZQ03", "probe.grow", "增长 doubled"),)

    def run(self, ctx: Context) -> None:
        i = ctx.text.find("增长")
        if i >= 0:
            ctx.edit("ZQ03", i, i + 2, "增长增长")


def test_fix_stops_and_says_so_when_a_pass_is_not_idempotent(tmp_path):
    p = tmp_path / "p.txt"
    p.write_text(f"{TITLE}\n\n今年粮食产量增长明显。\n", encoding="utf-8")
    with extra_pass("grow", GrowPass):
        r = run("fix", p)
    assert r.exit_code == 1  # what is left still fails
    assert "ZQ03 changed the fixed text again); a pass is not idempotent" in r.stderr
    assert p.read_text(encoding="utf-8").count("增长") == 1 + checker.MAX_ROUNDS  # bounded, not endless


# --- rules --------------------------------------------------------------------------------


def test_rules_lists_every_rule_from_the_code():
    rules = registry.all_rules()
    text = run("rules").stdout.splitlines()
    assert [x.split()[0] for x in text] == [r.code for r in rules]
    md = run("rules", "--format", "markdown").stdout.splitlines()
    assert md[0].startswith("| code |") and len(md) == len(rules) + 2
    data = json.loads(run("rules", "--format", "json").stdout)
    assert data == [{"code": r.code, "name": r.name, "fixable": r.fixable, "severity": r.severity, "summary": r.summary}
                    for r in rules]
    opts = run("rules", "--options").stdout
    assert "wrap.max_wrap_width = 60" in opts.splitlines()


# --- configuration ------------------------------------------------------------------------


def codes_of(path, *args):
    return {f["code"] for f in findings(run("check", *args, path).stdout)}


def test_config_is_found_walking_up_and_the_closest_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["WS"]\n', encoding="utf-8")
    a = tmp_path / "a" / "deep"
    a.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")  # no [tool.cleaner]
    (a / "p.txt").write_text(DIRTY, encoding="utf-8")
    b = tmp_path / "b"
    b.mkdir()
    (b / "cleaner.toml").write_text('select = ["WS", "UN"]\n', encoding="utf-8")
    (b / "p.txt").write_text(DIRTY, encoding="utf-8")
    assert "WS01" not in codes_of(a / "p.txt") and "UN03" in codes_of(a / "p.txt")
    assert codes_of(b / "p.txt") == {"WS01", "UN03"}  # closest file wins; root's ignore is not merged
    assert "WS01" in codes_of(a / "p.txt", "--ignore", "SG")  # a flag replaces the configuration's ignore
    assert codes_of(a / "p.txt", "--config", b / "cleaner.toml") == {"WS01", "UN03"}


@pytest.mark.parametrize(
    "content,needle",
    [
        ("selct = [\"WS\"]\n", "unknown key 'selct'"),
        ("[wrap]\nmax_width = 3\n", "unknown option wrap.max_width"),
        ("[wrap]\nmax_wrap_width = \"wide\"\n", "wrap.max_wrap_width must be a int"),
        # inf and nan passed the type check and failed every page as PL01 ("a bug")
        ("[dedup]\nmax_error_rate = inf\n", "dedup.max_error_rate must be a finite number, got inf"),
        ("[convert]\ndetect_ratio = nan\n", "convert.detect_ratio must be a finite number, got nan"),
        ("[wrap]\nmax_wrap_width = -5\n", "wrap.max_wrap_width must be between 1 and 10000, got -5"),
        ("[wrap]\nmin_wrap_width = 0\n", "wrap.min_wrap_width must be between 1 and 10000, got 0"),
        ("[dedup]\nmax_error_rate = 1.5\n", "dedup.max_error_rate must be between 0.0 and 1.0, got 1.5"),
        ("[segment]\nmax_caption_chars = 100000000000000000000\n", "segment.max_caption_chars must be between 0 and 100000"),
        ("severity = { WS01 = \"fatal\" }\n", "severity of WS01 must be one of"),
        ("ignore = [\"QQ\"]\n", "unknown rule code 'QQ' in ignore"),
        ("ignore = [\n", "invalid TOML"),
        ("# 本项目的配置\nselect = [\"PU\"]\n".encode("gbk"), "not UTF-8 (byte 2); TOML files are UTF-8"),
    ],
)
def test_bad_configuration_exits_2_naming_key_and_file(tmp_path, content, needle):
    if isinstance(content, bytes):
        (tmp_path / "cleaner.toml").write_bytes(content)
    else:
        (tmp_path / "cleaner.toml").write_text(content, encoding="utf-8")
    (tmp_path / "p.txt").write_text(DIRTY, encoding="utf-8")
    for cmd in ("check", "fix", "explain"):
        r = run(cmd, tmp_path / "p.txt")
        assert r.exit_code == 2, (cmd, r.output)
        assert needle in r.stderr and str(tmp_path / "cleaner.toml") in r.stderr
        assert r.stdout == ""
    assert (tmp_path / "p.txt").read_text(encoding="utf-8") == DIRTY


def test_missing_config_file_is_an_error(page, tmp_path):
    r = run("check", "--config", tmp_path / "nope.toml", page)
    assert r.exit_code == 2 and "nope.toml: cannot read" in r.stderr and r.stdout == ""


def test_per_path_ignores_and_exclude(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cleaner]\nexclude = ["drafts"]\n\n[tool.cleaner.per-path-ignores]\n"raw/*.txt" = ["WS01", "UN"]\n',
        encoding="utf-8",
    )
    for d in ("raw", "cooked", "drafts"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "p.txt").write_text(DIRTY, encoding="utf-8")
    raw, cooked = codes_of(tmp_path / "raw" / "p.txt"), codes_of(tmp_path / "cooked" / "p.txt")
    assert {"WS01", "UN03"} <= cooked
    assert raw == cooked - {"WS01", "UN03"}
    r = run("check", tmp_path / "drafts" / "p.txt")  # excluded even when named (pre-commit names files)
    assert (r.exit_code, r.stdout) == (0, "")
    assert "drafts" not in run("check", tmp_path).stdout
    run("fix", tmp_path / "drafts" / "p.txt")
    assert (tmp_path / "drafts" / "p.txt").read_text(encoding="utf-8") == DIRTY


def test_pass_options_come_from_the_pass_table(tmp_path):
    wrapped = f"{TITLE}\n\n" + "\n".join(BODY[i : i + 12] for i in range(0, len(BODY), 12)) + "\n"
    p = tmp_path / "p.txt"
    p.write_text(wrapped, encoding="utf-8")
    assert "RJ01" in codes_of(p)
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner.wrap]\nmax-wrap-width = 4\n", encoding="utf-8")
    assert "RJ01" not in codes_of(p)  # lines longer than 4 characters: not a hard-wrapped column


def test_a_folder_check_cannot_read_is_reported_not_skipped(tmp_path, monkeypatch):
    """(As root every folder is readable: the walk's error is simulated.)"""
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    real_walk = os.walk

    def walk(top, onerror=None):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        yield from real_walk(top)

    monkeypatch.setattr(os, "walk", walk)
    r = run("check", tmp_path)
    assert r.exit_code == 2
    assert f"{tmp_path / 'locked'}: cannot read: Permission denied" in r.stderr


def test_a_txt_file_without_chinese_text_is_left_as_it_is(tmp_path):
    # the pre-commit hooks take every *.txt: fix joined a requirements file's lines into one
    req = tmp_path / "requirements.txt"
    body = "regex>=2023.0\nrapidfuzz>=3.0\n# pinned for the CI\nclick>=8.1\n\nopencc>=1.1\n"
    req.write_text(body, encoding="utf-8")
    r = run("fix", req)
    assert r.exit_code == 0
    assert req.read_text(encoding="utf-8") == body
    assert f"cleaner: {req}: no Chinese text: left as it is" in r.stderr
    r = run("check", req)
    assert (r.exit_code, r.stdout) == (0, "")
    page = tmp_path / "page.txt"  # one Chinese line is enough to be checked
    page.write_text("Notes\n\n春耕时节,田间地头一派繁忙景象。\n", encoding="utf-8")
    assert run("check", page).exit_code == 1


@pytest.mark.parametrize("ignored", ["RJ01", "RJ02"])
def test_fix_with_a_wrap_rule_ignored_settles_in_one_run(tmp_path, ignored):
    # with RJ01 ignored, wrap's RJ02 breaks alone parted some lines of each hard-wrapped block and
    # rejoin joined a few a round: every fix changed the file again, and check never passed
    src = Path(__file__).resolve().parent.parent / "fixtures" / "page_hard_wrapped.utf8.txt"
    page = tmp_path / "page.txt"
    shutil.copy(src, page)
    r = run("fix", "--ignore", ignored, page)
    assert r.exit_code == 0 and "rounds" not in r.stderr, r.stderr
    fixed = page.read_bytes()
    assert run("check", "--ignore", ignored, page).exit_code == 0
    assert run("fix", "--ignore", ignored, page).exit_code == 0 and page.read_bytes() == fixed


def test_summaries_count_in_the_singular_and_diff_refuses_another_output_format(tmp_path):
    page = tmp_path / "one.txt"
    page.write_text("春耕时节,田间地头。\n", encoding="utf-8")
    assert "Would fix 1 finding in 1 of 1 file." in run("check", "--diff", page).stderr
    r = run("check", "--diff", "--output-format", "json", page)
    assert r.exit_code == 2 and "--output-format json does not go with it" in r.stderr
    assert "Fixed 1 finding in 1 of 1 file." in run("fix", page).stderr
    assert "No changes (1 file)." in run("check", "--diff", page).stderr
    # a file that cannot be read is its error alone: no "No changes (0 files)." after it (probe Y)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    r = run("check", "--diff", binary)
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "binary input" in r.stderr


# --- files over the whole-file limit: checked and fixed a chunk at a time ----------------------


@pytest.fixture
def small_limits(monkeypatch):
    """The whole-file limit (128 MiB) and the chunk sizes of a stream scaled down, so a file of
    a few hundred kilobytes goes through the large-file path in many chunks."""
    import cleaner.io
    import cleaner.stream

    monkeypatch.setattr(cleaner.io, "MAX_WHOLE", 1 << 16)
    monkeypatch.setattr(cleaner.stream, "CHUNK_MIN", 1 << 12)
    monkeypatch.setattr(cleaner.stream, "CHUNK_MAX", 1 << 14)


def _big_dump() -> str:
    """The fixture pages, several times over, as one multi-page dump (about 190 KB)."""
    root = Path(__file__).resolve().parent.parent / "fixtures"
    pages = [(root / f"{n}.txt").read_text(encoding="utf-8")
             for n in ("page_blank_lines", "page_punct", "page_styles", "page_furniture")]
    return "\f\n".join(pages * 6)


def test_a_file_over_the_limit_is_checked_and_fixed_a_chunk_at_a_time(tmp_path, small_limits):
    text = _big_dump()
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    r = run("check", "--output-format", "json", str(path))
    assert r.exit_code == 1
    found = json.loads(r.stdout)
    fixable = [f for f in found if f["fixable"]]
    assert fixable and max(f["line"] for f in found) > len(lines) // 2  # (placed in the whole file)
    # each fix is reported where its text is in the file
    for f in fixable:
        before = f["fix"]["before"]
        if before and "\n" not in before:
            assert lines[f["line"] - 1][f["col"] - 1 :].startswith(before), f
    explained = run("explain", str(path)).stdout.splitlines()
    assert [tuple(map(int, x.split()[0].split(":"))) for x in explained] == [(f["line"], f["col"]) for f in fixable]

    r = run("fix", str(path))
    assert r.exit_code == 0 and f"fixed {len(fixable)} findings in {path}" in r.stderr
    # the file now holds what `cleaner clean` writes for it, and checks clean
    assert path.read_text(encoding="utf-8") == run("clean", "-", input=text.encode()).stdout
    r = run("check", str(path))
    assert r.exit_code == 0 and "[*]" not in r.stdout
    mtime = path.stat().st_mtime_ns
    assert run("fix", str(path)).exit_code == 0 and path.stat().st_mtime_ns == mtime  # nothing to fix: untouched


def test_a_large_file_keeps_its_encoding_and_newlines(tmp_path, small_limits):
    text = _big_dump()
    path = tmp_path / "dump.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    assert run("fix", str(path)).exit_code == 0
    clean = run("clean", "-", input=text.encode()).stdout
    assert path.read_bytes() == clean.replace("\n", "\r\n").encode("gb18030")
    # stdin to stdout the same way
    r = run("fix", "-", input=text.encode("gb18030"))
    assert r.exit_code == 0 and r.stdout_bytes == clean.encode("gb18030")


def test_bad_bytes_deep_in_a_large_file_leave_it_untouched(tmp_path, small_limits):
    text = _big_dump()
    data = text.encode("utf-8")
    cut = data.index("\n".encode(), len(data) * 3 // 4) + 1
    bad = data[:cut] + b"\xff\xfe\n" + data[cut:]
    path = tmp_path / "dump.txt"
    path.write_bytes(bad)
    line = data[:cut].count(b"\n") + 1  # (the bad bytes' line)
    for cmd in ("check", "fix", "explain"):
        r = run(cmd, str(path))
        assert r.exit_code == 2 and f"{path}:{line}: cannot decode as utf-8" in r.stderr, (cmd, r.stderr)
    assert path.read_bytes() == bad and sorted(os.listdir(tmp_path)) == ["dump.txt"]  # no half-written file


def test_a_large_excluded_stdin_is_passed_through_as_it_was(tmp_path, monkeypatch, small_limits):
    (tmp_path / "cleaner.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = _big_dump().replace("\n", "\r\n").encode("utf-8")
    r = run("fix", "-", "--stdin-filename", "drafts/c.txt", input=data)
    assert r.exit_code == 0 and r.stdout_bytes == data
    r = run("check", "-", "--stdin-filename", "drafts/c.txt", input=data)
    assert (r.exit_code, r.stdout) == (0, "")
