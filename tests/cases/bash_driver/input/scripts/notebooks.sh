#!/usr/bin/env bash
# Run the notebooks of the folder given: the summary, then the chart and the metrics.
set -euo pipefail
jupyter nbconvert --to notebook --execute "$1/01_summarize.ipynb" --output 01_summarize.out
jupyter nbconvert --to notebook --execute "$1/02_report.ipynb" --output 02_report.out
