package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// fetchTimeout bounds the download of a spec given as an https URL.
const fetchTimeout = 60 * time.Second

// maxSpecBytes bounds what is read from a URL; the published spec is about
// 1.5 MB.
const maxSpecBytes = 64 << 20

// readServerSpec reads the server's spec (JSON or YAML, JSON being YAML)
// from a file or an https URL (fetched with client) into a node tree.
func readServerSpec(location string, client *http.Client) (*yaml.Node, error) {
	var (
		data []byte
		err  error
	)
	switch {
	case strings.HasPrefix(location, "https://"):
		data, err = fetch(client, location)
	case strings.HasPrefix(location, "http://"):
		return nil, fmt.Errorf("%s: only https URLs are fetched", location)
	default:
		data, err = os.ReadFile(location)
	}
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", location, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: not an OpenAPI document (no top-level mapping)", location)
	}
	root := doc.Content[0]
	if v := get(root, "openapi"); v == nil || !strings.HasPrefix(v.Value, "3.1") {
		return nil, fmt.Errorf("%s: not an OpenAPI 3.1 document", location)
	}
	return root, nil
}

func fetch(client *http.Client, location string) ([]byte, error) {
	resp, err := client.Get(location)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", location, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: HTTP status %s", location, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxSpecBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: reading body: %w", location, err)
	}
	if len(data) > maxSpecBytes {
		return nil, fmt.Errorf("fetch %s: larger than %d bytes", location, maxSpecBytes)
	}
	return data, nil
}
