#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build (dev preset: Debug + ccache + Ninja) and
# run the whole test suite. Ends with CTest's summary line; exits non-zero if anything fails.
#   packaging/test.sh -L unit        extra arguments go to ctest (here: only unit tests)
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
# Tests run headless; Qt wants a private runtime dir.
export QT_QPA_PLATFORM=offscreen
XDG_RUNTIME_DIR="$(mktemp -d)"
export XDG_RUNTIME_DIR
chmod 0700 "$XDG_RUNTIME_DIR"
ctest --preset dev -j2 --timeout 1200 "$@"
