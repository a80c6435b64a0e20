#!/usr/bin/env bash
# Configures and builds pinc into build/ (executables in build/bin/). Installs what is missing first.
# PINC_BUILD_DIR picks another build directory (relative to the repository root, or absolute), so
# that two people on one checkout need not share a build tree.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh"
build_dir="${PINC_BUILD_DIR:-build}"
[[ "$build_dir" = /* ]] || build_dir="$root/$build_dir"
build_type="${PINC_BUILD_TYPE:-RelWithDebInfo}"
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)"
