"""An image file shown with `IPython.display.Image` is a report item, not a figure: nb2pipe
converts the cell as a display (nothing draws it), so verify must not count its PNG output as a
figure the pipeline failed to draw (Lecture-7-Revision-Control-Software.ipynb showed three
screenshots: "3 figure(s) shown by cells no figure-returning node covers"). A real drawing
next to it still counts, on both sides."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import nbformat
import pytest

from nb2pipe.verify import to_json, verify

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

pytestmark = pytest.mark.e2e

CELLS = [
    "from IPython.display import Image\nimport matplotlib.pyplot as plt",
    "Image(filename='diagram.png')",
    "values = [3, 1, 2]",
    "plt.figure()\nplt.plot(values)\nplt.show()",
    "from IPython.display import display\ndisplay(Image(filename='diagram.png'))",
]


def test_an_image_shown_is_no_figure_and_a_drawing_is_one(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    plt.figure(figsize=(1, 1))
    plt.savefig(folder / "diagram.png")
    plt.close("all")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(text) for text in CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                       "display_name": "Python 3"}
    nbformat.write(notebook, folder / "shown.ipynb")
    report = verify([folder], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    (result,) = report.notebooks
    assert (result.figures_notebook, result.figures_pipeline) == (1, 1)
