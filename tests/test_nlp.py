"""The nlp stage: a blank line ends a sentence, a single line break does not."""

from __future__ import annotations

import pytest

from eventscope.model import Article
from eventscope.stages.nlp import parse

pytestmark = pytest.mark.slow


def test_headline_without_full_stop_is_its_own_sentence(nlp) -> None:
    text = "US troops attacked after airstrikes on militias\n\nDrones are seen during an exercise in Iran."
    parsed = parse(Article(id="n", text=text), nlp)
    assert [s.text.strip() for s in parsed.sentences] == [
        "US troops attacked after airstrikes on militias", "Drones are seen during an exercise in Iran."]


def test_wrapped_lines_stay_one_sentence(nlp) -> None:
    text = "GUERRILLAS ATTACKED THE POWER STATION IN\nUSULUTAN DEPARTMENT LAST NIGHT, THE ARMY SAID."
    parsed = parse(Article(id="m", text=text), nlp)
    assert len(parsed.sentences) == 1
