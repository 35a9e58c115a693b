"""`pd.read_excel` picks its engine by the file's type (xlrd for a legacy .xls); Kedro's
ExcelDataset would force openpyxl, which cannot read .xls ("File is not a zip file"), so the
catalog entry keeps pandas' choice (`engine: null`). Found on the large corpus:
marcvdijk/data_analysis_with_python regression.ipynb (`boston-dataset.xls`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import converted_cells, explain, run_tool
from .notebook_values import notebook_values, pipeline_values

CELLS = [
    "import pandas as pd",
    "prices = pd.read_excel('prices.xls')\ntotal = float(prices.price.sum())",
]


@pytest.mark.e2e
def test_a_legacy_xls_sheet_is_read_by_the_pipeline_as_by_the_notebook(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    import xlwt  # writes the legacy .xls format (test dependency)

    folder = tmp_path / "nb"
    folder.mkdir()
    book = xlwt.Workbook()
    sheet = book.add_sheet("prices")
    for i, row in enumerate([("item", "price"), ("tea", 2.5), ("jam", 4.0), ("oats", 1.25)]):
        for j, value in enumerate(row):
            sheet.write(i, j, value)
    book.save(str(folder / "prices.xls"))
    expected = notebook_values(folder, CELLS, tmp_path / "scratch")
    assert expected["total"] == 7.75
    project, _ = converted_cells(tmp_path, "nb", CELLS, nb2pipe_bin)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, folder)
    assert got["total"] == expected["total"]
    assert got["prices"].equals(expected["prices"])
