// Package webhook receives Sonzai webhooks safely: it checks each delivery's
// signature before anything reads the body, bounds the body's size, turns
// away replays, and hands your code a typed event.
//
// Sonzai signs every delivery with the signing secret that registering the
// webhook (or rotating its secret) returned. The Sonzai-Signature header
// carries the time of signing and one or more HMAC-SHA256 signatures:
//
//	Sonzai-Signature: t=1767225600,v1=5257a869…,v1=…
//
// Each v1 value is the hex HMAC-SHA256, keyed with the secret less its
// "whsec_" prefix, of the decimal timestamp, a ".", and the raw body. More
// than one v1 value appears while a secret is being rotated.
//
// Most programs need only NewHandler:
//
//	v, err := webhook.NewVerifier([]string{os.Getenv("SONZAI_WEBHOOK_SECRET")})
//	…
//	http.Handle("/sonzai/webhooks", webhook.NewHandler(v, func(ctx context.Context, ev *webhook.Event) error {
//		// ev.Type, ev.Payload …
//		return nil
//	}))
//
// Verifier.Verify is there for programs that read the request themselves,
// and Sign produces a valid header for tests of your own.
package webhook
