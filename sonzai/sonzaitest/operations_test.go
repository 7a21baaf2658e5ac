package sonzaitest

import "testing"

// TestOperationsAreInTheContract checks that every Op constant names an
// operationId of the embedded contract, so a renamed operation cannot leave
// a constant that Inject and Requests would refuse.
func TestOperationsAreInTheContract(t *testing.T) {
	val, err := newValidator()
	if err != nil {
		t.Fatal(err)
	}
	ops := Operations()
	if len(ops) == 0 {
		t.Fatal("Operations is empty")
	}
	for _, op := range ops {
		if !val.knows(string(op)) {
			t.Errorf("%q is not an operationId of the contract", op)
		}
	}
}
