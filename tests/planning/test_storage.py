"""Object storage in the catalog: one credentials entry per bucket, on every dataset at a URL."""

from __future__ import annotations

from nb2pipe.model import CatalogEntry
from nb2pipe.planning.storage import with_credentials


def entry(name: str, filepath: str, type_: str = "pandas.CSVDataset") -> CatalogEntry:
    return CatalogEntry(name=name, type=type_, filepath=filepath)


def test_one_credentials_entry_per_bucket_named_by_store_and_bucket() -> None:
    entries, credentials = with_credentials([
        entry("a", "s3://my-bucket/raw/a.csv"), entry("b", "s3://my-bucket/out/b.csv"),
        entry("c", "gs://Other.Bucket/c.parquet"), entry("d", "abfs://box@acct.dfs.core.windows.net/d.csv"),
        entry("e", "https://example.com/e.csv"), entry("local", "data/01_raw/l.csv"),
    ], "project", set())
    keys = {e.name: dict(e.options).get("credentials") for e in entries}
    assert keys == {"a": "s3_my_bucket", "b": "s3_my_bucket", "c": "gcs_other_bucket",
                    "d": "azure_box", "e": "http_example_com", "local": None}
    assert [(c.namespace, c.name, c.value) for c in credentials] == [
        ("", "s3_my_bucket", {}), ("", "gcs_other_bucket", {}), ("", "azure_box", {}),
        ("", "http_example_com", {})]
    assert "AWS_ACCESS_KEY_ID" in credentials[0].origin  # the environment alternative, documented


def test_project_datasets_take_no_credentials_and_names_avoid_taken_keys() -> None:
    entries, credentials = with_credentials([
        entry("p", "s3://b/p.csv", "project.datasets.FilePathDataset"), entry("q", "s3://b/q.csv"),
    ], "project", {"s3_b"})
    assert entries[0].options == ()
    assert dict(entries[1].options)["credentials"] == "s3_b_2" == credentials[0].name
