"""The actor dictionary files: generated tables up to date, user overrides, bad rows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from eventscope.errors import ConfigError
from eventscope.stages import actor_dictionary
from eventscope.stages.actor_dictionary import (
    ACTORS_FILE,
    USER_FILE_ENV,
    build_dictionary,
    load_dictionary,
    normalise_text,
    tokenize,
)
from eventscope.stages.actors import lookup_actor

ROOT = Path(__file__).resolve().parent.parent


def _build_script():
    spec = importlib.util.spec_from_file_location("build_actor_countries",
                                                  ROOT / "scripts" / "build_actor_countries.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_tables_match_their_sources() -> None:
    script = _build_script()
    assert script.OUTPUT.read_text(encoding="utf-8") == script.build_table(), \
        "actor_countries.tsv is stale: run scripts/build_actor_countries.py"
    assert script.PLACES_OUTPUT.read_text(encoding="utf-8") == script.build_places(), \
        "actor_places.tsv is stale: run scripts/build_actor_countries.py"


def test_data_files_start_with_a_source_comment() -> None:
    for path in (ACTORS_FILE, actor_dictionary.COUNTRIES_FILE, actor_dictionary.PLACES_FILE):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("#"), path


def test_normalisation() -> None:
    assert normalise_text("U.S. and U.N.") == "US and UN"
    assert normalise_text("Kata’ib") == "Kata'ib"
    assert normalise_text("Médecins") == "Medecins"
    words = [t.text for t in tokenize("Iraq's Iran-backed al-Nujaba")]
    assert words == ["Iraq", "'s", "Iran", "backed", "al", "Nujaba"]
    assert tokenize("Iran-backed")[0].hyphen_after


def test_user_file_adds_and_overrides(fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = fixtures_dir / "actors" / "user_actors.tsv"
    monkeypatch.setenv(USER_FILE_ENV, str(user))
    actor = lookup_actor("the Northern Hills Brigade", load_dictionary())
    assert (actor.name, actor.country, actor.affiliation) == ("Brigade of the Northern Hills", "ZZZ", "IRN")
    assert lookup_actor("Hezbollah", load_dictionary()).sector == "PTY"  # user row wins
    monkeypatch.delenv(USER_FILE_ENV)
    assert lookup_actor("Hezbollah", load_dictionary()).sector == "REB"


def test_bad_rows_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("kind\tname\tcountry\tsector\taffiliation\taliases\n"
                   "group\tX\tIRQ\tREB\t\t\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.tsv:2: unknown kind 'group'"):
        build_dictionary([bad])
    bad.write_text("org\tX\tIRQ\t\tX aliases in the wrong column\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad.tsv:1: column affiliation"):
        build_dictionary([bad])
    with pytest.raises(ConfigError, match="not found"):
        build_dictionary([tmp_path / "missing.tsv"])


def test_every_builtin_row_parses() -> None:
    dictionary = build_dictionary([ACTORS_FILE])
    assert dictionary.max_len >= 5
    assert len(dictionary.countries) > 200


def test_an_acronym_with_inner_capitals_is_matched_as_written() -> None:
    """"LeT" is Lashkar-e-Taiba; "Let" in "Let Yet Kone village" is a word of a name."""
    dictionary = load_dictionary()
    assert lookup_actor("LeT", dictionary).country == "PAK"
    assert lookup_actor("Let", dictionary).country is None
    assert lookup_actor("Nato", dictionary).name == "NATO"  # four capitals may still be written "Nato"


def test_a_drone_is_an_instrument_not_a_soldier() -> None:
    assert "(instrument " in lookup_actor("drones", load_dictionary()).reason


def test_a_surname_after_another_given_name_is_another_person() -> None:
    dictionary = load_dictionary()
    assert lookup_actor("Prime Minister Sharif", dictionary).name == "Nawaz Sharif"
    assert lookup_actor("Prime Minister Shehbaz Sharif", dictionary).name != "Nawaz Sharif"

