// Command sonzai-fake serves the in-memory fake Sonzai API (package
// sonzaitest) on a local address, for trying the SDK and its examples
// without an API key:
//
//	go run ./sonzai/sonzaitest/cmd/sonzai-fake -addr 127.0.0.1:8080
//
// It prints the SONZAI_BASE_URL and SONZAI_API_KEY to use, and stops
// cleanly on SIGINT or SIGTERM. State lives in memory and is lost on exit.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sonzai-oss/sonzai-go/sonzai/sonzaitest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "sonzai-fake:", err)
		os.Exit(1)
	}
}

func run() error {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	key := flag.String("key", sonzaitest.DefaultAPIKey, "API key the fake accepts")
	job := flag.Duration("job", sonzaitest.DefaultJobDuration, "how long background work (turn extraction, async session end, async chat) takes")
	syncEnd := flag.Bool("sync-end", false, "end sessions synchronously instead of answering with a processing_id")
	delay := flag.Duration("stream-delay", 0, "pause between chat stream frames")
	verbose := flag.Bool("v", false, "log every request to stderr")
	flag.Parse()

	opts := []sonzaitest.Option{
		sonzaitest.WithAPIKey(*key),
		sonzaitest.WithJobDuration(*job),
		sonzaitest.WithAsyncSessionEnd(!*syncEnd),
		sonzaitest.WithStreamDelay(*delay),
	}
	if *verbose {
		opts = append(opts, sonzaitest.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	fake := sonzaitest.New(opts...)
	defer fake.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: fake.Handler(), ReadHeaderTimeout: 10 * time.Second}

	fmt.Printf("sonzai-fake: serving the fake Sonzai API on http://%s/api/v1 (demo agent %q)\n", ln.Addr(), sonzaitest.DemoAgentID)
	fmt.Printf("SONZAI_BASE_URL=http://%s\n", ln.Addr())
	fmt.Printf("SONZAI_API_KEY=%s\n", *key)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	fmt.Println("sonzai-fake: shutting down")
	// End streams in progress first, so Shutdown does not wait on them.
	fake.Close()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
