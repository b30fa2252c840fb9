#!/usr/bin/env bash
# Install the Debian packages policyx's features need, when missing.
# Idempotent and quick when everything is there; as non-root it says what to run.
set -euo pipefail

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v antiword >/dev/null 2>&1 || need+=(antiword)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils poppler-data)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
# Headless Chromium renders the compare/diff HTML reports in the browser tests.
command -v chromium >/dev/null 2>&1 || need+=(chromium)

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "policyx: missing system packages: ${need[*]}" >&2
  echo "policyx: run: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  echo "policyx: (features that need them are skipped until then)" >&2
  exit 0
fi
echo "policyx: installing system packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
