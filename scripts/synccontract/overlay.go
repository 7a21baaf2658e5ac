package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/speakeasy-api/openapi/overlay"
	"gopkg.in/yaml.v3"
)

// readOverlay parses our overlay and checks what the overlay package does
// not: every action says why it is there.
func readOverlay(path string) (*overlay.Overlay, error) {
	ov, err := overlay.Parse(path)
	if err != nil {
		return nil, err
	}
	if err := ov.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var missing []string
	for i, a := range ov.Actions {
		if strings.TrimSpace(a.Description) == "" {
			missing = append(missing, fmt.Sprintf("action %d (target %s)", i+1, a.Target))
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: every action needs a description giving its reason; missing on:\n  %s",
			path, strings.Join(missing, "\n  "))
	}
	return ov, nil
}

// applyOverlay applies ov to the document in strict mode: an action whose
// target selects nothing is an error (the overlay would otherwise keep
// stale entries silently), and so is any warning the package raises.
func applyOverlay(ov *overlay.Overlay, root *yaml.Node) error {
	warnings, err := ov.ApplyToStrict(root)
	if err != nil {
		return fmt.Errorf("overlay: %w", err)
	}
	if len(warnings) > 0 {
		return errors.New("overlay: " + strings.Join(warnings, "\n  "))
	}
	return nil
}
