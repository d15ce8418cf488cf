#!/usr/bin/env bash
# Renders img/*.dot to img/*.png. The PNGs are committed; run this after editing a .dot file.
# Needs Graphviz and a Korean font: apt-get install graphviz fonts-nanum
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dot >/dev/null || { echo "render-images: install graphviz (apt-get install graphviz fonts-nanum)" >&2; exit 2; }
fc-list | grep -qi nanum || echo "render-images: warning: fonts-nanum is not installed; Korean labels may show as boxes" >&2
for source in img/*.dot; do
    dot -Tpng -Gdpi=110 "$source" -o "${source%.dot}.png"
    echo "rendered ${source%.dot}.png"
done
