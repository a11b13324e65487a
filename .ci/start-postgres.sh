#!/usr/bin/env bash
# Installs PostgreSQL from Debian if absent, starts it on 127.0.0.1:5432 and prints a DATABASE_URL.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h 2>/dev/null | grep -q "^$version main"; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do
  if runuser -u postgres -- pg_isready -h 127.0.0.1 -q; then break; fi
  sleep 1
done
runuser -u postgres -- psql -q -h /var/run/postgresql -c "ALTER USER postgres PASSWORD 'musubi'" >&2
echo "postgres://postgres:musubi@127.0.0.1:5432/postgres"
