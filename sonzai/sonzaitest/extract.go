package sonzaitest

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// The extractor is a small, deterministic stand-in for the server's LLM
// extraction. It reads user messages and tool results (never assistant or
// system text) and finds:
//
//   - "my name is X" / "call me X"         → fact "User's name is X"
//   - "I like/love/enjoy/adore X"          → fact "User likes X" and the interest X
//   - "I hate/dislike/don't like/can't stand X" → fact "User dislikes X"
//   - "I live in X"                        → fact "User lives in X"
//   - "I work as X" / "I work at/for X"    → fact "User works as X" / "User works at X"
//   - "every day/morning/evening/night/week/weekend", "each ...", "daily",
//     "on weekends"                        → a habit (and a fact about the routine)
//   - "remind me ..."                      → fact, and a pending reminder notification
//   - a tool result that is a JSON object  → one fact per string/number/boolean
//     field ("order_id: 42") and one joined fact
//     ("tool result (order-lookup): order_id 42, origin Tokyo, carrier DHL");
//     any other tool output becomes one fact "tool result: <text>"
//
// Messages are cut into sentences (. ! ? ; newline) and clauses (commas,
// "and", "but", "because", "although"); patterns apply per clause. Words
// such as "love", "great", "thanks" count as positive and "hate", "sad",
// "awful" as negative (a preceding "not", "don't", "never" flips them);
// their balance moves the mood, the relationship and the personality.
// An interest mentioned three times also becomes a habit ("talks about X").

// chatMsg is a message as the extractor sees it, whatever endpoint it came
// from.
type chatMsg struct {
	role       string
	content    string
	toolCallID string
	toolCalls  []toolCallRef
}

type toolCallRef struct{ id, name string }

// extraction is what the extractor found in some messages.
type extraction struct {
	facts     []newFact
	interests []string // topics, lowercase, in order of mention
	habits    []habitObs
	reminders []string // reminder texts, e.g. "to call mom"
	sentiment int      // positive minus negative words
	snippet   string   // the first user sentence, for reasons and moments
}

type newFact struct {
	text       string // atomic_text, third person
	recall     string // how the agent brings it up in a reply
	factType   string // personal, preference, habit, event, tool_result
	sourceType string // user_message or tool_result
	importance float64
	entities   []string
	sentiment  string
}

type habitObs struct {
	name, display, category, description string
}

// extractor holds what the extractor reads text with: its compiled
// patterns and word lists. newExtractor builds one for each Server; it is
// never modified afterwards, so handlers share it without locking.
type extractor struct {
	sentenceSplit *regexp.Regexp
	clauseSplit   *regexp.Regexp

	reName    *regexp.Regexp
	reDislike *regexp.Regexp
	reLike    *regexp.Regexp
	reLive    *regexp.Regexp
	reWorkAs  *regexp.Regexp
	reWorkAt  *regexp.Regexp
	reRemind  *regexp.Regexp
	reHabit   *regexp.Regexp
	reLead    *regexp.Regexp
	word      *regexp.Regexp

	positiveWords map[string]bool
	negativeWords map[string]bool
	negators      map[string]bool
	// topicStops end an interest's topic: "hiking in the alps" → "hiking".
	topicStops map[string]bool
	pronouns   map[string]bool
	// fillers are dropped from the end of a captured object.
	fillers []string
	// stopWords are the common words relevance does not search for.
	stopWords map[string]bool
}

func newExtractor() *extractor {
	return &extractor{
		sentenceSplit: regexp.MustCompile(`[.!?;\n]+`),
		clauseSplit:   regexp.MustCompile(`(?i),|\s+(?:and|but|because|although)\s+`),

		reName:    regexp.MustCompile(`(?i)\b(?:my name is|my name's|call me)\s+(.+)`),
		reDislike: regexp.MustCompile(`(?i)\bi\s+(?:really\s+|absolutely\s+|just\s+|totally\s+)?(hate|dislike|can't stand|cannot stand|don't like|do not like)\s+(.+)`),
		reLike:    regexp.MustCompile(`(?i)\bi\s+(?:really\s+|also\s+|absolutely\s+|just\s+|totally\s+)?(like|love|enjoy|adore)\s+(.+)`),
		reLive:    regexp.MustCompile(`(?i)\bi\s+(?:currently\s+|now\s+)?live\s+in\s+(.+)`),
		reWorkAs:  regexp.MustCompile(`(?i)\bi\s+work\s+as\s+(.+)`),
		reWorkAt:  regexp.MustCompile(`(?i)\bi\s+work\s+(at|for)\s+(.+)`),
		reRemind:  regexp.MustCompile(`(?i)\bremind\s+me\s+(.+)`),
		reHabit:   regexp.MustCompile(`(?i)\b(every\s+(?:day|morning|evening|night|week|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|each\s+(?:day|morning|evening|night|week)|daily|on\s+weekends)\b`),
		reLead:    regexp.MustCompile(`(?i)^(?:i\s+)?(?:usually\s+|always\s+|often\s+|normally\s+|also\s+|try\s+to\s+)*`),
		word:      regexp.MustCompile(`[a-z0-9']+`),

		positiveWords: set("love", "loved", "like", "liked", "enjoy", "enjoyed", "adore", "great", "happy", "glad",
			"awesome", "amazing", "wonderful", "fantastic", "fun", "excited", "thanks", "thank", "nice", "good",
			"beautiful", "relaxing", "perfect", "lovely"),
		negativeWords: set("hate", "hated", "dislike", "sad", "angry", "terrible", "awful", "bad", "upset", "tired",
			"annoyed", "worried", "stressed", "anxious", "lonely", "horrible", "boring", "frustrated", "miserable"),
		negators: set("not", "don't", "dont", "never", "no", "can't", "cannot", "isn't", "wasn't", "didn't", "doesn't"),
		topicStops: set("in", "on", "at", "with", "for", "during", "when", "because", "every", "each", "near",
			"around", "after", "before", "since", "while", "if", "whenever", "from", "by", "daily", "too", "so",
			"very", "a", "lot", "much", "really", "alot"),
		pronouns: set("it", "that", "this", "them", "you", "him", "her", "those", "these", "me", "us"),
		fillers:  []string{"a lot", "so much", "very much", "too", "lol", "though", "anyway", "really"},
		stopWords: set("a", "an", "the", "i", "me", "my", "you", "your", "we", "is", "are", "am", "was", "to", "of",
			"and", "or", "in", "on", "at", "for", "what", "which", "who", "how", "do", "does", "did", "should", "could",
			"would", "can", "this", "that", "it", "about", "with", "be", "any", "some", "there", "talk", "tell"),
	}
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// extract runs the extractor over messages.
func (x *extractor) extract(msgs []chatMsg) *extraction {
	ex := &extraction{}
	toolNames := map[string]string{}
	for _, m := range msgs {
		for _, c := range m.toolCalls {
			toolNames[c.id] = c.name
		}
	}
	for _, m := range msgs {
		switch m.role {
		case "user":
			x.readUser(ex, m.content)
		case "tool":
			ex.readTool(toolNames[m.toolCallID], m.content)
		}
	}
	return ex
}

func (x *extractor) readUser(ex *extraction, text string) {
	text = strings.ReplaceAll(text, "’", "'")
	ex.sentiment += x.sentiment(text)
	for _, sentence := range x.sentenceSplit.Split(text, -1) {
		sentence = strings.TrimSpace(sentence)
		if sentence == "" {
			continue
		}
		if ex.snippet == "" {
			ex.snippet = sentence
		}
		for _, clause := range x.clauseSplit.Split(sentence, -1) {
			x.readClause(ex, strings.TrimSpace(clause))
		}
	}
}

func (x *extractor) readClause(ex *extraction, c string) {
	if c == "" {
		return
	}
	likedTopic := ""
	switch {
	case x.reName.MatchString(c):
		name := firstWords(x.cleanObject(x.reName.FindStringSubmatch(c)[1]), 3)
		if name != "" && !x.pronouns[strings.ToLower(name)] {
			ex.add(newFact{text: "User's name is " + name, recall: "You told me your name is " + name + ".",
				factType: "personal", importance: 0.9, entities: []string{name}})
		}
	case x.reRemind.MatchString(c):
		what := x.cleanObject(x.reRemind.FindStringSubmatch(c)[1])
		if what != "" {
			if !startsWithAny(strings.ToLower(what), "to ", "about ", "that ") {
				what = "to " + what
			}
			ex.reminders = append(ex.reminders, what)
			ex.add(newFact{text: "User asked to be reminded " + what, recall: "You asked me to remind you " + what + ".",
				factType: "event", importance: 0.8})
		}
	case x.reDislike.MatchString(c):
		m := x.reDislike.FindStringSubmatch(c)
		obj := x.cleanObject(m[2])
		if obj != "" && !x.pronouns[strings.ToLower(obj)] {
			verb := "dislike"
			if strings.EqualFold(m[1], "hate") {
				verb = "hate"
			}
			ex.add(newFact{text: "User " + verb + "s " + obj, recall: "You told me you " + verb + " " + obj + ".",
				factType: "preference", importance: 0.7, entities: []string{obj}, sentiment: "negative"})
		}
	case x.reLike.MatchString(c):
		m := x.reLike.FindStringSubmatch(c)
		verb := strings.ToLower(m[1])
		obj := x.cleanObject(m[2])
		if obj != "" && !x.pronouns[strings.ToLower(obj)] {
			ex.add(newFact{text: "User " + verb + "s " + obj, recall: "You told me you " + verb + " " + obj + ".",
				factType: "preference", importance: 0.7, entities: []string{obj}, sentiment: "positive"})
			if topic := x.topicOf(obj); topic != "" {
				ex.interests = append(ex.interests, topic)
				likedTopic = topic
			}
		}
	case x.reLive.MatchString(c):
		place := x.cleanObject(x.reLive.FindStringSubmatch(c)[1])
		if place != "" {
			ex.add(newFact{text: "User lives in " + place, recall: "You told me you live in " + place + ".",
				factType: "personal", importance: 0.8, entities: []string{place}})
		}
	case x.reWorkAs.MatchString(c):
		job := x.cleanObject(x.reWorkAs.FindStringSubmatch(c)[1])
		if job != "" {
			ex.add(newFact{text: "User works as " + job, recall: "You told me you work as " + job + ".",
				factType: "personal", importance: 0.8, entities: []string{job}})
		}
	case x.reWorkAt.MatchString(c):
		m := x.reWorkAt.FindStringSubmatch(c)
		org := x.cleanObject(m[2])
		if org != "" {
			prep := strings.ToLower(m[1])
			ex.add(newFact{text: "User works " + prep + " " + org, recall: "You told me you work " + prep + " " + org + ".",
				factType: "personal", importance: 0.8, entities: []string{org}})
		}
	}
	if loc := x.reHabit.FindStringIndex(c); loc != nil {
		freq := strings.ToLower(strings.Join(strings.Fields(c[loc[0]:loc[1]]), " "))
		activity := likedTopic
		if activity == "" {
			rest := strings.TrimSpace(c[:loc[0]] + " " + c[loc[1]:])
			activity = x.cleanObject(x.reLead.ReplaceAllString(strings.Join(strings.Fields(rest), " "), ""))
		}
		if activity != "" && !x.pronouns[strings.ToLower(activity)] {
			ex.habits = append(ex.habits, habitObs{
				name:        slug(activity),
				display:     capitalize(activity) + " " + freq,
				category:    "routine",
				description: "User says they " + activity + " " + freq + ".",
			})
			ex.add(newFact{text: "User's routine: " + activity + " " + freq,
				recall:   "You told me you " + activity + " " + freq + ".",
				factType: "habit", importance: 0.6})
		}
	}
}

// readTool turns a tool's output into facts.
func (ex *extraction) readTool(name, content string) {
	content = strings.TrimSpace(content)
	if content == "" {
		return
	}
	label := "tool result"
	if name != "" {
		label += " (" + name + ")"
	}
	fields, ok := scalarFields(content)
	if !ok || len(fields) == 0 {
		text := content
		if len(text) > 160 {
			text = strings.ToValidUTF8(text[:160], "") + "…"
		}
		ex.add(newFact{text: label + ": " + text, recall: "I looked that up earlier: " + text + ".",
			factType: "tool_result", sourceType: "tool_result", importance: 0.6})
		return
	}
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f[0] + " " + f[1]
		ex.add(newFact{text: f[0] + ": " + f[1], recall: "I noted " + f[0] + ": " + f[1] + ".",
			factType: "tool_result", sourceType: "tool_result", importance: 0.5, entities: []string{f[1]}})
	}
	joined := strings.Join(parts, ", ")
	ex.add(newFact{text: label + ": " + joined, recall: "I looked that up earlier: " + joined + ".",
		factType: "tool_result", sourceType: "tool_result", importance: 0.7})
}

func (ex *extraction) add(f newFact) {
	if f.sourceType == "" {
		f.sourceType = "user_message"
	}
	ex.facts = append(ex.facts, f)
}

// scalarFields reads a JSON object's string, number and boolean fields in
// document order. ok is false when content is not a JSON object.
func scalarFields(content string) (fields [][2]string, ok bool) {
	dec := json.NewDecoder(strings.NewReader(content))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, false
		}
		var v any
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if err := d.Decode(&v); err != nil {
			return nil, false
		}
		switch v := v.(type) {
		case string:
			if v != "" {
				fields = append(fields, [2]string{key, v})
			}
		case json.Number:
			fields = append(fields, [2]string{key, v.String()})
		case bool:
			fields = append(fields, [2]string{key, strconv.FormatBool(v)})
		}
	}
	return fields, true
}

// sentiment counts positive minus negative words; a negator just before a
// word flips it.
func (x *extractor) sentiment(text string) int {
	words := x.word.FindAllString(strings.ToLower(text), -1)
	score := 0
	for i, w := range words {
		sign := 0
		switch {
		case x.positiveWords[w]:
			sign = 1
		case x.negativeWords[w]:
			sign = -1
		}
		if sign != 0 && i > 0 && x.negators[words[i-1]] {
			sign = -sign
		}
		score += sign
	}
	return score
}

// cleanObject trims a captured phrase: spaces, quotes and punctuation at
// the ends, trailing fillers ("too", "a lot"), and at most 8 words.
func (x *extractor) cleanObject(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(`.,!?;:"'()`, r) })
	for changed := true; changed; {
		changed = false
		lower := strings.ToLower(s)
		for _, f := range x.fillers {
			if strings.HasSuffix(lower, " "+f) {
				s = strings.TrimSpace(s[:len(s)-len(f)-1])
				changed = true
				break
			}
		}
	}
	return firstWords(s, 8)
}

// topicOf derives an interest's topic from what the user likes: lowercase,
// without a leading article or "to"/"going", cut at the first preposition,
// at most three words.
func (x *extractor) topicOf(obj string) string {
	words := strings.Fields(strings.ToLower(obj))
	for len(words) > 0 && (words[0] == "the" || words[0] == "a" || words[0] == "an" || words[0] == "my" ||
		words[0] == "to" || words[0] == "going" || words[0] == "doing") {
		words = words[1:]
	}
	var out []string
	for _, w := range words {
		if x.topicStops[w] || len(out) == 3 {
			break
		}
		out = append(out, strings.Trim(w, `.,!?;:"'()`))
	}
	return strings.Join(out, " ")
}

func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) > n {
		words = words[:n]
	}
	return strings.Join(words, " ")
}

func startsWithAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func slug(s string) string {
	var b strings.Builder
	underscore := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			underscore = false
		} else if !underscore && b.Len() > 0 {
			b.WriteByte('_')
			underscore = true
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

func capitalize(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// relevance scores how well text matches a query, in [0, 1]: 1 when the
// whole query appears in the text, otherwise 0.9 times the share of the
// query's words found in the text (compared after dropping common endings,
// so "hike" finds "hiking"). Common words ("the", "what", "do") are not
// searched for: a query of only those matches nothing.
func (x *extractor) relevance(query, text string) float64 {
	q := strings.Join(x.word.FindAllString(strings.ToLower(query), -1), " ")
	t := strings.Join(x.word.FindAllString(strings.ToLower(text), -1), " ")
	var qw []string
	for _, w := range strings.Fields(q) {
		if !x.stopWords[w] {
			qw = append(qw, w)
		}
	}
	if len(qw) == 0 || t == "" {
		return 0
	}
	if strings.Contains(" "+t+" ", " "+q+" ") || strings.Contains(t, q) && len(q) >= 4 {
		return 1
	}
	stems := map[string]bool{}
	for _, w := range strings.Fields(t) {
		stems[stem(w)] = true
	}
	hits := 0
	for _, w := range qw {
		if stems[stem(w)] {
			hits++
		}
	}
	return float64(int(900*float64(hits)/float64(len(qw)))) / 1000
}

func stem(w string) string {
	for _, suffix := range []string{"ing", "ed", "es", "s", "e"} {
		if len(w) > len(suffix)+2 && strings.HasSuffix(w, suffix) {
			return w[:len(w)-len(suffix)]
		}
	}
	return w
}
