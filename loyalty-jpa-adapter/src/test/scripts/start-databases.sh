#!/usr/bin/env bash
# Makes PostgreSQL (127.0.0.1:5432) and MariaDB (127.0.0.1:3306) ready for the JPA adapter tests:
# installs them when missing (Debian), starts them when down, waits until they answer, and creates
# the `test` database and the passwordless local logins the tests use. Safe to run any number of times.
#
#   bash loyalty-jpa-adapter/src/test/scripts/start-databases.sh
#
# The tests drop and recreate their own le_* tables in `test`; nothing else there is touched.
set -euo pipefail

log() { echo "start-databases: $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

wait_for() { # name, command...
  local name=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then log "$name is up"; return 0; fi
    sleep 1
  done
  log "$name did not come up within 60 s"; return 1
}

install_if_missing() { # command, package
  if ! command -v "$1" >/dev/null 2>&1 && [ ! -x "$1" ]; then
    log "installing $2"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}

# ---------------------------------------------------------------- PostgreSQL
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }
install_if_missing pg_ctlcluster postgresql
if ! pg_up; then
  version=$(ls /etc/postgresql | sort -V | tail -1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # The tests log in as postgres without a password over TCP, as on the developers' machines.
  if ! grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba"; then
    as_root sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  fi
  log "starting PostgreSQL $version"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
wait_for PostgreSQL pg_up
if [ "$(psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'test'")" != 1 ]; then
  log "creating PostgreSQL database test"
  psql -h 127.0.0.1 -U postgres -d postgres -qc 'create database test'
fi

# ---------------------------------------------------------------- MariaDB
maria_up() { mysqladmin --protocol=tcp -h 127.0.0.1 -P 3306 -uroot ping; }
install_if_missing /usr/sbin/mariadbd mariadb-server
if ! maria_up >/dev/null 2>&1; then
  log "starting MariaDB"
  as_root install -d -o mysql -g mysql /run/mysqld
  as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
  # A fresh install only lets root in through the socket; open the TCP login the tests use.
  wait_for "MariaDB socket" as_root mysqladmin ping
  as_root mysql -e "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
                    GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;" || true
fi
wait_for MariaDB maria_up
mysql --protocol=tcp -h 127.0.0.1 -P 3306 -uroot -e 'CREATE DATABASE IF NOT EXISTS test'
log "PostgreSQL and MariaDB are ready"
