#!/usr/bin/env bash
# Stops the three-node Galera cluster start-galera.sh started; with --purge also deletes its data.
# Node 1 goes last, so that it is the one marked safe to bootstrap the next time. Safe to run when
# the cluster is down. Only the nodes under /tmp/loyalty-galera are stopped (by their pid files),
# never the machine's own MariaDB.
set -euo pipefail

BASE=${LOYALTY_GALERA_DIR:-/tmp/loyalty-galera}

log() { echo "stop-galera: $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

for n in 3 2 1; do
  dir=$BASE/node$n
  [ -f "$dir/start.pid" ] || continue
  pid=$(cat "$dir/start.pid")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping node $n (pid $pid)"
    mysqladmin --no-defaults -S "$dir/mysqld.sock" -uroot shutdown 2>/dev/null || as_root kill -TERM "$pid" || true
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "node $n did not stop within 60 s; killing it"
      as_root kill -KILL "$pid" || true
    fi
  fi
  rm -f "$dir/start.pid"
done

if [ "${1:-}" = --purge ]; then
  log "deleting $BASE"
  as_root rm -rf "$BASE"
fi
log "stopped"
