#!/usr/bin/env bash
# Installs every Debian package that the build, the tests and the demo need, on a fresh
# Debian 12 (bookworm) machine. Idempotent: packages already present are skipped, and apt is
# only touched when something is missing. Works with an empty or an existing apt cache.
#
#   packaging/install-deps.sh            # build + tests + demo
#   FIELDCASE_DEPS=build packaging/install-deps.sh   # only what compiling needs
set -euo pipefail

# Build: compilers, Qt 6.4 modules and the C libraries of the stack (see shared/stack.md).
# qt6-websockets-dev is required by Qt6HttpServerConfig.cmake but not pulled in by it.
BUILD_PKGS=(
  cmake ninja-build g++ pkgconf ccache git
  qt6-base-dev qt6-multimedia-dev qt6-positioning-dev qt6-serialport-dev
  qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
  libqt6sql6-sqlite libqt6svg6
  libzxing-dev libcups2-dev libcurl4-openssl-dev libssl-dev libsqlite3-dev libpcsclite-dev
  catch2 openssl sqlite3
)
# Runtime for the demo and GUI tests: fonts for Simplified Chinese, an X server for screenshots,
# GStreamer plugins (Qt Multimedia's default backend segfaults without them).
RUNTIME_PKGS=(
  fonts-noto-cjk xvfb xauth
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-libav
)
# Test services and tools: real cupsd, pcscd + vpcd, serial ptys, gpsd, media generators,
# PDF tools for golden checks.
TEST_PKGS=(
  socat gpsd gpsd-clients cups cups-client cups-ipp-utils cups-filters poppler-utils
  pcscd pcsc-tools vsmartcard-vpcd
  ffmpeg gstreamer1.0-tools procps iproute2 psmisc util-linux
)

case "${FIELDCASE_DEPS:-all}" in
  build) WANT=("${BUILD_PKGS[@]}") ;;
  *) WANT=("${BUILD_PKGS[@]}" "${RUNTIME_PKGS[@]}" "${TEST_PKGS[@]}") ;;
esac

# Test peers from npm: an independent tus server (@tus/server) and client (tus-js-client) for the
# sync interop tests, pinned by tests/peers/tus/package-lock.json. Needs the machine's Node.js 20 and npm.
install_test_peers() {
  [ "${FIELDCASE_DEPS:-all}" = build ] && return 0
  local dir
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/peers/tus"
  if [ -d "$dir/node_modules/@tus/server" ] && [ -d "$dir/node_modules/tus-js-client" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null; then
    echo "install-deps: npm not found; the tus interoperability tests will fail" >&2
    return 0
  fi
  echo "install-deps: installing the tus test peer from npm"
  npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
}

missing=()
for p in "${WANT[@]}"; do
  # dpkg-query prints "install ok installed" only for a fully installed package.
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#WANT[@]} packages present"
  install_test_peers
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Always refresh the lists first: on a fresh machine the cache may be empty or stale, and a stale
# list makes apt ask for .deb versions the mirror no longer has.
$SUDO apt-get update -qq
# No services start on install here (policy-rc.d); the test harness starts its own daemons.
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
install_test_peers
