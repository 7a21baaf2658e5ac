// Package sonzaitest is an in-memory fake of the Sonzai API, for running
// the SDK's examples without an API key and for testing code that uses
// the SDK.
//
// A fake listens on a loopback port and answers every operation of the
// contract (openapi.yaml) the SDK is generated from, all 388 that a project
// API key can call, so code written against Client.Raw runs against it too:
//
//	srv := sonzaitest.NewServer(t) // closed when the test ends
//	client, err := srv.Client()
//	if err != nil {
//		t.Fatal(err)
//	}
//	sess, err := client.Sessions.Start(ctx, sonzaitest.DemoAgentID, sonzai.StartParams{UserID: "user-123"})
//
// Or run it as a process, and point the SDK at it with SONZAI_BASE_URL and
// SONZAI_API_KEY:
//
//	go run github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest/cmd/sonzai-fake -addr 127.0.0.1:8080
//
// # What the fake checks
//
// Every request needs "Authorization: Bearer <key>" (DefaultAPIKey unless
// WithAPIKey says otherwise), or it gets a 401 problem. Every request is
// then checked against the contract, parameters and body, unknown body
// fields included: a violation is answered with application/problem+json,
// status 400 for a parameter (or a body that is missing or not JSON) and
// 422 for a body that breaks its schema, with one entry per violation
// naming the field, e.g. {"location": "body.messages[0].role", "message":
// ..., "value": "robot"}. A few rules the schemas cannot state are checked
// too (a turn or transcript needs a message, a chat a user message) and
// answered 422. Unknown agents, sessions (for setSessionTools), extraction
// and processing ids are 404; consuming a notification twice is 409.
// Responses use the contract's wire names and no field it does not
// declare; the chat stream's terminal frame also carries usage and
// continuation_token, and its first delta delta.role, as the server's do.
//
// # Every other operation
//
// The operations package sonzai wraps have the behaviour described below.
// Every other operation answers with its documented success status and a
// body built from the contract's schema for it: the same bytes every time,
// valid against the contract, but without state (what a call creates is
// not stored, and a read returns its fixed answer). Its requests are
// checked like all others, and faults apply to it. An operation that
// streams events sends two events, with ids 1 and 2, and a request with
// Last-Event-ID gets only the events after it.
//
// # What the fake does
//
// It starts with one agent, "Mia" (DemoAgentID), who has a personality,
// two goals and a little history. Agents can be created (or updated by id
// or name), read, listed in pages and deleted; an agent path parameter may
// be its id or its name.
//
// Messages sent with submitTurn, processMessages, endSession (with a
// transcript) and the chats go through a small deterministic extractor
// that stands in for the server's LLM (see extract.go for the patterns):
//
//	"I like hiking"                   → fact "User likes hiking", interest "hiking"
//	"My name is Alice"                → fact "User's name is Alice"
//	"I live in Osaka"                 → fact "User lives in Osaka"
//	"I go running every morning"      → habit "Go running every morning" (formed)
//	"Remind me to call mom"           → a pending "reminder" notification
//	tool result {"order_id":"42","origin":"Tokyo","carrier":"DHL"}
//	                                  → facts "order_id: 42", "origin: Tokyo", "carrier: DHL" and
//	                                    "tool result (order-lookup): order_id 42, origin Tokyo, carrier DHL"
//
// Positive and negative words move the mood (at once; submitTurn returns
// it), the relationship's love score, and the personality (an evolution
// entry, and a significant moment when the feeling is strong). An interest
// mentioned three times becomes a habit. Ending a session adds a summary
// and a follow-up notification ("Hi! How did the hiking go?").
//
// Facts, interests, habits, notifications and personality changes from a
// turn are stored when its extraction is done, not before: read them
// after Session.WaitTurn. The same holds for an asynchronous session end
// (after SessionsService.WaitEnd, which Session.End does for you) and an
// asynchronous chat. processMessages, synchronous session ends and chat
// streams store them before answering.
//
// Background work takes WithJobDuration (300ms by default) on the fake's
// Clock: queued (pending) for the first third, running (processing) for
// the rest, then done (complete) or, after FailExtractions(true), failed.
// Progress is computed from the clock whenever a request looks, so with a
// FakeClock nothing moves until the test advances it.
//
// Chat streams answer with a context_ready frame, planning and composing
// phases, the first message in several deltas, a message_boundary, a short
// second message, a side_effects frame, a terminal frame with
// finish_reason "stop", and "data: [DONE]". The answer is deterministic
// and brings up what the agent remembers ("You told me you like
// hiking."). asyncChat answers 202 with a processing_id; its result walks
// queued → running → complete with the same answer (the two messages
// joined by a blank line).
//
// Each agent keeps its capability flags (getCapabilities answers every
// one; a PATCH or a PUT changes the ones it sends), its custom tools
// (listed, also in the capabilities and the tool schemas; a duplicate name
// is 409, an unknown one 404, sonzai_ names 422), its active flag (read by
// getAgent), its post-processing override (resolved by
// getEffectivePostProcessingModel; without one, the chat model itself) and
// profile edits. forkAgent answers "forking" with the new agent's id at
// once; getForkStatus, read by that id, counts tables copied on the Clock
// like any background work, and the copy (profile, settings, facts, goals,
// habits, interests, as they were at the fork) appears when it is
// complete. The generation operations answer at once with text built from
// the request; generateAndCreateAgent creates the agent (or returns the one
// with that id or name) and regenerateAvatar stores the new avatar URL.
// The knowledge-base search ranks the agent's facts and bio by the share of
// the query's words they contain.
//
// # Faults
//
// Inject queues faults for the next matching requests: latency, an error
// status with Retry-After, a connection reset (for streams, after some
// bytes), an error frame or slow frames in a chat stream. Requests counts
// the requests each operation received, to check retries. Both name
// operations with an Operation: the Op constants (OpSubmitTurn,
// OpChatWithAgent, ...) cover every operation the fake gives behaviour to,
// Operation("kbCompare") names any other one of the contract, and a name
// the contract does not have is an error that lists the valid ones.
// See the examples for a test double, fault injection and request
// assertions.
//
// # Webhooks
//
// Webhook registrations are kept like the rest of the state: the first
// upsert of an event type returns a whsec_ signing secret, a rotation a
// new one. Deliver sends an event to every URL registered for its type,
// signed as Sonzai signs it, retrying a failing receiver up to
// MaxDeliveryAttempts times, and records each attempt for
// Webhooks.ListAttempts: a receiver built on package sonzai/webhook is
// tested end to end (see ExampleServer_Deliver). WithWebhookClient lets
// it reach an https test server.
//
// # Imports and priming
//
// Imported and primed users are known at once (Users.List,
// Priming.Metadata), with the facts they came with and the ones their
// company and title state. Each import batch, priming and added content is
// a job that walks through pending, processing (ProcessedUsers growing
// with the Clock) and completed on the job duration of WithJobDuration;
// what the users' content and messages say is extracted when it completes,
// and then shows in every memory read and in the context. FailExtractions
// fails them too.
//
// # Knowledge base
//
// Every project id has a knowledge base, empty until written. An uploaded
// document is streamed, never held: the fake keeps its size and SHA-256,
// and accepts files of up to 1 GiB (the API's limit is 50 MB) so that
// large uploads can be tested. Its status walks pending, processing,
// completed on the Clock, like the other background work (failed while
// FailExtractions is on); once completed, the document is a node of type
// "document" that search finds. Entities written through InsertFacts,
// CreateNode and BulkUpdateProperties are versioned nodes with a history;
// the relations between them are versioned facts; search matches the
// query's words against labels, types and property values. A relationship
// naming a label no entity has is skipped (not among the answer's edges).
// A tenant's organization-wide nodes are kept per tenant id.
//
// What the fake ignores: instance_id on memory calls (instances are kept,
// but facts are not: the default instance holds them all), memory scope,
// search mode and include_verbatim (and the knowledge search's mode),
// language and time zones, provider and model choices (recorded, never
// validated). An agent's knowledge-base tool (Tools.KBSearch) searches the
// agent's own facts and bio, not the project's knowledge base.
package sonzaitest
