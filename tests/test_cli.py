"""The CLI as a user runs it: exit codes, stdout carrying data only, errors on stderr."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from cleaner.cli import cli

PAGE = "春风就业帮扶活动举行\n\n本报讯（记者 董芳 实习生 张璐通）2月4日，活动在新荣区举行。\n\n本报记者 李雪峰\n"


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_clean_reads_stdin_and_writes_text_to_stdout():
    r = run("clean", input=PAGE)
    assert r.exit_code == 0
    assert r.stdout == PAGE


def test_clean_jsonl_records_carry_source_lines(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text(PAGE, encoding="utf-8")
    r = run("clean", "--format", "jsonl", str(p))
    assert r.exit_code == 0
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(recs) == 1
    rec = recs[0]
    assert rec["title"] == "春风就业帮扶活动举行"
    assert rec["source"] == {"path": str(p), "lines": [1, 5]}
    assert rec["authors"] == ["董芳", "张璐通", "李雪峰"]
    for key in ("id", "type", "subtitles", "dateline", "byline", "paragraphs", "text", "diagnostics"):
        assert key in rec


def test_several_files_in_order_each_record_names_its_path(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲篇标题\n\n甲篇正文。\n", encoding="utf-8")
    b.write_text("乙篇标题\n\n乙篇正文。\n", encoding="utf-8")
    r = run("clean", "-f", "jsonl", str(a), str(b))
    assert [json.loads(x)["source"]["path"] for x in r.stdout.splitlines()] == [str(a), str(b)]
    t = run("clean", str(a), str(b))
    assert t.stdout == "甲篇标题\n\n甲篇正文。\n\n\n乙篇标题\n\n乙篇正文。\n"


def test_output_file_is_written(tmp_path):
    out = tmp_path / "out.txt"
    r = run("clean", "-o", str(out), input=PAGE)
    assert r.exit_code == 0 and r.stdout == ""
    assert out.read_text(encoding="utf-8") == PAGE


def test_bad_inputs_exit_2_with_one_line_and_no_partial_output(tmp_path):
    out = tmp_path / "out.txt"
    good = tmp_path / "good.txt"
    good.write_text(PAGE, encoding="utf-8")
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01binary")
    for args, needle in [
        ([str(tmp_path / "missing.txt")], "no such file"),
        ([str(tmp_path)], "is a directory"),
        ([str(good), str(bad)], "NUL byte"),
    ]:
        r = run("clean", "-o", str(out), *args)
        assert r.exit_code == 2, r.output
        assert needle in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
        assert "Traceback" not in r.stderr
        assert not out.exists()


def test_version_and_module_entry_point():
    r = subprocess.run([sys.executable, "-m", "cleaner", "--version"], capture_output=True, text=True)
    assert r.returncode == 0
    assert r.stdout.startswith("cleaner, version ")


def test_readme_lists_every_rule_as_cleaner_rules_prints_them():
    from pathlib import Path

    table = run("rules", "--format", "markdown").output.rstrip()
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert table.startswith("| code |") and table in readme
    # the options table too (it listed an option that no longer exists), and the text form is
    # TOML a user can paste into cleaner.toml (it printed ``convert.config = null``)
    options = run("rules", "--options", "--format", "markdown").output.rstrip()
    assert options.startswith("| option |") and options in readme
    import tomllib

    text = run("rules", "--options").output
    assert "# convert.config =" in text
    assert sum(map(len, tomllib.loads(text).values())) == text.count("\n") - text.count("# ")


def test_a_pass_failing_on_a_page_is_one_warning_line_and_the_run_goes_on(tmp_path):
    """A bug in a pass (as bench/fuzz.py finds them) costs the page that pass's changes, not the
    run: stderr says which file, line and pass in the CLI's form; `check` fails on PL01."""
    p = tmp_path / "page.txt"
    p.write_text("本报讯（记者 王五）春耕时节，田间地头一派繁忙\n景象，农技人员深入田间。\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from cleaner.passes.dedup import DedupPass\n"
        "def boom(self, ctx): raise IndexError('string index out of range')\n"
        "DedupPass._run = boom\n"
        "from cleaner.cli import main\n"
        "sys.argv = ['cleaner'] + sys.argv[1:]\n"
        "main()\n"
    )
    r = subprocess.run([sys.executable, "-c", script, "clean", str(p)], capture_output=True, text=True)
    assert r.returncode == 0
    assert r.stdout == "本报讯（记者 王五）春耕时节，田间地头一派繁忙景象，农技人员深入田间。\n"
    assert r.stderr == (f"cleaner: warning: {p}:1: pass dedup failed (IndexError: string index out of range); "
                        "the page keeps the text it had before it (PL01, a bug: please report it with this page)\n")
    r = subprocess.run([sys.executable, "-c", script, "check", str(p)], capture_output=True, text=True)
    assert r.returncode == 1
    assert f"{p}:1:1: PL01 pass dedup failed on this page" in r.stdout


def test_a_bug_outside_the_passes_is_one_line_not_a_traceback(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text("本报讯（记者 王五）春耕时节，田间地头一派繁忙景象。\n", encoding="utf-8")
    script = (
        "import sys\n"
        "import cleaner.formats\n"
        "def boom(*a, **k): raise KeyError('records')\n"
        "cleaner.formats.render = boom\n"
        "from cleaner.cli import main\n"
        "sys.argv = ['cleaner'] + sys.argv[1:]\n"
        "main()\n"
    )
    r = subprocess.run([sys.executable, "-c", script, "clean", "-f", "jsonl", str(p)], capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr == ("cleaner: internal error: KeyError: 'records' (a bug: please report it with the input; "
                        "CLEANER_DEBUG=1 shows the traceback)\n")
    debug = subprocess.run([sys.executable, "-c", script, "clean", str(p)], capture_output=True, text=True,
                           env={**os.environ, "CLEANER_DEBUG": "1"})
    assert "Traceback" in debug.stderr
