package train

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
)

// CheckpointReader reads the tensors of a checkpoint one by one, whatever
// wrote it (tf.train.load_checkpoint, tf.train.NewCheckpointReader):
// tf1go's own format, TensorFlow's V2 bundle (any number of shards,
// snappy-compressed index blocks or not) and TensorFlow's V1 file of
// TF 0.x. Saver.Restore reads through one.
//
// Opening reads the list of entries only: a V2 bundle's tensors are read
// from their data files, and their checksums checked, when Tensor asks
// for them, so a damaged tensor fails only the reads of that tensor, as
// in TensorFlow. tf1go's own format and V1 files are read and checked
// whole when opened.
type CheckpointReader struct {
	path    string
	format  string
	entries map[string]*entry
}

// CheckpointEntry describes one saved tensor.
type CheckpointEntry struct {
	Name string
	// DType is TensorFlow's name of the saved dtype ("float", "double",
	// "int64", "int32", "string", ...), which may be one tf1go lacks.
	DType string
	Shape []int
}

// entry is one saved tensor: its dtype and shape, and load, which reads
// and checks its values.
type entry struct {
	dtype tfpb.DataType
	shape []int
	load  func() (*nd.Array, error)
}

// MissingFileError is TF's NotFoundError for a file a checkpoint needs
// that is not there, such as a V2 bundle's data file whose index exists.
// errors.Is(err, fs.ErrNotExist) holds.
type MissingFileError struct {
	Path string // the missing file
	Err  error  // the file system's error
}

func (e *MissingFileError) Error() string {
	return "Not found: " + e.Path + "; No such file or directory"
}

func (e *MissingFileError) Unwrap() error { return e.Err }

// PartitionedError says a tensor was saved partitioned (as slices, by a
// TensorFlow program with partitioned variables): tf1go reads whole
// tensors only.
type PartitionedError struct {
	Key  string
	Path string
}

func (e *PartitionedError) Error() string {
	return "tensor " + e.Key + " of " + e.Path + " was saved partitioned (as slices); tf1go reads whole tensors only"
}

// NewCheckpointReader opens the checkpoint at path: a tf1go checkpoint
// file, a V2 bundle's prefix (path.index exists) or one of its files, or
// a V1 file; for a
// sharded V1 checkpoint, path may be the name TensorFlow's Saver was given
// (its files are path-NNNNN-of-MMMMM) or a glob pattern. A missing
// checkpoint is an *InvalidCheckpointError, a damaged one a
// *DataLossError.
func NewCheckpointReader(path string) (*CheckpointReader, error) {
	// a V2 bundle's index or data file stands for its prefix
	prefix, ok := strings.CutSuffix(path, ".index")
	if m := dataFileName.FindStringSubmatch(path); m != nil {
		prefix, ok = m[1], true
	}
	if _, err := os.Stat(bundleIndexFile(prefix)); ok && err == nil {
		path = prefix
	}
	r := &CheckpointReader{path: path}
	b, err := os.ReadFile(path)
	switch {
	case err == nil && isTF1GoCheckpoint(b):
		r.format = "tf1go"
		r.entries, err = readCheckpoint(path, b)
	case err == nil && tfpb.IsTable(b):
		r.format = "TensorFlow V1"
		r.entries, err = readV1(path, []string{path})
	case err == nil:
		err = &DataLossError{Path: path, Msg: "not a checkpoint: neither tf1go's format nor TensorFlow's V1 or V2"}
	case !errors.Is(err, fs.ErrNotExist):
		err = &InvalidCheckpointError{Path: path, Err: err}
	default:
		if _, ierr := os.Stat(bundleIndexFile(path)); ierr == nil {
			r.format = "TensorFlow V2"
			r.entries, err = readBundle(path)
			break
		}
		files, gerr := v1Files(path)
		if gerr != nil || len(files) == 0 {
			return nil, &InvalidCheckpointError{Path: path, Err: err}
		}
		r.format = "TensorFlow V1"
		r.entries, err = readV1(path, files)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// dataFileName matches a V2 data file's name, capturing its prefix.
var dataFileName = regexp.MustCompile(`^(.*)\.data-\d{5}-of-\d{5}$`)

// v1Files returns the files of a sharded V1 checkpoint: those matching
// path as a glob pattern, or path-?????-of-?????.
func v1Files(path string) ([]string, error) {
	files, err := filepath.Glob(path)
	if err == nil && len(files) == 0 {
		files, err = filepath.Glob(path + "-?????-of-?????")
	}
	return files, err
}

// Format names the checkpoint's format: "tf1go", "TensorFlow V1" or
// "TensorFlow V2".
func (r *CheckpointReader) Format() string { return r.format }

// Entries lists the checkpoint's tensors, sorted by name.
func (r *CheckpointReader) Entries() []CheckpointEntry {
	names := make([]string, 0, len(r.entries))
	for n := range r.entries {
		names = append(names, n)
	}
	sort.Strings(names)
	list := make([]CheckpointEntry, len(names))
	for i, n := range names {
		e := r.entries[n]
		list[i] = CheckpointEntry{Name: n, DType: e.dtype.String(), Shape: slices.Clone(e.shape)}
	}
	return list
}

// Tensor reads the tensor saved as name (get_tensor). Integer dtypes
// tf1go lacks (int32, int16, int8, uint8, uint16, uint32) come back
// widened to Int64; strings and the other dtypes tf1go lacks are an
// error. A name the checkpoint lacks is a *NotFoundError; damaged data a
// *DataLossError; a missing data file a *MissingFileError; a tensor
// saved as slices a *PartitionedError.
func (r *CheckpointReader) Tensor(name string) (*nd.Array, error) {
	e := r.entries[name]
	if e == nil {
		return nil, &NotFoundError{Key: name, Path: r.path}
	}
	return e.load()
}
