#!/usr/bin/env bash
# Builds etcd and kube-apiserver (and, on demand, kubectl) from their official Go modules.
#
# Release downloads are unreachable from our build machines, but the Go module proxy is not, so the
# binaries envtest and the dev cluster need are compiled from source at pinned versions that match the
# k8s.io library minor in go.mod. They land in a cache outside the clone, keyed by version, so a second
# clone or a second run reuses them in seconds.
#
#   hack/controlplane.sh build     build (once) and print nothing but progress on stderr
#   hack/controlplane.sh path      print the asset directory (for KUBEBUILDER_ASSETS); never builds
#   hack/controlplane.sh kubectl   build kubectl into the same cache (for machines without one) and print its path
#
# Safe to run concurrently: a lock serialises builders, and binaries are moved into place atomically.
set -euo pipefail
export GOFLAGS=-mod=mod

KUBERNETES_VERSION="${KUBERNETES_VERSION:-v1.37.2}"
ETCD_VERSION="${ETCD_VERSION:-v3.7.3}"

CACHE_ROOT="${PTERO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/pterodactyl-operator}"
ASSETS_DIR="$CACHE_ROOT/controlplane/k8s-${KUBERNETES_VERSION}-etcd-${ETCD_VERSION}"

log() { echo "controlplane: $*" >&2; }

# staging_version maps a Kubernetes release to the version of its published staging modules
# (v1.37.2 -> v0.37.2).
staging_version() { echo "v0.${KUBERNETES_VERSION#v1.}"; }

have() { [[ -x "$ASSETS_DIR/$1" ]]; }

build_etcd() {
  local work="$1"
  mkdir -p "$work/etcd"
  cat >"$work/etcd/main.go" <<'EOF'
// Command etcd is etcd's own server entrypoint, compiled from the pinned module.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
EOF
  (
    cd "$work/etcd"
    go mod init local/etcd >/dev/null 2>&1
    go mod edit -require="go.etcd.io/etcd/server/v3@${ETCD_VERSION}"
    go mod tidy >/dev/null
    # etcd reports its version from go.etcd.io/etcd/api/v3/version, which is compiled in already.
    CGO_ENABLED=0 go build -trimpath -o "$work/etcd.bin" .
  )
}

# k8s.io/kubernetes is not meant to be a dependency: its go.mod points every k8s.io/<staging> module at
# ./staging. A consumer module must therefore replace each of them with the published v0.X.Y release.
kubernetes_module() {
  local work="$1" gomod staging
  gomod="$(go mod download -json "k8s.io/kubernetes@${KUBERNETES_VERSION}" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  staging="$(staging_version)"
  mkdir -p "$work/k8s"
  (
    cd "$work/k8s"
    go mod init local/k8s >/dev/null 2>&1
    go mod edit -require="k8s.io/kubernetes@${KUBERNETES_VERSION}"
    grep -E '^\s*k8s\.io/[^ ]+ => \./staging/' "$gomod" | awk '{print $1}' | while read -r mod; do
      go mod edit -replace="${mod}=${mod}@${staging}"
    done
    cat >tools.go <<'EOF'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
EOF
    go mod tidy >/dev/null 2>&1 || go mod tidy
  )
}

build_kubernetes_cmd() {
  local work="$1" cmd="$2" minor
  minor="${KUBERNETES_VERSION#v1.}"
  minor="${minor%%.*}"
  (
    cd "$work/k8s"
    CGO_ENABLED=0 go build -trimpath -o "$work/$cmd.bin" -ldflags "\
      -X k8s.io/component-base/version.gitVersion=${KUBERNETES_VERSION} \
      -X k8s.io/component-base/version.gitMajor=1 \
      -X k8s.io/component-base/version.gitMinor=${minor} \
      -X k8s.io/component-base/version.gitTreeState=clean \
      -X k8s.io/client-go/pkg/version.gitVersion=${KUBERNETES_VERSION} \
      -X k8s.io/client-go/pkg/version.gitMajor=1 \
      -X k8s.io/client-go/pkg/version.gitMinor=${minor}" \
      "k8s.io/kubernetes/cmd/$cmd"
  )
}

# with_lock runs "$@" holding an exclusive lock on the cache, so concurrent runs build once.
with_lock() {
  mkdir -p "$ASSETS_DIR"
  exec 9>"$ASSETS_DIR/.lock"
  if ! flock -n 9; then
    log "another build holds $ASSETS_DIR/.lock; waiting"
    flock 9
  fi
  "$@"
}

ensure() {
  local wanted=("$@") missing=() work
  for bin in "${wanted[@]}"; do have "$bin" || missing+=("$bin"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0

  work="$(mktemp -d "$CACHE_ROOT/controlplane/build.XXXXXX")"
  BUILD_DIR="$work"
  trap 'rm -rf "${BUILD_DIR:-}"' EXIT
  local started=$SECONDS
  for bin in "${missing[@]}"; do
    log "building $bin (etcd ${ETCD_VERSION}, kubernetes ${KUBERNETES_VERSION}); the first build takes minutes"
    case "$bin" in
      etcd) build_etcd "$work" ;;
      kube-apiserver | kubectl)
        [[ -f "$work/k8s/go.mod" ]] || kubernetes_module "$work"
        build_kubernetes_cmd "$work" "$bin"
        ;;
    esac
    mv -f "$work/$bin.bin" "$ASSETS_DIR/$bin" # same filesystem: atomic
  done
  log "built ${missing[*]} in $((SECONDS - started))s into $ASSETS_DIR"
}

case "${1:-}" in
  build)
    with_lock ensure etcd kube-apiserver
    ;;
  path)
    echo "$ASSETS_DIR"
    ;;
  kubectl)
    with_lock ensure kubectl
    echo "$ASSETS_DIR/kubectl"
    ;;
  *)
    echo "usage: $0 build|path|kubectl" >&2
    exit 2
    ;;
esac
