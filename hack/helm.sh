#!/usr/bin/env bash
# Builds helm from its official Go module, the way hack/controlplane.sh builds etcd and kube-apiserver.
#
# Release downloads are unreachable from our build machines, but the Go module proxy is not, so helm is
# compiled from source at a pinned version in a throwaway module (never added to the project's go.mod)
# and cached outside the clone, keyed by version, so later runs and later clones reuse it.
#
#   hack/helm.sh build   build (once); progress on stderr only
#   hack/helm.sh path    print the binary's path; never builds
#
# Safe to run concurrently: a lock serialises builders and the binary is moved into place atomically.
set -euo pipefail
export GOFLAGS=-mod=mod

# helm v4's module path ends in /v4; a v3 pin (HELM_VERSION=v3.21.4) switches the path with it.
HELM_VERSION="${HELM_VERSION:-v4.3.2}"
HELM_MAJOR="${HELM_VERSION%%.*}"
HELM_MODULE="helm.sh/helm/${HELM_MAJOR}"

CACHE_ROOT="${PTERO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pterodactyl-operator}"
HELM_DIR="$CACHE_ROOT/helm/${HELM_VERSION}"
HELM_BIN="$HELM_DIR/helm"

log() { echo "helm: $*" >&2; }

build() {
  local work started=$SECONDS
  work="$(mktemp -d "$CACHE_ROOT/helm/build.XXXXXX")"
  BUILD_DIR="$work"
  trap 'rm -rf "${BUILD_DIR:-}"' EXIT
  log "building helm ${HELM_VERSION} from ${HELM_MODULE}; the first build takes minutes"
  (
    cd "$work"
    go mod init local/helm >/dev/null 2>&1
    go mod edit -require="${HELM_MODULE}@${HELM_VERSION}"
    cat >tools.go <<EOF
//go:build tools

package tools

import _ "${HELM_MODULE}/cmd/helm"
EOF
    go mod tidy >/dev/null 2>&1 || go mod tidy
    # Without the -X, `helm version` reports only the major.minor compiled into the module (v4.3).
    CGO_ENABLED=0 go build -trimpath -o "$work/helm.bin" \
      -ldflags "-X ${HELM_MODULE}/internal/version.version=${HELM_VERSION} \
        -X ${HELM_MODULE}/internal/version.gitTreeState=clean" \
      "${HELM_MODULE}/cmd/helm"
  )
  mv -f "$work/helm.bin" "$HELM_BIN" # same filesystem: atomic
  log "built helm ${HELM_VERSION} in $((SECONDS - started))s into $HELM_BIN"
}

ensure() {
  [[ -x "$HELM_BIN" ]] && return 0
  mkdir -p "$HELM_DIR"
  exec 9>"$HELM_DIR/.lock"
  if ! flock -n 9; then
    log "another build holds $HELM_DIR/.lock; waiting"
    flock 9
  fi
  [[ -x "$HELM_BIN" ]] || build
}

case "${1:-}" in
  build) ensure ;;
  path) echo "$HELM_BIN" ;;
  *)
    echo "usage: $0 build|path" >&2
    exit 2
    ;;
esac
