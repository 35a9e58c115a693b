"""Datasets land in the layer a Kedro user expects — the input in 01_raw, the fitted model in
06_models, its predictions in 07_model_output, figures and the report in 08_reporting — and
`kedro viz build` shows the nodes on those layers (no layer cycle, which would make kedro-viz
drop them all). The pipeline still writes what the notebook wrote."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from .helpers import converted_cells, explain, run_notebooks, run_tool

CELLS = [
    "import pandas as pd\nfrom sklearn.linear_model import LinearRegression\nimport matplotlib.pyplot as plt",
    'sales = pd.read_csv("sales.csv")',
    'model = LinearRegression()\nmodel.fit(sales[["ads"]], sales["units"])',
    'scored = sales.assign(predicted=model.predict(sales[["ads"]]).round(6))',
    'scored.to_csv("predictions.csv", index=False)',
    'error = float((scored["predicted"] - scored["units"]).abs().mean())\nprint(round(error, 6))',
    'plt.scatter(scored["ads"], scored["predicted"])\nplt.show()',
]
SALES = "ads,units\n1,3.1\n2,4.9\n3,7.2\n4,8.8\n5,11.1\n"


@pytest.mark.e2e
def test_layers_follow_the_data_and_kedro_viz_builds(
    tmp_path: Path, kernel_dir: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "sales.csv").write_text(SALES)
    project, _ = converted_cells(tmp_path, "fit", CELLS, nb2pipe_bin)
    catalog = yaml.safe_load((project / "conf/base/catalog.yml").read_text())
    layers = {name: entry["metadata"]["kedro-viz"]["layer"] for name, entry in catalog.items()}
    assert layers["sales_csv"] == "raw" and catalog["sales_csv"]["filepath"] == "data/01_raw/sales.csv"
    assert layers["fit.model"] == "models" and catalog["fit.model"]["filepath"] == "data/06_models/fit/model.pkl"
    assert layers["predictions_csv"] == "model_output"
    assert catalog["predictions_csv"]["filepath"] == "data/07_model_output/predictions.csv"
    assert layers["fit.report"] == "reporting"

    run_notebooks(tmp_path / "nb", ["fit.ipynb"], kernel_dir)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    assert (project / "data/07_model_output/predictions.csv").read_text() == (
        tmp_path / "nb" / "predictions.csv").read_text()
    assert (project / "data/06_models/fit/model.pkl").stat().st_size > 0

    pytest.importorskip("kedro_viz", reason="needs kedro-viz (the test extras)")
    built = run_tool([kedro_bin, "viz", "build"], cwd=project, timeout=600)
    assert built.returncode == 0, explain(built)
    assert "Circular dependency" not in " ".join((built.stdout + built.stderr).split())
    main = json.loads((project / "build/api/main").read_text())
    wired = (project / "src/project/pipelines/fit/pipeline.py").read_text()
    tasks = {n["name"] for n in main["nodes"] if n["type"] == "task"}
    assert tasks == set(re.findall(r'name="(\w+)"', wired))
    shown = {n["name"]: n.get("layer") for n in main["nodes"] if n["type"] == "data"}
    assert {k: v for k, v in shown.items() if k in catalog} == {k: layers[k] for k in shown if k in catalog}
    assert main["layers"][0] == "raw" and main["layers"][-1] == "reporting"
    assert {"models", "model_output"} <= set(main["layers"])
