"""Listings of folders (`planning/folder_reads.py`): a folder a loop writes one item at a time is
read through the catalog; any other listing is left as the code has it."""

from __future__ import annotations

from pathlib import Path

from nb2pipe.api import generate


def notebook(folder: Path, name: str, cells: list[str]) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, folder / f"{name}.ipynb")


def test_only_listings_of_partitioned_folders_are_inputs(tmp_path: Path) -> None:
    notebook(
        tmp_path,
        "write",
        [
            "import pandas as pd",
            "for i in range(2):\n    pd.DataFrame({'i': [i]}).to_csv(f'out/{i}.csv')",
        ],
    )
    notebook(
        tmp_path,
        "read",
        [
            "import glob\nimport os",
            "listed = glob.glob('out/*.csv')",
            "raw = os.listdir('raw')",  # nothing writes it: left as it is
        ],
    )
    plan = generate([tmp_path], tmp_path / "project").plan
    steps = {s.name: s for p in plan.pipelines if p.name == "read" for s in p.steps}
    listed = next(s for s in steps.values() if "listed" in s.code)
    assert "out@path" in listed.inputs and 'glob.glob(f"{out}/*.csv")' in listed.code
    raw = next(s for s in steps.values() if "os.listdir" in s.code)
    assert "os.listdir('raw')" in raw.code or 'os.listdir("raw")' in raw.code
    assert not any("raw" in i for i in raw.inputs)


def test_a_raw_folder_on_disk_is_a_copied_input_unless_too_large_or_written(tmp_path: Path) -> None:
    for name in ("texts", "big", "made"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.txt").write_text("x" * (5000 if name == "big" else 10))
    notebook(tmp_path, "read", [
        "import glob\nimport os",
        "contents = [open(os.path.join('texts', n)).read() for n in os.listdir('texts')]",
        "listed = glob.glob('big/*.txt')",
        "open('made/b.txt', 'w').write('y')\nnames = os.listdir('made')",
    ])
    from nb2pipe.options import Options

    plan = generate([tmp_path], tmp_path / "project", Options(copy_limit_bytes=1000)).plan
    entries = {e.name: e for e in plan.catalog}
    assert entries["texts"].filepath == "data/01_raw/texts" and entries["texts"].copy_files == ("a.txt",)
    assert entries["big"].copy_from is None and entries["big"].filepath == str(tmp_path / "big")
    code = "\n".join(s.code for p in plan.pipelines for s in p.steps)
    assert "os.path.join(texts, n)" in code and "os.listdir(texts)" in code
    assert "os.listdir('made')" in code or 'os.listdir("made")' in code  # a step writes into it
