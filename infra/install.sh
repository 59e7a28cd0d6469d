#!/usr/bin/env bash
# Installs ATUM DESK on Debian 12. Run as root:
#
#   infra/install.sh [options] [SOURCE_DIR]     SOURCE_DIR defaults to this repository
#
#   --dry-run        print every change it would make (commands, files), change nothing;
#                    needs no root. Combine with --root to see the plan for a tree.
#   --root DIR       install into the directory tree DIR instead of /, for tests: the code,
#                    env file, units, nginx site and certificate go under DIR, and the paths
#                    install.sh writes into them (DATA_DIR, the site's certificate, key and
#                    ACME folder) point into DIR. What lives outside a tree is skipped and
#                    says so: packages, the service user, PostgreSQL roles, npm ci, starting
#                    units (they are only enabled, with systemctl --root), health and doctor.
#   --http-port N    the plain-HTTP port of the nginx site (default 80). The HTTPS port is
#                    PUBLIC_URL's (default 443).
#
# Set PUBLIC_URL=https://your.host in the environment to have it written to the env file on
# the first install; otherwise edit /etc/atum-desk/atum.env afterwards.
#
# Safe to run again (that is also one way to upgrade): /etc/atum-desk/atum.env is written once
# and from then on is the source of truth, and so is the nginx site. Each run makes the
# database roles match the env file's passwords, re-syncs the code, reinstalls dependencies,
# tests the nginx configuration (showing nginx's own error) and restarts both units.
set -euo pipefail

# shellcheck source=infra/lib/env-file.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/env-file.sh"

readonly SERVICE_USER=atum
readonly DB_NAME=atum
readonly HEALTH_URL=http://127.0.0.1:8000/api/v1/health
# Debian's group for reading private keys (package ssl-cert); nginx's user joins it.
readonly KEY_GROUP=ssl-cert
readonly NGINX_USER=www-data
# systemd's default PATH: the units find node only there (the tsx launcher is
# "#!/usr/bin/env node"), so a node that only the root shell sees does not count.
readonly SYSTEMD_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

ROOT='' DRY_RUN=0 HTTP_PORT=80 SRC='' PROBLEMS=0

# Every path install.sh writes, under --root's DIR when given.
set_paths() {
  APP_DIR=$ROOT/opt/atum-desk
  DATA_DIR=$ROOT/var/lib/atum
  ENV_DIR=$ROOT/etc/atum-desk
  ENV_FILE=$ENV_DIR/atum.env
  UNIT_DIR=$ROOT/etc/systemd/system
  NGINX_SITE=$ROOT/etc/nginx/sites-available/atum-desk.conf
  NGINX_LINK=$ROOT/etc/nginx/sites-enabled/atum-desk.conf
  TLS_CERT=$ROOT/etc/ssl/certs/atum-desk.crt
  TLS_KEY=$ROOT/etc/ssl/private/atum-desk.key
  ACME_ROOT=$ROOT/var/www/html
}

log() { printf '==> %s\n' "$*"; }
warn() { printf 'install.sh: warning: %s\n' "$*" >&2; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

dry() { [ "$DRY_RUN" -eq 1 ]; }
rooted() { [ -n "$ROOT" ]; }
skip_rooted() { log "skipped with --root: $*"; }
# A dry run's line for a change that is not one command.
plan() { printf 'would %s\n' "$*"; }

# Every change to the system goes through here: a dry run prints the command instead.
change() {
  if dry; then
    local words=() a
    for a in "$@"; do words+=("$(printf '%q' "$a")"); done
    printf 'would run: %s\n' "${words[*]}"
  else
    "$@"
  fi
}

# Owner and group options for install(1). None under --root, where the service user and
# Debian's groups need not exist: the tree is not a system that runs.
owned() { # user group
  rooted || printf '%s\n' -o "$1" -g "$2"
}

# Writing to /etc, /opt and the PostgreSQL catalog needs root; failing late would leave a half
# install. A dry run changes nothing, and a --root tree is the caller's own.
require_root() {
  dry || rooted || [ "$(id -u)" -eq 0 ] || die "run as root (sudo $0), or try it with --dry-run"
}

# Checked before anything is installed: Debian 12's own nodejs is 18, which the app refuses.
require_node() {
  if rooted; then skip_rooted "the Node.js check (nothing runs from the tree)"; return; fi
  local version
  version=$(PATH=$SYSTEMD_PATH node -p 'process.versions.node' 2>/dev/null || true)
  if PATH=$SYSTEMD_PATH node -e '
      const [major, minor] = process.versions.node.split(".").map(Number);
      process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1);' 2>/dev/null \
    && PATH=$SYSTEMD_PATH command -v npm >/dev/null; then
    log "Node.js $version"
    return
  fi
  cat >&2 <<EOF
install.sh: Node.js >= 20.19 with npm is required in $SYSTEMD_PATH (found: ${version:-none}).
Debian 12's nodejs package is 18, too old. Install a current LTS, for example from NodeSource:

  curl -fsSL https://deb.nodesource.com/setup_22.x -o /tmp/nodesource_setup.sh
  bash /tmp/nodesource_setup.sh && apt-get install -y nodejs

or unpack the official binaries from https://nodejs.org/en/download into /usr/local.
(nvm installs under a home directory do not work: the units cannot see them.)
EOF
  dry || exit 1
  warn "a real run stops here"
}

# The distribution packages are the supported PostgreSQL 15, Redis and nginx for Debian 12.
# ssl-cert makes the group that may read private keys; nginx's user joins it.
install_packages() {
  if rooted; then skip_rooted "apt-get install of PostgreSQL, Redis and nginx"; return; fi
  log "installing packages"
  change apt-get update -qq
  change env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postgresql redis-server nginx ssl-cert rsync openssl curl ca-certificates
  change systemctl enable --now postgresql redis-server nginx
  if ! id -nG "$NGINX_USER" 2>/dev/null | grep -qw "$KEY_GROUP"; then
    change usermod -a -G "$KEY_GROUP" "$NGINX_USER"
  fi
}

# A system account with no shell: the app runs as it and owns only its data and code.
ensure_user() {
  if rooted; then
    skip_rooted "useradd $SERVICE_USER"
  elif ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
    log "creating user $SERVICE_USER"
    change useradd --system --user-group --home-dir "$DATA_DIR" --shell /usr/sbin/nologin \
      --comment "ATUM DESK" "$SERVICE_USER"
  fi
  local -a own
  mapfile -t own < <(owned "$SERVICE_USER" "$SERVICE_USER")
  change install -d -m 0750 "${own[@]}" "$DATA_DIR"
}

# Anchored excludes (/data, not data) so that a source folder that happens to be called
# "data" deeper in the tree is still copied. --delete keeps /opt/atum-desk an exact copy;
# excluded paths (the installed node_modules) are left alone.
sync_code() {
  if [ ! -f "$SRC/package.json" ] || [ ! -f "$SRC/package-lock.json" ]; then
    die "$SRC does not look like ATUM DESK (no package.json and package-lock.json)"
  fi
  if [ "$SRC" = "$(realpath -m "$APP_DIR")" ]; then
    log "code is already in $APP_DIR"
  else
    log "copying $SRC to $APP_DIR"
    change install -d -m 0755 "$APP_DIR"
    change rsync -a --delete --exclude=/node_modules --exclude=/data --exclude=/.git --exclude=/.env \
      "$SRC/" "$APP_DIR/"
  fi
  # npm ci runs as atum and has to replace node_modules.
  rooted || change chown -R "$SERVICE_USER:$SERVICE_USER" "$APP_DIR"
}

# As atum, not root, so package install scripts never run with root rights.
install_dependencies() {
  if rooted; then skip_rooted "npm ci --omit=dev"; return; fi
  log "npm ci --omit=dev in $APP_DIR"
  change env -C "$APP_DIR" runuser -u "$SERVICE_USER" -- env HOME="$DATA_DIR" PATH="$SYSTEMD_PATH" \
    npm ci --omit=dev --no-audit --no-fund --no-update-notifier --loglevel=error
}

# Written once: later runs must not change the passwords or APP_SECRET (that would sign
# everybody out and make the stored mailbox passwords and TOTP secrets unreadable), and an
# admin's edits must survive. Its owner and mode are made right on every run.
ensure_env_file() {
  local -a own
  mapfile -t own < <(owned root "$SERVICE_USER")
  change install -d -m 0750 "${own[@]}" "$ENV_DIR"
  if [ -f "$ENV_FILE" ]; then
    log "keeping $ENV_FILE"
    rooted || change chown "root:$SERVICE_USER" "$ENV_FILE"
    change chmod 0640 "$ENV_FILE"
    return
  fi
  local public_url=${PUBLIC_URL:-https://desk.example.com}
  [[ $public_url =~ ^https?://[A-Za-z0-9.:-]+$ ]] \
    || die "PUBLIC_URL must look like https://desk.example.com (got \"$public_url\")"
  if dry; then
    plan "write $ENV_FILE (root:$SERVICE_USER, 0640) from infra/atum.env.example with generated database passwords and APP_SECRET, PUBLIC_URL=$public_url, DATA_DIR=$DATA_DIR"
    return
  fi
  log "writing $ENV_FILE"
  local owner_pw app_pw worker_pw tmp
  owner_pw=$(openssl rand -hex 24)
  app_pw=$(openssl rand -hex 24)
  worker_pw=$(openssl rand -hex 24)
  tmp=$(mktemp "$ENV_DIR/.atum.env.XXXXXX")
  SET_KEYS="DATABASE_URL DATABASE_OWNER_URL WORKER_DATABASE_URL APP_SECRET PUBLIC_URL DATA_DIR" \
  NEW_DATABASE_URL="postgres://atum_app:$app_pw@127.0.0.1:5432/$DB_NAME" \
  NEW_DATABASE_OWNER_URL="postgres://atum_owner:$owner_pw@127.0.0.1:5432/$DB_NAME" \
  NEW_WORKER_DATABASE_URL="postgres://atum_worker:$worker_pw@127.0.0.1:5432/$DB_NAME" \
  NEW_APP_SECRET="$(openssl rand -base64 48 | tr -d '\n')" \
  NEW_PUBLIC_URL="$public_url" \
  NEW_DATA_DIR="$DATA_DIR" \
    env_file_render "$SRC/infra/atum.env.example" >"$tmp"
  rooted || chown "root:$SERVICE_USER" "$tmp"
  chmod 0640 "$tmp"
  mv "$tmp" "$ENV_FILE"
  [ -n "${PUBLIC_URL:-}" ] || warn "set PUBLIC_URL in $ENV_FILE to the address users reach"
}

# A setting as the units will see it: from the env file or, in a dry run before that exists,
# what ensure_env_file would write.
setting() {
  local key=$1
  if [ -f "$ENV_FILE" ]; then env_file_value "$ENV_FILE" "$key"; return; fi
  if [ "$key" = PUBLIC_URL ]; then printf '%s' "${PUBLIC_URL:-https://desk.example.com}"; return; fi
  env_file_value "$SRC/infra/atum.env.example" "$key"
}

# The password in one of the env file's URLs, checked to belong to the role install.sh
# manages: a URL pointing at another role means the admin set the database up by hand.
role_password() {
  local var=$1 role=$2 url
  url=$(env_file_value "$ENV_FILE" "$var") || die "$ENV_FILE has no $var"
  URL_IN=$url ROLE=$role node -e '
    const u = new URL(process.env.URL_IN);
    if (decodeURIComponent(u.username) !== process.env.ROLE) process.exit(3);
    process.stdout.write(decodeURIComponent(u.password));' \
    || die "$var in $ENV_FILE must use the role $2 (or create the database yourself and skip this script)"
}

# Debian starts the cluster from the package's postinst, but it may still be coming up.
wait_for_postgres() {
  for _ in $(seq 1 30); do
    runuser -u postgres -- pg_isready -q && return 0
    sleep 1
  done
  die "PostgreSQL does not accept connections (systemctl status postgresql)"
}

# Roles and database, made to match the env file on every run: missing roles are created,
# existing ones get the file's password and the attributes the app relies on.
#  - atum_owner needs CREATEROLE: the first migration creates the group roles atum_runtime
#    and atum_queue and every migration grants them to atum_app and atum_worker.
#  - atum_app and atum_worker must not bypass row-level security (the start checks it).
# Passwords reach psql on stdin (a psql variable, quoted with :'...'), not on its command line.
ensure_database() {
  if rooted; then skip_rooted "PostgreSQL roles and the database $DB_NAME"; return; fi
  if dry; then
    plan "create or update the roles atum_owner, atum_app and atum_worker with the passwords in $ENV_FILE, the database $DB_NAME and its grants, and make ts_match_vq leakproof (psql as postgres)"
    return
  fi
  local owner_pw app_pw worker_pw pw
  owner_pw=$(role_password DATABASE_OWNER_URL atum_owner)
  app_pw=$(role_password DATABASE_URL atum_app)
  worker_pw=$(role_password WORKER_DATABASE_URL atum_worker)
  for pw in "$owner_pw" "$app_pw" "$worker_pw"; do
    [[ $pw =~ ^[A-Za-z0-9._~-]{16,}$ ]] \
      || die "database passwords in $ENV_FILE must be URL-safe and at least 16 characters (openssl rand -hex 24)"
  done
  wait_for_postgres
  log "database roles and database $DB_NAME"
  runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL
\\set owner_pw '$owner_pw'
\\set app_pw '$app_pw'
\\set worker_pw '$worker_pw'
select format('create role %I', r) from unnest(array['atum_owner', 'atum_app', 'atum_worker']) as r
 where not exists (select 1 from pg_roles where rolname = r)
\\gexec
alter role atum_owner login nosuperuser createrole nocreatedb nobypassrls password :'owner_pw';
alter role atum_app login nosuperuser nocreaterole nocreatedb nobypassrls inherit password :'app_pw';
alter role atum_worker login nosuperuser nocreaterole nocreatedb nobypassrls inherit password :'worker_pw';
select 'create database $DB_NAME owner atum_owner encoding ''UTF8'' template template0'
 where not exists (select 1 from pg_database where datname = '$DB_NAME')
\\gexec
alter database $DB_NAME owner to atum_owner;
grant create on database $DB_NAME to atum_owner;
revoke all on database $DB_NAME from public;
grant connect, temporary on database $DB_NAME to atum_app, atum_worker;
SQL
  # Under row-level security an index can only answer LEAKPROOF operators; without this, every
  # full-text search scans the whole org (see sql/006_tickets.sql). Needs a superuser.
  runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d "$DB_NAME" >/dev/null \
    -c 'alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof'
}

# Always overwritten: the units belong to the code version being installed.
install_units() {
  log "systemd units"
  [ -d "$UNIT_DIR" ] || change install -d -m 0755 "$UNIT_DIR"
  change install -m 0644 "$SRC/infra/systemd/atum-api.service" "$SRC/infra/systemd/atum-worker.service" "$UNIT_DIR/"
  if rooted; then skip_rooted "systemctl daemon-reload"; else change systemctl daemon-reload; fi
}

# The site's host and HTTPS port come from PUBLIC_URL (they must match it exactly for the app's
# origin checks), the upstream from HOST and PORT.
site_values() {
  local url host port
  url=$(setting PUBLIC_URL) || die "no PUBLIC_URL in $ENV_FILE"
  [[ $url =~ ^https://([A-Za-z0-9.-]+)(:([0-9]+))?/?$ ]] \
    || die "PUBLIC_URL must be https://host or https://host:port for the nginx site (got \"$url\")"
  SERVER_NAME=${BASH_REMATCH[1]} HTTPS_PORT=${BASH_REMATCH[3]:-443}
  host=$(setting HOST || echo 127.0.0.1) port=$(setting PORT || echo 8000)
  # nginx connects over loopback even when the app listens on every address.
  case $host in 0.0.0.0 | '') host=127.0.0.1 ;; '::' | '[::]') host='[::1]' ;; *:*) host="[${host#[}" host="${host%]}]" ;; esac
  UPSTREAM=$host:$port
}

# Replaces @NAME@ in infra/nginx/atum-desk.conf with the values of this install and leaves out
# the template's own "#@" notes. match() and substr(), not gsub(), so that no value is read as
# a pattern or an "&".
render_site() {
  local suffix=''
  [ "$HTTPS_PORT" = 443 ] || suffix=":$HTTPS_PORT"
  S_SERVER_NAME=$SERVER_NAME S_HTTP_PORT=$HTTP_PORT S_HTTPS_PORT=$HTTPS_PORT S_HTTPS_SUFFIX=$suffix \
  S_UPSTREAM=$UPSTREAM S_TLS_CERT=$TLS_CERT S_TLS_KEY=$TLS_KEY S_ACME_ROOT=$ACME_ROOT \
    awk '/^#@/ { next }
    {
      out = ""; line = $0
      while (match(line, /@[A-Z_]+@/)) {
        name = "S_" substr(line, RSTART + 1, RLENGTH - 2)
        if (!(name in ENVIRON)) { print "unknown placeholder " substr(line, RSTART, RLENGTH) > "/dev/stderr"; exit 1 }
        out = out substr(line, 1, RSTART - 1) ENVIRON[name]
        line = substr(line, RSTART + RLENGTH)
      }
      print out line
    }' "$SRC/infra/nginx/atum-desk.conf"
}

# A self-signed stand-in, so that nginx starts and the site can be enabled before the real
# certificate exists. The key is root:ssl-cert 0640 in a 0710 folder, Debian's way, so that
# nginx's user (in ssl-cert) can read it and nothing else can. Made only with the site, and
# only where no certificate or key is: the admin's own are never replaced.
ensure_certificate() {
  if [ -e "$TLS_CERT" ] || [ -e "$TLS_KEY" ]; then
    log "keeping the certificate $TLS_CERT and key $TLS_KEY"
    return
  fi
  local group=root san=DNS:$SERVER_NAME key_dir cert_dir tmp_key tmp_cert
  if getent group "$KEY_GROUP" >/dev/null; then group=$KEY_GROUP; fi
  if [[ $SERVER_NAME =~ ^[0-9.]+$ ]]; then san=IP:$SERVER_NAME; fi
  key_dir=$(dirname "$TLS_KEY") cert_dir=$(dirname "$TLS_CERT")
  [ -d "$cert_dir" ] || change install -d -m 0755 "$cert_dir"
  [ -d "$key_dir" ] || change install -d -m 0710 -g "$group" "$key_dir"
  if dry; then
    plan "make a self-signed certificate for $SERVER_NAME (openssl req -x509, 825 days): $TLS_CERT (root:root 0644) and $TLS_KEY (root:$group 0640)"
    return
  fi
  log "self-signed certificate for $SERVER_NAME in $TLS_CERT (replace it with a real one)"
  tmp_key=$(mktemp "$key_dir/.atum-desk.key.XXXXXX")
  tmp_cert=$(mktemp "$cert_dir/.atum-desk.crt.XXXXXX")
  if ! openssl req -x509 -newkey rsa:2048 -sha256 -days 825 -nodes -subj "/CN=$SERVER_NAME" \
    -addext "subjectAltName=$san" -keyout "$tmp_key" -out "$tmp_cert" 2>/dev/null; then
    rm -f "$tmp_key" "$tmp_cert"
    die "openssl could not make a certificate for $SERVER_NAME"
  fi
  chgrp "$group" "$tmp_key"
  chmod 0640 "$tmp_key"
  chmod 0644 "$tmp_cert"
  mv "$tmp_key" "$TLS_KEY"
  mv "$tmp_cert" "$TLS_CERT"
}

# nginx -t on the configuration nginx will load, printing nginx's own words when it fails.
# Under --root the tree has no nginx.conf, so a minimal one around the enabled site is tested.
nginx_test() {
  local out status=0 tmp=''
  command -v nginx >/dev/null || { NGINX_ERROR="nginx is not installed"; return 1; }
  if rooted; then
    tmp=$(mktemp -d)
    printf 'pid %s/nginx.pid;\nevents {}\nhttp { include %s; }\n' "$tmp" "$NGINX_LINK" >"$tmp/nginx.conf"
    out=$(nginx -t -q -p "$tmp/" -e "$tmp/error.log" -c "$tmp/nginx.conf" 2>&1) || status=$?
    rm -rf "$tmp"
  else
    out=$(nginx -t -q 2>&1) || status=$?
  fi
  NGINX_ERROR=$out
  return "$status"
}

# The site is rendered only once, so the admin's server_name and certificate paths survive a
# re-run. nginx -t runs on every run, enabled before or not: a site that nginx refuses stops
# it from (re)starting at all, and nginx's own message says why (such as a key it cannot read).
install_nginx_site() {
  local linked=0
  site_values
  if [ -e "$NGINX_SITE" ]; then
    log "keeping $NGINX_SITE"
  else
    ensure_certificate
    log "nginx site $NGINX_SITE (server_name $SERVER_NAME, https $HTTPS_PORT, http $HTTP_PORT, upstream $UPSTREAM)"
    [ -d "$(dirname "$NGINX_SITE")" ] || change install -d -m 0755 "$(dirname "$NGINX_SITE")"
    if dry; then
      plan "write $NGINX_SITE (0644) from infra/nginx/atum-desk.conf"
    else
      local tmp
      tmp=$(mktemp)
      render_site >"$tmp" || { rm -f "$tmp"; die "cannot render infra/nginx/atum-desk.conf"; }
      install -m 0644 "$tmp" "$NGINX_SITE"
      rm -f "$tmp"
    fi
  fi
  if [ ! -e "$NGINX_LINK" ]; then
    [ -d "$(dirname "$NGINX_LINK")" ] || change install -d -m 0755 "$(dirname "$NGINX_LINK")"
    change ln -s "$NGINX_SITE" "$NGINX_LINK"
    linked=1
  fi
  if dry; then
    plan "test the configuration with nginx -t, then reload nginx"
    return
  fi
  if ! nginx_test; then
    [ "$linked" -eq 0 ] || rm -f "$NGINX_LINK"
    printf 'install.sh: nginx -t fails with %s:\n%s\n' "$NGINX_LINK" "  ${NGINX_ERROR//$'\n'/$'\n'  }" >&2
    if [ "$linked" -eq 1 ]; then
      warn "so the site is not enabled. Fix $NGINX_SITE (server_name, certificate and key), then:
  ln -s $NGINX_SITE $NGINX_LINK && nginx -t && systemctl reload nginx"
    else
      warn "nginx would not start or reload with this configuration. Fix it, then: nginx -t && systemctl reload nginx"
    fi
    PROBLEMS=$((PROBLEMS + 1))
    return
  fi
  log "nginx -t: the configuration is valid"
  if rooted; then skip_rooted "systemctl reload-or-restart nginx"; else change systemctl reload-or-restart nginx; fi
}

# restart, not just start: on a re-run the code, dependencies or units may have changed.
# The API's ExecStartPre migrates; the worker is ordered after it. A tree's units are only
# enabled, offline (systemctl --root writes the symlinks into it).
start_services() {
  if rooted; then
    change systemctl --root="$ROOT" enable atum-api atum-worker
    skip_rooted "systemctl restart atum-api atum-worker"
    return
  fi
  log "starting atum-api and atum-worker"
  change systemctl enable --quiet atum-api atum-worker
  change systemctl restart atum-api atum-worker
}

# The doctor's worker check needs a first heartbeat, which the worker writes within seconds
# of starting; checking before that would report a problem that is not there.
wait_for_health() {
  local body
  for _ in $(seq 1 60); do
    body=$(curl -fsS -m 3 "$HEALTH_URL" 2>/dev/null || true)
    if [[ $body == *'"worker":{"status":"ok"'* ]]; then return 0; fi
    sleep 1
  done
  warn "no healthy answer from $HEALTH_URL after 60 s (journalctl -u atum-api -u atum-worker)"
}

# The same checks as infra/doctor.sh, which runs the app's doctor as atum with the env file.
run_doctor() {
  if rooted; then skip_rooted "health and doctor.sh (they check the running system)"; return; fi
  if dry; then plan "wait for $HEALTH_URL and run $APP_DIR/infra/doctor.sh"; return; fi
  wait_for_health
  log "doctor"
  local status=0
  "$APP_DIR/infra/doctor.sh" || status=$?
  if [ "$status" -eq 0 ]; then
    log "doctor: ATUM DESK is healthy"
  else
    warn "doctor reported a problem (exit $status): see the FAIL lines above"
    PROBLEMS=$((PROBLEMS + 1))
  fi
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
  exit "${1:-0}"
}

main() {
  while [ $# -gt 0 ]; do
    case $1 in
      --dry-run) DRY_RUN=1; shift ;;
      --root) ROOT=${2:?--root needs a folder}; shift 2 ;;
      --root=*) ROOT=${1#--root=}; shift ;;
      --http-port) HTTP_PORT=${2:?--http-port needs a port}; shift 2 ;;
      --http-port=*) HTTP_PORT=${1#--http-port=}; shift ;;
      -h | --help) usage ;;
      -*) printf 'install.sh: unknown option %s\n\n' "$1" >&2; usage 2 >&2 ;;
      *) [ -z "$SRC" ] || die "one SOURCE_DIR only (see --help)"; SRC=$1; shift ;;
    esac
  done
  [[ $HTTP_PORT =~ ^[1-9][0-9]{0,4}$ ]] || die "--http-port must be a port number (got \"$HTTP_PORT\")"
  if [ -n "$ROOT" ]; then
    [[ $ROOT == /* ]] || ROOT=$PWD/$ROOT
    ROOT=$(realpath -m "$ROOT")
    [ "$ROOT" != / ] || ROOT=''
  fi
  SRC=$(realpath "${SRC:-$(dirname "${BASH_SOURCE[0]}")/..}")
  set_paths
  # runuser keeps the working directory, which postgres and atum may not be allowed to enter.
  cd /
  require_root
  if dry; then log "dry run: nothing is changed; each change is printed as \"would ...\""; fi
  if rooted; then change install -d -m 0755 "$ROOT"; fi
  require_node
  install_packages
  ensure_user
  sync_code
  install_dependencies
  ensure_env_file
  ensure_database
  install_units
  install_nginx_site
  start_services
  run_doctor
  if [ "$PROBLEMS" -gt 0 ]; then
    die "installed, with $PROBLEMS problem(s) above to fix"
  fi
  if dry; then log "dry run done: nothing was changed"; else log "ATUM DESK is installed"; fi
}

# Sourcing the file (for tests) defines the functions without running anything.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
