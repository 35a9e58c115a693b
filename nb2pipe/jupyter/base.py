"""What every endpoint of the server extension shares (`BaseHandler`): the per-server state
(jobs, thread pool), the server root and paths resolved inside it, the job a request names, the
JSON body (size-limited) and JSON replies and errors, never a traceback."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import tornado
from jupyter_server.base.handlers import APIHandler

from . import jobs
from .paths import (
    PathMissing,
    RequestError,
    TooLarge,
    resolve,
)

_SETTINGS_KEY = "nb2pipe"
#: Largest request body accepted (413 above): requests carry paths and options, nothing more.
MAX_BODY_BYTES = 64 * 1024


class _State:
    """Per-server state: the jobs and the thread pool conversions run in."""

    def __init__(self) -> None:
        self.store = jobs.JobStore()
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="nb2pipe")
        self.tasks: set[asyncio.Future[Any]] = set()


class BaseHandler(APIHandler):
    auth_resource = "contents"

    @property
    def state(self) -> _State:
        return self.settings[_SETTINGS_KEY]

    @property
    def root(self) -> Path:
        root_dir = getattr(self.contents_manager, "root_dir", None) or self.settings.get(
            "server_root_dir"
        )
        if not root_dir or not Path(root_dir).is_dir():
            raise RequestError("nb2pipe needs a file-system contents manager (no root_dir)")
        return Path(root_dir).resolve()

    def resolve(self, api_path: object) -> Path:
        return resolve(
            self.root,
            api_path,
            allow_hidden=bool(getattr(self.contents_manager, "allow_hidden", True)),
        )

    def job(self, job_id: str) -> jobs.Job:
        job = self.state.store.get(job_id)
        if job is None:
            raise PathMissing(f"no preview {job_id!r} (expired or discarded): run a fresh preview")
        return job

    def body(self) -> dict[str, Any]:
        if len(self.request.body or b"") > MAX_BODY_BYTES:
            raise TooLarge(f"the request body is larger than {MAX_BODY_BYTES} bytes")
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError as error:
            raise RequestError(f"the request body is not JSON: {error}") from error
        except RecursionError as error:
            raise RequestError("the request body is nested too deeply") from error
        if not isinstance(body, dict):
            raise RequestError("the request body must be a JSON object")
        return body

    def reply(self, data: Any, status: int = 200) -> None:
        self.set_status(status)
        self.finish(json.dumps(data))

    def fail(self, status: int, kind: str, message: str, **extra: Any) -> None:
        self.set_status(status)
        self.finish(
            json.dumps({"message": message, "error": {"kind": kind, "message": message, **extra}})
        )

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """JSON errors with a readable message, never a traceback."""
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, tornado.web.HTTPError):
            message = exc.log_message or exc.reason or self._reason
        else:
            message = "nb2pipe: internal server error (details are in the Jupyter server log)"
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": message, "error": {"kind": "http", "message": message}}))

    async def guarded(self, coro: Any) -> None:
        """Run a handler body, turning nb2pipe's request errors into JSON errors."""
        try:
            await coro
        except RequestError as error:
            self.fail(error.status, error.kind, error.message)
