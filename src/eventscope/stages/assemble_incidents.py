"""What one incident is, beyond "nothing disagrees" (assemble_match): a casualty tally over a period
is a statistic, not an event; a bare toll ("two people were killed as a result") with no time or place
of its own reports on the incident told before it.  Split from assemble, which applies these rules.
"""

from __future__ import annotations

from eventscope.model import Claim, ClaimKind, Mention, Place, TimeRef
from eventscope.stages.assemble_match import is_weak_date
from eventscope.stages.nlp import ParsedArticle

__all__ = ["TALLY_DAYS", "TALLY_MIN", "TOLL_REACH", "is_bare_toll", "is_tally"]


# Words that only report a toll: "two people were killed and five wounded as a result".
TOLL_WORDS = frozenset({"kill", "die", "dead", "wound", "injure", "hurt"})
# How many sentences after an incident's last mention a bare toll still reports on it.
TOLL_REACH = 8


def is_bare_toll(parsed: ParsedArticle, mention: Mention, date: TimeRef, place: Place | None,
                 claims: tuple[Claim, ...]) -> bool:
    """A mention that only reports casualties ("TWO PEOPLE WERE KILLED AND FIVE OTHERS WERE WOUNDED AS
    A RESULT"), with no time or place of its own: the toll of the incident the story last told, not
    an incident of its own.  A named place or time, or no figure, and it stands alone."""
    if not is_weak_date(date) or (place is not None and place.span is not None):
        return False
    if not any(c.kind in (ClaimKind.KILLED, ClaimKind.INJURED) and c.min for c in claims):
        return False
    if not 0 <= mention.trigger_token < len(parsed.doc):
        return False
    return parsed.doc[mention.trigger_token].lemma_.lower() in TOLL_WORDS


# Words that count the dead or hurt of a whole period ("some 1,600 Peruvians were murdered during the
# last quarter of 1989", "4,600 victims last year"): the mention is a statistic when its time covers at
# least TALLY_DAYS and it counts at least TALLY_MIN people.  ACLED and MUC-4 code incidents, not
# tallies; a named victim or a smaller figure over a long time is more likely one recalled incident.
TALLY_WORDS = frozenset({"kill", "murder", "die", "dead", "death", "casualty", "victim", "wound", "injure",
                         "assassinate", "massacre"})
TALLY_DAYS = 28
TALLY_MIN = 20


def is_tally(parsed: ParsedArticle, mention: Mention, date: TimeRef, claims: tuple[Claim, ...]) -> bool:
    """A casualty count over a month or more, told by a casualty word alone: a statistic, not an event."""
    interval = date.interval()
    if interval is None or is_weak_date(date) or (interval[1] - interval[0]).days + 1 < TALLY_DAYS:
        return False
    if not any(c.kind in (ClaimKind.KILLED, ClaimKind.INJURED) and (c.min or 0) >= TALLY_MIN for c in claims):
        return False
    if not 0 <= mention.trigger_token < len(parsed.doc):
        return False
    return parsed.doc[mention.trigger_token].lemma_.lower() in TALLY_WORDS
