# Image URL to use all building/pushing image targets
IMG ?= ghcr.io/gameops-dev/pterodactyl-operator:latest

# Get the currently used golang install path (in GOPATH/bin, unless GOBIN is set)
ifeq (,$(shell go env GOBIN))
GOBIN=$(shell go env GOPATH)/bin
else
GOBIN=$(shell go env GOBIN)
endif

# CONTAINER_TOOL defines the container tool to be used for building images.
CONTAINER_TOOL ?= docker

# Setting SHELL to bash allows bash commands to be executed by recipes.
# Options are set to exit when a recipe line exits non-zero or a piped command fails.
SHELL = /usr/bin/env bash -o pipefail
.SHELLFLAGS = -ec

.PHONY: all
all: build

##@ General

# The help target prints out all targets with their descriptions organized
# beneath their categories. The categories are represented by '##@' and the
# target descriptions by '##'.
.PHONY: help
help: ## Display this help.
	@awk 'BEGIN {FS = ":.*##"; printf "\nUsage:\n  make \033[36m<target>\033[0m\n"} /^[a-zA-Z_0-9-]+:.*?##/ { printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2 } /^##@/ { printf "\n\033[1m%s\033[0m\n", substr($$0, 5) } ' $(MAKEFILE_LIST)

##@ Development

.PHONY: manifests
manifests: controller-gen ## Generate CRDs and RBAC (ClusterRole) from the kubebuilder markers, then the Helm chart's copies of them.
	"$(CONTROLLER_GEN)" rbac:roleName=manager-role crd paths="./..." output:crd:artifacts:config=config/crd/bases
	hack/helm-chart.sh

.PHONY: helm-chart
helm-chart: ## Regenerate dist/chart's CRDs and role rules from config/ (make manifests does it too).
	hack/helm-chart.sh

.PHONY: helm-lint
helm-lint: helm ## Run helm lint on dist/chart.
	"$(HELM)" lint dist/chart

.PHONY: generate
generate: controller-gen ## Generate the DeepCopy methods of the API types.
	"$(CONTROLLER_GEN)" object:headerFile="hack/boilerplate.go.txt" paths="./..."

.PHONY: fmt
fmt: ## Run go fmt against code.
	go fmt ./...

.PHONY: vet
vet: ## Run go vet against code.
	go vet ./...

.PHONY: test
test: manifests generate fmt vet test-unit test-per-object test-e2e ## Run unit, envtest and e2e suites (the CI entry point).

.PHONY: test-unit
test-unit: controlplane ## Run unit and envtest suites (everything but test/e2e).
	KUBEBUILDER_ASSETS="$(CONTROLPLANE_ASSETS)" go test $$(go list ./... | grep -v /test/e2e) -race -coverprofile cover.out

.PHONY: test-per-object
test-per-object: controlplane ## Run the GameServer suite again with --observation=per-object, the benchmark baseline.
	KUBEBUILDER_ASSETS="$(CONTROLPLANE_ASSETS)" OBSERVATION=per-object go test ./internal/controller/gameservers/ -count=1

.PHONY: test-e2e
test-e2e: controlplane kustomize helm ## Run the e2e suite: real binaries, kubectl and helm against a local control plane.
	KUBEBUILDER_ASSETS="$(CONTROLPLANE_ASSETS)" KUSTOMIZE="$(KUSTOMIZE)" HELM="$(HELM)" go test ./test/e2e/ -v -ginkgo.v -timeout 30m

.PHONY: bench
bench: controlplane ## Print the performance figures: simulator throughput, client decoding, operator convergence.
	hack/bench.sh

.PHONY: bench-quick
bench-quick: controlplane ## make bench with 100 GameServers instead of 1,000, for development.
	BENCH_SERVERS=100 hack/bench.sh

.PHONY: chaos
chaos: controlplane ## Prove the operator under faults, kills, restarts, an outage and bad input; prints FIGURE lines (about 20 min).
	hack/chaos.sh

.PHONY: lint
lint: golangci-lint ## Run golangci-lint.
	"$(GOLANGCI_LINT)" run

.PHONY: lint-fix
lint-fix: golangci-lint ## Run golangci-lint and apply its fixes.
	"$(GOLANGCI_LINT)" run --fix

##@ Local control plane

.PHONY: demo
demo: ## Run everything locally (control plane, panel simulator, manager, samples) until Ctrl-C.
	KUSTOMIZE="$(KUSTOMIZE)" hack/demo.sh

.PHONY: controlplane
controlplane: ## Build (once, cached outside the clone) etcd and kube-apiserver from their Go modules.
	@hack/controlplane.sh build

.PHONY: helm
helm: ## Build (once, cached outside the clone) helm from its Go module.
	@hack/helm.sh build

.PHONY: dev-cluster-up
dev-cluster-up: controlplane ## Start etcd + kube-apiserver on loopback (state in .dev/).
	hack/dev-cluster.sh up

.PHONY: dev-cluster-down
dev-cluster-down: ## Stop what dev-cluster-up started.
	hack/dev-cluster.sh down

##@ Build

.PHONY: build
build: manifests generate fmt vet ## Build the manager and the panel simulator into bin/.
	go build -o bin/manager ./cmd/manager
	go build -o bin/panelsim ./cmd/panelsim

.PHONY: run
run: manifests generate fmt vet ## Run the manager from your host against the current kubeconfig.
	go run ./cmd/manager

# If you wish to build the manager image targeting other platforms you can use the --platform flag.
# (i.e. docker build --platform linux/arm64). However, you must enable docker buildKit for it.
.PHONY: docker-build
docker-build: ## Build the manager image.
	$(CONTAINER_TOOL) build -t ${IMG} .

.PHONY: docker-push
docker-push: ## Push the manager image.
	$(CONTAINER_TOOL) push ${IMG}

.PHONY: build-installer
build-installer: manifests generate kustomize ## Write dist/install.yaml: CRDs and the whole deployment.
	mkdir -p dist
	cd config/manager && "$(KUSTOMIZE)" edit set image controller=${IMG}
	"$(KUSTOMIZE)" build config/default > dist/install.yaml

##@ Deployment

ifndef ignore-not-found
  ignore-not-found = false
endif

.PHONY: install
install: manifests kustomize ## Install CRDs into the cluster of ~/.kube/config.
	"$(KUSTOMIZE)" build config/crd | $(KUBECTL) apply --server-side -f -

.PHONY: uninstall
uninstall: manifests kustomize ## Uninstall CRDs. Call with ignore-not-found=true to ignore resource not found errors.
	"$(KUSTOMIZE)" build config/crd | $(KUBECTL) delete --ignore-not-found=$(ignore-not-found) -f -

.PHONY: deploy
deploy: manifests kustomize ## Deploy the controller to the cluster of ~/.kube/config.
	cd config/manager && "$(KUSTOMIZE)" edit set image controller=${IMG}
	"$(KUSTOMIZE)" build config/default | $(KUBECTL) apply --server-side -f -

.PHONY: undeploy
undeploy: kustomize ## Undeploy the controller. Call with ignore-not-found=true to ignore resource not found errors.
	"$(KUSTOMIZE)" build config/default | $(KUBECTL) delete --ignore-not-found=$(ignore-not-found) -f -

##@ Dependencies

## Location to install dependencies to
LOCALBIN ?= $(shell pwd)/bin
$(LOCALBIN):
	mkdir -p "$(LOCALBIN)"

## Tool Binaries
KUBECTL ?= kubectl
KUSTOMIZE ?= $(LOCALBIN)/kustomize
CONTROLLER_GEN ?= $(LOCALBIN)/controller-gen
GOLANGCI_LINT = $(LOCALBIN)/golangci-lint

## Tool Versions (installed from the Go module proxy on first use)
KUSTOMIZE_VERSION ?= v5.8.2
CONTROLLER_TOOLS_VERSION ?= v0.23.0
GOLANGCI_LINT_VERSION ?= v2.15.0

# The control plane binaries and helm are cached outside the clone, keyed by version.
CONTROLPLANE_ASSETS = $(shell hack/controlplane.sh path)
HELM ?= $(shell hack/helm.sh path)

.PHONY: kustomize
kustomize: $(KUSTOMIZE) ## Download kustomize locally if necessary.
$(KUSTOMIZE): $(LOCALBIN)
	$(call go-install-tool,$(KUSTOMIZE),sigs.k8s.io/kustomize/kustomize/v5,$(KUSTOMIZE_VERSION))

.PHONY: controller-gen
controller-gen: $(CONTROLLER_GEN) ## Download controller-gen locally if necessary.
$(CONTROLLER_GEN): $(LOCALBIN)
	$(call go-install-tool,$(CONTROLLER_GEN),sigs.k8s.io/controller-tools/cmd/controller-gen,$(CONTROLLER_TOOLS_VERSION))

.PHONY: golangci-lint
golangci-lint: $(GOLANGCI_LINT) ## Download golangci-lint locally if necessary.
$(GOLANGCI_LINT): $(LOCALBIN)
	$(call go-install-tool,$(GOLANGCI_LINT),github.com/golangci/golangci-lint/v2/cmd/golangci-lint,$(GOLANGCI_LINT_VERSION))

# go-install-tool will 'go install' any package with custom target and name of binary, if it doesn't exist
# $1 - target path with name of binary
# $2 - package url which can be installed
# $3 - specific version of package
define go-install-tool
@[ -f "$(1)-$(3)" ] && [ "$$(readlink -- "$(1)" 2>/dev/null)" = "$(1)-$(3)" ] || { \
set -e; \
package=$(2)@$(3) ;\
echo "Downloading $${package}" ;\
rm -f "$(1)" ;\
GOBIN="$(LOCALBIN)" go install $${package} ;\
mv "$(LOCALBIN)/$$(basename "$(1)")" "$(1)-$(3)" ;\
} ;\
ln -sf "$$(realpath "$(1)-$(3)")" "$(1)"
endef
