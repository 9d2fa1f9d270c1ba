#!/usr/bin/env bash
# Debian's Chromium for the console's browser tests (test/e2e/console*.e2e.test.ts drive it
# with playwright-core, headless). Idempotent: does nothing when /usr/bin/chromium exists.
# Progress goes to stderr; stdout prints the browser's path, e.g.
#   export DMS_CHROMIUM="$(bash deploy/local/chromium.sh)"
set -euo pipefail

CHROMIUM="${DMS_CHROMIUM:-/usr/bin/chromium}"

log() { printf '[chromium] %s\n' "$*" >&2; }
die() { printf '[chromium] error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo -n "$@"
  else die "need root to run: $*"; fi
}

if [[ ! -x "$CHROMIUM" ]]; then
  log "installing Debian's chromium package (first run: a minute or two)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  # fonts-liberation: readable text in screenshots; the package pulls the rest of what it needs.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium fonts-liberation >&2
  [[ -x "$CHROMIUM" ]] || die "$CHROMIUM still missing after apt-get install chromium"
fi
log "$("$CHROMIUM" --version 2>/dev/null || echo chromium) at $CHROMIUM"
echo "$CHROMIUM"
