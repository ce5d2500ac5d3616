"""Helper processes (storytrace._helpers)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from storytrace._helpers import can_help


@pytest.mark.skipif(not can_help(), reason="no second process on this machine")
def test_a_helper_never_runs_the_callers_script_again(tmp_path: Path) -> None:
    # A script without an ``if __name__ == "__main__"`` guard: a spawned child would
    # normally run it again, ingesting (here: appending a line) a second time.
    log = tmp_path / "runs.txt"
    script = tmp_path / "unguarded.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import os
            from storytrace._helpers import Helper
            with open({str(log)!r}, "a") as fh:
                fh.write(str(os.getpid()) + "\\n")
            helper = Helper(os.getpid)
            print(helper.submit(os.getpid).result(timeout=120) != os.getpid())
            helper.close()
            """
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"  # the task ran in another process
    assert len(log.read_text().splitlines()) == 1
