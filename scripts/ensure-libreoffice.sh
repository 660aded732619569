#!/usr/bin/env bash
# The Committee's appendix (DOCX) is opened in LibreOffice in the tests:
# converted headless to PDF (soffice) and read back as text (pdftotext,
# poppler-utils). Install Debian's packages when they are missing.
set -euo pipefail
command -v soffice > /dev/null && command -v pdftotext > /dev/null && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "LibreOffice Writer and poppler-utils are needed for the report tests: sudo apt-get install -y --no-install-recommends libreoffice-writer poppler-utils" >&2
  exit 1
fi
echo "Installing Debian's libreoffice-writer and poppler-utils for the report tests…" >&2
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer poppler-utils > /dev/null
