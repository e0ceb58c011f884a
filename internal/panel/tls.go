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

package panel

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

// TLSConfig adds trust for panels behind a private CA.
type TLSConfig struct {
	// CABundlePEM is trusted in addition to the system roots.
	CABundlePEM []byte
	// InsecureSkipVerify disables certificate verification. For labs only.
	InsecureSkipVerify bool
}

func applyTLS(rt http.RoundTripper, tc TLSConfig) (http.RoundTripper, error) {
	if rt == nil {
		rt = http.DefaultTransport
	}
	t, ok := rt.(*http.Transport)
	if !ok {
		return nil, errorf("WithTLS needs an *http.Transport, the HTTP client has %T", rt)
	}
	t = t.Clone()
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if t.TLSClientConfig != nil {
		cfg = t.TLSClientConfig.Clone()
	}
	if len(tc.CABundlePEM) > 0 {
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			// Some platforms have no readable system pool; the bundle alone is still useful.
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(tc.CABundlePEM) {
			return nil, errorf("the CA bundle contains no PEM certificate")
		}
		cfg.RootCAs = pool
	}
	cfg.InsecureSkipVerify = tc.InsecureSkipVerify //nolint:gosec // explicit opt-in
	t.TLSClientConfig = cfg
	return t, nil
}
