#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium (/usr/bin/chromium) when it is missing: the CLI's browser test
# renders the what-if HTML report with it, and under CI=true that test fails rather than skips without it.
# Safe to run any number of times; does nothing when /usr/bin/chromium is there.
#
#   bash loyalty-cli/src/test/scripts/install-chromium.sh
set -euo pipefail

log() { echo "install-chromium: $*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

if [ -x /usr/bin/chromium ]; then
  log "/usr/bin/chromium is there"
  exit 0
fi

log "installing chromium"
# The package lists may be absent on a fresh image; a failed install is retried once after an update.
if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
[ -x /usr/bin/chromium ] || { log "chromium did not install /usr/bin/chromium"; exit 1; }
log "$(/usr/bin/chromium --version 2>/dev/null || echo chromium installed)"
