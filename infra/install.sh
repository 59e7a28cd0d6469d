#!/usr/bin/env bash
# Installs ATUM DESK on Debian 12 as root: packages, the atum user, the app in /opt/atum-desk,
# the three database roles, /etc/atum-desk/atum.env, systemd units and the nginx site.
# Safe to run again: it keeps an existing env file and existing roles' passwords.
set -euo pipefail
src=${1:-$(cd "$(dirname "$0")/.." && pwd)}
app=/opt/atum-desk
env_file=/etc/atum-desk/atum.env

[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 1; }
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null \
  || { echo "Node.js >= 20.19 is required (see https://nodejs.org or NodeSource's Debian packages)" >&2; exit 1; }

apt-get install -y postgresql redis-server nginx rsync openssl
id atum >/dev/null 2>&1 || useradd --system --user-group --home-dir /var/lib/atum --create-home --shell /usr/sbin/nologin atum

rsync -a --delete --exclude node_modules --exclude data --exclude .git "$src/" "$app/"
chown -R atum:atum "$app"
sudo -u atum -H bash -c "cd $app && npm ci --omit=dev --no-audit --no-fund"

# Roles: passwords are only generated (and written to the env file) on the first install.
if [ ! -f "$env_file" ]; then
  owner_pw=$(openssl rand -hex 24); app_pw=$(openssl rand -hex 24); worker_pw=$(openssl rand -hex 24)
  sudo -u postgres psql -v ON_ERROR_STOP=1 -q <<SQL
do \$\$ begin
  if not exists (select 1 from pg_roles where rolname = 'atum_owner') then create role atum_owner login; end if;
  if not exists (select 1 from pg_roles where rolname = 'atum_app') then create role atum_app login nosuperuser nobypassrls; end if;
  if not exists (select 1 from pg_roles where rolname = 'atum_worker') then create role atum_worker login nosuperuser nobypassrls; end if;
end \$\$;
alter role atum_owner password '$owner_pw' createrole;
alter role atum_app password '$app_pw';
alter role atum_worker password '$worker_pw';
SQL
  sudo -u postgres psql -tAc "select 1 from pg_database where datname = 'atum'" | grep -q 1 \
    || sudo -u postgres createdb --owner atum_owner atum
  install -d -m 0750 -o root -g atum /etc/atum-desk
  umask 027
  sed -e "s#atum_app:CHANGE_ME#atum_app:$app_pw#" -e "s#atum_owner:CHANGE_ME#atum_owner:$owner_pw#" \
      -e "s#atum_worker:CHANGE_ME#atum_worker:$worker_pw#" -e "s#^APP_SECRET=.*#APP_SECRET=$(openssl rand -base64 48 | tr -d '\n')#" \
      "$app/infra/atum.env.example" > "$env_file"
  chown root:atum "$env_file"; chmod 0640 "$env_file"
  echo "wrote $env_file: set PUBLIC_URL to your address"
fi

install -m 0644 "$app/infra/systemd/atum-api.service" "$app/infra/systemd/atum-worker.service" /etc/systemd/system/
[ -e /etc/nginx/sites-available/atum-desk.conf ] || install -m 0644 "$app/infra/nginx/atum-desk.conf" /etc/nginx/sites-available/
systemctl daemon-reload
systemctl enable --now atum-api atum-worker
"$app/infra/doctor.sh" || true
echo "Next: put your certificate paths and server_name in /etc/nginx/sites-available/atum-desk.conf, link it into sites-enabled and reload nginx."
