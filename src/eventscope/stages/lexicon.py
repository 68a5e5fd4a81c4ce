"""Trigger and weapon-word lexicons (data/triggers.tsv, data/modes.tsv) matched against a spaCy parse.

Kept apart from detect.py so that the sentence-level detector and the dyad coder
share one matcher, and so the rules stay in the data files, not in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from eventscope.errors import ConfigError
from eventscope.ontology import CameoCode, cameo_code, read_table

# Dependents whose lemma can satisfy an `obj=` clause.
OBJECT_DEPS = {"dobj", "pobj", "nsubjpass", "attr", "oprd", "xcomp", "ccomp", "acomp", "compound", "amod",
               "nmod", "npadvmod", "dative", "advmod", "prt", "conj", "appos", "nummod", "poss", "nsubj"}
PREP_DEPS = {"prep", "prt", "agent", "advmod", "mark"}
NAMED_OBJECTS = frozenset({"GPE", "LOC", "FAC", "PERSON"})  # entity types an `obj=@...` clause may name
# Nouns that make what follows them the cause of another act: "launched in response to the attacks
# by militias", "retaliation for a rocket attack", "revenge for the attack".
ANSWER_NOUNS = frozenset({"response", "retaliation", "revenge", "reprisal", "retribution", "reply"})
# Nouns for what was put out about an event: a statement, a video, a claim.
REPORT_NOUNS = frozenset({"claim", "message", "statement", "video", "post", "communique", "communiqué",
                          "report", "bulletin", "broadcast", "announcement", "letter", "tweet"})
# Nouns that gather deeds into one run ("a spate of bombings", "a barrage of rockets").
SERIES_NOUNS = frozenset({"series", "spate", "wave", "string", "rash", "campaign", "round", "number", "flurry",
                          "barrage", "volley", "salvo", "succession"})
# "vowed to keep striking", "vowed to continue fighting": the deed is the aspect verb's complement.
ASPECT_VERBS = frozenset({"keep", "continue", "resume", "go", "carry", "step", "start", "begin"})


@dataclass(frozen=True)
class TriggerRule:
    lemma: str
    pos: str  # "V", "N" or "*"
    preps: tuple[frozenset[str], ...]
    objects: tuple[frozenset[str], ...]
    deps: tuple[frozenset[str], ...]  # required dependency labels ("dep=xcomp")
    intransitive: bool  # "noobj": only without a direct object or clausal complement
    cameo: str | None  # None: the wording is not an event on its own
    control: bool
    weak: bool  # only used when no other trigger competes
    note: str
    line: int
    # required lemma of the word the trigger modifies ("head=wound"); last, with a default, so that
    # rules built in code (classifier-only anchors) need not name it
    heads: tuple[frozenset[str], ...] = ()
    # required lemma of the active subject or a word on it ("subj=shell": "mortar shells landed near ...")
    subjects: tuple[frozenset[str], ...] = ()

    @property
    def specificity(self) -> int:
        return (len(self.preps) + len(self.objects) + len(self.deps) + len(self.heads) + len(self.subjects)
                + int(self.intransitive))

    def describe(self) -> str:
        need = [f"+{'/'.join(sorted(p))}" for p in self.preps] + [f"+{'/'.join(sorted(o))[:40]}" for o in self.objects]
        need += [f"on {'/'.join(sorted(h))[:40]}" for h in self.heads]
        return self.lemma + (" " + " ".join(need) if need else "")


@dataclass(frozen=True)
class TriggerMatch:
    token: Token
    rule: TriggerRule
    evidence: str  # which dependent satisfied the rule, for the reason string


@dataclass(frozen=True)
class ModeCue:
    cue: str
    mode: str
    cameo: str
    priority: int


@cache
def trigger_rules() -> dict[str, tuple[TriggerRule, ...]]:
    rules: dict[str, list[TriggerRule]] = {}
    for line, row in enumerate(read_table("triggers.tsv"), start=1):
        preps: list[frozenset[str]] = []
        objects: list[frozenset[str]] = []
        deps: list[frozenset[str]] = []
        heads: list[frozenset[str]] = []
        subjects: list[frozenset[str]] = []
        intransitive = False
        for clause in filter(None, row["requires"].split(";")):
            if clause == "noobj":
                intransitive = True
                continue
            key, _, words = clause.partition("=")
            target = {"prep": preps, "obj": objects, "dep": deps, "head": heads, "subj": subjects}.get(key)
            if target is None or not words:
                raise ConfigError(f"triggers.tsv: row {line} ({row['lemma']}): bad requires clause {clause!r}")
            target.append(frozenset(words.split("|")))
        code = row["cameo"] if row["cameo"] not in ("", "-") else None
        if code is not None:
            cameo_code(code)  # fail early on a code the ontology does not know
        rules.setdefault(row["lemma"], []).append(TriggerRule(
            lemma=row["lemma"], pos=row["pos"] or "*", preps=tuple(preps), objects=tuple(objects),
            deps=tuple(deps), heads=tuple(heads), subjects=tuple(subjects), intransitive=intransitive,
            cameo=code, control=row["control"] == "1", weak=row["control"] == "w", note=row["note"], line=line))
    return {lemma: tuple(sorted(rs, key=lambda r: (-r.specificity, r.line))) for lemma, rs in rules.items()}


@cache
def mode_cues() -> dict[str, ModeCue]:
    return {row["cue"]: ModeCue(row["cue"], row["mode"], row["cameo"], int(row["priority"]))
            for row in read_table("modes.tsv")}


def lemma_of(token: Token) -> str:
    lemma = token.lemma_.lower()
    # The small model sometimes leaves plurals unlemmatised for rare nouns ("airstrikes").
    if token.pos_ in ("NOUN", "PROPN") and lemma.endswith("s") and lemma not in trigger_rules() \
            and lemma[:-1] in trigger_rules():
        return lemma[:-1]
    # ... and mis-lemmatises some past forms ("raped" -> "rap"): the text minus "d"/"ed" names the trigger.
    if token.pos_ == "VERB" and lemma not in trigger_rules() and token.lower_.endswith("ed"):
        for stem in (token.lower_[:-1], token.lower_[:-2]):
            if stem in trigger_rules():
                return stem
    return lemma


def _pos_ok(rule: TriggerRule, token: Token) -> bool:
    if rule.pos == "*":
        return token.pos_ in ("VERB", "NOUN", "PROPN", "AUX", "ADJ")
    if rule.pos == "V":
        return token.pos_ in ("VERB", "AUX") or (token.tag_.startswith("VB"))
    if rule.pos == "A":  # an adjective or participle describing a noun ("slain soldiers", "fatal wounds")
        return token.pos_ == "ADJ" or token.tag_ in ("JJ", "VBN")
    return token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN")


# Nouns that count what their "of" object names ("hundreds of fighters").
COUNT_NOUNS = frozenset({"hundred", "thousand", "dozen", "score", "million", "number", "group", "handful"})


def dependents(token: Token) -> list[Token]:
    """Lemma-bearing dependents: direct ones, objects of its prepositions, and objects of its xcomp."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in OBJECT_DEPS:
            found.append(child)
            if child.dep_ in ("xcomp", "ccomp"):
                found.extend(c for c in child.children if c.dep_ in ("dobj", "prt")
                             or (c.dep_ == "xcomp" and child.lemma_.lower() in ASPECT_VERBS))
            if child.dep_ in ("dobj", "nsubjpass", "pobj"):
                # "entered Wad Madani, the capital of ...": what the object is, told by its apposition
                found.extend(c for c in child.children if c.dep_ in ("compound", "amod", "appos"))
                # "recruited hundreds of fighters", "freed dozens of hostages": a count's "of" object
                if child.like_num or child.lemma_.lower() in COUNT_NOUNS:
                    found.extend(p for of in child.children if of.dep_ == "prep" and of.lower_ == "of"
                                 for p in of.children if p.dep_ == "pobj")
        if child.dep_ in ("prep", "agent", "acl", "relcl"):
            found.extend(c for c in child.children if c.dep_ in ("pobj", "dobj", "pcomp"))
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.extend(c for c in pobj.children if c.dep_ in ("compound", "amod"))
    if token.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in token.children):
        # "intercepted and destroyed two drones": coordinated verbs share the object the parse gives the last
        for verb in (c for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            found.extend(c for c in verb.children if c.dep_ == "dobj")
    if token.dep_ in ("dobj", "pobj", "nsubjpass") and token.head.pos_ == "VERB":
        found.append(token.head)  # "took hostages": the governing verb can be the needed word
    if token.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        found.append(token.head)  # "a disease to battle": the noun is the infinitive's object
    return found


def _subject_lemmas(token: Token) -> set[str]:
    """Lemmas of the active subject and the words on it ("mortar shells" -> shell, mortar)."""
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    words = subjects + [m for s in subjects for m in s.children if m.dep_ in ("compound", "amod")]
    return {lemma_of(w) for w in words}


def match_trigger(token: Token) -> TriggerMatch | None:
    """The most specific lexicon rule whose lemma, part of speech and required dependents fit `token`."""
    rules = trigger_rules().get(lemma_of(token))
    if not rules:
        return None
    deps = dependents(token)
    # "@gpe", "@loc", "@fac", "@person": a named object ("seized Sheberghan") fits `obj=@gpe`;
    # a place after a preposition ("seized explosives in Bakool") is where, not what.
    dep_lemmas = {lemma_of(d) for d in deps} | {d.lower_ for d in deps} | \
        {f"@{d.ent_type_.lower()}" for d in deps if d.ent_type_ in NAMED_OBJECTS and d.dep_ in ("dobj", "nsubjpass")}
    # A preposition that only carries a date ("called ... on Saturday") is not a particle.
    prep_lemmas = {c.lower_ for c in token.children if c.dep_ in PREP_DEPS
                   and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children if o.dep_ == "pobj")}
    if token.dep_ == "pcomp" or (token.i + 1 < len(token.doc) and token.nbor(1).dep_ == "prt"):
        prep_lemmas.add(token.nbor(1).lower_ if token.i + 1 < len(token.doc) else "")
    # A word the lexicon knows only as a noun, tagged as a present-tense verb, is the noun mis-tagged:
    # "Syrian government airstrikes on a town killed 12" (the small model reads "airstrikes" as VBZ).
    noun_only = token.tag_ in ("VBZ", "VBP") and all(rule.pos == "N" for rule in rules)
    child_deps = {c.dep_ for c in token.children}
    if any(g.dep_ == "appos" for c in token.children if c.dep_ == "dobj" for g in c.children):
        child_deps.add("oprd")  # 'called the verdict "a sham"': the parser's apposition is the name given
    for rule in rules:
        if not (_pos_ok(rule, token) or noun_only):
            continue
        evidence = []
        ok = True
        for words in rule.preps:
            hit = words & prep_lemmas
            if not hit:
                ok = False
                break
            evidence.append(sorted(hit)[0])
        for words in rule.objects if ok else ():
            hit = words & dep_lemmas
            if not hit:
                ok = False
                break
            evidence.append(sorted(hit)[0])
        for labels in rule.deps if ok else ():
            if not labels & child_deps:
                ok = False
        for words in rule.heads if ok else ():
            # through "of" too: "a note of protest" modifies "note"
            through_of = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
            if token.head.i == token.i or (lemma_of(token.head) not in words
                                           and (through_of is None or lemma_of(through_of) not in words)):
                ok = False
        for words in rule.subjects if ok else ():
            if not words & _subject_lemmas(token):
                ok = False
        # a passive has its object as subject ("protesters were dispersed by police"): no intransitive use
        if ok and rule.intransitive and any(c.dep_ in ("dobj", "ccomp", "advcl", "auxpass", "nsubjpass")
                                            or (c.dep_ == "prep" and c.lower_ == "with") for c in token.children):
            ok = False
        if ok:
            return TriggerMatch(token=token, rule=rule, evidence=" ".join(evidence))
    return None


# CAMEO roots of deeds of force: assault (18), fight (19), unconventional mass violence (20).
FORCE_ROOTS = frozenset({"18", "19", "20"})


def trigger_code(token: Token) -> CameoCode | None:
    """The CAMEO code the lexicon gives the word where it stands, if it names an event ("the bombing",
    "the attack"); None for a word that is no trigger or whose row names no event on its own."""
    found = match_trigger(token)
    return cameo_code(found.rule.cameo) if found is not None and found.rule.cameo else None


# Verbs whose passive subject is the target ("the helicopter was hit", "a drone was shot down").
STRUCK_VERBS = frozenset({"hit", "strike", "attack", "target", "shoot", "down", "damage", "destroy", "ambush",
                          "bomb", "shell", "raid", "storm"})


def mode_context(token: Token) -> list[Token]:
    """Tokens whose words can tell how an attack was carried out: the trigger, its modifiers,
    subject and objects, instruments ("with rockets", "by drones") and what a light verb carries."""
    seen = [token]
    for child in token.children:
        if child.dep_ == "nsubjpass" and lemma_of(token) in STRUCK_VERBS:
            continue  # "the helicopter was hit several times": what was hit, not what hit it
        if child.dep_ in ("compound", "amod", "nmod", "nsubj", "nsubjpass", "dobj", "npadvmod", "poss"):
            seen.append(child)
            seen.extend(c for c in child.children if c.dep_ in ("compound", "amod", "nmod"))
            if child.dep_ == "dobj":  # "detonated explosives strapped to her body"
                seen.extend(c for c in child.children if c.dep_ == "acl")
            for conj in (c for c in child.children if c.dep_ == "conj"):  # "gunmen and suicide bombers"
                seen.append(conj)
                seen.extend(c for c in conj.children if c.dep_ in ("compound", "amod", "nmod"))
        if child.dep_ in ("prep", "agent") and child.lower_ in ("with", "by", "from", "of", "using"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                seen.append(pobj)
                seen.extend(c for c in pobj.children if c.dep_ in ("compound", "amod"))
                # "attacked with explosives dropped from drones": what carried the weapon
                seen.extend(carrier for acl in pobj.children if acl.dep_ == "acl"
                            for prep in acl.children if prep.dep_ in ("prep", "agent") and prep.lower_ in ("from", "by")
                            for carrier in prep.children if carrier.dep_ == "pobj")
    # "killed when shells landed", "died when a bomb went off": the clause tells how the harm was done, also for
    # the harm verbs it follows ("were killed and three wounded when a roadside bomb struck")
    for verb in (token, *(c for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB")):
        for clause in verb.children:
            if clause.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ == "when"
                                              for c in clause.children):
                seen.append(clause)
                for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                    seen.append(subject)
                    seen.extend(c for c in subject.children if c.dep_ in ("compound", "amod"))
    if token.dep_ in ("dobj", "pobj") and token.head.pos_ in ("VERB", "ADP"):
        head = token.head if token.head.pos_ == "VERB" else token.head.head
        seen.extend(c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != token.i)
    return seen


def mode_cue(token: Token) -> ModeCue | None:
    """The weapon/method cue a word gives, by lemma or by its own form ("rubber", "bombing")."""
    cues = mode_cues()
    return cues.get(lemma_of(token)) or cues.get(token.lower_)


def find_mode(token: Token) -> tuple[ModeCue, Token] | None:
    """The strongest weapon/method cue around `token`, with the token that carries it."""
    best: tuple[ModeCue, Token] | None = None
    for tok in mode_context(token):
        cue = mode_cue(tok)
        if cue is None or cue.mode == "-":
            continue
        if best is None or cue.priority > best[0].priority:
            best = (cue, tok)
    return best


def is_weapon_mode(mode: str | None) -> bool:
    """A mode a weapon word can give (or none yet): act modes such as abduct or sexual say what was
    done, so "gunmen abducted" stays an abduction, not a shooting."""
    return mode is None or any(c.mode == mode for c in mode_cues().values())


def mode_priority(mode: str | None) -> int:
    """How specific a mode is: the highest priority of the cues that give it (0 for none)."""
    if mode is None:
        return 0
    return max((c.priority for c in mode_cues().values() if c.mode == mode), default=0)
