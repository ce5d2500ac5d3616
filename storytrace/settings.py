"""Every setting in one declared table: it feeds CLI options, environment
variables and the README's settings reference (a test keeps them in step).

Precedence: explicit argument > environment variable (``STORYTRACE_<NAME>``) >
default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    type: type
    default: Any
    help: str
    minimum: float | None = None
    choices: tuple[str, ...] | None = None

    @property
    def env(self) -> str:
        return "STORYTRACE_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("db", str, "", "SQLite store path; empty means the per-user data folder."),
    Setting(
        "max_bytes",
        int,
        10_000_000,
        "Largest input item (page, record, line or download) in bytes; larger ones are skipped.",
        minimum=1,
    ),
    Setting(
        "min_words", int, 25, "Shortest article text kept, in words; shorter items are skipped.", minimum=0
    ),
    Setting("fetch_timeout", float, 20.0, "Seconds to wait for a URL (connect and each read).", minimum=0.1),
    Setting("max_redirects", int, 5, "Redirects followed per URL.", minimum=0),
    Setting(
        "allow_private",
        bool,
        False,
        "Allow fetching URLs on private, loopback and link-local addresses.",
    ),
    Setting(
        "user_agent",
        str,
        "storytrace/0.1 (+https://github.com/storytrace)",
        "User-Agent sent when fetching URLs.",
    ),
    Setting("batch_size", int, 64, "Articles extracted and written per transaction.", minimum=1),
    Setting(
        "reuse",
        str,
        "full",
        "Reuse detection on ingest: full (copies, partial reuse and rewrites via MiniLM sentence "
        "embeddings and the fitted rewrite verifier), lexical (copies and partial reuse only, no model) or off.",
        choices=("full", "lexical", "off"),
    ),
    Setting(
        "rewrite_candidate_cut",
        float,
        0.96,
        "With full reuse: static-vector cosine from which a sentence of an earlier article makes it a "
        "rewrite candidate. Lower finds more heavy rewrites at more cost: 0.94 linked Clough-Stevenson "
        "answers at 0.947 against 0.912 and ECB+ reprints at 0.969 against 0.951, with 1.4-1.8x the "
        "reuse time (bench/README.md, issue 16).",
        minimum=0.5,
    ),
    Setting(
        "stories",
        str,
        "on",
        "Story grouping on ingest: on (each new article joins or starts a story, using the spaCy "
        "English pipeline for named entities) or off.",
        choices=("on", "off"),
    ),
    Setting(
        "story_join",
        float,
        0.14,
        "Lowest score at which an article joins a story (else it starts one). Higher splits events "
        "more finely, lower merges more. Fitted on the events data (bench/README.md, issue 17).",
        minimum=0.0,
    ),
    Setting(
        "fact_update_hours",
        float,
        6.0,
        "Fact statuses: two reports of a figure this many hours or more apart are two moments (a "
        "larger later value may be an update); closer, they speak of one moment. Set by hand.",
        minimum=0.0,
    ),
    Setting(
        "facts",
        str,
        "on",
        "Fact extraction on ingest: on (figures, quotes and their sources, parsing only the "
        "sentences that hold a number or a quotation) or off.",
        choices=("on", "off"),
    ),
    Setting(
        "site_templates",
        str,
        "off",
        "Plain-text pages of one outlet in an ingest batch: batch drops the lines at least three "
        "different pages share (masthead, menus, footer) before extraction; off (default) judges "
        "each page alone, so a page's text and id never depend on what it was ingested with.",
        choices=("off", "batch"),
    ),
    Setting(
        "helpers",
        bool,
        True,
        "Run spaCy's share of ingest (parsing for facts, half of the named entities for stories) "
        "in helper processes beside the main one, on two or more cores (spaCy holds Python's "
        "lock, so threads cannot share it); false keeps ingest in one process.",
    ),
    Setting(
        "model_precision",
        str,
        "int8",
        "How the MiniLM sentence model runs: int8 (its matrix products quantized once into the "
        "user cache folder; about twice as fast, vectors within cosine 0.99 of float32) or "
        "float32 (the model as shipped).",
        choices=("int8", "float32"),
    ),
    Setting(
        "token",
        str,
        "",
        "Secret for the web server's writes (ingest, delete), sent as Authorization: Bearer; "
        "empty switches writes off.",
    ),
    Setting(
        "public_reads",
        bool,
        False,
        "Let the web server answer reads from other machines without the token (default: this machine only).",
    ),
    Setting(
        "max_upload",
        int,
        50_000_000,
        "Bytes one web ingest request may upload, all files together.",
        minimum=1,
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any) -> Any:
    if setting.type is bool and isinstance(value, str):
        low = value.strip().lower()
        if low in {"1", "true", "yes", "on"}:
            return True
        if low in {"0", "false", "no", "off", ""}:
            return False
        raise ConfigError(f"setting {setting.name}: {value!r} is not a boolean; use true or false")
    try:
        out = setting.type(value)
    except (TypeError, ValueError):
        raise ConfigError(
            f"setting {setting.name}: {value!r} is not a valid {setting.type.__name__}"
        ) from None
    if setting.choices is not None and out not in setting.choices:
        raise ConfigError(f"setting {setting.name}: {out!r} is not one of {', '.join(setting.choices)}")
    if setting.minimum is not None and out < setting.minimum:
        raise ConfigError(f"setting {setting.name}: {out!r} is below the minimum {setting.minimum}")
    return out


@dataclass(frozen=True, slots=True)
class Config:
    db: str = ""
    max_bytes: int = 10_000_000
    min_words: int = 25
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "storytrace/0.1 (+https://github.com/storytrace)"
    batch_size: int = 64
    reuse: str = "full"
    rewrite_candidate_cut: float = 0.96
    stories: str = "on"
    story_join: float = 0.14
    fact_update_hours: float = 6.0
    facts: str = "on"
    site_templates: str = "off"
    helpers: bool = True
    model_precision: str = "int8"
    token: str = ""
    public_reads: bool = False
    max_upload: int = 50_000_000

    @classmethod
    def load(cls, env: dict[str, str] | None = None, **overrides: Any) -> Config:
        """Defaults, then ``STORYTRACE_*`` variables, then non-None ``overrides``."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for s in SETTINGS:
            if s.env in env:
                values[s.name] = _coerce(s, env[s.env])
        for name, value in overrides.items():
            if name not in _BY_NAME:
                raise ConfigError(f"unknown setting {name!r}; known: {', '.join(sorted(_BY_NAME))}")
            if value is not None:
                values[name] = _coerce(_BY_NAME[name], value)
        return cls(**values)

    def with_(self, **changes: Any) -> Config:
        return replace(self, **{k: _coerce(_BY_NAME[k], v) for k, v in changes.items() if v is not None})


def default_db_path(config: Config | None = None) -> Path:
    """The store file: ``db`` setting / ``STORYTRACE_DB``, else the per-user data folder."""
    config = config or Config.load()
    if config.db:
        return Path(config.db).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("storytrace")) / "storytrace.db"


def _check_table_matches_config() -> None:
    names = [f.name for f in fields(Config)]
    if names != [s.name for s in SETTINGS]:  # pragma: no cover - guarded by a test too
        raise RuntimeError("settings table and Config disagree")
    for s, f in zip(SETTINGS, fields(Config), strict=True):
        if f.default != s.default:  # pragma: no cover
            raise RuntimeError(f"default of {s.name} differs between table and Config")


_check_table_matches_config()
