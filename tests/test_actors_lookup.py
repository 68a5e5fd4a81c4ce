"""lookup_actor: surface strings to coded actors, without a parse."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from eventscope.stages.actor_dictionary import load_dictionary
from eventscope.stages.actors import lookup_actor


def _cases(fixtures_dir: Path) -> list[list[str]]:
    lines = (fixtures_dir / "actors" / "lookup_cases.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line and not line.startswith("#")]
    return [[*row, "", "", ""][:4] for row in csv.reader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)]


def test_fixture_cases(fixtures_dir: Path) -> None:
    wrong = []
    for text, country, sector, affiliation in _cases(fixtures_dir):
        actor = lookup_actor(text)
        got = (actor.country or "", actor.sector or "", actor.affiliation or "")
        if got != (country, sector, affiliation):
            wrong.append(f"{text!r}: want {(country, sector, affiliation)} got {got} ({actor.reason})")
    assert not wrong, "\n".join(wrong)


def test_possessive_and_role_give_country_and_sector() -> None:
    actor = lookup_actor("Iraq's military")
    assert (actor.name, actor.country, actor.sector) == ("Iraq military", "IRQ", "MIL")
    assert "'Iraq'" in actor.reason and "'military'" in actor.reason
    assert actor.unknown_reason is None


def test_sponsor_is_affiliation_not_country() -> None:
    actor = lookup_actor("Iran-backed militia groups")
    assert actor.country is None and actor.affiliation == "IRN" and actor.sector == "REB"
    assert actor.unknown_reason and "no country word" in actor.unknown_reason
    assert lookup_actor("militias backed by Iran").affiliation == "IRN"
    assert lookup_actor("pro-Iran fighters").affiliation == "IRN"


def test_anti_country_is_not_the_actor() -> None:
    actor = lookup_actor("anti-American protesters")
    assert actor.country is None and actor.sector == "CVL"
    assert "not the actor's country" in actor.reason


def test_unknown_says_why() -> None:
    actor = lookup_actor("the group")
    assert actor.country is None and actor.sector is None
    assert actor.unknown_reason == ("country: no country word or known name in 'the group'; "
                                    "sector: no role word or known name in 'the group'")
    bare = lookup_actor("Iraq")
    assert bare.country == "IRQ" and bare.sector is None
    assert bare.unknown_reason and "state as a whole" in bare.unknown_reason


def test_person_with_title_and_country_word() -> None:
    blinken = lookup_actor("Secretary of State Antony Blinken")
    assert (blinken.country, blinken.sector, blinken.name) == ("USA", "GOV", "Antony Blinken")
    stranger = lookup_actor("President Ivo Petrovsky")  # not in the dictionary
    assert stranger.sector == "GOV" and stranger.country is None
    assert stranger.unknown_reason and "country" in stranger.unknown_reason
    assert lookup_actor("Kenyan President Ivo Petrovsky").country == "KEN"


@pytest.mark.parametrize("text", ["Kata'ib Hezbollah", "Kata’ib Hezbollah", "Kataib Hezbollah",
                                  "KATA'IB HEZBOLLAH FIGHTERS IN THE NORTH"])
def test_transliteration_variants(text: str) -> None:
    actor = lookup_actor(text)
    assert (actor.name, actor.country, actor.affiliation) == ("Kata'ib Hezbollah", "IRQ", "IRN")


@pytest.mark.parametrize("text", ["al-Shabaab", "Al Shabaab", "el-Shabaab", "Shabaab", "al-Shabab"])
def test_article_variants(text: str) -> None:
    assert lookup_actor(text).name == "Al-Shabaab"


def test_case_keeps_common_words_out() -> None:
    assert lookup_actor("some of us").country is None
    assert lookup_actor("the US").country == "USA"
    assert lookup_actor("U.S. officials").country == "USA"
    assert lookup_actor("a roast turkey").country is None
    assert lookup_actor("Turkey").country == "TUR"
    assert lookup_actor("what is left").name != "Islamic State"


def test_head_phrase_decides_over_modifier_phrase() -> None:
    court = lookup_actor("A court in Bishkek")
    assert (court.country, court.sector) == ("KGZ", "JUD")
    assert "modifier phrase" in court.reason
    spokesman = lookup_actor("a spokesman for the Nigerian army")
    assert (spokesman.country, spokesman.sector) == ("NGA", "MIL")


def test_igo_generic_sector_yields_to_role_word() -> None:
    assert lookup_actor("United Nations military personnel").sector == "MIL"
    assert lookup_actor("the United Nations").sector == "IGO"


def test_latin_american_is_not_usa() -> None:
    assert lookup_actor("Latin American leaders").country is None


def test_dictionary_loads_every_layer() -> None:
    dictionary = load_dictionary()
    assert dictionary.countries["IRQ"] == "Iraq"
    assert dictionary.sector_labels["MIL"] == "military"
    assert lookup_actor("a court in Lyon").country == "FRA"  # from the generated places table


def test_actor_command_prints_codes_and_reasons(fixtures_dir: Path) -> None:
    import io
    import json

    from eventscope.actor_cli import run_actor

    out = io.StringIO()
    assert run_actor(["Iraq's military", "the group"], out=out) == 0
    text = out.getvalue()
    assert "country=IRQ sector=MIL" in text and "unknown: country: no country word" in text
    out = io.StringIO()
    run_actor(["BNH"], str(fixtures_dir / "actors" / "user_actors.tsv"), as_json=True, out=out)
    assert json.loads(out.getvalue())["country"] == "ZZZ"


@pytest.mark.parametrize(("text", "name", "country"), [
    ("a bus in central Mali", "bus", "MLI"),  # a bus, of Mali by where it is, not the state of Mali
    ("a market in Kabul", "market", "AFG"),
    ("civilians in central Mali", "Mali civilians", "MLI"),  # an actor word in the head keeps its name
    ("Syria", "Syria", "SYR"),
])
def test_a_thing_in_a_country_is_named_by_its_head(text: str, name: str, country: str) -> None:
    actor = lookup_actor(text)
    assert (actor.name, actor.country) == (name, country)


def test_a_possessive_role_word_is_named_without_its_s() -> None:
    """"the government's decision to suspend talks": the actor is "government", not "government's"."""
    from eventscope.stages.actor_lookup import lookup_actor

    assert lookup_actor("the government's").name == "government"
    assert lookup_actor("Hamas's").name == "Hamas"


@pytest.mark.parametrize(("text", "country"), [
    ("West Papua National Liberation Army", None),  # another group with the same sort of name
    ("the Marxist National Liberation Army", "COL"),  # a word about the group, not part of its name
    ("Colombia's National Liberation Army", "COL"),
])
def test_a_known_name_inside_a_longer_name_is_not_that_group(text: str, country: str | None) -> None:
    actor = lookup_actor(text)
    assert (actor.country, actor.sector) == (country, "REB")


def test_congo_alone_is_the_democratic_republic_as_wire_style_writes_it() -> None:
    assert lookup_actor("Congo").country == "COD"
    assert lookup_actor("the Republic of Congo").country == "COG"
