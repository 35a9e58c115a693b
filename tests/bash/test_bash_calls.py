"""Scripts that run other scripts, and environment set-up (docs/bash.md, "Scripts running
scripts" and "Environment set-up")."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import nbformat
import pytest

from nb2pipe.analysis.shell.steps import script_facts
from nb2pipe.api import generate
from nb2pipe.options import Options

AZURE = Path("/work/shared/corpus/public/bash/Azure__mlops-starter-sklearn")


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def notebook(folder: Path, name: str, code: str, parameters: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    tagged = nbformat.v4.new_code_cell(parameters)
    tagged.metadata["tags"] = ["parameters"]
    nb.cells = [tagged, nbformat.v4.new_code_cell(code)]
    for number, cell in enumerate(nb.cells):
        cell["id"] = f"c{number}"
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / name)


def steps(generated) -> dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]]:  # type: ignore[no-untyped-def]
    return {
        p.name: {s.name: (s.inputs, s.outputs) for s in p.steps} for p in generated.plan.pipelines
    }


def codes(generated) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.code for d in generated.diagnostics]


def text(generated, path: str) -> str:  # type: ignore[no-untyped-def]
    return next(str(v) for k, v in generated.files.items() if str(k).endswith(path))


# ------------------------------------------------------------------------- called scripts
@pytest.fixture
def project(tmp_path: Path) -> Path:
    """run.sh runs steps/clean.sh from data/ with two arguments, then steps/report.sh, which
    moves to its own folder and runs a notebook with papermill, its path from `$1`."""
    folder = tmp_path / "src"
    write(folder, "data/raw.txt", "b\na\n")
    write(
        folder,
        "run.sh",
        "set -e\nexport N=1\ncd data\nbash ../steps/clean.sh raw.txt sorted.txt\ncd ..\n"
        "./steps/report.sh data/sorted.txt\n",
    )
    write(
        folder,
        "steps/clean.sh",
        '# Sort the input.\nsort "$1" > "$2"\nhead -n "$N" "$2" > top.txt\n',
    )
    write(
        folder,
        "steps/report.sh",
        'cd "$(dirname "$0")"\npapermill ../nbs/report.ipynb out.ipynb -p SOURCE "../$1"\n',
    )
    notebook(
        folder,
        "nbs/report.ipynb",
        "with open(SOURCE) as f:\n    lines = f.read().split()\nprint(lines)",
        parameters="SOURCE = 'x.txt'",
    )
    return folder


def test_a_called_script_is_converted_as_the_call_runs_it(project: Path, tmp_path: Path) -> None:
    generated = generate([project], tmp_path / "out", Options())
    found = steps(generated)
    # clean.sh's steps run in data/ (the caller's folder) on $1 and $2; run.sh itself makes no
    # node and neither script is converted a second time on its own
    assert list(found) == ["clean", "report"]
    assert found["clean"]["sort_sorted"] == (
        ("params:N", "raw_txt", "sorted_txt_path"),
        ("sorted_txt",),
    )
    assert "sorted_txt" in found["clean"]["head_top"][0]
    catalog = {e.name: e.filepath for e in generated.plan.catalog}
    assert catalog["raw_txt"] == "data/01_raw/raw.txt"
    assert catalog["top_txt_path"] == "data/02_intermediate/top.txt"  # data/top.txt in the script
    # report.sh's notebook reads the file clean.sh wrote ($1 is relative to run.sh's folder)
    assert found["report"]["compute_lines"][0] == ("sorted_txt",)
    code = text(generated, "pipelines/clean/nodes.py")
    assert "# From steps/clean.sh, line 2" in code and 'cwd="data"' in code
    # the exported variable reaches the called script
    params = {(p.namespace, p.name): p.value for p in generated.plan.params}
    assert params[("clean", "N")] == 1
    assert "bash-subscript" in codes(generated) and "bash-verbatim-run" not in codes(generated)


def test_a_script_given_alone_brings_the_scripts_it_runs(project: Path, tmp_path: Path) -> None:
    generated = generate([project / "run.sh"], tmp_path / "out", Options())
    assert list(steps(generated)) == ["clean", "report"]


def test_a_script_run_twice_is_one_pipeline_with_both_runs(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    write(folder, "a.txt", "a\n")
    write(folder, "b.txt", "b\n")
    write(folder, "run.sh", "bash sort.sh a.txt\nbash sort.sh b.txt\n")
    write(folder, "sort.sh", 'sort "$1" > "$1.sorted"\n')
    generated = generate([folder], tmp_path / "out", Options())
    # the two runs are two parts of one pipeline, kept in the script's order
    assert steps(generated) == {
        "sort": {
            "sort_a_txt": (("a_txt", "a_txt_sorted_path"), ("a_txt_sorted", "sort_done")),
            "sort_b_txt": (("b_txt", "b_txt_sorted_path", "sort_done"), ("b_txt_sorted",)),
        }
    }


def test_scripts_running_each_other_are_diagnosed(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    write(folder, "a.sh", "touch a.txt\nbash b.sh\n")
    write(folder, "b.sh", "cp a.txt b.txt\nbash a.sh\n")
    write(folder, "self.sh", "touch s.txt\n./self.sh\n")
    generated = generate([folder], tmp_path / "out", Options())
    cycles = [d for d in generated.diagnostics if d.code == "bash-subscript-cycle"]
    assert [(d.source, d.line) for d in cycles] == [("b.sh", 2), ("self.sh", 2)]
    assert "a.sh → b.sh → a.sh" in cycles[0].message
    found = steps(generated)
    # a.sh is converted once (b.sh runs inside it); the call that closes the cycle runs as is
    assert set(found) == {"a", "b", "self"}
    assert "run_a" in found["b"] and "run_self" in found["self"]


def test_a_call_inside_a_loop_runs_verbatim_and_the_script_is_not_converted_alone(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "src"
    write(folder, "run.sh", 'for f in *.txt; do bash one.sh "$f"; done\n')
    write(folder, "one.sh", 'sort "$1" > "$1.out"\npapermill nb.ipynb o.ipynb -p F "$1"\n')
    notebook(folder, "nb.ipynb", "print(F)", parameters="F = 'x'")
    generated = generate([folder], tmp_path / "out", Options())
    # one.sh, and the notebook it runs, run inside the loop's node: not converted on their own
    assert list(steps(generated)) == ["run"]
    notes = [d for d in generated.diagnostics if d.code == "bash-verbatim-run"]
    assert notes and "loop" in notes[0].message


def test_positional_arguments_of_a_call_are_bound() -> None:
    script = script_facts(
        'cp "$1" "$2/"\necho "$#" "$@"\n', "s.sh", "/r", "data", args=("a", "out")
    )
    assert script.steps[0].reads == ("data/a",) and script.steps[0].writes == ("data/out/a",)


@pytest.mark.parametrize(
    ("line", "script", "argv", "runner"),
    [
        ("bash steps/a.sh x y", "steps/a.sh", ("x", "y"), "bash"),
        ("sh -e a.sh", "a.sh", (), "sh"),
        ("./a.sh 1", "a.sh", ("1",), "exec"),
        ("A=2 bash a.sh", "a.sh", (), "bash"),
    ],
)
def test_calls_of_scripts_are_read(line: str, script: str, argv: tuple, runner: str) -> None:  # type: ignore[type-arg]
    (call,) = script_facts(line, "run.sh", "/r").steps[0].scripts
    assert (call.script, call.argv, call.runner, call.cwd) == (script, argv, runner, ".")
    if line.startswith("A=2"):
        assert call.env == (("A", "2"),)


def test_inline_shell_code_is_not_a_script_call() -> None:
    (step,) = script_facts("bash -c 'sort a > b'\n", "run.sh", "/r").steps
    assert step.kind == "shell" and not step.scripts
    assert [d.code for d in step.diagnostics] == ["bash-inline-code"]


# ------------------------------------------------------------------------ environment set-up
@pytest.mark.parametrize(
    "line",
    [
        "pip install pandas",
        "pip3 install -r requirements.txt",
        "python -m pip install --upgrade pip",
        "python3 -m venv .venv",
        "source .venv/bin/activate",
        ". venv/bin/activate",
        "source /anaconda/etc/profile.d/conda.sh",
        "conda create -n env python=3.11 -y",
        "conda activate env",
        "conda env create -f environment.yml",
        "sudo apt-get install -y graphviz",
        "apt-get update",
        "brew install libomp",
        "python setup.py develop",
        "python -m ipykernel install --user --name env",
        "uv pip install polars",
        'eval "$(conda shell.bash hook)"',
        "conda info -a",
        "source activate ./env",
        "bash Miniconda3-latest-Linux-x86_64.sh -b -p $HOME/miniconda",
        "wget -q https://repo.anaconda.com/miniconda/Miniconda3-latest-Linux-x86_64.sh",
        "python get-pip.py",
        "python -c \"import nltk; nltk.download('punkt')\"",
        ".venv/bin/pip install numpy",
    ],
)
def test_set_up_commands_are_setup_steps(line: str) -> None:
    (step,) = script_facts(line + "\n", "install.sh", "/r").steps
    assert step.kind == "setup" and not step.reads and not step.writes
    assert [d.code for d in step.diagnostics] == ["bash-setup"]


def test_pip_installs_name_requirements_not_options_or_paths() -> None:
    line = (
        "pip install -U pandas==2.1 'scikit-learn>=1.3' -r req.txt -e . ./local pip -i https://x\n"
    )
    (step,) = script_facts(line, "install.sh", "/r").steps
    # the requirements file is kept to be read (readers/requirement_files.py)
    assert step.installs == ("pandas==2.1", "scikit-learn>=1.3", "-r req.txt")


def test_a_set_up_script_is_no_pipeline_and_feeds_requirements(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    write(
        folder,
        "install.sh",
        "#!/bin/bash\nset -e\necho 'Setting up'\npython3 -m venv .venv\nsource .venv/bin/activate\n"
        "pip install --upgrade pip\npip install pyyaml nb2pipe-no-such-package==0.1\n",
    )
    write(folder, "run.sh", "pip install click\nsort a.txt > b.txt\n")
    generated = generate([folder], tmp_path / "out", Options())
    assert list(steps(generated)) == ["run"]  # install.sh: no pipeline; run.sh: only the sort
    assert list(steps(generated)["run"]) == ["sort_b"]
    notes = {d.code: d for d in generated.diagnostics if d.source == "install.sh"}
    assert set(notes) == {"bash-setup-script"}
    assert "environment setup" in notes["bash-setup-script"].message
    assert "run.sh" in {d.source for d in generated.diagnostics if d.code == "bash-setup"}
    requirements = text(generated, "requirements.txt").split("\n")
    assert any(r.lower().startswith("pyyaml==") for r in requirements)
    assert any(r.startswith("click==") for r in requirements)
    assert "nb2pipe-no-such-package==0.1" in requirements  # not installed: kept as written


def test_set_up_before_a_notebook_run_does_not_stop_its_conversion(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    notebook(folder, "nb.ipynb", "print(N)", parameters="N = 1")
    write(folder, "run.sh", "source venv/bin/activate && papermill nb.ipynb out.ipynb -p N 2\n")
    generated = generate([folder], tmp_path / "out", Options())
    assert list(steps(generated)) == ["nb"]
    assert {(p.namespace, p.name): p.value for p in generated.plan.params} == {("nb", "N"): 2}


def test_azure_run_notebooks_sets_up_conda_then_runs_notebooks() -> None:
    path = AZURE / "scripts/prototyping/run-notebooks.sh"
    if not path.is_file():
        pytest.skip("the bash corpus is not available")
    script = script_facts(path.read_text(encoding="utf-8"), "run-notebooks.sh", str(AZURE))
    kinds = [(s.line, s.kind) for s in script.steps]
    assert kinds[:2] == [(2, "setup"), (3, "setup")]
    assert [k for _, k in kinds[-3:]] == ["notebook"] * 3


def test_a_step_reading_positional_arguments_gets_the_calls(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    write(folder, "run.sh", "bash tag.sh 'run 1' a.txt\n")
    write(folder, "tag.sh", 'sed "s/^/$1: /" "$2" > tagged.txt\n')
    write(folder, "a.txt", "x\n")
    generated = generate([folder], tmp_path / "out", Options())
    code = text(generated, "pipelines/tag/nodes.py")
    assert "\"set -- 'run 1' a.txt\"," in code
    assert "f'sed \"s/^/$1: /\" {quote(a_txt)} > {quote(tagged_txt_path)}'," in code


INSTALL_CONDA = """\
#!/usr/bin/env bash
set -e

export CONDA_ENV_NAME=study
echo $CONDA_ENV_NAME

conda create -n $CONDA_ENV_NAME python=3.11 -y

eval "$(conda shell.bash hook)"
conda activate $CONDA_ENV_NAME

which python
which pip

pip install -r requirements.txt
python -m ipykernel install --user --name $CONDA_ENV_NAME
"""


def test_a_typical_conda_install_script_is_environment_set_up(tmp_path: Path) -> None:
    """The shape of install scripts found in public repositories (conda env, shell hook, pip)."""
    folder = tmp_path / "src"
    write(folder, "install_env.sh", INSTALL_CONDA)
    write(folder, "run.sh", "sort a.txt > b.txt\n")
    generated = generate([folder], tmp_path / "out", Options())
    assert list(steps(generated)) == ["run"]
    notes = [d for d in generated.diagnostics if d.source == "install_env.sh"]
    assert [d.code for d in notes] == ["bash-setup-script", "missing-requirements-file"]
    # with the file `pip install -r` reads, its requirements are the project's
    write(folder, "requirements.txt", "# pinned\npyyaml>=6  # config\n-r more.txt\n-e .\n")
    write(folder, "more.txt", "nb2pipe-no-such-package==0.1\n")
    generated = generate([folder], tmp_path / "out", Options())
    requirements = generated.files[PurePosixPath("requirements.txt")]
    assert "PyYAML==" in requirements and "nb2pipe-no-such-package==0.1" in requirements


def test_url_requirements_of_pip_installs_are_kept_apart() -> None:
    from nb2pipe.version_pins import pins

    found = pins(
        (),
        (
            "git+https://github.com/a/one.git",
            "git+https://github.com/b/two.git@v1#egg=nb2pipe-no-such-two",
            "https://example.org/pkg-1.0.tar.gz",
        ),
        None,
    )
    assert {
        "git+https://github.com/a/one.git",
        "git+https://github.com/b/two.git@v1#egg=nb2pipe-no-such-two",
        "https://example.org/pkg-1.0.tar.gz",
    } <= set(found)
