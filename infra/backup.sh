#!/usr/bin/env bash
# Backs up ATUM DESK into /var/backups/atum-desk (BACKUP_DIR): the database as a custom-format
# pg_dump, atum-YYYYmmdd-HHMMSS.dump, and the uploads (DATA_DIR/files) as
# files-YYYYmmdd-HHMMSS.tar.gz. Keeps the newest KEEP (default 14) of each. Run as root,
# e.g. nightly: echo '17 3 * * * root /opt/atum-desk/infra/backup.sh' > /etc/cron.d/atum-desk
set -euo pipefail
umask 077

readonly BACKUP_DIR=${BACKUP_DIR:-/var/backups/atum-desk}
readonly KEEP=${KEEP:-14}
readonly ENV_FILE=${ATUM_ENV_FILE:-/etc/atum-desk/atum.env}

die() { printf 'backup.sh: %s\n' "$*" >&2; exit 1; }

# The env file is read as the KEY=value data systemd reads, never sourced as shell.
# Prints the value of one key; fails when the key is absent or empty.
env_value() {
  local key=$1 line k v
  [ -r "$ENV_FILE" ] || return 1
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]] || continue
    k=${BASH_REMATCH[1]} v=${BASH_REMATCH[2]}
    [ "$k" = "$key" ] || continue
    if [[ $v =~ ^\"(.*)\"$ || $v =~ ^\'(.*)\'$ ]]; then v=${BASH_REMATCH[1]}; fi
    [ -n "$v" ] || return 1
    printf '%s' "$v"
    return 0
  done <"$ENV_FILE"
  return 1
}

# Splits a postgres:// URL into libpq's PG* variables and runs pg_dump with them, so the
# password is in pg_dump's environment, not on a command line that ps shows to every user.
dump_with_url() {
  local url=$1 out=$2
  local -a parts
  mapfile -d '' -t parts < <(URL_IN=$url node -e '
    const u = new URL(process.env.URL_IN);
    const d = decodeURIComponent;
    for (const v of [u.hostname.replace(/^\[|\]$/g, ""), u.port || "5432", d(u.username), d(u.password), d(u.pathname.slice(1))])
      process.stdout.write(v + "\0");') || true
  [ "${#parts[@]}" -eq 5 ] || die "cannot parse DATABASE_OWNER_URL"
  PGHOST=${parts[0]} PGPORT=${parts[1]} PGUSER=${parts[2]} PGPASSWORD=${parts[3]} PGDATABASE=${parts[4]} \
    pg_dump -Fc >"$out"
}

# Local superuser first: the app's tables FORCE row-level security, so even the schema owner
# is subject to it, and pg_dump (which runs with row_security off) refuses such tables
# unless the role is a superuser or has BYPASSRLS. DATABASE_OWNER_URL is the fallback for a
# database that is not on this host; there it has to name such a role.
dump_database() {
  local out=$1 db url
  db=$(env_value DATABASE_URL || true)
  db=${db##*/} db=${db%%\?*}
  db=${db:-atum}
  if id -u postgres >/dev/null 2>&1 && runuser -u postgres -- pg_isready -q 2>/dev/null; then
    # The file is opened by root here: postgres cannot write into the 0700 backup dir.
    # Explicit returns: set -e does not apply inside a function called from "if !".
    (cd / && runuser -u postgres -- pg_dump -Fc "$db") >"$out" || return 1
    RESTORE_HINT="runuser -u postgres -- pg_restore --clean --if-exists --single-transaction --exit-on-error -d $db <"
  elif url=$(env_value DATABASE_OWNER_URL); then
    dump_with_url "$url" "$out" || return 1
    RESTORE_HINT="pg_restore --clean --if-exists --single-transaction --exit-on-error -d postgres://SUPERUSER@HOST/$db"
  else
    die "no local PostgreSQL (as user postgres) and no DATABASE_OWNER_URL in $ENV_FILE"
  fi
}

# Written under a temporary name and renamed only when complete, so a failed run never
# leaves a truncated file that would count as one of the KEEP newest.
backup_database() {
  local final=$BACKUP_DIR/atum-$STAMP.dump tmp
  tmp=$(mktemp "$BACKUP_DIR/.atum-$STAMP.XXXXXX")
  if ! dump_database "$tmp"; then
    rm -f "$tmp"
    die "pg_dump failed; nothing was written"
  fi
  mv "$tmp" "$final"
  echo "database: $final ($(du -h "$final" | cut -f1))"
  DUMP_FILE=$final
}

backup_files() {
  local data_dir files final tmp
  data_dir=$(env_value DATA_DIR || echo /var/lib/atum)
  files=$data_dir/files
  if [ ! -d "$files" ]; then
    echo "files: $files does not exist, nothing to back up"
    return 0
  fi
  final=$BACKUP_DIR/files-$STAMP.tar.gz
  tmp=$(mktemp "$BACKUP_DIR/.files-$STAMP.XXXXXX")
  if ! tar -czf "$tmp" -C "$data_dir" files; then
    rm -f "$tmp"
    die "tar of $files failed; nothing was written"
  fi
  mv "$tmp" "$final"
  echo "files:    $final ($(du -h "$final" | cut -f1))"
  FILES_ARCHIVE=$final
}

# The timestamp in the names makes name order age order, so the glob's sorted expansion
# lists the oldest first and no ls or date parsing is needed.
prune() {
  local pattern=$1
  local -a all
  mapfile -t all < <(shopt -s nullglob; for f in "$BACKUP_DIR"/$pattern; do printf '%s\n' "$f"; done)
  if [ "${#all[@]}" -gt "$KEEP" ]; then
    rm -f -- "${all[@]:0:${#all[@]}-KEEP}"
    echo "removed $((${#all[@]} - KEEP)) old $pattern"
  fi
}

main() {
  [ "$(id -u)" -eq 0 ] || die "run as root"
  [[ $KEEP =~ ^[1-9][0-9]*$ ]] || die "KEEP must be a whole number >= 1 (got \"$KEEP\")"
  export LC_ALL=C
  STAMP=$(date +%Y%m%d-%H%M%S)
  DUMP_FILE='' FILES_ARCHIVE='' RESTORE_HINT=''
  install -d -m 0700 -o root -g root "$BACKUP_DIR"
  backup_database
  backup_files
  prune 'atum-*.dump'
  prune 'files-*.tar.gz'
  cat <<EOF

To restore (on a new host, run infra/install.sh first: it creates the roles the dump refers to):
  systemctl stop atum-api atum-worker
  $RESTORE_HINT $DUMP_FILE
EOF
  if [ -n "$FILES_ARCHIVE" ]; then
    echo "  tar -xzf $FILES_ARCHIVE -C $(env_value DATA_DIR || echo /var/lib/atum) && chown -R atum:atum $(env_value DATA_DIR || echo /var/lib/atum)/files"
  fi
  echo "  systemctl start atum-api atum-worker"
}

main "$@"
