#!/bin/sh
# Runs once, when the PostgreSQL volume is new: a database and a user for the FastCI run store,
# beside the ones Temporal's auto-setup makes for itself.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
create user fastci password '$FASTCI_DB_PASSWORD';
create database fastci owner fastci;
SQL
