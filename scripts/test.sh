#!/usr/bin/env bash
# Install the test extras into .venv and run every test in the default suite.
# README's second command; .ci/run calls exactly this.
#
# The web app needs its front-end assets (npm ci + the Sass build), Debian's chromium for the
# browser tests, and PostgreSQL for the second run of the web tests. On CI (root, fresh machine)
# the missing system packages are installed with apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v pg_lsclusters >/dev/null 2>&1 || missing+=(postgresql)
if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[test]'
npm ci --no-audit --no-fund --loglevel=error
npm run --silent build
.venv/bin/ruff check .

# Production settings must pass Django's deployment checks, and every static file must collect.
deploy_env=(
    DJANGO_SETTINGS_MODULE=carematters.web.settings
    CAREMATTERS_SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
    CAREMATTERS_STATIC_ROOT="$(mktemp -d)"
    DATABASE_URL="sqlite:///$(mktemp -d)/check.sqlite3"
)
env "${deploy_env[@]}" .venv/bin/python -m carematters.web.manage check --deploy --fail-level WARNING
env "${deploy_env[@]}" .venv/bin/python -m carematters.web.manage collectstatic --noinput --verbosity 0

.venv/bin/python -m pytest "$@"
# The web tests again on PostgreSQL (the audit trigger and queries differ by database).
if [ "$(id -u)" = 0 ]; then
    # A bounded wait: a server start that hangs must fail the run, not use up CI's time.
    postgres_url="$(timeout 600 bash scripts/postgres.sh)"
    case "$postgres_url" in
        postgres://*) ;;
        *) echo "scripts/postgres.sh did not give a postgres:// URL: '$postgres_url'" >&2; exit 1 ;;
    esac
    DATABASE_URL="$postgres_url" .venv/bin/python -m pytest tests/web -p no:cacheprovider
else
    echo "Not root: skipping the PostgreSQL run of tests/web (run scripts/postgres.sh as root)."
fi
