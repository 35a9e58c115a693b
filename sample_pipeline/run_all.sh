#!/usr/bin/env bash
# Rebuild the regional sales report from the raw order export.
set -euo pipefail
cd "$(dirname "$0")"

MIN_QTY=2
mkdir -p work reports

# Clean the raw export: drop small orders, add a total per order.
python scripts/prepare.py --input data/raw.csv --output work/prepared.csv --min-qty "$MIN_QTY"

# Keep the columns the notebooks need: region, quantity, total.
cut -d, -f2,4,6 work/prepared.csv > work/columns.csv

# Summarise per region, then chart the summary and write the metrics.
jupyter nbconvert --to notebook --execute notebooks/01_summarize.ipynb --output 01_summarize.out
jupyter nbconvert --to notebook --execute notebooks/02_report.ipynb --output 02_report.out
