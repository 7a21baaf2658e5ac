package sonzai

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/sonzai-oss/sonzai-go/gen"
)

// InstanceStatus is the state of an agent instance.
type InstanceStatus string

// The instance states the API documents.
const (
	InstanceActive   InstanceStatus = "active"
	InstanceArchived InstanceStatus = "archived"
)

// Instance is one of an agent's instances: a separate memory space of the
// same agent (per tenant, per game world, per environment). Every agent
// has a default instance; calls that take an InstanceID use it when the
// field is empty.
type Instance struct {
	// InstanceID identifies the instance; pass it as InstanceID in the
	// params of memory and session calls.
	InstanceID string `json:"instance_id"`
	// AgentID is the agent the instance belongs to.
	AgentID string `json:"agent_id"`
	// Name and Description say what the instance is for.
	Name        string `json:"name"`
	Description string `json:"description"`
	// Status is active or archived.
	Status InstanceStatus `json:"status"`
	// IsDefault is true for the agent's default instance, which cannot be
	// deleted.
	IsDefault bool `json:"is_default"`
	// CreatedAt and UpdatedAt are when the instance was created and last
	// changed.
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// instanceList is the wire shape of listInstances' answer.
type instanceList struct {
	Instances []Instance `json:"instances"`
}

// List lists an agent's instances, the default one included.
func (s *InstancesService) List(ctx context.Context, agentID string, opts ...Option) ([]Instance, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	out, err := call[instanceList](ctx, s.c, opts, "listInstances", func(server string) (*http.Request, error) {
		return gen.NewListInstancesRequest(server, agentID)
	})
	if err != nil {
		return nil, err
	}
	return out.Instances, nil
}

// InstanceCreateParams describes a new instance. Name is required.
type InstanceCreateParams struct {
	// Name names the instance. Required.
	Name string
	// Description says what the instance is for. Optional.
	Description string
}

func (p InstanceCreateParams) toGen() (gen.CreateInstanceInputBody, error) {
	if strings.TrimSpace(p.Name) == "" {
		return gen.CreateInstanceInputBody{}, invalid("InstanceCreateParams.Name", "empty; an instance needs a name")
	}
	return gen.CreateInstanceInputBody{Name: p.Name, Description: p.Description}, nil
}

// Create adds an instance to an agent and returns it. It starts with an
// empty memory. It is a POST, retried only when the server provably did
// not act on it; after a 5xx or a lost connection, List tells whether it
// was created.
func (s *InstancesService) Create(ctx context.Context, agentID string, p InstanceCreateParams, opts ...Option) (*Instance, error) {
	if err := requireID("agentID", agentID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[Instance](ctx, s.c, opts, "createInstance", func(server string) (*http.Request, error) {
		return gen.NewCreateInstanceRequest(server, agentID, body)
	})
}

// Get reads one instance.
func (s *InstancesService) Get(ctx context.Context, agentID, instanceID string, opts ...Option) (*Instance, error) {
	if err := requireIDs("agentID", agentID, "instanceID", instanceID); err != nil {
		return nil, err
	}
	return call[Instance](ctx, s.c, opts, "getInstance", func(server string) (*http.Request, error) {
		return gen.NewGetInstanceRequest(server, agentID, instanceID)
	})
}

// InstanceUpdateParams changes an instance. Only what is set is sent: a
// nil field stays as it is; Description may be set to "" to clear it
// (Ptr("")). At least one field must be set.
type InstanceUpdateParams struct {
	// Name renames the instance; it cannot be empty.
	Name *string
	// Description replaces the description.
	Description *string
	// Status archives the instance or makes it active again.
	Status *InstanceStatus
}

func (p InstanceUpdateParams) toGen() (gen.UpdateInstanceInputBody, error) {
	const at = "InstanceUpdateParams"
	if p.Name == nil && p.Description == nil && p.Status == nil {
		return gen.UpdateInstanceInputBody{}, invalid(at, "nothing to update; set at least one of Name, Description, Status")
	}
	if p.Name != nil && strings.TrimSpace(*p.Name) == "" {
		return gen.UpdateInstanceInputBody{}, invalid(at+".Name", "empty; an instance needs a name")
	}
	body := gen.UpdateInstanceInputBody{Name: p.Name, Description: p.Description}
	if p.Status != nil {
		if *p.Status == "" {
			return gen.UpdateInstanceInputBody{}, invalid(at+".Status", "empty; use InstanceActive or InstanceArchived")
		}
		status := string(*p.Status)
		body.Status = &status
	}
	return body, nil
}

// Update changes the instance's fields that p sets and returns it as
// stored.
func (s *InstancesService) Update(ctx context.Context, agentID, instanceID string, p InstanceUpdateParams, opts ...Option) (*Instance, error) {
	if err := requireIDs("agentID", agentID, "instanceID", instanceID); err != nil {
		return nil, err
	}
	body, err := p.toGen()
	if err != nil {
		return nil, err
	}
	return call[Instance](ctx, s.c, opts, "updateInstance", func(server string) (*http.Request, error) {
		return gen.NewUpdateInstanceRequest(server, agentID, instanceID, body)
	})
}

// Delete deletes an instance and, with it, everything the agent
// remembers in it: its facts, memory nodes and states are lost for good.
// The default instance cannot be deleted. A DELETE is retried on a 5xx
// answer; when the retry finds the instance already gone (404), the first
// attempt may have deleted it, and Delete returns an *AmbiguousResultError
// (errors.Is ErrMaybeApplied).
func (s *InstancesService) Delete(ctx context.Context, agentID, instanceID string, opts ...Option) error {
	if err := requireIDs("agentID", agentID, "instanceID", instanceID); err != nil {
		return err
	}
	var out instanceDeleted
	err := callInto(ctx, s.c, opts, "deleteInstance", func(server string) (*http.Request, error) {
		return gen.NewDeleteInstanceRequest(server, agentID, instanceID)
	}, &out)
	return checkApplied("deleteInstance", err, out.Success)
}

// instanceDeleted is the wire shape of deleteInstance's answer.
type instanceDeleted struct {
	Success bool `json:"success"`
}

// InstanceReset is what Reset erased, and the instance afterwards.
type InstanceReset struct {
	// Instance is the instance after the reset, active again.
	Instance Instance `json:"instance"`
	// FactsDeleted and NodesDeleted count what was erased.
	FactsDeleted int64 `json:"facts_deleted"`
	NodesDeleted int64 `json:"nodes_deleted"`
}

// Reset erases an instance's memory: every fact and memory node the agent
// keeps in it, for every user, is lost and cannot be restored; the
// instance itself stays, active. It is sent once and never retried by the
// SDK, even after a network error or a 5xx: a retry could report zero
// deletions for a reset that did happen. After such an error, read the
// instance's facts to see whether it took effect, and call Reset again if
// needed.
func (s *InstancesService) Reset(ctx context.Context, agentID, instanceID string, opts ...Option) (*InstanceReset, error) {
	if err := requireIDs("agentID", agentID, "instanceID", instanceID); err != nil {
		return nil, err
	}
	return call[InstanceReset](ctx, s.c, once(opts), "resetInstance", func(server string) (*http.Request, error) {
		return gen.NewResetInstanceRequest(server, agentID, instanceID)
	})
}
