"""Ingest: turn paths and URLs into ``Document``s, one per article-bearing item.

Reads HTML and text files (optionally gzipped), JSON Lines, WARC archives,
RSS/Atom/RDF feeds and http(s) URLs. A bad item never stops a run: it becomes a
``Problem`` and ingest moves on to the next one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from ..model import Document, Problem
from ..settings import Config
from .fetch import check_url, fetch_url, iter_url_documents, make_client
from .files import iter_files, list_inputs, read_file
from .reading import ITEM_ERRORS, problem_from

__all__ = [
    "check_url",
    "fetch_url",
    "iter_documents",
    "iter_url_documents",
    "list_inputs",
    "make_client",
    "read_file",
]


def iter_documents(
    paths: Iterable[str | os.PathLike[str]],
    urls: Iterable[str] = (),
    config: Config | None = None,
) -> Iterator[Document | Problem]:
    """Yield a ``Document`` per article-bearing item in ``paths`` then ``urls``.

    Folders are walked recursively in sorted order (hidden entries skipped). Each
    unreadable, unsupported, oversized or broken item, and each missing path or
    unfetchable URL, becomes a ``Problem`` (stage "ingest"); this generator does
    not raise for bad input.
    """
    config = config or Config.load()
    yield from iter_files(paths, config.max_bytes)
    urls = list(urls)
    if not urls:
        return
    with make_client(config) as client:
        for url in urls:
            try:
                yield from iter_url_documents(url, config, client)
            except ITEM_ERRORS as exc:
                yield problem_from(url, exc)
