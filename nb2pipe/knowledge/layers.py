"""Kedro's data layers: where each kind of value lands (`data/<folder>`) and the layer kedro-viz
shows it in (`metadata: kedro-viz: layer:` of its catalog entry). One row per role."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Layer:
    #: The kedro-viz layer name (Kedro's data engineering convention).
    name: str
    #: The folder under `data/` the project keeps such values in.
    folder: str


#: What a value is → its layer. Roles: an input nothing in the project writes ("raw"), a table or
#: other value a step writes ("table"), features a fitted transformer made ("feature"), a fitted
#: estimator ("model"), what a model predicted ("predictions"), figures and reports ("report").
LAYERS: dict[str, Layer] = {
    "raw": Layer("raw", "01_raw"),
    "table": Layer("intermediate", "02_intermediate"),
    "feature": Layer("feature", "04_feature"),
    "model": Layer("models", "06_models"),
    "predictions": Layer("model_output", "07_model_output"),
    "report": Layer("reporting", "08_reporting"),
}

#: Extensions of files that hold fitted models, and of figures and reports.
MODEL_SUFFIXES = (".pkl", ".pickle", ".joblib", ".pt", ".pth", ".h5", ".onnx", ".model", ".cbm", ".keras")
REPORT_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".pdf", ".html", ".gif")

#: Methods whose result is a model's predictions (scikit-learn and the libraries following its
#: API, statsmodels' results, Prophet/sktime/pmdarima forecasters).
PREDICTION_METHODS = frozenset(
    {"predict", "predict_proba", "predict_log_proba", "decision_function", "fit_predict", "forecast",
     "get_forecast", "score_samples"}
)
#: Methods whose result is the data a fitted transformer made (scaled, encoded, reduced).
FEATURE_METHODS = frozenset({"transform", "fit_transform"})
#: Methods returning the model they fitted (scikit-learn's `fit` returns self; statsmodels'
#: `sm.OLS(y, X).fit()` its results).
FIT_METHODS = frozenset({"fit", "partial_fit"})
#: Methods that fit their receiver: it is a model from then on (`scaler.fit_transform(X)`).
FITTING_METHODS = FIT_METHODS | {"fit_transform", "fit_predict", "fit_resample"}

#: Catalog entries of values no file role describes: the dataset type's class name → the role.
#: Secrets come from outside the project; values kept in memory are intermediate.
TYPE_ROLES = {
    "CredentialDataset": "raw",
    "MemoryValueDataset": "table",
    "MemoryDataset": "table",
    "FiguresDataset": "report",
}


def layer_of_folder(filepath: str) -> Layer | None:
    """The layer of a project path `data/<folder>/...` (None for a path outside those folders)."""
    parts = filepath.split("/")
    if len(parts) > 2 and parts[0] == "data":
        return next((layer for layer in LAYERS.values() if layer.folder == parts[1]), None)
    return None
