"""Kedro data layers: what a value is (a fitted model, predictions, features, a table, a figure)
decides the layer of its catalog entry and the data/ folder it is kept in."""

from __future__ import annotations

import ast

import pytest

from nb2pipe.model import CatalogEntry, PipelinePlan, Step
from nb2pipe.planning.layers import lifted, statement_roles, with_layers


def roles(code: str) -> dict[str, str]:
    known: dict[str, str] = {}
    for statement in ast.parse(code).body:
        known = {**known, **statement_roles(statement, known)}
    return known


@pytest.mark.parametrize(("code", "expected"), [
    ("m = LinearRegression()\nm.fit(X, y)", {"m": "model"}),
    ("res = sm.OLS(y, X).fit()", {"res": "model"}),
    ("Xs = scaler.fit_transform(X)", {"Xs": "feature", "scaler": "model"}),
    ("p = m.predict(X_test)", {"p": "predictions"}),
    ("p = m.predict(X)\nout = pd.DataFrame({'id': ids, 'y': p})", {"p": "predictions", "out": "predictions"}),
    ("df['pred'] = m.predict(X)", {"df": "predictions"}),
    ("p = m.predict(X)\nerr = abs(p - y).mean()", {"p": "predictions", "err": "predictions"}),
    ("scored = df.assign(predicted=m.predict(X).round(6))", {"scored": "predictions"}),
    ("X_res, y_res = smote.fit_resample(X, y)", {"X_res": "", "y_res": "", "smote": "model"}),
    ("total = df.groupby('a').sum()", {"total": ""}),
])
def test_what_a_statement_makes(code: str, expected: dict[str, str]) -> None:
    assert roles(code) == expected


def test_every_entry_gets_a_layer_from_its_role_folder_or_type() -> None:
    entries = with_layers([
        CatalogEntry("a", "pandas.CSVDataset", "data/07_model_output/a.csv", layer="model_output"),
        CatalogEntry("b.report", "text.TextDataset", "data/08_reporting/b/report.html"),
        CatalogEntry("secret", "p.datasets.CredentialDataset", ""),
        CatalogEntry("b.held", "kedro.io.MemoryDataset", ""),
        CatalogEntry("s3", "pandas.CSVDataset", "s3://bucket/x.csv"),
    ])
    assert [e.layer for e in entries] == ["model_output", "reporting", "raw", "intermediate", "intermediate"]


def step(name: str, inputs: tuple[str, ...], outputs: tuple[str, ...]) -> Step:
    return Step(name=name, kind="data", cells=(), arguments=inputs, inputs=inputs, returns=outputs,
                outputs=outputs, code="")


def test_layers_follow_the_data() -> None:
    """An output is in no layer before its node's inputs (from a model: its output); a variable
    the pattern would pickle gets its own entry; what nothing writes is raw."""
    pipeline = PipelinePlan(name="nb", source="nb.ipynb", steps=(
        step("fit", ("sales_csv",), ("model",)),
        step("score", ("model", "sales_csv", "out_path"), ("error", "coef_csv")),
        step("plot", ("error",), ("plot_figures",)),
    ), imports=(), shared_inputs=("sales_csv", "out_path"), shared_outputs=("coef_csv",))
    entries = lifted([pipeline], [
        CatalogEntry("sales_csv", "pandas.CSVDataset", "data/01_raw/sales.csv", layer="raw"),
        CatalogEntry("nb.model", "pickle.PickleDataset", "data/06_models/nb/model.pkl", layer="models"),
        CatalogEntry("coef_csv", "pandas.CSVDataset", "data/02_intermediate/coef.csv", layer="intermediate"),
        CatalogEntry("out_path", "p.datasets.FilePathDataset", "data/08_reporting/out.png", layer="reporting"),
        CatalogEntry("nb.plot_figures", "p.figures.FiguresDataset", "data/08_reporting/nb/plot", layer="reporting"),
    ], "p", memory=False)
    placed = {e.name: (e.layer, e.filepath) for e in entries}
    assert placed["coef_csv"] == ("model_output", "data/07_model_output/coef.csv")
    assert placed["nb.error"] == ("model_output", "data/07_model_output/nb/error.pkl")
    assert placed["out_path"] == ("raw", "data/08_reporting/out.png")  # nothing writes it here
    assert placed["nb.plot_figures"][0] == "reporting"


def test_a_moved_file_takes_its_path_entries_along() -> None:
    """The path handed to the node writing a file is that file's path, wherever it moves."""
    pipeline = PipelinePlan(name="nb", source="nb.ipynb", steps=(
        step("fit", ("sales_csv",), ("model",)),
        step("score", ("model", "metrics_json_path"), ("metrics_json",)),
    ), imports=(), shared_inputs=("sales_csv", "metrics_json_path"), shared_outputs=("metrics_json",))
    entries = lifted([pipeline], [
        CatalogEntry("sales_csv", "pandas.CSVDataset", "data/01_raw/sales.csv", layer="raw"),
        CatalogEntry("nb.model", "pickle.PickleDataset", "data/06_models/nb/model.pkl", layer="models"),
        CatalogEntry("metrics_json", "p.datasets.FilePathDataset", "data/02_intermediate/metrics.json"),
        CatalogEntry("metrics_json_path", "p.datasets.FilePathDataset", "data/02_intermediate/metrics.json"),
        CatalogEntry("part_csv", "pandas.CSVDataset", "data/02_intermediate/metrics.json/part.csv"),
    ], "p", memory=False)
    placed = {e.name: e.filepath for e in entries}
    assert placed["metrics_json"] == placed["metrics_json_path"] == "data/07_model_output/metrics.json"
    assert placed["part_csv"] == "data/07_model_output/metrics.json/part.csv"
