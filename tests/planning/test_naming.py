"""Names: Kedro-valid, snake_case, deterministic, collision-free."""

from __future__ import annotations

import keyword

import pytest

from nb2pipe.planning.naming import file_dataset_names, pipeline_names, snake, unique

SNAKE = [
    ("Clean & merge the data (v2)", "clean_merge_the_data_v2"),
    ("Load data", "load_data"),
    ("01 Train", "step_01_train"),
    ("class", "class_"),
    ("params", "params_"),
    ("Überblick: Daten", "uberblick_daten"),
    ("", "step"),
]


@pytest.mark.parametrize(("text", "expected"), SNAKE)
def test_snake(text: str, expected: str) -> None:
    name = snake(text)
    assert name == expected
    assert name.isidentifier() and not keyword.iskeyword(name)


def test_unique_skips_taken_names() -> None:
    taken = {"df", "df_2"}
    assert unique("df", taken) == "df_3"
    assert unique("x", taken) == "x"
    assert "x" in taken and "df_3" in taken


def test_same_notebook_name_in_two_folders_gives_two_pipelines() -> None:
    names = pipeline_names(["a/analysis.ipynb", "b/analysis.ipynb", "01_clean.ipynb"])
    assert names["01_clean.ipynb"] == "clean"
    assert names["a/analysis.ipynb"] != names["b/analysis.ipynb"]
    assert all(n.isidentifier() for n in names.values())


def test_pipeline_names_are_deterministic_whatever_the_order() -> None:
    paths = ["x/nb.ipynb", "y/nb.ipynb", "z.ipynb"]
    assert pipeline_names(paths) == pipeline_names(list(reversed(paths)))


def test_file_names_grow_folders_only_where_they_clash_and_avoid_variables() -> None:
    names = file_dataset_names(["data/raw/sales.csv", "out/sales.csv", "data/wine.csv"], {"wine_csv"})
    assert names["data/wine.csv"] == "wine_csv_file"
    assert names["data/raw/sales.csv"] != names["out/sales.csv"]
    assert {names["data/raw/sales.csv"], names["out/sales.csv"]} == {"raw_sales_csv", "out_sales_csv"}
