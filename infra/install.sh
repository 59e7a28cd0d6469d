#!/usr/bin/env bash
# Installs ATUM DESK on Debian 12. Run as root:
#
#   infra/install.sh [SOURCE_DIR]        SOURCE_DIR defaults to this repository
#
# Set PUBLIC_URL=https://your.host in the environment to have it written to the env file on
# the first install; otherwise edit /etc/atum-desk/atum.env afterwards.
#
# Safe to run again (that is also one way to upgrade): /etc/atum-desk/atum.env is written once
# and from then on is the source of truth. Each run makes the database roles match its
# passwords, re-syncs the code, reinstalls dependencies and restarts both units.
set -euo pipefail

readonly APP_DIR=/opt/atum-desk
readonly DATA_DIR=/var/lib/atum
readonly ENV_DIR=/etc/atum-desk
readonly ENV_FILE=$ENV_DIR/atum.env
readonly SERVICE_USER=atum
readonly DB_NAME=atum
readonly HEALTH_URL=http://127.0.0.1:8000/api/v1/health
readonly NGINX_SITE=/etc/nginx/sites-available/atum-desk.conf
readonly NGINX_LINK=/etc/nginx/sites-enabled/atum-desk.conf
# systemd's default PATH: the units find node only there (the tsx launcher is
# "#!/usr/bin/env node"), so a node that only the root shell sees does not count.
readonly SYSTEMD_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

log() { printf '==> %s\n' "$*"; }
warn() { printf 'install.sh: warning: %s\n' "$*" >&2; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

# Writing to /etc, /opt and the PostgreSQL catalog needs root; failing late would leave a half install.
require_root() {
  [ "$(id -u)" -eq 0 ] || die "run as root (sudo $0)"
}

# Checked before anything is installed: Debian 12's own nodejs is 18, which the app refuses.
require_node() {
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
  exit 1
}

# The distribution packages are the supported PostgreSQL 15, Redis and nginx for Debian 12.
install_packages() {
  log "installing packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    postgresql redis-server nginx rsync openssl curl ca-certificates >/dev/null
  systemctl enable --now postgresql redis-server nginx
}

# A system account with no shell: the app runs as it and owns only its data and code.
ensure_user() {
  if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
    log "creating user $SERVICE_USER"
    useradd --system --user-group --home-dir "$DATA_DIR" --shell /usr/sbin/nologin \
      --comment "ATUM DESK" "$SERVICE_USER"
  fi
  install -d -m 0750 -o "$SERVICE_USER" -g "$SERVICE_USER" "$DATA_DIR"
}

# Anchored excludes (/data, not data) so that a source folder that happens to be called
# "data" deeper in the tree is still copied. --delete keeps /opt/atum-desk an exact copy;
# excluded paths (the installed node_modules) are left alone.
sync_code() {
  local src=$1
  if [ ! -f "$src/package.json" ] || [ ! -f "$src/package-lock.json" ]; then
    die "$src does not look like ATUM DESK (no package.json and package-lock.json)"
  fi
  install -d -m 0755 "$APP_DIR"
  if [ "$(realpath "$src")" = "$(realpath "$APP_DIR")" ]; then
    log "code is already in $APP_DIR"
  else
    log "copying $src to $APP_DIR"
    rsync -a --delete --exclude=/node_modules --exclude=/data --exclude=/.git --exclude=/.env \
      "$src/" "$APP_DIR/"
  fi
  # npm ci runs as atum and has to replace node_modules.
  chown -R "$SERVICE_USER:$SERVICE_USER" "$APP_DIR"
}

# As atum, not root, so package install scripts never run with root rights.
install_dependencies() {
  log "npm ci --omit=dev in $APP_DIR"
  (cd "$APP_DIR" && runuser -u "$SERVICE_USER" -- env HOME="$DATA_DIR" PATH="$SYSTEMD_PATH" \
    npm ci --omit=dev --no-audit --no-fund --no-update-notifier --loglevel=error)
}

# Replaces the KEY=... lines named in $SET_KEYS with $NEW_<KEY>. The values travel through
# the environment, not the command line, where ps would show the passwords.
render_env() {
  awk 'BEGIN { n = split(ENVIRON["SET_KEYS"], keys, " "); for (i = 1; i <= n; i++) want[keys[i]] = 1 }
       match($0, /^[A-Z_]+=/) {
         key = substr($0, 1, RLENGTH - 1)
         if (key in want) { print key "=" ENVIRON["NEW_" key]; next }
       }
       { print }' "$1"
}

# Written once: later runs must not change the passwords or APP_SECRET (that would sign
# everybody out), and an admin's edits must survive.
ensure_env_file() {
  install -d -m 0750 -o root -g "$SERVICE_USER" "$ENV_DIR"
  if [ -f "$ENV_FILE" ]; then
    log "keeping $ENV_FILE"
    return
  fi
  local public_url=${PUBLIC_URL:-https://desk.example.com}
  [[ $public_url =~ ^https?://[A-Za-z0-9.:-]+$ ]] \
    || die "PUBLIC_URL must look like https://desk.example.com (got \"$public_url\")"
  log "writing $ENV_FILE"
  local owner_pw app_pw worker_pw tmp
  owner_pw=$(openssl rand -hex 24)
  app_pw=$(openssl rand -hex 24)
  worker_pw=$(openssl rand -hex 24)
  tmp=$(mktemp "$ENV_DIR/.atum.env.XXXXXX")
  SET_KEYS="DATABASE_URL DATABASE_OWNER_URL WORKER_DATABASE_URL APP_SECRET PUBLIC_URL" \
  NEW_DATABASE_URL="postgres://atum_app:$app_pw@127.0.0.1:5432/$DB_NAME" \
  NEW_DATABASE_OWNER_URL="postgres://atum_owner:$owner_pw@127.0.0.1:5432/$DB_NAME" \
  NEW_WORKER_DATABASE_URL="postgres://atum_worker:$worker_pw@127.0.0.1:5432/$DB_NAME" \
  NEW_APP_SECRET="$(openssl rand -base64 48 | tr -d '\n')" \
  NEW_PUBLIC_URL="$public_url" \
    render_env "$APP_DIR/infra/atum.env.example" >"$tmp"
  chown "root:$SERVICE_USER" "$tmp"
  chmod 0640 "$tmp"
  mv "$tmp" "$ENV_FILE"
  [ -n "${PUBLIC_URL:-}" ] || warn "set PUBLIC_URL in $ENV_FILE to the address users reach"
}

# The env file is parsed, never sourced: systemd reads it as KEY=value data, and a value
# must not be able to run shell code here. Prints the value of one key.
env_value() {
  local key=$1 line k v
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]] || continue
    k=${BASH_REMATCH[1]} v=${BASH_REMATCH[2]}
    [ "$k" = "$key" ] || continue
    if [[ $v =~ ^\"(.*)\"$ || $v =~ ^\'(.*)\'$ ]]; then v=${BASH_REMATCH[1]}; fi
    printf '%s' "$v"
    return 0
  done <"$ENV_FILE"
  return 1
}

# The password in one of the env file's URLs, checked to belong to the role install.sh
# manages: a URL pointing at another role means the admin set the database up by hand.
role_password() {
  local var=$1 role=$2 url
  url=$(env_value "$var") || die "$ENV_FILE has no $var"
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
  install -m 0644 "$APP_DIR/infra/systemd/atum-api.service" "$APP_DIR/infra/systemd/atum-worker.service" \
    /etc/systemd/system/
  systemctl daemon-reload
}

# The site is copied only once, so the admin's server_name and certificate paths survive a
# re-run. It is enabled only if nginx accepts it: with the placeholder certificate missing,
# an enabled site would stop nginx from (re)starting at all.
install_nginx_site() {
  if [ -e "$NGINX_SITE" ]; then
    log "keeping $NGINX_SITE"
  else
    log "nginx site $NGINX_SITE"
    install -m 0644 "$APP_DIR/infra/nginx/atum-desk.conf" "$NGINX_SITE"
  fi
  if [ -e "$NGINX_LINK" ]; then
    log "nginx site already enabled"
    return
  fi
  ln -s "$NGINX_SITE" "$NGINX_LINK"
  if nginx -t -q 2>/dev/null; then
    systemctl reload-or-restart nginx
    log "nginx site enabled"
  else
    rm -f "$NGINX_LINK"
    warn "nginx site not enabled yet: nginx -t fails with it (usually the certificate is not in place).
  Set server_name and the certificate in $NGINX_SITE, then:
  ln -s $NGINX_SITE $NGINX_LINK && nginx -t && systemctl reload nginx"
  fi
}

# restart, not just start: on a re-run the code, dependencies or units may have changed.
# The API's ExecStartPre migrates; the worker is ordered after it.
start_services() {
  log "starting atum-api and atum-worker"
  systemctl enable --quiet atum-api atum-worker
  systemctl restart atum-api atum-worker
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
  log "doctor"
  local status=0
  "$APP_DIR/infra/doctor.sh" || status=$?
  if [ "$status" -eq 0 ]; then
    log "ATUM DESK is installed and healthy"
  else
    warn "doctor reported a problem (exit $status): see the FAIL lines above"
  fi
  return "$status"
}

main() {
  local src
  src=$(realpath "${1:-$(dirname "${BASH_SOURCE[0]}")/..}")
  # runuser keeps the working directory, which postgres and atum may not be allowed to enter.
  cd /
  require_root
  require_node
  install_packages
  ensure_user
  sync_code "$src"
  install_dependencies
  ensure_env_file
  ensure_database
  install_units
  install_nginx_site
  start_services
  wait_for_health
  run_doctor
}

# Sourcing the file (for tests) defines the functions without running anything.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
