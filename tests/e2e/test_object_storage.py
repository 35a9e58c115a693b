"""A notebook reading and writing S3 converts to a catalog that keeps the s3:// URLs, with one
credentials entry per bucket: `kedro run` reaches the same bucket, with the environment's
credentials (entry left empty) and with credentials.yml filled in (environment cleared). A local
S3 stand-in (moto's server on 127.0.0.1) plays the bucket: nothing leaves the machine."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from .helpers import converted_cells, explain, run_notebooks, run_tool

moto_server = pytest.importorskip("moto.server", reason="needs moto[server] (the test extras)")
boto3 = pytest.importorskip("boto3")
pytest.importorskip("s3fs")

BUCKET = "sales-bucket"
CELLS = [
    f'import pandas as pd\nBUCKET = "{BUCKET}"',
    'sales = pd.read_csv(f"s3://{BUCKET}/raw/sales.csv")',
    'sales["total"] = sales["qty"] * sales["price"]\nby_region = sales.groupby("region", as_index=False)["total"].sum()',
    'by_region.to_csv(f"s3://{BUCKET}/out/by_region.csv", index=False)',
]
KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture
def endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """moto's S3 on a free loopback port, with a bucket holding raw/sales.csv."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{port}"
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    s3 = boto3.client("s3", endpoint_url=url)
    s3.create_bucket(Bucket=BUCKET)
    s3.put_object(Bucket=BUCKET, Key="raw/sales.csv",
                  Body=b"region,qty,price\nnorth,3,2.5\nsouth,1,10.0\nnorth,2,4.0\neast,5,1.5\n")
    try:
        yield url
    finally:
        server.stop()


def written(url: str) -> bytes:
    """The object written, removed from the bucket (so the next run must write it again)."""
    s3 = boto3.client("s3", endpoint_url=url)
    body = s3.get_object(Bucket=BUCKET, Key="out/by_region.csv")["Body"].read()
    s3.delete_object(Bucket=BUCKET, Key="out/by_region.csv")
    return body


@pytest.mark.e2e
def test_pipeline_writes_the_object_the_notebook_wrote(
    tmp_path: Path, endpoint: str, monkeypatch: pytest.MonkeyPatch, kernel_dir: Path,
    nb2pipe_bin: Path, kedro_bin: Path,
) -> None:
    project, _ = converted_cells(tmp_path, "regions", CELLS, nb2pipe_bin)
    catalog = yaml.safe_load((project / "conf/base/catalog.yml").read_text())
    credentials_file = project / "conf/local/credentials.yml"
    assert catalog["sales_csv"]["filepath"] == f"s3://{BUCKET}/raw/sales.csv"
    assert catalog["by_region_csv"]["filepath"] == f"s3://{BUCKET}/out/by_region.csv"
    assert catalog["sales_csv"]["credentials"] == catalog["by_region_csv"]["credentials"] == "s3_sales_bucket"
    assert yaml.safe_load(credentials_file.read_text()) == {"s3_sales_bucket": {}}
    assert "s3fs" in (project / "requirements.txt").read_text().split()
    assert not list((project / "data").rglob("*.csv")), "converting downloads nothing"

    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)  # how the notebook reaches the bucket
    run_notebooks(tmp_path / "nb", ["regions.ipynb"], kernel_dir)
    expected = written(endpoint)
    assert expected.startswith(b"region,total\n")

    from_environment = run_tool([kedro_bin, "run"], cwd=project)  # credentials entry left {}
    assert from_environment.returncode == 0, explain(from_environment)
    assert written(endpoint) == expected

    for name in [*KEYS, "AWS_ENDPOINT_URL"]:
        monkeypatch.delenv(name)
    credentials_file.write_text(yaml.safe_dump({"s3_sales_bucket": {
        "key": "testing", "secret": "testing",
        "client_kwargs": {"endpoint_url": endpoint, "region_name": "us-east-1"}}}))
    from_credentials = run_tool([kedro_bin, "run"], cwd=project)
    assert from_credentials.returncode == 0, explain(from_credentials)
    assert written(endpoint) == expected
