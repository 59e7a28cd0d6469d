#!/usr/bin/env bash
# Restores an ATUM DESK backup folder made by infra/backup.sh. Run as root:
#
#   infra/restore.sh [options] /var/backups/atum-desk/atum-YYYYmmdd-HHMMSS
#
#   --env-file FILE   the env file to restore to (default /etc/atum-desk/atum.env, ATUM_ENV_FILE)
#   --database NAME   restore into this database (default: the one in the env file's DATABASE_URL)
#   --data-dir DIR    restore the attachments under DIR (default: the env file's DATA_DIR)
#   --replace-env     put the backup's env file in place of a different existing one
#   --no-services     do not stop and start atum-api and atum-worker
#
# In order: checks SHA256SUMS; puts the backup's env file in place (its APP_SECRET is the only key
# that opens the stored mailbox passwords and TOTP secrets); stops both units; renames an existing
# database to NAME_before_restore_STAMP and an existing attachments folder to
# attachments.before-restore-STAMP (nothing is dropped or deleted); creates the database, grants
# what install.sh grants and runs pg_restore; unpacks the attachments; starts both units.
# With --database or --data-dir, the restored env file's URLs and DATA_DIR name them.
#
# The service user and the roles in the env file must exist. On a new host, first put the
# backup's env file in place, then install, then restore:
#   install -D -m 0600 FOLDER/atum.env /etc/atum-desk/atum.env
#   infra/install.sh     (keeps that env file: the roles get its passwords, APP_SECRET stays)
#   infra/restore.sh FOLDER
#
# Environment: ATUM_ENV_FILE, ATUM_USER (the service user owning the files, default atum),
# PG_ADMIN_URL (a superuser on another server; see infra/lib/pg-admin.sh).
set -euo pipefail
umask 077

LIB_DIR=$(dirname "${BASH_SOURCE[0]}")/lib
readonly LIB_DIR
# shellcheck source=infra/lib/env-file.sh
. "$LIB_DIR/env-file.sh"
# shellcheck source=infra/lib/pg-admin.sh
. "$LIB_DIR/pg-admin.sh"

readonly SERVICE_USER=${ATUM_USER:-atum}

log() { printf '==> %s\n' "$*"; }
die() { printf 'restore.sh: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

# Only names that need no quoting anywhere: they go into SQL identifiers and URLs.
check_name() {
  [[ $1 =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "$2 must be a lower-case PostgreSQL name (got \"$1\")"
}

# The key that seals mailbox passwords: MAIL_SECRET_KEY when set, else APP_SECRET
# (lib/mail/secret-key.ts); TOTP secrets always under APP_SECRET.
secrets_of() {
  printf '%s\n%s\n' "$(env_file_value "$1" APP_SECRET || true)" "$(env_file_value "$1" MAIL_SECRET_KEY || true)"
}

# The backup's env file, with the database and DATA_DIR this restore targets when they are
# not the backup's own. A subshell, so the exported values end with it.
render_env() (
  local from=$1 db=$2 data_dir=$3 keys=() url key
  local -A new=()
  if [ "$db" = "$BACKUP_DB" ] && [ "$data_dir" = "$BACKUP_DATA_DIR" ]; then
    cat -- "$from"
    return
  fi
  for key in DATABASE_URL DATABASE_OWNER_URL WORKER_DATABASE_URL; do
    url=$(env_file_value "$from" "$key") || continue
    new[$key]=$(URL_IN=$url DB=$db node -e '
      const u = new URL(process.env.URL_IN); u.pathname = "/" + process.env.DB; process.stdout.write(u.toString());')
  done
  new[DATA_DIR]=$data_dir
  for key in "${!new[@]}"; do keys+=("$key"); export "NEW_$key=${new[$key]}"; done
  SET_KEYS="${keys[*]}" env_file_render "$from"
)

restore_env_file() {
  local from=$SET/atum.env tmp group=root
  tmp=$(mktemp "$(dirname "$ENV_FILE")/.atum.env.XXXXXX")
  render_env "$from" "$DB" "$DATA_DIR" >"$tmp"
  if [ -e "$ENV_FILE" ]; then
    if cmp -s "$tmp" "$ENV_FILE"; then
      rm -f "$tmp"
      log "keeping $ENV_FILE (the same as the backup's)"
      return
    fi
    if [ "$(secrets_of "$ENV_FILE")" = "$(secrets_of "$tmp")" ] && [ "$REPLACE_ENV" -eq 0 ]; then
      rm -f "$tmp"
      log "keeping $ENV_FILE (other settings differ, APP_SECRET and MAIL_SECRET_KEY are the backup's)"
      return
    fi
    if [ "$REPLACE_ENV" -eq 0 ]; then
      rm -f "$tmp"
      die "$ENV_FILE has another APP_SECRET or MAIL_SECRET_KEY than the backup: with it, the restored
  mailbox passwords and TOTP secrets cannot be opened. Run again with --replace-env to put the
  backup's env file in its place (the current one is kept beside it), then run install.sh so the
  database roles take the restored file's passwords."
    fi
    cp -p "$ENV_FILE" "$ENV_FILE.before-restore-$STAMP"
    log "kept the current env file as $ENV_FILE.before-restore-$STAMP"
  fi
  # The units read it as root; the app's doctor reads it as the service user.
  if getent group "$SERVICE_USER" >/dev/null; then group=$SERVICE_USER; fi
  chown "root:$group" "$tmp"
  chmod 0640 "$tmp"
  mv "$tmp" "$ENV_FILE"
  log "env file $ENV_FILE from the backup (root:$group, 0640)"
}

url_user() {
  local url
  url=$(env_file_value "$ENV_FILE" "$1") || die "$ENV_FILE has no $1"
  URL_IN=$url node -e 'process.stdout.write(decodeURIComponent(new URL(process.env.URL_IN).username))'
}

check_roles() {
  local role missing=()
  for role in "$OWNER_ROLE" "$APP_ROLE" "$WORKER_ROLE"; do
    [ "$(pg_admin_value postgres "select count(*) from pg_roles where rolname = '$role'")" = 1 ] || missing+=("$role")
  done
  [ "${#missing[@]}" -eq 0 ] || die "the roles ${missing[*]} do not exist on the server: run install.sh first
  (it keeps $ENV_FILE and creates the roles with its passwords), then this script again"
}

# Renamed, not dropped: until the restore is known to be good, the old data stays one
# ALTER DATABASE away.
set_existing_database_aside() {
  local aside=${DB}_before_restore_${STAMP//-/_}
  [ "$(pg_admin_value postgres "select count(*) from pg_database where datname = '$DB'")" = 1 ] || return 0
  pg_admin psql -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL
select pg_terminate_backend(pid) from pg_stat_activity where datname = '$DB' and pid <> pg_backend_pid();
alter database "$DB" rename to "$aside";
SQL
  log "the existing database $DB is now $aside (drop it once the restore is checked)"
}

# pg_dump carries no database-level grants and nothing in pg_catalog, so this repeats what
# install.sh sets up around the database.
restore_database() {
  log "database $DB from $SET/database.dump"
  pg_admin psql -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL
create database "$DB" owner "$OWNER_ROLE" encoding 'UTF8' template template0;
grant create on database "$DB" to "$OWNER_ROLE";
revoke all on database "$DB" from public;
grant connect, temporary on database "$DB" to "$APP_ROLE", "$WORKER_ROLE";
SQL
  pg_admin pg_restore --exit-on-error --single-transaction -d "$DB" <"$SET/database.dump" \
    || die "pg_restore into $DB failed; the database $DB is incomplete (drop it and run again)"
  # Under row-level security an index can only answer LEAKPROOF operators (see install.sh).
  pg_admin psql -X -q -v ON_ERROR_STOP=1 -d "$DB" >/dev/null \
    -c 'alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof'
}

restore_attachments() {
  local dir=$DATA_DIR/attachments
  if [ -e "$dir" ]; then
    mv "$dir" "$dir.before-restore-$STAMP"
    log "the existing $dir is now $dir.before-restore-$STAMP"
  fi
  install -d -m 0750 -o "$SERVICE_USER" -g "$SERVICE_USER" "$DATA_DIR"
  if [ ! -f "$SET/attachments.tar.gz" ]; then
    log "attachments: none in the backup"
    return
  fi
  tar -xzpf "$SET/attachments.tar.gz" -C "$DATA_DIR" --no-same-owner attachments
  chown -R "$SERVICE_USER:$SERVICE_USER" "$dir"
  log "attachments: $(find "$dir" -type f | wc -l) files in $dir"
}

main() {
  local env_db='' data_dir='' no_services=0 f
  ENV_FILE=${ATUM_ENV_FILE:-/etc/atum-desk/atum.env} DB='' REPLACE_ENV=0 SET=''
  while [ $# -gt 0 ]; do
    case $1 in
      --env-file) ENV_FILE=${2:?--env-file needs a file}; shift 2 ;;
      --database) DB=${2:?--database needs a name}; shift 2 ;;
      --data-dir) data_dir=${2:?--data-dir needs a folder}; shift 2 ;;
      --replace-env) REPLACE_ENV=1; shift ;;
      --no-services) no_services=1; shift ;;
      -h | --help) usage ;;
      -*) die "unknown option $1 (see --help)" ;;
      *) [ -z "$SET" ] || die "one backup folder only (see --help)"; SET=$1; shift ;;
    esac
  done
  [ -n "$SET" ] || usage
  [ "$(id -u)" -eq 0 ] || die "run as root"
  id -u "$SERVICE_USER" >/dev/null 2>&1 || die "the user $SERVICE_USER does not exist: run install.sh first (ATUM_USER names another)"
  export LC_ALL=C
  STAMP=$(date +%Y%m%d-%H%M%S)
  SET=$(realpath "$SET")
  for f in SHA256SUMS atum.env database.dump; do
    [ -f "$SET/$f" ] || die "$SET is not a backup folder of backup.sh (it has no $f)"
  done
  (cd "$SET" && sha256sum --quiet --strict -c SHA256SUMS) || die "$SET does not match its SHA256SUMS: damaged or incomplete"
  log "checked $SET"

  env_db=$(env_file_value "$SET/atum.env" DATABASE_URL || true)
  env_db=${env_db##*/} env_db=${env_db%%\?*}
  BACKUP_DB=${env_db:-atum}
  BACKUP_DATA_DIR=$(env_file_value "$SET/atum.env" DATA_DIR || echo /var/lib/atum)
  DB=${DB:-$BACKUP_DB}
  check_name "$DB" "the database name"
  DATA_DIR=${data_dir:-$BACKUP_DATA_DIR}
  [[ $DATA_DIR == /* ]] || die "--data-dir must be an absolute path"

  install -d -m 0750 "$(dirname "$ENV_FILE")"
  restore_env_file
  OWNER_ROLE=$(url_user DATABASE_OWNER_URL) APP_ROLE=$(url_user DATABASE_URL) WORKER_ROLE=$(url_user WORKER_DATABASE_URL)
  check_name "$OWNER_ROLE" "the role in DATABASE_OWNER_URL"
  check_name "$APP_ROLE" "the role in DATABASE_URL"
  check_name "$WORKER_ROLE" "the role in WORKER_DATABASE_URL"
  pg_admin_available || die "no PostgreSQL superuser connection: a local server (as user postgres) or PG_ADMIN_URL"
  check_roles

  if [ "$no_services" -eq 0 ]; then
    log "stopping atum-api and atum-worker"
    systemctl stop atum-api atum-worker
  fi
  set_existing_database_aside
  restore_database
  restore_attachments
  if [ "$no_services" -eq 0 ]; then
    log "starting atum-api and atum-worker (the API migrates first if the backup is older than the code)"
    systemctl start atum-api atum-worker
  fi
  log "restored $SET into the database $DB and $DATA_DIR"
}

main "$@"
