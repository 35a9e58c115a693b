"""The nb2pipe server extension through HTTP (pytest-jupyter), with the real converter."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from pathlib import Path

import pytest

from .conftest import MISSING

if MISSING:
    pytest.skip(MISSING, allow_module_level=True)

from tornado.httpclient import HTTPClientError  # noqa: E402

from nb2pipe.jupyter import kernels  # noqa: E402

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": ["# Lots"]},
        {"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {}, "outputs": [],
         "source": ["import pandas as pd"]},
        {"cell_type": "code", "execution_count": None, "id": "c2", "metadata": {}, "outputs": [],
         "source": ["THRESHOLD = 2"]},
        {"cell_type": "code", "execution_count": None, "id": "c3", "metadata": {}, "outputs": [],
         "source": ["df = pd.read_csv(\"data/lots.csv\")"]},
        {"cell_type": "code", "execution_count": None, "id": "c4", "metadata": {}, "outputs": [],
         "source": ["df = df[df[\"score\"] >= THRESHOLD]\n", "df[\"double\"] = df[\"score\"] * 2"]},
        {"cell_type": "code", "execution_count": None, "id": "c5", "metadata": {}, "outputs": [],
         "source": ["df.to_csv(\"data/kept.csv\", index=False)"]},
    ],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}  # fmt: skip


def write_notebook(
    root: Path, name: str = "lots.ipynb", edit: tuple[str, str] | None = None
) -> Path:
    nb = json.loads(json.dumps(NOTEBOOK))
    if edit:
        for cell in nb["cells"]:
            cell["source"] = [line.replace(*edit) for line in cell["source"]]
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    data = path.parent / "data"
    data.mkdir(exist_ok=True)
    (data / "lots.csv").write_text("lot,score\na,1\nb,2\nc,3\n", encoding="utf-8")
    return path


async def call(jp_fetch, method: str, *parts: str, body=None, **kwargs):
    """(status, json) of a request; HTTP errors are returned, not raised."""
    if body is not None:
        kwargs["body"] = json.dumps(body)
    try:
        response = await jp_fetch("nb2pipe", *parts, method=method, **kwargs)
    except HTTPClientError as error:
        text = error.response.body.decode() if error.response is not None else ""
        return error.code, json.loads(text) if text.startswith("{") else text
    text = response.body.decode()
    return response.code, json.loads(text) if text else None


async def preview(jp_fetch, body) -> dict:
    status, job = await call(jp_fetch, "POST", "preview", body={**body, "wait": True})
    assert status == 200, job
    return job


# ------------------------------------------------------------------------------ auth and paths
@pytest.mark.parametrize(
    ("method", "parts", "body"),
    [
        ("POST", ("preview",), {"paths": ["lots.ipynb"]}),
        ("GET", ("status",), None),
        ("GET", ("status", "0123456789abcdef"), None),
        ("POST", ("apply",), {"id": "0123456789abcdef"}),
        ("DELETE", ("preview", "0123456789abcdef"), None),
        ("GET", ("file", "0123456789abcdef"), None),
    ],
)
async def test_every_endpoint_requires_authentication(jp_fetch, jp_root_dir, method, parts, body):
    write_notebook(jp_root_dir)
    status, reply = await call(jp_fetch, method, *parts, body=body, headers={"Authorization": ""})
    assert status in (401, 403), reply
    assert not (jp_root_dir / "lots_kedro").exists()


async def test_browser_requests_need_the_xsrf_token(
    jp_fetch, jp_root_dir, jp_serverapp, http_server_client, jp_base_url
):
    # a cookie-authenticated (browser) POST must carry the XSRF token, as JupyterLab's requests do
    write_notebook(jp_root_dir)
    token = jp_serverapp.identity_provider.token
    login = await http_server_client.fetch(f"{jp_base_url}api/status?token={token}")
    xsrf = "0123456789abcdef"  # tornado compares the header with the _xsrf cookie
    cookies = "; ".join(
        [*(c.split(";", 1)[0] for c in login.headers.get_list("Set-Cookie")), f"_xsrf={xsrf}"]
    )
    url = f"{jp_base_url}nb2pipe/preview"
    body = json.dumps({"paths": ["lots.ipynb"]})
    with pytest.raises(HTTPClientError) as refused:
        await http_server_client.fetch(url, method="POST", body=body, headers={"Cookie": cookies})
    assert refused.value.code == 403 and "_xsrf" in refused.value.response.body.decode()
    accepted = await http_server_client.fetch(
        url, method="POST", body=body, headers={"Cookie": cookies, "X-XSRFToken": xsrf}
    )
    assert accepted.code == 202


@pytest.mark.parametrize(
    "bad",
    [
        "../outside.ipynb",
        "/etc/passwd",
        "sub/../../outside.ipynb",
        "..",
        "link/secret.ipynb",
        "C:/x.ipynb",
    ],
)
async def test_paths_outside_the_root_are_refused(jp_fetch, jp_root_dir, tmp_path_factory, bad):
    outside = tmp_path_factory.mktemp("outside")
    write_notebook(outside, "secret.ipynb")
    write_notebook(jp_root_dir)
    (jp_root_dir / "sub").mkdir()
    (jp_root_dir / "link").symlink_to(outside, target_is_directory=True)
    status, reply = await call(jp_fetch, "POST", "preview", body={"paths": [bad]})
    assert status == 403, reply
    assert "root" in reply["message"]
    # ...and as a target
    status, reply = await call(
        jp_fetch, "POST", "preview", body={"paths": ["lots.ipynb"], "target": bad}
    )
    assert status == 403, reply
    assert not list(outside.glob("*_kedro")) and not (jp_root_dir / "lots_kedro").exists()


async def test_symlinked_target_escaping_the_root_is_refused(
    jp_fetch, jp_root_dir, tmp_path_factory
):
    outside = tmp_path_factory.mktemp("outside")
    write_notebook(jp_root_dir)
    (jp_root_dir / "lots_kedro").symlink_to(outside, target_is_directory=True)
    status, reply = await call(jp_fetch, "POST", "preview", body={"paths": ["lots.ipynb"]})
    assert status == 403, reply
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("request_path", ["nbs", "nbs/lots.ipynb"])
async def test_code_linked_from_outside_the_root_is_refused(
    jp_fetch, jp_root_dir, tmp_path_factory, request_path
):
    """A notebook or module in the converted folder that links out of the root: read, it would
    land in the project (a pipeline, a copied module); the request is refused instead."""
    outside = tmp_path_factory.mktemp("outside")
    (outside / "helpers.py").write_text("SECRET = 'from outside'\n")
    write_notebook(outside, "secret.ipynb")
    write_notebook(jp_root_dir / "nbs")
    (jp_root_dir / "nbs" / "helpers.py").symlink_to(outside / "helpers.py")
    (jp_root_dir / "nbs" / "leak.ipynb").symlink_to(outside / "secret.ipynb")
    (jp_root_dir / "nbs" / "alias.ipynb").symlink_to(jp_root_dir / "nbs" / "lots.ipynb")  # inside
    status, reply = await call(jp_fetch, "POST", "preview", body={"paths": [request_path]})
    assert status == 403, reply
    assert reply["message"].startswith("nbs/helpers.py, nbs/leak.ipynb: link(s) to files outside")
    assert str(outside) not in json.dumps(reply) and "alias" not in reply["message"]
    assert not list(jp_root_dir.rglob("*_kedro"))
    (jp_root_dir / "nbs" / "helpers.py").unlink()
    (jp_root_dir / "nbs" / "leak.ipynb").unlink()
    job = await preview(jp_fetch, {"paths": [request_path]})  # no link out: converted
    assert job["state"] == "done", job


async def test_request_bodies_too_deep_or_too_large_are_client_errors(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir)
    deep = "[" * 20_000 + "]" * 20_000  # 40 kB, far past the parser's recursion limit
    status, reply = await raw_post(jp_fetch, "preview", deep)
    assert status == 400 and "nested too deeply" in reply["message"], reply
    large = json.dumps({"paths": ["lots.ipynb"], "pad": "x" * 100_000})
    status, reply = await raw_post(jp_fetch, "apply", large)
    assert status == 413 and "larger than" in reply["message"], reply


async def raw_post(jp_fetch, endpoint: str, text: str):
    """(status, json) of a POST whose body is ``text`` as it is."""
    try:
        response = await jp_fetch("nb2pipe", endpoint, method="POST", body=text)
    except HTTPClientError as error:
        return error.code, json.loads(error.response.body.decode())
    return response.code, json.loads(response.body.decode())


async def test_status_never_tells_the_servers_absolute_paths(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir / "nbs")
    await preview(jp_fetch, {"paths": ["nbs/lots.ipynb"]})
    status, reply = await call(jp_fetch, "GET", "status")
    assert status == 200 and reply["jobs"] and reply["jobs"][0]["target"] == "nbs/lots_kedro"
    assert str(jp_root_dir) not in json.dumps(reply)
    assert str(jp_root_dir.resolve()) not in json.dumps(reply)


async def test_apply_while_another_conversion_writes_the_target_is_409_busy(
    jp_fetch, jp_root_dir
):
    from nb2pipe import target_lock

    write_notebook(jp_root_dir / "nbs")
    job = await preview(jp_fetch, {"paths": ["nbs/lots.ipynb"]})
    with target_lock.hold(jp_root_dir / "nbs" / "lots_kedro"):  # as `nb2pipe convert` would
        status, reply = await call(jp_fetch, "POST", "apply", body={"id": job["id"]})
    assert status == 409 and reply["error"]["kind"] == "busy", reply
    assert reply["message"] == (
        "another nb2pipe conversion is writing to nbs/lots_kedro; try again when it has finished"
    )
    assert not (jp_root_dir / "nbs" / "lots_kedro").exists()
    status, reply = await call(jp_fetch, "POST", "apply", body={"id": job["id"]})
    assert status == 200, reply  # the lock is free again: the same preview applies


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({}, 400, "paths"),
        ({"paths": ["missing.ipynb"]}, 404, "does not exist"),
        ({"paths": ["lots.ipynb"], "options": {"fast": True}}, 400, "unknown option"),
        ({"paths": ["lots.ipynb"], "options": {"memory": "yes"}}, 400, "true or false"),
        ({"paths": ["lots.ipynb"], "target": "lots.ipynb"}, 400, "is a file"),
        ({"paths": [""]}, 400, "explicit target"),
        ({"paths": ["nbs"], "target": "nbs/out"}, 400, "inside the folder"),
    ],
)
async def test_bad_requests_get_readable_errors(jp_fetch, jp_root_dir, body, status, words):
    write_notebook(jp_root_dir)
    write_notebook(jp_root_dir / "nbs")
    got, reply = await call(jp_fetch, "POST", "preview", body=body)
    assert got == status, reply
    assert words in reply["message"] and "Traceback" not in json.dumps(reply)


async def test_unknown_preview_ids_are_404(jp_fetch):
    for method, parts, body in [
        ("GET", ("status", "0123456789abcdef"), None),
        ("POST", ("apply",), {"id": "0123456789abcdef"}),
        ("DELETE", ("preview", "0123456789abcdef"), None),
    ]:
        status, reply = await call(jp_fetch, method, *parts, body=body)
        assert status == 404 and "fresh preview" in reply["message"], reply


# ------------------------------------------------------------------------- preview, then apply
async def test_preview_writes_nothing_then_apply_writes_exactly_the_preview(jp_fetch, jp_root_dir):
    from nb2pipe import api

    write_notebook(jp_root_dir / "nbs")
    job = await preview(jp_fetch, {"paths": ["nbs/lots.ipynb"]})
    assert job["state"] == "done", job
    assert job["target"] == "nbs/lots_kedro" and job["python"] is None
    files = job["result"]["files"]
    assert files and {f["status"] for f in files} == {"added"}
    assert job["result"]["summary"]["added"] == len(files)
    text = [f for f in files if f["kind"] == "text"]
    assert all(f["diff"].count("\n+") >= 1 for f in text if f["diff"])
    assert not (jp_root_dir / "nbs" / "lots_kedro").exists()  # preview-then-apply

    status, applied = await call(jp_fetch, "POST", "apply", body={"id": job["id"]})
    assert status == 200, applied
    target = jp_root_dir / "nbs" / "lots_kedro"
    on_disk = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert {f["path"] for f in files} <= on_disk
    # the same generated files as a direct API conversion elsewhere with the same folder name
    direct = api.generate([jp_root_dir / "nbs" / "lots.ipynb"], target, api.Options())
    for path, content in direct.files.items():
        if isinstance(content, str):
            assert (target / str(path)).read_text(encoding="utf-8") == content, path

    # a second apply of the same preview is refused
    status, reply = await call(jp_fetch, "POST", "apply", body={"id": job["id"]})
    assert status == 409 and "fresh preview" in reply["message"], reply


async def test_rerun_after_an_edit_shows_only_that_change(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir)
    job = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    assert (await call(jp_fetch, "POST", "apply", body={"id": job["id"]}))[0] == 200
    again = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    assert {f["status"] for f in again["result"]["files"]} == {"unchanged"}

    write_notebook(jp_root_dir, edit=('df["score"] * 2', 'df["score"] * 3'))
    edited = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    changed = [f for f in edited["result"]["files"] if f["status"] != "unchanged"]
    assert changed, edited["result"]["summary"]
    diff = "".join(f["diff"] for f in changed)
    plus = [
        line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")
    ]
    minus = [
        line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    assert any("* 3" in line for line in plus) and any("* 2" in line for line in minus), diff
    assert all("* 3" in line for line in plus if "score" in line), diff


async def test_apply_is_refused_when_the_notebook_changed_since_the_preview(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir)
    job = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    write_notebook(jp_root_dir, edit=("THRESHOLD = 2", "THRESHOLD = 3"))
    status, reply = await call(jp_fetch, "POST", "apply", body={"id": job["id"]})
    assert status == 409, reply
    assert reply["error"]["reason"] == "inputs" and "fresh preview" in reply["message"]
    assert not (jp_root_dir / "lots_kedro").exists()
    fresh = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    assert (await call(jp_fetch, "POST", "apply", body={"id": fresh["id"]}))[0] == 200


async def test_apply_is_refused_when_the_target_changed_since_the_preview(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir)
    job = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    first = next(f for f in job["result"]["files"] if f["kind"] == "text")
    planted = jp_root_dir / "lots_kedro" / first["path"]
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_text("someone else's file\n")
    status, reply = await call(jp_fetch, "POST", "apply", body={"id": job["id"]})
    assert status == 409 and reply["error"]["reason"] == "target", reply
    assert planted.read_text() == "someone else's file\n"


async def test_discard_forgets_the_preview(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir)
    job = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    status, _ = await call(jp_fetch, "DELETE", "preview", job["id"])
    assert status == 204
    status, reply = await call(jp_fetch, "POST", "apply", body={"id": job["id"]})
    assert status == 404, reply
    assert not (jp_root_dir / "lots_kedro").exists()


async def test_options_reach_the_converter(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir)
    catalogs = {}
    for memory in (False, True):
        job = await preview(
            jp_fetch,
            {"paths": ["lots.ipynb"], "target": "out/project", "options": {"memory": memory}},
        )
        assert job["state"] == "done" and job["target"] == "out/project"
        assert job["options"] == {
            "memory": memory,
            "keep_going": False,
            "strict": False,
            "force": False,
        }
        catalogs[memory] = next(
            f for f in job["result"]["files"] if f["path"] == "conf/base/catalog.yml"
        )
    # --memory: no pickled datasets between nodes
    assert "pickle.PickleDataset" in catalogs[False]["diff"]
    assert "pickle.PickleDataset" not in catalogs[True]["diff"]


async def test_generated_file_text(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir)
    job = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    first = next(f for f in job["result"]["files"] if f["kind"] == "text")
    status, reply = await call(jp_fetch, "GET", "file", job["id"], params={"path": first["path"]})
    assert status == 200 and reply["content"], reply
    status, reply = await call(jp_fetch, "GET", "file", job["id"], params={"path": "nope.txt"})
    assert status == 404


async def test_folder_conversion(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir / "nbs", "a.ipynb")
    write_notebook(jp_root_dir / "nbs", "b.ipynb", edit=("kept.csv", "kept_b.csv"))
    job = await preview(jp_fetch, {"paths": ["nbs"]})
    assert job["state"] == "done", job
    assert job["target"] == "nbs_kedro"
    paths = {f["path"] for f in job["result"]["files"]}
    assert any("/a/" in p for p in paths) and any("/b/" in p for p in paths), paths


# ------------------------------------------------------------------------------------- errors
async def test_bad_notebook_is_a_readable_input_error(jp_fetch, jp_root_dir):
    (jp_root_dir / "broken.ipynb").write_text("{ this is not json", encoding="utf-8")
    job = await preview(jp_fetch, {"paths": ["broken.ipynb"]})
    assert job["state"] == "error", job
    error = job["error"]
    assert error["kind"] == "input" and error["problems"], error
    assert "broken.ipynb" in error["message"] and "Traceback" not in json.dumps(job)
    assert error["problems"][0]["path"] == "broken.ipynb"


async def test_unexpected_failure_is_readable_and_has_no_traceback(
    jp_fetch, jp_root_dir, monkeypatch
):
    from nb2pipe import api

    def boom(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "preview", boom)
    write_notebook(jp_root_dir)
    job = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    assert job["state"] == "error" and job["error"]["kind"] == "internal"
    assert "ZeroDivisionError: division by zero" in job["error"]["message"]
    assert "Traceback" not in json.dumps(job) and 'File "' not in json.dumps(job)


async def test_output_error_on_apply_is_readable(jp_fetch, jp_root_dir, monkeypatch):
    from nb2pipe import api
    from nb2pipe.errors import OutputError

    write_notebook(jp_root_dir)
    job = await preview(jp_fetch, {"paths": ["lots.ipynb"]})

    def refuse(*args, **kwargs):
        raise OutputError("lots_kedro is not writable")

    monkeypatch.setattr(api, "apply", refuse)
    status, reply = await call(jp_fetch, "POST", "apply", body={"id": job["id"]})
    assert status == 422, reply
    assert reply["error"]["kind"] == "output" and "not writable" in reply["message"]


async def test_unwritable_target_is_an_output_error(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir)
    (jp_root_dir / "blocker").write_text("a file where a folder should be")
    job = await preview(jp_fetch, {"paths": ["lots.ipynb"], "target": "blocker/project"})
    if job["state"] == "done":
        status, reply = await call(jp_fetch, "POST", "apply", body={"id": job["id"]})
        assert status == 422, reply
        message = reply["message"]
    else:
        assert job["error"]["kind"] == "output", job
        message = job["error"]["message"]
    assert "Traceback" not in message and message


# ------------------------------------------------------------------ off the loop, with progress
async def test_long_conversion_reports_progress_without_blocking(
    jp_fetch, jp_root_dir, monkeypatch
):
    from nb2pipe import api

    release = threading.Event()
    real = api.preview

    def slow(paths, out, options, progress=None):
        progress(str(paths[0]), 0, 1)
        assert release.wait(30)
        return real(paths, out, options, progress)

    monkeypatch.setattr(api, "preview", slow)
    write_notebook(jp_root_dir)
    status, job = await call(jp_fetch, "POST", "preview", body={"paths": ["lots.ipynb"]})
    assert status == 202 and job["state"] == "running"
    # the event loop still answers (status endpoints and Jupyter's own API) while it works
    for _ in range(50):
        status, running = await call(jp_fetch, "GET", "status", job["id"])
        if running["progress"]:
            break
        await asyncio.sleep(0.05)
    assert running["state"] == "running"
    assert running["progress"] == {"path": "lots.ipynb", "done": 0, "total": 1}
    assert (await jp_fetch("api", "status")).code == 200
    status, listing = await call(jp_fetch, "GET", "status")
    assert [j["id"] for j in listing["jobs"]] == [job["id"]] and "result" not in listing["jobs"][0]
    status, reply = await call(jp_fetch, "POST", "apply", body={"id": job["id"]})
    assert status == 409 and reply["error"]["kind"] == "running"
    release.set()
    for _ in range(600):
        status, done = await call(jp_fetch, "GET", "status", job["id"])
        if done["state"] != "running":
            break
        await asyncio.sleep(0.05)
    assert done["state"] == "done" and done["result"]["files"]


# ----------------------------------------------------------------------------- kernel python
def test_kernel_python_from_a_kernelspec():
    assert kernels.python_of_spec(["python", "-m", "ipykernel_launcher"], "python") is None
    assert kernels.python_of_spec([sys.executable, "-m", "ipykernel_launcher"], "python") is None
    assert kernels.python_of_spec(["/usr/bin/R", "--slave"], "R") is None
    assert kernels.python_of_spec(["conda", "run", "-n", "x", "python"], "python") is None
    other = sys.executable + "-other"  # same folder, another interpreter name
    assert kernels.python_of_spec([other, "-m", "ipykernel_launcher"], "python") == other


def test_kernel_python_of_a_running_kernel_comes_first():
    from types import SimpleNamespace as NS

    other = sys.executable + "-other"
    running = NS(kernel_spec=NS(argv=[other, "-m", "ipykernel_launcher"], language="python"))
    manager = NS(get_kernel=lambda kernel_id: running if kernel_id == "k1" else {}[kernel_id])
    assert kernels.kernel_python(manager, None, "k1", None) == other
    assert kernels.kernel_python(manager, None, "gone", None) is None


async def test_the_notebook_kernels_interpreter_pins_requirements(
    jp_fetch, jp_root_dir, jp_data_dir, monkeypatch
):
    from nb2pipe import api

    seen = {}
    real = api.preview

    def spy(paths, out, options, progress=None):
        seen["python"] = options.python
        return real(paths, out, api.Options(**{**_fields(options), "python": None}), progress)

    monkeypatch.setattr(api, "preview", spy)
    other = Path(sys.executable).parent / "python-kernel-env"
    spec = jp_data_dir / "kernels" / "otherenv"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [str(other), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Other env", "language": "python",
    }))  # fmt: skip
    nb = json.loads(json.dumps(NOTEBOOK))
    nb["metadata"]["kernelspec"] = {
        "name": "otherenv",
        "display_name": "Other env",
        "language": "python",
    }
    write_notebook(jp_root_dir)
    (jp_root_dir / "lots.ipynb").write_text(json.dumps(nb))
    job = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    assert seen["python"] == str(other) and job["python"] == str(other)


def _fields(options) -> dict:
    return {name: getattr(options, name) for name in options.__dataclass_fields__}


async def test_raw_data_outside_the_root_is_referenced_not_copied(
    jp_fetch, jp_root_dir, tmp_path_factory
):
    outside = tmp_path_factory.mktemp("bigdata")
    (outside / "lots.csv").write_text("lot,score\na,1\nb,2\nc,3\n", encoding="utf-8")
    write_notebook(jp_root_dir, edit=('"data/lots.csv"', json.dumps(str(outside / "lots.csv"))))
    job = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    assert job["state"] == "done", job
    assert not [f for f in job["result"]["files"] if f["kind"] == "copy" and "lots" in f["path"]]
    catalog = next(f for f in job["result"]["files"] if f["path"] == "conf/base/catalog.yml")
    assert str(outside / "lots.csv") in catalog["diff"]
    assert job["result"]["diagnostics"][0]["code"] == "raw-data-outside-root"
    assert (await call(jp_fetch, "POST", "apply", body={"id": job["id"]}))[0] == 200
    assert not list((jp_root_dir / "lots_kedro").rglob("lots.csv"))


# --------------------------------------------------------------------- regeneration (issue #12)
async def test_preview_shows_each_edited_file_kept_merged_or_conflicted(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir)
    job = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    assert (await call(jp_fetch, "POST", "apply", body={"id": job["id"]}))[0] == 200
    target = jp_root_dir / "lots_kedro"
    readme, params = target / "README.md", target / "conf/base/parameters.yml"
    (target / "src/lots_kedro/helpers.py").write_text("X = 1\n")  # the user's own file
    readme.write_text("Notes of the team.\n\n" + readme.read_text())
    nodes = next(target.rglob("nodes.py"))
    nodes.write_text(nodes.read_text().replace('"""Steps', '"""Our steps', 1))
    params.write_text(params.read_text().replace("THRESHOLD: 2", "THRESHOLD: 5"))

    write_notebook(jp_root_dir, edit=("THRESHOLD = 2", "THRESHOLD = 3"))
    again = await preview(jp_fetch, {"paths": ["lots.ipynb"]})
    files = {f["path"]: f for f in again["result"]["files"]}
    assert files["conf/base/parameters.yml"]["status"] == "conflicted"
    assert files["conf/base/parameters.yml"]["conflicts"]
    assert files[str(nodes.relative_to(target))]["status"] in ("kept", "merged")
    assert files["README.md"]["status"] in ("kept", "merged")
    assert "src/lots_kedro/helpers.py" not in files
    assert again["result"]["summary"]["conflicted"] == 1
    assert "THRESHOLD: 5" in params.read_text()  # a preview writes nothing

    status, applied = await call(jp_fetch, "POST", "apply", body={"id": again["id"]})
    assert status == 200, applied
    written = {w["path"]: w for w in applied["written"]}
    assert written["conf/base/parameters.yml"]["conflicts"]
    assert "<<<<<<<" in params.read_text() and "THRESHOLD: 5" in params.read_text()
    assert "Our steps" in nodes.read_text() and "Notes of the team." in readme.read_text()
    assert (target / "src/lots_kedro/helpers.py").read_text() == "X = 1\n"
