# shellcheck shell=bash
# Reading /etc/atum-desk/atum.env from the infra scripts. Sourced, not run.
#
# The env file is read as the KEY=value data systemd reads, never sourced as shell: a value
# must not be able to run shell code in a root script.

# Prints the value of KEY in FILE (surrounding quotes removed); fails when the file is
# unreadable or the key is absent or empty.
#   env_file_value /etc/atum-desk/atum.env DATA_DIR
env_file_value() {
  local file=$1 key=$2 line k v
  [ -r "$file" ] || return 1
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]] || continue
    k=${BASH_REMATCH[1]} v=${BASH_REMATCH[2]}
    [ "$k" = "$key" ] || continue
    if [[ $v =~ ^\"(.*)\"$ || $v =~ ^\'(.*)\'$ ]]; then v=${BASH_REMATCH[1]}; fi
    [ -n "$v" ] || return 1
    printf '%s' "$v"
    return 0
  done <"$file"
  return 1
}

# Writes FILE to stdout with the KEY=... lines named in $SET_KEYS replaced by $NEW_<KEY>.
# The values travel through the environment, not the command line, where ps would show the
# passwords:
#   SET_KEYS="DATA_DIR" NEW_DATA_DIR=/srv/atum env_file_render atum.env >atum.env.new
env_file_render() {
  awk 'BEGIN { n = split(ENVIRON["SET_KEYS"], keys, " "); for (i = 1; i <= n; i++) want[keys[i]] = 1 }
       match($0, /^[A-Z_]+=/) {
         key = substr($0, 1, RLENGTH - 1)
         if (key in want) { print key "=" ENVIRON["NEW_" key]; next }
       }
       { print }' "$1"
}
