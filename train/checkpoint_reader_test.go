package train

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
	"google.golang.org/protobuf/encoding/protowire"
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

// A restore reads and checks only the entries it asks for: a damaged
// tensor fails only the restores that need it, as in TensorFlow, and a
// missing data file is a *MissingFileError, not data loss.
func TestRestoreReadsOnlyWhatItAsks(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "model-1")
	vals := map[string]*nd.Array{"a": nd.FromFloat32s([]float32{1, 2}, 2), "b": nd.Scalar(nd.Float64, 3)}
	if err := writeBundle(osFS{}, prefix, vals); err != nil {
		t.Fatal(err)
	}
	data := bundleDataFile(prefix, 0, 1)
	b, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	b[0] ^= 1 // a's first byte
	if err := os.WriteFile(data, b, 0o666); err != nil {
		t.Fatal(err)
	}
	restore := func(name string, init *nd.Array) error {
		g := graph.New()
		g.Variable(init, graph.Name(name))
		return NewSaver().Restore(session.New(g), prefix)
	}
	if err := restore("b", nd.Scalar(nd.Float64, 0)); err != nil {
		t.Errorf("restoring b beside a damaged a: %v", err)
	}
	var dl *DataLossError
	if err := restore("a", nd.New(nd.Float32, 2)); !errors.As(err, &dl) || dl.Entry != "a" {
		t.Errorf("restoring the damaged a: %v, want a *DataLossError naming a", err)
	}
	if err := os.Remove(data); err != nil {
		t.Fatal(err)
	}
	var missing *MissingFileError
	err = restore("b", nd.Scalar(nd.Float64, 0))
	if !errors.As(err, &missing) || !errors.Is(err, fs.ErrNotExist) || errors.As(err, &dl) || missing.Path != data {
		t.Errorf("restoring with no data file: %v, want a *MissingFileError for %s", err, data)
	}
}

// writeIndex writes a V2 index of the given entries by hand.
func writeIndex(t *testing.T, prefix string, shards int32, entries map[string][]byte) {
	t.Helper()
	kvs := []tfpb.KeyValue{{Key: "", Value: tfpb.BundleHeader{NumShards: shards, Producer: 1}.Marshal()}}
	for _, name := range slices.Sorted(maps.Keys(entries)) {
		kvs = append(kvs, tfpb.KeyValue{Key: name, Value: entries[name]})
	}
	if err := os.WriteFile(bundleIndexFile(prefix), tfpb.AppendTable(nil, kvs), 0o666); err != nil {
		t.Fatal(err)
	}
}

// float32Bytes is the little-endian bytes of vs.
func float32Bytes(vs ...float32) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

// A sharded bundle (data-00000-of-00002, data-00001-of-00002), as
// TensorFlow's sharded savers write it.
func TestReadShardedBundle(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "model.ckpt-7")
	shard0, shard1 := float32Bytes(1, 2, 3), float32Bytes(-1, 0.5)
	writeIndex(t, prefix, 2, map[string][]byte{
		"w": tfpb.BundleEntry{DType: tfpb.DTFloat, Shape: []int{3}, Size: 12, CRC32C: tfpb.MaskCRC(tfpb.CRC32C(shard0))}.Marshal(),
		"v": tfpb.BundleEntry{DType: tfpb.DTFloat, Shape: []int{1, 1}, ShardID: 1, Offset: 4, Size: 4, CRC32C: tfpb.MaskCRC(tfpb.CRC32C(shard1[4:]))}.Marshal(),
	})
	for i, d := range [][]byte{shard0, shard1} {
		if err := os.WriteFile(bundleDataFile(prefix, i, 2), d, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	r, err := NewCheckpointReader(prefix)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]*nd.Array{"w": nd.FromFloat32s([]float32{1, 2, 3}, 3), "v": nd.FromFloat32s([]float32{0.5}, 1, 1)} {
		if got, err := r.Tensor(name); err != nil || !sameBits(got, want) {
			t.Errorf("%s = %v, %v; want %v", name, got, err, want)
		}
	}
}

// Partitioned variables are refused with a *PartitionedError when asked
// for, in V2 (an entry with slices) and V1 (a meta listing a slice that
// is not the whole tensor); whole tensors beside them read.
func TestReadPartitioned(t *testing.T) {
	dir := t.TempDir()
	v2 := filepath.Join(dir, "v2")
	whole := float32Bytes(4)
	sliced := append(tfpb.BundleEntry{DType: tfpb.DTFloat, Shape: []int{4}}.Marshal(), 0x3a, 0) // slices { }
	writeIndex(t, v2, 1, map[string][]byte{
		"part":  sliced,
		"whole": tfpb.BundleEntry{DType: tfpb.DTFloat, Shape: []int{}, Size: 4, CRC32C: tfpb.MaskCRC(tfpb.CRC32C(whole))}.Marshal(),
	})
	if err := os.WriteFile(bundleDataFile(v2, 0, 1), whole, 0o666); err != nil {
		t.Fatal(err)
	}

	// V1: "part" [4] saved as the slice 0:2; "whole" [] saved whole.
	v1 := filepath.Join(dir, "v1")
	extent := func(start, length int64) []byte {
		var e []byte
		e = protowire.AppendTag(e, 1, protowire.VarintType)
		e = protowire.AppendVarint(e, uint64(start))
		e = protowire.AppendTag(e, 2, protowire.VarintType)
		return protowire.AppendVarint(e, uint64(length))
	}
	msg := func(fields ...any) []byte { // field number, value: string, []byte (a message) or int
		var b []byte
		for i := 0; i < len(fields); i += 2 {
			num := protowire.Number(fields[i].(int))
			switch v := fields[i+1].(type) {
			case string:
				b = protowire.AppendString(protowire.AppendTag(b, num, protowire.BytesType), v)
			case []byte:
				b = protowire.AppendBytes(protowire.AppendTag(b, num, protowire.BytesType), v)
			case int:
				b = protowire.AppendVarint(protowire.AppendTag(b, num, protowire.VarintType), uint64(v))
			}
		}
		return b
	}
	partSlice := msg(1, extent(0, 2))
	meta := msg(1, msg(
		1, msg(1, "part", 2, tfpb.EncodeShape([]int{4}), 3, int(tfpb.DTFloat), 4, partSlice),
		1, msg(1, "whole", 2, tfpb.EncodeShape([]int{}), 3, int(tfpb.DTFloat), 4, []byte{}),
	))
	partData := msg(2, msg(1, "part", 2, partSlice, 3, tfpb.EncodeTensor(nd.FromFloat32s([]float32{1, 2}, 2))))
	wholeData := msg(2, msg(1, "whole", 2, []byte{}, 3, tfpb.EncodeTensor(nd.Scalar(nd.Float32, 4))))
	table := tfpb.AppendTable(nil, []tfpb.KeyValue{{Key: "", Value: meta}, {Key: "part", Value: partData}, {Key: "whole", Value: wholeData}})
	if err := os.WriteFile(v1, table, 0o666); err != nil {
		t.Fatal(err)
	}

	for _, path := range []string{v1, v2} {
		r, err := NewCheckpointReader(path)
		if err != nil {
			t.Fatal(err)
		}
		var pe *PartitionedError
		if _, err := r.Tensor("part"); !errors.As(err, &pe) || pe.Key != "part" {
			t.Errorf("%s: reading part: %v, want a *PartitionedError", filepath.Base(path), err)
		}
		if got, err := r.Tensor("whole"); err != nil || got.Float() != 4 {
			t.Errorf("%s: whole = %v, %v; want 4", filepath.Base(path), got, err)
		}
	}
}

// A V2 bundle opens by its index or data file's name too.
func TestReadV2ByFileName(t *testing.T) {
	for _, f := range []string{"model.ckpt.index", "model.ckpt.data-00000-of-00001"} {
		r, err := NewCheckpointReader(filepath.Join("testdata", "tf", "udacity_v2", f))
		if err != nil || r.Format() != "TensorFlow V2" || len(r.Entries()) != 2 {
			t.Errorf("%s: %v, %v", f, r, err)
		}
	}
}

// A sharded V1 checkpoint is found by the name its Saver was given.
func TestReadV1ByPrefix(t *testing.T) {
	r, err := NewCheckpointReader(filepath.Join("testdata", "tf", "session_bundle_half_plus_two_v1", "export"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := r.Tensor("b"); err != nil || got.Float() != 2 {
		t.Errorf("b = %v, %v; want 2", got, err)
	}
}

// tf1go's own format → V2 → tf1go keeps every bit.
func TestOwnFormatToV2RoundTrip(t *testing.T) {
	m := newModel(true)
	sess := m.start(t, 2)
	want := snapshot(t, sess)
	dir := t.TempDir()
	own, err := NewSaver().Save(sess, filepath.Join(dir, "own"), 2)
	if err != nil {
		t.Fatal(err)
	}
	m2 := newModel(true)
	sess2 := session.New(m2.g)
	if err := NewSaver().Restore(sess2, own); err != nil {
		t.Fatal(err)
	}
	s := NewSaver()
	s.Format = FormatTFV2
	v2, err := s.Save(sess2, filepath.Join(dir, "v2"), 2)
	if err != nil {
		t.Fatal(err)
	}
	m3 := newModel(true)
	sess3 := session.New(m3.g)
	if err := NewSaver().Restore(sess3, v2); err != nil {
		t.Fatal(err)
	}
	checkRestored(t, sess3, want)
	checkSameTensors(t, own, v2)
}

// Integer dtypes tf1go lacks read widened to Int64; strings are an error
// naming the dtype; a name the checkpoint lacks is a *NotFoundError.
func TestReaderForeignDTypes(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "model.ckpt-20000")
	step := []byte{0x20, 0x4e, 0, 0} // int32 20000
	writeIndex(t, prefix, 1, map[string][]byte{
		"global_step": tfpb.BundleEntry{DType: tfpb.DTInt32, Shape: []int{}, Size: 4, CRC32C: tfpb.MaskCRC(tfpb.CRC32C(step))}.Marshal(),
		"names":       tfpb.BundleEntry{DType: tfpb.DTString, Shape: []int{1}, Offset: 4, Size: 2}.Marshal(),
	})
	if err := os.WriteFile(bundleDataFile(prefix, 0, 1), append(step, 1, 'x'), 0o666); err != nil {
		t.Fatal(err)
	}
	r, err := NewCheckpointReader(prefix)
	if err != nil {
		t.Fatal(err)
	}
	if e := r.Entries(); len(e) != 2 || e[0].DType != "int32" || e[1].DType != "string" {
		t.Errorf("entries %v", e)
	}
	if got, err := r.Tensor("global_step"); err != nil || got.DType() != nd.Int64 || got.Int64s()[0] != 20000 {
		t.Errorf("global_step = %v, %v; want int64 20000", got, err)
	}
	if _, err := r.Tensor("names"); err == nil || !strings.Contains(err.Error(), "string") {
		t.Errorf("reading a string tensor: %v, want an error naming its dtype", err)
	}
	var nf *NotFoundError
	if _, err := r.Tensor("nothing"); !errors.As(err, &nf) {
		t.Errorf("reading a missing name: %v, want a *NotFoundError", err)
	}
}

// LatestCheckpoint finds a sharded V1 checkpoint by the name its state
// file gives (TF 0.x's Saver wrote "export" for export-00000-of-00001),
// and Restore takes that name.
func TestLatestCheckpointV1(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(filepath.Join("testdata", "tf", "session_bundle_half_plus_two_v1", "export-00000-of-00001"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "export-00000-of-00001"), b, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "checkpoint"), []byte("model_checkpoint_path: \"export\"\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	path, err := LatestCheckpoint(dir)
	if err != nil || path != filepath.Join(dir, "export") {
		t.Fatalf("LatestCheckpoint = %q, %v; want %s", path, err, filepath.Join(dir, "export"))
	}
	vals := snapshot(t, restoreInto(t, path))
	if vals["a"].Float() != 0.5 || vals["b"].Float() != 2 {
		t.Errorf("restored a = %v, b = %v; want 0.5 and 2", vals["a"], vals["b"])
	}
}
