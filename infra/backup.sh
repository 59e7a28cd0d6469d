#!/usr/bin/env bash
# Backs up ATUM DESK into /var/backups/atum-desk (BACKUP_DIR), one folder per run,
# atum-YYYYmmdd-HHMMSS/ (mode 0700), holding:
#   database.dump       pg_dump -Fc of the database in DATABASE_URL
#   attachments.tar.gz  DATA_DIR/attachments, the uploaded files (absent while there are none)
#   atum.env            the env file, mode 0600: APP_SECRET (or MAIL_SECRET_KEY) seals the stored
#                       mailbox passwords and TOTP secrets, which no other key can open
#   SHA256SUMS          of the files above; infra/restore.sh checks it first
# Keeps the newest KEEP (default 14) folders. Restore with infra/restore.sh FOLDER.
# Run as root, e.g. nightly: echo '17 3 * * * root /opt/atum-desk/infra/backup.sh' > /etc/cron.d/atum-desk
#
# Environment: BACKUP_DIR, KEEP, ATUM_ENV_FILE (default /etc/atum-desk/atum.env) and
# PG_ADMIN_URL (a superuser on another server; see infra/lib/pg-admin.sh).
set -euo pipefail
umask 077

readonly BACKUP_DIR=${BACKUP_DIR:-/var/backups/atum-desk}
readonly KEEP=${KEEP:-14}
readonly ENV_FILE=${ATUM_ENV_FILE:-/etc/atum-desk/atum.env}
LIB_DIR=$(dirname "${BASH_SOURCE[0]}")/lib
readonly LIB_DIR
# shellcheck source=infra/lib/env-file.sh
. "$LIB_DIR/env-file.sh"
# shellcheck source=infra/lib/pg-admin.sh
. "$LIB_DIR/pg-admin.sh"

die() { printf 'backup.sh: %s\n' "$*" >&2; exit 1; }
warn() { printf 'backup.sh: warning: %s\n' "$*" >&2; }

# The database name from DATABASE_URL (without it, install.sh's default).
database_name() {
  local db
  db=$(env_file_value "$ENV_FILE" DATABASE_URL || true)
  db=${db##*/} db=${db%%\?*}
  printf '%s' "${db:-atum}"
}

# As a superuser: the app's tables FORCE row-level security (infra/lib/pg-admin.sh). Without a
# local server, DATABASE_OWNER_URL is the fallback; there it has to name a BYPASSRLS role.
backup_database() {
  local out=$SET_TMP/database.dump url
  if ! pg_admin_available; then
    url=$(env_file_value "$ENV_FILE" DATABASE_OWNER_URL) \
      || die "no local PostgreSQL (as user postgres), no PG_ADMIN_URL and no DATABASE_OWNER_URL in $ENV_FILE"
    PG_ADMIN_URL=$url
  fi
  pg_admin pg_dump -Fc "$DB" >"$out" || die "pg_dump of $DB failed; nothing was kept"
  echo "database:    $DB ($(du -h "$out" | cut -f1))"
}

# The blob store's own layout (lib/attachments/blob-store.ts): DATA_DIR/attachments/<org>/<sha[0:2]>/<sha>.
# Taken after the dump, so a file uploaded in between is only an extra, never a missing one.
backup_attachments() {
  local dir=$DATA_DIR/attachments count
  if [ ! -d "$dir" ]; then
    echo "attachments: none yet ($dir does not exist)"
    return 0
  fi
  tar -czf "$SET_TMP/attachments.tar.gz" -C "$DATA_DIR" attachments || die "tar of $dir failed; nothing was kept"
  count=$(find "$dir" -type f ! -name '.tmp-*' | wc -l)
  echo "attachments: $count files from $dir ($(du -h "$SET_TMP/attachments.tar.gz" | cut -f1))"
}

# Every file the database refers to must be in the backup: an archive of the wrong folder
# (as once happened) or a lost file is reported, not discovered at restore time.
check_attachments() {
  local missing=0 key
  while IFS= read -r key; do
    [ -n "$key" ] || continue
    [ -f "$DATA_DIR/attachments/$key" ] || missing=$((missing + 1))
  done < <(pg_admin psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" \
    -c "select org_id || '/' || left(sha256, 2) || '/' || sha256 from attachment_blobs")
  if [ "$missing" -gt 0 ]; then
    warn "$missing attachment files the database refers to are not in $DATA_DIR/attachments (DATA_DIR in $ENV_FILE)"
    return 1
  fi
}

backup_env_file() {
  [ -r "$ENV_FILE" ] || die "cannot read $ENV_FILE (ATUM_ENV_FILE)"
  install -m 0600 "$ENV_FILE" "$SET_TMP/atum.env"
  echo "env file:    $ENV_FILE (mode 0600 in the backup: it holds APP_SECRET and the database passwords)"
}

# The timestamp in the names makes name order age order, so the glob's sorted expansion
# lists the oldest first and no ls or date parsing is needed.
prune() {
  local -a all
  mapfile -t all < <(shopt -s nullglob; for f in "$BACKUP_DIR"/atum-*/; do printf '%s\n' "${f%/}"; done)
  if [ "${#all[@]}" -gt "$KEEP" ]; then
    rm -rf -- "${all[@]:0:${#all[@]}-KEEP}"
    echo "removed $((${#all[@]} - KEEP)) old backups"
  fi
}

main() {
  [ "$(id -u)" -eq 0 ] || die "run as root"
  [[ $KEEP =~ ^[1-9][0-9]*$ ]] || die "KEEP must be a whole number >= 1 (got \"$KEEP\")"
  export LC_ALL=C
  local stamp set status=0
  stamp=$(date +%Y%m%d-%H%M%S)
  DB=$(database_name)
  DATA_DIR=$(env_file_value "$ENV_FILE" DATA_DIR || echo /var/lib/atum)
  install -d -m 0700 -o root -g root "$BACKUP_DIR"
  set=$BACKUP_DIR/atum-$stamp
  [ ! -e "$set" ] || die "$set exists already (two backups in one second?)"
  # Built under a temporary name and renamed only when complete, so a failed run never
  # leaves a partial backup that would count as one of the KEEP newest.
  SET_TMP=$(mktemp -d "$BACKUP_DIR/.atum-$stamp.XXXXXX")
  trap 'rm -rf -- "$SET_TMP"' EXIT
  backup_env_file
  backup_database
  backup_attachments
  check_attachments || status=1
  (cd "$SET_TMP" && sha256sum -- * >SHA256SUMS)
  mv "$SET_TMP" "$set"
  trap - EXIT
  echo "backup:      $set"
  prune
  cat <<EOF

Keep a copy elsewhere, as secret as the env file (it holds APP_SECRET and the database
passwords). To restore, here or on a new host: $(dirname "$(realpath "${BASH_SOURCE[0]}")")/restore.sh $set
EOF
  return "$status"
}

main "$@"
