#!/usr/bin/env bash
# Nightly backup: a custom-format pg_dump of the database and a tarball of uploaded files,
# keeping the newest $KEEP (default 14) of each.
set -euo pipefail
dest=${BACKUP_DIR:-/var/backups/atum-desk}
keep=${KEEP:-14}
data_dir=${DATA_DIR:-/var/lib/atum}
stamp=$(date +%Y%m%d-%H%M%S)
install -d -m 0700 "$dest"
sudo -u postgres pg_dump -Fc atum > "$dest/atum-$stamp.dump"
[ -d "$data_dir/files" ] && tar -czf "$dest/files-$stamp.tar.gz" -C "$data_dir" files
for pattern in 'atum-*.dump' 'files-*.tar.gz'; do
  find "$dest" -maxdepth 1 -name "$pattern" -printf '%T@ %p\n' | sort -rn | tail -n +$((keep + 1)) | cut -d' ' -f2- | xargs -r rm -f
done
echo "backup written to $dest; restore with: sudo -u postgres pg_restore --clean --if-exists -d atum $dest/atum-$stamp.dump"
