"""Violence words by class (armed conflict, killing, maiming nouns and verbs), in modifier positions
too ("homicide rate", "slain soldiers"), and what must stay no event (needs the real spaCy model)."""

from __future__ import annotations

import pytest

from eventscope.model import Article, Mention
from eventscope.stages.detect import detect
from eventscope.stages.lexicon import match_trigger
from eventscope.stages.nlp import parse

pytestmark = pytest.mark.slow


def assaults(nlp, text: str) -> list[str]:
    mentions: list[Mention] = detect(parse(Article(id="t", text=text), nlp))
    return [m.trigger.text for m in mentions if m.plover == "ASSAULT"]


@pytest.mark.parametrize(("text", "word"), [
    ("The war in Syria has displaced millions of people.", "war"),
    ("The coup deposed the elected president.", "coup"),
    ("Chicago recorded 473 homicides last year.", "homicides"),
    ("The genocide of the Armenians began in 1915.", "genocide"),
    ("Opponents were exterminated by the regime.", "exterminated"),
    ("They threatened to mutilate the prisoners.", "mutilate"),
    ("Police blamed a gang for the robbery.", "robbery"),
    ("The higher the share of Muslims, the lower the homicide rate.", "homicide"),
    ("Three men were arrested over the assassination attempt.", "assassination"),
    ("Families of the slain soldiers gathered outside.", "slain"),
    ("He suffered fatal wounds in the shooting.", "fatal"),
    ("Militants committed atrocities against civilians in Mosul.", "atrocities"),
    ("Rebels fought for control of the town.", "fought"),  # for a place or a prize, still force
])
def test_violence_words_are_assaults(nlp, text: str, word: str) -> None:
    assert any(word in trigger for trigger in assaults(nlp, text)), assaults(nlp, text)


@pytest.mark.parametrize(("text", "word"), [
    ("Combat troops left the base on Monday.", "Combat"),  # a unit named by its task
    ("Apache attack helicopters flew over the city.", "attack"),  # a vehicle built for it
    ("Paracetamol is used to combat the symptoms of the disease.", "combat"),  # no armed foe
    ("The minister denied any conflict of interest.", "conflict"),
    ("The Boston Marathon bombing suspect was convicted.", "bombing"),  # a person known by an event
    ("The fatal accident closed the road.", "fatal"),  # fatal only on violence words
    ("Doctors need resources to attack the virus.", "attack"),  # no one is attacked
    ("The senator killed the deal on Friday.", "killed"),
    ("Unions called a 48-hour strike.", "strike"),  # a labour strike
    ("The administration hit 13 officials with sanctions.", "hit"),
    ("He faces one count of destroying records.", "destroying"),  # obstruction, not violence
    ("Elie Wiesel, an author who fought for peace and human rights, died.", "fought"),  # a cause
    ("Two of the wounded were fighting for their lives in hospital.", "fighting"),  # survival
])
def test_words_that_stay_no_assault(nlp, text: str, word: str) -> None:
    assert not any(word in trigger for trigger in assaults(nlp, text)), assaults(nlp, text)


@pytest.mark.parametrize(("text", "word"), [
    ('The blast hit a bakery, in what President Macron called an "attack."', "called"),  # naming, no call
    ("He called it terrorism.", "called"),
    ("Police officers keep committing suicide.", "committing"),  # a deed, not a pledge
    ("The army committed atrocities in the village.", "committed"),
])
def test_verbs_that_only_name_or_do_a_deed_are_no_event(nlp, text: str, word: str) -> None:
    mentions = detect(parse(Article(id="t", text=text), nlp))
    assert not [m for m in mentions if m.trigger.text == word], [(m.trigger.text, m.plover) for m in mentions]


def test_modifier_restating_its_noun_is_one_mention_on_the_noun(nlp) -> None:
    found = assaults(nlp, "Investigators studied last year's deadly blast in the city.")
    assert found == ["blast"]


def test_head_clause_of_an_adjective_row(nlp) -> None:
    doc = parse(Article(id="t", text="He died of fatal injuries."), nlp).doc
    fatal = next(t for t in doc if t.text == "fatal")
    match = match_trigger(fatal)
    assert match is not None and match.rule.pos == "A"
    assert "on " in match.rule.describe() and match.rule.specificity == 1


def test_casualty_verb_merged_into_the_attack_noun_leaves_the_noun_the_trigger(nlp) -> None:
    found = assaults(nlp, "A man was killed in a battle between troops and gunmen.")
    assert found == ["battle"]


@pytest.mark.parametrize(("text", "mode"), [
    ("Police fired tear gas at the marchers.", "crowd-control"),
    ("Police fired tear gas and rubber bullets at the marchers.", "crowd-control"),
    ("Soldiers fired shots at the marchers.", "firearms"),
])
def test_what_was_fired_says_how(nlp, text: str, mode: str) -> None:
    """The object of "fire" is the weapon used: tear gas is crowd control, over fire's default of small arms."""
    mentions = detect(parse(Article(id="t", text=text), nlp))
    assert [m.plover_mode for m in mentions if m.trigger.text.startswith("fired")] == [mode]


def test_calling_something_a_name_is_no_phone_call(nlp) -> None:
    """'called the verdict "a sham"': the parser makes the name an apposition of the object."""
    mentions = detect(parse(Article(id="t", text='The State Department called the verdict "a sham".'), nlp))
    assert not [m for m in mentions if m.trigger.text.startswith("called")], mentions
