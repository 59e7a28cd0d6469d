#!/usr/bin/env bash
# One line per check: the units, the health endpoint, and `atum doctor` (config, database,
# application role, migrations, Redis, worker heartbeat). Exits 1 when anything is wrong.
set -uo pipefail
app=/opt/atum-desk
env_file=/etc/atum-desk/atum.env
status=0
for unit in atum-api atum-worker; do
  if systemctl is-active --quiet "$unit"; then echo "ok    $unit is running"; else echo "FAIL  $unit is not running (journalctl -u $unit)"; status=1; fi
done
if curl -fsS -o /dev/null http://127.0.0.1:8000/api/v1/health; then echo "ok    health answers 200"; else echo "FAIL  http://127.0.0.1:8000/api/v1/health does not answer 200"; status=1; fi
sudo -u atum bash -c "set -a; . $env_file; set +a; cd $app && node_modules/.bin/tsx lib/cli/index.ts doctor" || status=1
exit $status
