package sonzaitest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/sonzai-oss/sonzai-go/gen/spec"
)

// validator matches requests to the contract's operations and checks them
// against it with kin-openapi.
//
// Routing uses kin-openapi's legacy router (routers/legacy), which needs no
// module beyond kin-openapi itself (the gorilla router would add
// gorilla/mux).
//
// Validation uses openapi3filter with kin-openapi's own schema validator.
// The contract is OpenAPI 3.1, for which openapi3filter switches to a JSON
// Schema 2020-12 validator; that one reports errors as text without a
// structured location, and falls back to the built-in validator anyway for
// every schema that uses $ref. The built-in validator understands what the
// contract uses from 3.1 (type arrays such as [array, "null"]) and reports
// each error with a JSON pointer, which the problem details need
// ("body.messages[0].role"). So requests are validated against a shallow
// copy of the document that reports version 3.0.3: same schemas, built-in
// validator throughout.
type validator struct {
	router routers.Router
	legacy *openapi3.T // the document, reported as 3.0.3 (see above)
	ops    map[string]bool
	// streams are the operations that answer with an event stream.
	streams map[string]bool
	// byID holds the operations by operationId.
	byID map[string]*openapi3.Operation
	// uploads are the operations whose body is a file the handler streams
	// (kbUploadDocument): it is not read whole to be validated, and may be
	// larger (maxUploadBody).
	uploads map[string]bool
}

// sharedValidator is the validator every Server of the process uses,
// built on first use. Building one parses the whole embedded contract
// (about 0.2 s and 60 MB of allocations; about 1 s under the race
// detector), which a test suite starting a fake per test paid again for
// every fake. It is a package-level value but not
// mutable state: nothing writes to a validator once newValidator has
// returned it, so Servers share it as the requests of one Server always
// have, concurrently and read-only.
var sharedValidator = sync.OnceValues(newValidator)

func newValidator() (*validator, error) {
	doc, err := spec.GetSpec()
	if err != nil {
		return nil, err
	}
	// Match paths under /api/v1 on any host.
	doc.Servers = openapi3.Servers{{URL: apiPrefix}}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, err
	}
	v := &validator{router: router, ops: make(map[string]bool), streams: make(map[string]bool), byID: make(map[string]*openapi3.Operation),
		uploads: map[string]bool{string(OpKbUploadDocument): true}}
	cp := *doc
	cp.OpenAPI = "3.0.3"
	v.legacy = &cp
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			v.ops[op.OperationID] = true
			v.byID[op.OperationID] = op
			if _, resp := successResponse(op); resp != nil && resp.Content.Get("text/event-stream") != nil {
				v.streams[op.OperationID] = true
			}

		}
	}
	return v, nil
}

func (v *validator) knows(op string) bool { return v.ops[op] }

// operation is the contract's operation with this operationId, or nil.
func (v *validator) operation(id string) *openapi3.Operation { return v.byID[id] }

// errMethodNotAllowed is a path the contract has, with another method.
const errMethodNotAllowed = constError("method not allowed")

// route finds the operation a request is for. A path the contract has
// without the request's method is errMethodNotAllowed (the legacy router
// reports that only for paths without parameters).
func (v *validator) route(r *http.Request) (*routers.Route, map[string]string, error) {
	route, params, err := v.router.FindRoute(r)
	if err != nil {
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
			if m == r.Method {
				continue
			}
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, _, perr := v.router.FindRoute(probe); perr == nil {
				return nil, nil, errMethodNotAllowed
			}
		}
		return nil, nil, err
	}
	// The router matches the escaped path and hands back escaped values
	// ("Mia%20Two"); handlers, like a ServeMux's PathValue, see the value
	// the client meant ("Mia Two").
	for name, value := range params {
		if params[name], err = url.PathUnescape(value); err != nil {
			return nil, nil, err
		}
	}
	rc := *route
	rc.Spec = v.legacy
	return &rc, params, nil
}

// check validates a request (parameters and body) and returns the problem
// to answer with, or nil when the request agrees with the contract. The
// body is read and put back for the handler.
func (v *validator) check(r *http.Request, route *routers.Route, params map[string]string) *problem {
	if v.uploads[route.Operation.OperationID] {
		// The parameters are checked on a copy without the body: kin-openapi
		// reads a body whole (for the security check, too), and the
		// handler streams this one.
		r = r.WithContext(r.Context())
		r.Body = http.NoBody
	}
	in := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: params,
		Route:      route,
		Options: &openapi3filter.Options{
			MultiError:          true,
			AuthenticationFunc:  openapi3filter.NoopAuthenticationFunc,
			SkipSettingDefaults: true, // the handler sees the body as sent
			ExcludeRequestBody:  v.uploads[route.Operation.OperationID],
		},
	}
	err := openapi3filter.ValidateRequest(context.WithoutCancel(r.Context()), in)
	if err == nil {
		return nil
	}
	return validationProblem(err, r, params)
}

// validationProblem turns openapi3filter's errors into problem details:
// 400 when a parameter (or the body as a whole: missing, not JSON) is
// wrong, 422 when the body is JSON that breaks its schema, 415 for a body
// that is not JSON at all.
func validationProblem(err error, r *http.Request, params map[string]string) *problem {
	var details []problemDetail
	status := http.StatusUnprocessableEntity
	worse := func(s int) {
		if s != http.StatusUnprocessableEntity && status == http.StatusUnprocessableEntity {
			status = s
		}
	}
	for _, e := range flatten(err) {
		var re *openapi3filter.RequestError
		if !errors.As(e, &re) {
			worse(http.StatusBadRequest)
			details = append(details, problemDetail{Location: "request", Message: e.Error()})
			continue
		}
		switch {
		case re.Parameter != nil:
			worse(http.StatusBadRequest)
			details = append(details, paramDetail(re, r, params))
		case re.Err == nil && strings.HasPrefix(re.Reason, "header Content-Type"):
			worse(http.StatusUnsupportedMediaType)
			details = append(details, problemDetail{
				Location: "header.Content-Type",
				Message:  "the body must be application/json",
				Value:    r.Header.Get("Content-Type"),
			})
		case errors.As(re.Err, new(*http.MaxBytesError)):
			worse(http.StatusRequestEntityTooLarge)
			details = append(details, problemDetail{Location: "body", Message: fmt.Sprintf("the body is larger than %d bytes", maxBody)})
		case errors.Is(re.Err, openapi3filter.ErrInvalidRequired):
			worse(http.StatusBadRequest)
			details = append(details, problemDetail{Location: "body", Message: "a request body is required"})
		default:
			schemaErrs := schemaErrors(re.Err)
			if len(schemaErrs) == 0 {
				// The body could not be decoded at all.
				worse(http.StatusBadRequest)
				msg := re.Reason
				if re.Err != nil {
					msg += ": " + re.Err.Error()
				}
				details = append(details, problemDetail{Location: "body", Message: msg})
				continue
			}
			for _, se := range schemaErrs {
				details = append(details, bodyDetail(se))
			}
		}
	}
	if len(details) == 0 {
		details = append(details, problemDetail{Location: "request", Message: err.Error()})
		status = http.StatusBadRequest
	}
	return &problem{
		Title:  http.StatusText(status),
		Status: status,
		Detail: "the request does not match the API contract",
		Errors: details,
	}
}

// flatten unpacks openapi3's MultiError, however nested, but not the
// errors that wrap one (a RequestError wraps the MultiError of its body's
// schema violations).
func flatten(err error) []error {
	if me, ok := err.(openapi3.MultiError); ok {
		var out []error
		for _, e := range me {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// schemaErrors collects the schema violations inside a body error.
func schemaErrors(err error) []*openapi3.SchemaError {
	var out []*openapi3.SchemaError
	for _, e := range flatten(err) {
		var se *openapi3.SchemaError
		if errors.As(e, &se) {
			out = append(out, se)
		}
	}
	return out
}

// bodyDetail names the field a schema violation is about. An unknown
// property is reported at the property itself, not at its parent object.
func bodyDetail(se *openapi3.SchemaError) problemDetail {
	path := se.JSONPointer()
	var value any
	name, unsupported := unsupportedProperty(se.Reason)
	switch {
	case se.SchemaField == "required":
		// The value is the parent object; the location already names the
		// missing property.
	case unsupported:
		path = append(path, name)
		if obj, ok := se.Value.(map[string]any); ok {
			value = obj[name]
		}
	default:
		value = se.Value
	}
	return problemDetail{Location: location("body", path), Message: se.Reason, Value: value}
}

// unsupportedProperty reads the name out of the reason kin-openapi gives
// for an unknown property, `property "NAME" is unsupported`. ok is false
// for any other reason; NAME is never empty and never spans lines.
func unsupportedProperty(reason string) (name string, ok bool) {
	rest, ok := strings.CutPrefix(reason, `property "`)
	if !ok {
		return "", false
	}
	name, ok = strings.CutSuffix(rest, `" is unsupported`)
	if !ok || name == "" || strings.Contains(name, "\n") {
		return "", false
	}
	return name, true
}

// location renders a JSON pointer as body.messages[0].role.
func location(root string, path []string) string {
	var b strings.Builder
	b.WriteString(root)
	for _, p := range path {
		if _, err := strconv.Atoi(p); err == nil {
			b.WriteString("[" + p + "]")
			continue
		}
		b.WriteString("." + p)
	}
	return b.String()
}

func paramDetail(re *openapi3filter.RequestError, r *http.Request, params map[string]string) problemDetail {
	p := re.Parameter
	d := problemDetail{Location: p.In + "." + p.Name}
	switch p.In {
	case openapi3.ParameterInQuery:
		if vs, ok := r.URL.Query()[p.Name]; ok && len(vs) > 0 {
			d.Value = vs[0]
		}
	case openapi3.ParameterInPath:
		d.Value = params[p.Name]
	case openapi3.ParameterInHeader:
		if v := r.Header.Get(p.Name); v != "" {
			d.Value = v
		}
	}
	var se *openapi3.SchemaError
	var pe *openapi3filter.ParseError
	switch {
	case errors.Is(re.Err, openapi3filter.ErrInvalidRequired):
		d.Message = fmt.Sprintf("the %s parameter %q is required", p.In, p.Name)
	case errors.As(re.Err, &se):
		d.Message = se.Reason
	case errors.As(re.Err, &pe):
		d.Message = pe.Error()
	case re.Reason != "":
		d.Message = re.Reason
	case re.Err != nil:
		d.Message = re.Err.Error()
	default:
		d.Message = "invalid value"
	}
	return d
}
