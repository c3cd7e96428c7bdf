package summary

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfgraph"
	"github.com/tf1go/tf1go/internal/tfpb"
)

// FileVersion is the file_version of an event file's first Event, which
// TensorBoard checks.
const FileVersion = "brain.Event:2"

// FileWriter writes an event file for TensorBoard (tf.summary.FileWriter).
// Events are buffered: Flush writes them to the file, Close flushes and
// closes it, and an event added FlushInterval or more after the last
// flush is flushed with those before it (TF's flush_secs), so TensorBoard
// follows a long training. A FileWriter may be used from several
// goroutines.
type FileWriter struct {
	mu      sync.Mutex
	f       *os.File
	w       *bufio.Writer
	flushed time.Time
	closed  bool
}

// FlushInterval is how old buffered events may get before a FileWriter
// writes them out: TF's default flush_secs, 120 seconds.
const FlushInterval = 120 * time.Second

// NewFileWriter creates logdir if needed and a new event file in it,
// events.out.tfevents.<seconds since 1970>.<host name>, and writes the
// file_version event; with a graph, the graph too (AddGraph). A graph
// that has no GraphDef (an op with no TensorFlow equivalent) is an error
// naming the node; pass nil to write the summaries without it.
func NewFileWriter(logdir string, g *graph.Graph) (*FileWriter, error) {
	if err := os.MkdirAll(logdir, 0o755); err != nil {
		return nil, errors.Wrap(err, "summary.NewFileWriter")
	}
	host, err := os.Hostname()
	if err != nil {
		host = "localhost"
	}
	now := time.Now()
	name := filepath.Join(logdir, fmt.Sprintf("events.out.tfevents.%010d.%s", now.Unix(), host))
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	for i := 1; errors.Is(err, fs.ErrExist); i++ { // two writers in one second
		f, err = os.OpenFile(fmt.Sprintf("%s.%d", name, i), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
	}
	if err != nil {
		return nil, errors.Wrap(err, "summary.NewFileWriter")
	}
	w := &FileWriter{f: f, w: bufio.NewWriter(f), flushed: now}
	// whole seconds, as TensorFlow's EventsWriter stamps this first event
	if err := w.write(tfpb.Event{WallTime: float64(now.Unix()), FileVersion: FileVersion}); err != nil {
		w.Close()
		return nil, err
	}
	if g != nil {
		if err := w.AddGraph(g); err != nil {
			w.Close()
			return nil, err
		}
	}
	return w, nil
}

// Path is the event file's name.
func (w *FileWriter) Path() string { return w.f.Name() }

// AddSummary writes a summary with its global step (add_summary): a
// *Summary as Run returns it for a summary op or a merged one, or a
// serialized Summary protocol buffer ([]byte).
func (w *FileWriter) AddSummary(s any, step int) error {
	var b []byte
	switch v := s.(type) {
	case *Summary:
		if v == nil {
			return errors.New("AddSummary: nil *Summary")
		}
		b = v.Marshal()
	case []byte:
		b = v
	default:
		return errors.Errorf("AddSummary: want a *summary.Summary (what Run gives for a summary op) or []byte, got %T", s)
	}
	return w.write(tfpb.Event{WallTime: wallTime(time.Now()), Step: int64(step), Summary: b})
}

// AddGraph writes g as a GraphDef (add_graph), with TensorFlow's op
// names and attributes, for TensorBoard's graph view. The training nodes
// (gradients and optimizer updates) are left out.
func (w *FileWriter) AddGraph(g *graph.Graph) error {
	def, err := tfgraph.GraphDef(g)
	if err != nil {
		return errors.Wrap(err, "AddGraph")
	}
	return w.write(tfpb.Event{WallTime: wallTime(time.Now()), GraphDef: def})
}

// Flush writes the buffered events to the file.
func (w *FileWriter) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.flushed = time.Now()
	return errors.Wrap(w.w.Flush(), "summary.FileWriter.Flush")
}

// Close flushes the events and closes the file. Closing twice does
// nothing.
func (w *FileWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	err := w.w.Flush()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return errors.Wrap(err, "summary.FileWriter.Close")
}

// write appends one event record.
func (w *FileWriter) write(e tfpb.Event) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errors.New("summary.FileWriter: write after Close")
	}
	_, err := w.w.Write(tfpb.AppendRecord(nil, e.Marshal()))
	if now := time.Now(); err == nil && now.Sub(w.flushed) >= FlushInterval {
		w.flushed = now
		err = w.w.Flush()
	}
	return errors.Wrap(err, "summary.FileWriter")
}

// wallTime is t in seconds since 1970, as an Event's wall_time.
func wallTime(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }
