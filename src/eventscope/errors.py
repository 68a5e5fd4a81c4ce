"""The exception hierarchy.  Every error a user can cause is one of these.

    EventscopeError                  base; `str(e)` is one line naming what and where
    ├── InputError                   a bad input file or record (ingest)
    │   └── DateParseError           a date that cannot be read
    ├── ConfigError                  a bad setting or a missing resource (model, gazetteer)
    ├── StageError                   a pipeline stage failed on one article; names the stage
    ├── DatasetError                 an evaluation file that does not fit its format
    └── StoreError                   the database refused or is the wrong version

The CLI prints `eventscope: <message>` on stderr and exits non-zero; the HTTP
API turns them into `{"error": {"type": ..., "message": ...}}`.
"""

from __future__ import annotations


class EventscopeError(Exception):
    """Base class: the message is one line, fit to show to a user."""


class InputError(EventscopeError):
    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class DateParseError(InputError):
    pass


class ConfigError(EventscopeError):
    pass


class StageError(EventscopeError):
    def __init__(self, stage: str, article_id: str, problem: str) -> None:
        super().__init__(f"stage {stage} failed on article {article_id}: {problem}")
        self.stage = stage
        self.article_id = article_id


class DatasetError(EventscopeError):
    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path


class StoreError(EventscopeError):
    pass
