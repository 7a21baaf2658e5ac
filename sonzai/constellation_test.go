package sonzai_test

import (
	"context"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

func TestConstellationInvalidInputSendsNothing(t *testing.T) {
	checkLifeInvalidSendsNothing(t, []lifeInvalid{
		{"Get agent", "agentID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Constellation.Get(ctx, "", sonzai.ConstellationParams{}))
		}},
		{"CreateNode label", "ConstellationNodeCreateParams.Label", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Constellation.CreateNode(ctx, "a1", sonzai.ConstellationNodeCreateParams{Label: " "}))
		}},
		{"CreateNode significance", "ConstellationNodeCreateParams.Significance", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Constellation.CreateNode(ctx, "a1", sonzai.ConstellationNodeCreateParams{Label: "x", Significance: sonzai.Ptr(1.1)}))
		}},
		{"UpdateNode nothing", "ConstellationNodeUpdateParams", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Constellation.UpdateNode(ctx, "a1", "n1", sonzai.ConstellationNodeUpdateParams{}))
		}},
		{"UpdateNode label", "ConstellationNodeUpdateParams.Label", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Constellation.UpdateNode(ctx, "a1", "n1", sonzai.ConstellationNodeUpdateParams{Label: sonzai.Ptr("")}))
		}},
		{"UpdateNode type", "ConstellationNodeUpdateParams.NodeType", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Constellation.UpdateNode(ctx, "a1", "n1", sonzai.ConstellationNodeUpdateParams{NodeType: sonzai.Ptr(sonzai.NodeType(""))}))
		}},
		{"UpdateNode significance", "ConstellationNodeUpdateParams.Significance", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Constellation.UpdateNode(ctx, "a1", "n1", sonzai.ConstellationNodeUpdateParams{Significance: sonzai.Ptr(-0.1)}))
		}},
		{"UpdateNode id", "nodeID", func(ctx context.Context, c *sonzai.Client) error {
			return errOnly(c.Constellation.UpdateNode(ctx, "a1", "", sonzai.ConstellationNodeUpdateParams{Label: sonzai.Ptr("x")}))
		}},
		{"DeleteNode id", "nodeID", func(ctx context.Context, c *sonzai.Client) error { return c.Constellation.DeleteNode(ctx, "a1", "..") }},
	})
}
