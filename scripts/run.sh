#!/usr/bin/env bash
# Builds pinc and shows it working: what `pinc calc` offers, with an example of each command.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
pinc="$root/build/bin/pinc"
run() { echo; echo "\$ pinc $*"; "$pinc" "$@"; }
"$pinc" calc --help
run calc costs 1.234,56 300
run calc costs 100 --vat 21
run calc interest 1000 --due 2023-06-01 --until 2025-12-31 --kind consumer
run calc deadline --sent 2026-02-05 --channel post
run calc schedule --due 2026-03-02 --opened 2026-03-03 --kind consumer --email
