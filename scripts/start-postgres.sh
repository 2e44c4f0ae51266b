#!/bin/sh
# Starts Debian's PostgreSQL cluster when it is down, and makes the role the store tests log in
# with (they create, and drop, a database and a user of their own for each run). The role and
# its password are the tests' defaults; FASTCI_TEST_POSTGRES_USER/PASSWORD override them.
set -eu

user="${FASTCI_TEST_POSTGRES_USER:-fastci_test_admin}"
password="${FASTCI_TEST_POSTGRES_PASSWORD:-fastci_test_admin}"

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "start-postgres: PostgreSQL is not installed; install Debian's postgresql package" >&2
  exit 1
fi
if [ -z "$(pg_lsclusters --no-header)" ]; then
  pg_createcluster "$(ls /usr/lib/postgresql | sort -V | tail -1)" main >/dev/null
fi
cluster=$(pg_lsclusters --no-header | awk 'NR == 1 { print $1 " " $2 }')
# shellcheck disable=SC2086 # "version name"
if ! pg_lsclusters --no-header | awk 'NR == 1 { print $4 }' | grep -q online; then
  pg_ctlcluster $cluster start
fi
i=0
until pg_isready -q -h 127.0.0.1; do
  i=$((i + 1))
  if [ "$i" -gt 60 ]; then
    echo "start-postgres: PostgreSQL did not answer on 127.0.0.1 within 30 s" >&2
    exit 1
  fi
  sleep 0.5
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = '$user') then
    create role "$user" login superuser password '$password';
  else
    alter role "$user" login superuser password '$password';
  end if;
end \$\$;
SQL
echo "start-postgres: $(psql --version | head -1) on 127.0.0.1:5432, test role $user"
