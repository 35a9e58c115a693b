"""Build data/raw/wine_lots.csv from scikit-learn's bundled wine data set (run once, offline).

The result imitates an export from a winery's lab system: human-readable column headers,
a cultivar label typed by hand, a colour reading with comma decimals, a panel tasting score,
a few missing values and some rows exported twice. Everything is derived from a fixed seed,
so running this script again gives the same bytes.

    python data/make_raw.py        # from sample_notebooks/
"""

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.datasets import load_wine

OUT = Path(__file__).parent / "raw" / "wine_lots.csv"

HEADERS = {
    "alcohol": "Alcohol %",
    "malic_acid": "Malic Acid",
    "ash": " Ash",
    "alcalinity_of_ash": "Alcalinity of Ash",
    "magnesium": "Magnesium",
    "total_phenols": "Total Phenols",
    "flavanoids": "Flavanoids",
    "nonflavanoid_phenols": "Nonflavanoid Phenols",
    "proanthocyanins": "Proanthocyanins",
    "color_intensity": "Color Intensity",
    "hue": "Hue",
    "od280/od315_of_diluted_wines": "OD280/OD315 of Diluted Wines",
    "proline": "Proline ",
}


def main() -> None:
    rng = np.random.default_rng(20240611)
    wine = load_wine(as_frame=True)
    df = wine.frame.rename(columns=HEADERS)
    n = len(df)

    # Lot identifiers and a hand-typed cultivar label (mixed case, stray spaces).
    lot = [f"LOT-{i:04d}" for i in range(1, n + 1)]
    label = np.array([f"class_{t}" for t in df.pop("target")], dtype=object)
    styles = rng.integers(0, 4, size=n)
    label = [
        s if k == 0 else s.upper() if k == 1 else f" {s.capitalize()}" if k == 2 else f"{s} "
        for s, k in zip(label, styles, strict=True)
    ]
    df.insert(0, "Lot ID", lot)
    df.insert(1, "Cultivar", label)

    # Colour reading exported as text, some rows with a comma as decimal separator.
    colour = df["Color Intensity"].map(lambda v: f"{v:.2f}")
    comma = rng.random(n) < 0.25
    df["Color Intensity"] = np.where(comma, colour.str.replace(".", ",", regex=False), colour)

    # Panel tasting score 1..5, loosely tied to alcohol and flavanoids, sometimes not recorded.
    signal = (df["Alcohol %"] - 13) + (df["Flavanoids"] - 2) / 2 + rng.normal(0, 0.8, n)
    score = np.clip(np.round(3 + signal), 1, 5)
    df["Tasting Score"] = pd.array(score.astype(int), dtype="Int64")
    df.loc[rng.random(n) < 0.04, "Tasting Score"] = pd.NA

    # Missing lab readings.
    df.loc[rng.random(n) < 0.06, "Magnesium"] = np.nan
    df.loc[rng.random(n) < 0.03, " Ash"] = np.nan
    df.loc[rng.random(n) < 0.03, "Hue"] = np.nan
    df.loc[rng.random(n) < 0.02, "Cultivar"] = np.nan

    # Some lots exported twice, then the export order is shuffled.
    dupes = df.iloc[rng.choice(n, size=6, replace=False)]
    df = pd.concat([df, dupes], ignore_index=True)
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(OUT, index=False)
    print(f"wrote {OUT} ({len(df)} rows, {OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
