"""Object storage in the catalog: a dataset read or written at an `s3://`, `gs://`, `abfs://` or
`https://` URL keeps that URL as its filepath (fsspec does the I/O, as in kedro-datasets) and
gets `credentials:`, one conf/local/credentials.yml entry per bucket or host. The entry is
written empty: the filesystem then finds credentials in the environment, as the notebook did."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from ..knowledge.storage import bucket_of, store_of
from ..model import CatalogEntry, Param
from .naming import snake, unique


def with_credentials(entries: Sequence[CatalogEntry], package: str, taken: Iterable[str]
                     ) -> tuple[list[CatalogEntry], list[Param]]:
    """The entries, those at a URL with `credentials: <store>_<bucket>`, and the credentials
    entries they name (top level of credentials.yml, value `{}`). Datasets of the project's own
    classes (a path handed to the notebook's code) take no credentials."""
    used = set(taken)
    names: dict[str, str] = {}
    credentials: list[Param] = []
    result = []
    for entry in entries:
        store = store_of(entry.filepath)
        if store is None or entry.type.startswith(f"{package}."):
            result.append(entry)
            continue
        bucket = bucket_of(entry.filepath)
        where = f"{entry.filepath.partition('://')[0]}://{bucket}"
        if where not in names:
            names[where] = unique(snake(f"{store.name}_{bucket}", store.name), used)
            credentials.append(Param("", names[where], {}, origin=(
                f"{where}, read and written with {store.package}. Left empty ({{}}), it takes the "
                f"credentials\nfrom the environment: {store.environment}.\nOr give them here: {store.keys}.")))
        result.append(dataclasses.replace(entry, options=(*entry.options, ("credentials", names[where]))))
    return result, credentials
