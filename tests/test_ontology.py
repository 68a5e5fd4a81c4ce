"""The ontology tables: generated ones equal what the build script makes, lookups agree across ontologies."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from eventscope import ontology
from eventscope.ontology import (
    PLOVER_TYPES,
    UnknownCodeError,
    acled_for,
    all_cameo_codes,
    cameo_code,
    legacy_to_plover,
    plover_to_legacy,
    plover_type,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "eventscope" / "data"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_ontology", ROOT / "scripts" / "build_ontology.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_committed_tables_equal_build_output(shared_dir: Path) -> None:
    built = _build_module().build(shared_dir / "reference")
    for name, content in built.items():
        assert (DATA / name).read_text(encoding="utf-8") == content, f"{name} is stale: run scripts/build_ontology.py"


def test_sixteen_plover_types_with_quads_and_scores() -> None:
    assert len(PLOVER_TYPES) == 16
    assert PLOVER_TYPES[0] == "AGREE" and PLOVER_TYPES[-1] == "ASSAULT"
    assault = plover_type("assault")
    assert assault.quad_class == 4 and assault.score == -9
    assert "aerial" in assault.modes and assault.score_for("aerial") == -9.5
    assert plover_type("AID").quad == "MATERIAL COOPERATION"


def test_cameo_codes_carry_goldstein_and_plover() -> None:
    aerial = cameo_code("195")
    assert (aerial.plover, aerial.mode, aerial.goldstein) == ("ASSAULT", "aerial", -10.0)
    assert cameo_code("111").plover == "ACCUSE" and cameo_code("111").mode == "disapprove"
    assert cameo_code("016").plover == "REJECT"
    assert cameo_code("010").plover is None  # a bare statement is not an event
    assert cameo_code("0841").plover == "RETREAT"
    assert len(all_cameo_codes()) > 300


def test_every_mapped_mode_belongs_to_its_type() -> None:
    for code in all_cameo_codes():
        if code.plover and code.mode:
            assert code.mode in plover_type(code.plover).modes, code


def test_unknown_codes_raise_named_error() -> None:
    with pytest.raises(UnknownCodeError, match="999"):
        cameo_code("999")
    with pytest.raises(UnknownCodeError, match="FIGHT"):
        plover_type("FIGHT")


@pytest.mark.parametrize(("plover", "mode", "cameo", "kwargs", "expected"), [
    ("ASSAULT", "aerial", "195", {}, ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", "drone", "195", {}, ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", "heavy-weapons", "194", {}, ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("ASSAULT", "suicide-attack", "1831", {}, ("Explosions/Remote violence", "Suicide bomb")),
    ("ASSAULT", "explosives", "183", {"cues": ["grenade"]}, ("Explosions/Remote violence", "Grenade")),
    ("ASSAULT", "firearms", "193", {"target": "civilian"}, ("Violence against civilians", "Attack")),
    ("ASSAULT", None, "190", {}, ("Battles", "Armed clash")),
    ("PROTEST", "demo", "141", {}, ("Protests", "Peaceful protest")),
    ("PROTEST", "riot", "145", {}, ("Riots", "Violent demonstration")),
    ("COERCE", "arrest", "173", {}, ("Strategic developments", "Arrests")),
    ("COERCE", "seize", "192", {"actor": "state"}, ("Battles", "Government regains territory")),
])
def test_acled_mapping(plover, mode, cameo, kwargs, expected) -> None:
    found = acled_for(plover, mode, cameo, **kwargs)
    assert found is not None and (found.event_type, found.sub_event_type) == expected


def test_verbal_events_have_no_acled_type() -> None:
    assert acled_for("ACCUSE", "disapprove", "111") is None
    assert acled_for("THREATEN", "violence", "138") is None


def test_acled_table_names_only_the_25_sub_types() -> None:
    subs = {row["acled_sub_type"] for row in ontology.read_table("acled.tsv")}
    assert len(subs) <= 25
    assert {"Air/drone strike", "Armed clash", "Peaceful protest", "Arrests"} <= subs


def test_legacy_names() -> None:
    assert legacy_to_plover("plv", "YIELD") == ("CONCEDE", "RETREAT")
    assert legacy_to_plover("plv", "ASSAULT") == ("ASSAULT",)
    assert legacy_to_plover("gsr", "DISAPPROVE") == ("ACCUSE",)
    assert legacy_to_plover("gsr", "DEMAND") == ("REQUEST",)
    assert legacy_to_plover("gsr", "FIGHT") == ("ASSAULT",)
    assert legacy_to_plover("gsr", "DOCUMENT") == ()
    assert plover_to_legacy("plv", "RETREAT") == "YIELD"
    assert plover_to_legacy("plv", "CONCEDE") == "YIELD"
    assert plover_to_legacy("plv", "COERCE", "192") == "ASSAULT"
    assert plover_to_legacy("plv", "COERCE", "173") == "COERCE"
    assert ontology.legacy_mode("gsr", "detain") == ("COERCE", "arrest")
    with pytest.raises(UnknownCodeError):
        legacy_to_plover("gsr", "NOSUCH")
