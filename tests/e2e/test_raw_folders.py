"""A folder of raw input files the notebook lists (`os.listdir`, `glob.glob`, `Path.glob`) is a
raw input: copied into data/01_raw/<folder>/, listed there under `kedro run` (also where the
loop joins each name to the folder again), and what the nodes compute equals the notebook's.
An image read with matplotlib is a raw input and its array is data, not a figure."""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest

from .helpers import explain, run_tool
from .notebook_values import notebook_values, pipeline_values

pytestmark = pytest.mark.e2e


def speeches(tmp_path: Path) -> Path:
    folder = tmp_path / "nb" / "Speeches"
    folder.mkdir(parents=True)
    for number, word in enumerate(["peace", "war", "trade"]):
        (folder / f"s{number}.txt").write_text(f"{word} " * (number + 2))
    return folder


LISTDIR = [
    "import os",
    "texts = {}\nfor name in sorted(os.listdir('Speeches')):\n"
    "    texts[name] = open(os.path.join('Speeches', name)).read()",
    "words = sum(len(t.split()) for t in texts.values())",
]


def test_a_raw_folder_listed_by_listdir_is_copied_and_read_there(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    speeches(tmp_path)
    expected = notebook_values(tmp_path / "nb", LISTDIR, tmp_path)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in LISTDIR]
    nbformat.write(nb, tmp_path / "nb" / "listdir.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, tmp_path / "nb")
    assert got["texts"] == expected["texts"] and got["words"] == expected["words"] == 2 + 3 + 4
    assert sorted(p.name for p in (project / "data/01_raw/Speeches").iterdir()) == ["s0.txt", "s1.txt", "s2.txt"]
    assert "data/01_raw/Speeches" in (project / "conf/base/catalog.yml").read_text()


GLOBS = [
    "import glob\nfrom pathlib import Path\nimport pandas as pd",
    "frames = [pd.read_csv(p) for p in sorted(glob.glob('../data/raw/*.csv'))]\n"
    "total = pd.concat(frames, ignore_index=True)",
    "sizes = sorted(len(p.read_text()) for p in Path('../data/raw').glob('*.csv'))",
]


def test_a_raw_folder_listed_by_glob_patterns_is_copied_and_read_there(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    for i in range(3):
        (raw / f"part{i}.csv").write_text("a,b\n" + "".join(f"{i},{j}\n" for j in range(i + 1)))
    (raw / "notes.txt").write_text("not a table")
    (tmp_path / "nb").mkdir()
    expected = notebook_values(tmp_path / "nb", GLOBS, tmp_path)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in GLOBS]
    nbformat.write(nb, tmp_path / "nb" / "globs.ipynb")
    project = tmp_path / "elsewhere" / "project"  # where `../data/raw` is no folder
    converted = run_tool([nb2pipe_bin, "convert", tmp_path, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    assert (project / "data/01_raw/raw/notes.txt").is_file()
    got = pipeline_values(project, tmp_path)
    assert got["total"].equals(expected["total"]) and len(expected["total"]) == 6
    assert got["sizes"] == expected["sizes"]


def test_a_raw_folder_read_by_two_notebooks_is_one_input(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    speeches(tmp_path)
    other = ["import glob", "count = len(glob.glob('Speeches/*.txt'))"]
    expected = {**notebook_values(tmp_path / "nb", LISTDIR, tmp_path / "a"),
                **notebook_values(tmp_path / "nb", other, tmp_path / "b")}
    for name, cells in (("first", LISTDIR), ("second", other)):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
        nbformat.write(nb, tmp_path / "nb" / f"{name}.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    catalog = (project / "conf/base/catalog.yml").read_text()
    assert catalog.count("filepath: data/01_raw/Speeches\n") == 1, catalog
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, tmp_path / "nb")
    assert got["words"] == expected["words"] and got["count"] == expected["count"] == 3


IMAGE = [
    "import matplotlib.image as mpimg\nimport matplotlib.pyplot as plt",
    "img = mpimg.imread('People Counter.png')",
    "plt.imshow(img)\nplt.show()",
    "total = float(img[:, :, :3].sum())",
]


def test_an_image_read_with_imread_is_a_raw_input_and_data(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    import matplotlib.pyplot as plt

    (tmp_path / "nb").mkdir()
    plt.imsave(tmp_path / "nb" / "People Counter.png", np.arange(48.0).reshape(4, 4, 3) / 48)
    expected = notebook_values(tmp_path / "nb", IMAGE, tmp_path)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in IMAGE]
    nbformat.write(nb, tmp_path / "nb" / "image.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    assert (project / "data/01_raw/People Counter.png").is_file()
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, tmp_path / "nb")
    np.testing.assert_array_equal(got["img"], expected["img"])
    assert got["total"] == expected["total"] > 0


LATER = [
    "import os\nfrom os import listdir\nimport pandas as pd",
    "FileNames = sorted(listdir('Speeches'))\nfolder = 'Speeches'",
    "speech_df = pd.DataFrame(index=range(len(FileNames)), columns=['File Name', 'The Content'])\n"
    "for i, f_name in enumerate(FileNames):\n"
    "    f = open('Speeches/' + f_name, 'r', encoding='utf-8')\n"
    "    speech_df.at[i, 'File Name'] = f_name\n"
    "    speech_df.at[i, 'The Content'] = f.readlines()[0]\n"
    "    f.close()",
    "tables = [pd.read_csv(os.path.join(folder, n), header=None) for n in FileNames]",
]


def test_paths_a_later_cell_builds_below_a_listed_raw_folder_read_the_copy(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    speeches(tmp_path)
    expected = notebook_values(tmp_path / "nb", LATER, tmp_path)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in LATER]
    nbformat.write(nb, tmp_path / "nb" / "later.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    assert "dynamic-path" not in converted.stdout + converted.stderr
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, tmp_path / "nb")
    assert got["speech_df"].equals(expected["speech_df"]) and len(expected["speech_df"]) == 3
    assert [t.equals(e) for t, e in zip(got["tables"], expected["tables"])] == [True] * 3
