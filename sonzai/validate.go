package sonzai

import (
	"encoding/json"
	"fmt"
	"time"
)

// requireID checks an identifier that becomes a URL path segment or a
// required body field. "." and ".." are refused because URL resolution would
// turn them into "this directory" and "the parent directory": the request
// would reach a different endpoint.
func requireID(field, v string) error {
	switch v {
	case "":
		return invalid(field, "empty")
	case ".", "..":
		return invalid(field, "\""+v+"\" cannot be sent as a path segment")
	}
	return nil
}

// modelPair checks that provider and model come together: the server
// ignores one without the other, so a half pair would be silently dropped.
func modelPair(prefix, provider, model string) error {
	if (provider == "") != (model == "") {
		return invalid(prefix+"Provider/"+prefix+"Model", "set both or neither; the server ignores one without the other")
	}
	return nil
}

// pickModel applies the pair rule: the call's provider and model when it
// sets them, otherwise the session's defaults, never one from each.
func pickModel(provider, model, defProvider, defModel string) (string, string) {
	if provider != "" || model != "" {
		return provider, model
	}
	return defProvider, defModel
}

// encodable checks that v, a caller's free-form value (properties,
// metadata), can be sent as JSON: a NaN, an infinity, a channel or a
// function cannot, and would otherwise fail only while the request is
// built, after earlier requests of the same call were sent.
func encodable(field string, v any) error {
	if _, err := json.Marshal(v); err != nil {
		return invalid(field, "cannot be sent as JSON: "+err.Error())
	}
	return nil
}

// sendableTime checks that t, a caller's timestamp sent in a request (a JSON
// body, a query parameter or a string field), can be written as the API
// reads it: RFC 3339 and its dates have four-digit years. In a JSON body a
// year outside 0..9999 fails json.Marshal only while the request is built;
// formatted by hand it gives a five-digit or negative year the server
// cannot parse. The zero time passes (callers check it where it matters).
func sendableTime(field string, t time.Time) error {
	if y := t.Year(); y < 0 || y > 9999 {
		return invalid(field, fmt.Sprintf("year %d is outside 0..9999, which an RFC 3339 time cannot carry", y))
	}
	return nil
}

// headerID checks an optional id sent as a header (X-Agent-Id) by the rule
// the transport applies to every header (validHeaderValue), but here, where
// the error can name the field.
func headerID(field, v string) error {
	if !validHeaderValue(v) {
		return invalid(field, fmt.Sprintf("%q contains a control character, which a header cannot carry", v))
	}
	return nil
}
