"""Driver scripts wired into one Kedro pipeline: sources bound to their runs, shell steps as
nodes over catalog paths, the script's order kept (docs/bash.md, "Wiring")."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

import nbformat
import pytest
import yaml

from nb2pipe.analysis import analyze
from nb2pipe.analysis.python.script_cli import argparse_spec
from nb2pipe.analysis.shell.python_calls import bind_arguments
from nb2pipe.api import generate
from nb2pipe.drivers.binding import bind_notebook, bind_script
from nb2pipe.model import Cell, Source
from nb2pipe.model.shell import BoundArgument, NotebookRun, PythonCall
from nb2pipe.options import Options

QUANTYCA = Path("/work/shared/corpus/public/bash/Quantyca__demo")

PREPARE = '''"""Clean orders."""
import argparse

import pandas as pd


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--min-qty", type=int, default=1)
    args = parser.parse_args()
    orders = pd.read_csv(args.input)
    orders = orders[orders["qty"] >= args.min_qty]
    orders.to_csv(args.output, index=False)


if __name__ == "__main__":
    main()
'''


def script(code: str, path: str = "scripts/prepare.py") -> Source:
    cell = Cell(0, "1", "code", code)
    return Source(PurePosixPath(path), f"/root/{path}", "script", (cell,))


def call(*arguments: BoundArgument, how: str = "argparse") -> PythonCall:
    return PythonCall("scripts/prepare.py", (), arguments=arguments, bound_with=how)


def notebook(folder: Path, name: str, *cells: str, parameters: str = "") -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    made = [nbformat.v4.new_code_cell(c) for c in cells]
    if parameters:
        tagged = nbformat.v4.new_code_cell(parameters)
        tagged.metadata["tags"] = ["parameters"]
        made.insert(0, tagged)
    nb.cells = made
    for number, cell in enumerate(nb.cells):
        cell["id"] = f"c{number}"
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def convert(folder: Path, tmp: Path):  # type: ignore[no-untyped-def]
    return generate([folder], tmp / "project", Options())


def nodes(generated, pipeline: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    found = next(p for p in generated.plan.pipelines if p.name == pipeline)
    return {s.name: (s.inputs, s.outputs) for s in found.steps}


def text(generated, path: str) -> str:  # type: ignore[no-untyped-def]
    return next(str(v) for k, v in generated.files.items() if str(k).endswith(path))


# ------------------------------------------------------------------------- binding scripts
def bound_prepare():  # type: ignore[no-untyped-def]
    """PREPARE bound to `--input data/raw.csv --output work/prepared.csv --min-qty 2`."""
    return bind_script(
        script(PREPARE),
        call(
            BoundArgument("input", "data/raw.csv", "read"),
            BoundArgument("output", "work/prepared.csv", "write"),
            BoundArgument("min_qty", 2, "param"),
        ),
        ".",
    )


def test_argparse_script_reads_literals_instead_of_its_command_line() -> None:
    bound, why = bound_prepare()
    assert why == "" and bound is not None
    code = bound.cells[0].source
    assert "argparse.ArgumentParser" not in code and "parse_args" not in code
    assert "if __name__" not in code and "def main" not in code
    assert "min_qty = 2" in code
    assert (
        "pd.read_csv('data/raw.csv')" in code
        and "orders.to_csv('work/prepared.csv', index=False)" in code
    )
    assert bound.workdir == "."  # python runs in the shell's folder, not the script's


def test_bound_script_is_analysed_like_a_notebook() -> None:
    bound, _ = bound_prepare()
    facts = analyze(bound)  # type: ignore[arg-type]
    files = {(a.path, a.mode) for c in facts.chunks for a in c.files}
    assert files == {("data/raw.csv", "read"), ("work/prepared.csv", "write")}
    assert [c.constants for c in facts.chunks if c.kind == "param"] == [(("min_qty", 2),)]


def test_an_alias_of_an_argument_becomes_the_parameter() -> None:
    code = (
        'import argparse\np = argparse.ArgumentParser()\np.add_argument("--n", type=int)\n'
        "args = p.parse_args()\nN = args.n\nprint(N * 2)\n"
    )
    bound, _ = bind_script(script(code), call(BoundArgument("n", 5, "param")), ".")
    assert bound is not None
    assert bound.cells[0].source.split("\n")[-3:] == ["N = 5", "print(N * 2)", ""]


def test_sys_argv_by_position() -> None:
    code = (
        "import sys\nimport pandas as pd\nsource = sys.argv[1]\nn = int(sys.argv[2])\n"
        "pd.read_csv(source).head(n).to_csv(sys.argv[3])\n"
    )
    bound_args = bind_arguments(argparse_spec(code), ["a.csv", "3", "b.csv"])
    bound, why = bind_script(
        script(code),
        PythonCall("s.py", (), arguments=tuple(bound_args.values()), bound_with="sys.argv"),
        ".",
    )
    assert why == "" and bound is not None
    assert "source = 'a.csv'\nn = 3\n" in bound.cells[0].source
    assert ".to_csv('b.csv')" in bound.cells[0].source


@pytest.mark.parametrize(
    ("code", "arguments", "how", "reason"),
    [
        ("import click\n", (), "click", "argparse or sys.argv"),
        (
            PREPARE.replace("orders = pd.read_csv(args.input)", "orders = load(args)"),
            (BoundArgument("input", "a.csv", "read"),),
            "argparse",
            "as a whole",
        ),
        (PREPARE, (BoundArgument("input", None, "read"),), "argparse", "run time"),
        (PREPARE, (BoundArgument("argv[3]", "x", "unknown"),), "argparse", "does not declare"),
        (
            "import sys\nprint(len(sys.argv))\nprint(sys.argv[1])\n",
            (BoundArgument("argv_1", "x", "param"),),
            "sys.argv",
            "other than by position",
        ),
    ],
    ids=["click", "namespace-passed-on", "dynamic", "undeclared", "argv-length"],
)
def test_scripts_that_cannot_be_bound_say_why(
    code: str, arguments: tuple, how: str, reason: str
) -> None:  # type: ignore[type-arg]
    bound, why = bind_script(script(code), call(*arguments, how=how), ".")
    assert bound is None and reason in why


# ----------------------------------------------------------------------- binding notebooks
def test_papermill_values_replace_the_parameters_cell_defaults() -> None:
    cells = (
        Cell(0, "a", "code", "import pandas as pd"),
        Cell(1, "b", "code", "DATA = '../data'\nINPUT = DATA + '/x.csv'\nN = 1", ("parameters",)),
    )
    source = Source(PurePosixPath("nbs/a.ipynb"), "/r/nbs/a.ipynb", "notebook", cells)
    run = NotebookRun(
        "papermill", "nbs/a.ipynb", "out.ipynb", (("INPUT", "../in.csv"), ("EXTRA", True)), "."
    )
    bound = bind_notebook(source, run)
    assert bound.cells[1].source == "DATA = '../data'\nINPUT = '../in.csv'\nN = 1\nEXTRA = True"
    assert bound.workdir == "."  # papermill runs in the shell's folder


def test_papermill_values_without_a_parameters_cell_are_injected_first() -> None:
    cells = (Cell(0, "a", "code", "print(N)"),)
    source = Source(PurePosixPath("a.ipynb"), "/r/a.ipynb", "notebook", cells)
    bound = bind_notebook(source, NotebookRun("papermill", "a.ipynb", None, (("N", 3),), "."))
    assert [c.source for c in bound.cells] == ["N = 3", "print(N)"]
    assert bound.cells[0].tags == ("parameters",) and bound.workdir == ""


# --------------------------------------------------------------------------- whole projects
def test_file_commands_are_nodes_over_catalog_paths(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    write(folder, "data/in.txt", "b\na\n")
    write(
        folder,
        "run.sh",
        'set -e\nOUT=work\nN=3\nmkdir -p "$OUT"\n'
        '# Sort the lines.\nsort data/in.txt > "$OUT/sorted.txt"\n'
        'head -n $N "$OUT/sorted.txt" > work/top.txt\n'
        "wc -l work/top.txt\n",
    )
    generated = convert(folder, tmp_path)
    found = nodes(generated, "run")
    assert set(found) == {"sort_sorted", "head_top", "wc"}
    assert found["sort_sorted"] == (("in_txt", "sorted_txt_path"), ("sorted_txt",))
    assert set(found["head_top"][0]) == {"sorted_txt", "params:N", "top_txt_path"}
    code = text(generated, "pipelines/run/nodes.py")
    assert 'f"sort {quote(in_txt)} > {quote(sorted_txt_path)}"' in code
    assert '"N=" + ' not in code and 'f"N={quote(str(N))}"' in code
    assert '"""Sort the lines."""' in code
    params = yaml.safe_load(text(generated, "conf/base/parameters.yml"))
    assert params == {"run": {"N": 3}}
    catalog = yaml.safe_load(text(generated, "conf/base/catalog.yml"))
    assert catalog["sorted_txt_path"]["filepath"] == "data/02_intermediate/work/sorted.txt"


def test_consecutive_nodes_no_file_connects_get_an_ordering_value(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    write(folder, "run.sh", "touch a.txt\n./tool --fit\n./tool --report\n")
    generated = convert(folder, tmp_path)
    found = nodes(generated, "run")
    assert found["tool"][1] == ("tool_done",)
    assert "tool_done" in found["tool_2"][0]


def test_driver_orders_notebooks_no_file_connects(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    # printing to a stream is data work (a bare print would go to the report)
    notebook(folder, "b_first.ipynb", "import sys\nSTAMP = 1\nprint(STAMP, file=sys.stderr)")
    notebook(folder, "a_second.ipynb", "import sys\nprint('after', file=sys.stderr)")
    write(
        folder,
        "run.sh",
        "jupyter nbconvert --to notebook --execute b_first.ipynb\n"
        "jupyter nbconvert --to notebook --execute a_second.ipynb\n",
    )
    generated = convert(folder, tmp_path)
    assert [p.name for p in generated.plan.pipelines] == ["b_first", "a_second"]  # not by name
    first = next(p for p in generated.plan.pipelines if p.name == "b_first")
    second = next(p for p in generated.plan.pipelines if p.name == "a_second")
    assert "b_first_done" in [s for s in first.steps if "report" not in s.tags][-1].outputs
    assert "b_first_done" in second.steps[0].inputs
    assert any(e.name == "b_first_done" for e in generated.plan.catalog)


def test_script_steps_around_a_notebook_share_one_pipeline(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    write(folder, "data/raw.csv", "a,b\n1,2\n")
    notebook(
        folder,
        "nb.ipynb",
        'import pandas as pd\ndf = pd.read_csv("work/raw.csv")\n'
        'df.to_csv("work/out.csv", index=False)',
    )
    write(
        folder,
        "run.sh",
        "cp data/raw.csv work/raw.csv\n"
        "jupyter nbconvert --to notebook --execute nb.ipynb\n"
        "cp work/out.csv final.csv\n",
    )
    generated = convert(folder, tmp_path)
    assert [p.name for p in generated.plan.pipelines] == ["run", "nb"]
    assert nodes(generated, "run") == {
        "cp_raw": (("data_raw_csv", "work_raw_csv_path"), ("work_raw_csv@path",)),
        "cp_final": (("out_csv@path", "final_csv_path"), ("final_csv",)),
    }


def test_python_script_using_its_arguments_inside_functions_runs_as_a_subprocess(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "src"
    write(folder, "data/raw.csv", "qty\n1\n")
    write(
        folder,
        "clean.py",
        "import argparse\nimport pandas as pd\n\n\ndef clean(paths):\n"
        "    pd.read_csv(paths[0]).to_csv(paths[1])\n\n\n"
        "p = argparse.ArgumentParser()\np.add_argument('--input')\np.add_argument('--output')\n"
        "args = p.parse_args()\nclean([args.input, args.output])\n",
    )
    write(folder, "run.sh", "python clean.py --input data/raw.csv --output work/clean.csv\n")
    generated = convert(folder, tmp_path)
    assert [p.name for p in generated.plan.pipelines] == ["run"]
    # the script it runs is an input, put where the step runs it (`cp ... clean.py`)
    assert nodes(generated, "run") == {
        "run_clean": (("clean_py", "raw_csv", "clean_csv_path"), ("clean_csv",))
    }
    code = text(generated, "pipelines/run/nodes.py")
    assert 'f"mkdir -p . && cp {quote(clean_py)} clean.py"' in code
    assert 'f"python clean.py --input {quote(raw_csv)} --output {quote(clean_csv_path)}"' in code
    warnings = [d for d in generated.diagnostics if d.code == "bash-verbatim-run"]
    assert warnings and "analysis does not see where it uses data/raw.csv" in warnings[0].message


def test_python_script_passing_its_arguments_to_a_function_that_opens_them_is_converted(
    tmp_path: Path,
) -> None:
    """`clean(args.input, args.output)` with `def clean(src, dst)` opening its parameters: the
    call's words are the catalog's paths, so the script is converted, not run verbatim."""
    folder = tmp_path / "src"
    write(folder, "data/raw.csv", "qty\n1\n")
    write(
        folder,
        "clean.py",
        "import argparse\nimport pandas as pd\n\n\ndef clean(src, dst):\n"
        "    pd.read_csv(src).to_csv(dst)\n\n\n"
        "p = argparse.ArgumentParser()\np.add_argument('--input')\np.add_argument('--output')\n"
        "args = p.parse_args()\nclean(args.input, args.output)\n",
    )
    write(folder, "run.sh", "python clean.py --input data/raw.csv --output work/clean.csv\n")
    generated = convert(folder, tmp_path)
    assert not [d for d in generated.diagnostics if d.code == "bash-verbatim-run"]
    assert "clean(raw_csv, clean_csv_path)" in text(generated, "pipelines/clean/nodes.py")


# ------------------------------------------------------------------------------- the corpus
@pytest.fixture
def quantyca(tmp_path: Path) -> Path:
    """The Quantyca demo, whose notebooks have a shell line without `!` (`conda env export`, a
    syntax error in Python): fixed here as their author would."""
    if not QUANTYCA.is_dir():
        pytest.skip("the bash corpus is not available")
    folder = shutil.copytree(QUANTYCA, tmp_path / "Quantyca__demo")
    for path in folder.glob("notebooks/*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code" and cell.source.strip() == "conda env export":
                cell.source = "!conda env export"
        nbformat.write(nb, path)
    return folder


def test_quantyca_stage_scripts_convert(quantyca: Path, tmp_path: Path) -> None:
    generated = convert(quantyca, tmp_path)
    order = [p.name for p in generated.plan.pipelines]
    assert order == [
        "stg_1_prepare",
        "stg_2_train_rf",
        "stg_2_train_xgb",
        "stg_3_evaluate_rf",
        "stg_3_evaluate_xgb",
    ]
    pipelines = {p.name: p for p in generated.plan.pipelines}
    # the files the papermill parameters name wire the stages (/opt/shared is the repository)
    assert "train_csv" in pipelines["stg_1_prepare"].shared_outputs
    assert "train_csv" in pipelines["stg_2_train_xgb"].shared_inputs
    assert "model_rf_pkl" in pipelines["stg_2_train_rf"].shared_outputs
    assert "model_rf_pkl" in pipelines["stg_3_evaluate_rf"].shared_inputs
    # (`!wc -lc {PROCESSED_TRAIN_CSV}` reads train.csv by path too: transcoded `train_csv@path`)
    catalog = {e.name.split("@")[0]: e.filepath for e in generated.plan.catalog}
    assert catalog["train_csv"] == "data/02_intermediate/train.csv"
    assert catalog["model_rf_pkl"] == "data/06_models/model-rf.pkl"
    # papermill -p values, not the notebooks' defaults, are the parameters
    params = {(p.namespace, p.name): p.value for p in generated.plan.params}
    assert params[("stg_2_train_rf", "PROCESSED_TRAIN_CSV")] == "../data/processed/train.csv"
    # METRICS_OUT="../metrics/rf.metrics" names a file the catalog holds (`!cat {METRICS_OUT}`)
    # (computed from the model: its output layer)
    assert catalog["rf_metrics"] == "data/07_model_output/metrics/rf.metrics"
    codes = {d.code for d in generated.diagnostics}
    assert {"bash-mount", "scripts-ordered", "bash-removes"} <= codes


def test_shell_nodes_carry_the_functions_they_call_and_copy_unnamed_files(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    write(
        folder,
        "get.sh",
        "lower() {\n  tr '[:upper:]' '[:lower:]' | strip\n}\nstrip() {\n  sed -e 's/ *$//'\n}\n"
        "cd data\nwget -q https://example.org/words.txt\nunzip -q pack.zip -d pack\n"
        "cat words.txt | lower > clean.txt\n./count clean.txt pack/a.txt\n",
    )
    generated = convert(folder, tmp_path)
    code = text(generated, "pipelines/get/nodes.py")
    # wget names no file: what it wrote is moved to its catalog path
    assert 'f"mv words.txt {quote(words_txt_path)}"' in code
    # the functions `lower` calls come along, `strip` included
    assert '"lower() {"' in code and '"strip() {"' in code
    found = nodes(generated, "get")
    # `./count` is unknown: it mentions clean.txt, which an earlier node wrote, so it reads it;
    # pack/a.txt is under the folder `unzip -d pack` filled: not a dataset
    assert "clean_txt" in found["count"][0]
    assert not any("a_txt" in name for name in found["count"][0])


def test_a_notebook_run_twice_is_two_pipelines(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    notebook(
        folder,
        "train.ipynb",
        "with open(OUT, 'w') as f:\n    f.write(MODEL)",
        parameters="MODEL = 'rf'\nOUT = 'a.txt'",
    )
    write(
        folder,
        "run.sh",
        "papermill train.ipynb o1.ipynb -p MODEL rf -p OUT rf.txt\n"
        "papermill train.ipynb o2.ipynb -p MODEL xgb -p OUT xgb.txt\n",
    )
    generated = convert(folder, tmp_path)
    assert [p.name for p in generated.plan.pipelines] == ["train", "train_2"]
    params = {(p.namespace, p.name): p.value for p in generated.plan.params}
    assert params == {("train", "MODEL"): "rf", ("train_2", "MODEL"): "xgb"}
    catalog = {e.name for e in generated.plan.catalog}
    assert {"rf_txt", "xgb_txt", "train_done"} <= catalog


def test_a_script_given_alone_brings_the_notebooks_and_scripts_it_runs(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    write(folder, "data/raw.csv", "qty,price\n1,2\n")
    write(folder, "scripts/prepare.py", PREPARE)
    notebook(folder, "nbs/report.ipynb", "import pandas as pd\ndf = pd.read_csv('../work/p.csv')")
    write(
        folder,
        "run.sh",
        "python scripts/prepare.py --input data/raw.csv --output work/p.csv --min-qty 1\n"
        "jupyter nbconvert --to notebook --execute nbs/report.ipynb\n",
    )
    generated = generate([folder / "run.sh"], tmp_path / "project", Options())
    assert [p.name for p in generated.plan.pipelines] == ["prepare", "report"]


def test_a_papermill_value_the_parameters_cell_derives_from_is_set_after_it() -> None:
    """papermill injects its values after the tagged cell: `PATH` keeps the default's `DATA`."""
    cells = (Cell(0, "p", "code", "DATA = 'a'\nPATH = DATA + '/x.csv'", ("parameters",)),)
    source = Source(PurePosixPath("nb.ipynb"), "/r/nb.ipynb", "notebook", cells)
    run = NotebookRun("papermill", "nb.ipynb", None, (("DATA", "b"), ("PATH", "c.csv")), ".")
    bound = bind_notebook(source, run)
    assert bound.cells[0].source == "DATA = 'a'\nPATH = 'c.csv'\nDATA = 'b'"
