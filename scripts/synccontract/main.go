// Command synccontract builds our contract, openapi.yaml, from the server's
// published OpenAPI spec and our hand-written overlay.
//
// The server's document is the source of facts: paths, methods,
// parameters, field names, JSON types, required lists, limits, statuses and
// media types. Its prose is not ours to copy, so every description,
// summary, title and example is dropped from it before anything else
// happens. What the contract says in words (info, summaries, response
// descriptions) comes from the overlay or is derived here from facts (an
// operation's summary from its operationId).
//
// Steps, in order:
//
//  1. Select the operations a project API key can call: every operation
//     whose `security` accepts the apiKey scheme, plus those that declare
//     no security at all. The rest accept only a dashboard login; they are
//     listed, with that reason, in the file named by -dashboard-only.
//  2. Drop the server's prose (see prose.go).
//  3. Apply the renames of the overlay's x-sonzai-renames extension (see
//     renames.go), then the overlay (OpenAPI Overlay 1.0, applied by
//     github.com/speakeasy-api/openapi/overlay) in strict mode: an action
//     whose target matches nothing fails the sync, so the overlay cannot
//     hold stale entries. Every action must carry a description: the
//     reason for the difference it makes.
//  4. Fill in what the overlay left out: a summary derived from the
//     operationId, neutral response descriptions.
//  5. Keep only the components reachable from the selected operations.
//  6. Write the result with every mapping's keys in a fixed order, so the
//     same inputs always give a byte-identical file.
//
// Usage (from the repository root; `make sync-contract` runs this):
//
//	go -C scripts run ./synccontract -server ../../shared/reference/sonzai-openapi.json \
//	    -overlay ../openapi.overlay.yaml -out ../openapi.yaml -dashboard-only ../docs/dashboard-only.md
//
// With -check nothing is written: the command compares what it would write
// with the files that are there, prints the start of the first difference
// and exits 1 when they differ.
//
// Exit status: 0 success (or -check found no difference), 1 -check found a
// difference, 2 usage, input or overlay error.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
)

const (
	exitOK       = 0
	exitDiffers  = 1
	exitUsageErr = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("synccontract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	serverLoc := fs.String("server", "", "the server's published OpenAPI spec (JSON or YAML; file or https URL)")
	overlayPath := fs.String("overlay", "", "our overlay (OpenAPI Overlay 1.0)")
	outPath := fs.String("out", "", "the contract to write (openapi.yaml)")
	dashPath := fs.String("dashboard-only", "", "the list of operations left out, to write (Markdown)")
	check := fs.Bool("check", false, "write nothing; exit 1 when -out or -dashboard-only differ from what the sync produces")
	if err := fs.Parse(args); err != nil {
		return exitUsageErr
	}
	if *serverLoc == "" || *overlayPath == "" || *outPath == "" || *dashPath == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: synccontract -server FILE|URL -overlay FILE -out FILE -dashboard-only FILE [-check]")
		return exitUsageErr
	}

	server, err := readServerSpec(*serverLoc, &http.Client{Timeout: fetchTimeout})
	if err != nil {
		fmt.Fprintf(stderr, "sync-contract: server: %v\n", err)
		return exitUsageErr
	}
	ov, err := readOverlay(*overlayPath)
	if err != nil {
		fmt.Fprintf(stderr, "sync-contract: overlay: %v\n", err)
		return exitUsageErr
	}
	rn, err := readRenames(*overlayPath)
	if err != nil {
		fmt.Fprintf(stderr, "sync-contract: overlay: %v\n", err)
		return exitUsageErr
	}
	res, err := build(server, ov, rn)
	if err != nil {
		fmt.Fprintf(stderr, "sync-contract: %v\n", err)
		return exitUsageErr
	}

	outputs := []struct {
		path string
		data []byte
	}{
		{*outPath, res.contract},
		{*dashPath, res.dashboardOnly},
	}
	if *check {
		status := exitOK
		for _, o := range outputs {
			have, err := os.ReadFile(o.path)
			if err != nil {
				fmt.Fprintf(stderr, "sync-contract: %v\n", err)
				return exitUsageErr
			}
			if !bytes.Equal(have, o.data) {
				fmt.Fprintf(stdout, "%s is not what the sync produces:\n%s", o.path, firstDifference(o.data, have))
				status = exitDiffers
			}
		}
		if status == exitDiffers {
			fmt.Fprintln(stderr, "sync-contract: the contract has drifted from its inputs; run 'make sync-contract' and commit the result, or change the overlay.")
			return status
		}
		fmt.Fprintf(stdout, "sync-contract: %s and %s are what the sync produces (%d operations)\n", *outPath, *dashPath, res.operations)
		return exitOK
	}
	for _, o := range outputs {
		if err := os.WriteFile(o.path, o.data, 0o644); err != nil {
			fmt.Fprintf(stderr, "sync-contract: %v\n", err)
			return exitUsageErr
		}
	}
	fmt.Fprintf(stdout, "sync-contract: wrote %s (%d operations) and %s (%d dashboard-only operations)\n",
		*outPath, res.operations, *dashPath, res.dashboardOnlyCount)
	return exitOK
}
