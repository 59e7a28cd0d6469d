#!/usr/bin/env bash
# Starts `npm start` the way a newcomer does (no DATABASE_URL, no REDIS_URL), waits for
# GET /api/v1/health to answer 200, checks the demo login is printed, stops it with Ctrl-C
# (SIGINT to the whole process group, as a terminal sends it) and checks that no postgres
# process is left behind. Then starts again on the same data and checks nothing was lost.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/atum-smoke.XXXXXX)
chmod 755 "$work" # as root, the embedded PostgreSQL runs as the postgres user
export DATA_DIR="$work/data" PORT="${SMOKE_PORT:-18000}" EMBEDDED_PG_PORT="${SMOKE_PG_PORT:-15488}"
unset DATABASE_URL DATABASE_OWNER_URL WORKER_DATABASE_URL REDIS_URL
health="http://127.0.0.1:$PORT/api/v1/health"
pid=""

fail() {
  echo "smoke: FAIL: $*" >&2
  [ -n "$pid" ] && kill -INT -- "-$pid" 2>/dev/null || true
  for f in "$work"/start*.log; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done
  exit 1
}

start() { # $1: log file
  setsid npm start >"$1" 2>&1 &
  pid=$!
  local t0=$SECONDS
  until curl -fsS "$health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || fail "npm start exited before health answered"
    [ $((SECONDS - t0)) -lt 60 ] || fail "no 200 from $health within 60 s"
    sleep 0.5
  done
  echo "smoke: health 200 after $((SECONDS - t0)) s: $(curl -fsS "$health")"
}

stop() { # Ctrl-C: SIGINT to the process group, then wait for a clean exit
  kill -INT -- "-$pid"
  local t0=$SECONDS
  while kill -0 "$pid" 2>/dev/null; do
    [ $((SECONDS - t0)) -lt 60 ] || fail "npm start did not exit within 60 s of SIGINT"
    sleep 0.2
  done
  pid=""
  if pgrep -f "$DATA_DIR/pg" >/dev/null; then fail "a postgres process was left behind: $(pgrep -af "$DATA_DIR/pg")"; fi
  echo "smoke: stopped cleanly, no postgres left running"
}

start "$work/start1.log"
grep -q 'demo login: organization "demo", email admin@demo.local, password ' "$work/start1.log" || fail "the demo login was not printed"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$health")
[ "$status" = 405 ] || fail "POST $health answered $status, expected 405"
# Sign in with the printed demo login, as the README tells a newcomer to, and use the token.
password=$(grep -o 'email admin@demo.local, password .*' "$work/start1.log" | head -1 | sed 's/.*password //')
login=$(curl -s -w '\n%{http_code}' -H 'content-type: application/json' \
  -d "{\"org\":\"demo\",\"email\":\"admin@demo.local\",\"password\":\"$password\"}" "http://127.0.0.1:$PORT/api/v1/auth/login")
[ "$(tail -1 <<<"$login")" = 200 ] || fail "demo sign-in answered $login"
token=$(head -1 <<<"$login" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).access_token))')
me=$(curl -s -o /dev/null -w '%{http_code}' -H "authorization: Bearer $token" "http://127.0.0.1:$PORT/api/v1/me")
[ "$me" = 200 ] || fail "GET /api/v1/me with the demo token answered $me"
echo "smoke: demo sign-in and GET /api/v1/me ok"
grep -q 'added 8 demo tickets' "$work/start1.log" || fail "the demo tickets were not added"
queue=$(curl -s -w '\n%{http_code}' -H "authorization: Bearer $token" -H 'accept: text/html' "http://127.0.0.1:$PORT/app/queues")
[ "$(tail -1 <<<"$queue")" = 200 ] || fail "GET /app/queues answered $(tail -1 <<<"$queue")"
grep -q 'VPN disconnects every hour since the last update' <<<"$queue" || fail "the agent queue does not show the demo tickets"
echo "smoke: the agent queue shows the demo tickets"
stop

start "$work/start2.log"
grep -q 'created the demo organization' "$work/start2.log" && fail "the second start created the demo org again"
grep -q 'demo login: organization "demo"' "$work/start2.log" || fail "the second start did not print the demo login"
first=$(grep -o 'password .*' "$work/start1.log" | head -1)
second=$(grep -o 'password .*' "$work/start2.log" | head -1)
[ "$first" = "$second" ] || fail "the demo login changed between starts"
stop

rm -rf "$work"
echo "smoke: ok"
