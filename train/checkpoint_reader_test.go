package train

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
)

// realCheckpoints are the checkpoints TensorFlow wrote (testdata/tf,
// copied from ../shared/data/tf), with the values its README states.
var realCheckpoints = []struct {
	path, format string
	want         map[string]*nd.Array
}{
	{"morvan_v1/save_net.ckpt", "TensorFlow V1", map[string]*nd.Array{
		"weights":   nd.FromFloat32s([]float32{1, 2, 3, 3, 4, 5}, 2, 3),
		"weights_1": nd.FromFloat32s([]float32{1, 2, 3, 3, 4, 5}, 2, 3),
		"weights_2": nd.FromFloat32s([]float32{1, 2, 3, 3, 4, 5}, 2, 3),
		"weights_3": nd.FromFloat32s([]float32{1, 2, 3, 3, 4, 5}, 2, 3),
		"biases":    nd.FromFloat32s([]float32{1, 2, 3}, 1, 3),
		"biases_1":  nd.FromFloat32s([]float32{1, 2, 3}, 1, 3),
		"biases_2":  nd.FromFloat32s([]float32{1, 2, 3}, 1, 3),
	}},
	// The README says weights = [[1,2,3],[3,4,5]], but the data file
	// holds [[1,2,3],[1,2,3]] (bytes 12-35, and their CRC-32C matches).
	{"morvan_v2/save_net.ckpt", "TensorFlow V2", map[string]*nd.Array{
		"weights": nd.FromFloat32s([]float32{1, 2, 3, 1, 2, 3}, 2, 3),
		"biases":  nd.FromFloat32s([]float32{1, 2, 3}, 1, 3),
	}},
	{"udacity_v2/model.ckpt", "TensorFlow V2", map[string]*nd.Array{
		"weights_0": nd.FromFloat32s([]float32{0.440769255, -0.534229755, 0.883095086, 0.7231282, 0.844554842, 0.209067628}, 2, 3),
		"bias_0":    nd.FromFloat32s([]float32{-0.505389154, 0.344744772, -1.51396918}, 3),
	}},
	{"saved_model_half_plus_two_cpu/variables/variables", "TensorFlow V2", map[string]*nd.Array{
		"a": nd.Scalar(nd.Float32, 0.5), "b": nd.Scalar(nd.Float32, 2), "c": nd.Scalar(nd.Float32, 3),
		"a2": nd.Scalar(nd.Float32, 0.5), "c2": nd.Scalar(nd.Float32, 3),
	}},
	{"session_bundle_half_plus_two_v1/export-00000-of-00001", "TensorFlow V1", map[string]*nd.Array{
		"a": nd.Scalar(nd.Float32, 0.5), "b": nd.Scalar(nd.Float32, 2),
	}},
}

func TestReadRealCheckpoints(t *testing.T) {
	for _, c := range realCheckpoints {
		t.Run(c.path, func(t *testing.T) {
			r, err := NewCheckpointReader(filepath.Join("testdata", "tf", c.path))
			if err != nil {
				t.Fatal(err)
			}
			if r.Format() != c.format {
				t.Errorf("format %q, want %q", r.Format(), c.format)
			}
			var names []string
			for _, e := range r.Entries() {
				names = append(names, e.Name)
				want := c.want[e.Name]
				if want == nil {
					t.Errorf("unexpected entry %s", e.Name)
					continue
				}
				if e.DType != "float" || !slices.Equal(e.Shape, want.Shape()) {
					t.Errorf("%s: %s %v, want float %v", e.Name, e.DType, e.Shape, want.Shape())
				}
				got, err := r.Tensor(e.Name)
				if err != nil || !sameBits(got, want) {
					t.Errorf("%s = %v, %v; want %v", e.Name, got, err, want)
				}
			}
			if len(names) != len(c.want) || !slices.IsSorted(names) {
				t.Errorf("entries %v: want the %d of the README, sorted", names, len(c.want))
			}
		})
	}
}

// The shipped files are the real ones: where ../shared is present, the
// copies in testdata match it byte for byte.
func TestRealCheckpointCopies(t *testing.T) {
	shared := filepath.Join("..", "..", "shared", "data", "tf")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("../shared/data/tf is absent (%v): the copies cannot be compared", err)
	}
	err := filepath.WalkDir(filepath.Join("testdata", "tf"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(p) == "README.md" {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join("testdata", "tf"), p)
		a, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(filepath.Join(shared, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from ../shared/data/tf/%s", p, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// restoreInto builds a graph with one variable per entry of the
// checkpoint at path (same names, dtypes, shapes) and restores it.
func restoreInto(t *testing.T, path string) *session.Session {
	t.Helper()
	r, err := NewCheckpointReader(path)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.New()
	for _, e := range r.Entries() {
		a, err := r.Tensor(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		g.Variable(nd.New(a.DType(), e.Shape...), graph.Name(e.Name))
	}
	sess := session.New(g)
	if err := NewSaver().Restore(sess, path); err != nil {
		t.Fatal(err)
	}
	return sess
}

// Restoring TensorFlow's V2 checkpoints and saving them again with
// FormatTFV2 gives TensorFlow's bytes back (the snappy-compressed index
// of the SavedModel excepted: tf1go writes uncompressed indexes, as
// TensorFlow's Saver does).
func TestRealV2RoundTripBytes(t *testing.T) {
	for _, c := range realCheckpoints {
		path := filepath.Join("testdata", "tf", c.path)
		t.Run(c.path, func(t *testing.T) {
			sess := restoreInto(t, path)
			s := NewSaver()
			s.Format = FormatTFV2
			out, err := s.Save(sess, filepath.Join(t.TempDir(), "model"), -1)
			if err != nil {
				t.Fatal(err)
			}
			checkSameTensors(t, path, out)
			if c.format != "TensorFlow V2" {
				return
			}
			files := []string{bundleDataFile(out, 0, 1)}
			if c.path != "saved_model_half_plus_two_cpu/variables/variables" {
				files = append(files, bundleIndexFile(out))
			}
			for _, f := range files {
				got, _ := os.ReadFile(f)
				want, _ := os.ReadFile(path + f[len(out):])
				if !bytes.Equal(got, want) {
					t.Errorf("%s: tf1go wrote\n%x\nTensorFlow wrote\n%x", filepath.Base(f), got, want)
				}
			}
		})
	}
}

// checkSameTensors checks that checkpoints a and b hold the same
// tensors, bit for bit.
func checkSameTensors(t *testing.T, a, b string) {
	t.Helper()
	ra, err := NewCheckpointReader(a)
	if err != nil {
		t.Fatal(err)
	}
	rb, err := NewCheckpointReader(b)
	if err != nil {
		t.Fatal(err)
	}
	ea, eb := ra.Entries(), rb.Entries()
	if !slices.EqualFunc(ea, eb, func(x, y CheckpointEntry) bool {
		return x.Name == y.Name && x.DType == y.DType && slices.Equal(x.Shape, y.Shape)
	}) {
		t.Fatalf("%s holds %v, %s holds %v", a, ea, b, eb)
	}
	for _, e := range ea {
		x, errA := ra.Tensor(e.Name)
		y, errB := rb.Tensor(e.Name)
		if errA != nil || errB != nil || !sameBits(x, y) {
			t.Errorf("%s: %v (%v) in %s, %v (%v) in %s", e.Name, x, errA, a, y, errB, b)
		}
	}
}
