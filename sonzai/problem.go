package sonzai

import (
	"encoding/json"
	"errors"
	"html"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxBodyExcerpt bounds APIError.Body.
const maxBodyExcerpt = 512

// problemBody is the wire shape of an RFC 9457 problem, as the server sends it.
type problemBody struct {
	Type     string          `json:"type"`
	Title    string          `json:"title"`
	Status   int             `json:"status"`
	Detail   string          `json:"detail"`
	Instance string          `json:"instance"`
	Errors   []ProblemDetail `json:"errors"`
}

// readAPIError turns a non-2xx response into an *APIError. It reads at most
// maxErrorBody bytes and closes the body.
func readAPIError(op string, hr *http.Response) *APIError {
	e := &APIError{
		StatusCode: hr.StatusCode,
		Operation:  op,
		RequestID:  requestID(hr.Header),
		RetryAfter: parseRetryAfter(hr.Header.Get("Retry-After"), time.Now()),
	}
	if hr.Request != nil {
		e.Method = hr.Request.Method
		e.Path = hr.Request.URL.EscapedPath()
	}
	body, _ := io.ReadAll(io.LimitReader(hr.Body, maxErrorBody))
	drainAndClose(hr.Body)
	decodeProblem(e, hr.Header.Get("Content-Type"), body)
	return e
}

// decodeProblem fills e from a problem+json body, or puts a readable
// excerpt of any other body in e.Body.
func decodeProblem(e *APIError, contentType string, body []byte) {
	mediaType, _, _ := mime.ParseMediaType(contentType)
	if isJSON(mediaType) || (mediaType == "" && len(body) > 0 && body[0] == '{') {
		var p problemBody
		if err := json.Unmarshal(body, &p); err == nil {
			e.Type, e.Title, e.Detail, e.Instance, e.Errors = p.Type, p.Title, p.Detail, p.Instance, p.Errors
			if p.Detail != "" || p.Title != "" || len(p.Errors) > 0 {
				return
			}
		}
	}
	e.Body = excerpt(mediaType, body)
}

func isJSON(mediaType string) bool {
	return mediaType == "application/json" || mediaType == "application/problem+json" ||
		strings.HasSuffix(mediaType, "+json")
}

// excerpt makes a short, single-line, valid UTF-8 summary of a body. For
// HTML it prefers the page title (a proxy's "502 Bad Gateway" page).
func excerpt(mediaType string, body []byte) string {
	text := string(body)
	if lead := strings.TrimSpace(asciiLower(text)); mediaType == "text/html" ||
		strings.HasPrefix(lead, "<!doctype html") || strings.HasPrefix(lead, "<html") {
		if title, ok := htmlTitle(text); ok {
			text = title
		} else {
			text = stripTags(text)
		}
		text = html.UnescapeString(text)
	}
	text = strings.Join(strings.Fields(text), " ")
	text = strings.ToValidUTF8(text, "\uFFFD")
	if len(text) > maxBodyExcerpt {
		cut := maxBodyExcerpt
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut] + "…"
	}
	return text
}

// htmlTitle returns the text of an HTML page's <title> element.
func htmlTitle(page string) (string, bool) {
	// Search a copy lowered byte for byte: strings.ToLower may change the
	// length (invalid UTF-8 becomes U+FFFD), and the indices found must
	// be valid in page.
	lower := asciiLower(page)
	open := strings.Index(lower, "<title")
	if open < 0 {
		return "", false
	}
	start := strings.IndexByte(lower[open:], '>')
	if start < 0 {
		return "", false
	}
	start += open + 1
	end := strings.Index(lower[start:], "</title>")
	if end < 0 {
		return "", false
	}
	return page[start : start+end], true
}

// asciiLower lowers the ASCII letters of s and keeps every other byte, so
// the result has the same length as s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// stripTags replaces every HTML tag with a space.
func stripTags(page string) string {
	var b strings.Builder
	inTag := false
	for _, r := range page {
		switch {
		case r == '<':
			inTag = true
			b.WriteByte(' ')
		case r == '>' && inTag:
			inTag = false
		case !inTag:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func requestID(h http.Header) string {
	for _, name := range []string{"X-Request-Id", "Request-Id", "X-Correlation-Id"} {
		if v := h.Get(name); v != "" {
			return v
		}
	}
	return ""
}

// parseRetryAfter reads a Retry-After value: delay seconds or an HTTP date.
// It returns 0 for a missing, malformed or past value.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	// Clamp absurd values instead of overflowing time.Duration. A number of
	// seconds too large even for an int64 is the longest wait there is,
	// not a malformed header: it must stop retries, not allow one at once.
	const maxSecs = int64(365 * 24 * time.Hour / time.Second)
	secs, err := strconv.ParseInt(v, 10, 64)
	if errors.Is(err, strconv.ErrRange) && v[0] != '-' {
		secs, err = maxSecs, nil
	}
	if err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(min(secs, maxSecs)) * time.Second
	}
	if at, err := http.ParseTime(v); err == nil {
		if d := at.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}
