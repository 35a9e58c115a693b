"""Command rules for downloads (`wget`, `curl`): the URL is read, the file it names (or the
URL's last part) written. `shell.commands.SHELL_COMMANDS` points at these functions."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from nb2pipe.analysis.shell.rules import Argv, CommandEffect, dynamic_note, join, parse_options


def wget(args: Argv) -> CommandEffect:
    """`wget URL [-O out | -P dir]`: the URL is read, the file written."""
    values = frozenset(
        {
            "-O",
            "--output-document",
            "-P",
            "--directory-prefix",
            "-o",
            "--output-file",
            "-t",
            "--tries",
            "-T",
            "--timeout",
            "-U",
            "--user-agent",
            "--header",
            "--user",
            "--password",
        }
    )
    parsed = parse_options(args, values)
    urls = tuple(p for p in parsed.positionals if p is not None)
    output = next(iter(parsed.values("-O", "--output-document")), None)
    folder = next(iter(parsed.values("-P", "--directory-prefix")), "") or ""
    if None in parsed.positionals or not urls:
        return CommandEffect("download", notes=(dynamic_note("download URL"),))
    if output is not None:
        return CommandEffect("download", reads=urls, writes=(output,))
    return CommandEffect(
        "download", reads=urls, writes=tuple(join(folder, _url_name(u)) for u in urls)
    )


def curl(args: Argv) -> CommandEffect:
    """`curl -o out URL`, `curl -O URL`; without them curl writes to stdout (a redirection)."""
    values = frozenset(
        {
            "-o",
            "--output",
            "--output-dir",
            "-H",
            "--header",
            "-X",
            "--request",
            "-d",
            "--data",
            "-u",
            "--user",
            "-A",
            "--user-agent",
            "-e",
            "--referer",
            "--retry",
            "-m",
            "--max-time",
            "-w",
            "--write-out",
            "--connect-timeout",
            "-x",
            "--proxy",
            "-C",
            "--continue-at",
        }
    )
    parsed = parse_options(args, values)
    urls = tuple(p for p in parsed.positionals if p is not None)
    if None in parsed.positionals or not urls:
        return CommandEffect("download", notes=(dynamic_note("download URL"),))
    folder = next(iter(parsed.values("--output-dir")), "") or ""
    outputs = [o for o in parsed.values("-o", "--output") if o is not None]
    if parsed.flags & {"-O", "--remote-name", "--remote-name-all"}:
        outputs.extend(_url_name(u) for u in urls[len(outputs) :])
    return CommandEffect("download", reads=urls, writes=tuple(join(folder, o) for o in outputs))


def _url_name(url: str) -> str:
    return posixpath.basename(urlsplit(url).path) or "index.html"
