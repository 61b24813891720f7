#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:${PGPORT:-54329} (no systemd) and prints its URL.
# Installs Debian's postgresql package when no server binaries are found. Used by .ci/run and by developers.
# 300 connections: the web suites open a pool per test, many at once (100 ran out: "too many clients").
set -euo pipefail
PORT="${PGPORT:-54329}"
DIR="${PGDATA_DIR:-/tmp/bleibe-pg-$PORT}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
  BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
if [ -f "$DIR/postmaster.pid" ] && runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  echo "postgres://postgres@127.0.0.1:$PORT/postgres"; exit 0
fi
rm -rf "$DIR"; mkdir -p "$DIR"; chown postgres:postgres "$DIR"
runuser -u postgres -- "$BIN/initdb" -D "$DIR" -A trust -U postgres >/dev/null
runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" -l "$DIR/log" -w start >/dev/null
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
