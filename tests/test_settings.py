from __future__ import annotations

from pathlib import Path

import pytest

from storytrace import SETTINGS, Config, ConfigError
from storytrace.settings import default_db_path


def test_defaults_come_from_the_table() -> None:
    cfg = Config.load(env={})
    for s in SETTINGS:
        assert getattr(cfg, s.name) == s.default


def test_environment_then_overrides() -> None:
    env = {"STORYTRACE_MAX_BYTES": "1000", "STORYTRACE_ALLOW_PRIVATE": "yes"}
    cfg = Config.load(env=env)
    assert cfg.max_bytes == 1000 and cfg.allow_private is True
    assert Config.load(env=env, max_bytes=5, allow_private=None).max_bytes == 5


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("max_bytes", "lots", "not a valid int"),
        ("max_bytes", 0, "below the minimum"),
        ("allow_private", "maybe", "not a boolean"),
        ("nope", 1, "unknown setting"),
    ],
)
def test_bad_values_are_rejected_with_the_reason(name: str, value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config.load(env={}, **{name: value})


def test_default_db_path(tmp_path: Path) -> None:
    assert default_db_path(Config.load(env={"STORYTRACE_DB": str(tmp_path / "x.db")})) == tmp_path / "x.db"
    assert default_db_path(Config.load(env={})).name == "storytrace.db"
