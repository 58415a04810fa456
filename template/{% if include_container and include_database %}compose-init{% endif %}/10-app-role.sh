#!/bin/sh
# Owned by Harness: change it upstream, or expect copier update to merge your edits.
# Runs once, when the database volume is first created: the app's role may read and write the
# rows of every table the migrator creates, and nothing else (no DDL, no other databases).
set -eu
psql --set=ON_ERROR_STOP=1 --username="$POSTGRES_USER" --dbname="$POSTGRES_DB" \
    --set=app_password="$APP_DATABASE_PASSWORD" <<'SQL'
CREATE ROLE app LOGIN PASSWORD :'app_password';
ALTER DEFAULT PRIVILEGES FOR ROLE migrator IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO app;
ALTER DEFAULT PRIVILEGES FOR ROLE migrator IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO app;
SQL
