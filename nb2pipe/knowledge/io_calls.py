"""KNOWN_IO: which calls read or write files, where their path is, and the Kedro dataset that does
the same I/O. Also the static evaluation of path expressions.

A *typed* row lets the catalog do the I/O (the call is replaced by the dataset's value). Any other
call that opens a file with a static path is *path-passing*: the code keeps doing its own I/O and
only receives the path from the catalog, so its bytes are the notebook's bytes.
"""

from __future__ import annotations

import ast
import os.path
from dataclasses import dataclass
from typing import Literal

from ..model import FileAccess
from ..model.facts import AccessMode


@dataclass(frozen=True, slots=True)
class IORule:
    mode: Literal["read", "write"]
    dataset: str  # Kedro dataset type ("" for path-passing)
    #: Position and keyword of the path argument (-1: the path is the receiver, as in Path(p).open).
    path_arg: int
    path_kw: str
    #: For writes: what is written — "receiver" (df.to_csv) or the position of an argument.
    value: str | int = ""
    #: Extra Kedro dataset options (e.g. a pickle backend).
    options: tuple[tuple[str, object], ...] = ()
    #: Arguments the notebook's call used by default but the Kedro dataset defaults differently.
    defaults: tuple[tuple[str, object], ...] = ()


def read(
    dataset: str, kw: str = "filepath_or_buffer", *options: tuple[str, object], **defaults: object
) -> IORule:
    return IORule("read", dataset, 0, kw, "", tuple(options), tuple(defaults.items()))


def write_method(
    dataset: str, kw: str = "path_or_buf", *options: tuple[str, object], **defaults: object
) -> IORule:
    return IORule("write", dataset, 0, kw, "receiver", tuple(options), tuple(defaults.items()))


JOBLIB = ("backend", "joblib")

#: Calls that add a suffix to the path they are given (np.save("x", a) writes x.npy).
ADDED_SUFFIX = {"numpy.save": ".npy", "numpy.savez": ".npz", "numpy.savez_compressed": ".npz"}

#: Functions (qualified names) that do file I/O with a Kedro dataset type. Please add rows here.
KNOWN_IO: dict[str, IORule] = {
    "pandas.read_csv": read("pandas.CSVDataset"),
    "pandas.read_table": read("pandas.CSVDataset", "filepath_or_buffer", sep="\t"),
    "pandas.read_parquet": read("pandas.ParquetDataset", "path"),
    # pandas picks the engine by file type (xlrd for .xls); Kedro would force openpyxl
    "pandas.read_excel": read("pandas.ExcelDataset", "io", engine=None),
    "pandas.read_json": read("pandas.JSONDataset", "path_or_buf"),
    "pandas.read_pickle": read("pickle.PickleDataset", "filepath_or_buffer"),
    "joblib.load": read("pickle.PickleDataset", "filename", JOBLIB),
    "numpy.load": read("{package}.datasets.NumpyDataset", "file"),
    "joblib.dump": IORule("write", "pickle.PickleDataset", 1, "filename", 0, (JOBLIB,)),
    "numpy.save": IORule("write", "{package}.datasets.NumpyDataset", 0, "file", 1),
    # IPython's `%store x` / `%store -r x` (analysis/python/stored_values.py): one pickle per name
    "%store": IORule("write", "pickle.PickleDataset", -1, "", ""),
    "%store -r": IORule("read", "pickle.PickleDataset", -1, ""),
}

#: Methods called on data that write it (the receiver is the value written).
KNOWN_WRITE_METHODS: dict[str, IORule] = {
    "to_csv": write_method("pandas.CSVDataset", "path_or_buf", index=True),
    "to_parquet": write_method("pandas.ParquetDataset", "path"),
    "to_excel": write_method("pandas.ExcelDataset", "excel_writer", index=True),
    "to_json": write_method("pandas.JSONDataset", "path_or_buf"),
    "to_pickle": write_method("pickle.PickleDataset", "path"),
}

#: Calls that open files themselves: path-passing (mode from the call; "r" when absent).
PATH_PASSING: dict[str, tuple[int, str, str]] = {
    "open": (0, "file", "mode"),
    "io.open": (0, "file", "mode"),
    "codecs.open": (0, "filename", "mode"),
    "gzip.open": (0, "filename", "mode"),
    "bz2.open": (0, "filename", "mode"),
    "numpy.loadtxt": (0, "fname", "r"),
    "numpy.genfromtxt": (0, "fname", "r"),
    "numpy.savetxt": (0, "fname", "w"),
    "numpy.savez": (0, "file", "w"),
    "numpy.savez_compressed": (0, "file", "w"),
    "matplotlib.pyplot.savefig": (0, "fname", "w"),
    # images read as data (arrays, PIL images), never figures, even from a plotting library
    "PIL.Image.open": (0, "fp", "r"),
    "matplotlib.image.imread": (0, "fname", "r"),
    "matplotlib.pyplot.imread": (0, "fname", "r"),
    "imageio.imread": (0, "uri", "r"),
    "imageio.v2.imread": (0, "uri", "r"),
    "imageio.v3.imread": (0, "uri", "r"),
    "cv2.imread": (0, "filename", "r"),
    "skimage.io.imread": (0, "fname", "r"),
    "zipfile.ZipFile": (0, "file", "mode"),
    "tarfile.open": (0, "name", "mode"),
    # HDF5 files opened by the library itself: "w" writes, "r" (the default) reads, "r+" and
    # "a" change the file in place
    "h5py.File": (0, "name", "mode"),
    "shutil.copy": (0, "src", "r"),
    "shutil.copyfile": (0, "src", "r"),
    "csv.reader": (-2, "", "r"),
    "torch.load": (0, "f", "r"),
    "torch.save": (1, "f", "w"),
    # removing a file changes the file it finds ("a": after its writes and reads), at the path
    # the catalog gives it
    "os.remove": (0, "path", "a"),
    "os.unlink": (0, "path", "a"),
}
#: Methods of a path (a variable or `Path(...)` holding a static path) that remove its file:
#: like `os.remove`, the receiver becomes the catalog's path (`pathlib.Path(<path>).unlink()`).
REMOVING_PATH_METHODS = frozenset({"unlink"})
#: Methods that write to a path given as their first argument (fig.savefig(...)).
PATH_PASSING_METHODS: dict[str, str] = {"savefig": "w", "write_image": "w", "write_html": "w",
                                        "save": "w"}
#: Methods of data objects that write a file Kedro has no dataset type for (path-passing).
DATA_PATH_METHODS: dict[str, tuple[int, str]] = {
    "to_html": (0, "buf"), "to_latex": (0, "buf"), "to_markdown": (0, "buf"),
    "to_feather": (0, "path"), "to_hdf": (0, "path_or_buf"), "to_xml": (0, "path_or_buffer"),
    "to_stata": (0, "path"), "to_orc": (0, "path"),
}
#: Calls that ask whether a file exists (position and keyword of the path; pathlib's methods by
#: name): a check of a file that exists when converting reads it, so the guard sees the catalog's
#: copy (`if not os.path.exists("x.csv"): download()` does not download under kedro run).
EXISTENCE_CHECKS: dict[str, tuple[int, str]] = {
    "os.path.exists": (0, "path"), "os.path.isfile": (0, "path"), "os.path.getsize": (0, "filename"),
    "exists": (-1, ""), "is_file": (-1, ""),
}
#: Calls that configure the process from a file when their argument (or an item of a list given
#: there) names one, and else from a name of their own (`plt.style.use("ggplot")`): a file on disk
#: when converting (`plt.style.use("dashboard.mplstyle")`, a style sheet beside the notebook) is
#: read like an existence check's, so it travels into the project (a raw input) and the call gets
#: the catalog's path: a project run from its root, or copied elsewhere, finds it.
CONFIG_FILES: dict[str, tuple[int, str]] = {
    "matplotlib.pyplot.style.use": (0, "style"), "matplotlib.style.use": (0, "style"),
    "seaborn.mpl.style.use": (0, "style"),
    "matplotlib.pyplot.style.context": (0, "style"), "matplotlib.style.context": (0, "style"),
    "matplotlib.rc_file": (0, "fname"), "matplotlib.pyplot.rc_file": (0, "fname"),
    "logging.config.fileConfig": (0, "fname"),
    # a font file the figures use
    "matplotlib.font_manager.fontManager.addfont": (0, "path"),
    "matplotlib.font_manager.FontProperties": (-1, "fname"),
}  # not `load_dotenv(".env")`: secrets stay out of the project's data (credentials.yml holds them)
#: How the names of functions and methods that read what they are given start (`gpd.read_file`,
#: `xr.open_dataset`, `scipy.io.loadmat`, `ET.parse`, `config.read`, `openpyxl.load_workbook`): a
#: call no row above knows, given a static path of a file on disk when converting (a literal, a
#: name bound to one, an item of a list), reads it like an existence check does: the file travels
#: into the project and the call gets the catalog's path (the project root is not the notebook's
#: folder: `ConfigParser.read` of a file not there silently reads nothing).
READING_NAME_PREFIXES = ("read", "load", "open", "parse", "from_file", "fromfile")


def reading_name(name: str) -> bool:
    return name.lstrip("_").lower().startswith(READING_NAME_PREFIXES)


#: Calls listing a folder: qualified name → (path position, keyword, the path is a glob pattern
#: whose folder is listed). A folder a loop writes one file per item into (a partitioned dataset)
#: listed so is an input of the reading node (`planning/folder_reads.py`).
FOLDER_LISTINGS: dict[str, tuple[int, str, bool]] = {
    "glob.glob": (0, "pathname", True), "glob.iglob": (0, "pathname", True),
    "os.listdir": (0, "path", False), "os.scandir": (0, "path", False),
}
def reads_file(qual: str | None) -> bool:
    """The call reads a file (a typed read or a path-passing one that only reads): its result is
    data, whatever library it comes from (`matplotlib.image.imread` draws nothing)."""
    rule = KNOWN_IO.get(qual or "")
    return rule.mode == "read" if rule else PATH_PASSING.get(qual or "", (0, "", ""))[2] == "r"


#: Methods of `Path(<static folder>)` that list it.
FOLDER_LISTING_METHODS = frozenset({"glob", "rglob", "iterdir"})
#: Methods of pathlib.Path objects built from a static path: Path("x").read_text() ...
PATHLIB_METHODS: dict[str, str] = {
    "read_text": "r", "read_bytes": "r", "open": "r", "write_text": "w", "write_bytes": "w",
}
#: Calls that read ("r") or write ("w") the file or folder an argument names, which conversion
#: leaves to the code (no row above: no catalog entry, no path rewrite in a notebook), but which
#: tell how a script uses a command-line argument (`analysis/python/script_usage.py`); methods
#: by name. A row moved up into the table above changes notebook conversion.
SCRIPT_ARG_IO: dict[str, str] = {
    "cv2.imwrite": "w", "matplotlib.pyplot.imsave": "w", "save_model": "w", "save_pretrained": "w",
    "load_model": "r", "from_pretrained": "r", "openpyxl.load_workbook": "r",
}

#: Keyword arguments another keyword stands for (pandas' `delimiter` is `sep`): a call giving
#: one gives the other, so the rule's default for it is not added.
ARGUMENT_ALIASES = {"delimiter": "sep"}

#: pandas' defaults that differ from Kedro's (CSVDataset saves index=False unless told otherwise).
JSON_DUMP_DEFAULTS = (("indent", None),)

URL_PREFIXES = ("http://", "https://", "s3://", "gs://", "gcs://", "abfs://", "az://", "hdfs://")


def static_string(node: ast.expr, env: dict[str, str]) -> str | None:
    """The value of a path expression when it is known without running code, else None.

    Handles literals, names bound to static strings, f-strings of those, `+`, os.path.join and
    pathlib's `/`.

    >>> static_string(ast.parse("os.path.join(D, 'x.csv')").body[0].value, {"D": "data"})
    'data/x.csv'
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return env.get(node.id)
    if isinstance(node, ast.JoinedStr):
        parts = [static_string(v.value if isinstance(v, ast.FormattedValue) else v, env)
                 for v in node.values]
        known = [p for p in parts if p is not None]
        return "".join(known) if len(known) == len(parts) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Div)):
        left, right = static_string(node.left, env), static_string(node.right, env)
        if left is None or right is None:
            return None
        return left + right if isinstance(node.op, ast.Add) else os.path.join(left, right)
    if isinstance(node, ast.Call) and not node.keywords:
        name = dotted(node.func)
        given = [static_string(a, env) for a in node.args]
        args = [a for a in given if a is not None]
        if len(args) != len(given):
            return None
        if name in ("os.path.join", "path.join", "join") and args:
            return os.path.join(*args)
        if name in ("Path", "pathlib.Path", "PurePath", "str") and len(args) >= 1:
            return os.path.join(*args)
    return None


def load_key(access: FileAccess) -> str:
    """Tells apart reads of one file that need different catalog entries: how the call reads
    (its KNOWN_IO row) and its literal arguments. A typed read's Edit carries it as payload."""
    return f"{access.io}{access.args!r}"


def dotted(node: ast.expr) -> str:
    """`a.b.c` as text ("" when the expression is not a dotted name)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


def path_argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    """The path argument of a call, by keyword or position."""
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    if 0 <= position < len(call.args):
        return call.args[position]
    return None


def literal_kwargs(call: ast.Call, skip: str) -> tuple[tuple[str, object], ...] | None:
    """The call's keyword arguments as literals (None if any is not a literal or is **kwargs)."""
    pairs: list[tuple[str, object]] = []
    for kw in call.keywords:
        if kw.arg is None:
            return None
        if kw.arg == skip:
            continue
        try:
            pairs.append((kw.arg, ast.literal_eval(kw.value)))
        except ValueError:
            return None
    return tuple(pairs)


def normalise(spelled: str, workdir: str, root: str) -> str:
    """A path as the code spelled it → posix path relative to ``root`` (absolute when outside)."""
    if spelled.startswith(URL_PREFIXES):
        return spelled
    absolute = os.path.normpath(os.path.join(workdir, os.path.expanduser(spelled)))
    relative = os.path.relpath(absolute, root)
    if relative.startswith(".."):
        return absolute.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


#: The mode of a path-passing call that always opens one way (PATH_PASSING's third field).
MODE_LETTERS: dict[str, AccessMode] = {"r": "read", "w": "write", "a": "append"}


def mode_of(call: ast.Call, position_or_mode: str) -> AccessMode | None:
    """"read", "write" or "append" from an open()-style mode argument (None if not static)."""
    if position_or_mode != "mode":
        return MODE_LETTERS[position_or_mode]
    mode_node = path_argument(call, 1, "mode")
    if mode_node is None:
        return "read"
    if not (isinstance(mode_node, ast.Constant) and isinstance(mode_node.value, str)):
        return None
    mode = mode_node.value
    if "a" in mode:
        return "append"
    if "w" in mode or "x" in mode:
        return "write"
    if "+" in mode:
        return "append"
    return "read"
