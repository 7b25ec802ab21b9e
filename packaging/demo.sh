#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build (release), start the bundled local
# centre (packaging/demo-centre.sh), enrol the terminal with it, and run the terminal in demo mode
# with the bundled demo unit and officers; the window syncs in the background (status bar, "Sync
# now"). With no display it runs the headless end-to-end demo: opens a demo case through core,
# prints what was stored and checks the store; then one sync cycle takes it to the local centre.
#   FIELDCASE_DATA=DIR   keep the demo store somewhere else (default: build/demo-data)
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
data="${FIELDCASE_DATA:-$PWD/build/demo-data}"
demo_root="$PWD/build/demo"
centre_bin="$PWD/build/release/app/fieldcase-centre"
admin_bin="$PWD/build/release/app/fieldcase-admin"
source packaging/demo-centre.sh
start_demo_centre
trap stop_demo_centre EXIT
enrol_demo_terminal "$data"
build/release/app/fieldcase --data "$data" "$@"
sync_demo_terminal "$data"
