"""Every real script of the shared corpus parses, and every command in it is accounted for.

A line holding a command (per the parse tree) must fall inside a step's line range or carry a
diagnostic. The corpus sits beside the repository (`../shared/corpus/public/bash`), in CI too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nb2pipe.analysis.shell.steps import script_facts
from nb2pipe.analysis.shell.tree import command_lines
from nb2pipe.api import read_bash
from nb2pipe.model.shell import BashScript

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus" / "public" / "bash"
SCRIPTS = sorted(CORPUS.rglob("*.sh")) if CORPUS.is_dir() else []

#: Constructs beyond the corpus: each must parse without a crash and be fully accounted for.
NASTY = {
    "heredoc": "cat > out.txt <<EOF\nhello $X\nEOF\necho done\n",
    "heredoc_quoted": "cat <<'EOF' > cfg.yml\na: $b\nEOF\n",
    "heredoc_dash_pipe": "cat <<-EOF | sort > s.txt && echo ok\n\tz\n\ta\n\tEOF\n",
    "command_substitution": 'X=$(date +%Y)\nY="$(basename "$(pwd)")"\necho `whoami`\n',
    "quoting": "echo \"a 'b' $c\" 'd \"e\"' $'tab\\t' \"${x:-def}\" a\\ b\n",
    "for_glob": 'for f in *.csv; do cut -f1 "$f" > "$f.out"; done\n',
    "for_over_args": 'for f; do sort "$f"; done\n',
    "functions": "f() { echo hi; }\nfunction g {\n  ls\n}\nfunction h() { f; }\nf\nh\n",
    "if_elif_else": "if [ -f a ]; then\n  cat a\nelif [[ -d b ]]; then\n  ls b\nelse\n  :\nfi\n",
    "case": 'case "$1" in\n  a|b) echo ab;;\n  *) echo other;;\nesac\n',
    "continuation": "python train.py \\\n  --lr 0.1 \\\n  --epochs 3\n",
    "arithmetic": "N=$((1+2))\n(( N++ ))\necho $N\n",
    "arrays": 'A=(1 2 3)\necho "${A[@]}"\n',
    "process_substitution": "diff <(sort a) <(sort b) > d.txt\n",
    "while_read": 'while read -r line; do echo "$line"; done < list.txt\n',
    "fd_redirections": "make 2>&1 | tee log.txt\ncmd &> all.log\ncmd |& cat\n",
    "subshell_and_group": "( cd sub && make )\n{ a; b; } > log\n",
    "c_style_for": "for ((i=0;i<3;i++)); do echo $i; done\n",
    "select": "select x in a b; do echo $x; break; done\n",
    "until": "until false; do break; done\n",
    "time_coproc": "time sleep 1\ncoproc cat\n",
    "brace_expansion": "cp file.{txt,bak} /tmp/\n",
    "background": "sleep 1 &\nwait\n",
    "negation": "! grep -q x file\n",
    "trap_exec": 'trap "rm -f tmp" EXIT\nexec > log.txt 2>&1\n',
    "two_heredocs": "cat <<A <<B\na\nA\nb\nB\n",
    "unterminated": 'echo "oops\nls\n',
    "stray_done": "done\nfi\n",
    "empty": "",
}


def accounted(script: BashScript) -> set[int]:
    lines = {n for s in script.steps for n in range(s.line, s.end_line + 1)}
    return lines | {d.line for d in script.diagnostics if d.line is not None}


@pytest.mark.skipif(not SCRIPTS, reason=f"shared corpus not found at {CORPUS}")
@pytest.mark.parametrize("path", SCRIPTS, ids=[str(p.relative_to(CORPUS)) for p in SCRIPTS])
def test_corpus_script_is_accounted_for(path: Path) -> None:
    root = CORPUS / path.relative_to(CORPUS).parts[0]  # the repository the script comes from
    script = read_bash(path, root)
    text = path.read_text(encoding="utf-8")
    missing = command_lines(text) - accounted(script)
    assert not missing, f"commands on lines {sorted(missing)} are neither steps nor diagnostics"
    assert all(step.text.strip() for step in script.steps)


@pytest.mark.parametrize("text", NASTY.values(), ids=NASTY.keys())
def test_nasty_construct_is_accounted_for(text: str) -> None:
    script = script_facts(text, "nasty.sh")
    assert not command_lines(text) - accounted(script)


def test_corpus_is_deterministic() -> None:
    if not SCRIPTS:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    path = SCRIPTS[0]
    assert read_bash(path, path.parent) == read_bash(path, path.parent)


_BASHY = st.text(alphabet="ab$'\"`\\|&;<>(){}[]=*#!-~ \n\tifthenfidodonecase", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_BASHY)
def test_any_text_is_accounted_for(text: str) -> None:
    script = script_facts(text, "fuzz.sh")
    assert not command_lines(text) - accounted(script)


_TOKENS = st.sampled_from(
    ["cd", "d", "..", "&&", "||", "|", ";", "\n", "&", ">", "<", ">>", "2>&1", "<<EOF\nx\nEOF\n",
     "$X", "${X:-a}", "X=1", "export", "for", "f", "in", "a.csv", "do", "done", "if", "then", "fi",
     "[", "-f", "]", "case", "esac", "in)", ";;", "f()", "{", "}", "(", ")", "papermill", "a.ipynb",
     "-p", "k", "v", "python", "s.py", "--in", "wget", "http://u/a.zip", "unzip", "-d", "tar",
     "-xzf", "cp", "mv", "rm", "sort", "-o", "awk", "'{print}'", "sed", "-i", "eval", "source",
     "sudo", "read", "exit", "set", "-e", "$(pwd)", "`ls`", '"$1"', "#c", "\\\n", "*.csv", "$@",
     "shift", "pushd", "popd", "while", "function", "time", "env", "dvc", "run", "jupyter",
     "nbconvert", "--execute", "curl", "-O", "gzip", "tee"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=30))
def test_any_token_soup_is_accounted_for(tokens: list[str]) -> None:
    text = " ".join(tokens)
    script = script_facts(text, "d/fuzz.sh")
    assert not command_lines(text) - accounted(script)
