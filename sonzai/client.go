package sonzai

import (
	"fmt"
	"log/slog"
)

// Version is this SDK's version, sent in the User-Agent header.
const Version = "0.1.0"

// Client is the entry point to the Sonzai API. Build one with NewClient and
// share it: a Client and its services are safe for concurrent use by many
// goroutines, and reuse connections.
type Client struct {
	// Agents creates, reads, lists and deletes agents, and processes whole
	// transcripts (Pattern 2).
	Agents *AgentsService
	// Sessions opens session handles (Pattern 1) and polls session ends.
	Sessions *SessionsService
	// Chat streams the agent's answers or queues them for polling.
	Chat *ChatService

	// The reads of what an agent has learned, one service per resource
	// group of the API.

	// Memory lists and searches an agent's memories.
	Memory *MemoryService
	// Personality reads an agent's personality and its evolution.
	Personality *PersonalityService
	// Insights reads the recent shifts and significant moments of an
	// agent's personality.
	Insights *InsightsService
	// Mood reads and overrides an agent's mood.
	Mood *MoodService
	// Goals manages an agent's goals.
	Goals *GoalsService
	// Habits manages the habits an agent has observed.
	Habits *HabitsService
	// Interests lists the interests an agent has noticed in its users.
	Interests *InterestsService
	// Relationships lists an agent's relationships with its users.
	Relationships *RelationshipsService
	// Models lists the LLMs an agent can use for extraction.
	Models *ModelsService
	// Notifications lists and consumes proactive messages.
	Notifications *NotificationsService
	// Streams opens the API's other event streams (conversations,
	// evaluation runs, simulated ML rounds).
	Streams *StreamsService
	// Wakeups schedules and lists an agent's wake-ups.
	Wakeups *WakeupsService
	// Webhooks registers where events are delivered and lists the
	// delivery attempts.
	Webhooks *WebhooksService
	// CustomStates keeps application state for an agent, by key.
	CustomStates *CustomStatesService
	// Generation generates agents, characters, bios, images and seed
	// memories.
	Generation *GenerationService
	// Instances manages an agent's instances.
	Instances *InstancesService
	// Tools runs an agent's built-in tools and reads their schemas.
	Tools *ToolsService
	// Users lists the users an agent knows.
	Users *UsersService
	// Priming imports users and primes an agent with what it knows about
	// them.
	Priming *PrimingService
	// Schedules manages an agent's recurring check-ins with a user.
	Schedules *SchedulesService
	// Events reports backend events to an agent.
	Events *EventsService
	// Inventory reads and changes a user's inventory.
	Inventory *InventoryService
	// Constellation reads and edits an agent's constellation.
	Constellation *ConstellationService
	// Diary reads an agent's diary.
	Diary *DiaryService
	// Dialogue runs a one-off dialogue with an agent.
	Dialogue *DialogueService
	// Knowledge manages a project's knowledge base.
	Knowledge *KnowledgeService

	ep  *endpoint
	raw *rawState // Raw's client, built on first use
}

// NewClient builds a Client. The API key and base URL come from
// SONZAI_API_KEY and SONZAI_BASE_URL unless options say otherwise. A
// missing key, a malformed base URL or an invalid option is reported here,
// not on the first call.
func NewClient(opts ...Option) (*Client, error) {
	s := defaultSettings()
	for _, o := range opts {
		if o != nil { // a nil option (one left unset) does nothing
			o(&s)
		}
	}
	ep, err := resolve(s)
	if err != nil {
		return nil, err
	}
	c := &Client{ep: ep, raw: &rawState{}}
	c.attachServices()
	return c, nil
}

// endpointFor returns the configuration of one call: the client's, or the
// client's with per-call options applied on top.
func (c *Client) endpointFor(opts []Option) (*endpoint, error) {
	if len(opts) == 0 {
		return c.ep, nil
	}
	s := c.ep.settings
	s.err = nil
	for _, o := range opts {
		if o != nil { // a nil option (one left unset) does nothing
			o(&s)
		}
	}
	return resolve(s)
}

// String describes the client without its API key.
func (c Client) String() string {
	if c.ep == nil {
		return "sonzai.Client{}"
	}
	return fmt.Sprintf("sonzai.Client{server: %s, key: %s, maxRetries: %d}", c.ep.server, c.ep.apiKey, c.ep.maxRetries)
}

// Format makes every fmt verb (%v, %+v, %#v, %s, ...) print String, for a
// *Client and a Client alike, so the API key cannot leak through a dump.
func (c Client) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

// LogValue keeps the API key out of slog records that include the client.
func (c Client) LogValue() slog.Value { return slog.StringValue(c.String()) }
