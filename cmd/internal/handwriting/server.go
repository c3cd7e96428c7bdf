package handwriting

import (
	"context"
	"embed"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/tf1go/tf1go/cmd/internal/webapp"
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

// NewHandler routes the page, its static files, the prediction API and
// the health check. Every error is a JSON body {"error": "..."}.
func NewHandler(r *Recognizer) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", webapp.Static(web, "web", "/hwr.js", "/hwr.css"))
	mux.HandleFunc("/healthz", webapp.Health)
	mux.HandleFunc("/api/predict", r.handlePredict)
	return webapp.Secure(mux)
}

// predictRequest is the body of POST /api/predict.
type predictRequest struct {
	Image []float64 `json:"image"`
}

// handlePredict is POST /api/predict: {"image": [784 numbers in [0,1]]}
// gives the prediction, with the conv maps unless the query says maps=0.
func (r *Recognizer) handlePredict(w http.ResponseWriter, req *http.Request) {
	if !webapp.Allow(w, req, http.MethodPost) {
		return
	}
	maps := true
	switch v := req.URL.Query().Get("maps"); v {
	case "", "1", "true":
	case "0", "false":
		maps = false
	default:
		webapp.Error(w, http.StatusBadRequest, fmt.Sprintf("maps=%q: want 0 or 1", v))
		return
	}
	image, status, err := readImage(w, req)
	if err != nil {
		webapp.Error(w, status, err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(req.Context(), predictTimeout)
	defer cancel()
	pred, err := r.predict(ctx, image, maps)
	switch {
	case err != nil && ctx.Err() != nil:
		webapp.Error(w, http.StatusServiceUnavailable, "busy: the prediction timed out, try again")
	case err != nil:
		webapp.Error(w, http.StatusInternalServerError, err.Error())
	default:
		webapp.WriteJSON(w, http.StatusOK, pred)
	}
}

// readImage decodes and checks the request body: one JSON object whose
// image is 784 numbers, each in [0,1]. It returns the HTTP status for a
// body it refuses.
func readImage(w http.ResponseWriter, req *http.Request) ([]float32, int, error) {
	var in predictRequest
	if status, err := webapp.ReadJSON(w, req, maxBody, `{"image": [784 numbers]}`, &in); err != nil {
		return nil, status, err
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
