package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/sonzai-oss/sonzai-go/sonzai"
)

// knowledgeSteps upload a document to the knowledge base of the project
// the walkthrough's agent belongs to, wait for its ingestion, read it
// back, then delete it. agentID is read when a step runs, after
// agents.create set it.
func knowledgeSteps(client *sonzai.Client, agentID *string) []struct {
	name string
	f    func(ctx context.Context) (string, error)
} {
	var projectID, docID string
	const text = "Sonzai walkthrough handbook.\nThe support desk opens at 9:00 and closes at 18:00, Monday to Friday.\n"
	return []struct {
		name string
		f    func(ctx context.Context) (string, error)
	}{
		{"knowledge.upload", func(ctx context.Context) (string, error) {
			a, err := client.Agents.Get(ctx, *agentID)
			if err != nil {
				return "", err
			}
			projectID = a.ProjectID
			var sent int64
			up, err := client.Knowledge.Upload(ctx, projectID, sonzai.DocumentUploadParams{
				File: strings.NewReader(text), FileName: "sonzai-go-walkthrough-handbook.txt", ForceReplace: true,
				Progress: func(n int64) { sent = n },
			})
			if err != nil {
				return "", err
			}
			docID = up.DocumentID
			return fmt.Sprintf("document %s, %d bytes sent", docID, sent), nil
		}},
		{"knowledge.waitDocument", func(ctx context.Context) (string, error) {
			d, err := client.Knowledge.WaitDocument(ctx, projectID, docID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%s, %d node(s)", d.Status, d.NodeCount), nil
		}},
		{"knowledge.listDocuments + getDocument", func(ctx context.Context) (string, error) {
			docs, err := client.Knowledge.ListDocuments(ctx, projectID, sonzai.DocumentListParams{Limit: 10})
			if err != nil {
				return "", err
			}
			d, err := client.Knowledge.GetDocument(ctx, projectID, docID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("%d listed; %s is %s", len(docs), d.FileName, d.ContentType), nil
		}},
		{"knowledge.documentCost", func(ctx context.Context) (string, error) {
			cost, err := client.Knowledge.DocumentCost(ctx, projectID, docID)
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("$%.6f", cost.TotalCostUSD), nil
		}},
		{"knowledge.classifyDocument", func(ctx context.Context) (string, error) {
			c, err := client.Knowledge.ClassifyDocument(ctx, projectID, docID, sonzai.DocumentClassifyParams{
				EntityType: "handbook", Key: map[string]any{"name": "Support desk"}})
			if err != nil {
				return "", err
			}
			return c.Status, nil
		}},
		{"knowledge.reingestDocument", func(ctx context.Context) (string, error) {
			r, err := client.Knowledge.ReingestDocument(ctx, projectID, docID)
			if err != nil {
				return "", err
			}
			if _, err := client.Knowledge.WaitDocument(ctx, projectID, docID); err != nil {
				return "", err
			}
			return fmt.Sprintf("%s (%s), ingested again", r.Status, r.Mode), nil
		}},
		{"knowledge.deleteDocument", func(ctx context.Context) (string, error) {
			return "deleted " + docID, client.Knowledge.DeleteDocument(ctx, projectID, docID)
		}},
	}
}
