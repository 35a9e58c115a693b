"""`%store` (IPython's storemagic) → the calls analysis reads as one dataset per stored name.

`%store x y` becomes `get_ipython().run_line_magic('store', 'x')` per name and `%store -r x` an
assignment, `x = get_ipython().run_line_magic('store', '-r x')`, so analysis sees the binding
(`analysis/python/stored_values.py` makes them a write and a read of the dataset `x_store`).
`%store x > f` writes x to f as IPython does; the forms whose names are only known at run time
are dropped with a warning.
"""

from __future__ import annotations

from ..model import Diagnostic


def store(args: str, indent: str) -> tuple[str, Diagnostic | None]:
    """`%store x` saves x, `%store -r x` restores it, `%store x > f` writes it to a file."""
    words = args.split()
    options = [w for w in words if w.startswith("-")]
    names = [w for w in words if not w.startswith("-")]
    empty = "pass" if indent else ""
    if len(names) > 1 and names[1].startswith(">"):
        return store_to_file(names[0], " ".join(names[1:])), None
    if options == ["-r"] and names:
        calls = [f"{n} = get_ipython().run_line_magic('store', '-r {n}')" for n in names]
        return "; ".join(calls), None
    if not options and names:
        return "; ".join(f"get_ipython().run_line_magic('store', {n!r})" for n in names), None
    if not options and not names:
        return empty, Diagnostic(
            "info", "magic", "%store without arguments only lists the stored values; dropped")
    if options == ["-r"]:
        why = "restores every stored value, only known at run time: name them (`%store -r x y`)"
    else:
        why = "removes stored values; a pipeline keeps its datasets"
    return empty, Diagnostic("warning", "magic", f"`%store {args.strip()}` {why}; dropped")


def store_to_file(name: str, target: str) -> str:
    """`%store x >f` writes str(x) (pretty-printed when not a string) to f; `>>` appends."""
    mode = "a" if target.startswith(">>") else "w"
    path = target.lstrip(">").strip()
    ending = f"({name} if {name}.endswith('\\n') else {name} + '\\n')"
    text = f"{ending} if isinstance({name}, str) else pprint.pformat({name}) + '\\n'"
    return (
        f"with open({path!r}, {mode!r}, encoding='utf-8') as _store_file: _store_file.write({text})"
    )
