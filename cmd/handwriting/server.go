package main

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"mime"
	"net/http"
	"strings"
	"time"
)

// The page, its script and style: everything the browser loads.
//
//go:embed web
var web embed.FS

// maxBody caps a request body: a 784-pixel image in JSON is under 8 KB
// even written with long decimals.
const maxBody = 64 << 10

// predictTimeout bounds how long one prediction may wait for its batch.
const predictTimeout = 20 * time.Second

// newServer is the HTTP server with its timeouts, so a slow client cannot
// hold a connection: headers within 5s, the whole request within 10s, the
// answer written within 30s, an idle keep-alive connection closed after
// 60s.
func newServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
}

// newHandler routes the page, its static files, the prediction API and
// the health check. Every error is a JSON body {"error": "..."}.
func newHandler(r *recognizer) http.Handler {
	static, err := fs.Sub(web, "web")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	files := http.FileServerFS(static)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, req *http.Request) {
		if !allow(w, req, http.MethodGet, http.MethodHead) {
			return
		}
		switch req.URL.Path {
		case "/", "/hwr.js", "/hwr.css":
			files.ServeHTTP(w, req)
		default:
			jsonError(w, http.StatusNotFound, "no such page: "+req.URL.Path)
		}
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, req *http.Request) {
		if allow(w, req, http.MethodGet, http.MethodHead) {
			writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
		}
	})
	mux.HandleFunc("/api/predict", r.handlePredict)
	return secure(mux)
}

// secure sets the headers every answer carries: the page loads nothing
// but its own script and style, and nothing is sniffed or framed.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, req)
	})
}

// allow answers 405 unless req uses one of methods.
func allow(w http.ResponseWriter, req *http.Request, methods ...string) bool {
	for _, m := range methods {
		if req.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	jsonError(w, http.StatusMethodNotAllowed, "method "+req.Method+" not allowed")
	return false
}

// predictRequest is the body of POST /api/predict.
type predictRequest struct {
	Image []float64 `json:"image"`
}

// handlePredict is POST /api/predict: {"image": [784 numbers in [0,1]]}
// gives the prediction, with the conv maps unless the query says maps=0.
func (r *recognizer) handlePredict(w http.ResponseWriter, req *http.Request) {
	if !allow(w, req, http.MethodPost) {
		return
	}
	if mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		jsonError(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
		return
	}
	maps := true
	switch v := req.URL.Query().Get("maps"); v {
	case "", "1", "true":
	case "0", "false":
		maps = false
	default:
		jsonError(w, http.StatusBadRequest, fmt.Sprintf("maps=%q: want 0 or 1", v))
		return
	}
	image, status, err := readImage(w, req)
	if err != nil {
		jsonError(w, status, err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(req.Context(), predictTimeout)
	defer cancel()
	pred, err := r.predict(ctx, image, maps)
	switch {
	case err != nil && ctx.Err() != nil:
		jsonError(w, http.StatusServiceUnavailable, "busy: the prediction timed out, try again")
	case err != nil:
		jsonError(w, http.StatusInternalServerError, err.Error())
	default:
		writeJSON(w, http.StatusOK, pred)
	}
}

// readImage decodes and checks the request body: one JSON object whose
// image is 784 numbers, each in [0,1]. It returns the HTTP status for a
// body it refuses.
func readImage(w http.ResponseWriter, req *http.Request) ([]float32, int, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, http.StatusRequestEntityTooLarge, fmt.Errorf("request body over %d bytes", maxBody)
		}
		return nil, http.StatusBadRequest, fmt.Errorf("reading the request body: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var in predictRequest
	if err := dec.Decode(&in); err != nil {
		return nil, http.StatusBadRequest, fmt.Errorf("request body is not {\"image\": [784 numbers]}: %v", err)
	}
	if dec.More() {
		return nil, http.StatusBadRequest, errors.New("request body has data after its JSON object")
	}
	if len(in.Image) != imageSize*imageSize {
		return nil, http.StatusBadRequest, fmt.Errorf("image has %d values, want %d (28x28)", len(in.Image), imageSize*imageSize)
	}
	image := make([]float32, len(in.Image))
	for i, v := range in.Image {
		if math.IsNaN(v) || v < 0 || v > 1 {
			return nil, http.StatusBadRequest, fmt.Errorf("image[%d] = %v, outside [0,1]", i, v)
		}
		image[i] = float32(v)
	}
	return image, 0, nil
}

func jsonError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"encoding the answer"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
