#!/usr/bin/env bash
# Installs every system package FileWallBall builds, tests and benchmarks with.
# Idempotent: packages already present are skipped; safe to run on every CI start.
set -euo pipefail

PACKAGES=(
  libcurl4-openssl-dev libmariadb-dev libhiredis-dev libyaml-dev
  mariadb-server mariadb-client redis-server redis-tools
  libargon2-dev zstd gzip curl jq wrk python3-venv procps openssl
  bubblewrap
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# Debian's packaging would start system-wide daemons; we only ever run private ones.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
