#!/usr/bin/env bash
# Refreshes the files this handbook vendors from npm packages pinned in package.json.
# The copies are committed, so building the handbook needs no npm; run this only to upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
fonts=overrides/assets/fonts
js=overrides/assets/javascripts/vendor
mkdir -p "$fonts" "$js"
khmer=node_modules/@fontsource/noto-sans-khmer
for subset in khmer latin latin-ext; do
  for weight in 400 700; do
    cp "$khmer/files/noto-sans-khmer-$subset-$weight-normal.woff2" "$fonts/"
  done
done
cp "$khmer/LICENSE" "$fonts/OFL-noto-sans-khmer.txt"
node scripts/vendor-iframe-worker.js
cp node_modules/iframe-worker/LICENSE "$js/iframe-worker-LICENSE.txt"
echo "vendored: $(ls "$fonts" | wc -l) font files, iframe-worker $(node -p "require('iframe-worker/package.json').version")"
node scripts/vendor-passphrase.js
