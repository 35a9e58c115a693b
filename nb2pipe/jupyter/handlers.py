"""HTTP endpoints of the nb2pipe server extension (all under ``<base_url>/nb2pipe/``).

``POST   preview``          ``{paths, target?, options?, kernel_id?, wait?}`` → 202 ``{id, ...}``
``GET    status``           server info and the jobs (without their results)
``GET    status/<id>``      one job: state, progress, and when done the files, diffs, diagnostics
                            (each file added / modified / removed / unchanged, or kept / merged /
                            conflicted when the user edited it since: the three-way merge)
``DELETE preview/<id>``     discard a preview (nothing was written)
``POST   apply``            ``{id}`` → writes exactly what was previewed; 409 if the inputs or the
                            target changed since
``GET    file/<id>?path=``  the full text of one generated file of a preview

Every verb requires Jupyter's authentication (and XSRF for browser requests, through APIHandler);
every path is resolved inside the server root (403 otherwise). Conversions run in a thread pool,
never on the event loop, and never execute the notebook.
"""

from __future__ import annotations

import asyncio
from pathlib import Path, PurePosixPath
from typing import Any

import tornado
from jupyter_server.auth.decorator import authorized
from jupyter_server.utils import url_path_join

from ..errors import BusyError, Nb2PipeError
from ..options import Options
from . import jobs, kernels, replies
from .base import _SETTINGS_KEY, BaseHandler, _State
from .paths import (
    PathMissing,
    PathRefused,
    RequestError,
    default_target,
    is_inside,
    links_outside,
    to_api,
)

NAMESPACE = "nb2pipe"
#: The CLI's conversion options a request may set (all booleans).
OPTION_NAMES = ("memory", "keep_going", "strict", "force")


class PreviewHandler(BaseHandler):
    @tornado.web.authenticated
    @authorized("read")
    async def post(self) -> None:
        await self.guarded(self._post())

    async def _post(self) -> None:
        body = self.body()
        raw_paths = body.get("paths", body.get("path"))
        if isinstance(raw_paths, str):
            raw_paths = [raw_paths]
        if not isinstance(raw_paths, list) or not raw_paths:
            raise RequestError("give 'paths': the notebooks, scripts or folders to convert")
        paths = [self.resolve(p) for p in raw_paths]
        for api_path, path in zip(raw_paths, paths, strict=True):
            if not path.exists():
                raise PathMissing(f"{api_path!r} does not exist")
        root = self.root
        target_raw = body.get("target")
        target = (
            self.resolve(target_raw)
            if target_raw not in (None, "")
            else default_target(paths[0], root)
        )
        check_target(target, paths, root)
        await self.refuse_links_outside(paths, root)
        flags = parse_options(body.get("options") or {})
        notebook = paths[0] if len(paths) == 1 and paths[0].is_file() else None
        python = kernels.kernel_python(
            getattr(self, "kernel_manager", None),
            getattr(self, "kernel_spec_manager", None),
            body.get("kernel_id") if isinstance(body.get("kernel_id"), str) else None,
            notebook,
        )
        options = Options(python=python, copy_within=str(root), memory=flags.get("memory", False),
                          keep_going=flags.get("keep_going", False), strict=flags.get("strict", False),
                          force=flags.get("force", False))
        job = self.state.store.add(root, paths, target, options)
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self.state.executor, jobs.run_preview, job)
        self.state.tasks.add(future)
        future.add_done_callback(self.state.tasks.discard)
        self.log.info("nb2pipe: preview %s of %s into %s", job.id, raw_paths, to_api(target, root))
        if body.get("wait"):
            await future
            self.reply(job.to_json(), 200)
        else:
            self.reply(job.to_json(with_result=False), 202)

    async def refuse_links_outside(self, paths: list[Path], root: Path) -> None:
        """403 when the conversion would read code through a link leading out of the root."""
        from ..api import common_root

        loop = asyncio.get_running_loop()
        base = common_root(paths)
        links = await loop.run_in_executor(self.state.executor, links_outside, base, root)
        if links:
            shown = ", ".join(links[:5]) + (f" and {len(links) - 5} more" if len(links) > 5 else "")
            raise PathRefused(
                f"{shown}: link(s) to files outside the server root; nb2pipe reads only files "
                "inside it: remove the link(s) or copy the files in"
            )


class PreviewItemHandler(BaseHandler):
    @tornado.web.authenticated
    @authorized("write")
    async def delete(self, job_id: str) -> None:
        await self.guarded(self._delete(job_id))

    async def _delete(self, job_id: str) -> None:
        job = self.job(job_id)
        if job.applying:
            self.fail(409, "busy", "this preview is being applied")
            return
        self.state.store.discard(job_id)
        self.set_status(204)
        self.finish()


class StatusHandler(BaseHandler):
    @tornado.web.authenticated
    @authorized("read")
    async def get(self, job_id: str | None = None) -> None:
        await self.guarded(self._get(job_id))

    async def _get(self, job_id: str | None) -> None:
        if job_id:
            self.reply(self.job(job_id).to_json())
            return
        with self.state.store.lock:
            listed = list(self.state.store.jobs.values())
        self.reply(
            {
                "version": _version(),  # no server paths: every path is relative to the root
                "jobs": [j.to_json(with_result=False) for j in listed],
            }
        )


class ApplyHandler(BaseHandler):
    @tornado.web.authenticated
    @authorized("write")
    async def post(self) -> None:
        await self.guarded(self._post())

    async def _post(self) -> None:
        body = self.body()
        job = self.job(str(body.get("id", "")))
        if job.state == "running":
            self.fail(409, "running", "this preview is still running")
            return
        loop = asyncio.get_running_loop()
        try:
            written = await loop.run_in_executor(
                self.state.executor, jobs.run_apply, job, self.state.store
            )
        except jobs.Conflict as conflict:
            self.fail(409, "changed", conflict.message, reason=conflict.reason)
            return
        except BusyError:
            shown = to_api(job.target, job.root) or "/"
            self.fail(
                409,
                "busy",
                f"another nb2pipe conversion is writing to {shown}; try again when it has finished",
            )
            return
        except Nb2PipeError as error:
            self.fail(422, "output", replies.error_json(error, job.root, job.paths)["message"])
            return
        except OSError as error:
            self.fail(422, "output", replies.error_json(error, job.root, job.paths)["message"])
            return
        self.log.info("nb2pipe: applied %s into %s", job.id, job.target)
        self.reply(
            {
                "id": job.id,
                "state": job.state,
                "target": to_api(job.target, job.root),
                "written": [{"path": str(c.path), "status": c.status,
                             "conflicts": list(c.conflicts)} for c in written],
            }
        )


class FileHandler(BaseHandler):
    @tornado.web.authenticated
    @authorized("read")
    async def get(self, job_id: str) -> None:
        await self.guarded(self._get(job_id))

    async def _get(self, job_id: str) -> None:
        job = self.job(job_id)
        preview = job.preview
        if preview is None:
            raise RequestError(f"preview {job_id} has no result ({job.state})")
        path = PurePosixPath(self.get_query_argument("path", ""))
        content = preview.generated.files.get(path)
        if content is None:
            raise PathMissing(f"{path} is not part of this preview")
        if isinstance(content, str):
            self.reply({"path": str(path), "kind": "text", "content": content})
        else:
            self.reply({"path": str(path), "kind": replies.file_kind(content), "content": None})


def parse_options(raw: object) -> dict[str, bool]:
    if not isinstance(raw, dict):
        raise RequestError("'options' must be an object")
    unknown = sorted(set(raw) - set(OPTION_NAMES))
    if unknown:
        raise RequestError(f"unknown option(s) {unknown}; known: {list(OPTION_NAMES)}")
    for name, value in raw.items():
        if not isinstance(value, bool):
            raise RequestError(f"option {name!r} must be true or false")
    return dict(raw)


def check_target(target: Path, paths: list[Path], root: Path) -> None:
    if target == root:
        raise RequestError("the target cannot be the server root: choose a folder for the project")
    if target.exists() and not target.is_dir():
        raise RequestError(f"the target {to_api(target, root)!r} is a file, not a folder")
    for path in paths:
        if path == target or (path.is_dir() and is_inside(target, path)):
            raise RequestError(
                f"the target {to_api(target, root)!r} is inside the folder converted "
                f"{to_api(path, root)!r}: choose a folder outside it"
            )


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("nb2pipe")
    except Exception:
        return "unknown"


def teardown(server_app: Any) -> None:
    """Stop the thread pool at server shutdown (running conversions are abandoned)."""
    state = server_app.web_app.settings.get(_SETTINGS_KEY)
    if state is not None:
        state.executor.shutdown(wait=False, cancel_futures=True)


def setup_handlers(server_app: Any) -> None:
    web_app = server_app.web_app
    web_app.settings[_SETTINGS_KEY] = _State()
    base = url_path_join(web_app.settings["base_url"], NAMESPACE)
    job = r"(?P<job_id>[0-9a-f]{16})"
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base, "preview"), PreviewHandler),
            (url_path_join(base, "preview", job), PreviewItemHandler),
            (url_path_join(base, "status"), StatusHandler),
            (url_path_join(base, "status", job), StatusHandler),
            (url_path_join(base, "apply"), ApplyHandler),
            (url_path_join(base, "file", job), FileHandler),
        ],
    )
    server_app.log.info("nb2pipe server extension loaded at %s", base)
