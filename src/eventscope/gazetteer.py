"""The compiled gazetteer: load it, look names up, rank homonyms.

Ranking, in order (each step says why):
1. A country name is a country.  If any candidate at the best key level is a
   country, it wins outright: "USA", "China", "France" never become a town
   (Mordecai v2 resolved them to a community centre, a university, a suburb).
2. Stricter key levels beat looser ones (exact spelling > article-folded >
   consonant skeleton), so "Salvador" stays Brazil's city and "El Salvador" the country.
3. Then a score: population (log scale), capitals, named regions, and the
   article's country focus (countries the article and its dateline mention), so
   "Tripoli" in a Lebanon story is Lebanon's and "Tripoli" alone is Libya's.
   A division named like its main city ("Kirkuk") loses to the city unless the
   text said "province"/"governorate", because events happen in towns.  The focus
   does not lift a small town over a national capital of the same name: in a
   Washington-datelined story, Blinken "in Rome" is in Italy, not in Rome, Georgia
   (a town qualified by its state, "Paris, Texas", is read by stages/admin_chain.py).
"""

from __future__ import annotations

import math
import sqlite3
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from eventscope.config import Settings
from eventscope.errors import ConfigError
from eventscope.gazetteer_build import SCHEMA_VERSION, build_gazetteer, data_fingerprint
from eventscope.model import Place, PlacePrecision, Span
from eventscope.placenames import exact_key, folded_key, skeleton_key

_KIND_BONUS = {"country": 3.0, "region": 3.5, "compass": 3.5, "capital": 1.5, "admin1": -1.0, "city": 0.0}
_LEVEL_BONUS = {0: 2.0, 1: 1.0, 2: -1.5}
FOCUS_WEIGHT = 3.0
# A town below this population gets no focus bonus against a national capital of the same name.
CAPITAL_RIVAL_MAX = 100_000


class GazPlace(NamedTuple):
    """One gazetteer entry, before it is attached to a span of text.

    A NamedTuple, not a dataclass: a lookup builds several of these, and tuples
    are built several times faster, which is most of the 20,000 lookups/s budget.
    """

    id: int
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    countries: tuple[str, ...]
    admin1: str | None
    population: int
    kind: str  # country, admin1, region, compass, capital, city
    precision: PlacePrecision

    def to_place(self, span: Span | None = None, reason: str = "",
                 precision: PlacePrecision | None = None) -> Place:
        return Place(name=self.name, lat=self.lat, lon=self.lon, country=self.country, admin1=self.admin1,
                     precision=precision or self.precision, geonameid=self.geonameid, span=span, reason=reason)


@dataclass(frozen=True)
class Candidate:
    place: GazPlace
    level: int  # 0 exact key, 1 article-folded, 2 skeleton


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


_BY_KEY = ("SELECT n.level, n.key, p.* FROM names n JOIN places p ON p.id = n.place_id "
           "WHERE n.key = ? AND n.level < 2")
_BY_TWO_KEYS = ("SELECT n.level, n.key, p.* FROM names n JOIN places p ON p.id = n.place_id "
                "WHERE n.key IN (?, ?) AND n.level < 2")


class Gazetteer:
    """Read-only view of the compiled file.  Safe to share across threads (read-only connection)."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise ConfigError(f"{path}: gazetteer file not found (run `eventscope gazetteer build`)")
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        try:
            version = self._con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"{path}: not a gazetteer file ({exc})") from None
        if not version or version[0] != SCHEMA_VERSION:
            raise ConfigError(f"{path}: gazetteer schema {version[0] if version else '?'} is outdated; "
                              "rebuild it with `eventscope gazetteer build`")
        stamp = self._con.execute("SELECT value FROM meta WHERE key='fingerprint'").fetchone()
        self.fingerprint: str = stamp[0] if stamp else ""
        self._countries = {p.country: p for p in self._query("SELECT * FROM places WHERE kind='country'", ())}
        self.candidates = lru_cache(maxsize=50_000)(self._candidates)

    def close(self) -> None:
        self._con.close()

    def _query(self, sql: str, args: tuple[object, ...]) -> list[GazPlace]:
        return [_row_to_place(r) for r in self._con.execute(sql, args)]

    def _candidates(self, text: str) -> tuple[Candidate, ...]:
        """Every place the name can mean, at the strictest key level that matches anything."""
        exact = exact_key(text)
        if not exact:
            return ()
        folded = folded_key(exact)
        if folded == exact:
            rows = self._con.execute(_BY_KEY, (exact,)).fetchall()
        else:
            rows = self._con.execute(_BY_TWO_KEYS, (exact, folded)).fetchall()
        found: dict[int, Candidate] = {}
        for level, key, *place in rows:
            # a query key matching a stored key of the same level is exact; anything else is a folded match
            quality = 0 if (key == exact and level == 0) else 1
            gp = _row_to_place(tuple(place))
            if gp.id not in found or found[gp.id].level > quality:
                found[gp.id] = Candidate(gp, quality)
        if not found:
            skeleton = skeleton_key(exact)
            if skeleton:
                rows = self._con.execute(
                    "SELECT p.* FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ? AND n.level = 2",
                    (skeleton,)).fetchall()
                for place in rows:
                    gp = _row_to_place(tuple(place))
                    found.setdefault(gp.id, Candidate(gp, 2))
        return tuple(found.values())

    def rank(self, candidates: tuple[Candidate, ...], focus: Mapping[str, float] | None = None,
             admin_hint: bool = False) -> list[tuple[float, Candidate]]:
        """Candidates best first with their scores; see the module docstring for the order."""
        if not candidates:
            return []
        best_level = min(c.level for c in candidates)
        pool = [c for c in candidates if c.level == best_level]
        countries = [c for c in pool if c.place.kind == "country"]
        if countries:
            return [(100.0, c) for c in countries]
        if any(c.place.kind == "region" for c in pool):
            # a region named as such ("Central America") is not a compass part of a country whose
            # alias the name happens to contain ("central" + "America")
            pool = [c for c in pool if c.place.kind != "compass"]
        capital_named = focus and any(c.place.kind == "capital" for c in pool)
        scored = []
        for c in pool:
            p = c.place
            score = 0.6 * math.log10(p.population + 10) + _KIND_BONUS.get(p.kind, 0.0) + _LEVEL_BONUS[c.level]
            if admin_hint and p.kind == "admin1":
                score += 3.0
            if focus and not (capital_named and p.kind == "city" and p.population < CAPITAL_RIVAL_MAX):
                codes = p.countries or ((p.country,) if p.country else ())
                score += FOCUS_WEIGHT * max((focus.get(code, 0.0) for code in codes), default=0.0)
            scored.append((score, c))
        scored.sort(key=lambda item: (-item[0], item[1].place.id))
        return scored

    def lookup(self, text: str, focus: Mapping[str, float] | None = None,
               admin_hint: bool = False, max_level: int = 2) -> GazPlace | None:
        """The best place for a name, or None when the gazetteer does not know it.

        `max_level` drops looser matches: 1 ignores consonant skeletons, 0 wants the exact
        spelling.  Callers pass it for names the parser did not call a place (a PERSON or
        ORG), where a loose match is usually a coincidence ("Machinegun" ~ "Mohnyin").
        """
        cands = self.candidates(text)
        if max_level < 2:
            cands = tuple(c for c in cands if c.level <= max_level)
        ranked = self.rank(cands, focus, admin_hint)
        return ranked[0][1].place if ranked else None

    def country(self, iso3: str) -> GazPlace | None:
        return self._countries.get(iso3)

    def country_named(self, text: str) -> GazPlace | None:
        """Only a country (never a town) for a name, e.g. to read a dateline or a border phrase."""
        for c in self.candidates(text):
            if c.place.kind == "country" and c.level < 2:
                return c.place
        return None

    def same_admin1(self, a: str, b: str, country: str | None = None) -> bool:
        """Whether two spellings name one first-level division ("Barisal"/"Barishal Division",
        "Ninawa"/"Ninewa"), for scorers comparing Place.admin1 with a dataset's admin1 column."""
        if not a or not b:
            return False
        if folded_key(exact_key(a)) == folded_key(exact_key(b)):
            return True

        def ids(name: str) -> set[int]:
            return {c.place.id for c in self.candidates(name) if c.place.kind == "admin1" and c.level < 2
                    and (country is None or c.place.country == country)}

        return bool(ids(a) & ids(b))

    def border(self, a: str, b: str) -> GazPlace | None:
        """The border region of two countries: midpoint of their closest pairs of towns."""
        return _border(self, *sorted((a, b)))

    def towns_of(self, iso3: str, min_population: int = 5000) -> list[GazPlace]:
        return self._query("SELECT * FROM places WHERE country=? AND kind IN ('city','capital') AND population>=?",
                           (iso3, min_population))


@lru_cache(maxsize=512)
def _border(gaz: Gazetteer, a: str, b: str) -> GazPlace | None:
    ca, cb = gaz.country(a), gaz.country(b)
    if ca is None or cb is None:
        return None
    towns_a, towns_b = gaz.towns_of(a, 2000), gaz.towns_of(b, 2000)
    pairs = []
    for ta in towns_a:
        for tb in towns_b:
            if ta.lat is None or tb.lat is None or ta.lon is None or tb.lon is None:
                continue
            if abs(ta.lat - tb.lat) > 3 or abs(ta.lon - tb.lon) > 3:
                continue
            pairs.append((distance_km(ta.lat, ta.lon, tb.lat, tb.lon), ta, tb))
    if not pairs:
        return None
    pairs.sort(key=lambda item: item[0])
    close = pairs[:10]
    lat = sum((t1.lat or 0) + (t2.lat or 0) for _, t1, t2 in close) / (2 * len(close))
    lon = sum((t1.lon or 0) + (t2.lon or 0) for _, t1, t2 in close) / (2 * len(close))
    return ca._replace(id=-1, geonameid=None, name=f"{ca.name}-{cb.name} border", lat=lat, lon=lon,
                   countries=(a, b), admin1=None, kind="region", precision=PlacePrecision.REGION)


_PRECISIONS = {p.value: p for p in PlacePrecision}


def _row_to_place(row: tuple[Any, ...]) -> GazPlace:
    (pid, geonameid, name, lat, lon, country, countries, admin1, population, kind, precision) = row
    return GazPlace(pid, geonameid, name, lat, lon, country, tuple(countries.split("|")) if countries else (),
                    admin1, population or 0, kind, _PRECISIONS[precision])


def load_gazetteer(settings: Settings) -> Gazetteer:
    """Open the compiled gazetteer, building it first (one stderr line) if it is missing or stale."""
    path = settings.gazetteer_path
    if path.exists():
        try:
            gaz = Gazetteer(path)
            if gaz.fingerprint == data_fingerprint():
                return gaz
            gaz.close()
            why = "its data tables changed"
        except ConfigError:
            why = "it is from an older version or unreadable"
        print(f"eventscope: rebuilding the gazetteer at {path} ({why}; about 30 s)", file=sys.stderr)
    else:
        print(f"eventscope: building the gazetteer at {path} (once, about 30 s)", file=sys.stderr)
    build_gazetteer(path, log=lambda _message: None)
    return Gazetteer(path)


def benchmark(gaz: Gazetteer, names: list[str]) -> dict[str, float]:
    """Lookups per second over `names` with a cold cache, by wall clock and by CPU time.

    Both are reported because this machine is shared: the wall-clock rate falls
    with other people's load, the CPU-time rate measures the code.
    """
    gaz.candidates.cache_clear()
    wall, cpu = time.perf_counter(), time.process_time()
    for name in names:
        gaz.lookup(name)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"lookups": len(names), "seconds": wall, "lookups_per_second": len(names) / wall,
            "lookups_per_cpu_second": len(names) / max(cpu, 1e-9)}
