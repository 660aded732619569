#!/usr/bin/env bash
# The workbook tests convert a workbook with LibreOffice Calc (headless), as
# an official saving it from LibreOffice would: install it when it is missing.
set -euo pipefail
command -v soffice > /dev/null && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "LibreOffice Calc is needed for the workbook tests: sudo apt-get install -y libreoffice-calc" >&2
  exit 1
fi
echo "Installing Debian's libreoffice-calc for the workbook tests…" >&2
apt-get update -qq && apt-get install -y -qq --no-install-recommends libreoffice-calc > /dev/null
