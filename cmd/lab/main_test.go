package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tf1go/tf1go/cmd/internal/playground"
	"github.com/tf1go/tf1go/cmd/internal/webtest"
)

// startLab serves the lab on a free loopback port, as run does, with the
// playground bounded by opt. It returns the base URL and the playground.
func startLab(t testing.TB, opt playground.Options) (string, *playground.Server) {
	t.Helper()
	var pg *playground.Server
	base := webtest.Serve(t, func(ctx context.Context) http.Handler {
		h, p, err := newLab(ctx, t.TempDir(), "", opt)
		if err != nil {
			t.Fatal(err)
		}
		pg = p
		return h
	})
	return base, pg
}

var xorSettings = playground.Settings{Dataset: "xor", TrainPercent: 50, BatchSize: 10, LearningRate: 0.03,
	Activation: "tanh", Hidden: []int{4, 4}, Features: []string{"x1", "x2"}, Optimizer: "adam", Seed: 1}

// call sends a JSON body (nil for none) and decodes the JSON answer into
// out when it is not nil; it returns the status and the error message of
// a 4xx or 5xx.
func call(ctx context.Context, method, url string, body, out any) (int, string, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, "", err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return 0, "", err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, "", err
	}
	if res.StatusCode >= 400 {
		var e struct{ Error string }
		if json.Unmarshal(b, &e) != nil || e.Error == "" {
			return res.StatusCode, "", fmt.Errorf("%s %s: %s without a JSON error: %q", method, url, res.Status, b)
		}
		return res.StatusCode, e.Error, nil
	}
	if out != nil && res.StatusCode != http.StatusNoContent {
		return res.StatusCode, "", json.Unmarshal(b, out)
	}
	return res.StatusCode, "", nil
}

// TestPlaygroundSession goes through a tab's life: open, train, reset
// with other settings, close; the count follows.
func TestPlaygroundSession(t *testing.T) {
	base, pg := startLab(t, playground.Options{MaxSessions: 2, Idle: time.Minute, Lifetime: time.Hour})
	api := base + "/playground/api/sessions"
	var st playground.State
	if code, msg, err := call(t.Context(), "POST", api, xorSettings, &st); err != nil || code != http.StatusCreated {
		t.Fatalf("open: %d %s %v", code, msg, err)
	}
	if st.Epoch != 0 || len(st.Train)+len(st.Test) != 500 || !strings.Contains(st.Program, "Hidden: []int{4, 4}") || len(st.Units) != 4 {
		t.Errorf("a new session: epoch %d, %d+%d points, %d unit fields, program has the settings: %v",
			st.Epoch, len(st.Train), len(st.Test), len(st.Units), strings.Contains(st.Program, "Hidden: []int{4, 4}"))
	}
	start := st.TestLoss
	if _, _, err := call(t.Context(), "POST", api+"/"+st.ID+"/train", map[string]int{"epochs": 20}, &st); err != nil {
		t.Fatal(err)
	}
	if st.Epoch < 1 || st.TestLoss >= start {
		t.Errorf("after training: epoch %d, test loss %v (from %v)", st.Epoch, st.TestLoss, start)
	}
	spiral := xorSettings
	spiral.Dataset = "spiral"
	if _, _, err := call(t.Context(), "POST", api+"/"+st.ID+"/reset", spiral, &st); err != nil || st.Epoch != 0 || st.Settings.Dataset != "spiral" {
		t.Errorf("reset to spiral: epoch %d, dataset %q, %v", st.Epoch, st.Settings.Dataset, err)
	}
	if pg.Count() != 1 {
		t.Errorf("%d sessions open, want 1", pg.Count())
	}
	if code, _, err := call(t.Context(), "POST", api+"/"+st.ID+"/close", nil, nil); err != nil || code != http.StatusNoContent {
		t.Errorf("close: %d %v", code, err)
	}
	if code, msg, _ := call(t.Context(), "GET", api+"/"+st.ID, nil, nil); code != http.StatusNotFound || !strings.Contains(msg, "closed or expired") {
		t.Errorf("a closed session: %d %q", code, msg)
	}
	if pg.Count() != 0 {
		t.Errorf("%d sessions open after closing, want 0", pg.Count())
	}
}

// TestSessionLimit: the N+1th tab gets 503 with a message; when one tab
// goes, another may come.
func TestSessionLimit(t *testing.T) {
	const n = 3
	base, pg := startLab(t, playground.Options{MaxSessions: n, Idle: time.Minute, Lifetime: time.Hour})
	api := base + "/playground/api/sessions"
	var ids []string
	for range n {
		var st playground.State
		if code, msg, err := call(t.Context(), "POST", api, xorSettings, &st); err != nil || code != http.StatusCreated {
			t.Fatalf("open: %d %s %v", code, msg, err)
		}
		ids = append(ids, st.ID)
	}
	code, msg, err := call(t.Context(), "POST", api, xorSettings, nil)
	if err != nil || code != http.StatusServiceUnavailable || !strings.Contains(msg, "all 3 playground sessions are in use") {
		t.Errorf("tab %d: %d %q %v, want 503 saying all are in use", n+1, code, msg, err)
	}
	if code, _, err := call(t.Context(), "DELETE", api+"/"+ids[0], nil, nil); err != nil || code != http.StatusNoContent {
		t.Fatalf("DELETE: %d %v", code, err)
	}
	if code, _, err := call(t.Context(), "POST", api, xorSettings, nil); err != nil || code != http.StatusCreated {
		t.Errorf("after one closed: %d %v, want 201", code, err)
	}
	if pg.Count() != n {
		t.Errorf("%d open, want %d", pg.Count(), n)
	}
}

// TestSessionExpires: a tab that stops asking (closed without its beacon)
// loses its session after the idle time.
func TestSessionExpires(t *testing.T) {
	base, pg := startLab(t, playground.Options{MaxSessions: 2, Idle: 500 * time.Millisecond, Lifetime: time.Hour})
	if code, _, err := call(t.Context(), "POST", base+"/playground/api/sessions", xorSettings, nil); err != nil || code != http.StatusCreated {
		t.Fatalf("open: %d %v", code, err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for pg.Count() > 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if pg.Count() != 0 {
		t.Errorf("%d sessions still open 5s after their last request, idle limit 0.5s", pg.Count())
	}
}

// settingsJSON is xorSettings as JSON with field set to v (raw JSON).
func settingsJSON(field, v string) string {
	var m map[string]json.RawMessage
	b, _ := json.Marshal(xorSettings)
	json.Unmarshal(b, &m)
	m[field] = json.RawMessage(v)
	b, _ = json.Marshal(m)
	return string(b)
}

// malformed are requests the lab must refuse with a 4xx and a JSON error
// naming the problem, never a panic. {id} is an open session's id.
var malformed = []struct {
	name, method, path, contentType, body string
	status                                int
	says                                  string
}{
	{"unknown dataset", "POST", "sessions", "application/json", settingsJSON("dataset", `"moons"`), 400, "dataset"},
	{"noise 60", "POST", "sessions", "application/json", settingsJSON("noise", "60"), 400, "noise"},
	{"noise negative", "POST", "sessions", "application/json", settingsJSON("noise", "-5"), 400, "noise"},
	{"train 95%", "POST", "sessions", "application/json", settingsJSON("trainPercent", "95"), 400, "trainPercent"},
	{"batch 0", "POST", "sessions", "application/json", settingsJSON("batchSize", "0"), 400, "batchSize"},
	{"learning rate 0", "POST", "sessions", "application/json", settingsJSON("learningRate", "0"), 400, "learningRate"},
	{"learning rate 11", "POST", "sessions", "application/json", settingsJSON("learningRate", "11"), 400, "learningRate"},
	{"learning rate huge", "POST", "sessions", "application/json", settingsJSON("learningRate", "1e999"), 400, "learningRate"},
	{"learning rate string", "POST", "sessions", "application/json", settingsJSON("learningRate", `"NaN"`), 400, "learningRate"},
	{"activation", "POST", "sessions", "application/json", settingsJSON("activation", `"softplus"`), 400, "activation"},
	{"7 layers", "POST", "sessions", "application/json", settingsJSON("hidden", "[1,1,1,1,1,1,1]"), 400, "hidden layers"},
	{"9 units", "POST", "sessions", "application/json", settingsJSON("hidden", "[9]"), 400, "9 units"},
	{"0 units", "POST", "sessions", "application/json", settingsJSON("hidden", "[4,0]"), 400, "0 units"},
	{"fractional units", "POST", "sessions", "application/json", settingsJSON("hidden", "[2.5]"), 400, "hidden"},
	{"no features", "POST", "sessions", "application/json", settingsJSON("features", "[]"), 400, "feature"},
	{"unknown feature", "POST", "sessions", "application/json", settingsJSON("features", `["x3"]`), 400, "x3"},
	{"feature twice", "POST", "sessions", "application/json", settingsJSON("features", `["x1","x1"]`), 400, "twice"},
	{"optimizer", "POST", "sessions", "application/json", settingsJSON("optimizer", `"rmsprop"`), 400, "optimizer"},
	{"negative seed", "POST", "sessions", "application/json", settingsJSON("seed", "-1"), 400, "seed"},
	{"unknown field", "POST", "sessions", "application/json", `{"dataset": "xor", "layers": 2}`, 400, "layers"},
	{"not JSON", "POST", "sessions", "application/json", "train me", 400, "not playground settings"},
	{"empty body", "POST", "sessions", "application/json", "", 400, "not playground settings"},
	{"trailing data", "POST", "sessions", "application/json", settingsJSON("noise", "0") + "{}", 400, "after its JSON"},
	{"over 8 KB", "POST", "sessions", "application/json", `{"features": [` + strings.Repeat(" ", 9000) + `]}`, 413, "over"},
	{"text/plain", "POST", "sessions", "text/plain", settingsJSON("noise", "0"), 415, "Content-Type"},
	{"PUT sessions", "PUT", "sessions", "application/json", settingsJSON("noise", "0"), 405, "PUT"},
	{"epochs 0", "POST", "sessions/{id}/train", "application/json", `{"epochs": 0}`, 400, "epochs"},
	{"epochs 1000", "POST", "sessions/{id}/train", "application/json", `{"epochs": 1000}`, 400, "epochs"},
	{"epochs missing", "POST", "sessions/{id}/train", "application/json", `{}`, 400, "epochs"},
	{"train GET", "GET", "sessions/{id}/train", "", "", 405, "GET"},
	{"reset bad", "POST", "sessions/{id}/reset", "application/json", settingsJSON("hidden", "[4,4,4,4,4,4,4,4]"), 400, "hidden"},
	{"no such session", "POST", "sessions/0123/train", "application/json", `{"epochs": 1}`, 404, "no playground session"},
	{"no such page", "GET", "nothing", "", "", 404, "no such page"},
}

// sendMalformed sends malformed[i] for session id and checks the answer.
func sendMalformed(ctx context.Context, base, id string, i int) error {
	m := malformed[i]
	url := base + "/playground/api/" + strings.ReplaceAll(m.path, "{id}", id)
	if m.path == "nothing" {
		url = base + "/playground/nothing"
	}
	req, err := http.NewRequestWithContext(ctx, m.method, url, strings.NewReader(m.body))
	if err != nil {
		return err
	}
	if m.contentType != "" {
		req.Header.Set("Content-Type", m.contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var e struct{ Error string }
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != m.status || json.Unmarshal(b, &e) != nil || !strings.Contains(e.Error, m.says) {
		return fmt.Errorf("%s: %s %q, want %d with an error saying %q", m.name, res.Status, b, m.status, m.says)
	}
	return nil
}

func TestBadInput(t *testing.T) {
	base, _ := startLab(t, playground.Options{MaxSessions: 2, Idle: time.Minute, Lifetime: time.Hour})
	var st playground.State
	if _, _, err := call(t.Context(), "POST", base+"/playground/api/sessions", xorSettings, &st); err != nil {
		t.Fatal(err)
	}
	for i := range malformed {
		if err := sendMalformed(t.Context(), base, st.ID, i); err != nil {
			t.Error(err)
		}
	}
	for _, path := range []string{"/graphs/nope", "/graphs/mle.svg?view=sideways", "/nope"} {
		if code, msg, err := call(t.Context(), "GET", base+path, nil, nil); err != nil || code/100 != 4 || msg == "" {
			t.Errorf("GET %s: %d %q %v, want a 4xx with a message", path, code, msg, err)
		}
	}
}

// TestLoad runs 8 tabs' worth of sessions through 4 slots at once (each
// opens, trains, resets, closes; a 503 waits and retries), with 200
// malformed requests among them; /healthz answers 200 throughout, and no
// session is left open.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("trains many sessions")
	}
	base, pg := startLab(t, playground.Options{MaxSessions: 4, Idle: time.Minute, Lifetime: time.Hour})
	api := base + "/playground/api/sessions"
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	var full, healthy atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for tab := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var st playground.State
			for {
				code, _, err := call(ctx, "POST", api, xorSettings, &st)
				if err != nil {
					errs <- err
					return
				}
				if code == http.StatusCreated {
					break
				}
				if code != http.StatusServiceUnavailable {
					errs <- fmt.Errorf("tab %d: open: %d", tab, code)
					return
				}
				full.Add(1)
				time.Sleep(20 * time.Millisecond)
			}
			for _, step := range []struct {
				path string
				body any
			}{{"/train", map[string]int{"epochs": 5}}, {"/reset", xorSettings}, {"/train", map[string]int{"epochs": 2}}} {
				if code, msg, err := call(ctx, "POST", api+"/"+st.ID+step.path, step.body, &st); err != nil || code != http.StatusOK {
					errs <- fmt.Errorf("tab %d %s: %d %s %v", tab, step.path, code, msg, err)
					return
				}
			}
			if code, _, err := call(ctx, "DELETE", api+"/"+st.ID, nil, nil); err != nil || code != http.StatusNoContent {
				errs <- fmt.Errorf("tab %d: close: %d %v", tab, code, err)
			}
		}()
	}
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < 200; i += 4 {
				// no open session of its own: the session-scoped cases get 404 instead, still a 4xx with a message
				m := malformed[i%len(malformed)]
				if strings.Contains(m.path, "{id}") {
					continue
				}
				if err := sendMalformed(ctx, base, "", i%len(malformed)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	stop := make(chan struct{})
	var hw sync.WaitGroup
	hw.Add(1)
	go func() {
		defer hw.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			if code, _, err := call(ctx, "GET", base+"/healthz", nil, nil); err != nil || code != http.StatusOK {
				errs <- fmt.Errorf("healthz under load: %d %v", code, err)
				return
			}
			healthy.Add(1)
		}
	}()
	wg.Wait()
	close(stop)
	hw.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if pg.Count() != 0 {
		t.Errorf("%d sessions left open", pg.Count())
	}
	t.Logf("8 tabs through 4 slots: %d answers were 503 (all in use) and waited; /healthz answered 200 %d times meanwhile", full.Load(), healthy.Load())
}

// TestRunServes starts the program as go run does: it prints a loopback
// URL, serves the front page and stops when told.
func TestRunServes(t *testing.T) {
	url, stop := webtest.Run(t, run, "-addr", "127.0.0.1:0", "-out", t.TempDir())
	for _, path := range []string{"", "healthz", "gallery/", "hwr/", "playground/", "graphs/", "graphs/mle"} {
		res, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET /%s: %s", path, res.Status)
		}
	}
	stop()
}
