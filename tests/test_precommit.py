"""The hooks of .pre-commit-hooks.yaml run by the real `pre-commit`, as a user's repository would.

`pre-commit try-repo` and `pre-commit run` install a hook repository's commit into a virtualenv
(pip, from PyPI), so a committed snapshot of this project is made first; the user's pages live in
a second temporary git repository. Skipped where git or pre-commit is missing.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleaner

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed"),
]

# trailing spaces after the title, three blank lines inside an article, no final newline
DIRTY = "全市春耕生产有序推进  \n\n本报讯（记者 王五）春耕时节，田间地头一派繁忙景象。\n\n\n\n本报记者 王五"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        GIT_AUTHOR_NAME="cleaner tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="cleaner tests", GIT_COMMITTER_EMAIL="tests@example.invalid",
        GIT_AUTHOR_DATE="2026-01-01T00:00:00Z", GIT_COMMITTER_DATE="2026-01-01T00:00:00Z",
        GIT_CONFIG_NOSYSTEM="1", **extra,
    )
    return env


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, env=_env(HOME=str(cwd)), check=True, capture_output=True)


@pytest.fixture(scope="module")
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the hook snapshot and pre-commit's environments live: pytest's cache folder, so a
    rerun with unchanged code reuses the installed hook (the snapshot commit is deterministic)."""
    cache = getattr(request.config, "cache", None)
    return Path(cache.mkdir("pre-commit")) if cache is not None else tmp_path_factory.mktemp("pre-commit")


@pytest.fixture(scope="module")
def hook_repo(store: Path) -> Path:
    """A committed copy of this project: what a user's `repo:` line points at."""
    repo = store / "cleaner-hooks"
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "cleaner", repo / "cleaner", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "snapshot")  # same files, same commit id: see _env's dates
    return repo


@pytest.fixture(scope="module")
def pre_commit_home(store: Path) -> Path:
    return store / "home"  # hook environments, shared by the tests here and by reruns


def pre_commit(pages: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--all-files", "--color", "never"],
        cwd=pages, env=_env(PRE_COMMIT_HOME=str(home), HOME=str(home)), capture_output=True, text=True, timeout=900,
    )


@pytest.fixture
def pages(tmp_path: Path, hook_repo: Path) -> Path:
    """A user's repository: one dirty page, a dirty file the hooks' pattern leaves alone, and a
    .pre-commit-config.yaml using both hooks (for `pre-commit run`)."""
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True, check=True)
    git(tmp_path, "init", "-q")
    (tmp_path / "page.txt").write_text(DIRTY, encoding="utf-8")
    (tmp_path / "notes.md").write_text(DIRTY, encoding="utf-8")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev.stdout.strip()}\n    hooks:\n"
        "      - id: cleaner-fix\n      - id: cleaner-check\n",
        encoding="utf-8",
    )
    git(tmp_path, "add", ".")
    return tmp_path


def test_check_hook_fails_on_a_dirty_page_and_passes_after_fix(pages: Path, hook_repo: Path, pre_commit_home: Path):
    # try-repo installs the hook into a throwaway store: the way to try hooks before configuring them
    r = pre_commit(pages, pre_commit_home, "try-repo", str(hook_repo), "cleaner-check")
    assert r.returncode == 1, r.stdout + r.stderr
    out = r.stdout + r.stderr
    assert "cleaner check" in out and "Failed" in out
    title, _, body = DIRTY.split("\n")[:3]
    # columns count characters, in the file as it is
    assert f"page.txt:1:{len(title.rstrip()) + 1}: WS01 [*] trailing whitespace removed" in out
    assert f"page.txt:3:{len(body) + 1}: SG01 [*]" in out
    assert "notes.md" not in out

    fixed = subprocess.run([sys.executable, "-m", "cleaner", "fix", "page.txt"], cwd=pages,
                           capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stderr
    assert f"fixed {len(cleaner.clean(DIRTY).edits)} findings in page.txt" in fixed.stderr
    assert (pages / "page.txt").read_text(encoding="utf-8") == cleaner.clean(DIRTY).text
    git(pages, "add", "page.txt")

    # the configured hook (installed once into PRE_COMMIT_HOME, reused by the next test and reruns)
    r = pre_commit(pages, pre_commit_home, "run", "cleaner-check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "cleaner check" in r.stdout and "Passed" in r.stdout


def test_fix_hook_rewrites_the_page(pages: Path, pre_commit_home: Path):
    r = pre_commit(pages, pre_commit_home, "run", "cleaner-fix")
    assert r.returncode == 1, r.stdout + r.stderr  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in r.stdout
    assert (pages / "page.txt").read_text(encoding="utf-8") == cleaner.clean(DIRTY).text
    assert (pages / "notes.md").read_text(encoding="utf-8") == DIRTY  # not a .txt file
    git(pages, "add", ".")
    r = pre_commit(pages, pre_commit_home, "run")  # both hooks, as a commit would run them
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.count("Passed") == 2
