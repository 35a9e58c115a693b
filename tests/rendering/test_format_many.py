"""Formatting all generated modules with one ruff run (`format_many`) gives what formatting each
alone gives (`format_python`), errors included."""

from __future__ import annotations

import subprocess

import pytest

from nb2pipe.rendering.pyformat import FormatError, format_many, format_python


def test_formatting_many_modules_at_once_equals_one_at_a_time():
    modules = {
        "pkg/a.py": "x=[1,\n2]\n",
        "pkg/b.py": "def f( a ):\n  return {'k':a}\n",
        "other/a.py": "import os,sys\n",  # same file name, other folder
        "pkg/stub.pyi": "def g(x:int)->int: ...\n",
    }
    many = format_many(modules)
    one_at_a_time = {path: format_python(code, path.rsplit("/", 1)[-1])
                     for path, code in modules.items()}
    assert many == one_at_a_time
    assert many["pkg/a.py"] == "x = [1, 2]\n"


def test_a_module_that_does_not_parse_gives_the_error_format_python_gives():
    many = format_many({"ok.py": "y  =  2\n", "bad.py": "def (:\n"})
    assert many["ok.py"] == "y = 2\n"
    assert isinstance(many["bad.py"], FormatError)
    with pytest.raises(FormatError) as single:
        format_python("def (:\n", "bad.py")
    assert str(many["bad.py"]) == str(single.value)


def test_thousands_of_modules_are_one_ruff_run_and_a_bad_one_gets_its_own_error(monkeypatch):
    runs = []
    real_run = subprocess.run

    def counting_run(*args, **kwargs):
        runs.append(args[0])
        return real_run(*args, **kwargs)

    monkeypatch.setattr("nb2pipe.rendering.pyformat.subprocess.run", counting_run)
    modules = {f"src/p{i}/nodes.py": f"value_{i}=[{i},\n{i + 1}]\n" for i in range(3000)}
    modules["src/bad/nodes.py"] = "def (:\n"
    many = format_many(modules)
    assert many["src/p2999/nodes.py"] == "value_2999 = [2999, 3000]\n"
    assert isinstance(many["src/bad/nodes.py"], FormatError)
    assert len(runs) == 2  # the folder, then the module that does not parse alone (its message)


NODES = """import pandas as pd
import json
from pkg.report import log_print
import numpy as np


def node(x):
    y = np.random.rand(3)
    fig, ax = plt_subplots()
    ax.plot(x)
    log_print(x)
    return json.dumps(list(x))
"""


def test_tidy_modules_are_fixed_the_same_in_the_folder_and_alone():
    modules = {"src/pkg/pipelines/a/nodes.py": NODES, "src/pkg/pipelines/b/nodes.py": NODES,
               "src/pkg/settings.py": NODES}
    tidy = {"src/pkg/pipelines/a/nodes.py", "src/pkg/pipelines/b/nodes.py"}
    many = format_many(modules, tidy)
    assert many == {path: format_python(code, path, path in tidy) for path, code in modules.items()}
    assert many["src/pkg/settings.py"] == format_python(NODES, "settings.py")  # not tidy: as is
    nodes = many["src/pkg/pipelines/a/nodes.py"]
    # sorted, the project's package first-party; pandas (unused) dropped; the draw still made
    assert nodes.startswith("import json\n\nimport numpy as np\n\nfrom pkg.report import log_print\n")
    assert "    np.random.rand(3)\n    _fig, ax = plt_subplots()\n" in nodes


def test_imports_binding_one_name_to_two_things_keep_their_order():
    code = "import numpy as np\nimport autograd.numpy as np\nimport json\n\nprint(np, json)\n"
    tidied = format_python(code, "src/pkg/pipelines/a/nodes.py", tidy=True)
    assert tidied.index("autograd") < tidied.index("json")  # not sorted: the order decides `np`
    same = "import autograd.numpy as np\nfrom autograd import numpy as np\nimport json\n\nprint(np, json)\n"
    assert format_python(same, "src/pkg/pipelines/a/nodes.py", tidy=True).startswith(
        "import json\n\nimport autograd.numpy as np\n\nprint(")  # the same module twice: sorted, once


def test_an_import_a_string_names_is_kept():
    """plotnine mappings, patsy formulas and `df.query` strings are evaluated in the module's
    namespace: ruff cannot see `np` in `"count / np.sum(count)"`, and removing the import made
    `kedro run` fail (NameError inside plotnine)."""
    code = ("import numpy as np\nimport os\nfrom math import log as ln\nfrom math import exp\n"
            "from .functions import double_it\n\n"
            "def plot(p9, df):\n    return p9.aes(y='count / np.sum(count)', x='ln(double_it(x))')\n")
    path = "src/pkg/pipelines/a/nodes.py"
    tidied = format_python(code, path, tidy=True)
    for kept in ("import numpy as np", "from math import log as ln", "from .functions import double_it"):
        assert f"{kept}  # noqa: F401 (named in a string the code evaluates)\n" in tidied
    assert "import os" not in tidied and "exp" not in tidied  # unused, named by no string
    used = "import pandas as pd\nimport os\n\ndef f():\n    \"\"\"Uses os and pd.\"\"\"\n    return pd.eval('1')\n"
    # a used import gets no mark; an unused one a docstring names is still removed
    assert format_python(used, path, tidy=True).startswith('import pandas as pd\n\n\ndef f():')
    assert format_many({path: code, "src/pkg/pipelines/b/nodes.py": code}, {path})[path] == tidied


def test_an_import_a_node_reads_through_globals_is_kept():
    """A node that reads an import and then binds the name starts with `x = globals()["x"]`
    (sympy's `from sympy.abc import x`, then `x, y = symbols("x y")`): the module's import is what
    it reads, though `x` is a local or a parameter everywhere else (ruff removed it: KeyError 'x'
    at `kedro run`)."""
    code = ("from sympy.abc import x\nfrom math import pi\nimport os\n\n"
            "def calculus(symbols):\n    x = globals()[\"x\"]\n    d = x + 1\n    x = symbols('x')\n"
            "    return d, x\n\n"
            "def area(r):\n    pi = globals().get('pi')\n    return pi * r\n\n"
            "def limits(x):\n    return x\n")
    tidied = format_python(code, "src/pkg/pipelines/a/nodes.py", tidy=True)
    assert "from sympy.abc import x  # noqa: F401" in tidied
    assert "from math import pi  # noqa: F401" in tidied
    assert "import os" not in tidied
