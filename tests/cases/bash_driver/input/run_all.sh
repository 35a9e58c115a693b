#!/usr/bin/env bash
# Rebuild the regional sales report from the raw order export.
set -euo pipefail
cd "$(dirname "$0")"

MIN_QTY=2
mkdir -p work reports

# Clean the raw export: drop small orders, add a total per order.
python scripts/prepare.py --input data/raw.csv --output work/prepared.csv --min-qty "$MIN_QTY"

cd work
# Keep the columns the notebooks need: region, quantity, total.
cut -d, -f2,4,6 prepared.csv > columns.csv
cd ..

# Summarise per region, then chart the summary and write the metrics.
bash scripts/notebooks.sh notebooks
