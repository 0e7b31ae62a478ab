#!/usr/bin/env bash
# Regenerates the hicolor PNGs from tameio.svg (needs rsvg-convert: apt install librsvg2-bin).
# The PNGs are committed, so building the package needs no converter.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "${size}x${size}"
    rsvg-convert -w "$size" -h "$size" tameio.svg -o "${size}x${size}/tameio.png"
done
