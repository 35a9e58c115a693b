"""Per-item paths in loops (issue #13): which path expressions name a folder before running (the
folder becomes a partitioned dataset), which extension tells its items, and when an item already
on disk can be skipped on resume."""

from __future__ import annotations

import ast

import pytest

from nb2pipe.analysis.python.partitions import (
    function_item_folders,
    loop_write,
    static_folder,
    suffix_of,
)
from nb2pipe.analysis.python.walk_state import Context

#: path expression → (folder, extension); None: not a per-item path in a named folder
PATHS = [
    ("f'scores/batch_{i:02d}.csv'", ("scores", ".csv")),
    ("f'{OUT}/batch_{i}.parquet'", ("data/out", ".parquet")),
    ("'scores/batch_%02d.csv' % i", ("scores", ".csv")),
    ("'scores/{}.json'.format(name)", ("scores", ".json")),
    ("os.path.join('a', 'b', f'{name}.csv')", ("a/b", ".csv")),
    ("Path('scores') / f'{name}.csv'", ("scores", ".csv")),
    ("'scores/' + name", ("scores", "")),
    ("f'batch_{i}.csv'", None),  # no folder: left where it is, as before
    ("f'{where}/batch_{i}.csv'", None),  # the folder itself is only known when running
    ("'scores/a.csv'", None),  # one file, not one per item
]


@pytest.mark.parametrize(("code", "expected"), PATHS, ids=[c for c, _ in PATHS])
def test_per_item_paths(code: str, expected: tuple[str, str] | None) -> None:
    node = ast.parse(code, mode="eval").body
    folder = static_folder(node, {"OUT": "data/out"})
    assert (folder, suffix_of(node)) == expected if expected else folder is None


LOOP = "for i in range(3):\n{body}"
#: loop body (the write is `part.to_csv(f'o/{i}.csv')`) → why an item on disk cannot be skipped
BODIES = [
    ("    part = f(i)\n    part.to_csv(f'o/{i}.csv')", ""),
    ("    raw = g(i)\n    part = f(raw)\n    part.to_csv(f'o/{i}.csv')\n    out.append(part)", ""),
    ("    part = f(i)\n    part.to_csv(f'o/{i}.csv')\n    print(i)", "does more after writing"),
    ("    n += 1\n    part = f(i)\n    part.to_csv(f'o/{i}.csv')", "does more than compute"),
    (
        "    j = i + 1\n    part = f(j)\n    part.to_csv(f'o/{j}.csv')",
        "depends on what the item computes",
    ),
    # a write inside a block of the body: still one item, written whole; never skipped
    ("    part = f(i)\n    if i % 2:\n        part.to_csv(f'o/{i}.csv')", "inside an `if`"),
    ("    try:\n        part = f(i)\n    except E:\n        part.to_csv(f'o/{i}.csv')", "inside"),
]


@pytest.mark.parametrize(("body", "why"), BODIES, ids=[w or "resumable" for _, w in BODIES])
def test_when_items_on_disk_are_skipped(body: str, why: str) -> None:
    statement = ast.parse(LOOP.format(body=body)).body[0]
    call = next(
        n
        for n in ast.walk(statement)
        if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "to_csv"
    )
    found = loop_write(statement, call, call.args[0], call.func.value)  # type: ignore[attr-defined]
    assert found is not None
    assert (why in found.not_resumable) if why else found.not_resumable == ""


def test_writes_of_an_inner_loop_or_function_are_not_the_outer_loops() -> None:
    statement = ast.parse(
        "for i in range(3):\n    def save(p):\n        p.to_csv(f'o/{i}.csv')\n    save(f(i))"
    ).body[0]
    call = next(
        n
        for n in ast.walk(statement)
        if getattr(n, "func", None) and getattr(n.func, "attr", "") == "to_csv"
    )
    assert loop_write(statement, call, call.args[0], call.func.value) is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("code", "folders"),
    [
        ("def save(frame, i):\n    frame.to_csv(f'out/item_{i}.csv', index=False)", ("out",)),
        ("def save(frame, i):\n    np.save(os.path.join('arr', f'{i}.npy'), frame)", ("arr",)),
        ("def save(frame):\n    frame.to_csv('out/one.csv')", ()),  # one file: a dataset
        ("def load(i):\n    return pd.read_csv(f'out/item_{i}.csv')", ()),  # a read
    ],
)
def test_folders_a_function_writes_per_call(code: str, folders: tuple[str, ...]) -> None:
    ctx = Context(".", ".", aliases={"np": "numpy", "os": "os", "pd": "pandas"})
    assert function_item_folders(ast.parse(code).body[0], ctx) == folders


#: listing call → the folder it lists (a dataset of the project), None: no listing of one
LISTINGS = [
    ("pathlib.Path('data/').iterdir()", "data"),
    ("os.listdir('data')", "data"),
    # the file system's root is no folder of the project: converting crashed on `Path("/")`
    # (AttributeError: the folder was None); `os.listdir("/")` was already no listing
    ("pathlib.Path('/').iterdir()", None),
    ("pathlib.Path('//').glob('*.csv')", None),
    ("os.listdir('/')", None),
]


@pytest.mark.parametrize(("text", "folder"), LISTINGS)
def test_a_listing_names_a_folder_other_than_the_root(text: str, folder: str | None) -> None:
    from nb2pipe.analysis.python.partitions import folder_listing

    ctx = Context(".", ".", aliases={"os": "os", "pathlib": "pathlib"})
    call = ast.parse(text, mode="eval").body
    assert isinstance(call, ast.Call)
    found = folder_listing(call, ctx.qualname(call.func), getattr(call.func, "attr", None), ctx)
    assert found is None if folder is None else found is not None and found[0] == folder


def test_a_notebook_listing_the_root_folder_converts(tmp_path) -> None:
    from nb2pipe import api
    from nb2pipe.options import Options

    notebook = tmp_path / "nb.py"
    notebook.write_text('# %%\nimport pathlib\nnames = sorted(p.name for p in pathlib.Path("/").iterdir())\n'
                        "# %%\ncount = len(names)\n", encoding="utf-8")
    files = api.generate([notebook], tmp_path / "project", Options()).files
    nodes = next(text for path, text in files.items() if str(path).endswith("nodes.py"))
    assert 'pathlib.Path("/").iterdir()' in nodes  # the listing runs as written, no dataset
