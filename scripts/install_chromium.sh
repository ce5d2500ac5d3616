#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (tests/browser). Idempotent.
# Never fails for a missing browser on a non-root machine: the tests skip instead.
# Note: `playwright install` downloads browsers and does not work here; we use Debian's package.
set -euo pipefail

chromium_bin="${STORYTRACE_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$chromium_bin" ] && "$chromium_bin" --version >/dev/null 2>&1; then
    "$chromium_bin" --version 2>/dev/null
    exit 0
fi
if command -v chromium >/dev/null 2>&1 && chromium --version >/dev/null 2>&1; then
    chromium --version 2>/dev/null
    exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install_chromium: installing Debian chromium with apt-get..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    /usr/bin/chromium --version 2>/dev/null
    exit 0
fi

echo "install_chromium: chromium not found and cannot install it (need root + apt-get); browser tests will be skipped."
exit 0
