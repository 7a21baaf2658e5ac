package sonzai

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// RedirectError is a 3xx answer the SDK did not follow. It is returned for
// every redirect of a request that is not a GET or HEAD (following it would
// re-send or drop the request), for a redirect to another origin (the API
// key goes to no origin but the configured one), for a redirect from https
// to plain http, and when the redirects run past a small limit. A
// RedirectError is never a success: the request was not completed.
type RedirectError struct {
	// StatusCode is the redirect's status, e.g. 307.
	StatusCode int
	// Method is the method of the request that was redirected.
	Method string
	// Location is where the server pointed, as an absolute URL.
	Location string
	// Reason says why the SDK did not follow it.
	Reason string
}

// Error names the status, the Location and why it was not followed.
func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s answered %d %s with Location %q, not followed: %s",
		e.Method, e.StatusCode, http.StatusText(e.StatusCode), sanitize(e.Location, 512), e.Reason)
}

// maxRedirects bounds the redirects followed for one GET or HEAD attempt.
const maxRedirects = 5

// redirectSafeClient returns the SDK's own copy of the caller's client
// (the caller's is never modified), with a redirect policy that keeps the
// API key on the configured origin:
//
//   - a request other than GET or HEAD is never followed: net/http would
//     re-send it (307, 308) or turn it into a bodyless GET (301, 302, 303)
//     whose answer would look like the call's success;
//   - a GET or HEAD is followed only within the origin (scheme, host and
//     port) of the base URL, so the key never reaches another port, another
//     host or plain http, and at most maxRedirects times;
//   - within those limits the caller's own CheckRedirect, if any, still has
//     its say (it may stop earlier, never go further).
//
// Its Timeout is cleared: the SDK applies it per attempt instead (see
// WithHTTPClient).
func redirectSafeClient(user *http.Client, origin string) *http.Client {
	c := *user
	c.Timeout = 0
	userCheck := user.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		first := via[0]
		refuse := func(reason string) error {
			e := &RedirectError{Method: first.Method, Location: req.URL.String(), Reason: reason}
			if req.Response != nil {
				e.StatusCode = req.Response.StatusCode
			}
			return e
		}
		switch {
		case first.Method != http.MethodGet && first.Method != http.MethodHead:
			return refuse("the SDK never re-sends a " + first.Method + " to another address; point WithBaseURL at the final address")
		case strings.HasPrefix(origin, "https:") && req.URL.Scheme != "https":
			return refuse("it leaves https for plain http")
		case originOf(req.URL) != origin:
			return refuse("it leads away from the base URL's origin " + origin + ", and the API key goes to no other")
		case len(via) > maxRedirects:
			return refuse(fmt.Sprintf("more than %d redirects", maxRedirects))
		}
		if userCheck != nil {
			return userCheck(req, via)
		}
		return nil
	}
	return &c
}

// originOf is a URL's scheme, host and port, the port made explicit so that
// https://api.sonz.ai and https://api.sonz.ai:443 compare equal.
func originOf(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return strings.ToLower(u.Scheme) + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// unfollowedRedirect is the error for a 3xx answer that reached the SDK:
// the caller's CheckRedirect stopped at it (http.ErrUseLastResponse), or it
// had no usable Location.
func unfollowedRedirect(hr *http.Response) *RedirectError {
	e := &RedirectError{StatusCode: hr.StatusCode, Reason: "the response is a redirect, not an answer"}
	if hr.Request != nil {
		e.Method = hr.Request.Method
	}
	if loc, err := hr.Location(); err == nil {
		e.Location = loc.String()
	} else {
		e.Location = hr.Header.Get("Location")
	}
	return e
}
