#!/usr/bin/env bash
# Install carematters into .venv and run the demo. README's first command.
# `carematters demo` builds a synthetic authority in the web app and serves it on
# http://127.0.0.1:8000/ (pass --port P, or --no-serve to build and exit).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
.venv/bin/carematters demo "$@"
