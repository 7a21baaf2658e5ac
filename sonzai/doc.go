// Package sonzai is a client for the Sonzai API, the "mind layer" for AI
// agents: an agent keeps memory, personality, mood, goals and habits about
// each user. Your application asks for the enriched context before each
// LLM call, reports what was said, and reads back what the agent learned.
//
// # The client
//
// Build one Client and share it; it is safe for concurrent use and reuses
// connections. The API key and base URL come from SONZAI_API_KEY and
// SONZAI_BASE_URL unless options say otherwise, and a missing key or a
// malformed URL is reported by NewClient, not by the first call:
//
//	client, err := sonzai.NewClient(sonzai.WithMaxRetries(3))
//
// Every method takes a context.Context first: it is the overall deadline,
// retries included. The same options work per call:
// client.Agents.Get(ctx, id, sonzai.WithMaxRetries(0)).
//
// Each resource group of the API is a service on the client, named as the
// API names it: client.Agents, client.Sessions, client.Chat, client.Memory,
// client.Personality, client.Insights, client.Mood, client.Goals,
// client.Habits, client.Interests, client.Relationships, client.Models,
// client.Notifications and client.Wakeups. A call takes a params struct named after it
// (MoodParams, GoalListParams, ...); lists that page are iterators. An
// update sends only the fields its params set (pointers, made with Ptr).
//
// client.Webhooks registers where Sonzai delivers events (for the API
// key's project, or a named one with Webhooks.ForProject); package
// sonzai/webhook verifies and receives them.
//
// client.CustomStates keeps application state by key; UpsertCustomState
// and GetCustomState store and read back a value of your own type.
//
// client.Agents also updates an agent's capabilities (UpdateCapabilities
// patches, ReplaceCapabilities sets every flag), profile, status,
// post-processing model and custom tools, and forks it (Fork, then
// WaitFork from any process). client.Generation generates agents,
// characters, bios, avatars, images and seed memories with the server's
// models; client.Tools searches an agent's knowledge base and lists its
// tool schemas.
// client.Instances manages an agent's instances (separate memory spaces);
// client.Users lists the users an agent knows; client.Priming imports
// users in batches (ImportUsers, WaitImport with WithProgress) and primes
// an agent with what another system knows about one user (Prime,
// WaitPrime).
// client.Schedules keeps recurring check-ins with a user, on a cron
// cadence read in a time zone. client.Notifications also reads an agent's
// notification history and a project's pending notifications, and
// acknowledges them. client.Inventory keeps what a user owns, imported
// in batches of any size. client.Personality.Update sets an agent's
// scores; client.Insights also reads per-user overlays and the time
// machine. client.Constellation reads and edits the agent's graph.
// client.Events tells the agent about backend events, client.Diary reads
// the diary it keeps, and client.Dialogue has it answer one exchange.
// client.Knowledge manages a project's knowledge base: Upload streams a
// document of any size from an io.Reader (with progress, sent at most
// once) and WaitDocument waits for its ingestion; Search, Traverse and
// GetEntity read the graph; InsertFacts, the node and the schema methods
// write it.
//
// # Pattern 1: sessions
//
// Open a session, fetch the enriched context before each LLM call, report
// each turn after it, and end the session:
//
//	session, err := client.Sessions.Start(ctx, agentID, sonzai.StartParams{UserID: "user-123"})
//	enriched, err := session.Context(ctx, sonzai.ContextParams{Query: "weekend plans"})
//	// ... call your LLM with enriched.PersonalityPrompt, enriched.LoadedFacts, ...
//	turn, err := session.Turn(ctx, sonzai.TurnParams{Messages: []sonzai.Message{
//		sonzai.UserMessage("I like hiking."),
//		sonzai.AssistantMessage("Hiking is great!"),
//	}})
//	_, err = session.End(ctx, sonzai.EndParams{})
//
// Extraction continues in the background after Turn; Session.WaitTurn
// waits for it. Session.End waits for an asynchronous end;
// Session.EndAsync returns at once with an id for SessionsService.WaitEnd.
//
// # Pattern 2: whole transcripts
//
// Hand over a conversation after it happened with client.Agents.Process,
// then read what was extracted: client.Memory.Search, client.Goals.List,
// client.Mood.Get, and the other read services.
//
// # Streaming chat
//
// client.Chat.Stream lets the agent answer over server-sent events. HTTP
// failures are returned by Stream itself; the events then arrive typed
// (ChatDelta, ChatMessageBoundary, ChatFinish, ...) through All, or Next
// and Event, and ChatStream.Collect gathers a whole answer. Breaking out
// of the loop or calling Close releases the connection. client.Chat.Async
// and WaitAsync queue an answer and poll for it instead.
//
// # Errors and retries
//
// A failed call returns an *APIError carrying the status, the server's
// problem fields, the request id and any Retry-After; match a status with
// errors.Is and the sentinels (ErrNotFound, ErrRateLimited, ErrServer,
// ...). Bad input is refused before anything is sent, as a
// *ValidationError naming the field (errors.Is ErrInvalidArgument). A
// background job that failed is a *JobFailedError; a wait that ran out of
// time a *PollTimeoutError. Context errors stay matchable with errors.Is.
//
// Reads are retried on connection failures and on 408, 429, 500, 502, 503
// and 504, with exponential backoff and jitter, honouring Retry-After. A
// POST (a turn, a transcript, a chat, a session end) is retried only when
// the server provably did not act on it, so nothing is sent twice. The API
// key never appears in errors, logs or %v output.
//
// # Testing with sonzaitest
//
// Package sonzaitest is an in-memory fake of the API for your own tests:
// it validates every request against the API contract, walks background
// jobs through their states, learns from what it is told, streams real
// SSE and injects faults:
//
//	fake := sonzaitest.NewServer(t) // closed when the test ends
//	client, err := fake.Client()
//	fake.Inject(sonzaitest.Fault{Operation: sonzaitest.OpSubmitTurn, Status: 503})
package sonzai
