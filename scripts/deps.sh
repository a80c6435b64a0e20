#!/usr/bin/env bash
# Installs every Debian package pinc needs to build, test and run; quiet when all are present.
# Runs as root on a fresh Debian 12 machine (or with sudo when available).
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build clang-format
  catch2 libcli11-dev nlohmann-json3-dev libtomlplusplus-dev
  librocksdb-dev capnproto libcapnp-dev libcaf-dev libasio-dev libspdlog-dev libfmt-dev libssl-dev
  libxml2-dev curl
  libhpdf-dev libkainjow-mustache-dev libcurl4-openssl-dev poppler-utils python3-aiosmtpd
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
