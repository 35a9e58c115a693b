"""Specification table: bash snippets → the steps `script_facts` makes of them.

Each case lists every step of the snippet: its kind, files read/written/removed, parameters,
diagnostic codes and working directory. Paths are relative to the conversion root; the script
sits at the root unless the case says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from textwrap import dedent

import pytest

from nb2pipe.analysis.shell.steps import script_facts, shell_line_facts
from nb2pipe.model.shell import ShellStep


@dataclass(frozen=True)
class Expect:
    kind: str
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    removes: tuple[str, ...] = ()
    params: tuple[tuple[str, object], ...] = ()
    codes: tuple[str, ...] = ()
    cwd: str | None = "."


@dataclass(frozen=True)
class StepCase:
    name: str
    script: str
    steps: tuple[Expect, ...]
    source: str = "run.sh"


def observed(step: ShellStep) -> Expect:
    codes = tuple(d.code for d in step.diagnostics)
    return Expect(step.kind, step.reads, step.writes, step.removes, step.params, codes, step.cwd)


SETTING = Expect("setting")
URL = "https://example.org/data/train.csv"
ZIP = "https://example.org/data/train.zip"

CASES = [
    # ---------------------------------------------------------------- file commands
    StepCase(
        "cat_redirect",
        "cat a.csv b.csv > all.csv",
        (Expect("file", ("a.csv", "b.csv"), ("all.csv",)),),
    ),
    StepCase("append", "cat a.csv >> all.csv", (Expect("file", ("a.csv",), ("all.csv",)),)),
    StepCase(
        "stdin_stdout", "sort < in.txt > out.txt", (Expect("file", ("in.txt",), ("out.txt",)),)
    ),
    StepCase(
        "pipeline_is_one_step",
        "cut -f1 data.tsv | sort | uniq -c > counts.txt",
        (Expect("file", ("data.tsv",), ("counts.txt",)),),
    ),
    StepCase(
        "sort_output_option",
        "sort -k2 in.txt -o out.txt",
        (Expect("file", ("in.txt",), ("out.txt",)),),
    ),
    StepCase(
        "head_value_option",
        "head -n 100 big.csv > sample.csv",
        (Expect("file", ("big.csv",), ("sample.csv",)),),
    ),
    StepCase(
        "awk_program_is_not_a_file",
        "awk -F, '{print $1}' a.csv > b.csv",
        (Expect("file", ("a.csv",), ("b.csv",)),),
    ),
    StepCase("sed_in_place", "sed -i 's/a/b/' f.txt", (Expect("file", ("f.txt",), ("f.txt",)),)),
    StepCase(
        "grep_pattern_option",
        "grep -e foo log.txt > hits.txt",
        (Expect("file", ("log.txt",), ("hits.txt",)),),
    ),
    StepCase(
        "grep_pattern_positional",
        "grep -v '^#' conf.txt > clean.txt",
        (Expect("file", ("conf.txt",), ("clean.txt",)),),
    ),
    StepCase(
        "tr_reads_stdin_only",
        "tr a-z A-Z < in.txt > up.txt",
        (Expect("file", ("in.txt",), ("up.txt",)),),
    ),
    StepCase(
        "uniq_in_out",
        "uniq sorted.txt unique.txt",
        (Expect("file", ("sorted.txt",), ("unique.txt",)),),
    ),
    StepCase(
        "tee", "sort a.txt | tee b.txt > c.txt", (Expect("file", ("a.txt",), ("b.txt", "c.txt")),)
    ),
    StepCase("cp_file", "cp a.csv b.csv", (Expect("file", ("a.csv",), ("b.csv",)),)),
    StepCase(
        "cp_into_dir",
        "cp a.csv b.csv backup/",
        (Expect("file", ("a.csv", "b.csv"), ("backup/a.csv", "backup/b.csv")),),
    ),
    StepCase(
        "cp_target_directory", "cp -t out a.csv", (Expect("file", ("a.csv",), ("out/a.csv",)),)
    ),
    StepCase(
        "mv_removes_source",
        "mv old.txt new.txt",
        (Expect("file", ("old.txt",), ("new.txt",), ("old.txt",)),),
    ),
    StepCase("rm", "rm -f tmp/*.csv 2> /dev/null", (Expect("file", removes=("tmp/*.csv",)),)),
    StepCase("touch", "touch done.flag", (Expect("file", writes=("done.flag",)),)),
    StepCase(
        "heredoc_writes", "cat > cfg.yml <<EOF\na: 1\nEOF\n", (Expect("file", writes=("cfg.yml",)),)
    ),
    StepCase(
        "heredoc_then_pipe",
        "cat <<EOF | sort > s.txt\nb\na\nEOF\n",
        (Expect("file", writes=("s.txt",)),),
    ),
    StepCase(
        "stderr_to_file",
        "sort a.txt > b.txt 2> err.log",
        (Expect("file", ("a.txt",), ("b.txt", "err.log")),),
    ),
    StepCase(
        "fd_duplication_is_no_file",
        "sort a.txt > b.txt 2>&1",
        (Expect("file", ("a.txt",), ("b.txt",)),),
    ),
    StepCase(
        "echo_to_file", 'echo "id,qty" > header.csv', (Expect("file", writes=("header.csv",)),)
    ),
    # ------------------------------------------------------------------- archives
    StepCase("tar_extract", "tar -xzf d.tgz -C data", (Expect("file", ("d.tgz",), ("data/",)),)),
    StepCase("tar_old_style", "tar xzf d.tgz", (Expect("file", ("d.tgz",), ("./",)),)),
    StepCase(
        "tar_create",
        "tar -czf out.tgz a.csv b.csv",
        (Expect("file", ("a.csv", "b.csv"), ("out.tgz",)),),
    ),
    StepCase("unzip_dir", "unzip -q x.zip -d data", (Expect("file", ("x.zip",), ("data/",)),)),
    StepCase("gzip_keep", "gzip -k a.csv", (Expect("file", ("a.csv",), ("a.csv.gz",)),)),
    StepCase(
        "gunzip", "gunzip a.csv.gz", (Expect("file", ("a.csv.gz",), ("a.csv",), ("a.csv.gz",)),)
    ),
    StepCase("zcat_to_stdout", "zcat a.gz > a.txt", (Expect("file", ("a.gz",), ("a.txt",)),)),
    # ------------------------------------------------------------------ downloads
    StepCase(
        "wget_output",
        f"wget -q {URL} -O raw/train.csv",
        (Expect("download", (URL,), ("raw/train.csv",)),),
    ),
    StepCase(
        "wget_prefix", f"wget -c {URL} -P raw", (Expect("download", (URL,), ("raw/train.csv",)),)
    ),
    StepCase("wget_plain", f"wget {URL}", (Expect("download", (URL,), ("train.csv",)),)),
    StepCase("curl_o", f"curl -sSL -o t.csv {URL}", (Expect("download", (URL,), ("t.csv",)),)),
    StepCase("curl_remote_name", f"curl -O {URL}", (Expect("download", (URL,), ("train.csv",)),)),
    StepCase("curl_stdout", f"curl -sL {URL} > t.csv", (Expect("download", (URL,), ("t.csv",)),)),
    # ---------------------------------------------------------- notebooks and scripts
    StepCase(
        "papermill_params_typed",
        "papermill nb.ipynb out/nb.ipynb -p alpha 0.5 -p n 3 -p name x -r raw 7 -p flag True",
        (
            Expect(
                "notebook",
                params=(("alpha", 0.5), ("n", 3), ("name", "x"), ("raw", "7"), ("flag", True)),
            ),
        ),
    ),
    StepCase(
        "papermill_yaml",
        "papermill nb.ipynb o.ipynb -y 'a: 1'",
        (Expect("notebook", params=(("a", 1),)),),
    ),
    StepCase(
        "nbconvert_execute",
        "jupyter nbconvert --to notebook --execute nb/a.ipynb --output b",
        (Expect("notebook"),),
    ),
    StepCase(
        "nbconvert_html_is_a_file_command",
        "jupyter nbconvert --to html a.ipynb",
        (Expect("file", ("a.ipynb",), ("a.html",)),),
    ),
    StepCase("ipython_notebook", "ipython nb.ipynb", (Expect("notebook"),)),
    StepCase(
        "python_generic_binding",
        "python scripts/prepare.py --input a.csv --output b.csv --min-qty 1",
        (Expect("python", ("a.csv",), ("b.csv",), params=(("min_qty", 1),)),),
    ),
    StepCase(
        "python_module",
        "python -m pkg.train --epochs 3",
        (Expect("python", params=(("epochs", 3),)),),
    ),
    StepCase(
        "python_inline_is_verbatim",
        "python -c 'print(1)'",
        (Expect("shell", codes=("bash-inline-code",)),),
    ),
    StepCase(
        "python_piped_to_tee",
        "python train.py | tee log.txt",
        (Expect("python", writes=("log.txt",)),),
    ),
    StepCase(
        "dvc_run",
        "dvc run -n clean -d raw.csv -o clean.csv python clean.py",
        (Expect("python", ("raw.csv",), ("clean.csv",)),),
    ),
    StepCase("jupyter_execute", "jupyter execute nb/a.ipynb", (Expect("notebook"),)),
    StepCase("ipython_script", "ipython s.py -- --n 2", (Expect("python", params=(("n", 2),)),)),
    StepCase(
        "sed_in_place_suffix",
        "sed -i.bak -e 's/a/b/' f.txt",
        (Expect("file", ("f.txt",), ("f.txt",)),),
    ),
    StepCase(
        "curl_output_dir",
        f"curl -O --output-dir raw {URL}",
        (Expect("download", (URL,), ("raw/train.csv",)),),
    ),
    StepCase(
        "unknown_command_redirections_count",
        "./tool < in.txt > out.txt",
        (Expect("shell", ("in.txt",), ("out.txt",), codes=("bash-unknown-command",)),),
    ),
    StepCase("time_wraps", "time sort a > b", (Expect("file", ("a",), ("b",)),)),
    # -------------------------------------------------------------- chains and cd
    StepCase(
        "chain_is_one_step_and_internal_files",
        f"cd data && wget {ZIP} && unzip train.zip",
        (Expect("download", (ZIP,), ("data/train.zip", "data/")),),
    ),
    StepCase(
        "chain_kind_is_most_significant",
        "cd nbs && echo start && papermill a.ipynb b.ipynb",
        (Expect("notebook"),),
    ),
    StepCase("or_chain", "test -f a || cp b a", (Expect("file", ("b",), ("a",)),)),
    StepCase(
        "cd_moves_later_steps",
        "cd data\nsort a > b\ncd ..\nsort c > d",
        (
            SETTING,
            Expect("file", ("data/a",), ("data/b",), cwd="data"),
            Expect("setting", cwd="data"),
            Expect("file", ("c",), ("d",)),
        ),
    ),
    StepCase(
        "cd_relative_to_script_folder",
        "cd ../data && sort a > b",
        (Expect("file", ("data/a",), ("data/b",), cwd="scripts"),),
        source="scripts/run.sh",
    ),
    StepCase(
        "cd_dirname_dollar_zero",
        'cd "$(dirname "$0")/.."\ncat data/x > y',
        (Expect("setting", cwd="scripts"), Expect("file", ("data/x",), ("y",))),
        source="scripts/run.sh",
    ),
    StepCase(
        "subshell_cd_does_not_leak",
        "(cd sub && sort a > b)\nsort c > d",
        (Expect("file", ("sub/a",), ("sub/b",)), Expect("file", ("c",), ("d",))),
    ),
    StepCase(
        "dynamic_cd",
        "cd $1\ncat x > y",
        (
            Expect("setting", codes=("bash-dynamic-cwd",)),
            Expect("file", codes=("bash-unknown-cwd",), cwd=None),
        ),
    ),
    StepCase(
        "pushd_popd",
        "pushd d\nsort a > b\npopd\nsort c > e",
        (
            SETTING,
            Expect("file", ("d/a",), ("d/b",), cwd="d"),
            Expect("setting", cwd="d"),
            Expect("file", ("c",), ("e",)),
        ),
    ),
    StepCase(
        "cd_dash_goes_back",
        "cd data\ncd -\nsort a > b",
        (SETTING, Expect("setting", cwd="data"), Expect("file", ("a",), ("b",))),
    ),
    # ---------------------------------------------------------- variables and params
    StepCase(
        "variables_expand",
        'D=data\ncat ${D}/a.csv > "$D/b.csv"',
        (SETTING, Expect("file", ("data/a.csv",), ("data/b.csv",))),
    ),
    StepCase("default_value", "sort a > ${OUT:-out.txt}", (Expect("file", ("a",), ("out.txt",)),)),
    StepCase(
        "variable_used_as_argument_is_a_param",
        "N=10\nhead -n $N a.csv > b.csv",
        (SETTING, Expect("file", ("a.csv",), ("b.csv",), params=(("N", 10),))),
    ),
    StepCase(
        "path_variable_is_not_a_param",
        "F=a.csv\nsort $F > b.csv",
        (SETTING, Expect("file", ("a.csv",), ("b.csv",))),
    ),
    StepCase(
        "export_is_a_param", "export ALPHA=0.5", (Expect("setting", params=(("ALPHA", 0.5),)),)
    ),
    StepCase("set_e", "set -euo pipefail", (SETTING,)),
    StepCase(
        "word_splitting",
        'FILES="a.csv b.csv"\ncat $FILES > all.csv',
        (SETTING, Expect("file", ("a.csv", "b.csv"), ("all.csv",))),
    ),
    StepCase(
        "quoted_no_splitting",
        'F="my file.csv"\ncat "$F" > out.csv',
        (SETTING, Expect("file", ("my file.csv",), ("out.csv",))),
    ),
    StepCase(
        "branch_disagreement_makes_dynamic",
        "if true; then X=a; else X=b; fi\ncat $X > out",
        (
            Expect("setting", codes=("bash-conditional",)),
            Expect("file", writes=("out",), codes=("bash-dynamic-path",)),
        ),
    ),
    # ------------------------------------------------------------ loops and functions
    StepCase(
        "for_literal_list_unrolled",
        'for f in a.csv b.csv; do\n  sort "$f" > "sorted_$f"\ndone',
        (
            Expect("file", ("a.csv",), ("sorted_a.csv",)),
            Expect("file", ("b.csv",), ("sorted_b.csv",)),
        ),
    ),
    StepCase(
        "for_glob_verbatim",
        'for f in *.csv; do cut -f1 "$f" > "$f.out"; done',
        (Expect("shell", ("*.csv",), ("*.csv.out",), codes=("bash-loop",)),),
    ),
    StepCase(
        "function_call_expands",
        'clean() { sort -u "$1" > "$2"; }\nclean a.txt b.txt',
        (SETTING, Expect("file", ("a.txt",), ("b.txt",))),
    ),
    StepCase(
        "function_in_pipeline",
        "norm() { tr A-Z a-z | sort; }\ncat a.txt | norm > b.txt",
        (SETTING, Expect("file", ("a.txt",), ("b.txt",))),
    ),
    StepCase(
        "recursive_function_not_expanded",
        "f() { f; }\nf",
        (SETTING, Expect("shell", codes=("bash-function-depth",))),
    ),
    StepCase(
        "notebook_in_if_is_verbatim",
        "if [ -f x ]; then papermill a.ipynb b.ipynb; fi",
        (Expect("shell", codes=("bash-conditional-run",)),),
    ),
    StepCase(
        "subshell_around_notebook_is_converted",
        "(cd nbs && papermill a.ipynb b.ipynb -p n 1)",
        (Expect("notebook", params=(("n", 1),)),),
    ),
    StepCase(
        "notebooks_in_a_loop",
        "for nb in *.ipynb; do papermill $nb out/$nb; done",
        (Expect("shell", ("*.ipynb",), codes=("bash-loop", "bash-conditional-run")),),
    ),
    StepCase(
        "guard_if_keeps_files",
        f"if [ ! -f raw/t.csv ]; then\n  wget {URL} -O raw/t.csv\nfi",
        (Expect("download", (URL,), ("raw/t.csv",), codes=("bash-conditional",)),),
    ),
    StepCase(
        "while_read_verbatim",
        "while read -r l; do echo $l; done < list.txt",
        (Expect("shell", ("list.txt",), codes=("bash-read", "bash-loop")),),
    ),
    # -------------------------------------------------------- unsafe and unknown
    StepCase("eval", 'eval "$CMD"', (Expect("shell", codes=("bash-eval",)),)),
    # the file sourced is read (it travels into the project); one outside the folder is not
    StepCase("source", "source env.sh", (Expect("shell", ("env.sh",), codes=("bash-source",)),)),
    StepCase("dot_source", ". ./env.sh", (Expect("shell", ("env.sh",), codes=("bash-source",)),)),
    StepCase("source_home", "source ~/.profile", (Expect("shell", codes=("bash-source",)),)),
    StepCase(
        "background", "sort a > b &", (Expect("shell", ("a",), ("b",), codes=("bash-background",)),)
    ),
    StepCase(
        "sudo", "sudo cp a /etc/b", (Expect("shell", ("a",), ("/etc/b",), codes=("bash-sudo",)),)
    ),
    StepCase("read", "read -r -p 'lang? ' LANG", (Expect("shell", codes=("bash-read",)),)),
    StepCase(
        "exit_in_the_middle",
        "sort a > b\nexit 1\nsort c > d",
        (
            Expect("file", ("a",), ("b",)),
            Expect("shell", codes=("bash-exit",)),
            Expect("file", ("c",), ("d",)),
        ),
    ),
    StepCase("exit_at_the_end", "sort a > b\nexit 0", (Expect("file", ("a",), ("b",)), SETTING)),
    StepCase("make", "make", (Expect("shell", codes=("bash-make",)),)),
    StepCase(
        "unknown_command",
        "./train -input a.txt -output model",
        (Expect("shell", codes=("bash-unknown-command",)),),
    ),
    StepCase("parse_error", 'echo "oops', (Expect("shell", codes=("bash-parse-error",)),)),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_steps(case: StepCase) -> None:
    facts = script_facts(dedent(case.script), case.source)
    assert [observed(s) for s in facts.steps] == list(case.steps)


#: Inputs that make no step, or only steps touching no file.
NOOPS = [
    "",
    "#!/bin/bash\n# nothing here\n",
    "echo hi",
    "true",
    ":",
    "mkdir -p out",
    "x=1",
    "sleep 1",
    "wait",
    "set -x",
]


@pytest.mark.parametrize("script", NOOPS)
def test_noop(script: str) -> None:
    steps = script_facts(script, "run.sh").steps
    assert all(s.kind == "setting" and not (s.reads or s.writes or s.removes) for s in steps)
    assert not [d for s in steps for d in s.diagnostics]


def test_mentions_of_unknown_commands() -> None:
    step = script_facts("./train -input data/a.txt -output model/out -lr 0.1", "run.sh").steps[0]
    assert step.mentions == ("data/a.txt", "model/out")


def test_notebook_run_details() -> None:
    script = "cd /opt/nbs && papermill ../nbs/a.ipynb outs/a.ipynb -p DATA ../data/x.csv -k py3"
    run = script_facts(script, "run.sh").steps[0].notebooks[0]
    assert (run.runner, run.notebook, run.output, run.cwd) == (
        "papermill", "/opt/nbs/a.ipynb", "/opt/nbs/outs/a.ipynb", "/opt/nbs",
    )  # fmt: skip
    assert run.paths == (("DATA", "/opt/data/x.csv"),)


def test_nbconvert_runs_in_the_notebook_folder() -> None:
    script = "jupyter nbconvert --to notebook --execute nb/a.ipynb --output b"
    run = script_facts(script, "run.sh").steps[0].notebooks[0]
    assert (run.notebook, run.output, run.cwd) == ("nb/a.ipynb", "nb/b.ipynb", "nb")


def test_step_records_scope() -> None:
    steps = script_facts("set -e\nexport A=1\nB=$(date)\nsort a > b", "run.sh").steps
    last = steps[-1]
    assert last.variables == (("A", "1"), ("B", None))
    assert (last.exported, last.options) == (("A",), ("e",))
    assert steps[2].assigns == (("B", None),)


def test_uses_and_comment() -> None:
    steps = script_facts("D=data\n# sort the data\nsort $D/a > $D/b", "run.sh").steps
    assert (steps[1].uses, steps[1].comment) == (("D",), "sort the data")


def test_lines_and_text() -> None:
    steps = script_facts("python train.py \\\n  --lr 0.1\n\nsort a > b\n", "run.sh").steps
    assert [(s.line, s.end_line) for s in steps] == [(1, 2), (4, 4)]
    assert steps[0].text == "python train.py \\\n  --lr 0.1"


def test_diagnostics_name_file_and_line() -> None:
    diagnostic = script_facts("sort a > b\neval x", "scripts/run.sh").diagnostics[0]
    assert (diagnostic.source, diagnostic.line, diagnostic.level) == (
        "scripts/run.sh",
        2,
        "warning",
    )


def test_functions_recorded() -> None:
    script = script_facts("f() {\n  ls\n}\nfunction g { ls; }\n", "run.sh")
    assert [(f.name, f.line, f.end_line) for f in script.functions] == [("f", 1, 3), ("g", 4, 4)]


def test_shell_line_facts_for_notebooks() -> None:
    step = shell_line_facts(
        f"wget -q {URL} && unzip train.csv -d raw", "notebooks", source="nb.ipynb", cell="3"
    )
    assert (step.kind, step.reads, step.writes) == (
        "download",
        (URL,),
        ("notebooks/train.csv", "notebooks/raw/"),
    )
    assert step.cwd == "notebooks"


def test_shell_line_facts_bash_cell_merges_statements() -> None:
    step = shell_line_facts("cd data\nsort a > b\nrm a\n", ".")
    assert (step.reads, step.writes, step.removes) == (("data/a",), ("data/b",), ("data/a",))


def test_shell_line_facts_run_magic() -> None:
    step = shell_line_facts("%run other.ipynb", ".")
    assert step.notebooks[0].notebook == "other.ipynb"


def test_shell_line_facts_known_variables() -> None:
    step = shell_line_facts("sort $DATA > out.txt", "nb", variables={"DATA": "raw/a.csv"})
    assert (step.reads, step.writes, step.uses) == (("nb/raw/a.csv",), ("nb/out.txt",), ("DATA",))


def test_shell_line_diagnostics_carry_the_cell() -> None:
    step = shell_line_facts("eval x", ".", source="nb.ipynb", cell="4")
    assert (step.diagnostics[0].source, step.diagnostics[0].cell) == ("nb.ipynb", "4")


def test_real_root_outside_paths_are_absolute() -> None:
    step = script_facts("sort ../../a > b", "run.sh", root="/work/proj").steps[0]
    assert step.reads == ("/a",) and step.writes == ("b",)
