#!/usr/bin/env bash
# Starts a three-node MariaDB Galera cluster on loopback for the scale-out run (-Pgalera): nodes on
# 127.0.0.1:13306, 13307 and 13308, data under /tmp/loyalty-galera, group communication on 14567, 14577
# and 14587 (IST one port above, SST two above). Installs Debian's galera-4 and mariadb-server when
# missing, bootstraps node 1 with --wsrep-new-cluster, joins the others, waits for wsrep_cluster_size=3
# and creates the `test` database with the passwordless root login over TCP the tests use.
#
#   bash loyalty-jpa-adapter/src/test/scripts/start-galera.sh
#   bash loyalty-jpa-adapter/src/test/scripts/stop-galera.sh [--purge]
#
# Safe to run any number of times: nodes already up are left alone, missing ones are started and join.
# Each node reads only its own generated config (--defaults-file), so the machine's own MariaDB on
# 3306 and its /etc/mysql settings are never touched.
set -euo pipefail

BASE=${LOYALTY_GALERA_DIR:-/tmp/loyalty-galera}
PROVIDER=/usr/lib/galera/libgalera_smm.so
PORTS=(13306 13307 13308)
GCOMM=(14567 14577 14587)
CLUSTER_ADDRESS="gcomm://127.0.0.1:${GCOMM[0]},127.0.0.1:${GCOMM[1]},127.0.0.1:${GCOMM[2]}"

log() { echo "start-galera: $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

install_if_missing() { # file or command, package
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -e "$1" ]; then
    log "installing $2"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}

install_if_missing /usr/sbin/mariadbd mariadb-server
install_if_missing "$PROVIDER" galera-4
install_if_missing rsync rsync # the state transfer a joining node gets its data by

node_dir() { echo "$BASE/node$1"; }
sock() { echo "$(node_dir "$1")/mysqld.sock"; }
sql() { # node, statement: as root over the node's socket
  mysql --no-defaults -S "$(sock "$1")" -uroot -N -B -e "$2"
}
up() { mysqladmin --no-defaults -S "$(sock "$1")" -uroot ping >/dev/null 2>&1; }
status() { sql "$1" "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null | awk '{print $2}'; }
synced() { [ "$(status "$1" wsrep_local_state_comment)" = Synced ]; }

wait_until() { # seconds, description, command...
  local seconds=$1 what=$2; shift 2
  for _ in $(seq 1 "$seconds"); do
    if "$@"; then return 0; fi
    sleep 1
  done
  log "$what did not happen within $seconds s"; return 1
}

configure() { # node
  local n=$1 dir; dir=$(node_dir "$n")
  local port=${PORTS[$((n - 1))]} g=${GCOMM[$((n - 1))]}
  as_root install -d -o mysql -g mysql "$dir" "$dir/data"
  cat >"$dir/my.cnf" <<EOF
[mariadbd]
user=mysql
datadir=$dir/data
socket=$dir/mysqld.sock
pid-file=$dir/mysqld.pid
log-error=$dir/error.log
port=$port
bind-address=127.0.0.1
skip-name-resolve
performance_schema=OFF
# Small: three nodes share two cores and the memory with everything else on the machine.
innodb_buffer_pool_size=64M
innodb_log_file_size=32M
innodb_flush_log_at_trx_commit=2
max_connections=200
# A lock wait is re-run by the store (1205 is transient); on a loaded machine 50 s of waiting helps nobody.
innodb_lock_wait_timeout=10
# What Galera needs.
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=loyalty-galera
wsrep_cluster_address=$CLUSTER_ADDRESS
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$g
wsrep_node_incoming_address=127.0.0.1:$port
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$g;ist.recv_addr=127.0.0.1:$((g + 1));gcache.size=64M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((g + 2))
EOF
  if [ ! -d "$dir/data/mysql" ]; then
    log "initialising node $n in $dir/data"
    as_root mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" \
      --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1
  fi
}

start() { # node, extra options...
  local n=$1; shift
  local dir; dir=$(node_dir "$n")
  log "starting node $n on 127.0.0.1:${PORTS[$((n - 1))]} $*"
  as_root start-stop-daemon --start --background --pidfile "$dir/start.pid" --make-pidfile \
    --exec /usr/sbin/mariadbd -- --defaults-file="$dir/my.cnf" "$@"
}

cluster_of_three() { [ "$(status 1 wsrep_cluster_size)" = 3 ] && synced 1 && synced 2 && synced 3; }

for n in 1 2 3; do configure "$n"; done

if ! up 1 && ! up 2 && ! up 3; then
  # Nobody to join: node 1 starts a new cluster. After a stop that was not clean its state file says
  # it may not be safe to bootstrap from; for this throw-away test cluster it always is.
  state=$(node_dir 1)/data/grastate.dat
  if [ -f "$state" ]; then as_root sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$state"; fi
  start 1 --wsrep-new-cluster
  wait_until 120 "node 1 bootstrap" synced 1
fi
for n in 1 2 3; do
  if ! up "$n"; then
    start "$n"
    # One at a time: each joiner takes a state transfer from a synced node.
    wait_until 180 "node $n joining" synced "$n"
  fi
done
wait_until 120 "wsrep_cluster_size=3" cluster_of_three

# Users and databases replicate (DDL runs on every node), so node 1 is enough.
sql 1 "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
       GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
       CREATE DATABASE IF NOT EXISTS test;"
for n in 1 2 3; do
  mysql --no-defaults --protocol=tcp -h 127.0.0.1 -P "${PORTS[$((n - 1))]}" -uroot -e 'SELECT 1' test >/dev/null
done
log "cluster of 3 ready: jdbc:mariadb://127.0.0.1:13306/test, :13307/test, :13308/test"
