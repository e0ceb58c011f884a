/*
Copyright 2026 The pterodactyl-operator Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/

// Command panelsim serves a simulated Pterodactyl panel on loopback, for tests, `make demo` and
// trying the Application API with curl. It prints the URL and keys it serves as key=value lines.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "panelsim:", err)
		os.Exit(1)
	}
}

func run() error {
	var (
		listen       = flag.String("listen", "127.0.0.1:8081", "address to serve on (port 0 picks a free one)")
		appKey       = flag.String("application-key", "", "the admin's application key (ptla_…, 48 characters); default: random")
		clientKey    = flag.String("client-key", "", "the admin's client key (ptlc_…); default: random")
		seedFile     = flag.String("seed", "", "YAML or JSON seed file; default: a fresh panel's nests, eggs, admin and database host")
		installDelay = flag.Duration("install-delay", 2*time.Second, "how long a new or reinstalled server stays installing")
		rateLimit    = flag.Int("rate-limit", 240, "Application API requests per minute per user (0 or negative: no limit)")
		randSeed     = flag.Int64("rand-seed", 1, "seed for uuids, tokens and deploy choices")
		backupTime   = flag.Duration("backup-duration", 3*time.Second, "how long Wings takes to make or restore a backup")
		flavorName   = flag.String("flavor", "pterodactyl", "the panel to answer as: pterodactyl (1.x), jexactyl, pterodactyl-0.7 or pterodactyl-0.6 (the last two for testing that an operator refuses them)")
	)
	flag.Parse()
	flavor, err := panelsim.ParseFlavor(*flavorName)
	if err != nil {
		return fmt.Errorf("--flavor: %w", err)
	}

	opts := panelsim.Options{ApplicationKey: *appKey, ClientKey: *clientKey, InstallDelay: *installDelay,
		RateLimitPerMinute: *rateLimit, RandSeed: *randSeed, BackupDuration: *backupTime, RestoreDuration: *backupTime, Flavor: flavor}
	if *rateLimit == 0 {
		opts.RateLimitPerMinute = -1
	}
	if *seedFile != "" {
		seed, err := panelsim.LoadSeed(*seedFile)
		if err != nil {
			return err
		}
		opts.Seed = seed
	}
	for _, k := range []struct{ flag, value, prefix string }{{"--application-key", *appKey, "ptla_"}, {"--client-key", *clientKey, "ptlc_"}} {
		if k.value != "" && (len(k.value) != 48 || k.value[:5] != k.prefix) {
			return fmt.Errorf("%s must be 48 characters starting with %s", k.flag, k.prefix)
		}
	}

	var lc net.ListenConfig
	ln, err := lc.Listen(context.Background(), "tcp", *listen)
	if err != nil {
		return err
	}
	sim := panelsim.New(opts)
	srv := &http.Server{Handler: sim, ReadHeaderTimeout: 10 * time.Second}
	fmt.Printf("url=http://%s\n", ln.Addr())
	fmt.Printf("application_key=%s\n", sim.ApplicationKey())
	fmt.Printf("client_key=%s\n", sim.ClientKey())
	fmt.Printf("panelsim: serving the Application API at http://%s/api/application and the control API at /_sim/\n", ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
