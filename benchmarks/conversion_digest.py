"""One digest per notebook of what nb2pipe generates for it (nothing runs), to check that two
versions of nb2pipe convert a corpus identically (a behaviour-preserving change).

Usage: PYTHONPATH=<checkout> python benchmarks/conversion_digest.py corpus/ > digests.txt
then `diff` the files two checkouts print. Each notebook is converted alone; the digest covers
every generated file (path and content) except nb2pipe's own `.nb2pipe/` and README.md (which
names the nb2pipe version). A notebook that does not convert prints ERROR and the reason.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

from nb2pipe import api
from nb2pipe.options import Options


def digest(notebook: Path) -> str:
    h = hashlib.sha256()
    with tempfile.TemporaryDirectory() as tmp:
        files = api.generate([notebook], Path(tmp) / "project", Options(keep_going=True)).files
        for path, content in sorted(files.items(), key=lambda kv: str(kv[0])):
            if str(path).startswith(".nb2pipe/") or str(path) == "README.md":
                continue
            if isinstance(content, str):
                data = content.encode()
            else:
                data = content if isinstance(content, bytes) else repr(content).encode()
            h.update(str(path).encode())
            h.update(data)
    return h.hexdigest()[:16]


def main() -> None:
    corpus = Path(sys.argv[1])
    for notebook in sorted(corpus.rglob("*.ipynb")):
        try:
            print(notebook.relative_to(corpus), digest(notebook))
        except Exception as error:  # noqa: BLE001 - reported, the next notebook goes on
            reason = str(error).splitlines()[0][:80] if str(error) else ""
            print(notebook.relative_to(corpus), "ERROR", type(error).__name__, reason)


if __name__ == "__main__":
    main()
