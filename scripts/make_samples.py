"""Copy a few real articles from ../shared into samples/ (the demo input) and tests/golden/.

Sources (see ../shared/bench/MANIFEST.md): the reference wire story, WikiEvents dev
(research release) and MUC-4 TST3 (public MUC-4 release).  Run from the repo root:

    python scripts/make_samples.py ../shared
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

WIKIEVENTS_DOCS = ["suicide_ied_114", "road_ied_12", "road_ied_8", "65_VOA_EN_NW_2014.07.21.1962165",
                   "scenario_en_kairos_60"]
MUC_DOCS = ["TST3-MUC4-0002", "TST3-MUC4-0011"]


def muc_articles(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="latin-1")
    parts = re.split(r"^(TST\d-MUC4-\d{4})\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1].strip() + "\n" for i in range(1, len(parts) - 1, 2)}


def main(shared: Path) -> None:
    out_dirs = [Path("samples"), Path("tests/golden")]
    for out in out_dirs:
        out.mkdir(parents=True, exist_ok=True)
        shutil.copy(shared / "corpus/seed-us-strikes-syria-2021-06.txt", out / "seed-us-strikes-syria-2021-06.txt")
    for line in (shared / "bench/wikievents/dev.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["doc_id"] in WIKIEVENTS_DOCS:
            for out in out_dirs:
                (out / f"wikievents-{doc['doc_id']}.txt").write_text(doc["text"].strip() + "\n", encoding="utf-8")
    articles = muc_articles(shared / "bench/muc4/tst3-muc4")
    for doc_id in MUC_DOCS:
        for out in out_dirs:
            (out / f"muc4-{doc_id}.txt").write_text(articles[doc_id], encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
