#!/usr/bin/env bash
# LibreOffice in the tests, headless: the Committee's appendix (DOCX) is
# converted to PDF by Writer and read back as text (pdftotext, poppler-utils),
# and workbooks are saved by Calc as an official saving one would. Install
# Debian's packages when any is missing.
set -euo pipefail
PACKAGES=(libreoffice-writer libreoffice-calc poppler-utils)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "LibreOffice and poppler-utils are needed for the report and workbook tests: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian's ${missing[*]} for the report and workbook tests…" >&2
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
