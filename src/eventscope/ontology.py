"""The three event ontologies, read from readable tables in `eventscope/data/`.

One CAMEO code is the single coding decision; PLOVER type/mode, Goldstein score
and the ACLED type follow from it through these tables, so the three cannot
disagree.  Tables:

    cameo.tsv          code -> name, Goldstein, PLOVER type/mode/context  (generated: scripts/build_ontology.py)
    plover.tsv         PLOVER type -> quad class, score, modes             (generated: scripts/build_ontology.py)
    acled.tsv          (PLOVER type, mode, CAMEO, condition) -> ACLED type (hand-written, first match wins)
    plover_legacy.tsv  PLV / PLOVER 0.5 labels -> PLOVER 0.8              (hand-written)
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from eventscope.errors import ConfigError, EventscopeError

__all__ = [
    "ARMED_SECTORS",
    "COMBATANT_SECTORS",
    "HOSTILE_TYPES",
    "PLOVER_TYPES",
    "AcledType",
    "CameoCode",
    "PloverType",
    "UnknownCodeError",
    "acled_for",
    "all_cameo_codes",
    "cameo_code",
    "legacy_mode",
    "legacy_to_plover",
    "plover_to_legacy",
    "plover_type",
    "read_table",
]


class UnknownCodeError(EventscopeError, LookupError):
    """A code or label that the ontology tables do not know."""


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover: str | None  # None for codes that are not events in PLOVER (01x statements)
    mode: str | None
    context: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class PloverType:
    name: str
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    quad: str
    score: float
    modes: tuple[str, ...]
    mode_scores: tuple[tuple[str, float], ...]

    def score_for(self, mode: str | None) -> float:
        """PLOVER score of the type, or of type:mode when the manual gives one."""
        return dict(self.mode_scores).get(mode or "", self.score)


@dataclass(frozen=True)
class AcledType:
    event_type: str
    sub_event_type: str
    why: str


def read_table(name: str) -> Iterator[dict[str, str]]:
    """Rows of a TSV under eventscope/data/, skipping `#` comment lines before the header."""
    try:
        text = resources.files("eventscope.data").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"data table eventscope/data/{name} is missing") from None
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {key: (value or "").strip() for key, value in row.items()}


@cache
def _cameo() -> dict[str, CameoCode]:
    table = {}
    for row in read_table("cameo.tsv"):
        try:
            goldstein = float(row["goldstein"])
        except ValueError:
            raise ConfigError(f"cameo.tsv: code {row['code']}: goldstein {row['goldstein']!r} is not a number") from None
        table[row["code"]] = CameoCode(
            code=row["code"], name=row["name"], goldstein=goldstein, plover=row["plover"] or None,
            mode=row["plover_mode"] or None,
            context=tuple(c for c in row["context"].split(";") if c), note=row["note"])
    return table


@cache
def _plover() -> dict[str, PloverType]:
    table = {}
    for row in read_table("plover.tsv"):
        modes, scores = [], []
        for cell in filter(None, row["modes"].split(",")):
            mode, _, score = cell.partition("=")
            modes.append(mode)
            if score:
                scores.append((mode, float(score)))
        table[row["type"]] = PloverType(
            name=row["type"], quad_class=int(row["quad_class"]), quad=row["quad"], score=float(row["score"]),
            modes=tuple(modes), mode_scores=tuple(scores))
    return table


PLOVER_TYPES: tuple[str, ...] = tuple(_plover())
# The types in which actor1 does physical harm to actor2: what a reply answers, and whose actor1 is
# the attacker behind a casualty figure.
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE"})

# Actor sectors of organised armed men (CAMEO agent codes): military, rebels, police, intelligence,
# insurgents, separatists, unaligned armed forces, pro-government militias, criminal gangs.  ACLED's
# armed clash is between two of them; violence by one against anybody else is an attack on civilians,
# officials included (stages/assemble.py).
ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "SPY", "INS", "SEP", "UAF", "PMG", "CRM"})
# Sectors of combatants in the sense of international humanitarian law: armed forces and organised
# armed groups.  Police, guards and gangs are not, so a killed soldier or guerrilla is a combat loss,
# while a killed policeman is a human target like a civilian (MUC-4 templates count him, not them).
COMBATANT_SECTORS = frozenset({"MIL", "REB", "INS", "SEP", "UAF", "PMG"})
# Sectors of the state's own organs: government, military, police, courts, legislature, intelligence.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


# PLOVER modes of one kind of deed: a suicide bombing is an explosion ("the blast" after "a suicide
# bomber blew himself up" tells the same attack).
MODE_FAMILIES = (frozenset({"explosives", "suicide-attack"}),)
# "targeted" (an assassination, a massacre) says whom a killing was aimed at, not with what: it goes
# with any weapon ("the June 2021 massacre in Solhan, where gunmen killed at least 132 people").  Not
# "destroy": on MUC-4 an arson or a bombing of property told beside a shooting is its own incident.
WEAPON_MODES = frozenset({"firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                          "primitive", "unconventional"})


def modes_agree(a: str | None, b: str | None) -> bool:
    """Two modes that do not tell different deeds: either unknown, equal, of one family, or an aim
    ("targeted") or an abduction and a weapon."""
    if not a or not b or a == b or any({a, b} <= family for family in MODE_FAMILIES):
        return True
    # an aim ("targeted") or a seizure of people ("abduct") with the weapon it was done with: "gunmen stormed
    # the village, abducted dozens and shot dead two men who resisted"
    how = {a, b} - WEAPON_MODES
    return len(how) == 1 and how <= {"targeted", "abduct"}


def cameo_code(code: str) -> CameoCode:
    try:
        return _cameo()[code]
    except KeyError:
        raise UnknownCodeError(f"CAMEO code {code!r} is not in eventscope/data/cameo.tsv") from None


def all_cameo_codes() -> tuple[CameoCode, ...]:
    return tuple(_cameo().values())


def plover_type(name: str) -> PloverType:
    try:
        return _plover()[name.upper()]
    except KeyError:
        raise UnknownCodeError(f"PLOVER type {name!r} is not in eventscope/data/plover.tsv") from None


@cache
def _acled_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_table("acled.tsv"))


def acled_for(plover: str, mode: str | None = None, cameo: str | None = None, *,
              target: str | None = None, actor: str | None = None,
              cues: Iterable[str] = ()) -> AcledType | None:
    """The ACLED type for one coded event, or None when ACLED would not record it.

    `target` is "civilian" or "protester" when the caller knows the victims are;
    `actor` is "state" or "nonstate"; `cues` are weapon/mode words seen near the trigger.
    """
    facts = {f"cue:{c.lower()}" for c in cues}
    if target:
        facts.add(f"target:{target}")
    if actor:
        facts.add(f"actor:{actor}")
    for row in _acled_rows():
        if row["plover"] != plover:
            continue
        if row["mode"] and row["mode"] != (mode or ""):
            continue
        if row["cameo"] and not (cameo or "").startswith(row["cameo"]):
            continue
        if row["condition"] and row["condition"] not in facts:
            continue
        return AcledType(row["acled_type"], row["acled_sub_type"], row["why"])
    return None


@cache
def _legacy_rows() -> tuple[dict[str, str], ...]:
    return tuple(read_table("plover_legacy.tsv"))


def legacy_to_plover(scheme: str, label: str) -> tuple[str, ...]:
    """Current PLOVER types an old label stands for: () when it is no event, (label,) when unchanged."""
    hits = tuple(r["plover"] for r in _legacy_rows()
                 if r["scheme"] == scheme and r["kind"] == "type" and r["legacy"] == label.upper())
    if hits:
        return tuple(h for h in hits if h)
    if label.upper() in _plover():
        return (label.upper(),)
    raise UnknownCodeError(f"{scheme} label {label!r} is neither in plover_legacy.tsv nor a PLOVER type")


def plover_to_legacy(scheme: str, plover: str, cameo: str | None = None) -> str:
    """The label a data set using `scheme` would give to a current PLOVER type (for scoring).

    `cameo` lets a scheme that follows CAMEO roots (PLV) label a few codes by their root.
    """
    rows = _legacy_rows()
    if cameo:
        for r in rows:
            if r["scheme"] == scheme and r["kind"] == "cameo" and cameo.startswith(r["legacy"]):
                return r["plover"]
    for r in rows:
        if r["scheme"] == scheme and r["kind"] == "type" and r["plover"] == plover and r["primary"] == "1":
            return r["legacy"]
    return plover


def legacy_mode(scheme: str, mode: str) -> tuple[str | None, str | None]:
    """(type, mode) for an old mode label, or (None, mode) when it is unchanged."""
    for r in _legacy_rows():
        if r["scheme"] == scheme and r["kind"] == "mode" and r["legacy"] == mode:
            return (r["plover"] or None, r["plover_mode"] or None)
    return (None, mode or None)
