"""Name keys for gazetteer lookups: one spelling-insensitive key per way of writing a place.

Why keys and not fuzzy matching: a key is computed once per name at build time
and once per query, so a lookup is one indexed SQLite probe.  Three levels, from
strict to loose, so a lookup can prefer the strictest that hits:

- `exact_key`:    case, accents, apostrophes, hyphens and dots folded
                  ("Deir ez-Zor" -> "deir ez zor"; "KIRKUK" -> "kirkuk").
- `folded_key`:   Arabic article variants dropped as whole words
                  ("Deir el-Zour" -> "deir zour", "As Sulaymaniyah" -> "sulaymaniyah").
- `skeleton_key`: vowels and w/y/h dropped after each word's first letter and doubled
                  letters merged, so transliterations meet ("Dayr az Zawr" and "Deir ez-Zor"
                  -> "dr zr").  Used only when the stricter keys find nothing.
"""

from __future__ import annotations

import re
import unicodedata

# Arabic definite-article spellings ("al-", "el-", assimilated "ad-", "ar-", "as-", "az-", "ash-" ...).
ARTICLES = frozenset(
    {"al", "el", "il", "ul", "ad", "ar", "as", "az", "ash", "at", "an", "adh", "ath", "ez", "es", "ed", "er",
     "et", "ud", "ur", "us", "uz"}
)

_APOSTROPHES = re.compile(r"[’'`´ʻʼʿʾ‘]")
_SEPARATORS = re.compile(r"[-‐‑‒–—_./,;:()\[\]\"“”]+")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")
_LOOSE_LETTERS = re.compile(r"[aeiouyhw]")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def exact_key(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; a leading "the" dropped."""
    out = (text if text.isascii() else strip_accents(text)).lower()
    out = _APOSTROPHES.sub("", out)
    out = _SPACES.sub(" ", out)  # a name the page wrapped: "SANTA\nTECLA"
    out = _SEPARATORS.sub(" ", out)
    out = _NON_WORD.sub("", out)
    out = _SPACES.sub(" ", out).strip()
    if out.startswith("the "):
        out = out[4:]
    return out


def folded_key(key: str) -> str:
    """Drop article words, but never the last word ("Al Ain" keeps "ain", "As" stays "as")."""
    words = key.split(" ")
    kept = [w for i, w in enumerate(words) if i == len(words) - 1 or w not in ARTICLES]
    # "al" glued to the next word without a separator ("Alqaim", "Alraqqa") is left alone:
    # stripping a leading "al" from every word would fold "Albania" to "bania".
    return " ".join(kept)


def skeleton_key(key: str) -> str:
    """Consonant skeleton of a folded key; "" when too short to be safe."""
    words = []
    for word in folded_key(key).split(" "):
        if not word:
            continue
        tail = _LOOSE_LETTERS.sub("", word[1:])
        merged = word[0]
        for ch in tail:
            if ch != merged[-1]:
                merged += ch
        words.append(merged)
    skeleton = " ".join(words)
    return skeleton if len(skeleton.replace(" ", "")) >= 4 else ""


def keys_for(name: str) -> tuple[str, str, str]:
    """(exact, folded, skeleton) keys of one name."""
    exact = exact_key(name)
    return exact, folded_key(exact), skeleton_key(exact)


def is_usable_alternate(name: str, main: str = "") -> bool:
    """Keep Latin-script alternate names that look like names, not codes or romanised junk.

    GeoNames alternates include IATA codes ("BGW", "USA" for small places),
    lower-case romanisations of CJK names ("de li bo li") and names in other
    scripts; none of them is how an English news story writes the place, and the
    codes are exactly how a country abbreviation ends up matching a town.  An
    alternate of three letters or fewer is kept only as a word of the place's `main` name
    ("Rio" for Rio de Janeiro, "Kut" for Al-Kut): the others are abbreviations and fragments
    ("Dem" for Dengmu, "In" for Smidovich, "Ben" for Bern) that match common words.
    """
    if not name or len(name) > 60 or not name[0].isupper():
        return False
    if len(name) <= 4 and name.isupper():
        return False
    if len(name) <= 3 and exact_key(name) not in set(exact_key(main).split(" ")) - ARTICLES:
        return False
    ascii_like = strip_accents(name)
    return all(ord(ch) < 0x250 for ch in ascii_like)
