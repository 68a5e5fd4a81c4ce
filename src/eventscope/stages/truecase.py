"""Truecasing for upper-case text (wire copy, MUC-4), so the parser sees names as names.

spaCy's small English model is trained on mixed-case text: on "GUERRILLAS
ATTACKED SAN MIGUEL" it finds no entities and tags most words PROPN.  The nlp
stage therefore parses a truecased copy of a mostly upper-case article.  Only
letter case changes, never the length, so every character offset of the copy is
an offset of the original and the stages work on `Article.text` unchanged.

How each word is cased, first rule that applies:
1. Dotted acronyms ("U.S.") and words listed as acronyms in
   `data/truecase_words.tsv` stay upper case, and so do words without a vowel
   ("FMLN", "PDC"), which no English or Spanish word lacks.
2. Names the project's own resources know: phrases of the actor dictionary
   (countries, demonyms, capitals, places, organisations, persons) and gazetteer
   places.  A gazetteer match made only of common English words needs a large
   population ("LIMA" the city, not "SECTOR" the hamlet).  Names are capitalised
   word by word; an organisation's short non-English word stays an acronym ("ELN").
3. Month, weekday and other name words of the table; "MAY" and "MARCH" only next
   to a number.
4. A word that is not English (not in the spaCy lemmatizer's word index, after
   undoing regular inflections) is a name: capitalised, or kept upper case when
   it has at most four letters (an acronym: "DIJIN", "UCA").
5. Everything else is lower case, except a sentence's first word and "I".
Title words ("COL", "PRESIDENT") are capitalised when a name follows them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventscope.errors import ConfigError

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "truecase_words.tsv"
UPPER_SHARE = 0.8  # an article counts as upper case when this share of its letters is upper case
MAX_PHRASE = 4

_WORD = re.compile(r"[A-Za-z]+")
_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")
_VOWELS = frozenset("aeiouy")
# Small words inside a multi-word name that stay lower case ("Shining Path", but "Ministry of Defense").
_PARTICLES = frozenset({"of", "the", "and", "for", "de", "del", "la", "las", "los", "y", "da", "do", "dos", "e"})
_STOP = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "and", "or", "by", "for", "with", "from",
                   "is", "was", "are", "were", "be", "he", "she", "it", "we", "they", "this", "that"})
# Characters after which the next word starts a sentence (with only spaces, quotes or brackets between).
_SENTENCE_END = frozenset(".!?:;")
NAMED_ENTRY_KINDS = frozenset({"country", "demonym", "capital", "place", "org", "igo", "person", "region"})
ACRONYM_ENTRY_KINDS = frozenset({"org", "igo"})

PlaceTest = Callable[[str, bool], bool]  # (phrase, made only of common words) -> is a place name


def mostly_upper(text: str, share: float = UPPER_SHARE) -> bool:
    """True when at least `share` of the letters are upper case (and there are some letters)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= share * len(letters)


def doc_upper(doc: Doc) -> bool:
    """mostly_upper over a whole parsed article, kept on the Doc: stages ask once per sentence,
    and building doc.text for each question costs as much as the test."""
    if "eventscope_upper" not in doc.user_data:
        doc.user_data["eventscope_upper"] = mostly_upper(doc.text)
    return bool(doc.user_data["eventscope_upper"])


@dataclass(frozen=True)
class WordTable:
    """The hand-written word lists of `data/truecase_words.tsv`, by how they are cased."""

    names: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    acronyms: frozenset[str] = frozenset()


def read_word_table(path: Path = WORDS_FILE) -> WordTable:
    groups: dict[str, set[str]] = {"name": set(), "month": set(), "title": set(), "acronym": set()}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: truecase word table unreadable ({exc.strerror})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#") or line.startswith("word\t"):
            continue
        cells = line.split("\t")
        if len(cells) != 2 or cells[1].strip() not in groups:
            raise ConfigError(f"{path}:{number}: expected 'word<TAB>name|month|title|acronym'")
        groups[cells[1].strip()].add(cells[0].strip().lower())
    return WordTable(frozenset(groups["name"]), frozenset(groups["month"]), frozenset(groups["title"]),
                     frozenset(groups["acronym"]))


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    lower: str


@dataclass
class Truecaser:
    """Restores letter case in upper-case text; see the module docstring for the rules.

    `is_english(word)` says whether a lower-case word is an ordinary English word;
    `name_phrases` maps lower-case word tuples to the kind of name they are
    (actor-dictionary kinds); `is_place(phrase, common)` asks the gazetteer.
    """

    is_english: Callable[[str], bool]
    name_phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    is_place: PlaceTest | None = None
    words: WordTable = field(default_factory=WordTable)
    function_words: frozenset[str] = _STOP  # never a name by themselves ("WHO", "US" in upper-case text)

    def __post_init__(self) -> None:
        self._max_len = max([MAX_PHRASE, *(len(k) for k in self.name_phrases)])

    def apply(self, text: str) -> str:
        """`text` with letter case restored; the result has exactly the length of `text`."""
        out = [_lower(c) for c in text]
        words = [_Word(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
        keep_upper = {i for m in _DOTTED.finditer(text) for i in range(m.start(), m.end())}
        cased: dict[int, str] = {}  # word index -> "cap" | "upper"
        short_unknown = {k for k, w in enumerate(words) if 3 <= len(w.lower) <= 4 and _VOWELS & set(w.lower)
                         and w.lower not in self.words.acronyms and not self.is_english(w.lower)}
        i = 0
        while i < len(words):
            width, how = self._name_at(text, words, i)
            for k in range(i, i + width):
                cased[k] = how if k == i or words[k].lower not in _PARTICLES else "lower"
            if width:
                i += width
                continue
            how = self._single(text, words, i)
            if how != "lower":
                cased[i] = how
            i += 1
        for k in sorted(short_unknown):  # a short unknown word inside a name is a name ("ALAN GARCIA")
            if cased.get(k) == "upper" and any(
                    0 <= j < len(words) and cased.get(j) == "cap" and _adjacent(text, sorted(
                        (words[j], words[k]), key=lambda w: w.start)) for j in (k - 1, k + 1)):
                cased[k] = "cap"
        for k, word in enumerate(words):  # titles before a name: "COL EMILIO PONCE"
            if word.lower in self.words.titles and cased.get(k + 1) == "cap" and k not in cased:
                cased[k] = "cap"
        for k, word in enumerate(words):
            how = cased.get(k, "lower")
            if word.start in keep_upper:
                how = "upper"
            elif how == "lower" and (word.lower == "i" or _starts_sentence(text, word.start)):
                how = "cap"
            if how == "upper":
                out[word.start:word.end] = text[word.start:word.end]
            elif how == "cap":
                out[word.start] = text[word.start].upper()
        return "".join(out)

    # -- rules -----------------------------------------------------------
    def _name_at(self, text: str, words: list[_Word], i: int) -> tuple[int, str]:
        """(number of words, casing) of the longest name starting at word i, or (0, '')."""
        for width in range(min(self._max_len, len(words) - i), 0, -1):
            span = words[i:i + width]
            if not _adjacent(text, span):
                continue
            key = tuple(w.lower for w in span)
            if key[0] in self.function_words or key[-1] in self.function_words:
                continue
            kind = self.name_phrases.get(key)
            if kind is not None:
                if width == 1 and kind in ACRONYM_ENTRY_KINDS and len(key[0]) <= 5 \
                        and not self.is_english(key[0]):
                    return 1, "upper"
                return width, "cap"
            if self.is_place is not None and width <= MAX_PHRASE:
                if width == 1 and (len(key[0]) < 4 or not self.is_english(key[0])):
                    continue  # short words and unknown words are left to the single-word rules
                common = all(self.is_english(w) for w in key)
                if self.is_place(" ".join(key), common):
                    return width, "cap"
        return 0, ""

    def _single(self, text: str, words: list[_Word], i: int) -> str:
        word = words[i].lower
        if word in self.words.titles:
            return "lower"  # capitalised later if a name follows
        if word in self.words.acronyms or (len(word) >= 2 and not _VOWELS & set(word)):
            return "upper"
        if word in self.words.names:
            return "cap"
        if word in self.words.months:
            return "cap" if _next_to_number(text, words[i]) else "lower"
        if len(word) >= 3 and not self.is_english(word):
            return "upper" if len(word) <= 4 else "cap"
        return "lower"


def _lower(c: str) -> str:
    low = c.lower()
    return low if len(low) == 1 else c  # never change the length ("İ".lower() has two characters)


def _adjacent(text: str, span: list[_Word]) -> bool:
    """Words of one phrase: only spaces, one line break or a hyphen between them."""
    for a, b in itertools.pairwise(span):
        gap = text[a.end:b.start]
        if gap.strip(" \n-") or gap.count("\n") > 1 or not gap:
            return False
    return True


def _starts_sentence(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in " \t\"'([":
        j -= 1
    if j < 0:
        return True
    if text[j] == "\n":
        k = j - 1
        while k >= 0 and text[k] in " \t":
            k -= 1
        return k < 0 or text[k] == "\n" or text[k] in _SENTENCE_END or text[k] == "]"
    if text[j] == "." and j >= 2 and text[j - 2] == ".":
        return False  # the stop of "U.S." ends no sentence
    return text[j] in _SENTENCE_END or text[j] == "]" or text[max(0, j - 1):j + 1] == "--"


def _next_to_number(text: str, word: _Word) -> bool:
    before = text[max(0, word.start - 4):word.start].rstrip()
    after = text[word.end:word.end + 4].lstrip()
    return (bool(before) and before[-1].isdigit()) or (bool(after) and after[0].isdigit())


# ---------------------------------------------------------------------------
# Building a truecaser from the project's resources


def english_test(nlp: Any) -> Callable[[str], bool]:
    """Is a lower-case word ordinary English?  The lemmatizer's word index, its exceptions, and its
    suffix rules ("killed" -> "kill", "bodies" -> "body").  Without a lemmatizer: every word is."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
        index = lookups.get_table("lemma_index")
        exceptions = lookups.get_table("lemma_exc")
        rules = lookups.get_table("lemma_rules")
    except (KeyError, AttributeError, ValueError):
        return lambda _word: True
    stop_words: set[str] = getattr(getattr(nlp, "Defaults", None), "stop_words", set())
    known = frozenset(w for pos in index for w in index[pos] if "_" not in w) | frozenset(stop_words)
    irregular = frozenset(w for pos in exceptions for w in exceptions[pos])
    suffixes = tuple({(old, new) for pos in rules for old, new in rules[pos] if old})

    @lru_cache(maxsize=100_000)
    def is_english(word: str) -> bool:
        if word in known or word in irregular:
            return True
        return any(word.endswith(old) and word[: len(word) - len(old)] + new in known
                   for old, new in suffixes if len(word) > len(old) + 1)

    return is_english


class _AliasRecorder:
    """Stands in for an ActorDictionary while its table readers run, keeping (entry, alias) pairs."""

    def __init__(self) -> None:
        self.pairs: list[tuple[Any, str]] = []
        self.countries: dict[str, str] = {}
        self.sector_labels: dict[str, str] = {}

    def add(self, entry: Any, alias: str) -> None:
        self.pairs.append((entry, alias))


def dictionary_phrases(user_path: Path | None = None,
                       kinds: Iterable[str] = NAMED_ENTRY_KINDS) -> dict[tuple[str, ...], str]:
    """Lower-case word tuples of the actor dictionary's names (built-in tables plus the user's), with
    their entry kind; read by the dictionary's own table readers."""
    from eventscope.stages import actor_dictionary as ad

    recorder = _AliasRecorder()
    ad.read_places(ad.PLACES_FILE, recorder)  # type: ignore[arg-type]
    ad.read_countries(ad.COUNTRIES_FILE, recorder)  # type: ignore[arg-type]
    for path in [ad.ACTORS_FILE] + ([user_path] if user_path else []):
        ad.read_actors(path, recorder)  # type: ignore[arg-type]
    out: dict[tuple[str, ...], str] = {}
    wanted = frozenset(kinds)
    for entry, alias in recorder.pairs:
        if entry.kind in wanted:
            key = tuple(t.text.lower() for t in ad.tokenize(alias))
            if key and key[0] == "the":
                key = key[1:]
            if key:
                out[key] = entry.kind  # later tables win, as in the dictionary itself
    return out


def gazetteer_test(gazetteer: Any) -> PlaceTest:
    """A place test over the compiled gazetteer (exact and article-folded keys only)."""

    @lru_cache(maxsize=100_000)
    def is_place(phrase: str, common: bool) -> bool:
        cands = tuple(c for c in gazetteer.candidates(phrase) if c.level < 2)
        ranked = gazetteer.rank(cands)
        if not ranked:
            return False
        place = ranked[0][1].place
        if place.kind in ("country", "region"):
            return True
        n_words = phrase.count(" ") + 1
        if common:  # "CAPITAL", "CENTRAL" name divisions somewhere; only a big town beats the word
            return place.kind in ("city", "capital") and place.population >= (100_000 if n_words > 1 else 1_000_000)
        return place.population >= 1000 or place.kind == "admin1"

    return is_place


@lru_cache(maxsize=2)
def default_truecaser(nlp: Any) -> Truecaser:
    """The truecaser built from the default settings' gazetteer and actor dictionary."""
    from eventscope.config import load_settings
    from eventscope.gazetteer import load_gazetteer

    settings = load_settings()
    stop_words = frozenset(getattr(getattr(nlp, "Defaults", None), "stop_words", ()))
    return Truecaser(english_test(nlp), dictionary_phrases(settings.actor_dictionary),
                     gazetteer_test(load_gazetteer(settings)), read_word_table(), _STOP | stop_words)


def truecase(text: str, nlp: Any) -> str:
    """`text` truecased when it is mostly upper case, else unchanged (same length either way)."""
    if not mostly_upper(text):
        return text
    return default_truecaser(nlp).apply(text)
