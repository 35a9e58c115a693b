"""A small hand-built Plan (two pipelines, shared files, params, a figure) used by the tests."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from nb2pipe.model import CatalogEntry, Diagnostic, Param, PipelinePlan, Plan, Step

RAW_CSV = "a,b\n1,2\n3,4\n,6\n"
NOTES = "first\nsecond line\n"


def _code(text: str) -> str:
    return dedent(text).strip() + "\n"


def clean_pipeline() -> PipelinePlan:
    steps = (
        Step(
            name="load_raw",
            kind="data",
            cells=("1",),
            arguments=("raw",),
            inputs=("raw_csv",),
            returns=("df",),
            outputs=("df",),
            code=_code('''
                def load_raw(raw):
                    """Cell 1."""
                    df = raw.dropna()
                    return df
            '''),
        ),
        Step(
            name="scale",
            kind="data",
            cells=("2",),
            arguments=("df", "factor"),
            inputs=("df", "params:factor"),
            returns=("df",),
            outputs=("df_2",),
            code=_code("""
                def scale(df, factor):
                    df = df.assign(a=np.asarray(df["a"]) * double(factor))
                    return df
            """),
            needs=frozenset({"np", "double"}),
        ),
        Step(
            name="export",
            kind="data",
            cells=("3",),
            arguments=("df",),
            inputs=("df_2",),
            returns=("out",),
            outputs=("clean_csv",),
            code=_code("""
                def export(df):
                    out = df
                    return out
            """),
        ),
        Step(
            name="plot",
            kind="reporting",
            cells=("3",),
            arguments=("df",),
            inputs=("df_2",),
            returns=("figure",),
            outputs=("plot",),
            code=_code("""
                def plot(df):
                    plt.figure()
                    plt.plot(df["a"], df["b"])
                    (figure,) = pop_figures()
                    return figure
            """),
            needs=frozenset({"plt", "pop_figures"}),
        ),
        Step(
            name="count",
            kind="data",
            cells=("4",),
            arguments=("table",),
            inputs=("clean_csv",),
            returns=("n_rows",),
            outputs=("n_rows",),
            code=_code("""
                def count(table):
                    n_rows = len(table)
                    return n_rows
            """),
        ),
        Step(
            name="read_notes",
            kind="data",
            cells=("5",),
            arguments=("path",),
            inputs=("notes_txt",),
            returns=("path", "lengths"),
            outputs=("notes_path", "lengths"),
            code=_code("""
                def read_notes(path):
                    with open(path) as handle:
                        lengths = np.array([len(line) for line in handle])
                    return path, lengths
            """),
            needs=frozenset({"np"}),
        ),
    )
    return PipelinePlan(
        name="clean",
        source="notebooks/clean.ipynb",
        steps=steps,
        imports=(
            ("import numpy as np", frozenset({"np"})),
            ("import pandas as pd", frozenset({"pd"})),
            ("import matplotlib.pyplot as plt", frozenset({"plt"})),
            ("from demo.figures import pop_figures", frozenset({"pop_figures"})),
        ),
        functions_code="def double(x):\n    return 2 * x\n",
        functions=frozenset({"double"}),
        shared_inputs=("raw_csv", "notes_txt", "clean_csv"),
        shared_outputs=("clean_csv",),
        title="Cleaning",
    )


def report_pipeline() -> PipelinePlan:
    step = Step(
        name="summarize",
        kind="data",
        cells=("c-1", "c-2"),
        arguments=("table", "threshold"),
        inputs=("clean_csv", "params:threshold"),
        returns=("summary",),
        outputs=("summary",),
        code=_code("""
            def summarize(table, threshold):
                summary = {"rows": int(len(table)), "big": int((table["a"] > threshold).sum())}
                return summary
        """),
    )
    return PipelinePlan(
        name="report",
        source="notebooks/report.ipynb",
        steps=(step,),
        imports=(("import pandas as pd", frozenset({"pd"})),),
        shared_inputs=("clean_csv",),
    )


def sample_plan(raw_dir: Path, memory: bool = False) -> Plan:
    """The sample Plan; ``raw_dir`` receives the raw CSV that the catalog copies."""
    raw = raw_dir / "raw.csv"
    raw.write_text(RAW_CSV)
    notes = raw_dir / "notes.txt"
    notes.write_text(NOTES)
    catalog = (
        CatalogEntry(
            name="raw_csv",
            type="pandas.CSVDataset",
            filepath="data/01_raw/raw.csv",
            origin='notebooks/clean.ipynb cell 1: pd.read_csv("raw.csv")',
            copy_from=str(raw),
        ),
        CatalogEntry(
            name="clean_csv",
            type="pandas.CSVDataset",
            filepath="data/03_primary/clean.csv",
            options=(("save_args", {"index": False}),),
            origin='notebooks/clean.ipynb cell 3: df.to_csv("out/clean.csv", index=False)',
            final_version_of="notebooks/out/clean.csv",
        ),
        CatalogEntry(
            name="notes_txt",
            type="demo.datasets.FilePathDataset",
            filepath="data/01_raw/notes.txt",
            origin='notebooks/clean.ipynb cell 5: open("notes.txt")',
            copy_from=str(notes),
        ),
        CatalogEntry(
            name="clean.lengths",
            type="demo.datasets.NumpyDataset",
            filepath="data/04_feature/clean/lengths.npy",
            origin="notebooks/clean.ipynb cell 5: lengths",
        ),
        CatalogEntry(
            name="clean.plot",
            type="matplotlib.MatplotlibDataset",
            filepath="data/08_reporting/clean/plot.png",
            origin="notebooks/clean.ipynb cell 3: figure",
        ),
        CatalogEntry(
            name="report.summary",
            type="json.JSONDataset",
            filepath="data/08_reporting/report/summary.json",
            origin="notebooks/report.ipynb cell c-2: summary",
        ),
    )
    return Plan(
        package="demo",
        project_name="Demo project",
        pipelines=(clean_pipeline(), report_pipeline()),
        catalog=catalog,
        params=(
            Param("clean", "factor", 3, "cell 2: factor = 3"),
            Param("", "threshold", 2.5, "cell c-1: threshold = 2.5"),
            Param("clean", "label", "1e3", "cell 2: label = '1e3'"),
        ),
        credentials=(Param("", "api_token", "s3cr3t", "cell 4: API_TOKEN = ..."),),
        third_party=("numpy", "pandas", "matplotlib"),
        memory=memory,
        diagnostics=(
            Diagnostic(
                "warning", "display-removed", "display(df) removed", "notebooks/clean.ipynb", "2"
            ),
            Diagnostic(
                "info", "constant", "factor became a parameter", "notebooks/clean.ipynb", "2"
            ),
        ),
        notes=(("notebooks/report.ipynb", "cell c-3 is tagged skip and was not converted"),),
    )
