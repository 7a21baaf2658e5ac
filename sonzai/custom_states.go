package sonzai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// CustomStateScope says whom a custom state belongs to.
type CustomStateScope string

// The scopes of a custom state.
const (
	// CustomStateScopeGlobal is one value for the agent, shared by all its
	// users. It is the server's default.
	CustomStateScopeGlobal CustomStateScope = "global"
	// CustomStateScopeUser is one value per user; the UserID is required.
	CustomStateScopeUser CustomStateScope = "user"
)

// CustomStateContentType says how the server reads a custom state's value.
type CustomStateContentType string

// The content types of a custom state.
const (
	// CustomStateText is a plain text value; the server's default.
	CustomStateText CustomStateContentType = "text"
	// CustomStateJSON is a structured JSON value.
	CustomStateJSON CustomStateContentType = "json"
)

// CustomState is one piece of application state an agent keeps by key.
type CustomState struct {
	// StateID identifies the state; Update and Delete take it.
	StateID string `json:"state_id"`
	// AgentID is the agent that keeps it.
	AgentID string `json:"agent_id"`
	// InstanceID is the agent instance it belongs to; empty for the
	// default instance.
	InstanceID string `json:"instance_id"`
	// Scope is CustomStateScopeGlobal or CustomStateScopeUser.
	Scope CustomStateScope `json:"scope"`
	// UserID is the user a user-scoped state belongs to.
	UserID string `json:"user_id"`
	// Key names the state.
	Key string `json:"key"`
	// Value is the stored value, as JSON; GetCustomState decodes it into a
	// Go value of your type.
	Value json.RawMessage `json:"value"`
	// ContentType says how the server reads Value.
	ContentType CustomStateContentType `json:"content_type"`
	// CreatedAt and UpdatedAt are when the state was created and last
	// written.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// customStateList is the wire shape of listCustomStates' answer.
type customStateList struct {
	States []CustomState `json:"states"`
}

// CustomStateKey names a custom state: its key, plus the scope, user and
// instance it lives in. The zero Scope is the server's default, global.
type CustomStateKey struct {
	// Key names the state. Required.
	Key string
	// Scope is whom the state belongs to; empty means global.
	Scope CustomStateScope
	// UserID is the user of a user-scoped state; required with
	// CustomStateScopeUser and not allowed otherwise.
	UserID string
	// InstanceID is the agent instance; empty for the default instance.
	InstanceID string
}

// validate checks the contract's key and scope rules, so a state meant
// for one user is never written as the agent's global one.
func (k CustomStateKey) validate(typ string) error {
	if strings.TrimSpace(k.Key) == "" {
		return invalid(typ+".Key", "empty; name the state")
	}
	return checkScope(typ, k.Scope, k.UserID)
}

func checkScope(typ string, scope CustomStateScope, userID string) error {
	switch scope {
	case CustomStateScopeUser:
		if userID == "" {
			return invalid(typ+".UserID", "empty with CustomStateScopeUser; say which user the state belongs to")
		}
	case "", CustomStateScopeGlobal:
		if userID != "" {
			return invalid(typ+".Scope", fmt.Sprintf("%q with UserID %q: a global state belongs to no user; set Scope to CustomStateScopeUser for a per-user state", scopeOrDefault(scope), userID))
		}
	default:
		return invalid(typ+".Scope", fmt.Sprintf("%q is not a scope; use CustomStateScopeGlobal or CustomStateScopeUser", scope))
	}
	return nil
}

func scopeOrDefault(s CustomStateScope) CustomStateScope {
	if s == "" {
		return CustomStateScopeGlobal
	}
	return s
}

func checkContentType(field string, ct CustomStateContentType) error {
	switch ct {
	case "", CustomStateText, CustomStateJSON:
		return nil
	}
	return invalid(field, fmt.Sprintf("%q is not a content type; use CustomStateText or CustomStateJSON", ct))
}

func checkValue(field string, v any) error {
	if v == nil {
		return invalid(field, "nil; the server requires a value (delete the state to remove it)")
	}
	if raw, ok := v.(json.RawMessage); ok && !json.Valid(raw) {
		return invalid(field, "not valid JSON")
	}
	return encodable(field, v)
}

// CustomStateListParams filters CustomStatesService.List. Every field is
// optional.
type CustomStateListParams struct {
	// Scope keeps only states of this scope.
	Scope CustomStateScope
	// UserID keeps only the states of this user.
	UserID string
	// InstanceID keeps only the states of this agent instance.
	InstanceID string
	// Key keeps only the states with this key.
	Key string
}

func (p CustomStateListParams) validate() error {
	switch p.Scope {
	case "", CustomStateScopeGlobal, CustomStateScopeUser:
		return nil
	}
	return invalid("CustomStateListParams.Scope", fmt.Sprintf("%q is not a scope; use CustomStateScopeGlobal or CustomStateScopeUser", p.Scope))
}

// List lists an agent's custom states.
func (s *CustomStatesService) List(ctx context.Context, agentID string, p CustomStateListParams, opts ...Option) ([]CustomState, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	out, err := call[customStateList](ctx, s.c, opts, "listCustomStates", func(server string) (*http.Request, error) {
		return gen.NewListCustomStatesRequest(server, agentID, &gen.ListCustomStatesParams{
			Scope:      optional(string(p.Scope)),
			UserId:     optional(p.UserID),
			InstanceId: optional(p.InstanceID),
			Key:        optional(p.Key),
		})
	})
	if err != nil {
		return nil, err
	}
	return out.States, nil
}

// CustomStateCreateParams is a new custom state.
type CustomStateCreateParams struct {
	// CustomStateKey names the state and where it lives. Its Key is
	// required.
	CustomStateKey
	// Value is stored as its JSON encoding. Required.
	Value any
	// ContentType says how the server reads Value; empty means text.
	ContentType CustomStateContentType
}

func (p CustomStateCreateParams) validate() error {
	return validateStateWrite("CustomStateCreateParams", p.CustomStateKey, p.Value, p.ContentType)
}

// CustomStateUpsertParams is the value to write under a key, whether or
// not a state exists there.
type CustomStateUpsertParams struct {
	// CustomStateKey names the state and where it lives. Its Key is
	// required.
	CustomStateKey
	// Value is stored as its JSON encoding. Required.
	Value any
	// ContentType says how the server reads Value; empty means text.
	ContentType CustomStateContentType
}

func (p CustomStateUpsertParams) validate() error {
	return validateStateWrite("CustomStateUpsertParams", p.CustomStateKey, p.Value, p.ContentType)
}

func validateStateWrite(typ string, k CustomStateKey, v any, ct CustomStateContentType) error {
	if err := k.validate(typ); err != nil {
		return err
	}
	if err := checkValue(typ+".Value", v); err != nil {
		return err
	}
	return checkContentType(typ+".ContentType", ct)
}

// Create stores a new custom state and returns it. To write a state
// whether or not it exists, use UpsertByKey.
func (s *CustomStatesService) Create(ctx context.Context, agentID string, p CustomStateCreateParams, opts ...Option) (*CustomState, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return call[CustomState](ctx, s.c, opts, "createCustomState", func(server string) (*http.Request, error) {
		return gen.NewCreateCustomStateRequest(server, agentID, gen.CreateCustomStateInputBody{
			Key: p.Key, Scope: string(p.Scope), UserId: p.UserID, InstanceId: p.InstanceID,
			Value: p.Value, ContentType: string(p.ContentType),
		})
	})
}

// GetByKey reads the custom state named by k. A state that does not exist
// is an *APIError with status 404 (errors.Is ErrNotFound).
func (s *CustomStatesService) GetByKey(ctx context.Context, agentID string, k CustomStateKey, opts ...Option) (*CustomState, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := k.validate("CustomStateKey"); err != nil {
		return nil, err
	}
	return call[CustomState](ctx, s.c, opts, "getCustomStateByKey", func(server string) (*http.Request, error) {
		return gen.NewGetCustomStateByKeyRequest(server, agentID, &gen.GetCustomStateByKeyParams{
			Key: k.Key, Scope: optional(string(k.Scope)), UserId: optional(k.UserID), InstanceId: optional(k.InstanceID),
		})
	})
}

// UpsertByKey writes p.Value as the custom state p names, creating it or
// replacing its value, and returns it. A PUT, it is retried like any
// idempotent call. UpsertCustomState does the same for a Go value of
// your own type.
func (s *CustomStatesService) UpsertByKey(ctx context.Context, agentID string, p CustomStateUpsertParams, opts ...Option) (*CustomState, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return call[CustomState](ctx, s.c, opts, "upsertCustomStateByKey", func(server string) (*http.Request, error) {
		return gen.NewUpsertCustomStateByKeyRequest(server, agentID, gen.UpsertCustomStateByKeyJSONRequestBody{
			Key: p.Key, Scope: optional(string(p.Scope)), UserId: optional(p.UserID), InstanceId: optional(p.InstanceID),
			Value: p.Value, ContentType: optional(string(p.ContentType)),
		})
	})
}

// DeleteByKey deletes the custom state named by k; its value is gone for
// good. A DELETE is retried after a 5xx; if the retry then finds nothing
// to delete, the result is an *AmbiguousResultError (the first attempt
// probably deleted it).
func (s *CustomStatesService) DeleteByKey(ctx context.Context, agentID string, k CustomStateKey, opts ...Option) error {
	if err := requireID("agentID", agentID); err != nil {
		return err
	}
	if err := k.validate("CustomStateKey"); err != nil {
		return err
	}
	return callInto(ctx, s.c, opts, "deleteCustomStateByKey", func(server string) (*http.Request, error) {
		return gen.NewDeleteCustomStateByKeyRequest(server, agentID, &gen.DeleteCustomStateByKeyParams{
			Key: k.Key, Scope: optional(string(k.Scope)), UserId: optional(k.UserID), InstanceId: optional(k.InstanceID),
		})
	}, nil)
}

// CustomStateUpdateParams replaces a custom state's value.
type CustomStateUpdateParams struct {
	// Value is the new value, sent even when it is false, 0 or "".
	// Required: only nil is refused.
	Value any
	// ContentType, when not nil, changes how the server reads the value;
	// nil leaves it as it is.
	ContentType *CustomStateContentType
}

func (p CustomStateUpdateParams) validate() error {
	if err := checkValue("CustomStateUpdateParams.Value", p.Value); err != nil {
		return err
	}
	if p.ContentType != nil && *p.ContentType == "" {
		return invalid("CustomStateUpdateParams.ContentType", "points to an empty content type; leave it nil to keep the current one")
	}
	if p.ContentType != nil {
		return checkContentType("CustomStateUpdateParams.ContentType", *p.ContentType)
	}
	return nil
}

// Update replaces the value of the custom state stateID and returns it.
func (s *CustomStatesService) Update(ctx context.Context, agentID, stateID string, p CustomStateUpdateParams, opts ...Option) (*CustomState, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := requireID("stateID", stateID); err != nil {
		return nil, err
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	ep, err := s.c.endpointFor(opts)
	if err != nil {
		return nil, err
	}
	body := gen.UpdateCustomStateInputBody{Value: p.Value}
	if p.ContentType != nil {
		body.ContentType = Ptr(string(*p.ContentType))
	}
	req, err := gen.NewUpdateCustomStateRequest(ep.server, agentID, stateID, body)
	out := new(CustomState)
	if _, err := ep.doJSON(ctx, "updateCustomState", req, err, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete deletes the custom state stateID; its value is gone for good. A
// DELETE is retried after a 5xx; if the retry then finds nothing to
// delete, the result is an *AmbiguousResultError.
func (s *CustomStatesService) Delete(ctx context.Context, agentID, stateID string, opts ...Option) error {
	if err := requireID("agentID", agentID); err != nil {
		return err
	}
	if err := requireID("stateID", stateID); err != nil {
		return err
	}
	return callInto(ctx, s.c, opts, "deleteCustomState", func(server string) (*http.Request, error) {
		return gen.NewDeleteCustomStateRequest(server, agentID, stateID)
	}, nil)
}

// UpsertCustomState stores v, your own Go value, as JSON under the custom
// state named by k, creating or replacing it; GetCustomState reads it back
// into the same type. The key and scope are checked, and v encoded (a
// value JSON cannot carry, such as a NaN, is a *ValidationError), before
// anything is sent.
func UpsertCustomState[T any](ctx context.Context, s *CustomStatesService, agentID string, k CustomStateKey, v T, opts ...Option) (*CustomState, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, invalid("UpsertCustomState.v", fmt.Sprintf("the value of custom state %q cannot be sent as JSON: %v", k.Key, err))
	}
	return s.UpsertByKey(ctx, agentID, CustomStateUpsertParams{CustomStateKey: k, Value: json.RawMessage(raw), ContentType: CustomStateJSON}, opts...)
}

// GetCustomState reads the custom state named by k and decodes its value
// into a T. A state that does not exist is an *APIError with status 404
// (errors.Is ErrNotFound); a value that does not decode into T is an error
// that names the key, returned with the state itself.
func GetCustomState[T any](ctx context.Context, s *CustomStatesService, agentID string, k CustomStateKey, opts ...Option) (T, *CustomState, error) {
	var v T
	st, err := s.GetByKey(ctx, agentID, k, opts...)
	if err != nil {
		return v, nil, err
	}
	if err := json.Unmarshal(st.Value, &v); err != nil {
		return v, st, fmt.Errorf("sonzai: decoding the custom state %q into %T: %w", k.Key, v, err)
	}
	return v, st, nil
}
