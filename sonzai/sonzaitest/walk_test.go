package sonzaitest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/sonzai-oss/sonzai-go/gen/ops"
	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestRawWalksEveryOperation calls every operation of the contract through
// sonzai.Client.Raw against the fake, with arguments built from the
// contract, and checks that each answers its documented success status
// with a body the generated client decoded. Operations with state get the
// ids of things created first through the wrapped API.
func TestRawWalksEveryOperation(t *testing.T) {
	fake := NewServer(t)
	c, err := fake.Client()
	if err != nil {
		t.Fatal(err)
	}
	ctx := ctxT(t)
	doc, err := newValidator()
	if err != nil {
		t.Fatal(err)
	}
	ids := walkSetup(ctx, t, c)

	raw := c.Raw()
	methods := map[string]reflect.Value{}
	rv := reflect.ValueOf(raw)
	for i := range rv.NumMethod() {
		methods[strings.ToLower(rv.Type().Method(i).Name)] = rv.Method(i)
	}
	all := ops.Operations()
	if len(all) != 388 {
		t.Errorf("the operation table has %d operations, want 388", len(all))
	}
	// deleteAgent removes the demo agent the others use: it goes last.
	for _, last := range []string{"deleteWebhook", "deleteWebhookForTenant", "deleteAgent"} {
		for i, op := range all {
			if op.ID == last {
				all = append(append(all[:i:i], all[i+1:]...), op)
				break
			}
		}
	}
	for _, op := range all {
		m, ok := methods[strings.ToLower(op.ID+"WithResponse")]
		if !ok {
			m, ok = methods[strings.ToLower(op.ID+"WithBodyWithResponse")]
		}
		if !ok {
			t.Errorf("%s: no generated method", op.ID)
			continue
		}
		spec := doc.operation(op.ID)
		args := walkArgs(t, ctx, op, spec, m.Type(), ids)
		if args == nil {
			continue
		}
		out := m.Call(args)
		if err, _ := out[1].Interface().(error); err != nil {
			t.Errorf("%s: %v", op.ID, err)
			continue
		}
		reply := out[0]
		status := int(reply.MethodByName("StatusCode").Call(nil)[0].Int())
		if status != op.Success && !walkDocumented(spec, status) {
			t.Errorf("%s: status %d, want %d", op.ID, status, op.Success)
			continue
		}
		body := reply.Elem().FieldByName("Body").Bytes()
		switch {
		case op.Stream:
			if !bytes.Contains(body, []byte("data:")) {
				t.Errorf("%s: the stream carried no event: %q", op.ID, body)
			}
		case walkHasJSON(spec, status):
			decoded := reply.Elem().FieldByName("JSON" + strconv.Itoa(status))
			if !decoded.IsValid() || decoded.IsNil() {
				t.Errorf("%s: the %d JSON body was not decoded (body %s)", op.ID, status, excerpt(body))
			}
		case op.ID == "asyncChat":
			// The contract declares no body for its 202; the server (and
			// the fake) send the processing id anyway, which the SDK reads.
		default:
			if len(body) != 0 {
				t.Errorf("%s: %d answer has a body %q; the contract declares none", op.ID, status, excerpt(body))
			}
		}
	}
	if got := fake.Requests(""); got < len(all) {
		t.Errorf("the fake saw %d requests, fewer than the %d operations", got, len(all))
	}
}

// walkIDs are values for path parameters, by operation and then by name.
type walkIDs map[string]map[string]string

// walkSetup creates, through the wrapped API, what the stateful operations
// need to find: a session, a turn, an ended session, a queued chat and a
// notification.
func walkSetup(ctx context.Context, t *testing.T, c *sonzai.Client) walkIDs {
	t.Helper()
	if _, err := c.Agents.Process(ctx, DemoAgentID, sonzai.ProcessParams{
		UserID: "walk-user", Messages: []sonzai.Message{sonzai.UserMessage("Please remind me to call mom tomorrow.")},
	}); err != nil {
		t.Fatal(err)
	}
	var messageID string
	for n, err := range c.Notifications.Pending(ctx, DemoAgentID, sonzai.NotificationListParams{UserID: "walk-user"}) {
		if err != nil {
			t.Fatal(err)
		}
		messageID = n.MessageID
	}
	sess, err := c.Sessions.Start(ctx, DemoAgentID, sonzai.StartParams{UserID: "walk-user", SessionID: "walk-session"})
	if err != nil {
		t.Fatal(err)
	}
	turn, err := sess.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{sonzai.UserMessage("I love hiking.")}})
	if err != nil {
		t.Fatal(err)
	}
	chat, err := c.Chat.Async(ctx, DemoAgentID, sonzai.ChatParams{Messages: []sonzai.Message{sonzai.UserMessage("Hi")}})
	if err != nil {
		t.Fatal(err)
	}
	ended, err := c.Sessions.Resume(DemoAgentID, sonzai.StartParams{UserID: "walk-user", SessionID: "walk-ended"})
	if err != nil {
		t.Fatal(err)
	}
	end, err := ended.EndAsync(ctx, sonzai.EndParams{})
	if err != nil {
		t.Fatal(err)
	}
	inner := walkInnerLife(ctx, t, c)
	// The webhook walked at both levels exists before any operation on it.
	hook := sonzai.WebhookUpsertParams{WebhookURL: "https://example.test/walk"}
	for _, svc := range []*sonzai.WebhooksService{c.Webhooks, c.Webhooks.ForProject("walk-projectId")} {
		if _, err := svc.Upsert(ctx, "walk-eventType", hook); err != nil {
			t.Fatal(err)
		}
	}
	memIDs := walkMemorySetup(ctx, t, c)
	ids := walkIDs{
		"":                    {"agentId": DemoAgentID, "sessionId": "walk-session"},
		"updateGoal":          {"goalId": inner[0]},
		"deleteGoal":          {"goalId": inner[1]},
		"updateHabit":         {"habitName": inner[2]},
		"deleteHabit":         {"habitName": inner[3]},
		"consumeNotification": {"messageId": messageID},
		"getTurnStatus":       {"extractionId": turn.ExtractionID},
		"asyncChatResult":     {"processingId": chat.ProcessingID},
		"getSessionEndStatus": {"processingId": end.ProcessingID},
	}
	maps.Copy(ids, memIDs)
	maps.Copy(ids, walkAgentsToolsSetup(ctx, t, c))
	maps.Copy(ids, walkDirectorySetup(ctx, t, c))
	maps.Copy(ids, walkLifeSetup(ctx, t, c))
	maps.Copy(ids, walkKnowledgeSetup(ctx, t, c))
	return ids
}

func (ids walkIDs) value(op, name string) string {
	if v, ok := ids[op][name]; ok {
		return v
	}
	if v, ok := ids[""][name]; ok {
		return v
	}
	return "walk-" + name
}

// walkArgs builds the arguments of a generated ...WithResponse method: the
// context, the path parameters in path order, the parameters struct, and
// the body (a typed body from the contract's schema, or a multipart form).
func walkArgs(t *testing.T, ctx context.Context, op ops.Operation, spec *openapi3.Operation, mt reflect.Type, ids walkIDs) []reflect.Value {
	t.Helper()
	var names []string
	for _, seg := range strings.Split(op.Path, "/") {
		if strings.HasPrefix(seg, "{") {
			names = append(names, strings.Trim(seg, "{}"))
		}
	}
	args := []reflect.Value{reflect.ValueOf(ctx)}
	n := mt.NumIn()
	if mt.IsVariadic() {
		n-- // the request editors
	}
	for i := 1; i < n; i++ {
		in := mt.In(i)
		switch {
		case len(names) > 0:
			v := reflect.New(in).Elem()
			value := ids.value(op.ID, names[0])
			for _, pr := range spec.Parameters {
				if p := pr.Value; p != nil && p.Name == names[0] && p.Schema != nil && len(p.Schema.Value.Enum) > 0 {
					value = fmt.Sprint(p.Schema.Value.Enum[0])
				}
			}
			if err := walkSet(v, value); err != nil {
				t.Errorf("%s: path parameter %s: %v", op.ID, names[0], err)
				return nil
			}
			args = append(args, v)
			names = names[1:]
		case in.Kind() == reflect.Pointer && strings.HasSuffix(in.Elem().Name(), "Params"):
			args = append(args, walkParams(t, op, spec, in.Elem(), ids))
		case in.Kind() == reflect.String && i+1 < n && mt.In(i+1) == reflect.TypeFor[io.Reader]():
			ct, body := walkMultipart(t)
			args = append(args, reflect.ValueOf(ct), reflect.ValueOf(body))
			i++
		default:
			args = append(args, walkBody(t, op, spec, in))
		}
	}
	return args
}

// walkParams fills the required fields of a parameters struct (the ones
// that are not pointers) from the contract's parameter schemas, or from
// ids when it has a value for the operation and parameter.
func walkParams(t *testing.T, op ops.Operation, spec *openapi3.Operation, typ reflect.Type, ids walkIDs) reflect.Value {
	p := reflect.New(typ)
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("form"), ",")
		if _, given := ids[op.ID][name]; f.Type.Kind() == reflect.Pointer && !given {
			continue
		}
		var schema *openapi3.SchemaRef
		for _, pr := range spec.Parameters {
			if pr.Value != nil && pr.Value.Name == name {
				schema = pr.Value.Schema
			}
		}
		raw, _ := json.Marshal(synthValue(schema, name, 0, true))
		if v, ok := ids[op.ID][name]; ok {
			raw, _ = json.Marshal(v)
		}
		if err := json.Unmarshal(raw, p.Elem().Field(i).Addr().Interface()); err != nil {
			t.Errorf("%s: parameter %s: %v", op.ID, name, err)
		}
	}
	return p
}

// walkBody is a value of the body type from the contract's schema, with
// the fields the fake's stateful operations check made plausible.
func walkBody(t *testing.T, op ops.Operation, spec *openapi3.Operation, typ reflect.Type) reflect.Value {
	v := reflect.New(typ)
	if spec.RequestBody == nil || spec.RequestBody.Value == nil {
		return v.Elem()
	}
	mt := spec.RequestBody.Value.Content.Get("application/json")
	if mt == nil {
		return v.Elem()
	}
	body := walkPlausible(synthValue(mt.Schema, "", 0, true))
	raw, _ := json.Marshal(body)
	if err := json.Unmarshal(raw, v.Interface()); err != nil {
		t.Errorf("%s: body %s: %v", op.ID, raw, err)
	}
	return v.Elem()
}

// walkPlausible replaces synthesized values the stateful handlers reject:
// message roles, and the user and session a body names.
func walkPlausible(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			switch k {
			case "role":
				x[k] = "user"
			case "user_id", "userId":
				x[k] = "walk-user"
			case "session_id", "sessionId":
				x[k] = "walk-session"
			case "scheduled_at", "starts_at":
				x[k] = "2026-01-01T09:00:00Z"
			case "ends_at": // a schedule's, after its starts_at
				x[k] = "2027-01-01T09:00:00Z"
			case "action":
				x[k] = "add" // an inventory write's
			case "cadence":
				x[k] = map[string]any{"cron": "0 9 * * *", "timezone": "UTC"}
			case "webhook_url":
				x[k] = "https://example.test/walk"
			case "scope":
				x[k] = "user" // a custom state's; user_id is set above
			case "content_type":
				x[k] = "json"
			case "node_id":
				delete(x, k) // the server picks the node
			case "label":
				if pair, ok := e.(map[string]any); ok && len(pair) == 2 {
					delete(x, k) // a node update's compare-and-swap, which {} never matches
				}
			default:
				x[k] = walkPlausible(e)
			}
		}
	case []any:
		for i, e := range x {
			x[i] = walkPlausible(e)
		}
	}
	return v
}

func walkMultipart(t *testing.T) (string, io.Reader) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	part, err := w.CreateFormFile("file", "walk.txt")
	if err != nil {
		t.Fatal(err)
	}
	_, _ = part.Write([]byte("walk"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), &buf
}

func walkSet(v reflect.Value, s string) error {
	switch v.Kind() {
	case reflect.String:
		v.SetString(s)
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(1)
	default:
		return json.Unmarshal([]byte(strconv.Quote(s)), v.Addr().Interface())
	}
	return nil
}

// walkDocumented reports whether status is one of the operation's
// documented 2xx statuses (asyncChat documents 200 and 202, and answers
// 202 as the server does).
func walkDocumented(spec *openapi3.Operation, status int) bool {
	return status >= 200 && status < 300 && spec.Responses.Status(status) != nil
}

// walkHasJSON reports whether the operation documents a JSON body for status.
func walkHasJSON(spec *openapi3.Operation, status int) bool {
	r := spec.Responses.Status(status)
	return r != nil && r.Value != nil && r.Value.Content.Get("application/json") != nil
}
