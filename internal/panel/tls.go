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
