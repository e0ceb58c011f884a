#!/usr/bin/env bash
# make demo: the whole operator on this machine, no cluster, no panel, no Docker.
#
# Builds the manager and the panel simulator, starts a local control plane (hack/dev-cluster.sh),
# the simulator and the manager on loopback, installs the CRDs, applies config/samples/ pointed at
# the simulator, waits until every object is Ready, prints them, and stays up until Ctrl-C, which
# stops everything it started. State and logs live in $DEMO_DIR (default .dev/demo/).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
DEMO_DIR="${DEMO_DIR:-$REPO/.dev/demo}"
export DEV_CLUSTER_DIR="${DEV_CLUSTER_DIR:-$REPO/.dev}"
READY_TIMEOUT="${DEMO_READY_TIMEOUT:-180s}"
KUSTOMIZE="${KUSTOMIZE:-$REPO/bin/kustomize}"
STEPS=7
step_no=0
current_log=""
pids=()

mkdir -p "$DEMO_DIR"
: >"$DEMO_DIR/steps.log"

step() {
  step_no=$((step_no + 1))
  current_step="$1"
  current_log="${2:-$DEMO_DIR/steps.log}"
  printf '[%d/%d] %s\n' "$step_no" "$STEPS" "$1"
}

on_error() {
  printf '\ndemo: step "%s" failed; its log: %s\n' "$current_step" "$current_log" >&2
  if [[ -s "$current_log" ]]; then
    echo "--- last lines of $current_log ---" >&2
    tail -n 20 "$current_log" >&2
  fi
}

cleanup() {
  trap - EXIT INT TERM
  echo
  echo "demo: stopping what it started"
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  hack/dev-cluster.sh down >/dev/null 2>&1 || true
}

trap 'on_error' ERR
trap 'cleanup' EXIT
trap 'exit 130' INT TERM

step "Building bin/manager, bin/panelsim and the control plane (first run: ~10 min)" "$DEMO_DIR/build.log"
{
  make build kustomize
  hack/controlplane.sh build
} >"$DEMO_DIR/build.log" 2>&1

step "Starting etcd and kube-apiserver on loopback" "$DEV_CLUSTER_DIR/kube-apiserver.log"
hack/dev-cluster.sh up >>"$DEMO_DIR/steps.log" 2>&1
export KUBECONFIG="$DEV_CLUSTER_DIR/kubeconfig"

step "Starting the panel simulator" "$DEMO_DIR/panelsim.log"
bin/panelsim --listen 127.0.0.1:0 --install-delay 5s >"$DEMO_DIR/panelsim.log" 2>&1 &
pids+=($!)
sim_url="" sim_key="" sim_client_key=""
for _ in $(seq 1 100); do
  sim_url="$(sed -n 's/^url=//p' "$DEMO_DIR/panelsim.log")"
  sim_key="$(sed -n 's/^application_key=//p' "$DEMO_DIR/panelsim.log")"
  sim_client_key="$(sed -n 's/^client_key=//p' "$DEMO_DIR/panelsim.log")"
  [[ -n "$sim_url" && -n "$sim_key" && -n "$sim_client_key" ]] && break
  kill -0 "${pids[-1]}" 2>/dev/null || false
  sleep 0.1
done
[[ -n "$sim_url" ]] || false

step "Installing the CRDs" "$DEMO_DIR/steps.log"
"$KUSTOMIZE" build config/crd | kubectl apply --server-side -f - >>"$DEMO_DIR/steps.log" 2>&1
kubectl wait --for=condition=Established --timeout=60s crd -l app.kubernetes.io/name=pterodactyl-operator >>"$DEMO_DIR/steps.log" 2>&1

step "Starting the manager" "$DEMO_DIR/manager.log"
bin/manager --metrics-bind-address=0 --health-probe-bind-address=127.0.0.1:0 --zap-log-level=debug \
  >"$DEMO_DIR/manager.log" 2>&1 &
pids+=($!)

step "Applying config/samples/ (the Panel pointed at the simulator)" "$DEMO_DIR/steps.log"
# An overlay of the samples: the Panel's URL and key are the simulator's, the interval short
# enough to watch drift being reverted.
overlay="$DEMO_DIR/overlay"
mkdir -p "$overlay"
samples="$(realpath --relative-to="$overlay" "$REPO/config/samples")"
cat >"$overlay/kustomization.yaml" <<EOF
resources:
- namespace.yaml
- $samples
patches:
- target: {kind: Panel, name: default}
  patch: |-
    - {op: replace, path: /spec/url, value: "$sim_url"}
    - {op: replace, path: /spec/syncInterval, value: 30s}
- target: {kind: Secret, name: panel-credentials}
  patch: |-
    - {op: replace, path: /stringData/applicationKey, value: "$sim_key"}
    - {op: replace, path: /stringData/clientKey, value: "$sim_client_key"}
EOF
cat >"$overlay/namespace.yaml" <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: pterodactyl-system
EOF
kubectl apply -k "$overlay" >>"$DEMO_DIR/steps.log" 2>&1

step "Waiting until every object is Ready (timeout $READY_TIMEOUT)" "$DEMO_DIR/manager.log"
kubectl wait --for=condition=Ready --timeout="$READY_TIMEOUT" panel/default >>"$DEMO_DIR/steps.log" 2>&1
kubectl wait --for=condition=Ready --timeout="$READY_TIMEOUT" \
  panellocations --all >>"$DEMO_DIR/steps.log" 2>&1
kubectl wait --for=condition=Ready --timeout="$READY_TIMEOUT" \
  panelnodes --all >>"$DEMO_DIR/steps.log" 2>&1
kubectl wait --for=condition=Ready --timeout="$READY_TIMEOUT" -n default \
  panelusers,gameservers,serverdatabases,gameserversets,serversubusers --all >>"$DEMO_DIR/steps.log" 2>&1

echo
echo "All Ready."
echo
kubectl get pterodactyl -A
echo
identifier="$(kubectl get gameserver survival -n default -o jsonpath='{.status.identifier}')"
echo "server.properties of survival, as the panel's file manager shows it (from the survival-config ConfigMap):"
curl -fsS -H "Authorization: Bearer $sim_client_key" -H 'Accept: application/json' \
  "$sim_url/api/client/servers/$identifier/files/contents?file=/server.properties" | sed 's/^/  /'
cat <<EOF

Explore (in another shell):
  export KUBECONFIG=$KUBECONFIG
  kubectl get gameservers -o wide
  kubectl describe gameserver survival
  kubectl patch gameserver survival --type merge -p '{"spec":{"limits":{"memory":4096}}}'
  kubectl scale gss/lobby --replicas=5; kubectl get pgs -l pterodactyl.gameops.dev/set=lobby
  curl -s -H 'Accept: application/json' -H "Authorization: Bearer $sim_key" $sim_url/api/application/servers | jq
  curl -s -H "Authorization: Bearer $sim_client_key" "$sim_url/api/client/servers/\$(kubectl get gameserver survival -o jsonpath='{.status.identifier}')/files/contents?file=/server.properties"
  curl -s $sim_url/_sim/counts | jq        # the simulator's request counters

Logs: $DEMO_DIR/manager.log (debug; keys are never logged), $DEMO_DIR/panelsim.log
Press Ctrl-C to stop everything.
EOF
trap - ERR
wait "${pids[@]}"
