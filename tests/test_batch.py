"""storytrace batch: the same datasets in this process and on a real Dask cluster, at any
partition count; a killed run resumes; bad input becomes a problem row."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storytrace.batch import dask_map, partitions_of, read_dataset, run_batch
from storytrace.cli import app
from storytrace.settings import Config

DATASETS = ("articles", "figures", "quotes", "problems", "links", "stories")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three JSONL files of one wire story, its reprint and rewrites, and a broken record."""
    root = tmp_path_factory.mktemp("in")
    story = (
        "At least 25 people were killed when a bridge collapsed in Dravograd on Monday, police said. "
        "Rescue teams searched the river through the night, and officials said 40 people were hurt. "
        "“We are still reaching villages that have been cut off,” said Mirela Tanase of the civil protection agency. "
        "The bridge, built in 1962, carried about 12,000 vehicles a day."
    )
    other = (
        "The Eastbridge election count stretched into a second day on Tuesday with the Progressive Alliance ahead. "
        "Turnout was 61.4 percent, the electoral commission said, and 43 seats had been declared by noon. "
        "“It is too early to call,” said Ruth Castellane, the alliance leader, to reporters outside the hall."
    )
    rows = [
        [{"url": "https://wire.example/1", "outlet": "Wire", "published": "2025-03-10T08:00:00Z", "title": "Bridge collapse", "text": story}],
        [
            {"url": "https://post.example/1", "outlet": "Post", "published": "2025-03-10T10:00:00Z", "title": "Bridge falls", "text": story.replace("police said", "police told reporters")},
            {"url": "https://obs.example/1", "outlet": "Observer", "published": "2025-05-12T09:00:00Z", "title": "Count goes on", "text": other},
        ],
        [{"url": "https://times.example/1", "outlet": "Times", "published": "2025-05-12T12:00:00Z", "title": "Election count", "text": other + " Counting resumes at nine."}],
    ]
    for i, rs in enumerate(rows):
        (root / f"f{i}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rs), encoding="utf-8")
    (root / "f3.jsonl").write_text('{"text": "too short"}\n{broken\n', encoding="utf-8")
    return root


def _digest(out: Path) -> dict[str, str]:
    return {d: hashlib.sha256(json.dumps(read_dataset(out, d), sort_keys=True).encode()).hexdigest() for d in DATASETS}


def _config() -> Config:
    return Config.load(env={}, reuse="lexical")


def test_partitions_deal_the_files_round_robin(inputs: Path) -> None:
    parts = partitions_of([inputs], 3)
    assert [len(p) for p in parts] == [2, 1, 1] and parts[0][0].endswith("f0.jsonl")
    assert partitions_of([inputs], 10) == [[p] for p in sorted(str(x) for x in inputs.glob("*.jsonl"))]


def test_local_results_do_not_depend_on_the_partitions(inputs: Path, tmp_path: Path) -> None:
    one = run_batch([inputs], tmp_path / "one", config=_config(), partitions=1)
    three = run_batch([inputs], tmp_path / "three", config=_config(), partitions=3)
    assert one.articles == three.articles == 4 and one.problems == three.problems >= 1
    assert _digest(tmp_path / "one") == _digest(tmp_path / "three")
    stories = {r["article"]: r["story"] for r in read_dataset(tmp_path / "one", "stories")}
    assert len(set(stories.values())) == 2  # the bridge and the election
    problems = read_dataset(tmp_path / "one", "problems")
    assert all(p["stage"] and p["reason"] for p in problems) and any("f3.jsonl" in p["item"] for p in problems)
    assert read_dataset(tmp_path / "one", "figures") and read_dataset(tmp_path / "one", "quotes")


def test_a_killed_run_resumes(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch([inputs], out, config=_config(), partitions=3)
    assert first.made == ["3 partition(s)", "links", "stories"]
    before = _digest(out)
    # A run killed after one partition and before the driver datasets.
    for f in [*(out / "articles").glob("part-00001-*"), out / "links.parquet", out / "stories.parquet"]:
        f.unlink()
    again = run_batch([inputs], out, config=_config(), partitions=3)
    assert again.made == ["1 partition(s)", "links", "stories"] and _digest(out) == before
    assert run_batch([inputs], out, config=_config(), partitions=3).made == []


def test_dask_local_cluster_gives_the_same_datasets(inputs: Path, tmp_path: Path) -> None:
    run_batch([inputs], tmp_path / "local", config=_config(), partitions=3)
    mapper, close = dask_map(workers=2)
    try:
        for n in (1, 3):
            run_batch([inputs], tmp_path / f"dask{n}", config=_config(), partitions=n, mapper=mapper)
    finally:
        close()
    assert _digest(tmp_path / "dask1") == _digest(tmp_path / "dask3") == _digest(tmp_path / "local")


def test_cli_batch(inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYTRACE_REUSE", "lexical")
    result = CliRunner().invoke(app, ["batch", str(inputs), "--out", str(tmp_path / "o"), "--partitions", "2"])
    assert result.exit_code == 0, result.output
    assert "4 articles in 2 partition(s)" in result.output and "problem" in result.output
    bad = CliRunner().invoke(app, ["batch", str(inputs), "--out", str(tmp_path / "o"), "--engine", "spark"])
    assert bad.exit_code != 0 and "unknown engine" in bad.output
