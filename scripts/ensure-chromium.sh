#!/usr/bin/env bash
# The catalogue pages are tested in headless Debian Chromium (driven by
# playwright-core, which downloads no browser): install it when it is missing.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is needed for the page tests: sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "Installing Debian's chromium for the page tests…" >&2
apt-get update -qq && apt-get install -y -qq chromium > /dev/null
