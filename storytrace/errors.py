"""storytrace's exception tree. Catch ``StorytraceError`` to catch them all.

    StorytraceError
    ├── ConfigError          a setting or option has a bad value
    ├── StoreError           the SQLite store cannot be opened, migrated or written
    │   └── NotFound         no article (or other record) with that id
    ├── InputError           one input item cannot be used (bad file, bad URL, ...)
    │   ├── UnsupportedInput the item's type is not one storytrace reads
    │   ├── TooLarge         the item is over the configured size cap
    │   ├── FetchError       a URL could not be fetched (network, status, policy)
    │   └── NoArticle        the item holds no article text worth storing
    └── ExportError          export cannot be written in the asked format

Each message says what went wrong and what to do next. ``InputError``s are what
ingest turns into one-line ``Problem``s; the others stop a command.
Web-facing errors carry an HTTP status.
"""

from __future__ import annotations


class StorytraceError(Exception):
    """Base of every error storytrace raises on purpose."""

    http_status: int = 500


class ConfigError(StorytraceError, ValueError):
    http_status = 400


class StoreError(StorytraceError):
    http_status = 500


class NotFound(StoreError, LookupError):
    http_status = 404


class InputError(StorytraceError):
    """One input item is unusable; ingest records it and goes on."""

    http_status = 422
    #: "skipped" for items that are fine but hold nothing to store,
    #: "failed" for items that are broken or unreachable.
    problem_kind = "failed"


class UnsupportedInput(InputError):
    problem_kind = "skipped"


class TooLarge(InputError):
    http_status = 413
    problem_kind = "skipped"


class FetchError(InputError):
    http_status = 502


class NoArticle(InputError):
    problem_kind = "skipped"


class ExportError(StorytraceError):
    http_status = 400
