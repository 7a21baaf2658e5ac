package sonzai

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// contractType maps one of our wire types to the schema it must mirror.
type contractType struct {
	typ    reflect.Type
	schema string
	// responseOf and bodyOf name the operations whose 200 JSON response or
	// JSON request body is this schema; the test checks that the contract
	// agrees, so a wrapper like moodResult is tied to getMood.
	responseOf, bodyOf []string
}

func contractTypeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

// contractTypes is every JSON type of this package that mirrors a schema.
// Nested types are checked where they appear, and also listed here so a
// type can never silently drop out of the check. A type the contract
// describes twice (once in an answer, once in a request body, under two
// names) is listed once per schema.
var contractTypes = []contractType{
	// Agents.
	{typ: contractTypeOf[Agent](), schema: "AgentDetailResponse", responseOf: []string{"getAgent", "createAgent"}},
	{typ: contractTypeOf[AgentSummary](), schema: "AgentIndex"},
	{typ: contractTypeOf[AgentPage](), schema: "PaginatedAgentsResponse", responseOf: []string{"listAgents"}},
	{typ: contractTypeOf[AgentDeleteResult](), schema: "DeleteAgentOutputBody", responseOf: []string{"deleteAgent"}},
	{typ: contractTypeOf[AgentCreateParams](), schema: "CreateAgentBody", bodyOf: []string{"createAgent"}},
	{typ: contractTypeOf[Big5Assessment](), schema: "Big5Assessment"},
	{typ: contractTypeOf[Big5Trait](), schema: "Big5Trait"},
	{typ: contractTypeOf[Big5Scores](), schema: "CreateAgentBodyBig5Struct"},
	{typ: contractTypeOf[PersonalityDimensions](), schema: "PersonalityDimensions"},
	{typ: contractTypeOf[PersonalityDimensions](), schema: "CreateAgentBodyDimensionsStruct"},
	{typ: contractTypeOf[InteractionPreferences](), schema: "InteractionPreferences"},
	{typ: contractTypeOf[InteractionPreferences](), schema: "CreateAgentBodyPreferencesStruct"},
	{typ: contractTypeOf[BehaviorTraits](), schema: "BehavioralTraits"},
	{typ: contractTypeOf[BehaviorTraits](), schema: "CreateAgentBodyBehaviorsStruct"},
	{typ: contractTypeOf[AgentCapabilities](), schema: "CreateAgentBodyCapabilitiesStruct"},
	{typ: contractTypeOf[AgentToolCapabilities](), schema: "CreateAgentBodyToolCapabilitiesStruct"},
	{typ: contractTypeOf[InitialGoal](), schema: "CreateAgentGoal"},
	{typ: contractTypeOf[SeedMemory](), schema: "CreateAgentSeedMemory"},
	{typ: contractTypeOf[LoreContext](), schema: "CreateAgentLoreContext"},
	// Process.
	{typ: contractTypeOf[ProcessResult](), schema: "ProcessResponse", responseOf: []string{"processMessages"}},
	{typ: contractTypeOf[ProcessSideEffects](), schema: "ProcessSideEffectsSummary"},
	// Memory.
	{typ: contractTypeOf[MemoryTree](), schema: "MemoryResponse", responseOf: []string{"getMemoryTree"}},
	{typ: contractTypeOf[MemoryNode](), schema: "MemoryNode"},
	{typ: contractTypeOf[AtomicFact](), schema: "AtomicFact"},
	{typ: contractTypeOf[memorySearchResult](), schema: "SearchResponse", responseOf: []string{"searchMemories"}},
	{typ: contractTypeOf[MemorySearchHit](), schema: "SearchResult"},
	// Personality.
	{typ: contractTypeOf[Personality](), schema: "PersonalityResponse", responseOf: []string{"getPersonality"}},
	{typ: contractTypeOf[PersonalityProfile](), schema: "PersonalityProfile"},
	{typ: contractTypeOf[PersonalityDelta](), schema: "PersonalityDelta"},
	{typ: contractTypeOf[TraitPrecision](), schema: "TraitPrecision"},
	{typ: contractTypeOf[recentShifts](), schema: "RecentShiftsResponse", responseOf: []string{"getRecentShifts"}},
	{typ: contractTypeOf[PersonalityShift](), schema: "PersonalityShift"},
	{typ: contractTypeOf[significantMoments](), schema: "SignificantMomentsResponse", responseOf: []string{"getSignificantMoments"}},
	{typ: contractTypeOf[SignificantMoment](), schema: "SignificantMoment"},
	// Mood, goals, habits, interests, relationships, models.
	{typ: contractTypeOf[moodResult](), schema: "MoodResponse", responseOf: []string{"getMood"}},
	{typ: contractTypeOf[Mood](), schema: "MoodState"},
	{typ: contractTypeOf[goalList](), schema: "GoalsResponse", responseOf: []string{"listGoals"}},
	{typ: contractTypeOf[Goal](), schema: "Goal"},
	{typ: contractTypeOf[habitList](), schema: "HabitsResponse", responseOf: []string{"listHabits"}},
	{typ: contractTypeOf[Habit](), schema: "Habit"},
	{typ: contractTypeOf[interestList](), schema: "InterestsResponse", responseOf: []string{"getInterests"}},
	{typ: contractTypeOf[Interest](), schema: "Interest"},
	{typ: contractTypeOf[relationshipList](), schema: "RelationshipsResponse", responseOf: []string{"getRelationships"}},
	{typ: contractTypeOf[Relationship](), schema: "RelationshipEntry"},
	{typ: contractTypeOf[AgentModels](), schema: "GetAgentModelsOutputBody", responseOf: []string{"getAgentModels"}},
	{typ: contractTypeOf[ModelProvider](), schema: "AgentModelsModelEntry"},
	// Notifications.
	{typ: contractTypeOf[notificationList](), schema: "ProactiveNotificationsResponse", responseOf: []string{"listNotifications"}},
	{typ: contractTypeOf[Notification](), schema: "ProactiveNotificationEntry"},
	// Sessions and turns.
	{typ: contractTypeOf[TurnResult](), schema: "TurnResponseBody", responseOf: []string{"submitTurn"}},
	{typ: contractTypeOf[TurnMood](), schema: "TurnMood"},
	{typ: contractTypeOf[TurnStatus](), schema: "TurnStatusOutputBody", responseOf: []string{"getTurnStatus"}},
	{typ: contractTypeOf[SessionEnd](), schema: "EndSessionOutputBody", responseOf: []string{"endSession"}},
	{typ: contractTypeOf[SessionEndStatus](), schema: "SessionEndStatusOutputBody", responseOf: []string{"getSessionEndStatus"}},
	{typ: contractTypeOf[RecentTurn](), schema: "RecentTurn"},
	// Async chat (the stream's frames are decoded leniently into wireChunk,
	// which also reads fields the server is known to add beyond the contract).
	{typ: contractTypeOf[AsyncChat](), schema: "AsyncChatStartOutputBody", responseOf: []string{"asyncChat"}},
	{typ: contractTypeOf[AsyncChatResult](), schema: "AsyncChatResultOutputBody", responseOf: []string{"asyncChatResult"}},
	// Errors.
	{typ: contractTypeOf[problemBody](), schema: "ErrorModel"},
	{typ: contractTypeOf[ProblemDetail](), schema: "ErrorDetail"},
}

// contractUncheckedResponses are 200 responses of wrapped operations that no
// table entry mirrors, and why.
var contractUncheckedResponses = map[string]string{
	"startSession":        "a {success} body, decoded into a one-field struct where it is used",
	"setSessionTools":     "a {success} body, decoded into a one-field struct where it is used",
	"consumeNotification": "a {success} body, decoded into a one-field struct where it is used",
	"getContext":          "decoded leniently by EnrichedContext.UnmarshalJSON; only recent_turns has a shape (RecentTurn is checked)",
}

// contractWrappedOperations are the operations package sonzai wraps by
// hand; every other operation is reached through Client.Raw, whose types
// are generated from the contract and so cannot drift from it.
var contractWrappedOperations = []string{
	"listAgents", "createAgent", "getAgent", "deleteAgent", "startSession", "endSession", "setSessionTools",
	"getSessionEndStatus", "submitTurn", "getTurnStatus", "getContext", "processMessages", "chatWithAgent",
	"playgroundChat", "asyncChat", "asyncChatResult", "getMemoryTree", "searchMemories", "getPersonality",
	"getRecentShifts", "getSignificantMoments", "getMood", "listGoals", "listHabits", "getInterests",
	"getRelationships", "listNotifications", "consumeNotification", "getAgentModels",
}

func loadContractDoc(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromFile("../openapi.yaml")
	if err != nil {
		t.Fatalf("loading ../openapi.yaml: %v", err)
	}
	return doc
}

// TestTypesMatchContract checks, by reflection, that each wire type's json
// tags are exactly the properties of its schema (besides $schema), with
// compatible JSON types, recursing into nested objects, arrays and maps.
func TestTypesMatchContract(t *testing.T) {
	doc := loadContractDoc(t)
	byType := make(map[reflect.Type][]string, len(contractTypes))
	for _, ct := range contractTypes {
		byType[ct.typ] = append(byType[ct.typ], ct.schema)
	}
	for _, ct := range contractTypes {
		ref := doc.Components.Schemas[ct.schema]
		if ref == nil || ref.Value == nil {
			t.Errorf("%s: schema %q is not in the contract", ct.typ, ct.schema)
			continue
		}
		c := &contractChecker{byType: byType, seen: map[contractVisit]bool{}}
		c.object(ct.typ.Name(), ct.typ, ref.Value)
		for _, p := range c.problems {
			t.Errorf("%s ↔ %s: %s", ct.typ, ct.schema, p)
		}
	}
}

// TestTypesCoverContractOperations ties wrapper types to their operations
// and checks that every operation's JSON response (outside the unchecked
// tags) has a type in the table.
func TestTypesCoverContractOperations(t *testing.T) {
	doc := loadContractDoc(t)
	responses, bodies := map[string]string{}, map[string]string{}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if r := op.Responses.Status(200); r != nil && r.Value != nil {
				if mt := r.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
					responses[op.OperationID] = contractSchemaName(mt.Schema.Ref)
				}
			}
			if rb := op.RequestBody; rb != nil && rb.Value != nil {
				if mt := rb.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
					bodies[op.OperationID] = contractSchemaName(mt.Schema.Ref)
				}
			}
		}
	}
	covered := map[string]bool{}
	for _, ct := range contractTypes {
		for _, op := range ct.responseOf {
			got, ok := responses[op]
			switch {
			case !ok:
				t.Errorf("%s: operation %q has no JSON 200 response in the contract", ct.typ, op)
			case got != ct.schema:
				t.Errorf("%s: operation %q answers with %q, but the type mirrors %q", ct.typ, op, got, ct.schema)
			}
			covered[op] = true
		}
		for _, op := range ct.bodyOf {
			if got := bodies[op]; got != ct.schema {
				t.Errorf("%s: operation %q takes a %q body, but the type mirrors %q", ct.typ, op, got, ct.schema)
			}
		}
	}
	for _, op := range contractWrappedOperations {
		schema, ok := responses[op]
		if !ok || covered[op] || contractUncheckedResponses[op] != "" {
			continue
		}
		t.Errorf("operation %q answers with %q, but no type in contractTypes mirrors it", op, schema)
	}
}

func contractSchemaName(ref string) string { return strings.TrimPrefix(ref, "#/components/schemas/") }

// contractChecker collects the differences between Go types and schemas.
type contractChecker struct {
	byType   map[reflect.Type][]string
	seen     map[contractVisit]bool
	problems []string
}

type contractVisit struct {
	typ    reflect.Type
	schema *openapi3.Schema
}

var (
	contractTimeType    = reflect.TypeFor[time.Time]()
	contractRawType     = reflect.TypeFor[json.RawMessage]()
	contractUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
)

func (c *contractChecker) fail(path, format string, args ...any) {
	c.problems = append(c.problems, path+": "+fmt.Sprintf(format, args...))
}

// object checks a struct against an object schema, both ways.
func (c *contractChecker) object(path string, typ reflect.Type, s *openapi3.Schema) {
	if c.seen[contractVisit{typ, s}] {
		return
	}
	c.seen[contractVisit{typ, s}] = true
	fields := map[string]reflect.StructField{}
	for i := range typ.NumField() {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		tag, ok := f.Tag.Lookup("json")
		if !ok {
			c.fail(path+"."+f.Name, "exported field without a json tag")
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if name == "" {
			c.fail(path+"."+f.Name, "json tag without a name")
			continue
		}
		if other, dup := fields[name]; dup {
			c.fail(path+"."+f.Name, "json name %q also used by %s", name, other.Name)
		}
		fields[name] = f
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := fields[name]
		prop := s.Properties[name]
		if prop == nil || prop.Value == nil {
			c.fail(path+"."+f.Name, "json name %q is not a property of the schema (properties: %s)", name, contractPropertyList(s))
			continue
		}
		if f.Type == contractTimeType && contractMainType(prop.Value) == "string" && prop.Value.Format == "" &&
			reflect.PointerTo(typ).Implements(contractUnmarshaler) {
			// A timestamp the server formats itself, held as time.Time and
			// read by the type's UnmarshalJSON (serverTime; tested in
			// TestServerFormattedTimes).
			continue
		}
		c.value(path+"."+f.Name, f.Type, prop)
	}
	for _, name := range contractSortedKeys(s.Properties) {
		if name == "$schema" {
			continue
		}
		if _, ok := fields[name]; !ok {
			c.fail(path, "schema property %q has no field", name)
		}
	}
}

// value checks that a Go type can hold what the schema describes.
func (c *contractChecker) value(path string, typ reflect.Type, ref *openapi3.SchemaRef) {
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	s := ref.Value
	if want, ok := c.byType[typ]; ok && ref.Ref != "" && !slices.Contains(want, contractSchemaName(ref.Ref)) {
		c.fail(path, "%s mirrors \"%s\", but the contract puts %q here", typ, strings.Join(want, `" or "`), contractSchemaName(ref.Ref))
	}
	main := contractMainType(s)
	switch {
	case main == "" && len(s.Properties) == 0:
		// Free-form ({}): anything that decodes arbitrary JSON.
		if typ.Kind() != reflect.Interface && typ != contractRawType && typ.Kind() != reflect.Map &&
			!reflect.PointerTo(typ).Implements(contractUnmarshaler) {
			c.fail(path, "free-form value held by %s; use any or json.RawMessage", typ)
		}
	case typ == contractTimeType:
		if main != "string" || s.Format != "date-time" {
			c.fail(path, "time.Time holds a %s with format %q; only a date-time string decodes into it", main, s.Format)
		}
	case main == "string" && s.ContentEncoding == "base64" && typ == reflect.TypeFor[[]byte]():
		// encoding/json reads a base64 string into a []byte.
	case main == "string":
		if typ.Kind() != reflect.String {
			c.fail(path, "string held by %s", typ)
		} else if s.Format == "date-time" {
			c.fail(path, "date-time held by %s; use time.Time", typ)
		}
	case main == "integer":
		switch typ.Kind() {
		case reflect.Int, reflect.Int64, reflect.Int32:
		default:
			c.fail(path, "integer held by %s", typ)
		}
	case main == "number":
		if typ.Kind() != reflect.Float64 {
			c.fail(path, "number held by %s", typ)
		}
	case main == "boolean":
		if typ.Kind() != reflect.Bool {
			c.fail(path, "boolean held by %s", typ)
		}
	case main == "array":
		if typ.Kind() != reflect.Slice {
			c.fail(path, "array held by %s", typ)
		} else if s.Items != nil && s.Items.Value != nil {
			c.value(path+"[]", typ.Elem(), s.Items)
		}
	default: // an object
		switch typ.Kind() {
		case reflect.Struct:
			c.object(path, typ, s)
		case reflect.Map:
			if len(s.Properties) > 0 {
				c.fail(path, "object with named properties held by %s", typ)
			} else if ap := s.AdditionalProperties.Schema; ap != nil && ap.Value != nil {
				c.value(path+"[key]", typ.Elem(), ap)
			}
		case reflect.Interface:
		default:
			c.fail(path, "object held by %s", typ)
		}
	}
}

// contractMainType is the schema's type other than "null", "" when it has none.
func contractMainType(s *openapi3.Schema) string {
	for _, typ := range s.Type.Slice() {
		if typ != "null" {
			return typ
		}
	}
	if len(s.Properties) > 0 {
		return "object"
	}
	return ""
}

func contractPropertyList(s *openapi3.Schema) string {
	return strings.Join(contractSortedKeys(s.Properties), ", ")
}

func contractSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestConformanceCatchesDrift makes sure the checker itself fails on the
// kinds of drift it exists to catch.
func TestConformanceCatchesDrift(t *testing.T) {
	doc := loadContractDoc(t)
	schema := doc.Components.Schemas["AgentModelsModelEntry"].Value
	type renamed struct {
		Provider     string `json:"provider"`
		ProviderName string `json:"providerName"` // wrong wire name
		DefaultModel string `json:"default_model"`
	}
	type missing struct {
		Provider     string `json:"provider"`
		DefaultModel string `json:"default_model"`
	}
	type mistyped struct {
		Provider     string `json:"provider"`
		ProviderName int64  `json:"provider_name"`
		DefaultModel string `json:"default_model"`
	}
	type untagged struct {
		Provider     string `json:"provider"`
		ProviderName string
		DefaultModel string `json:"default_model"`
	}
	for _, typ := range []reflect.Type{contractTypeOf[renamed](), contractTypeOf[missing](), contractTypeOf[mistyped](), contractTypeOf[untagged]()} {
		c := &contractChecker{byType: map[reflect.Type][]string{}, seen: map[contractVisit]bool{}}
		c.object(typ.Name(), typ, schema)
		if len(c.problems) == 0 {
			t.Errorf("%s: drift from ModelProvider went unnoticed", typ.Name())
		}
	}
	c := &contractChecker{byType: map[reflect.Type][]string{}, seen: map[contractVisit]bool{}}
	c.object("ModelProvider", contractTypeOf[ModelProvider](), schema)
	if len(c.problems) != 0 {
		t.Errorf("ModelProvider itself: %v", c.problems)
	}
	// A nested date-time must be time.Time, found through an array's items.
	type badHit struct {
		Nodes []struct {
			CreatedAt string `json:"created_at"`
		} `json:"nodes"`
	}
	c = &contractChecker{byType: map[reflect.Type][]string{}, seen: map[contractVisit]bool{}}
	c.object("badHit", contractTypeOf[badHit](), doc.Components.Schemas["MemoryResponse"].Value)
	if !slices.ContainsFunc(c.problems, func(p string) bool { return strings.Contains(p, "date-time held by string") }) {
		t.Errorf("a nested date-time held by a string went unnoticed: %v", c.problems)
	}
}
