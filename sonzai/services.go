package sonzai

// AgentsService creates, lists, reads and deletes agents, processes whole
// transcripts (Pattern 2) and reads what an agent has learned. Get it from
// Client.Agents.
type AgentsService struct{ c *Client }

// MemoryService lists and searches an agent's memories. Get it from
// Client.Memory.
type MemoryService struct{ c *Client }

// PersonalityService reads an agent's personality and how it evolved. Get
// it from Client.Personality.
type PersonalityService struct{ c *Client }

// NotificationsService lists and consumes the proactive messages an agent
// wants delivered. Get it from Client.Notifications.
type NotificationsService struct{ c *Client }

// ChatService lets the agent answer: streamed over SSE, or queued and
// polled. Get it from Client.Chat.
type ChatService struct{ c *Client }
