#!/usr/bin/env bash
# Builds pinc and runs every test through CTest. Installs what is missing first.
# PINC_BUILD_DIR picks the build directory, as for scripts/build.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
build_dir="${PINC_BUILD_DIR:-build}"
[[ "$build_dir" = /* ]] || build_dir="$root/$build_dir"
cd "$build_dir"
ctest --output-on-failure -j "$(nproc)" "$@"
