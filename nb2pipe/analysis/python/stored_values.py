"""`%store x` / `%store -r x` (IPython's storemagic) → a pickled dataset per stored name.

IPython keeps stored values in its profile's database, under the variable's name, for any later
session to restore. nb2pipe gives each name one file, the same for every notebook of the
conversion (`STORE_PATH`), so a notebook that stores `x` and one that restores it are connected
through the catalog like a file one writes and the other reads. The readers translate the magic
into IPython's own call (`get_ipython().run_line_magic('store', 'x')`; a restore is written as an
assignment, `x = get_ipython().run_line_magic('store', '-r x')`).
"""

from __future__ import annotations

import ast

from ...model.facts import AccessMode

#: Where a stored name lives, relative to the conversion root (it becomes the dataset `x_store`).
STORE_PATH = "ipython_store/{name}.store"
#: KNOWN_IO keys of the two accesses (pickle.PickleDataset both).
SAVE, RESTORE = "%store", "%store -r"


def stored_name(node: ast.Call) -> tuple[AccessMode, str] | None:
    """("write", name) for `%store name`, ("read", name) for `%store -r name`, else None."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "run_line_magic"):
        return None
    value = func.value
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "get_ipython"
    ):
        return None
    texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if len(texts) != 2 or texts[0] != "store":
        return None
    words = texts[1].split()
    if len(words) == 1 and words[0].isidentifier():
        return "write", words[0]
    if len(words) == 2 and words[0] == "-r" and words[1].isidentifier():
        return "read", words[1]
    return None


def store_path(name: str) -> str:
    return STORE_PATH.format(name=name)
