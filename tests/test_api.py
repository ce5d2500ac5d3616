from __future__ import annotations

import subprocess
import sys
import types

import storytrace


def test_all_is_sorted_and_complete() -> None:
    names = storytrace.__all__
    # isort style (ruff RUF022): CONSTANTS, then Classes, then functions, each sorted
    assert names == sorted(names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n))
    for name in names:
        assert hasattr(storytrace, name), name
    public = {
        n
        for n, v in vars(storytrace).items()
        if not n.startswith("_") and not isinstance(v, types.ModuleType) and n != "annotations"
    }
    assert public <= set(names)


def test_readme_library_example_runs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with storytrace.open_store(str(tmp_path / "news.db")) as store:
        report = storytrace.ingest(store, [storytrace.demo_corpus_dir()])
        assert report.counts()["ingested"] >= 40
        hits = store.search("ceasefire")
        assert hits


def test_import_has_no_side_effects_on_stdout() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import storytrace"], capture_output=True, text=True, check=True
    )
    assert out.stdout == "" and out.stderr == ""
