package main

import (
	"bytes"
	"fmt"
	"strings"
)

// diffContext is how many lines of each side firstDifference shows.
const diffContext = 12

// firstDifference describes where have first departs from want, with a few
// lines of each from there: enough to see what changed without printing a
// whole 10,000-line diff.
func firstDifference(want, have []byte) string {
	w := strings.SplitAfter(string(want), "\n")
	h := strings.SplitAfter(string(have), "\n")
	i := 0
	for i < len(w) && i < len(h) && w[i] == h[i] {
		i++
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "first difference at line %d\n", i+1)
	show := func(label string, lines []string) {
		fmt.Fprintf(&b, "  %s:\n", label)
		for j := i; j < len(lines) && j < i+diffContext; j++ {
			fmt.Fprintf(&b, "    %5d  %s", j+1, strings.TrimSuffix(lines[j], "\n")+"\n")
		}
		if i >= len(lines) || (i == len(lines)-1 && lines[i] == "") {
			b.WriteString("    (end of file)\n")
		}
	}
	show("sync produces", w)
	show("file has", h)
	return b.String()
}
