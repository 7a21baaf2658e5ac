package sonzai

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// GoalListParams filters GoalsService.List. Every field is optional.
type GoalListParams struct {
	// UserID keeps only the goals concerning this user.
	UserID string
}

// Goal is something an agent is working towards.
type Goal struct {
	// GoalID identifies the goal.
	GoalID string `json:"goal_id"`
	// AgentID is the agent pursuing it.
	AgentID string `json:"agent_id"`
	// UserID is the user the goal concerns, if any.
	UserID string `json:"user_id"`
	// Type is the kind of goal.
	Type GoalType `json:"type"`
	// Title and Description say what the goal is.
	Title       string `json:"title"`
	Description string `json:"description"`
	// Priority ranks the goal against the others.
	Priority int64 `json:"priority"`
	// Status is where the goal is, e.g. "active" or "achieved".
	Status GoalStatus `json:"status"`
	// RelatedTraits are the personality traits the goal expresses.
	RelatedTraits []string `json:"related_traits"`
	// AchievedAt is when the goal was achieved; zero until then.
	AchievedAt time.Time `json:"achieved_at"`
	// CreatedAt and UpdatedAt are when the goal was set and last changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// goalList is the wire shape of the answer.
type goalList struct {
	Goals []Goal `json:"goals"`
}

// List lists an agent's goals.
func (s *GoalsService) List(ctx context.Context, agentID string, p GoalListParams, opts ...Option) ([]Goal, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	out, err := call[goalList](ctx, s.c, opts, "listGoals", func(server string) (*http.Request, error) {
		return gen.NewListGoalsRequest(server, agentID, &gen.ListGoalsParams{UserId: optional(p.UserID)})
	})
	if err != nil {
		return nil, err
	}
	return out.Goals, nil
}

// GoalType is the kind of a goal. The constants are the kinds the API is
// known to use; the contract leaves the set open, so other values are
// passed through as they are.
type GoalType string

// Goal kinds.
const (
	GoalRelationship   GoalType = "relationship"
	GoalPersonalGrowth GoalType = "personal_growth"
)

// GoalStatus is where a goal is. The contract leaves the set open; the
// constants are the statuses the API is known to use.
type GoalStatus string

// Goal statuses.
const (
	GoalActive   GoalStatus = "active"
	GoalAchieved GoalStatus = "achieved"
)

// GoalCreateParams describes a goal for GoalsService.Create. Title is
// required; every other field is optional and left off the wire when zero.
type GoalCreateParams struct {
	// Title says what the goal is. Required.
	Title string `json:"title"`
	// Description says more about it.
	Description string `json:"description"`
	// Type is the kind of goal, e.g. GoalPersonalGrowth.
	Type GoalType `json:"type"`
	// Priority ranks the goal against the others; 0 leaves it to the server.
	Priority int64 `json:"priority"`
	// RelatedTraits are the personality traits the goal expresses.
	RelatedTraits []string `json:"related_traits"`
	// UserID makes the goal about this user; empty makes it the agent's own.
	UserID string `json:"user_id"`
}

func (p GoalCreateParams) toGen() (gen.CreateGoalInputBody, error) {
	const at = "GoalCreateParams."
	if strings.TrimSpace(p.Title) == "" {
		return gen.CreateGoalInputBody{}, invalid(at+"Title", "empty; a goal needs a title")
	}
	if err := checkTraits(at+"RelatedTraits", p.RelatedTraits); err != nil {
		return gen.CreateGoalInputBody{}, err
	}
	return gen.CreateGoalInputBody{
		Title: p.Title, Description: p.Description, Type: string(p.Type),
		Priority: optional(p.Priority), RelatedTraits: p.RelatedTraits, UserId: p.UserID,
	}, nil
}

// GoalUpdateParams changes a goal with GoalsService.Update. Only what is
// set is sent: a nil pointer leaves the field as it is, a non-nil one is
// sent even when it points to "" or 0 (use Ptr). RelatedTraits: nil leaves
// the traits as they are, an empty non-nil slice clears them. At least one
// field must be set.
type GoalUpdateParams struct {
	// Title and Description replace the goal's.
	Title       *string `json:"title"`
	Description *string `json:"description"`
	// Status moves the goal, e.g. to GoalAchieved.
	Status *GoalStatus `json:"status"`
	// Priority re-ranks the goal.
	Priority *int64 `json:"priority"`
	// RelatedTraits replaces the goal's traits.
	RelatedTraits []string `json:"related_traits"`
	// UserID is the user the goal concerns, when it is a user's goal.
	UserID string `json:"user_id"`
}

func (p GoalUpdateParams) toGen() (gen.UpdateGoalInputBody, error) {
	const at = "GoalUpdateParams."
	if p.Title == nil && p.Description == nil && p.Status == nil && p.Priority == nil && p.RelatedTraits == nil {
		return gen.UpdateGoalInputBody{}, invalid("GoalUpdateParams", "nothing to update; set at least one of Title, Description, Status, Priority, RelatedTraits")
	}
	if p.Status != nil && *p.Status == "" {
		return gen.UpdateGoalInputBody{}, invalid(at+"Status", "empty; a goal always has a status, e.g. GoalActive")
	}
	if err := checkTraits(at+"RelatedTraits", p.RelatedTraits); err != nil {
		return gen.UpdateGoalInputBody{}, err
	}
	body := gen.UpdateGoalInputBody{
		Title: p.Title, Description: p.Description, Priority: p.Priority, UserId: optional(p.UserID),
	}
	if p.Status != nil {
		body.Status = Ptr(string(*p.Status))
	}
	if p.RelatedTraits != nil {
		body.RelatedTraits = &p.RelatedTraits
	}
	return body, nil
}

func checkTraits(field string, traits []string) error {
	for i, t := range traits {
		if strings.TrimSpace(t) == "" {
			return invalid(fmt.Sprintf("%s[%d]", field, i), "empty; name a trait or drop the entry")
		}
	}
	return nil
}

// GoalDeleteParams narrows GoalsService.Delete. Every field is optional.
type GoalDeleteParams struct {
	// UserID is the user the goal concerns, when it is a user's goal.
	UserID string
}

// Create gives an agent a new goal and returns it as stored.
func (s *GoalsService) Create(ctx context.Context, agentID string, p GoalCreateParams, opts ...Option) (*Goal, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[Goal](ctx, s.c, opts, "createGoal", func(server string) (*http.Request, error) {
		return gen.NewCreateGoalRequest(server, agentID, body)
	})
}

// Update changes the fields of a goal that p sets and returns the goal as
// stored.
func (s *GoalsService) Update(ctx context.Context, agentID, goalID string, p GoalUpdateParams, opts ...Option) (*Goal, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	if err := requireID("goalID", goalID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[Goal](ctx, s.c, opts, "updateGoal", func(server string) (*http.Request, error) {
		return gen.NewUpdateGoalRequest(server, agentID, goalID, body)
	})
}

// Delete removes a goal; it is gone for good. A DELETE is retried on a 5xx
// answer; when the retry finds the goal already gone (404), the first
// attempt may have deleted it, and Delete returns an *AmbiguousResultError
// rather than claiming either outcome.
func (s *GoalsService) Delete(ctx context.Context, agentID, goalID string, p GoalDeleteParams, opts ...Option) error {
	if err := requireID("agentID", agentID); err != nil {
		return err
	}
	if err := requireID("goalID", goalID); err != nil {
		return err
	}
	return callInto(ctx, s.c, opts, "deleteGoal", func(server string) (*http.Request, error) {
		return gen.NewDeleteGoalRequest(server, agentID, goalID, &gen.DeleteGoalParams{UserId: optional(p.UserID)})
	}, nil)
}

// BreakthroughsParams narrows GoalsService.Breakthroughs. Every field is
// optional.
type BreakthroughsParams struct {
	// UserID keeps only the breakthroughs reached with this user.
	UserID string
}

// Breakthrough is a milestone an agent reached: goals achieved, new goals
// set, personality shifted.
type Breakthrough struct {
	// BreakthroughID identifies the breakthrough; BreakthroughNumber counts
	// the agent's breakthroughs from 1.
	BreakthroughID     string `json:"breakthrough_id"`
	BreakthroughNumber int64  `json:"breakthrough_number"`
	// AgentID and UserID say whose breakthrough it is.
	AgentID string `json:"agent_id"`
	UserID  string `json:"user_id"`
	// LevelAtBreakthrough is the agent's level when it happened.
	LevelAtBreakthrough int64 `json:"level_at_breakthrough"`
	// Narrative tells the breakthrough in words.
	Narrative string `json:"narrative"`
	// PersonalityShifts, NewGoals and AchievedGoals say what changed.
	PersonalityShifts []string `json:"personality_shifts"`
	NewGoals          []string `json:"new_goals"`
	AchievedGoals     []string `json:"achieved_goals"`
	// TraitEvolved names the trait that evolved, if one did.
	TraitEvolved string `json:"trait_evolved"`
	// SkillPointsAwarded is what the breakthrough earned.
	SkillPointsAwarded int64 `json:"skill_points_awarded"`
	// Acknowledged is true once the breakthrough was shown to the user.
	Acknowledged bool `json:"acknowledged"`
	// CreatedAt is when it happened.
	CreatedAt time.Time `json:"created_at"`
}

// breakthroughList is the wire shape of the answer.
type breakthroughList struct {
	Breakthroughs []Breakthrough `json:"breakthroughs"`
}

// Breakthroughs lists the breakthroughs an agent has reached.
func (s *GoalsService) Breakthroughs(ctx context.Context, agentID string, p BreakthroughsParams, opts ...Option) ([]Breakthrough, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	out, err := call[breakthroughList](ctx, s.c, opts, "listBreakthroughs", func(server string) (*http.Request, error) {
		return gen.NewListBreakthroughsRequest(server, agentID, &gen.ListBreakthroughsParams{UserId: optional(p.UserID)})
	})
	if err != nil {
		return nil, err
	}
	return out.Breakthroughs, nil
}
