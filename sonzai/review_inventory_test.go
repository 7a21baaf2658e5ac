package sonzai_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"testing"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// TestReviewInventoryImportValidatesPropertiesBeforeSending: Import promises
// that everything is checked before the first request. A property that
// cannot be encoded as JSON (NaN) in a later batch used to be found only
// when that batch was built, after the earlier batches had been sent: the
// import was half done and the caller got a batch error, not a
// *ValidationError.
func TestReviewInventoryImportValidatesPropertiesBeforeSending(t *testing.T) {
	var n counter
	c, _ := newTestServer(t, n.wrap(func(w http.ResponseWriter, r *http.Request) {
		writeRaw(w, http.StatusOK, `{"status":"ok","added":1,"failed":0,"total":1}`)
	}))
	items := []sonzai.InventoryImportItem{
		{ItemType: "card", Label: "a"},
		{ItemType: "card", Label: "b", Properties: map[string]any{"grade": math.NaN()}},
	}
	_, err := c.Inventory.Import(context.Background(), "agent-1", "user-1", sonzai.InventoryImportParams{Items: items, BatchSize: 1})
	var ve *sonzai.ValidationError
	if !errors.As(err, &ve) || ve.Field != "InventoryImportParams.Items[1].Properties" {
		t.Errorf("err = %v, want a *ValidationError on InventoryImportParams.Items[1].Properties", err)
	}
	if got := n.total.Load(); got != 0 {
		t.Errorf("%d request(s) sent before the invalid item was found, want none", got)
	}
}
