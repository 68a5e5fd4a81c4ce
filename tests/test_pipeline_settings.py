"""Pipeline settings that change what the stages do."""

from __future__ import annotations

import pytest

from eventscope.config import Settings, load_settings
from eventscope.model import Article
from eventscope.pipeline import Pipeline
from eventscope.stages import classifier_signal


@pytest.mark.slow
def test_classifiers_setting_switches_detect_to_the_lexicon_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTSCOPE_CLASSIFIERS", "false")
    settings = load_settings()
    assert settings.classifiers is False
    try:
        pipeline = Pipeline(settings)
        assert classifier_signal.scorer() is None
        article = Article(id="a", text="Gunmen attacked a village and killed three farmers on Monday.")
        events = pipeline.extract_one(article).events
        assert events and all(e.reasons.get("decided_by", "lexicon") == "lexicon" for e in events)
        assert not any(e.reasons.get("acled", "").startswith("classifier") for e in events)
    finally:
        Pipeline(Settings())  # the switch is process-wide: leave it on for other tests
    assert classifier_signal.scorer() is not None


def test_a_loaded_pipeline_leaves_its_resources_out_of_the_cyclic_collector() -> None:
    """The spaCy model and the dictionaries live as long as the process; the collector need not walk them."""
    import gc

    pipeline = Pipeline(Settings())
    collected = {id(obj) for obj in gc.get_objects()}
    assert gc.get_freeze_count() > 0
    assert id(pipeline.nlp) not in collected and id(pipeline.actor_dictionary) not in collected
