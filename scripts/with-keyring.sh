#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (a real Secret
# Service), with HOME and the XDG folders in a throwaway directory, so tests use a real keychain
# without touching the user's own. Usage: scripts/with-keyring.sh <command> [args...]
set -euo pipefail
if [ -z "${NEXUS_KEYRING_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      pkg=dbus; [ "$tool" = gnome-keyring-daemon ] && pkg=gnome-keyring
      echo "with-keyring: '$tool' is missing. Install it: sudo apt-get install $pkg dbus-x11 gnome-keyring" >&2
      exit 3
    fi
  done
  tmp=$(mktemp -d -t nexus-keyring-XXXXXX)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/cache" "$tmp/runtime"
  chmod 700 "$tmp/runtime"
  export NEXUS_KEYRING_SESSION=1 HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
    XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime"
  exec dbus-run-session -- "$0" "$@"
fi
# Inside the private bus: start the keyring's secrets component, unlocked with a throwaway password.
eval "$(printf 'nexus-test-keyring\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
