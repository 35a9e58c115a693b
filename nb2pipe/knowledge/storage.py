"""Object storage the catalog reads and writes through fsspec (as kedro-datasets does): per URL
scheme, the fsspec implementation the project needs and how its credentials are given. One row
per store; `planning/storage.py` names one credentials entry per bucket or host from it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ObjectStore:
    #: Prefix of the credentials entry's name (`s3_my_bucket`).
    name: str
    #: The distribution fsspec needs for the scheme (a line of the generated requirements).
    package: str
    #: The keys a credentials entry may hold (passed to the fsspec filesystem).
    keys: str
    #: Where the filesystem finds credentials when the entry is left empty.
    environment: str


OBJECT_STORES: dict[str, ObjectStore] = {
    "s3": ObjectStore(
        "s3", "s3fs", "key, secret, token, client_kwargs: {endpoint_url: ...}",
        "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), AWS_ENDPOINT_URL"),
    "gs": ObjectStore(
        "gcs", "gcsfs", "token (a service account JSON file), project",
        "GOOGLE_APPLICATION_CREDENTIALS or gcloud's default login"),
    "abfs": ObjectStore(
        "azure", "adlfs", "account_name, account_key (or connection_string, sas_token)",
        "AZURE_STORAGE_ACCOUNT_NAME, AZURE_STORAGE_ACCOUNT_KEY or AZURE_STORAGE_CONNECTION_STRING"),
    "https": ObjectStore(
        "http", "aiohttp", "client_kwargs: {headers: {...}, auth: ...}", "no credentials (a public URL)"),
}
#: Other spellings of the same stores.
OBJECT_STORES |= {"gcs": OBJECT_STORES["gs"], "az": OBJECT_STORES["abfs"], "abfss": OBJECT_STORES["abfs"],
                  "http": OBJECT_STORES["https"]}


def store_of(url: str) -> ObjectStore | None:
    """The store a URL (`s3://bucket/key`) is in; None for a local path or an unknown scheme."""
    scheme, sep, _ = url.partition("://")
    return OBJECT_STORES.get(scheme.lower()) if sep else None


def bucket_of(url: str) -> str:
    """The bucket, container or host a URL names (`s3://my-bucket/a.csv` → `my-bucket`)."""
    rest = url.partition("://")[2]
    return rest.split("/", 1)[0].split("@")[0]
