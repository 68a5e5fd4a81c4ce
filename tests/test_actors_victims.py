"""Arguments of attack nouns and casualty claims: who made an attack, who underwent it, who died."""

from __future__ import annotations

import pytest

from eventscope.model import ActorRoles, Article, Claim, ClaimKind, Mention, Span
from eventscope.stages.actors import claim_victims, resolve_actors
from eventscope.stages.nlp import parse

pytestmark = pytest.mark.slow


def _roles(nlp, text: str, trigger: str) -> ActorRoles:
    parsed = parse(Article(id="t", text=text), nlp)
    token = next(t for t in parsed.doc if t.text == trigger)
    mention = Mention(id="m", article_id="t", sentence_index=0,
                      trigger=Span(token.idx, token.idx + len(token.text), token.text),
                      trigger_token=token.i, plover="ASSAULT", cameo="190", goldstein=-10.0)
    return resolve_actors(parsed, [mention])["m"]


def _victims(nlp, text: str, claimed: str) -> list[str]:
    parsed = parse(Article(id="t", text=text), nlp)
    start = text.index(claimed)
    claim = Claim(ClaimKind.KILLED, None, None, span=Span(start, start + len(claimed), claimed))
    return [a.text for a in claim_victims(parsed, claim)]


def test_claim_victims_are_the_counted_people(nlp) -> None:
    text = "A bomb exploded at the market on Friday, killing 168 people."
    assert _victims(nlp, text, "killing 168 people") == ["168 people"]


def test_claim_victims_of_a_passive(nlp) -> None:
    text = "Seven Taliban militants were killed in two explosions."
    victims = _victims(nlp, text, "Seven Taliban militants were killed")
    assert victims and "militants" in victims[0]


def test_claim_without_span_has_no_victims(nlp) -> None:
    parsed = parse(Article(id="t", text="Five died."), nlp)
    assert claim_victims(parsed, Claim(ClaimKind.KILLED, 5, 5)) == ()


def test_speaking_of_an_attack_does_not_make_the_speaker_its_attacker(nlp) -> None:
    roles = _roles(nlp, "President Macron condemned the bombing.", "bombing")
    assert roles.actor1 == ()


def test_suffering_attacks_makes_the_subject_the_target(nlp) -> None:
    roles = _roles(nlp, "The Kurdish town suffered heavy shelling.", "shelling")
    assert roles.actor1 == ()
    assert [a.text for a in roles.actor2] == ["Kurdish town"]


def test_who_accepts_responsibility_for_an_attack_made_it(nlp) -> None:
    roles = _roles(nlp, "The Provisional IRA accepted responsibility for the bombings.", "bombings")
    assert [a.text for a in roles.actor1] == ["Provisional IRA"]


def test_a_gerund_after_a_preposition_shares_the_clause_subject(nlp) -> None:
    roles = _roles(nlp, "Some of these fighters ran up to the checkpoint before detonating the bomb.", "detonating")
    assert [a.text for a in roles.actor1] == ["Some"] or "fighters" in roles.actor1[0].text
    roles = _roles(nlp, "Police accused the group of killing five people.", "killing")
    assert [a.text for a in roles.actor1] == ["group"]


def test_a_weapon_object_gives_way_to_what_it_hit(nlp) -> None:
    roles = _roles(nlp, "The militants detonated the bomb at the police station.", "detonated")
    assert [a.text for a in roles.actor2] == ["police station"]


def test_an_attack_inside_a_series_takes_the_series_arguments(nlp) -> None:
    roles = _roles(nlp, "The Taliban launched a series of attacks on police posts.", "attacks")
    assert [a.text for a in roles.actor1] == ["Taliban"]


def test_a_bare_figure_object_is_the_victims(nlp) -> None:
    roles = _roles(nlp, "The bomb killed 13 people and wounded 71.", "wounded")
    assert [a.text for a in roles.actor2] == ["71"]


def test_what_exploded_is_no_attacker(nlp) -> None:
    assert _roles(nlp, "The car bomb exploded near the station, killing two soldiers.", "killing").actor1 == ()
    roles = _roles(nlp, "The militant detonated a bomb near the station.", "detonated")
    assert [a.text for a in roles.actor1] == ["militant"]


def test_the_owner_of_a_place_is_no_attacker(nlp) -> None:
    assert _roles(nlp, "The villagers were shot in their home.", "shot").actor1 == ()
