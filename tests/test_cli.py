from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from storytrace.cli import EXIT_STRICT, EXIT_USAGE, app
from storytrace.demo import corpus_dir

runner = CliRunner()
README = Path(__file__).resolve().parents[1] / "README.md"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("cli") / "demo.db")
    code, out, _ = run("demo", "--db", db)
    assert code == 0, out
    return db


def test_demo_ingests_and_summarises(demo_db: str) -> None:
    code, out, _ = run("demo", "--db", demo_db)  # second run: all duplicates
    assert code == 0
    assert re.search(r"ingested 0, duplicates \d+", out)
    assert "outlets" in out


def test_list_show_search_and_export(demo_db: str, tmp_path: Path) -> None:
    code, out, _ = run("list", "--db", demo_db, "--limit", "5")
    assert code == 0 and "5 of" in out
    article_id = re.search(r"\b[0-9a-f]{16}\b", out).group(0)  # type: ignore[union-attr]
    code, out, _ = run("show", article_id[:8], "--db", demo_db)
    assert code == 0 and article_id in out and "seen" in out
    code, out, _ = run("search", "ceasefire", "--db", demo_db)
    assert code == 0 and "matches" in out
    target = tmp_path / "a.jsonl"
    code, _, err = run("export", "--db", demo_db, "-o", str(target))
    assert code == 0 and "wrote" in err
    recs = [json.loads(line) for line in target.read_text().splitlines()]
    assert recs and all(r["sightings"] for r in recs)
    code, out, _ = run("export", "--db", demo_db, "--format", "csv")
    assert code == 0 and out.startswith("id,outlet,title")


def test_db_comes_from_environment(demo_db: str) -> None:
    code, out, _ = run("list", env={"STORYTRACE_DB": demo_db})
    assert code == 0 and "articles" in out


def test_errors_are_one_line_with_status(demo_db: str, tmp_path: Path) -> None:
    code, _, err = run("show", "ffffffffffffffff", "--db", demo_db)
    assert code == 1 and err.count("\n") == 1 and err.startswith("error: no article")
    code, _, err = run("export", "--db", demo_db, "--format", "xml")
    assert code == 1 and "use jsonl, csv, parquet" in err
    code, _, err = run("ingest", "--db", demo_db)
    assert code == EXIT_USAGE and "nothing to ingest" in err
    code, _, err = run("ingest", str(corpus_dir()), "--db", demo_db, "--max-bytes", "0")
    assert code == EXIT_USAGE and "max_bytes" in err


def test_strict_exit_status_when_inputs_fail(tmp_path: Path) -> None:
    (tmp_path / "x.bin").write_bytes(b"\x00\xff" * 100)
    db = str(tmp_path / "s.db")
    code, out, err = run("ingest", str(tmp_path), "--db", db)
    assert code == 0 and "skipped 1" in out and "x.bin" in err
    code, _, _ = run("ingest", str(tmp_path), "--db", db, "--strict")
    assert code == EXIT_STRICT


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"{name} has no help"
        assert f"storytrace {name}" in readme, f"storytrace {name} is missing from the README"


def test_every_setting_is_documented_in_the_readme() -> None:
    from storytrace.settings import SETTINGS

    readme = README.read_text(encoding="utf-8")
    for s in SETTINGS:
        assert s.env in readme, f"{s.env} is missing from the README"


def test_readme_generated_sections_are_current() -> None:
    import subprocess
    import sys

    script = README.parent / "scripts" / "update_readme.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_untrusted_titles_cannot_drive_the_terminal_or_rich_markup(tmp_path: Path) -> None:
    body = " ".join(["Plain words of a long enough article body for the minimum."] * 6)
    title = "\x1b[31mRed\x1b[0m [bold]not bold[/bold] \x07bell \u202eevil"
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"title": title, "text": body, "outlet": "[link=x]O[/link]"}) + "\n"
    )
    db = str(tmp_path / "x.db")
    assert run("ingest", str(tmp_path / "a.jsonl"), "--db", db)[0] == 0
    for args in (("list",), ("search", "plain")):
        code, out, _ = run(*args, "--db", db)
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    article_id = re.search(r"\b[0-9a-f]{16}\b", run("list", "--db", db)[1]).group(0)  # type: ignore[union-attr]
    code, out, _ = run("show", article_id, "--db", db)
    assert "[bold]not bold[/bold]" in out and "[link=x]O[/link]" in out and "\x1b" not in out
