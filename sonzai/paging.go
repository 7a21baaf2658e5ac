package sonzai

import (
	"fmt"
)

// cursorPage is one page of a cursor-paged list, as walkPages sees it.
type cursorPage[T any] struct {
	items []T
	// next is the cursor (or page token) of the following page.
	next string
	// more reports that the server says another page follows. For lists
	// whose pages say so only by carrying a cursor, it is next != "".
	more bool
}

// walkPages yields every item of a cursor-paged list, one request per
// page, each sent only when the previous page's items have all been
// yielded; a false from yield stops it. start is the cursor the walk
// begins at ("" for the first page).
//
// It is the one place the lists' safety rules live: a page that says more
// follow without a cursor, a cursor the server sends a second time, and
// more than maxPages pages each end the walk with an error, yielded once
// with a zero item, so a truncated list never passes for a whole one and a
// looping server never keeps the caller looping.
func walkPages[T any](op, start string, maxPages int, fetch func(cursor string) (cursorPage[T], error), yield func(T, error) bool) {
	var zero T
	seen := make(map[string]struct{})
	if start != "" {
		seen[start] = struct{}{}
	}
	cursor := start
	for range maxPages {
		page, err := fetch(cursor)
		if err != nil {
			yield(zero, err)
			return
		}
		for _, item := range page.items {
			if !yield(item, nil) {
				return
			}
		}
		if !page.more {
			return
		}
		if page.next == "" {
			yield(zero, fmt.Errorf("sonzai: %s: the server said more follow but sent no cursor; stopping short of the end", op))
			return
		}
		if _, dup := seen[page.next]; dup {
			yield(zero, fmt.Errorf("sonzai: %s: the server sent cursor %q a second time; stopping instead of looping", op, sanitize(page.next, 64)))
			return
		}
		seen[page.next] = struct{}{}
		cursor = page.next
	}
	yield(zero, fmt.Errorf("sonzai: %s: still more pages after %d; stopping", op, maxPages))
}
