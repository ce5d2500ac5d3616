"""Regenerate the README's generated sections from the code they document.

    python scripts/update_readme.py          # rewrite README.md in place
    python scripts/update_readme.py --check  # exit 1 if README.md is stale (tests run this)

Sections sit between ``<!-- name -->`` and ``<!-- /name -->`` markers. ``settings`` and
``export-fields`` come from the settings table and the export field list;
``demo-output`` and ``api-output`` are real output captured from running them (only
refreshed with ``--run``, since they need a fresh store).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def settings_section() -> str:
    from storytrace.export import ARTICLE_FIELDS  # noqa: F401  (import check)
    from storytrace.settings import SETTINGS

    lines = ["| setting | environment variable | default | meaning |", "| --- | --- | --- | --- |"]
    for s in SETTINGS:
        default = repr(s.default) if s.default != "" else '`""`'
        lines.append(f"| `{s.name}` | `{s.env}` | {default} | {s.help} |")
    return "\n".join(lines)


def export_fields_section() -> str:
    from storytrace.export import ARTICLE_FIELDS

    lines = ["| field | meaning |", "| --- | --- |"]
    lines += [f"| `{name}` | {doc} |" for name, doc in ARTICLE_FIELDS]
    return "\n".join(lines)


def _fields_table(fields: tuple[tuple[str, str], ...]) -> str:
    lines = ["| field | meaning |", "| --- | --- |"]
    lines += [f"| `{name}` | {doc} |" for name, doc in fields]
    return "\n".join(lines)


def link_fields_section() -> str:
    from storytrace.export import LINK_FIELDS

    return _fields_table(LINK_FIELDS)


def story_fields_section() -> str:
    from storytrace.export import STORY_FIELDS

    return _fields_table(STORY_FIELDS)


def fact_fields_section() -> str:
    from storytrace.export import FACT_FIELDS

    return _fields_table(FACT_FIELDS)


def figure_fields_section() -> str:
    from storytrace.export import FIGURE_FIELDS

    return _fields_table(FIGURE_FIELDS)


def quote_fields_section() -> str:
    from storytrace.export import QUOTE_FIELDS

    return _fields_table(QUOTE_FIELDS)


def demo_output_section() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/demo.db"
        out = subprocess.run(
            [sys.executable, "-m", "storytrace.cli", "demo", "--db", db],
            capture_output=True,
            text=True,
            check=True,
            env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
        ).stdout
    out = out.replace(db, "~/.local/share/storytrace/demo.db")
    return "```console\n$ storytrace demo\n" + out.rstrip() + "\n```"


def api_output_section() -> str:
    text = README.read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.DOTALL).group(1)  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(compile(code, "README", "exec"), {})  # noqa: S102 - our own README example, not input
    return "Output:\n\n```text\n" + buf.getvalue().rstrip() + "\n```"


def render(text: str, sections: dict[str, str]) -> str:
    for name, body in sections.items():
        closed = f"<!-- /{name} -->" in text
        pattern = re.compile(rf"<!-- {name} -->" + (rf".*?<!-- /{name} -->" if closed else ""), re.DOTALL)
        replacement = f"<!-- {name} -->\n{body}\n<!-- /{name} -->"
        text, n = pattern.subn(lambda _m, r=replacement: r, text, count=1)
        if n != 1:
            raise SystemExit(f"marker <!-- {name} --> not found in README.md")
    return text


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--run", action="store_true", help="also refresh the captured demo and API output")
    args = ap.parse_args()
    sections = {
        "settings": settings_section(),
        "export-fields": export_fields_section(),
        "link-fields": link_fields_section(),
        "story-fields": story_fields_section(),
        "fact-fields": fact_fields_section(),
        "figure-fields": figure_fields_section(),
        "quote-fields": quote_fields_section(),
    }
    if args.run:
        sections["demo-output"] = demo_output_section()
        sections["api-output"] = api_output_section()
    old = README.read_text(encoding="utf-8")
    new = render(old, sections)
    if args.check:
        if new != old:
            print("README.md is stale: run python scripts/update_readme.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
