#!/usr/bin/env bash
# Make sure a local PostgreSQL (Debian's cluster) is running with a `carematters` role that may
# create databases, and print its DATABASE_URL. Used by scripts/test.sh for the second run of
# the web tests. Needs root (CI runs as root); installs Debian's postgresql if it is missing.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
    echo "scripts/postgres.sh needs root to start PostgreSQL" >&2
    exit 1
fi
# Only the URL goes to stdout, because the caller captures it with $(...). Everything else runs
# with stdout sent to stderr, so that the server (which outlives this script) holds no copy of
# the caller's pipe: if it did, the caller would wait for end-of-file for ever.
start_cluster() {
    if ! command -v pg_lsclusters >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    if [ -z "$(pg_lsclusters --no-header)" ]; then
        pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main >/dev/null
    fi
    local version cluster status
    read -r version cluster port status _ < <(pg_lsclusters --no-header | head -1)
    if [ "$status" != "online" ]; then
        ( only_standard_fds pg_ctlcluster "$version" "$cluster" start </dev/null )
    fi
    if [ "$(as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = 'carematters'")" != "1" ]; then
        as_postgres -c "CREATE ROLE carematters LOGIN CREATEDB PASSWORD 'carematters'" >/dev/null
    fi
}
# The server outlives this script and inherits every open descriptor: run its start with only
# stdin, stdout and stderr, so it holds no pipe of the caller's (or of the caller's caller).
only_standard_fds() {
    local fd
    for fd in /proc/self/fd/*; do
        fd=${fd##*/}
        if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec "$@"
}
as_postgres() { runuser -u postgres -- psql -p "$port" -qtA "$@"; }
port=""
start_cluster >&2
echo "postgres://carematters:carematters@127.0.0.1:${port}/carematters"
