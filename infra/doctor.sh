#!/usr/bin/env bash
# Checks a production install, one line per check: both units, GET /api/v1/health (a
# "degraded" answer fails, naming why), then the app's own doctor: as root, nginx's side (its
# worker user can read the TLS certificate and key, they match and last 14 more days, HTTPS
# GET / redirects to sign-in and health answers 200 through PUBLIC_URL); as atum from
# /opt/atum-desk with the environment the units get, the rest (config, database, application
# role, migrations, mailboxes, worker heartbeat, jobs out of attempts, Redis, and the API's
# real listening sockets: loopback only behind nginx).
# Run as root (or as atum, which cannot check nginx's key). Exit code: the app doctor's code
# when it fails; otherwise 1 when a unit or the health check failed; 0 when everything is fine.
set -euo pipefail

# The ATUM_* overrides exist for test/doctor-sh.test.ts, which runs this script from the checkout.
readonly APP_DIR=${ATUM_APP_DIR:-/opt/atum-desk}
readonly ENV_FILE=${ATUM_ENV_FILE:-/etc/atum-desk/atum.env}
readonly SERVICE_USER=${ATUM_SERVICE_USER:-atum}
# The API's port as the units get it (PORT in the env file), 8000 when unset.
env_port() {
  local port
  port=$(sed -n 's/^[[:space:]]*PORT[[:space:]]*=[[:space:]]*["'"'"']\{0,1\}\([0-9]\{1,5\}\).*/\1/p' "$ENV_FILE" 2>/dev/null | tail -n 1)
  echo "${port:-8000}"
}
HEALTH_URL=${ATUM_HEALTH_URL:-http://127.0.0.1:$(env_port)/api/v1/health}
readonly HEALTH_URL
# What systemd gives a service by default, so the doctor sees what the units see.
readonly SYSTEMD_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# Same layout as the app doctor's lines, so the output reads as one list.
report() { # ok|FAIL name detail
  printf '%-4s  %-18s %s\n' "$1" "$2" "$3"
}

# is-active prints the state even when it is not "active", which is the useful detail.
check_unit() {
  local unit=$1 state
  if ! command -v systemctl >/dev/null; then
    report FAIL "$unit" "systemctl not found: is this a systemd host?"
    return 1
  fi
  state=$(systemctl is-active "$unit" 2>/dev/null || true)
  if [ "$state" = active ]; then
    report ok "$unit" active
  else
    report FAIL "$unit" "${state:-unknown} (journalctl -u $unit -e)"
    return 1
  fi
}

# 200 also covers "degraded" (Redis down, no worker heartbeat, a failing mailbox): users are
# served, but mail, SLAs or sign-in limits are not working, so it is a failure, with its reasons.
check_health() {
  local body code status why
  body=$(mktemp)
  code=$(curl -sS -m 5 -o "$body" -w '%{http_code}' "$HEALTH_URL" 2>/dev/null || true)
  status=$(grep -o '"status":"[a-z]*"' "$body" | head -n 1 | cut -d'"' -f4 || true)
  why=$(degraded_reasons <"$body")
  rm -f "$body"
  if [ "$code" = 200 ] && [ "$status" = ok ]; then
    report ok health "$HEALTH_URL: 200 (ok)"
  elif [ "$code" = 200 ]; then
    report FAIL health "$HEALTH_URL: 200 but ${status:-no status}${why:+: $why}"
    return 1
  else
    report FAIL health "$HEALTH_URL: ${code/#000/no answer}${status:+ ($status)}${why:+: $why}"
    return 1
  fi
}

# The parts of a health answer that are not ok, in words ("worker stale, Redis down, 1 failing
# mailbox"); node reads the JSON, since the app needs it anyway.
degraded_reasons() {
  node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      let h; try { h = JSON.parse(s); } catch { return; }
      const why = [];
      if (h.database && h.database.status !== "ok") why.push("database " + h.database.status + (h.database.error ? " (" + h.database.error + ")" : ""));
      if (h.worker && h.worker.status !== "ok") why.push("worker " + h.worker.status + (h.worker.last_heartbeat ? " since " + h.worker.last_heartbeat : ""));
      if (h.kv && h.kv.status !== "ok") why.push((h.kv.kind === "redis" ? "Redis" : "kv") + " " + h.kv.status);
      const n = h.mail && h.mail.failing_mailboxes;
      if (n) why.push(n + " failing mailbox" + (n === 1 ? "" : "es"));
      process.stdout.write(why.join(", "));
    });' 2>/dev/null || true
}

# The env file is parsed as the KEY=value data systemd reads, never sourced as shell, and
# exported one by one so the passwords are in the environment, not on a command line that
# ps shows to every user.
export_env_file() {
  local line key value
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]] || continue
    key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
    export "$key=$value"
  done <"$1"
}

# A clean environment (only systemd's PATH plus the env file), so variables from the
# caller's shell cannot make the check pass or fail where the units would not.
# $1: the user to run as (atum, or root for nginx's side); the rest: doctor's arguments.
run_app_doctor() {
  local user=$1
  shift
  local -a as_user=()
  if [ "$(id -u)" -eq 0 ]; then
    [ "$user" = root ] || as_user=(runuser -u "$user" --)
  elif [ "$(id -un)" != "$user" ]; then
    report FAIL doctor "run as root or as $SERVICE_USER"
    return 1
  fi
  if [ ! -r "$ENV_FILE" ]; then
    report FAIL doctor "cannot read $ENV_FILE"
    return 1
  fi
  (
    cd "$APP_DIR" || exit 1   # set -e is off here: the caller tests our status
    while IFS= read -r name; do unset "$name" 2>/dev/null || true; done < <(compgen -e)
    export PATH=$SYSTEMD_PATH LANG=C.UTF-8
    export_env_file "$ENV_FILE"
    exec "${as_user[@]}" node_modules/.bin/tsx lib/cli/index.ts doctor "$@"
  )
}

main() {
  local other=0 status=0
  check_unit atum-api || other=1
  check_unit atum-worker || other=1
  check_health || other=1
  # Only root can read the key's folder (/etc/ssl/private) and switch to nginx's user to test it.
  if [ "$(id -u)" -eq 0 ]; then
    run_app_doctor root --nginx-only || status=$?
    run_app_doctor "$SERVICE_USER" --skip-nginx || status=$?
  else
    run_app_doctor "$SERVICE_USER" || status=$?
  fi
  if [ "$status" -ne 0 ]; then exit "$status"; fi
  exit "$other"
}

main "$@"
