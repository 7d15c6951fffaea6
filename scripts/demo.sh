#!/usr/bin/env bash
# Install carematters into .venv and run the demo. README's first command.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .
.venv/bin/carematters demo "$@"
