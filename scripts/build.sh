#!/usr/bin/env bash
# Configures and builds pinc into build/ (executables in build/bin/). Installs what is missing first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/deps.sh"
build_type="${PINC_BUILD_TYPE:-RelWithDebInfo}"
if [ ! -f "$root/build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
fi
cmake --build "$root/build" -j "$(nproc)"
