"""The counts stage on parsed text: figures, sources, and the mention each claim belongs to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventscope.model import Article, Claim, ClaimKind, Mention, Span
from eventscope.stages.counts import PART_OF_TOLL, best_figure, extract_claims
from eventscope.stages.detect import detect
from eventscope.stages.nlp import ParsedArticle, parse

pytestmark = pytest.mark.slow
SENTENCES = Path(__file__).parent / "fixtures" / "counts" / "sentences.tsv"


def _seed(nlp, seed_text: str) -> ParsedArticle:
    body = seed_text[seed_text.index("WASHINGTON:"):]
    text = "\n\n".join(line.strip() for line in body.splitlines() if line.strip())
    return parse(Article(id="seed", text=text, published=dt.date(2021, 6, 29)), nlp)


def _mention(parsed: ParsedArticle, word: str, inside: str, plover: str = "ASSAULT") -> Mention:
    sentence = next(s for s in parsed.sentences if inside in s.text.replace("\xa0", " "))
    token = next(t for t in parsed.doc if t.text == word and sentence.start <= t.idx < sentence.end)
    return Mention(id=f"{parsed.article.id}:{sentence.index}:{token.idx}", article_id=parsed.article.id,
                   sentence_index=sentence.index, trigger=Span(token.idx, token.idx + len(token), token.text),
                   trigger_token=token.i, plover=plover, cameo="190", goldstein=-10.0)


def _claims_of(nlp, text: str, *mentions: tuple[str, str]) -> list[tuple[Claim, ...]]:
    """The claims of each (word, sentence it is in) mention of `text`, in that order."""
    parsed = parse(Article(id="t", text=text), nlp)
    found = [_mention(parsed, word, inside) for word, inside in mentions]
    claims = extract_claims(parsed, found)
    return [claims.get(m.id, ()) for m in found]


def _killed(parsed: ParsedArticle, mentions: list[Mention]) -> list[Claim]:
    """Every killed claim the counts stage reads for these mentions."""
    return [c for cs in extract_claims(parsed, mentions).values() for c in cs if c.kind is ClaimKind.KILLED]


@pytest.fixture(scope="module")
def seed(nlp, seed_text: str) -> ParsedArticle:
    return _seed(nlp, seed_text)


def test_reference_article_claims(seed: ParsedArticle) -> None:
    rocket = _mention(seed, "attack", "came under rocket attack Monday")
    airstrikes = _mention(seed, "airstrikes", "came under rocket attack Monday")
    condemned = _mention(seed, "condemned", "Iraq's military condemned the US airstrikes", plover="DISAPPROVE")
    february = _mention(seed, "attack", "earlier that month")
    rockets = _mention(seed, "attacked", "7:44 p.m.")
    soleimani = _mention(seed, "killed", "US-directed drone killed")
    claims = extract_claims(seed, [rocket, airstrikes, condemned, february, rockets, soleimani])

    killed = [c for c in claims[airstrikes.id] if c.kind is ClaimKind.KILLED and c.min is not None]
    by_source = {c.source: (c.min, c.max) for c in killed}
    assert by_source["Two Iraqi militia officials"] == (4, 4)
    assert by_source["Syrian Observatory for Human Rights"] == (7, None)
    assert best_figure(killed) == 4
    assert any("Associated Press" in c.reason for c in killed)

    rocket_claims = {(c.kind, c.min, c.max) for c in claims[rocket.id]}
    assert (ClaimKind.INJURED, 0, 0) in rocket_claims
    assert (ClaimKind.INJURED, 0, 0) in {(c.kind, c.min, c.max) for c in claims[rockets.id]}  # "no injuries"
    soleimani_claims = {(c.kind, c.min) for c in claims[soleimani.id]}
    assert soleimani_claims == {(ClaimKind.KILLED, 2)}  # Soleimani, and al-Muhandis "also killed in the attack"

    feb = {(c.kind, c.min) for c in claims[february.id]}
    assert (ClaimKind.KILLED, 1) in feb and (ClaimKind.INJURED, 1) in feb
    assert condemned.id not in claims  # a verbal event holds no casualty figure

    for claim in (c for cs in claims.values() for c in cs):
        assert claim.span is not None and seed.article.text[claim.span.start:claim.span.end] == claim.span.text
        assert claim.sentence_index is not None and claim.reason


def _rows() -> list[tuple[str, ...]]:
    lines = SENTENCES.read_text(encoding="utf-8").splitlines()
    return [tuple((line + "\t\t").split("\t")[:5]) for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(("sentence", "kind", "low", "high", "source"), _rows())
def test_sentence_table(nlp, sentence: str, kind: str, low: str, high: str, source: str) -> None:
    parsed = parse(Article(id="t", text=sentence), nlp)
    root = parsed.doc[:].root
    mention = Mention(id="t:0:0", article_id="t", sentence_index=0,
                      trigger=Span(root.idx, root.idx + len(root), root.text), trigger_token=root.i,
                      plover="ASSAULT", cameo="190", goldstein=-10.0)
    claims = [c for c in extract_claims(parsed, [mention]).get(mention.id, ()) if c.kind is ClaimKind(kind)]
    expected = (int(low) if low else None, int(high) if high else None, source or None)
    assert expected in {(c.min, c.max, c.source) for c in claims}, [(c.min, c.max, c.source, c.reason) for c in claims]


def test_claim_without_governing_mention_is_attached_not_dropped(nlp) -> None:
    text = "Rebels attacked the village of Tal on Sunday.\n\nAt least nine villagers died, a local official said."
    parsed = parse(Article(id="t", text=text), nlp)
    attack = _mention(parsed, "attacked", "Rebels attacked")
    claims = extract_claims(parsed, [attack])
    (claim,) = claims[attack.id]
    assert (claim.kind, claim.min, claim.max) == (ClaimKind.KILLED, 9, None)
    assert claim.source == "local official"
    assert "nearest violent event" in claim.reason


def test_no_mentions_means_no_claims(nlp) -> None:
    parsed = parse(Article(id="t", text="Four soldiers were killed."), nlp)
    assert extract_claims(parsed, []) == {}


def test_pronoun_source_takes_the_last_named_speaker(nlp) -> None:
    text = "Rebels shelled the base on Monday, army spokesman Ali Hassan said. He said two soldiers were wounded."
    parsed = parse(Article(id="t", text=text), nlp)
    shelled = _mention(parsed, "shelled", "Rebels shelled")
    (claim,) = extract_claims(parsed, [shelled])[shelled.id]
    assert (claim.kind, claim.min) == (ClaimKind.INJURED, 2)
    assert claim.source is not None and claim.source.endswith("Ali Hassan")


_WORDS = ["four", "at", "least", "seven", "dozens", "of", "people", "were", "killed", "wounded", "no", "one",
          "was", "hurt", "the", "attack", "left", "8", "dead", "police", "said", "according", "to", "militants",
          "kidnapped", "arrested", "a", "soldier", "died", "and", "death", "toll", "rose", "1,200", "casualties",
          "KILLED", "TWO", "bodies", "up", "between", "15", "more", "than", "also", "injuries", "\u201c", "\u201d"]


@settings(max_examples=40, deadline=None)
@given(words=st.lists(st.sampled_from(_WORDS), min_size=1, max_size=16))
def test_any_word_salad_gives_consistent_claims(nlp, words: list[str]) -> None:
    text = " ".join(words) + "."
    parsed = parse(Article(id="t", text=text), nlp)
    root = parsed.doc[0]
    mention = Mention(id="t:0:0", article_id="t", sentence_index=0, trigger=Span(0, len(root), root.text),
                      trigger_token=0, plover="ASSAULT", cameo="190", goldstein=-10.0)
    for claim in extract_claims(parsed, [mention]).get(mention.id, ()):
        assert claim.min is None or claim.min >= 0
        assert claim.min is None or claim.max is None or claim.min <= claim.max
        assert claim.span is not None and text[claim.span.start:claim.span.end] == claim.span.text


@pytest.mark.parametrize("sentence", [
    "The rebels vowed to kill the mayor.",  # an intention, not a death
    "Why are we killing priests in El Salvador?",  # a question asserts nothing
    "The delay killed the agreement.",  # the object is no one
    "He faces an assassination attempt charge.",  # a modifier, not a killing
])
def test_no_killed_claim(nlp, sentence: str) -> None:
    parsed = parse(Article(id="t", text=sentence), nlp)
    root = parsed.doc[:].root
    mention = Mention(id="t:0:0", article_id="t", sentence_index=0,
                      trigger=Span(root.idx, root.idx + len(root), root.text), trigger_token=root.i,
                      plover="ASSAULT", cameo="190", goldstein=-10.0)
    claims = [c for c in extract_claims(parsed, [mention]).get(mention.id, ()) if c.kind is ClaimKind.KILLED]
    assert claims == [], [(c.min, c.max, c.reason) for c in claims]


def test_part_of_the_dead_is_not_a_figure_of_its_own(nlp) -> None:
    text = "Five people were killed in the blast. Two of the dead were children."
    parsed = parse(Article(id="t", text=text), nlp)
    blast = _mention(parsed, "blast", "Five people")
    claims = extract_claims(parsed, [blast])[blast.id]
    assert [(c.min, c.max) for c in claims if c.kind is ClaimKind.KILLED] == [(5, 5)]


@pytest.mark.parametrize(("text", "total"), [
    ("Militants attacked a post near Dori. Three soldiers were killed. Seven militants died in the fighting.", 10),
    ("Gunmen attacked a bus near Kaya. Two policemen were killed. Five others were killed later.", 7),
])
def test_tolls_of_different_groups_add_up(nlp, text: str, total: int) -> None:
    """ACLED's fatality figure is the event's whole toll: figures for different groups in one
    account add up, while rival figures for the same victims stay apart (see best_figure)."""
    parsed = parse(Article(id="t", text=text), nlp)
    attack = _mention(parsed, "attacked", "attacked")
    others = [_mention(parsed, "killed", s.text) for s in parsed.sentences[1:] if "killed" in s.text]
    claims = _killed(parsed, [attack, *others])
    assert best_figure(claims) == total, [(c.min, c.reason) for c in claims]


@pytest.mark.parametrize(("text", "sectors"), [
    ("Guerrillas attacked the garrison. Six guerrillas were killed during the attack.", ("REB",)),
    ("Militants attacked a post near Dori. Three soldiers were killed. Seven militants died in the fighting.",
     ("MIL", "REB")),
    ("Gunmen attacked a bus near Kaya. Two policemen were killed.", ("COP",)),
    ("Gunmen attacked a bus near Kaya, killing two.", ()),
])
def test_a_claim_says_who_its_victims_are(nlp, text: str, sectors: tuple[str, ...]) -> None:
    """The victims' sector rides on the claim, added-up groups together, so a combat loss can be
    told from the death of a target; a bare figure says nothing about who died."""
    parsed = parse(Article(id="t", text=text), nlp)
    attack = _mention(parsed, "attacked", "attacked")
    claims = _killed(parsed, [attack])
    assert [c.victim_sectors for c in claims] == [sectors], [(c.min, c.reason) for c in claims]


def test_figure_for_part_of_a_larger_toll_is_marked(nlp) -> None:

    text = ("At least eight people, including soldiers and rebels, were killed in the clashes.\n\n"
            "Military spokesmen told EFE that two rebels were killed in the clashes.")
    parsed = parse(Article(id="t", text=text), nlp)
    clashes = _mention(parsed, "clashes", "At least eight")
    claims = _killed(parsed, [clashes])
    by_figure = {c.min: c for c in claims}
    assert PART_OF_TOLL in by_figure[2].reason and PART_OF_TOLL not in by_figure[8].reason


def test_place_phrase_is_no_cause_of_a_toll(nlp) -> None:
    """"In the Kharkiv region, a missile hit a building, killing two": the figure belongs to the hit
    it hangs from, not to the paragraph's earlier event through "the region"."""
    text = ("Russian missiles struck energy facilities overnight, killing at least three people, officials said. "
            "In the Kharkiv region, a missile hit a residential building, killing two people, the governor said.")
    struck, hit = _claims_of(nlp, text, ("struck", "Russian missiles"), ("hit", "Kharkiv"))
    assert [c.min for c in struck] == [3]
    assert [c.min for c in hit] == [2]


@pytest.mark.parametrize(("text", "triggers", "total"), [
    # told by another source than the first figure, on a mention of its own
    ("Israeli forces killed three Palestinian gunmen in a raid on Wednesday, the Israeli military said. "
     "The Palestinian health ministry said a 16-year-old boy was also killed.",
     [("raid", "Israeli forces"), ("killed", "health ministry")], 4),
    ("A missile strike on Odesa on Saturday killed three people, the governor said. "
     "Two more people died in hospital on Sunday.", [("strike", "missile strike")], 5),
])
def test_more_victims_add_to_the_figure_told_before(nlp, text: str, triggers: list[tuple[str, str]],
                                                     total: int) -> None:
    """"A boy was also killed", "two more people died in hospital": more victims of the same account,
    so the figures add up rather than rival (whoever the sources)."""
    parsed = parse(Article(id="t", text=text), nlp)
    claims = _killed(parsed, [_mention(parsed, word, inside) for word, inside in triggers])
    assert best_figure(claims) == total, [(c.min, c.reason) for c in claims]


def test_a_toll_of_another_event_is_no_whole_of_this_one(nlp) -> None:
    # the car bomb's 12 dead of last month do not make the seven soldiers a part of a larger toll
    text = ("Militants attacked a base on Wednesday. Seven soldiers died in the fighting, an officer said.\n\n"
            "Police arrested four suspects over a car bomb that killed 12 people last month.")
    attack, _bomb = _claims_of(nlp, text, ("attacked", "Militants attacked"), ("bomb", "car bomb"))
    (seven,) = [c for c in attack if c.min == 7]
    assert PART_OF_TOLL not in seven.reason, seven.reason


def test_the_toll_of_an_earlier_event_told_as_a_time_reference_is_not_added(nlp) -> None:
    text = ("An Israeli drone strike on a car in southern Lebanon killed two Hezbollah members on Wednesday, the "
            "group said, a week after Israel killed a senior commander in a strike on Beirut's southern suburbs.")
    parsed = parse(Article(id="t", text=text), nlp)
    held = extract_claims(parsed, detect(parsed)).values()
    figures = sorted(sorted(c.min for c in claims if c.min is not None) for claims in held)
    assert figures == [[1], [2]], [[(c.min, c.reason) for c in claims] for claims in held]
