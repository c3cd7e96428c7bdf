package webapp

import (
	"context"
	"embed"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

//go:embed testdata/web
var testFiles embed.FS

// TestReadJSON: what a JSON endpoint refuses, with which status.
func TestReadJSON(t *testing.T) {
	for _, c := range []struct {
		name, contentType, body string
		status                  int
		says                    string
	}{
		{"ok", "application/json", `{"n": 3}`, 0, ""},
		{"charset", "application/json; charset=utf-8", `{"n": 3}`, 0, ""},
		{"no content type", "", `{"n": 3}`, 415, "Content-Type"},
		{"text", "text/plain", `{"n": 3}`, 415, "Content-Type"},
		{"too big", "application/json", `{"n": 3}` + strings.Repeat(" ", 100), 413, "over 64 bytes"},
		{"not JSON", "application/json", `n=3`, 400, `not {"n": int}`},
		{"unknown field", "application/json", `{"m": 3}`, 400, `unknown field "m"`},
		{"wrong type", "application/json", `{"n": "3"}`, 400, "string"},
		{"two objects", "application/json", `{"n": 3}{}`, 400, "after its JSON object"},
	} {
		req := httptest.NewRequest("POST", "/", strings.NewReader(c.body))
		if c.contentType != "" {
			req.Header.Set("Content-Type", c.contentType)
		}
		var v struct{ N int }
		status, err := ReadJSON(httptest.NewRecorder(), req, 64, `{"n": int}`, &v)
		if status != c.status || (err == nil) != (c.says == "") || err != nil && !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %d %v, want %d saying %q", c.name, status, err, c.status, c.says)
		}
		if err == nil && v.N != 3 {
			t.Errorf("%s: decoded %d", c.name, v.N)
		}
	}
}

// TestStatic serves the index at / and the named files only.
func TestStatic(t *testing.T) {
	h := Static(testFiles, "testdata/web", "/app.js")
	for _, c := range []struct {
		method, path string
		status       int
		body         string
	}{
		{"GET", "/", 200, "<p>index</p>"},
		{"HEAD", "/", 200, ""},
		{"GET", "/app.js", 200, "let x = 1;"},
		{"GET", "/other.txt", 404, `{"error":"no such page: /other.txt"}`},
		{"GET", "/index.html", 404, "no such page"},
		{"POST", "/", 405, `{"error":"method POST not allowed"}`},
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(c.method, c.path, nil))
		if w.Code != c.status || !strings.Contains(w.Body.String(), c.body) {
			t.Errorf("%s %s: %d %q, want %d with %q", c.method, c.path, w.Code, w.Body, c.status, c.body)
		}
	}
}

func ExampleReadJSON() {
	h := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var in struct{ Epochs int }
		if status, err := ReadJSON(w, req, 1<<10, `{"epochs": n}`, &in); err != nil {
			Error(w, status, err.Error())
			return
		}
		WriteJSON(w, http.StatusOK, map[string]int{"trained": in.Epochs})
	})
	for _, body := range []string{`{"epochs": 5}`, `{"epochs": "five"}`} {
		req := httptest.NewRequest("POST", "/train", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		out, _ := io.ReadAll(w.Body)
		fmt.Print(w.Code, " ", string(out))
	}
	// Output:
	// 200 {"trained":5}
	// 400 {"error":"request body is not {\"epochs\": n}: json: cannot unmarshal string into Go struct field .Epochs of type int"}
}

// TestServeShutdownUnusedConnection: a connection opened and never used
// (as HTTP clients open spare ones under load) does not turn stopping
// the server into an error; it is cut after the grace period.
func TestServeShutdownUnusedConnection(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, NewServer(ln.Addr().String(), http.NotFoundHandler()), ln)
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	time.Sleep(50 * time.Millisecond) // the server has accepted it
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v, want nil", err)
	}
	conn.SetReadDeadline(time.Now().Add(time.Second))
	if _, err := conn.Read(make([]byte, 1)); err == nil {
		t.Error("the unused connection is still open")
	}
}
