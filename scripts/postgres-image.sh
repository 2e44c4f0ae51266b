#!/bin/sh
# Builds fastci/postgres:15, a PostgreSQL server image, offline from Debian's packages: debootstrap
# of Debian 12 (minbase) with postgresql-15, imported into Docker. It behaves like the official
# postgres image where FastCI's tests and examples need it: POSTGRES_PASSWORD (required),
# POSTGRES_USER (postgres) and POSTGRES_DB (the user) make the database on first start, the server
# listens on port 5432 of every address, and a Docker HEALTHCHECK runs pg_isready. psql is in the
# image too, so a job can use the same image as its client.
# Usage: scripts/postgres-image.sh [--force]   (as root; needs debootstrap, installed when missing)
set -eu

image=fastci/postgres:15
if [ "${1:-}" != "--force" ] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "postgres-image: $image is already present"
  exit 0
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  echo "postgres-image: installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
mirror="${FASTCI_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

echo "postgres-image: debootstrap bookworm from $mirror (a few minutes)"
debootstrap --variant=minbase --include=postgresql-15,postgresql-client-15 \
  bookworm "$root" "$mirror" >/tmp/postgres-image-debootstrap.log 2>&1 || {
  tail -20 /tmp/postgres-image-debootstrap.log >&2
  exit 1
}
rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"* \
  "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/locale"
# The cluster Debian's package made is not used: the entrypoint makes one in PGDATA.
rm -rf "$root/var/lib/postgresql/15/main" "$root/etc/postgresql/15/main"

cat >"$root/usr/local/bin/fastci-postgres" <<'SCRIPT'
#!/bin/sh
# Makes the database on first start (like the official image), then runs the server in the
# foreground as the postgres user, listening on every address.
set -eu
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"
export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
bin=/usr/lib/postgresql/15/bin
mkdir -p "$PGDATA" /run/postgresql
chown postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  runuser -u postgres -- "$bin/initdb" -D "$PGDATA" -U "$user" --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust >/dev/null
  rm -f "$pwfile"
  echo "host all all 0.0.0.0/0 scram-sha-256" >>"$PGDATA/pg_hba.conf"
  echo "host all all ::/0 scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$db" != postgres ]; then
    runuser -u postgres -- "$bin/postgres" --single -D "$PGDATA" postgres \
      <<SQL >/dev/null
CREATE DATABASE "$db" OWNER "$user";
SQL
  fi
  echo "fastci-postgres: made database $db for user $user"
fi
exec runuser -u postgres -- "$bin/postgres" -D "$PGDATA" -c listen_addresses='*'
SCRIPT
chmod 755 "$root/usr/local/bin/fastci-postgres"

tar -C "$root" -c . | docker import \
  -c 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'ENV LANG=C.UTF-8' \
  -c 'EXPOSE 5432' \
  -c 'CMD ["/usr/local/bin/fastci-postgres"]' \
  - "$image-base" >/dev/null
# docker import cannot set a HEALTHCHECK; a one-line build on the local base image can (no registry).
printf '%s\n' "FROM $image-base" \
  'HEALTHCHECK --interval=1s --timeout=3s --retries=60 CMD pg_isready -q -h 127.0.0.1 || exit 1' |
  docker build -q -t "$image" - >/dev/null
docker rmi "$image-base" >/dev/null
echo "postgres-image: built $image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1048576}'))"
