#!/usr/bin/env bash
# A throwaway Kubernetes control plane on loopback: etcd + kube-apiserver, no nodes, no Docker.
#
#   hack/dev-cluster.sh up      start both in the background and write $DEV_CLUSTER_DIR/kubeconfig
#   hack/dev-cluster.sh env     print `export KUBECONFIG=…` (use: eval "$(hack/dev-cluster.sh env)")
#   hack/dev-cluster.sh status  say whether it is running and where
#   hack/dev-cluster.sh down    stop exactly the processes `up` started and drop the etcd data
#   hack/dev-cluster.sh restart-apiserver   stop kube-apiserver and start it again on the same
#                               port over the same etcd (what an upgrade of the control plane does)
#
# State (certificates, pid files, logs, etcd data) lives in $DEV_CLUSTER_DIR, default .dev/ in the clone.
# Enough for CRDs, RBAC, Secrets and controllers; there is no scheduler, so Pods never run.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${DEV_CLUSTER_DIR:-$REPO/.dev}"
# Absolute, because the pid checks below look for it in the processes' command lines.
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
PKI="$DIR/pki"
KUBECONFIG_FILE="$DIR/kubeconfig"
STARTUP_TIMEOUT="${DEV_CLUSTER_TIMEOUT:-90}"

log() { echo "dev-cluster: $*" >&2; }
die() { log "$*"; exit 1; }

# running NAME succeeds when NAME's pid file names a live process that is ours: its command line
# mentions this cluster's directory, so a recycled pid is never mistaken for it (and never killed).
running() {
  local pidfile="$DIR/$1.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$DIR/"
}

# free_port prints a loopback port nobody listens on, below the kernel's ephemeral range so that
# outgoing connections cannot take it between our check and the server's bind.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free loopback port found"
}

# cert NAME SUBJECT [SAN] issues a key and certificate signed by the cluster CA.
cert() {
  local name="$1" subject="$2" san="${3:-}" ext
  openssl genrsa -out "$PKI/$name.key" 2048 2>/dev/null
  openssl req -new -key "$PKI/$name.key" -subj "$subject" -out "$PKI/$name.csr" 2>/dev/null
  ext="$PKI/$name.ext"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=digitalSignature,keyEncipherment"
    if [[ -n "$san" ]]; then
      echo "extendedKeyUsage=serverAuth"
      echo "subjectAltName=$san"
    else
      echo "extendedKeyUsage=clientAuth"
    fi
  } >"$ext"
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial \
    -days 365 -sha256 -extfile "$ext" -out "$PKI/$name.crt" 2>/dev/null
  rm -f "$PKI/$name.csr" "$ext"
}

ensure_pki() {
  [[ -f "$PKI/admin.crt" ]] && return 0
  mkdir -p "$PKI"
  chmod 700 "$PKI"
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=pterodactyl-dev-ca" \
    -keyout "$PKI/ca.key" -out "$PKI/ca.crt" 2>/dev/null
  cert apiserver "/CN=kube-apiserver" "IP:127.0.0.1,DNS:localhost"
  # system:masters is the group the API server always authorises, whatever RBAC says.
  cert admin "/O=system:masters/CN=dev-admin"
  openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
}

write_kubeconfig() {
  local port="$1" tmp
  tmp="$(mktemp "$DIR/kubeconfig.XXXXXX")"
  cat >"$tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: pterodactyl-dev
  cluster:
    server: https://127.0.0.1:$port
    certificate-authority-data: $(base64 -w0 <"$PKI/ca.crt")
users:
- name: dev-admin
  user:
    client-certificate-data: $(base64 -w0 <"$PKI/admin.crt")
    client-key-data: $(base64 -w0 <"$PKI/admin.key")
contexts:
- name: pterodactyl-dev
  context:
    cluster: pterodactyl-dev
    user: dev-admin
current-context: pterodactyl-dev
EOF
  chmod 600 "$tmp"
  mv -f "$tmp" "$KUBECONFIG_FILE"
}

# start NAME BINARY ARGS… launches a process in its own session, detached from this shell.
start() {
  local name="$1"
  shift
  setsid "$@" >"$DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$DIR/$name.pid"
}

stop() {
  local name="$1" pid
  if running "$name"; then
    pid="$(cat "$DIR/$name.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      [[ -d "/proc/$pid" ]] || break
      sleep 0.1
    done
    [[ -d "/proc/$pid" ]] && kill -9 "$pid" 2>/dev/null || true
    log "stopped $name (pid $pid)"
  fi
  rm -f "$DIR/$name.pid"
}

wait_ready() {
  local deadline=$((SECONDS + STARTUP_TIMEOUT))
  until kubectl --kubeconfig "$KUBECONFIG_FILE" get --raw /readyz >/dev/null 2>&1; do
    if ! running kube-apiserver || ! running etcd || ((SECONDS > deadline)); then
      log "the control plane did not become ready; last lines of $DIR/kube-apiserver.log:"
      tail -n 20 "$DIR/kube-apiserver.log" >&2 || true
      return 1
    fi
    sleep 0.2
  done
}

# start_apiserver BIN ETCD_PORT API_PORT starts kube-apiserver over the etcd on ETCD_PORT.
start_apiserver() {
  local bin="$1" etcd_client="$2" api="$3"
  start kube-apiserver "$bin/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_client" \
    --bind-address 127.0.0.1 \
    --advertise-address 127.0.0.1 \
    --endpoint-reconciler-type none \
    --secure-port "$api" \
    --cert-dir "$DIR/pki" \
    --tls-cert-file "$PKI/apiserver.crt" \
    --tls-private-key-file "$PKI/apiserver.key" \
    --client-ca-file "$PKI/ca.crt" \
    --service-account-issuer "https://127.0.0.1:$api" \
    --service-account-key-file "$PKI/sa.pub" \
    --service-account-signing-key-file "$PKI/sa.key" \
    --service-cluster-ip-range 10.96.0.0/16 \
    --authorization-mode RBAC \
    --allow-privileged=true
}

# restart_apiserver stops kube-apiserver and starts it again as up did; etcd and its data stay.
restart_apiserver() {
  running etcd || die "not running; use up"
  local etcd_client api
  read -r etcd_client api <"$DIR/ports"
  stop kube-apiserver
  start_apiserver "$("$REPO/hack/controlplane.sh" path)" "$etcd_client" "$api"
  wait_ready || die "kube-apiserver did not come back; logs are in $DIR"
  log "kube-apiserver restarted at https://127.0.0.1:$api"
}

up() {
  if running kube-apiserver && running etcd; then
    log "already running; $(env_line)"
    return 0
  fi
  down_quietly
  "$REPO/hack/controlplane.sh" build
  local bin etcd_client etcd_peer api
  bin="$("$REPO/hack/controlplane.sh" path)"
  mkdir -p "$DIR"
  ensure_pki
  etcd_client="$(free_port)"
  etcd_peer="$(free_port)"
  api="$(free_port)"

  start etcd "$bin/etcd" \
    --name dev \
    --data-dir "$DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_client" \
    --advertise-client-urls "http://127.0.0.1:$etcd_client" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "dev=http://127.0.0.1:$etcd_peer" \
    --unsafe-no-fsync \
    --log-level warn

  echo "$etcd_client $api" >"$DIR/ports"
  start_apiserver "$bin" "$etcd_client" "$api"

  write_kubeconfig "$api"
  if ! wait_ready; then
    down_quietly
    die "startup failed; logs are in $DIR"
  fi
  log "ready at https://127.0.0.1:$api (etcd on :$etcd_client); $(env_line)"
}

down_quietly() {
  stop kube-apiserver
  stop etcd
  rm -rf "$DIR/etcd"
}

down() {
  [[ -d "$DIR" ]] || { log "nothing to stop in $DIR"; return 0; }
  down_quietly
  rm -f "$KUBECONFIG_FILE"
}

env_line() { echo "export KUBECONFIG=$KUBECONFIG_FILE"; }

case "${1:-}" in
  up) up ;;
  restart-apiserver) restart_apiserver ;;
  down) down ;;
  env) env_line ;;
  status)
    if running kube-apiserver && running etcd; then
      echo "running: $(grep -m1 'server:' "$KUBECONFIG_FILE" | awk '{print $2}') (state in $DIR)"
    else
      echo "stopped (state in $DIR)"
      exit 1
    fi
    ;;
  *)
    echo "usage: $0 up|down|env|status|restart-apiserver" >&2
    exit 2
    ;;
esac
