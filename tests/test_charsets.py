"""The per-class compile cache (cleaner.charsets): faster starts, the same compiled patterns."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

import cleaner  # noqa: F401  (installs the cache)
from cleaner import charsets
from cleaner.patterns import HAN

try:
    from re import _compiler as compiler, _parser as parser
except ImportError:  # Python 3.10
    import sre_compile as compiler  # type: ignore[no-redef]
    import sre_parse as parser  # type: ignore[no-redef]

CLASSES = [f"[{HAN}]", f"[{HAN}·]", "[，。、]", "[^（）()\\n]", "[0-9A-Za-z]", "[\\d月日]", f"[^{HAN}]"]


def _charset(pattern: str) -> list:
    ((op, av),) = parser.parse(pattern)
    return av


def test_installed_once_on_this_python() -> None:
    assert charsets.install() is True
    wrapper = compiler._optimize_charset
    assert charsets.install() is True
    assert compiler._optimize_charset is wrapper  # not wrapped twice
    assert getattr(wrapper, "__wrapped__", None) is not None


@pytest.mark.parametrize("pattern", CLASSES)
def test_cached_class_compiles_as_the_original_does(pattern: str) -> None:
    wrapper = compiler._optimize_charset
    original = wrapper.__wrapped__
    expected = original(_charset(pattern))
    assert wrapper(_charset(pattern)) == expected
    assert wrapper(_charset(pattern)) == expected  # the second time from the cache


def test_case_insensitive_classes_are_not_shared() -> None:
    # the same class means something else under IGNORECASE: compiled apart, matching as re does
    plain = re.compile("[a-c]{2}")
    folded = re.compile("[a-c]{2}", re.IGNORECASE)
    assert plain.fullmatch("AB") is None
    assert folded.fullmatch("AB") is not None


def test_patterns_match_as_without_the_cache() -> None:
    # a fresh interpreter without cleaner compiles the same patterns; both must agree on samples
    samples = ["本报讯（记者 董芳）", "2.19亿元", "AI 技术", "豈有此理", "\u4dc0易", "㐀", "abc", "—— 访某某"]
    patterns = [f"[{HAN}]+", f"(?<![{HAN}])[{HAN}]{{2,3}}", f"[^{HAN}\\s]+", f"[{HAN}·]{{2,8}}"]
    code = (
        "import re, json, sys\n"
        "ps, ss = json.loads(sys.argv[1]), json.loads(sys.argv[2])\n"
        "print(json.dumps([[m.span() for m in re.finditer(p, s)] for p in ps for s in ss]))\n"
    )
    import json

    fresh = subprocess.run([sys.executable, "-c", code, json.dumps(patterns), json.dumps(samples)],
                           capture_output=True, text=True, check=True).stdout
    here = [[list(m.span()) for m in re.finditer(p, s)] for p in patterns for s in samples]
    assert json.loads(fresh) == here
