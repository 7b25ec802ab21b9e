#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build (release), and run the terminal in demo
# mode with the bundled demo unit and officers. With no display it runs the headless end-to-end
# demo: opens a demo case through core, prints what was stored and checks the store.
#   FIELDCASE_DATA=DIR   keep the demo store somewhere else (default: build/demo-data)
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
data="${FIELDCASE_DATA:-$PWD/build/demo-data}"
exec build/release/app/fieldcase --data "$data" "$@"
