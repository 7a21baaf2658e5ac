package sonzai

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Defaults used when no option says otherwise.
const (
	// DefaultBaseURL is the API's origin; the SDK appends /api/v1.
	DefaultBaseURL = "https://api.sonz.ai"
	// DefaultMaxRetries is how many times a failed call is retried, when
	// retrying it is safe.
	DefaultMaxRetries = 2
	// DefaultMaxRetryWait is the longest the SDK waits before one retry.
	// A Retry-After hint longer than this ends the retries instead: the
	// error carries the hint for the caller to act on.
	DefaultMaxRetryWait = 60 * time.Second

	defaultRetryInitial = 500 * time.Millisecond
	defaultRetryMax     = 8 * time.Second
	apiPath             = "/api/v1"
)

// Environment variables read by NewClient as defaults. Options win over them.
const (
	EnvAPIKey  = "SONZAI_API_KEY"
	EnvBaseURL = "SONZAI_BASE_URL"
)

// Option configures a Client (passed to NewClient) or a single call (passed
// as the trailing arguments of any method). Per-call options are applied on
// top of the client's. A nil Option is ignored.
type Option func(*settings)

// settings is what the options write. It is copied for per-call options, so
// it holds only values and shared immutable things.
type settings struct {
	apiKey         secret
	baseURL        string
	httpClient     *http.Client
	maxRetries     int
	retryInitial   time.Duration
	retryMax       time.Duration
	maxRetryWait   time.Duration
	attemptTimeout time.Duration
	logger         *slog.Logger
	headers        http.Header
	uaSuffix       string
	insecureHTTP   bool
	idleTimeout    time.Duration
	maxEventSize   int
	// maxResponseBytes bounds a decoded 2xx body; see WithMaxResponseBytes.
	maxResponseBytes int64
	err              error
}

// secret holds the API key behind a function value: fmt prints a func only
// as an address, however deeply it is nested, so no struct dump of the
// client or its settings can show the key.
type secret func() string

func newSecret(key string) secret { return func() string { return key } }

// value returns the key, "" when none is set.
func (s secret) value() string {
	if s == nil {
		return ""
	}
	return s()
}

func (s secret) String() string {
	if s.value() == "" {
		return "(none)"
	}
	return "[redacted]"
}

// WithAPIKey sets the API key sent as a bearer token. By default the key is
// read from SONZAI_API_KEY.
func WithAPIKey(key string) Option {
	return func(s *settings) {
		if strings.ContainsAny(key, "\r\n") {
			s.fail(invalid("WithAPIKey", "the key contains a line break; check how it was read"))
			return
		}
		s.apiKey = newSecret(strings.TrimSpace(key))
	}
}

// WithBaseURL sets the API's origin, e.g. "https://api.sonz.ai" (the
// default, or SONZAI_BASE_URL). The SDK appends /api/v1, and keeps any path
// prefix: "https://proxy.example/sonzai" sends requests to
// https://proxy.example/sonzai/api/v1/.... A URL that already ends in
// /api/v1 is used as it is. A path with an empty, "." or ".." segment
// ("https://proxy.example//sonzai") is refused: servers and proxies
// normalize such segments away, so the requests would reach another path.
func WithBaseURL(rawURL string) Option {
	return func(s *settings) { s.baseURL = rawURL }
}

// WithHTTPClient sets the *http.Client used to send requests (its Transport
// and cookie jar). The SDK sends through its own copy and never modifies c.
// Its Timeout is not applied as a limit on whole calls, which would cut chat
// streams short; it becomes the default per-attempt timeout of
// non-streaming calls instead (see WithAttemptTimeout). Its CheckRedirect
// is consulted only for redirects the SDK's own policy allows: a GET within
// the base URL's origin, at most 5 times. Every other redirect, and every
// redirect of a POST, PUT, PATCH or DELETE, is a *RedirectError, so the API
// key goes to no other origin whatever c's policy is.
func WithHTTPClient(c *http.Client) Option {
	return func(s *settings) {
		if c == nil {
			s.fail(invalid("WithHTTPClient", "the client is nil"))
			return
		}
		s.httpClient = c
	}
}

// WithMaxRetries sets how many times a failed call is retried when that is
// safe (default 2; 0 disables retries).
func WithMaxRetries(n int) Option {
	return func(s *settings) {
		if n < 0 {
			s.fail(invalid("WithMaxRetries", fmt.Sprintf("%d is negative; use 0 to disable retries", n)))
			return
		}
		s.maxRetries = n
	}
}

// WithRetryBackoff sets the wait before the first retry and the cap on the
// exponential backoff between retries (defaults 500ms and 8s). Each wait is
// jittered between half and all of its nominal value.
func WithRetryBackoff(initial, maxWait time.Duration) Option {
	return func(s *settings) {
		if initial <= 0 || maxWait < initial {
			s.fail(invalid("WithRetryBackoff", "need 0 < initial <= max"))
			return
		}
		s.retryInitial, s.retryMax = initial, maxWait
	}
}

// WithMaxRetryWait caps how long the SDK honors a Retry-After hint before
// a retry (default 60s). A hint up to the cap is a lower bound on the wait
// before the next attempt; a longer hint (including one too large to
// represent) stops the retries and the *APIError carries it in RetryAfter.
// Polls follow the same rule with the longest wait between two checks
// (WithPollInterval's maxWait) as the cap.
func WithMaxRetryWait(d time.Duration) Option {
	return func(s *settings) {
		if d <= 0 {
			s.fail(invalid("WithMaxRetryWait", "must be positive"))
			return
		}
		s.maxRetryWait = d
	}
}

// WithAttemptTimeout limits each attempt of a call: until the whole
// response is read for ordinary calls, and until the response headers
// arrive for chat streams, which then run for as long as the context
// allows. The context passed to a method remains the overall deadline,
// retries included. Zero (the default) means no per-attempt limit.
func WithAttemptTimeout(d time.Duration) Option {
	return func(s *settings) {
		if d < 0 {
			s.fail(invalid("WithAttemptTimeout", "must not be negative"))
			return
		}
		s.attemptTimeout = d
	}
}

// WithLogger sends the SDK's diagnostics (one debug record per attempt, a
// warning per retry) to l. The API key and request bodies are never logged.
// By default nothing is logged.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) { s.logger = l }
}

// WithHeader adds a header to every request. Authorization, Content-Type
// and User-Agent are the SDK's own and cannot be set this way (use
// WithAPIKey and WithUserAgentSuffix).
func WithHeader(name, value string) Option {
	return func(s *settings) {
		canonical := http.CanonicalHeaderKey(name)
		switch {
		case !validHeaderName(name):
			s.fail(invalid("WithHeader", fmt.Sprintf("%q is not a valid header name", name)))
		case !validHeaderValue(value):
			s.fail(invalid("WithHeader", "the value of "+canonical+" contains a control character (CR, LF, NUL...), which a header cannot carry"))
		case canonical == "Authorization" || canonical == "Content-Type" || canonical == "User-Agent":
			s.fail(invalid("WithHeader", canonical+" is set by the SDK; see WithAPIKey and WithUserAgentSuffix"))
		default:
			h := s.headers.Clone()
			if h == nil {
				h = http.Header{}
			}
			h.Add(canonical, value)
			s.headers = h
		}
	}
}

// WithUserAgentSuffix appends text (e.g. "my-app/1.2") to the SDK's
// User-Agent header.
func WithUserAgentSuffix(suffix string) Option {
	return func(s *settings) {
		if !validHeaderValue(suffix) {
			s.fail(invalid("WithUserAgentSuffix", "contains a control character (CR, LF, NUL...), which a header cannot carry"))
			return
		}
		s.uaSuffix = strings.TrimSpace(suffix)
	}
}

// WithIdleTimeout ends a chat stream with an error matching ErrIdleTimeout
// when the SDK has waited d for the server's next bytes. Only the server's
// silence counts: the time your code spends between two calls to Next does
// not, and the timeout no longer applies once [DONE] has arrived. It is
// independent of the context: a stream that keeps sending may run for as
// long as the context allows. Zero (the default) disables it.
func WithIdleTimeout(d time.Duration) Option {
	return func(s *settings) {
		if d < 0 {
			s.fail(invalid("WithIdleTimeout", "must not be negative"))
			return
		}
		s.idleTimeout = d
	}
}

// WithMaxEventSize bounds one event of a chat stream (default 16 MiB). A
// larger event ends the stream with a clear error instead of growing memory
// without bound.
func WithMaxEventSize(bytes int) Option {
	return func(s *settings) {
		if bytes <= 0 {
			s.fail(invalid("WithMaxEventSize", "must be positive"))
			return
		}
		s.maxEventSize = bytes
	}
}

// WithInsecureHTTP allows a plain http:// base URL on a host that is not
// loopback. Without it the SDK refuses to send the API key unencrypted
// across a network.
func WithInsecureHTTP() Option {
	return func(s *settings) { s.insecureHTTP = true }
}

func (s *settings) fail(err error) {
	if s.err == nil {
		s.err = err
	}
}

func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		// RFC 9110 token characters.
		if r > 0x7e || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return false
		}
	}
	return true
}

// endpoint is a resolved configuration: settings plus what is derived from
// them once, so calls do no parsing.
type endpoint struct {
	settings
	server    string // base URL + /api/v1/, with a trailing slash for the generated builders
	userAgent string
	// client is the SDK's copy of settings.httpClient, with the redirect
	// policy of redirectSafeClient; settings keep the caller's own, so
	// per-call options derive a fresh copy from it, never a copy of a copy.
	client *http.Client
	// The header values every request carries, built once. authorization
	// is a func, like secret, so no dump of an endpoint can show the key.
	authorization   func() []string
	userAgentHeader []string
	acceptJSON      []string
	acceptStream    []string
}

func defaultSettings() settings {
	return settings{
		apiKey:       newSecret(strings.TrimSpace(os.Getenv(EnvAPIKey))),
		baseURL:      os.Getenv(EnvBaseURL),
		maxRetries:   DefaultMaxRetries,
		retryInitial: defaultRetryInitial,
		retryMax:     defaultRetryMax,
		maxRetryWait: DefaultMaxRetryWait,
	}
}

// resolve validates settings and derives the endpoint.
func resolve(s settings) (*endpoint, error) {
	if s.err != nil {
		return nil, s.err
	}
	if s.apiKey.value() == "" {
		return nil, invalid("API key", "none given; set "+EnvAPIKey+" or pass sonzai.WithAPIKey")
	}
	if i := strings.IndexFunc(s.apiKey.value(), unicode.IsControl); i >= 0 {
		// Named by code point only: the key itself is never printed.
		r, _ := utf8.DecodeRuneInString(s.apiKey.value()[i:])
		return nil, invalid("API key", fmt.Sprintf("contains the control character %U; check how it was read (set %s or pass sonzai.WithAPIKey)", r, EnvAPIKey))
	}
	raw := s.baseURL
	if raw == "" {
		raw = DefaultBaseURL
	}
	server, err := serverURL(raw, s.insecureHTTP)
	if err != nil {
		return nil, err
	}
	if s.httpClient == nil {
		s.httpClient = newDefaultHTTPClient()
	} else if s.httpClient.Timeout > 0 && s.attemptTimeout == 0 {
		s.attemptTimeout = s.httpClient.Timeout
	}
	if s.maxResponseBytes == 0 {
		s.maxResponseBytes = DefaultMaxResponseBytes
	}
	serverParsed, err := url.Parse(server)
	if err != nil {
		return nil, invalid("base URL", "not a URL after normalizing: "+err.Error())
	}
	ua := "sonzai-go/" + Version
	if s.uaSuffix != "" {
		ua += " " + s.uaSuffix
	}
	auth := []string{"Bearer " + s.apiKey.value()}
	return &endpoint{
		settings: s, server: server, userAgent: ua,
		client:        redirectSafeClient(s.httpClient, originOf(serverParsed)),
		authorization: func() []string { return auth }, userAgentHeader: []string{ua},
		acceptJSON:   []string{"application/json, application/problem+json"},
		acceptStream: []string{"text/event-stream"},
	}, nil
}

// newDefaultHTTPClient is the http.Client of a Client built without
// WithHTTPClient: a copy of http.DefaultTransport's settings that keeps up
// to 100 idle connections to the API instead of 2. With 2, calls from 32
// goroutines opened a new connection (a new TLS handshake, over https) for
// most calls: 374 connections for 1,000 calls (BenchmarkConnsConcurrent1000
// in bench/). Each Client gets its own transport, built once in NewClient,
// so no state is shared between clients. A DefaultTransport that a program
// replaced with its own RoundTripper is used as it is.
func newDefaultHTTPClient() *http.Client {
	dt, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return &http.Client{}
	}
	tr := dt.Clone()
	tr.MaxIdleConnsPerHost = 100
	return &http.Client{Transport: tr}
}

func serverURL(raw string, insecureOK bool) (string, error) {
	field := "base URL " + fmt.Sprintf("%q", redactURL(raw))
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		// The *url.Error repeats the whole URL, credentials included:
		// keep only what it says is wrong, and redact that too.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		problem := err.Error()
		if userinfo := rawUserinfo(raw); userinfo != "" {
			problem = strings.ReplaceAll(problem, userinfo, "redacted")
		}
		return "", invalid(field, "not a URL: "+problem)
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return "", invalid(field, "must start with https:// (e.g. https://api.sonz.ai)")
	case u.Host == "":
		return "", invalid(field, "has no host")
	case u.User != nil:
		return "", invalid(field, "must not carry credentials; use WithAPIKey")
	case u.RawQuery != "" || u.Fragment != "":
		return "", invalid(field, "must not have a query or fragment")
	case u.Scheme == "http" && !insecureOK && !isLoopback(u.Hostname()):
		return "", invalid(field, "plain http to a non-loopback host would send the API key unencrypted; use https, or WithInsecureHTTP to allow it")
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	if !strings.HasSuffix(path, apiPath) {
		path += apiPath
	}
	// Every request's path starts with this one, and the transport refuses
	// a path with an empty, "." or ".." segment (checkSegments): say so
	// here, about the URL, rather than on every call.
	if checkSegments(path) != nil {
		return "", invalid(field, "its path has an empty, \".\" or \"..\" segment, which servers and proxies normalize away; write the path without it")
	}
	return u.Scheme + "://" + u.Host + path + "/", nil
}

func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// redactURL drops credentials from a URL for error messages, whether or
// not the URL parses.
func redactURL(raw string) string {
	if userinfo := rawUserinfo(raw); userinfo != "" {
		return strings.Replace(raw, userinfo+"@", "redacted@", 1)
	}
	return raw
}

// rawUserinfo finds the userinfo of a URL ("user:password" before an "@"
// in the authority) by hand, so that it is found in a URL that url.Parse
// refuses, too.
func rawUserinfo(raw string) string {
	rest := raw
	if i := strings.Index(rest, "//"); i >= 0 {
		rest = rest[i+2:]
	}
	if end := strings.IndexAny(rest, "/?#"); end >= 0 {
		rest = rest[:end]
	}
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		return rest[:at]
	}
	return ""
}
