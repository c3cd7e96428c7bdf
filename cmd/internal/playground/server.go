package playground

import (
	"context"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/tf1go/tf1go/cmd/internal/lecture"
	"github.com/tf1go/tf1go/cmd/internal/webapp"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
)

// The playground's page, script and style.
//
//go:embed web
var web embed.FS

const (
	// FieldSize is the side of the decision field and of each unit's field,
	// as the notebooks' SNE/DNE figures sample [-6, 6]² (here 100×100).
	FieldSize = 100
	// fieldLimit bounds the plane the fields show.
	fieldLimit = 6.0
	// maxEpochs bounds one train request, and trainBudget its training time.
	maxEpochs   = 100
	trainBudget = 300 * time.Millisecond
	// maxBody caps a request body: settings are well under 1 KB.
	maxBody = 8 << 10
)

// Options bound the playground's sessions.
type Options struct {
	MaxSessions int           // sessions at once; one more gets 503
	Idle        time.Duration // a session nobody asked about for this long is closed
	Lifetime    time.Duration // and any session this old
}

// Server keeps one training session per browser tab.
type Server struct {
	opt      Options
	grid     [][2]float64 // the fields' points, row 0 at the top (x2 = 6)
	mu       sync.Mutex
	sessions map[string]*trainer
}

// trainer is one tab's Trainer, with what the server keeps beside it.
type trainer struct {
	mu            sync.Mutex
	*Trainer                // nil once closed
	gridIn        *nd.Array // Inputs(Settings, grid)
	created, seen time.Time // seen is guarded by Server.mu
}

// New returns a Server whose sessions are closed when idle or old, checked
// until ctx ends.
func New(ctx context.Context, opt Options) *Server {
	axis := lecture.Linspace(fieldLimit, -fieldLimit, FieldSize)
	grid := make([][2]float64, 0, FieldSize*FieldSize)
	for _, x2 := range axis {
		for _, x1 := range lecture.Linspace(-fieldLimit, fieldLimit, FieldSize) {
			grid = append(grid, [2]float64{x1, x2})
		}
	}
	s := &Server{opt: opt, grid: grid, sessions: map[string]*trainer{}}
	go s.expire(ctx)
	return s
}

// Count is how many sessions are open.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// expire closes idle and old sessions every second, and all of them when
// ctx ends.
func (s *Server) expire(ctx context.Context) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			s.closeWhere(func(*trainer) bool { return true })
			return
		case now := <-tick.C:
			s.closeWhere(func(t *trainer) bool {
				return now.Sub(t.seen) > s.opt.Idle || now.Sub(t.created) > s.opt.Lifetime
			})
		}
	}
}

func (s *Server) closeWhere(drop func(*trainer) bool) {
	s.mu.Lock()
	var gone []*trainer
	for id, t := range s.sessions {
		if drop(t) {
			delete(s.sessions, id)
			gone = append(gone, t)
		}
	}
	s.mu.Unlock()
	for _, t := range gone {
		t.close()
	}
}

func (t *trainer) close() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.Sess.Close()
	t.Trainer = nil
}

// Handler serves the page at / and the API under /api/ (mount it with
// http.StripPrefix):
//
//	POST   /api/sessions            Settings → 201 State (503 when all are in use)
//	GET    /api/sessions/{id}       State (and keeps the session alive)
//	POST   /api/sessions/{id}/train {"epochs": 1-100} → State after them
//	POST   /api/sessions/{id}/reset Settings → State of a new network
//	DELETE /api/sessions/{id}       (or POST /api/sessions/{id}/close, for sendBeacon) → 204
//	GET    /api/stats               {"sessions": open, "max": MaxSessions}
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", webapp.Static(web, "web", "/playground.js", "/playground.css"))
	mux.HandleFunc("/api/stats", func(w http.ResponseWriter, req *http.Request) {
		if webapp.Allow(w, req, http.MethodGet) {
			webapp.WriteJSON(w, http.StatusOK, map[string]int{"sessions": s.Count(), "max": s.opt.MaxSessions})
		}
	})
	mux.HandleFunc("/api/sessions", s.create)
	mux.HandleFunc("/api/sessions/{id}", func(w http.ResponseWriter, req *http.Request) {
		if !webapp.Allow(w, req, http.MethodGet, http.MethodDelete) {
			return
		}
		if req.Method == http.MethodDelete {
			s.delete(w, req)
			return
		}
		s.withTrainer(w, req, func(t *trainer) (*State, error) { return s.state(t, true) })
	})
	mux.HandleFunc("/api/sessions/{id}/close", func(w http.ResponseWriter, req *http.Request) {
		if webapp.Allow(w, req, http.MethodPost) {
			s.delete(w, req)
		}
	})
	mux.HandleFunc("/api/sessions/{id}/train", s.train)
	mux.HandleFunc("/api/sessions/{id}/reset", s.reset)
	return mux
}

// State is what the page draws: the epoch, the losses, the decision field
// and the first hidden layer's fields; with Full, also the points and the
// equivalent program.
type State struct {
	ID        string       `json:"id"`
	Settings  Settings     `json:"settings"`
	Epoch     int          `json:"epoch"`
	TrainLoss float64      `json:"trainLoss"`
	TestLoss  float64      `json:"testLoss"`
	Field     string       `json:"field"` // base64 of FieldSize² bytes, P·255, row 0 at x2 = 6
	Units     []Field      `json:"units"` // the first hidden layer's units, same grid
	Train     [][3]float64 `json:"train,omitempty"`
	Test      [][3]float64 `json:"test,omitempty"`
	Program   string       `json:"program,omitempty"`
}

// Field is one unit's output on the grid, scaled to bytes: 128 is 0, 0
// and 255 are -Scale and +Scale.
type Field struct {
	Data  string  `json:"data"`
	Scale float64 `json:"scale"`
}

// create is POST /api/sessions.
func (s *Server) create(w http.ResponseWriter, req *http.Request) {
	if !webapp.Allow(w, req, http.MethodPost) {
		return
	}
	set, ok := readSettings(w, req)
	if !ok {
		return
	}
	s.mu.Lock()
	full := len(s.sessions) >= s.opt.MaxSessions
	s.mu.Unlock()
	if full {
		w.Header().Set("Retry-After", "30")
		webapp.Error(w, http.StatusServiceUnavailable, fmt.Sprintf(
			"all %d playground sessions are in use: close another playground tab, or wait %v for an idle one to expire",
			s.opt.MaxSessions, s.opt.Idle))
		return
	}
	t, err := s.newTrainer(set)
	if err != nil {
		webapp.Error(w, http.StatusInternalServerError, err.Error())
		return
	}
	var id [16]byte
	rand.Read(id[:])
	key := hex.EncodeToString(id[:])
	s.mu.Lock()
	if len(s.sessions) >= s.opt.MaxSessions { // another tab took the last one meanwhile
		s.mu.Unlock()
		t.close()
		webapp.Error(w, http.StatusServiceUnavailable, fmt.Sprintf("all %d playground sessions are in use", s.opt.MaxSessions))
		return
	}
	t.created, t.seen = time.Now(), time.Now()
	s.sessions[key] = t
	s.mu.Unlock()
	t.mu.Lock()
	defer t.mu.Unlock()
	st, err := s.state(t, true)
	if err != nil {
		webapp.Error(w, http.StatusInternalServerError, err.Error())
		return
	}
	st.ID = key
	webapp.WriteJSON(w, http.StatusCreated, st)
}

// newTrainer starts a Trainer of set for the page.
func (s *Server) newTrainer(set Settings) (*trainer, error) {
	tr, err := NewTrainer(set)
	if err != nil {
		return nil, err
	}
	return &trainer{Trainer: tr, gridIn: Inputs(set, s.grid)}, nil
}

// readSettings decodes and validates a Settings body, answering 4xx when
// it is not one.
func readSettings(w http.ResponseWriter, req *http.Request) (Settings, bool) {
	var set Settings
	if status, err := webapp.ReadJSON(w, req, maxBody, "playground settings", &set); err != nil {
		webapp.Error(w, status, err.Error())
		return set, false
	}
	if err := set.Validate(); err != nil {
		webapp.Error(w, http.StatusBadRequest, err.Error())
		return set, false
	}
	return set, true
}

// withTrainer finds the request's session, marks it seen, and answers
// what f returns, holding the session.
func (s *Server) withTrainer(w http.ResponseWriter, req *http.Request, f func(*trainer) (*State, error)) {
	id := req.PathValue("id")
	s.mu.Lock()
	t := s.sessions[id]
	if t != nil {
		t.seen = time.Now()
	}
	s.mu.Unlock()
	if t == nil {
		webapp.Error(w, http.StatusNotFound, fmt.Sprintf("no playground session %q: it was closed or expired (idle over %v)", id, s.opt.Idle))
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.Trainer == nil {
		webapp.Error(w, http.StatusNotFound, fmt.Sprintf("playground session %q was closed", id))
		return
	}
	st, err := f(t)
	if err != nil {
		webapp.Error(w, http.StatusInternalServerError, err.Error())
		return
	}
	st.ID = id
	webapp.WriteJSON(w, http.StatusOK, st)
}

// train is POST /api/sessions/{id}/train {"epochs": n}: up to n epochs,
// fewer when they take over trainBudget.
func (s *Server) train(w http.ResponseWriter, req *http.Request) {
	if !webapp.Allow(w, req, http.MethodPost) {
		return
	}
	var in struct {
		Epochs int `json:"epochs"`
	}
	if status, err := webapp.ReadJSON(w, req, maxBody, `{"epochs": n}`, &in); err != nil {
		webapp.Error(w, status, err.Error())
		return
	}
	if in.Epochs < 1 || in.Epochs > maxEpochs {
		webapp.Error(w, http.StatusBadRequest, fmt.Sprintf("epochs %d: want 1 to %d", in.Epochs, maxEpochs))
		return
	}
	s.withTrainer(w, req, func(t *trainer) (*State, error) {
		start := time.Now()
		for i := 0; i < in.Epochs && time.Since(start) < trainBudget; i++ {
			if err := t.TrainEpoch(); err != nil {
				return nil, err
			}
		}
		return s.state(t, false)
	})
}

// reset is POST /api/sessions/{id}/reset: a new network from the settings
// in the body, in the same session slot, at epoch 0.
func (s *Server) reset(w http.ResponseWriter, req *http.Request) {
	if !webapp.Allow(w, req, http.MethodPost) {
		return
	}
	set, ok := readSettings(w, req)
	if !ok {
		return
	}
	s.withTrainer(w, req, func(t *trainer) (*State, error) {
		fresh, err := s.newTrainer(set)
		if err != nil {
			return nil, err
		}
		t.Sess.Close()
		t.Trainer, t.gridIn = fresh.Trainer, fresh.gridIn
		return s.state(t, true)
	})
}

// delete is DELETE /api/sessions/{id}: the tab went away.
func (s *Server) delete(w http.ResponseWriter, req *http.Request) {
	id := req.PathValue("id")
	s.mu.Lock()
	t := s.sessions[id]
	delete(s.sessions, id)
	s.mu.Unlock()
	if t == nil {
		webapp.Error(w, http.StatusNotFound, fmt.Sprintf("no playground session %q", id))
		return
	}
	t.close()
	w.WriteHeader(http.StatusNoContent)
}

// state evaluates t's network for the page; t.mu is held.
func (s *Server) state(t *trainer, full bool) (*State, error) {
	st := &State{Settings: t.Settings, Epoch: t.Epoch}
	var err error
	if st.TrainLoss, st.TestLoss, err = t.Losses(); err != nil {
		return nil, err
	}
	fetches := []any{t.Net.P}
	if t.Net.Hidden1 != nil {
		fetches = append(fetches, t.Net.Hidden1)
	}
	vals, err := t.Sess.RunTensors(session.Feed{t.Net.X: t.gridIn}, fetches...)
	if err != nil {
		return nil, err
	}
	p := vals[0].Float32s()
	field := make([]byte, len(p))
	for i, v := range p {
		field[i] = byte(math.Round(float64(v) * 255))
	}
	st.Field = encode(field)
	if len(vals) > 1 {
		st.Units = unitFields(vals[1].Float32s(), t.Settings.Hidden[0])
	}
	if full {
		st.Train, st.Test = labelled(t.TrainSet), labelled(t.TestSet)
		prog, err := Program(t.Settings)
		if err != nil {
			return nil, err
		}
		st.Program = string(prog)
	}
	return st, nil
}

// unitFields splits the first hidden layer's outputs (grid points × units)
// into one byte field per unit, each scaled by its largest magnitude.
func unitFields(h []float32, units int) []Field {
	out := make([]Field, units)
	for u := range out {
		scale := 0.0
		for i := u; i < len(h); i += units {
			scale = max(scale, math.Abs(float64(h[i])))
		}
		b := make([]byte, len(h)/units)
		for i := range b {
			v := 0.0
			if scale > 0 {
				v = float64(h[i*units+u]) / scale
			}
			b[i] = byte(math.Round(127.5 + 127.5*v))
		}
		out[u] = Field{Data: encode(b), Scale: scale}
	}
	return out
}

func labelled(d Points) [][3]float64 {
	out := make([][3]float64, d.Len())
	for i, p := range d.X {
		out[i] = [3]float64{round3(p[0]), round3(p[1]), d.T[i]}
	}
	return out
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func encode(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
