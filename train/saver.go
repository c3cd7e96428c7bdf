package train

import (
	"fmt"
	"github.com/pkg/errors"
	"io"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
)

// Saver saves variables' values to checkpoint files and restores them
// (tf.train.Saver). Variables are keyed by name, and a program that builds
// the same variables in the same order gets the same names, so a
// checkpoint written by one run (or program) restores in another.
//
// Save writes a whole checkpoint or nothing: each file goes to a temp file
// in the target directory, is synced and then renamed into place, and the
// "checkpoint" state file is updated only once the data file is there. An
// interrupted Save leaves the newest good checkpoint, and the state file
// naming it, as they were. docs/checkpoint-format.md describes the files.
// The temp files a killed Save leaves (".<file>.tmp<digits>") are removed
// by a later Save in the same directory once StaleTempAge has passed
// since they were last written; no other file is touched.
//
// A Saver may be used from several goroutines; its saves are serialized.
// The zero Saver saves every variable and keeps every checkpoint.
type Saver struct {
	// MaxToKeep is how many of its newest checkpoints the Saver keeps
	// (max_to_keep, 5 by default); each Save deletes the files of older
	// ones. With 0 or less it deletes nothing and the state file lists
	// only the newest checkpoint, as TF does.
	MaxToKeep int
	// Format is the file format Save writes (write_version); Restore
	// reads either.
	Format Format
	// NoMetaGraph stops Save from writing prefix-N.meta, the graph as
	// TensorFlow's MetaGraphDef (see MetaGraphDef), which it writes by
	// default as TF's Saver does (write_meta_graph=False).
	NoMetaGraph bool

	vars []*graph.Variable // nil: every variable of the session's graph
	fs   fileSystem        // nil: the disk (osFS)
	mu   sync.Mutex
	last []string // checkpoints this Saver wrote and keeps, oldest first
}

// Format is a checkpoint file format.
type Format int

const (
	// FormatTF1Go is tf1go's own format: one file, prefix-N, described in
	// docs/checkpoint-format.md. Saving over an existing checkpoint is
	// crash-safe too.
	FormatTF1Go Format = iota
	// FormatTFV2 is TensorFlow's V2 checkpoint (tf.train.SaverDef.V2):
	// prefix-N.index and prefix-N.data-00000-of-00001, which TensorFlow's
	// Saver.restore and tf.train.load_checkpoint read. An interrupted Save
	// to a new path harms nothing; one over an existing checkpoint's path
	// may leave that checkpoint's index pointing into a new data file
	// (Restore then reports a *DataLossError), as with TensorFlow.
	FormatTFV2
)

// NewSaver returns a Saver for the given variables (tf.train.Saver(var_list)).
// With none, it saves and restores every variable of the session's graph
// at the time of the call (tf.global_variables()), optimizer slots such as
// "Variable/Adam" and "beta1_power" included.
func NewSaver(vars ...*graph.Variable) *Saver {
	return &Saver{MaxToKeep: 5, vars: vars}
}

// stateFile is the name of the file that lists a directory's checkpoints.
const stateFile = "checkpoint"

func (s *Saver) variables(sess *session.Session) ([]*graph.Variable, error) {
	if sess.Closed() {
		return nil, &session.ClosedError{}
	}
	vars := s.vars
	if len(vars) == 0 {
		vars = sess.Graph().GlobalVariables()
	}
	if len(vars) == 0 {
		return nil, errors.New("No variables to save")
	}
	for _, v := range vars {
		if v == nil {
			return nil, errors.New("Saver: nil *graph.Variable in the variable list")
		}
		if v.Graph() != sess.Graph() {
			return nil, &session.ForeignError{What: v.String()}
		}
	}
	return vars, nil
}

// Save writes the variables' values to prefix-globalStep (to prefix itself
// when globalStep is negative, as TF does without global_step), records it
// as the newest checkpoint in the state file "checkpoint" beside it, and
// deletes the Saver's checkpoints beyond the MaxToKeep newest. It returns
// the path written, which Restore takes.
//
// If only the deletion of old checkpoints fails, Save returns the path
// with the error: the new checkpoint is complete and recorded.
func (s *Saver) Save(sess *session.Session, prefix string, globalStep int) (string, error) {
	vars, err := s.variables(sess)
	if err != nil {
		return "", err
	}
	vals := make(map[string]*nd.Array, len(vars))
	for _, v := range vars {
		a, err := sess.VariableValue(v)
		if err != nil {
			return "", err
		}
		vals[v.Node().Name()] = a
	}
	path := prefix
	if globalStep >= 0 {
		path = fmt.Sprintf("%s-%d", prefix, globalStep)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	fsys := s.fs
	if fsys == nil {
		fsys = osFS{}
	}
	removeStaleTemps(fsys, filepath.Dir(path), time.Now())
	switch s.Format {
	case FormatTF1Go:
		err = writeFileAtomic(fsys, path, func(w io.Writer) error { return writeCheckpoint(w, vals) })
	case FormatTFV2:
		err = writeBundle(fsys, path, vals)
	default:
		err = errors.Errorf("unknown Format %d", s.Format)
	}
	if err != nil {
		return "", errors.Wrapf(err, "saving checkpoint %s", path)
	}
	// path is complete from here on: track it even if the state update
	// fails, so that a later Save lists it and in time deletes it.
	s.last = append(slices.DeleteFunc(s.last, func(p string) bool { return p == path }), path)
	kept, old := s.last, []string(nil)
	if s.MaxToKeep <= 0 {
		kept = s.last[len(s.last)-1:]
	} else if n := len(s.last) - s.MaxToKeep; n > 0 {
		kept, old = s.last[n:], s.last[:n]
	}
	dir := filepath.Dir(path)
	state := checkpointState(dir, path, kept)
	if err := writeFileAtomic(fsys, filepath.Join(dir, stateFile), func(w io.Writer) error {
		_, err := io.WriteString(w, state)
		return err
	}); err != nil {
		return "", errors.Wrapf(err, "saving checkpoint %s: updating %s", path, stateFile)
	}
	s.last = kept
	var failed error // the first failed removal; the others are named
	var others []string
	for _, p := range old {
		// whichever format p has; a V2 index first, so that a checkpoint
		// whose index cannot be removed is left whole
		for _, f := range []string{bundleIndexFile(p), bundleDataFile(p, 0, 1), p, p + metaSuffix} {
			if err := fsys.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
				if failed == nil {
					failed = err
				} else {
					others = append(others, f)
				}
				break
			}
		}
	}
	if failed != nil {
		msg := fmt.Sprintf("checkpoint %s saved, but deleting older ones failed", path)
		if len(others) > 0 {
			msg += fmt.Sprintf(" (also %s)", strings.Join(others, ", "))
		}
		return path, errors.Wrap(failed, msg)
	}
	if !s.NoMetaGraph {
		if err := writeMetaGraph(fsys, path+metaSuffix, sess.Graph(), vars); err != nil {
			return path, fmt.Errorf("checkpoint %s saved, but writing its graph failed: %w", path, err)
		}
	}
	return path, nil
}

// Restore loads the Saver's variables from the checkpoint at path (as Save
// returned it, or as LatestCheckpoint finds it) and marks them
// initialized. The checkpoint may be tf1go's or TensorFlow's, V2 or V1
// (see NewCheckpointReader). Entries the Saver does not restore are
// ignored, and a V2 bundle's are not even read, so an inference graph
// restores from a training checkpoint that also holds Adam's slots.
// Restore changes no variable unless it can restore all: a variable the
// checkpoint lacks is a *NotFoundError, a saved shape or dtype other than
// the variable's a *ShapeMismatchError or *DTypeMismatchError, a damaged
// file or tensor a *DataLossError, a tensor saved in slices a
// *PartitionedError, a missing V2 data file a *MissingFileError, and a
// missing checkpoint an *InvalidCheckpointError.
func (s *Saver) Restore(sess *session.Session, path string) error {
	vars, err := s.variables(sess)
	if err != nil {
		return err
	}
	r, err := NewCheckpointReader(path)
	if err != nil {
		return err
	}
	vals := make([]*nd.Array, len(vars))
	for i, v := range vars {
		key := v.Node().Name()
		e := r.entries[key]
		switch {
		case e == nil:
			return &NotFoundError{Key: key, Path: path}
		case e.dtype != tfpb.DataTypeOf(v.DType()):
			return &DTypeMismatchError{Key: key, Path: path, Var: v.DType(), Saved: exactDType(e.dtype), SavedType: int32(e.dtype)}
		case !slices.Equal(e.shape, []int(v.Shape())):
			return &ShapeMismatchError{Key: key, Path: path, Var: v.Shape(), Saved: graph.Shape(e.shape)}
		}
		if vals[i], err = e.load(); err != nil {
			return err
		}
	}
	for i, v := range vars {
		if err := sess.SetVariable(v, vals[i]); err != nil {
			return err
		}
	}
	return nil
}
