#!/usr/bin/env bash
# Installs PostgreSQL from Debian if absent and starts a fresh, throw-away server on 127.0.0.1 whose
# data directory is DATA_DIR (first argument). Prints a DATABASE_URL on stdout.
#
# A fresh cluster rather than the machine's own: a cluster left behind by an earlier run may hold many
# databases and need minutes of crash recovery before it accepts connections.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
data_dir=${1:?usage: start-postgres.sh DATA_DIR}
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
bin=/usr/lib/postgresql/$version/bin

# The first free port from 5432 on (the machine's own cluster may hold 5432).
port=5432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

mkdir -p "$data_dir"
chown postgres:postgres "$data_dir"
password_file=$(mktemp)
printf 'musubi' >"$password_file"
chown postgres:postgres "$password_file"
runuser -u postgres -- "$bin/initdb" -D "$data_dir/data" -U postgres --pwfile="$password_file" \
  --auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null
rm -f "$password_file"
# A test server: durability is not needed, speed is.
runuser -u postgres -- "$bin/pg_ctl" -D "$data_dir/data" -l "$data_dir/server.log" -w -t 300 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >&2
echo "postgres://postgres:musubi@127.0.0.1:$port/postgres"
