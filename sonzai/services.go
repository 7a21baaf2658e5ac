package sonzai

// Each service is one resource group of the API (a tag of the contract),
// a field of Client named after it. CONTRIBUTING.md describes the
// convention new groups follow.

// AgentsService creates, lists, reads and deletes agents, and processes
// whole transcripts (Pattern 2). Get it from Client.Agents.
type AgentsService struct{ c *Client }

// MemoryService lists and searches an agent's memories. Get it from
// Client.Memory.
type MemoryService struct{ c *Client }

// PersonalityService reads an agent's personality and how it evolved, for
// one agent or many, and sets its scores. Get it from Client.Personality.
type PersonalityService struct{ c *Client }

// InsightsService reads what stands out in an agent's evolution: recent
// personality shifts, significant moments, how it adapts to each user and
// what it was like at a past moment. Get it from Client.Insights.
type InsightsService struct{ c *Client }

// MoodService reads an agent's mood, its history and its average, and
// overrides it. Get it from Client.Mood.
type MoodService struct{ c *Client }

// GoalsService lists, creates, updates and deletes an agent's goals, and
// lists its breakthroughs. Get it from Client.Goals.
type GoalsService struct{ c *Client }

// HabitsService lists, creates, updates and deletes the habits an agent
// has observed. Get it from Client.Habits.
type HabitsService struct{ c *Client }

// InterestsService lists the interests an agent has noticed in its users.
// Get it from Client.Interests.
type InterestsService struct{ c *Client }

// RelationshipsService lists an agent's relationships with its users. Get
// it from Client.Relationships.
type RelationshipsService struct{ c *Client }

// ModelsService lists the LLM providers and models available for
// extraction. Get it from Client.Models.
type ModelsService struct{ c *Client }

// NotificationsService lists and consumes the proactive messages an agent
// wants delivered, reads their history, and lists and acknowledges a
// project's pending notifications. Get it from Client.Notifications.
type NotificationsService struct{ c *Client }

// ChatService lets the agent answer: streamed over SSE, or queued and
// polled. Get it from Client.Chat.
type ChatService struct{ c *Client }

// WakeupsService schedules and lists an agent's wake-ups: the times it
// reaches out to a user on its own. Get it from Client.Wakeups.
type WakeupsService struct{ c *Client }

// WebhooksService registers where Sonzai delivers events, rotates the
// signing secrets and lists delivery attempts. Its methods work on the
// registrations of the API key's project; ForProject scopes them to a
// named one. Get it from Client.Webhooks; receive deliveries with package
// sonzai/webhook.
type WebhooksService struct {
	c         *Client
	projectID string
	scoped    bool // set by ForProject: the project-level paths are used
}

// CustomStatesService stores, reads and deletes an agent's custom
// states: application data kept by key, for the agent or one user. Get it
// from Client.CustomStates.
type CustomStatesService struct{ c *Client }

// GenerationService generates agents, characters, bios, avatars, images and
// seed memories with an LLM. Get it from Client.Generation.
//
// Latency: every call runs a model (an LLM, or an image model) on the
// server before it answers. We have no measured figures to give: expect
// seconds to tens of seconds rather than the milliseconds of a read, and
// bound each call with its context. The avatar and image answers report the
// server's own measure (GenerationTimeMS).
//
// Retries: these calls are POSTs, which the SDK retries only when the
// server provably did not act on the first attempt (the request was not
// completely written, or the server answered 429). A retry therefore never
// generates, or charges for, a second result; after any other failure the
// error is returned and the caller decides.
type GenerationService struct{ c *Client }

// InstancesService lists, creates, reads, updates, resets and deletes an
// agent's instances: separate copies of its memory and state. Get it from
// Client.Instances.
type InstancesService struct{ c *Client }

// ToolsService runs the tools an agent's LLM calls (knowledge search) and
// reads their schemas. Get it from Client.Tools.
type ToolsService struct{ c *Client }

// UsersService lists the users an agent knows. Get it from Client.Users.
type UsersService struct{ c *Client }

// PrimingService imports users in bulk and primes an agent with what it
// should know about a user before the first conversation. Get it from
// Client.Priming.
type PrimingService struct{ c *Client }

// SchedulesService manages recurring check-ins an agent makes with a user.
// Get it from Client.Schedules.
type SchedulesService struct{ c *Client }

// EventsService tells an agent about something that happened in the
// application's backend. Get it from Client.Events.
type EventsService struct{ c *Client }

// InventoryService reads and changes what a user owns, as the agent knows
// it. Get it from Client.Inventory.
type InventoryService struct{ c *Client }

// ConstellationService reads and edits an agent's constellation: the graph
// of what it knows and how it connects. Get it from Client.Constellation.
type ConstellationService struct{ c *Client }

// DiaryService reads the diary an agent keeps. Get it from Client.Diary.
type DiaryService struct{ c *Client }

// DialogueService runs a dialogue between an agent and another party
// without a session. Get it from Client.Dialogue.
type DialogueService struct{ c *Client }

// KnowledgeService uploads documents to a project's knowledge base,
// searches it, and manages its facts, nodes and schemas. Get it from
// Client.Knowledge.
type KnowledgeService struct{ c *Client }

// attachServices gives c one value of each service.
func (c *Client) attachServices() {
	c.Agents = &AgentsService{c: c}
	c.Sessions = &SessionsService{c: c}
	c.Chat = &ChatService{c: c}
	c.Memory = &MemoryService{c: c}
	c.Personality = &PersonalityService{c: c}
	c.Insights = &InsightsService{c: c}
	c.Mood = &MoodService{c: c}
	c.Goals = &GoalsService{c: c}
	c.Habits = &HabitsService{c: c}
	c.Interests = &InterestsService{c: c}
	c.Relationships = &RelationshipsService{c: c}
	c.Models = &ModelsService{c: c}
	c.Notifications = &NotificationsService{c: c}
	c.Streams = &StreamsService{c: c}
	c.Wakeups = &WakeupsService{c: c}
	c.Webhooks = &WebhooksService{c: c}
	c.CustomStates = &CustomStatesService{c: c}
	c.Generation = &GenerationService{c: c}
	c.Instances = &InstancesService{c: c}
	c.Tools = &ToolsService{c: c}
	c.Users = &UsersService{c: c}
	c.Priming = &PrimingService{c: c}
	c.Schedules = &SchedulesService{c: c}
	c.Events = &EventsService{c: c}
	c.Inventory = &InventoryService{c: c}
	c.Constellation = &ConstellationService{c: c}
	c.Diary = &DiaryService{c: c}
	c.Dialogue = &DialogueService{c: c}
	c.Knowledge = &KnowledgeService{c: c}
}
