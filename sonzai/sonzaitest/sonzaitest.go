package sonzaitest

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

const (
	// DemoAgentID is the id of the agent every fake starts with, so examples
	// can run without creating one. Its name is DemoAgentName.
	DemoAgentID = "agent-mia"
	// DemoAgentName is the name of the demo agent; the API accepts it
	// wherever it accepts DemoAgentID.
	DemoAgentName = "Mia"
	// DefaultAPIKey is the bearer key a fake accepts unless WithAPIKey says
	// otherwise.
	DefaultAPIKey = "sk_test_sonzaitest"
	// DefaultJobDuration is how long background work (a turn's extraction,
	// an asynchronous session end, an asynchronous chat) takes unless
	// WithJobDuration says otherwise.
	DefaultJobDuration = 300 * time.Millisecond
)

// apiPrefix is where the API is mounted; the SDK appends it to the origin.
const apiPrefix = "/api/v1"

// Server is an in-memory fake of the Sonzai API, listening on a loopback
// port. Build one with New or NewServer. It is safe for concurrent use.
type Server struct {
	cfg     config
	st      *state
	val     *validator
	handler http.Handler
	ts      *httptest.Server
	tb      testing.TB // set by NewServer: unknown operation names fail the test

	// done is closed by Close, to stop streams and injected delays at once.
	done      chan struct{}
	closeOnce sync.Once

	mu     sync.Mutex // guards counts, total and faults
	counts map[string]int
	total  int
	faults []*queuedFault
}

// New starts a fake on a loopback port. Close it when done.
func New(opts ...Option) *Server {
	cfg := config{
		apiKey:      DefaultAPIKey,
		clock:       systemClock{},
		jobDuration: DefaultJobDuration,
		asyncEnd:    true,
		logger:      slog.New(slog.DiscardHandler),
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	val, err := sharedValidator()
	if err != nil {
		// The contract is embedded in the binary: failing to load it is a
		// build problem, not something a caller can handle.
		panic("sonzaitest: loading the embedded contract: " + err.Error())
	}
	s := &Server{
		cfg:    cfg,
		st:     newState(cfg.clock, cfg.jobDuration, newExtractor()),
		val:    val,
		done:   make(chan struct{}),
		counts: make(map[string]int),
	}
	s.handler = s.buildHandler()
	s.ts = httptest.NewServer(s.handler)
	return s
}

// NewServer is New for tests: it registers Close with tb.Cleanup.
func NewServer(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s := New(opts...)
	s.tb = tb
	tb.Cleanup(s.Close)
	return s
}

// URL is the fake's origin, e.g. http://127.0.0.1:41234. Pass it to
// sonzai.WithBaseURL (or SONZAI_BASE_URL); the SDK appends /api/v1.
func (s *Server) URL() string { return s.ts.URL }

// APIKey is the bearer key the fake accepts.
func (s *Server) APIKey() string { return s.cfg.apiKey }

// Client returns a sonzai.Client pointed at the fake, with its key and an
// HTTP client whose connections Close releases. opts are applied after
// those, so they can override any of them.
func (s *Server) Client(opts ...sonzai.Option) (*sonzai.Client, error) {
	all := []sonzai.Option{
		sonzai.WithBaseURL(s.URL()),
		sonzai.WithAPIKey(s.cfg.apiKey),
		sonzai.WithHTTPClient(s.ts.Client()),
	}
	return sonzai.NewClient(append(all, opts...)...)
}

// Handler is the whole API mounted under /api/v1, for serving the fake from
// your own http.Server (as cmd/sonzai-fake does) or behind a middleware.
// Requests outside /api/v1 get a 404 problem. It shares its state with the
// Server, and stops serving streams once the Server is closed.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the fake: streams in progress and injected delays end at
// once, then it waits for requests in flight. It is safe to call more than
// once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		s.ts.Close()
	})
}

// Requests reports how many requests for an operation reached the fake:
// those that passed authentication and matched an operation, whatever
// happened next (injected faults and contract violations count).
// AnyOperation counts every operation.
//
// A name that is not an operationId of the contract counts 0; on a Server
// from NewServer it also fails the test, naming the valid operations.
func (s *Server) Requests(op Operation) int {
	if err := s.checkOperation("Requests", op); err != nil {
		s.report(err)
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if op == AnyOperation {
		return s.total
	}
	return s.counts[string(op)]
}

// Inject queues a fault for the next matching requests. Faults are matched
// in the order they were injected; each is used Times times (once when
// Times is 0) and then dropped.
//
// A Fault.Operation that is not an operationId of the contract queues
// nothing, so that a typo cannot silently disable a test: Inject returns an
// error naming the valid operations, and on a Server from NewServer it
// also fails the test.
func (s *Server) Inject(f Fault) error {
	if err := s.checkOperation("Inject", f.Operation); err != nil {
		s.report(err)
		return err
	}
	if f.Times <= 0 {
		f.Times = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &queuedFault{f: f, left: f.Times})
	return nil
}

// checkOperation returns an error when op is neither AnyOperation nor an
// operationId of the contract.
func (s *Server) checkOperation(method string, op Operation) error {
	if op == AnyOperation || s.val.knows(string(op)) {
		return nil
	}
	return &unknownOperationError{method: method, op: op}
}

// report fails the test of a Server from NewServer; a Server from New has
// no test to fail and relies on the returned error.
func (s *Server) report(err error) {
	if s.tb != nil {
		s.tb.Helper()
		s.tb.Error(err)
	}
}

// FailExtractions makes turn extractions, session ends, and import and
// priming jobs started from now on end in "failed" (true), or succeed
// again (false). A synchronous
// session end then answers 500. Work already queued keeps its outcome.
// Facts, interests and the rest of a failed extraction are never stored;
// the mood a turn reports at once is.
func (s *Server) FailExtractions(fail bool) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	s.st.failJobs = fail
}

// Option configures a fake.
type Option func(*config)

type config struct {
	apiKey      string
	clock       Clock
	jobDuration time.Duration
	asyncEnd    bool
	streamDelay time.Duration
	logger      *slog.Logger
	webhookHTTP *http.Client // Deliver's client; nil: a default one
}

// WithAPIKey sets the bearer key the fake requires. A request without it,
// or with another key, gets a 401 problem.
func WithAPIKey(key string) Option { return func(c *config) { c.apiKey = key } }

// WithClock sets the time source used for timestamps and for the progress
// of background work. Use a *FakeClock to step through job states.
func WithClock(c Clock) Option {
	return func(cfg *config) {
		if c != nil {
			cfg.clock = c
		}
	}
}

// WithJobDuration sets how long a turn's extraction, an asynchronous
// session end and an asynchronous chat take from queued to done (default
// 300ms). They spend the first third queued (pending), the rest running
// (processing), then are done (complete), all measured on the Clock. Zero
// makes them done at once.
func WithJobDuration(d time.Duration) Option {
	return func(c *config) {
		if d >= 0 {
			c.jobDuration = d
		}
	}
}

// WithAsyncSessionEnd chooses how /sessions/end answers. With true (the
// default) it answers at once with a processing_id, unless the request
// sets force_sync=true or "wait": true; with false it always finishes the
// work before answering.
func WithAsyncSessionEnd(async bool) Option { return func(c *config) { c.asyncEnd = async } }

// WithStreamDelay sets a pause between the frames of a chat stream
// (default none).
func WithStreamDelay(d time.Duration) Option {
	return func(c *config) {
		if d >= 0 {
			c.streamDelay = d
		}
	}
}

// WithLogger sends one debug record per request (operation, status,
// duration) to l. By default the fake logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.logger = l
		}
	}
}

// Clock is the fake's time source.
type Clock interface{ Now() time.Time }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// FakeClock is a Clock that moves only when told to. It is safe for
// concurrent use.
type FakeClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewFakeClock returns a FakeClock that reads start until advanced.
func NewFakeClock(start time.Time) *FakeClock { return &FakeClock{now: start} }

// Now returns the clock's current time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Fault is injected into the next Times matching requests (Times 0 means
// 1). A fault takes effect after authentication and before the request is
// checked against the contract. Its effects apply in this order: Latency,
// then Status (which answers), then ResetAfter; ErrorFrame and SlowStream
// shape the chat stream that follows.
type Fault struct {
	// Operation is the operation to match, e.g. OpGetMood; AnyOperation
	// (the zero value) matches every request.
	Operation Operation
	// Times is how many requests the fault applies to; 0 means 1.
	Times int
	// Latency delays the answer. It ends early, without answering, when
	// the client goes away.
	Latency time.Duration
	// Status answers with this status and a problem+json body (e.g. 429,
	// 500, 503) instead of running the operation.
	Status int
	// RetryAfter is the Retry-After header sent with Status.
	RetryAfter string
	// ResetAfter resets the TCP connection (an RST, not a clean close).
	// For the operations that answer with an event stream (the chat
	// streams and the others) it first lets this many bytes of the body
	// through (a stream shorter than that ends normally); for every other
	// operation it resets before answering.
	ResetAfter int
	// ErrorFrame, on the chat streams, sends an error frame with this
	// message after the first content delta and ends the stream there (no
	// [DONE]). On asyncChat the queued chat ends "failed" with this error.
	ErrorFrame string
	// SlowStream, on the chat streams, pauses this long between frames.
	SlowStream time.Duration
}

type queuedFault struct {
	f    Fault
	left int
}

// takeFault returns the first queued fault for op, using it up once.
func (s *Server) takeFault(op string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, q := range s.faults {
		if q.f.Operation != AnyOperation && string(q.f.Operation) != op {
			continue
		}
		f := q.f
		q.left--
		if q.left <= 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return &f
	}
	return nil
}

func (s *Server) count(op string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts[op]++
	s.total++
}

// pause waits for d, and reports false when ctx ended or the server closed
// first.
func (s *Server) pause(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}
