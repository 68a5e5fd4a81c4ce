"""Regenerate the ontology tables in src/eventscope/data/ from ../shared/reference/.

Sources (facts only; descriptions are our own or the short official names):
  cameo/cameo-codes.csv        CAMEO 1.1b3 codes, names and Goldstein scores (andybega/icews)
  plover/CAMEO2PLOVER-2021.txt CAMEO -> PLOVER type, mode, context (openeventdata/PLOVER)
  plover/PLOVER_MANUAL.tex     PLOVER 0.8 types, quad classes, modes per type, PLOVER score table

Writes data/cameo.tsv and data/plover.tsv.  The CAMEO->PLOVER file leaves out the
01 (statement) and 02 (appeal) families and uses a few modes that are not modes of
their type (e.g. "seize" for ASSAULT, "heavy-weapons" for 195 aerial weapons); the
corrections below are ours and each row that differs from the source says so in
its `note` column.

Usage: python scripts/build_ontology.py [--reference DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
DEFAULT_OUT = ROOT / "src" / "eventscope" / "data"

# Families the conversion file does not cover: 01 statements have no PLOVER type
# (they are not events); 02 appeals are REQUEST in PLOVER.  A few single codes
# get a type by their meaning (denying responsibility rejects an accusation,
# expressing accord agrees, empathy supports).
EXTRA_PLOVER: dict[str, tuple[str, str, str]] = {
    "015": ("", "", ""),
    "016": ("REJECT", "", ""),
    "017": ("SUPPORT", "", ""),
    "018": ("SUPPORT", "", ""),
    "019": ("AGREE", "", "diplomatic"),
}
FAMILY_PLOVER = {"02": "REQUEST"}

# Modes that the conversion file gives but the manual does not list for that type.
MODE_FIXES: dict[str, str] = {
    "195": "aerial",  # "Employ aerial weapons" is the aerial mode in PLOVER 0.8
    "1712": "destroy",  # "seize" is a COERCE mode; destroying property is ASSAULT destroy
    "185": "targeted",
    "186": "targeted",  # assassinate -> targeted (the manual folds assassinations in)
    "202": "targeted",  # mass killings of defenceless people
    "200": "",
    "201": "",
    "203": "",
    "175": "crowd-control",
    "0813": "",
    "0814": "",
}

QUAD_NUMBER = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}


def read_cameo(path: Path) -> list[dict[str, str]]:
    # The CSV has a few non-UTF-8 quote bytes in prose columns we do not use.
    text = path.read_bytes().decode("utf-8", errors="replace")
    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        rows.append({"code": row["code"], "name": row["name"].strip(), "goldstein": row["goldstein"]})
    return rows


def read_cameo2plover(path: Path) -> dict[str, tuple[str, str, str]]:
    table: dict[str, tuple[str, str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"^(\d{3,4}):\s*(.*)$", line)
        if not match:
            continue
        parts = [p.strip() for p in match.group(2).split(",")]
        parts += [""] * (3 - len(parts))
        context = ";".join(c.strip() for c in parts[2].split(";") if c.strip())
        table.setdefault(match.group(1), (parts[0], parts[1], context))
    return table


def read_manual(path: Path) -> tuple[list[str], dict[str, str], dict[str, list[str]], dict[str, float]]:
    """Types in manual order, quad class per type, modes per type, PLOVER score per type or type:mode."""
    tex = path.read_text(encoding="utf-8")
    types: list[str] = []
    quads: dict[str, str] = {}
    current = None
    for line in tex.splitlines():
        sec = re.match(r"^\\section\{([A-Z]+)\}", line)
        if sec:
            current = sec.group(1)
            types.append(current)
        quad = re.match(r"^\\subsection\{Quad category:\s*([A-Z ]+)\}", line)
        if quad and current:
            quads[current] = quad.group(1).strip()
    modes: dict[str, list[str]] = {}
    for m in re.finditer(r"\\caption\{([^\n]*?)modes[^\n]*?\}(.*?)\\end\{tabular\}", tex, re.S):
        name = re.sub(r"\\plcat\{|\}", "", m.group(1)).strip()
        rows = [r.strip() for r in m.group(2).split("\\\\")]
        found = []
        for row in rows:
            if "&" not in row:
                continue
            cell = row.split("&")[0].replace("\\hline", "").strip()
            if cell and cell != "Name" and not cell.startswith("%") and "\\" not in cell:
                found.append(cell)
        modes[name] = found
    scores: dict[str, float] = {}
    # The manual keeps an older, commented-out score table first; the live one is the last.
    table = tex[tex.rindex("\\caption{PLOVER conflict--cooperation scores}"):]
    table = table[: table.index("\\end{tabular}")]
    for row in table.split("\\\\"):
        cells = [re.sub(r"\\cellcolor\{[^}]*\}", "", c).strip() for c in row.split("&")]
        for label, score in zip(cells[0::2], cells[1::2], strict=False):
            label = label.replace("\\hline", "").strip()
            if not label or not re.match(r"^-?\d", score):
                continue
            key = label.upper() if ":" not in label else label.split(":")[0].upper() + ":" + label.split(":")[1].strip().lower()
            scores[key] = float(score)
    return [t for t in types if t in quads], quads, modes, scores


def build(reference: Path) -> dict[str, str]:
    """Return {file name: content} for the generated tables."""
    cameo = read_cameo(reference / "cameo" / "cameo-codes.csv")
    c2p = read_cameo2plover(reference / "plover" / "CAMEO2PLOVER-2021.txt")
    types, quads, modes, scores = read_manual(reference / "plover" / "PLOVER_MANUAL.tex")

    out = io.StringIO()
    out.write("# CAMEO codes with name and Goldstein score (CAMEO 1.1b3 via andybega/icews cameo-codes.csv),\n")
    out.write("# PLOVER type/mode/context (openeventdata/PLOVER CAMEO2PLOVER-2021.txt; `note` marks our corrections).\n")
    out.write("# Generated by scripts/build_ontology.py -- do not edit by hand.\n")
    out.write("code\tname\tgoldstein\tplover\tplover_mode\tcontext\tnote\n")
    for row in cameo:
        code = row["code"]
        note = ""
        if code in c2p:
            plover, mode, context = c2p[code]
        elif code in EXTRA_PLOVER:
            plover, mode, context = EXTRA_PLOVER[code]
            note = "type assigned by eventscope (not in CAMEO2PLOVER)"
        elif code[:2] in FAMILY_PLOVER:
            plover, mode, context = FAMILY_PLOVER[code[:2]], "", ""
            note = "appeal family mapped to REQUEST by eventscope"
        elif len(code) == 2 and code + "0" in c2p:
            plover, mode, context = c2p[code + "0"]
            note = f"root takes the mapping of {code}0"
        else:
            plover, mode, context = "", "", ""
        mode = mode.strip()
        if code in MODE_FIXES and MODE_FIXES[code] != mode:
            note = (note + "; " if note else "") + f"mode {mode or '-'} -> {MODE_FIXES[code] or '-'}"
            mode = MODE_FIXES[code]
        if plover and mode and mode not in modes.get(plover, []):
            note = (note + "; " if note else "") + f"mode {mode} dropped (not a {plover} mode)"
            mode = ""
        goldstein = row["goldstein"]
        out.write(f"{code}\t{row['name']}\t{float(goldstein):g}\t{plover}\t{mode}\t{context}\t{note}\n")

    ptab = io.StringIO()
    ptab.write("# PLOVER 0.8 event types: quad class, PLOVER score and modes (with per-mode scores),\n")
    ptab.write("# from openeventdata/PLOVER PLOVER_MANUAL.tex. Generated by scripts/build_ontology.py.\n")
    ptab.write("type\tquad_class\tquad\tscore\tmodes\n")
    for t in types:
        mode_cells = []
        for mode in modes.get(t, []):
            score = scores.get(f"{t}:{mode}")
            mode_cells.append(f"{mode}={score:g}" if score is not None else mode)
        ptab.write(f"{t}\t{QUAD_NUMBER[quads[t]]}\t{quads[t]}\t{scores.get(t, 0.0):g}\t{','.join(mode_cells)}\n")
    return {"cameo.tsv": out.getvalue(), "plover.tsv": ptab.getvalue()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    for name, content in build(args.reference).items():
        (args.out / name).write_text(content, encoding="utf-8")
        print(f"wrote {args.out / name}")


if __name__ == "__main__":
    main()
