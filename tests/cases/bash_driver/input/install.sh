#!/usr/bin/env bash
# Set up an environment to run run_all.sh in (environment set-up: not part of the pipeline).
set -euo pipefail
python3 -m venv .venv
source .venv/bin/activate
pip install --upgrade pip
pip install pandas matplotlib nbconvert ipykernel
