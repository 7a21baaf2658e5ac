package sonzai

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// Raw returns the generated, typed client for every operation of the API:
// one method per operation of the contract, named after its operationId
// (GetMoodWithResponse, KbSearchWithResponse, ...), taking and returning
// the types of package gen. Use it for the operations this package does not
// wrap; the wrapped ones are easier through the services.
//
// Each call goes through this client's pipeline, as the wrapped methods
// do: the API key and base URL, User-Agent and WithHeader headers, the
// per-attempt timeout, safe retries (a GET, PUT or DELETE is retried after
// a transport error and on 408, 429, 500, 502, 503 and 504; a POST or
// PATCH only on 429 or when it provably never reached the server), logging
// without the key.
// A non-2xx answer is returned as an *APIError (errors.As), so the
// generated reply's JSON200 (or JSON201, ...) field is set whenever the
// error is nil and the operation documents a JSON body.
//
// opts apply to the calls made through the returned client, on top of the
// client's options; an invalid option makes every call fail with it.
// Without opts the same client is returned each time.
//
// A request body that can be read only once (an io.Reader passed to a
// ...WithBody method that is not a *bytes.Buffer, *bytes.Reader or
// *strings.Reader) is never retried. The event-stream operations
// (chatWithAgent, playgroundChat, streamConversations, streamEvalEvents,
// streamMLRounds) return only once their stream has ended; read them as
// they arrive with Chat.Stream or the Streams service instead.
func (c *Client) Raw(opts ...Option) *gen.ClientWithResponses {
	if len(opts) == 0 {
		c.raw.once.Do(func() { c.raw.client = c.newRaw(c.ep, nil) })
		return c.raw.client
	}
	ep, err := c.endpointFor(opts)
	return c.newRaw(ep, err)
}

// rawState is a Client's Raw client and operation index, built on first use.
type rawState struct {
	once   sync.Once
	client *gen.ClientWithResponses

	indexOnce sync.Once
	index     *operationIndex
}

func (c *Client) operations() *operationIndex {
	c.raw.indexOnce.Do(func() { c.raw.index = newOperationIndex() })
	return c.raw.index
}

func (c *Client) newRaw(ep *endpoint, err error) *gen.ClientWithResponses {
	d := &rawDoer{ep: ep, err: err, ops: c.operations()}
	if ep != nil {
		if u, perr := url.Parse(ep.server); perr == nil {
			d.scheme, d.host, d.root = u.Scheme, u.Host, u.EscapedPath()
		}
	}
	server := DefaultBaseURL + apiPath + "/"
	if ep != nil {
		server = ep.server
	}
	// NewClientWithResponses fails only on a ClientOption's error; these
	// options return none.
	rc, _ := gen.NewClientWithResponses(server, gen.WithHTTPClient(d))
	return rc
}

// rawDoer is the generated client's HttpRequestDoer: it sends each request
// the generated code built through the endpoint's pipeline (endpoint.send)
// and hands the answer back as an *http.Response for the generated parser.
type rawDoer struct {
	ep  *endpoint
	err error // an invalid per-call option, returned by every call
	ops *operationIndex
	// The API root the requests must go to: scheme, host and escaped path
	// (e.g. /api/v1/).
	scheme, host, root string
}

// Do implements gen.HttpRequestDoer.
func (d *rawDoer) Do(req *http.Request) (*http.Response, error) {
	if d.err != nil {
		return nil, d.err
	}
	ep := d.ep
	rel, under := strings.CutPrefix(req.URL.EscapedPath(), d.root)
	if req.URL.Scheme != d.scheme || req.URL.Host != d.host || !under {
		// A request editor pointed the request elsewhere: the API key goes
		// only to the configured base URL.
		return nil, invalid("Raw request URL", fmt.Sprintf("%s://%s%s is not under the client's base URL; set it with WithBaseURL", req.URL.Scheme, req.URL.Host, req.URL.EscapedPath()))
	}
	op, found := d.ops.lookup(req.Method, rel)
	name := op.ID
	if !found {
		name = req.Method + " /" + rel
	}
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		// The body can be read only once: a second attempt would send it
		// empty or truncated.
		once := *ep
		once.maxRetries = 0
		ep = &once
	}
	if op.Stream {
		resp, err := ep.send(req.Context(), request{op: name, req: req, stream: true})
		if err != nil {
			return nil, err
		}
		hr := resp.Response
		hr.Body = &streamBody{ReadCloser: hr.Body, release: resp.release}
		return hr, nil
	}
	body := new(rawBody)
	resp, err := ep.send(req.Context(), request{op: name, req: req, out: body})
	if err != nil {
		return nil, err
	}
	hr := resp.Response
	hr.Body = body
	hr.ContentLength = body.Size()
	return hr, nil
}

// rawBody keeps a whole response body, read inside the attempt, and hands
// it to the generated parser, which decodes it itself: one allocation
// serves as the decoder and as the new body, and the parser takes the bytes
// through ReplyBody instead of copying them out with io.ReadAll.
type rawBody struct {
	bytes.Reader
	b []byte
}

var _ gen.ReplyBody = (*rawBody)(nil)

func (r *rawBody) decodeBody(b []byte) error {
	r.b = b
	r.Reset(b)
	return nil
}

// ReplyBody returns the bytes not read yet and leaves the body at its end.
// An empty body is an empty, non-nil slice, as io.ReadAll returns it (the
// generated parsers read every body that way before gen.ReplyBody).
func (r *rawBody) ReplyBody() []byte {
	rest := r.b[len(r.b)-r.Len():]
	r.Reset(nil)
	if rest == nil {
		return []byte{}
	}
	return rest
}

// Close does nothing: the connection's body was closed when it was read.
func (r *rawBody) Close() error { return nil }

// streamBody is the body of an event stream read through Raw: closing it
// releases the attempt's context and the connection.
type streamBody struct {
	io.ReadCloser
	release context.CancelCauseFunc
	once    sync.Once
}

func (s *streamBody) Close() error {
	s.once.Do(func() {
		drainAndClose(s.ReadCloser)
		s.release(nil)
	})
	return nil
}

// String names the doer without its endpoint, which holds the API key
// (behind a func, but a dump should not even hint at it).
func (d *rawDoer) String() string { return fmt.Sprintf("sonzai.rawDoer{root: %s}", d.root) }
