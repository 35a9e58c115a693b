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
