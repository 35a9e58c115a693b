"""Instrument a notebook so that running it pickles the values the conversion mapped to datasets.

Pure: cells in, cells out. For every capture point ``(cell, line)`` (from `Step.capture_at`):

* at the end of a cell (``line`` at or after the cell's last statement), a *capture cell* is
  inserted after the cell;
* in the middle of a cell, one *capture statement* is inserted after ``line``, at a top-level
  statement boundary. Splitting the cell instead would be wrong for plots: the inline backend
  shows and closes figures after every cell, so code after the split would draw on a new figure.

The capture code runs through ``exec`` in a private namespace: it binds no name in the notebook,
does not touch random generators and imports nothing the notebook would see (only ``json``,
``os`` and ``pickle``, which the kernel has loaded anyway, and cloudpickle for a value plain
pickle refuses or a class the notebook defines: by value, as the pipeline's side pickles them).
It writes, for capture key ``k``,
``k.json`` (the status of each name) and ``k-<i>.pkl`` (the pickled values) into a folder.

Example: capturing ``df`` at (0, 1) in the cell ``"df = load()\\ndf = df.dropna()"`` gives the cell
``"df = load()\\nexec('...', {'ns': globals()})  # nb2pipe-verify\\ndf = df.dropna()"``.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from ..model import Cell
from .model import Point

NO_STATES: Mapping[str, tuple[str, str]] = MappingProxyType({})

#: Types of values compared as the list of their elements (pickle refuses them; `d.keys()` kept
#: as a name is common in teaching notebooks). kedro_runner.DICT_VIEWS is the pipeline's copy.
DICT_VIEWS = ("dict_keys", "dict_values", "dict_items")

#: Marks the inserted lines (and is how tests recognise them).
MARK = "# nb2pipe-verify"

#: Runs in ``exec`` with ``ns`` = the notebook's globals; FOLDER, KEY, NAMES, STATES, VIEWS are
#: filled in.
#: STATES maps names the notebook never binds (the plan's global-RNG datasets) to
#: (module, expression reading the state): read only if the notebook loaded that module.
CAPTURE_CODE = """\
import json, os, pickle, sys
status = {}
for index, name in enumerate(NAMES):
    entry = {"status": "missing"}
    module, expression = STATES.get(name, ("", ""))
    if name in ns or module in sys.modules:
        value = ns[name] if name in ns else eval(expression, {module: sys.modules[module]})
        entry["type"] = type(value).__module__ + "." + type(value).__qualname__
        if type(value).__name__ in VIEWS:  # a dict view does not pickle: its elements do
            value = list(value)
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            if b"__main__" in data:  # a class the notebook defines: by value, when possible
                try:
                    import cloudpickle
                    data = cloudpickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:
                    pass
        except Exception as error:
            data = None
            try:  # a lambda or local function inside (as the pipeline's side pickles it)
                import cloudpickle
                data = cloudpickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                entry["status"] = "not picklable: %s: %s" % (type(error).__name__, str(error)[:200])
        if data is not None:
            path = os.path.join(FOLDER, "%s-%d.pkl" % (KEY, index))
            with open(path, "wb") as stream:
                stream.write(data)
            entry.update(status="ok", path=path)
    status[name] = entry
with open(os.path.join(FOLDER, KEY + ".json"), "w") as stream:
    json.dump(status, stream)
"""


@dataclass(frozen=True, slots=True)
class RunCell:
    """One cell of the instrumented notebook."""

    kind: str
    source: str
    #: Index of the original cell it comes from.
    origin: int
    #: True for inserted capture cells (their outputs and time are not the notebook's).
    capture: bool = False


@dataclass(frozen=True, slots=True)
class Instrumented:
    """An instrumented notebook: cells to run, and what each capture key stands for."""

    cells: tuple[RunCell, ...]
    #: Capture key → (point, names captured there).
    keys: Mapping[str, tuple[Point, tuple[str, ...]]]
    #: Capture points that had to move to the end of their cell, with the reason.
    notes: tuple[str, ...] = ()


def capture_key(point: Point) -> str:
    """File-name-safe key of a capture point: ``(3, 12)`` → ``"c3_l12"``."""
    return f"c{point[0]}_l{point[1]}"


def capture_statement(
    key: str, names: Sequence[str], folder: str, states: Mapping[str, tuple[str, str]] = NO_STATES
) -> str:
    """One top-level line that pickles ``names`` from the notebook's globals into ``folder``.

    Args:
        states: name → (module, expression) for values a module holds instead of a variable,
            i.e. global random generators: ``{"np_random_state": ("numpy", "numpy.random.
            get_state()")}``. Read only when the notebook has imported that module.
    """
    wanted = {name: states[name] for name in names if name in states}
    code = CAPTURE_CODE.replace("VIEWS", repr(DICT_VIEWS))  # first: a name may hold the word
    code = code.replace("FOLDER", repr(folder)).replace("KEY", repr(key))
    code = code.replace("NAMES", repr(tuple(names))).replace("STATES", repr(wanted))
    return f"exec({code!r}, {{'ns': globals()}})  {MARK}"


#: First line of a capture cell: the cell takes back its place in IPython's history (the
#: execution count IPython adds after the cell, and its input in `In`), so the notebook's
#: `_N`, `Out[N]` and `In[N]` keep their numbers whatever capture cells run between its cells.
#: `_i`, `_ii`, `_iii` too: the next cell takes them from the history manager's `_i00`, `_i`,
#: `_ii`, which the capture cell moved on by one.
UNCOUNTED = ("_nb2pipe_ip = get_ipython(); _nb2pipe_ip.execution_count -= 1; "
             "_nb2pipe_ip.history_manager.input_hist_parsed.pop(); "
             "_nb2pipe_ip.history_manager.input_hist_raw.pop(); _nb2pipe_h = "
             "_nb2pipe_ip.history_manager; _nb2pipe_h._i00, _nb2pipe_h._i, _nb2pipe_h._ii = "
             "_nb2pipe_h._i, _nb2pipe_h._ii, _nb2pipe_h._iii; del _nb2pipe_ip, _nb2pipe_h  " + MARK)

#: Runs in ``exec`` before a capture statement inside a cell: the cell's input history (`In[N]`,
#: `_iN`, and the next cell's `_i`) is its own text, not the text with the statements inserted.
HISTORY_CODE = """\
import IPython
shell = IPython.get_ipython()
history = shell.history_manager
history.input_hist_raw[-1] = history._i00 = RAW
history.input_hist_parsed[-1] = RAN
shell.user_ns["_i%d" % shell.execution_count] = RAW
"""


def history_statement(source: str) -> str:
    """The statement giving a cell with inserted capture statements its own input history."""
    ran = (python_of(source) or source).rstrip("\n")
    code = HISTORY_CODE.replace("RAW", repr(source.rstrip("\n"))).replace("RAN", repr(ran))
    return f"exec({code!r}, {{}})"


def instrument(
    cells: Sequence[Cell],
    points: Mapping[Point, Sequence[str]],
    folder: str,
    states: Mapping[str, tuple[str, str]] = NO_STATES,
) -> Instrumented:
    """Insert capture statements and capture cells for ``points`` into ``cells``.

    Args:
        cells: the source's cells in order (`Cell.index` == position).
        points: capture point → variable names to capture there.
        folder: where the capture code writes (absolute path, in the kernel's file system).
        states: see `capture_statement`.
    """
    statements = {
        point: capture_statement(capture_key(point), names, folder, states)
        for point, names in points.items()
    }
    run_cells: list[RunCell] = []
    notes: list[str] = []
    for cell in cells:
        lines = sorted(line for index, line in points if index == cell.index)
        if cell.kind != "code" or not lines:
            run_cells.append(RunCell(cell.kind, cell.source, cell.index))
            continue
        source, at_end, cell_notes = _instrument_cell(cell, lines, statements)
        notes.extend(cell_notes)
        run_cells.append(RunCell("code", source, cell.index))
        if at_end:
            capture = "\n".join([UNCOUNTED, *(statements[(cell.index, line)] for line in at_end)])
            run_cells.append(RunCell("code", capture, cell.index, capture=True))
    keys = {capture_key(point): (point, tuple(names)) for point, names in points.items()}
    return Instrumented(tuple(run_cells), keys, tuple(notes))


def _instrument_cell(
    cell: Cell, lines: Sequence[int], statements: Mapping[Point, str]
) -> tuple[str, list[int], list[str]]:
    """The cell with mid-cell capture statements, and the lines to capture after the cell."""
    source = cell.source
    last = last_statement_line(source)
    if last is None:
        note = f"cell {cell.ref}: cell magic or invalid syntax; captured at the end of the cell"
        return source, list(lines), [note]
    at_end: list[int] = []
    notes: list[str] = []
    history = history_statement(cell.source)
    for line in sorted(lines, reverse=True):  # bottom-up, so earlier line numbers stay valid
        inserted = insert_line(source, line, f"{history}; {statements[(cell.index, line)]}")
        if line < last and is_top_level(inserted, line + 1):
            source = inserted
            continue
        at_end.insert(0, line)
        if line < last:
            notes.append(
                f"cell {cell.ref}: line {line} is not a statement boundary; "
                "captured at the end of the cell"
            )
    return source, at_end, notes


def insert_line(source: str, after: int, text: str) -> str:
    """``source`` with ``text`` as a new line after its line ``after`` (1-based)."""
    lines = source.splitlines()
    return "\n".join([*lines[:after], text, *lines[after:]])


def python_of(source: str) -> str | None:
    """The cell as plain Python (IPython magics translated), or None if it does not parse."""
    from IPython.core.inputtransformer2 import TransformerManager  # slow import: only when used

    try:
        code = TransformerManager().transform_cell(source)
        ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    return code


def last_statement_line(source: str) -> int | None:
    """1-based line where the cell's last statement ends; None for cell magics and bad syntax."""
    if source.lstrip().startswith("%%"):
        return None
    code = python_of(source)
    if code is None:
        return None
    body = ast.parse(code).body
    return body[-1].end_lineno if body else 0


def is_top_level(source: str, line: int) -> bool:
    """True if line ``line`` of ``source`` is, on its own, one statement of the module body."""
    code = python_of(source)
    if code is None:
        return False
    lines = code.splitlines()
    return any(
        isinstance(node, ast.Expr)
        and node.lineno == node.end_lineno == line
        and MARK in lines[line - 1]
        for node in ast.parse(code).body
    )
