# shellcheck shell=bash
# Running PostgreSQL client programs as a superuser from the infra scripts. Sourced, not run.
#
# The app's tables FORCE row-level security, so only a superuser (or a BYPASSRLS role) sees
# every row: pg_dump refuses such tables for anyone else. Where the server is on this host,
# that is the local postgres account over the socket (peer authentication, no password).
# PG_ADMIN_URL=postgres://user:password@host:port/ names another server or role instead (its
# database part is ignored); its parts go to libpq as PG* variables, so the password is in
# the client's environment, not on a command line that ps shows to every user.

# Runs one client program (pg_dump, pg_restore, psql, pg_isready) as the superuser. The
# database is an argument of the program, as usual for each.
#   pg_admin pg_dump -Fc atum >atum.dump
pg_admin() {
  if [ -n "${PG_ADMIN_URL:-}" ]; then
    local -a parts
    mapfile -d '' -t parts < <(URL_IN=$PG_ADMIN_URL node -e '
      const u = new URL(process.env.URL_IN);
      const d = decodeURIComponent;
      for (const v of [u.hostname.replace(/^\[|\]$/g, ""), u.port || "5432", d(u.username) || "postgres", d(u.password)])
        process.stdout.write(v + "\0");') || true
    if [ "${#parts[@]}" -ne 4 ]; then
      printf 'PG_ADMIN_URL is not a postgres:// URL\n' >&2
      return 2
    fi
    PGHOST=${parts[0]} PGPORT=${parts[1]} PGUSER=${parts[2]} PGPASSWORD=${parts[3]} PGAPPNAME=atum-infra "$@"
  else
    # runuser keeps the working directory, which postgres may not be allowed to enter.
    (cd / && runuser -u postgres -- env PGAPPNAME=atum-infra "$@")
  fi
}

# True when the superuser connection works: PG_ADMIN_URL is set, or this host has a postgres
# account and a server that accepts it.
pg_admin_available() {
  if [ -n "${PG_ADMIN_URL:-}" ]; then
    pg_admin pg_isready -q -d postgres
  else
    id -u postgres >/dev/null 2>&1 && pg_admin pg_isready -q 2>/dev/null
  fi
}

# Prints the single value a query returns, read as the superuser in DATABASE.
#   n=$(pg_admin_value atum 'select count(*) from attachments')
pg_admin_value() {
  pg_admin psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}
