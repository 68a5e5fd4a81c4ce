"""What ingest hands back besides Articles: `Rejected` inputs, and stable article ids."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from eventscope.errors import InputError


@dataclass(frozen=True)
class Rejected:
    """An input that could not be read, as a value: one bad file does not stop the others.

    `source` names the file (and line, "feed.jsonl:12"); `reason` says what is wrong, in one line.
    """

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    @classmethod
    def from_error(cls, error: InputError) -> Rejected:
        return cls(source=error.source, reason=error.problem)

    def to_error(self) -> InputError:
        return InputError(self.source, self.reason)


_ID_LENGTH = 16


def make_article_id(*, url: str | None = None, text: str = "", title: str = "") -> str:
    """A short hex id that is the same on every run for the same article.

    From the URL when there is one (the same story saved twice has one URL), else from
    the title and body with case and spacing normalised (so re-wrapping or a trailing
    newline does not change it).  Where the file lives plays no part.
    """
    if url and url.strip():
        key = "url:" + url.strip()
    else:
        normal = re.sub(r"\s+", " ", f"{title}\n{text}").strip().casefold()
        key = "text:" + normal
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:_ID_LENGTH]
