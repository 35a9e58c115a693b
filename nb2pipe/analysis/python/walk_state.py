"""What analysis knows about a source so far while it walks the chunks in order."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from ...knowledge.pyplot_drawing import draws_into_pyplot
from ...model.facts import AccessMode
from ...model.symbols import Rng
from ...readers.disk_view import DiskView


@dataclass(frozen=True, slots=True)
class FunctionSummary:
    """What calling a notebook function does, as seen from the caller."""

    params: tuple[str, ...]
    #: Parameters (by name) the body changes in place.
    mutated_params: frozenset[str]
    #: Module-level names the body reads: they become keyword-only arguments.
    free: frozenset[str]
    #: Module-level names the body changes in place (e.g. `results.append(x)`).
    mutated_globals: frozenset[str]
    #: Global random generators the body draws from.
    draws: frozenset[Rng]
    #: Calling it returns a generator (its body yields).
    generator: bool = False
    #: The body draws figures: "only" (nothing but drawing, like a `save_fig` helper), "also"
    #: (data work that draws too) or "" (no drawing).
    plots: str = ""
    #: Files the body (or a notebook function it calls) opens, as (mode, path as spelled,
    #: parameter): a file whose path is a literal in the body is passed by the caller through
    #: that keyword-only parameter (a catalog dataset); with "" it is not (a warning).
    files: tuple[tuple[AccessMode, str, str], ...] = ()
    #: Path literals of the body itself → the parameter replacing them in functions.py.
    own_paths: tuple[tuple[str, str], ...] = ()
    #: The body opens a file whose path is only known at run time.
    dynamic_files: bool = False
    #: Folders the body writes one file per call into (`partitions.function_item_folders`).
    item_folders: tuple[str, ...] = ()
    #: Parameters the body opens as they are (`def load(path): open(path)`): (parameter, mode,
    #: its static default or ""). A caller passing a static path there (or leaving out one with
    #: a static default) passes the catalog's path instead.
    param_files: tuple[tuple[str, AccessMode, str], ...] = ()
    #: A call gives a value: the body returns one (or yields); else it gives None.
    returns: bool = True
    #: Notebook functions and classes the body refers to (also ones defined further down).
    calls: frozenset[str] = frozenset()
    #: The body (or a function it calls) evaluates a model formula (see ``formulas``).
    formulas: bool = False
    #: Its parameters and local names: a global it passes on under one of those names takes
    #: another keyword (``scopes.keyword_for``).
    local_names: frozenset[str] = frozenset()
    #: The body defines functions that rebind its local variables (`nonlocal step`): what it
    #: returns can hold them, state that changes whenever anything calls those functions.
    keeps_state: bool = False


@dataclass
class Context:
    """Accumulated while analysing one source, chunk by chunk (local to `analyze`)."""

    root: str
    #: Folder the code runs in (the notebook's folder, moved by os.chdir / %cd).
    workdir: str
    #: Local name → qualified name, from import statements ("np" → "numpy").
    aliases: dict[str, str] = field(default_factory=dict)
    #: Names bound to strings known statically (for path expressions).
    strings: dict[str, str] = field(default_factory=dict)
    rng_objects: set[str] = field(default_factory=set)
    #: Names bound to values holding closures with state of their own (a notebook function
    #: with `nonlocal` inside made them, or a call given one): any call they are passed to may
    #: run those closures, so it may change them (a simulation stepping a controller's counter).
    stateful_objects: set[str] = field(default_factory=set)
    viz_vars: set[str] = field(default_factory=set)
    #: Names bound to one-shot iterators: a statement iterating one changes it (``iterators``).
    iterators: set[str] = field(default_factory=set)
    #: Those of them pickle cannot store (generators, iterators over one).
    unpicklable_iterators: set[str] = field(default_factory=set)
    #: Names bound to values shown as figures by drawing them (plotnine plots) → the drawing
    #: method (see ``figure_values``).
    figure_values: dict[str, str] = field(default_factory=dict)
    #: Modules a star import takes every name from (`from plotnine import *`).
    star_modules: list[str] = field(default_factory=list)
    functions: dict[str, FunctionSummary] = field(default_factory=dict)
    #: The source seeds numpy's global generator somewhere.
    numpy_seeded: bool = False
    #: Names bound to a library object made with no `random_state` (`km = KMeans(3)`) → its
    #: class's qualified name: fitting it may draw unseeded (`random_calls.note_estimators`).
    unseeded_estimators: dict[str, str] = field(default_factory=dict)
    #: Folders the code adds to sys.path (where its local modules live).
    module_paths: list[str] = field(default_factory=list)
    #: Import statements the generated code needs beyond the notebook's ("import functools").
    implied_imports: set[str] = field(default_factory=set)
    #: Container name → names of the objects it holds (see ``containers``); `b = a`: b holds a.
    holds: dict[str, set[str]] = field(default_factory=dict)
    #: Names bound to what a class built from notebook objects (`loop = ct.InterconnectedSystem(
    #: [plant, ctrl])`, `pipe = make_pipeline(s, m)`; not a list or dict display).
    built: set[str] = field(default_factory=set)
    #: Names the notebook's top-level code has bound so far.
    bound: set[str] = field(default_factory=set)
    #: Names whose current value is a literal the notebook bound (`CACHE = 16`) → that statement.
    literals: dict[str, str] = field(default_factory=dict)
    #: Literal statements copied into the functions module: definitions read them when made.
    module_constants: dict[str, str] = field(default_factory=dict)
    #: Notebook definitions that stay in their node (they read notebook data when made).
    local_definitions: set[str] = field(default_factory=set)
    #: Classes defined in their node: calling one may change it (a method counting instances in
    #: a class attribute), so its calls are changes of it, as calls of any object the node made.
    node_classes: set[str] = field(default_factory=set)
    #: A function of the functions module a node later defined again (what `name` still is
    #: outside that node): name → its summary then.
    replaced: dict[str, FunctionSummary] = field(default_factory=dict)
    #: Names that only one top-level `def`/`class` binds: a function body may call one that is
    #: defined further down (in the functions module both are there).
    later_definitions: frozenset[str] = frozenset()
    #: Names that top-level `def`/`class` statements of different text bind more than once: each
    #: definition stays in its node, so code between two of them sees the one then in effect.
    redefined: frozenset[str] = frozenset()
    #: The cells after the one being analysed: what later statements read
    #: (`unread_drawing`: a drawing whose data work nobody reads).
    later_trees: tuple[ast.Module, ...] = ()
    #: The lists of records loop fission made (`loop_fission`): a loop over one replays them.
    fission_lists: set[str] = field(default_factory=set)
    #: The source's own file (local modules are looked up next to it).
    source_file: str = ""
    #: Local modules by dotted name → what calling each of their functions does (filled on first
    #: use, by `local_modules.helper_function`).
    helper_modules: dict[str, dict[str, FunctionSummary]] = field(default_factory=dict)
    #: What calling a local module's function does (`local_modules.helper_function`, given by
    #: whoever makes the Context, so this module imports none of the analysis that uses it).
    helpers: Callable[[Context, str | None], FunctionSummary | None] | None = None
    #: Folders the source listed so far (`FileAccess.path` of the listing): a path a later
    #: statement builds below one reads that folder (`listed_folders.below_listed`).
    listed: set[str] = field(default_factory=set)
    #: The files analysis looks at (local modules, existence checks, requirement files): readers'
    #: snapshot, taken before analysis; analysis itself never touches the disk.
    files: DiskView = field(default_factory=DiskView)

    def module_functions(self) -> dict[str, FunctionSummary]:
        """What each notebook function is outside the node that last defined it (there, the
        functions module's version, if a node defined it again: see ``replaced``)."""
        return {**self.functions, **{n: s for n, s in self.replaced.items() if n in self.local_definitions}}

    def callee(self, func: ast.expr) -> FunctionSummary | None:
        """What calling ``func`` does, when it is a notebook function or a local module's
        (`loaders.load`, or `total` imported from one); None for anything else."""
        if isinstance(func, ast.Name) and func.id in self.functions:
            return self.functions[func.id]
        return self.helpers(self, self.qualname(func)) if self.helpers else None

    def qualname(self, node: ast.expr) -> str | None:
        """Fully qualified name of a dotted expression rooted at an import ("np.random.rand" →
        "numpy.random.rand"); builtins resolve to their own name; None for variables."""
        if isinstance(node, ast.Name):
            if node.id in self.aliases:
                return self.aliases[node.id]
            if node.id in BUILTIN_FUNCS and node.id not in self.functions:
                return node.id
            return self.star_drawing(node.id)
        if isinstance(node, ast.Attribute):
            base = self.qualname(node.value)
            return f"{base}.{node.attr}" if base else None
        return None

    def star_drawing(self, name: str) -> str | None:
        """`bode` after `from control.matlab import *`: the qualified name of a bare name the
        last star import bringing a drawing function of that name brings (knowledge's
        ``PYPLOT_DRAWING``), unless the notebook bound the name itself."""
        if name in self.bound or name in self.functions:
            return None
        module = next((m for m in reversed(self.star_modules) if draws_into_pyplot(m, name)), None)
        return f"{module}.{name}" if module else None


BUILTIN_FUNCS = frozenset(
    {"open", "print", "len", "range", "zip", "enumerate", "list", "tuple", "dict", "set", "str",
     "int", "float", "round", "min", "max", "sum", "abs", "sorted", "reversed", "format", "map",
     "repr", "display", "iter", "next", "filter", "any", "all", "isinstance", "type", "bool"}
)


def root_name(node: ast.expr) -> str | None:
    """The variable an attribute/subscript chain starts from (`df["a"].str` → "df"); None when the
    chain passes through a call result (`df.copy()["a"]`), which is a new object."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Starred)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None
