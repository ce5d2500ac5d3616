"""What fact comparison decides with: one frozen value, passed in explicitly.

``FactParams`` holds every value the statuses use, and the fitted "one fact" model
(``models/statuses.json``, written by ``bench/train_statuses.py`` from the tune
half of the status labels, ``bench/statuses/``). Benches fit and score by building
new params, never by changing module constants; the same code runs in-process and
in a Dask task. Each value says where it comes from.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["FactParams", "PairModel", "default_fact_params"]


@dataclass(frozen=True, slots=True)
class PairModel:
    """A logistic regression over named pair features (standardised), as plain numbers."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    #: Probability from which two figures are taken to state one fact (chosen on the
    #: tune half for precision; see the model file) ...
    threshold: float
    #: ... and per status where the tune half has labels enough to choose one (a conflict
    #: must be surer than an agreement); a threshold above 1 means never.
    thresholds: dict[str, float] = field(default_factory=dict)

    def cut(self, status: str) -> float:
        return self.thresholds.get(status, self.threshold)

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(
            c * (values[f] - m) / s for f, m, s, c in zip(self.features, self.mean, self.scale, self.coef, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PairModel:
        return cls(
            features=tuple(data["features"]),
            mean=tuple(float(x) for x in data["mean"]),
            scale=tuple(float(x) for x in data["scale"]),
            coef=tuple(float(x) for x in data["coef"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            thresholds={k: float(v) for k, v in data.get("thresholds", {}).items()},
        )


@cache
def _shipped(name: str) -> dict[str, Any] | None:
    path = resources.files(__package__).joinpath(f"models/{name}")
    if not path.is_file():
        return None
    return json.loads(path.read_text("utf-8"))


def _same_fact() -> PairModel | None:
    data = _shipped("statuses.json")
    return PairModel.from_json(data["model"]) if data else None


def _fitted(key: str, default: Any) -> Any:
    data = _shipped("statuses.json")
    return data["quotes"].get(key, default) if data else default


@dataclass(frozen=True, slots=True)
class FactParams:
    """Every value the fact statuses use."""

    #: Two reports of different values less than this many hours apart are about one
    #: moment (a conflict if they cannot both hold); further apart, a larger later value
    #: is an update. Set by hand on the demo corpus (wire updates come hours apart).
    update_hours: float = 6.0
    #: Two values further apart than this factor count different things ("1,000 cases" a
    #: year, "41 cases" pending), not one disputed. Set by hand on the demo corpus.
    conflict_ratio: float = 2.0
    #: "About", "roughly": the share of the value either side it allows ("about 1.5
    #: million" holds for 1,495,709). Set from the qualifier's meaning, not fitted.
    approx_tolerance: float = 0.1
    #: Two quotations of one speaker are one statement from this word overlap (of the
    #: shorter). Set by hand on the demo corpus.
    same_quote: float = 0.5
    #: Two quotations of one named speaker are one statement with changed words (not two
    #: statements) from this word overlap (of the shorter). Fitted on the tune half of the
    #: status labels (``bench/statuses/``, see ``bench/README.md``).
    altered_overlap: float = field(default_factory=lambda: float(_fitted("altered_overlap", 0.5)))
    #: Measured precision of the quotation statuses on the tune half of the status labels,
    #: shown as their confidence.
    quote_confidence: dict[str, float] = field(default_factory=lambda: dict(_fitted("confidence", {})))
    #: Stories sharing ``thread_shared`` of their ``thread_entities`` key entities are one
    #: thread of a measure (``figure``). Set by hand: one shared name ("U.S.") chained a
    #: Gaza toll, US COVID deaths and Kabul into one track on the events store; two of five
    #: keep the demo's two rounds of talks a year apart together and its fire apart.
    thread_entities: int = 5
    thread_shared: int = 2
    #: The fitted "two figures state one fact" model; ``None``: every pair in a measure
    #: group is taken as one fact (the rule before issue 18).
    same_fact: PairModel | None = field(default_factory=_same_fact)

    def with_values(self, **values: Any) -> FactParams:
        return replace(self, **values)

    def fingerprint(self) -> str:
        text = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]

    @classmethod
    def from_config(cls, config: Any) -> FactParams:
        """Params for a ``Config`` (the settings table): the user may move the update gap."""
        hours = getattr(config, "fact_update_hours", None)
        return cls() if hours is None else cls(update_hours=float(hours))


@cache
def default_fact_params() -> FactParams:
    return FactParams()
