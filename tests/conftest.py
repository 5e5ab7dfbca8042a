from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "samples" / "000_06e19f818bbc1da6.txt"


@pytest.fixture
def sample_text() -> str:
    """The real sample page; tests that need it are skipped where ../shared is absent."""
    if not SAMPLE.exists():
        pytest.skip("../shared/samples is not available")
    return SAMPLE.read_text(encoding="utf-8")
