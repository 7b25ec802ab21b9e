#!/usr/bin/env bash
# The bundled local centre for the demo: a throw-away demo PKI (openssl), `fieldcase-centre init`
# with the demo unit and officers, then `serve` in the background. Sourced by demo.sh; needs
# $centre_bin, $admin_bin and $demo_root set. Defines start_demo_centre, enrol_demo_terminal,
# sync_demo_terminal and stop_demo_centre. Demo PKI only: a province issues its own
# (docs/centre.md).
demo_centre_dir() { echo "$demo_root/centre"; }

make_demo_pki() {
  local pki="$1"
  [[ -f "$pki/server.pem" ]] && return 0
  mkdir -p "$pki"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
    -keyout "$pki/ca.key" -out "$pki/ca.pem" -subj "/CN=FieldCase DEMO provincial CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$pki/server.key" \
    -out "$pki/server.csr" -subj "/CN=localhost" 2>/dev/null
  openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" \
    -CAcreateserial -days 825 -out "$pki/server.pem" \
    -extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n') \
    2>/dev/null
  chmod 600 "$pki/ca.key" "$pki/server.key"
}

start_demo_centre() {
  local dir pki
  dir="$(demo_centre_dir)"
  pki="$dir/pki"
  make_demo_pki "$pki"
  if [[ ! -f "$dir/data/centre.json" ]]; then
    "$centre_bin" init --data "$dir/data" --tls-cert "$pki/server.pem" --tls-key "$pki/server.key" \
      --client-ca "$pki/ca.pem" --terminal-ca-cert "$pki/ca.pem" --terminal-ca-key "$pki/ca.key" \
      --port 0 --enrol-port 0 >/dev/null
    local c=("$centre_bin" admin --data "$dir/data")
    "${c[@]}" unit add demo-unit-110105 "示范市交通运输综合行政执法支队一大队" >/dev/null
    "${c[@]}" officer add demo-off-1 "张伟" --unit demo-unit-110105 --cert-no 11010001 >/dev/null
    "${c[@]}" officer add demo-off-2 "王芳" --unit demo-unit-110105 --cert-no 11010002 >/dev/null
    "${c[@]}" officer add demo-sup-1 "刘强" --unit demo-unit-110105 --cert-no 11010009 \
      --roles officer,supervisor >/dev/null
    "${c[@]}" series add "当场行政处罚决定书" "$(date +%Y)" "示交罚〔{year}〕{seq:6}号" --first 100001 >/dev/null
  fi
  "$centre_bin" serve --data "$dir/data" >"$dir/serve.log" 2>&1 &
  demo_centre_pid=$!
  for _ in $(seq 1 100); do
    grep -q "listening" "$dir/serve.log" 2>/dev/null && break
    sleep 0.1
  done
  local ports
  ports="$(grep -o 'sync=[0-9]* enrol=[0-9]*' "$dir/serve.log")" || {
    echo "The demo centre did not start:" >&2; cat "$dir/serve.log" >&2; return 1; }
  demo_sync_url="https://localhost:$(sed 's/sync=\([0-9]*\).*/\1/' <<<"$ports")"
  demo_enrol_url="https://localhost:$(sed 's/.*enrol=\([0-9]*\)/\1/' <<<"$ports")"
  echo "Demo centre: $demo_sync_url (enrolment $demo_enrol_url)"
}

# Enrols the terminal once (the centre's addresses change each run, so they are refreshed). The
# demo officers are registered first: the demo installer is the one who enrols. Run before the
# terminal starts, so the terminal finds its sync settings and syncs in the background.
enrol_demo_terminal() {
  local data="$1" dir token
  dir="$(demo_centre_dir)"
  if [[ ! -f "$data/sync/client.pem" ]]; then
    "$admin_bin" demo seed --data "$data" >/dev/null
    token="$("$centre_bin" admin --data "$dir/data" token create --unit demo-unit-110105 \
      --officers demo-off-1,demo-off-2 --hours 1)"
    "$admin_bin" sync enrol --data "$data" --centre "$demo_sync_url" --enrol-url "$demo_enrol_url" \
      --ca "$dir/pki/ca.pem" --token "$token" --installer demo-installer
  else
    python3 - "$data/sync/settings.json" "$demo_sync_url" "$demo_enrol_url" <<'PY'
import json, sys
path, sync_url, enrol_url = sys.argv[1:]
s = json.load(open(path))
s["centreUrl"], s["enrolUrl"] = sync_url, enrol_url
json.dump(s, open(path, "w"), ensure_ascii=False, indent=2)
PY
  fi
}

# Enrols if needed, runs one sync cycle and shows the status (after a headless demo, this is what
# takes its case to the centre; after the window, whatever the background sync left).
sync_demo_terminal() {
  local data="$1"
  enrol_demo_terminal "$data"
  "$admin_bin" sync now --data "$data" || true
  "$admin_bin" sync status --data "$data"
}

stop_demo_centre() {
  [[ -n "${demo_centre_pid:-}" ]] && kill "$demo_centre_pid" 2>/dev/null && wait "$demo_centre_pid" 2>/dev/null
  return 0
}
