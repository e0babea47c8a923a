#!/usr/bin/env bash
# Installs the system packages the handbook needs, only those missing, with apt-get (Debian 12).
#   chromium       prints the PDFs and runs the browser tests
#   poppler-utils  pdftotext / pdffonts, used by the PDF tests
#   nodejs, npm    install axe-core for the accessibility tests
#   python3-venv   creates .venv on a stock Debian python3
#   minisign       signs the release checksums when HANDBOOK_SIGNING_KEY is set (and its tests)
#   firefox-esr    the worksheet and search tests in Firefox (driven by puppeteer-core; no browser download)
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
command -v minisign >/dev/null || missing+=(minisign)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]} …"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
