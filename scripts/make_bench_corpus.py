"""Write the 100-article speed corpus used in the closing notes: the 20 WikiEvents dev
articles and the first 80 MUC-4 TST3 messages from ../shared/bench, as JSONL.

    python scripts/make_bench_corpus.py ../shared > /tmp/bench100.jsonl
    eventscope bench /tmp/bench100.jsonl --n 100
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_samples import muc_articles


def main(shared: Path) -> None:
    for line in (shared / "bench/wikievents/dev.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        print(json.dumps({"id": doc["doc_id"], "text": doc["text"]}))
    for doc_id, text in list(muc_articles(shared / "bench/muc4/tst3-muc4").items())[:80]:
        print(json.dumps({"id": doc_id, "text": text}))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
