package sonzai

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// The helpers below are the one shape every wrapped operation takes once
// its input is checked: resolve the call's endpoint from its options,
// build the request with the generated builder (which escapes path
// parameters), send it through the shared transport (errors, retries by
// method, logging) and decode the JSON answer. A method is then its own
// validation plus one call:
//
//	return call[Habit](ctx, s.c, opts, "createHabit", func(server string) (*http.Request, error) {
//		return gen.NewCreateHabitRequest(server, agentID, params, body)
//	})

// builder builds one request against the endpoint's server URL.
type builder func(server string) (*http.Request, error)

// call sends the operation op and decodes its answer into a new T.
func call[T any](ctx context.Context, c *Client, opts []Option, op string, build builder) (*T, error) {
	out := new(T)
	if err := callInto(ctx, c, opts, op, build, out); err != nil {
		return nil, err
	}
	return out, nil
}

// callInto sends the operation op and decodes its answer into out; a nil
// out discards the body (an operation whose answer carries nothing the
// caller needs).
func callInto(ctx context.Context, c *Client, opts []Option, op string, build builder, out any) error {
	ep, err := c.endpointFor(opts)
	if err != nil {
		return err
	}
	req, err := build(ep.server)
	_, err = ep.doJSON(ctx, op, req, err, out)
	return err
}

// once is opts with retries turned off, for an operation that must not be
// sent twice once it may have reached the server (a reset, a queued
// generation): the caller's options are not modified.
func once(opts []Option) []Option {
	return append(opts[:len(opts):len(opts)], WithMaxRetries(0))
}

// requireIDs checks path identifiers given as name, value pairs, in path
// order, with requireID's rules.
func requireIDs(nameValue ...string) error {
	for i := 0; i+1 < len(nameValue); i += 2 {
		if err := requireID(nameValue[i], nameValue[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// applied is the answer of an operation that says only whether it made
// the change.
type applied struct {
	Success bool `json:"success"`
}

// UnmarshalJSON reads the answer; an empty body (a 204 from a proxy, say)
// says nothing against the change and counts as applied.
func (a *applied) UnmarshalJSON(b []byte) error {
	if len(bytes.TrimSpace(b)) == 0 {
		a.Success = true
		return nil
	}
	type plain applied
	return json.Unmarshal(b, (*plain)(a))
}

// checkApplied turns a 2xx answer with success: false into an error: the
// server says it did not make the change, which an error-only method must
// not report as done.
func checkApplied(op string, err error, success bool) error {
	if err == nil && !success {
		return fmt.Errorf("sonzai: %s: the server answered success: false; the change was not made", op)
	}
	return err
}
