package train

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/compile"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/ops"
	"github.com/tf1go/tf1go/session"
)

// model is a small regression in the lecture's style: default variable
// names (Variable, Variable_1, ...), one variable of each other dtype, and
// with training Adam's slots and beta powers.
type model struct {
	g       *graph.Graph
	x, y    *graph.Tensor
	t       *graph.Tensor
	step    *graph.Node
	special []*graph.Variable // float32 and float64 variables that tests fill with NaNs, -0, ...
	feed    session.Feed
}

func newModel(withTraining bool) *model {
	g := graph.New()
	g.SetRandomSeed(20160704)
	m := &model{g: g}
	m.x = g.Placeholder(graph.Float32, graph.Shape{graph.None, 3}, graph.Name("x"))
	w := g.Variable(ops.TruncatedNormal([]int{3, 2}, ops.Stddev(0.1)))
	b := g.Variable(ops.Constant(0.1, 2))
	m.y = ops.Add(ops.MatMul(m.x, w), b)
	m.special = []*graph.Variable{
		g.Variable(nd.New(nd.Float32, 7), graph.Trainable(false)),
		g.Variable(nd.New(nd.Float64, 7), graph.Trainable(false)),
	}
	g.Variable(nd.Scalar(nd.Float64, math.Pi), graph.Name("pi"), graph.Trainable(false))
	g.Variable(nd.FromInt64s([]int64{math.MinInt64, -1, 0, math.MaxInt64}, 2, 2), graph.Name("global_step"), graph.Trainable(false))
	g.Variable(nd.FromBools([]bool{true, false, true}, 3), graph.Name("mask"), graph.Trainable(false))
	m.t = g.Placeholder(graph.Float32, graph.Shape{graph.None, 2}, graph.Name("t"))
	if withTraining {
		m.step = NewAdamOptimizer(0.01).Minimize(ops.ReduceSum(ops.Square(ops.Sub(m.y, m.t))))
	}
	m.feed = session.Feed{
		m.x: [][]float32{{1, 2, 3}, {-1, 0.5, 2}, {0, 0, 1}, {3, -2, 1}},
		m.t: [][]float32{{1, 0}, {0, 1}, {0.5, 0.5}, {2, -1}},
	}
	return m
}

// start initializes the variables, fills the special ones with values
// that only a bit-exact format keeps, and trains a few steps.
func (m *model) start(t *testing.T, steps int) *session.Session {
	t.Helper()
	sess := session.New(m.g)
	mustDo(t, sess, m.g.GlobalVariablesInitializer(), nil)
	f32 := []float32{float32(math.NaN()), math.Float32frombits(0x7fc0_1234), float32(math.Inf(-1)),
		float32(math.Copysign(0, -1)), math.SmallestNonzeroFloat32, math.MaxFloat32, 1.0 / 3}
	f64 := []float64{math.NaN(), math.Float64frombits(0x7ff8_0000_dead_beef), math.Inf(1),
		math.Copysign(0, -1), math.SmallestNonzeroFloat64, math.MaxFloat64, 1.0 / 3}
	if err := sess.SetVariable(m.special[0], nd.FromFloat32s(f32, 7)); err != nil {
		t.Fatal(err)
	}
	if err := sess.SetVariable(m.special[1], nd.FromFloat64s(f64, 7)); err != nil {
		t.Fatal(err)
	}
	m.train(t, sess, steps)
	return sess
}

func (m *model) train(t *testing.T, sess *session.Session, steps int) {
	t.Helper()
	for range steps {
		mustDo(t, sess, m.step, m.feed)
	}
}

func mustDo(t *testing.T, sess *session.Session, fetch any, feed session.Feed) any {
	t.Helper()
	res, err := sess.Run(fetch, feed)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// snapshot is every variable's value, by name.
func snapshot(t *testing.T, sess *session.Session) map[string]*nd.Array {
	t.Helper()
	vals := map[string]*nd.Array{}
	for _, v := range sess.Graph().GlobalVariables() {
		a, err := sess.VariableValue(v)
		if err != nil {
			t.Fatal(err)
		}
		vals[v.Node().Name()] = a
	}
	return vals
}

// sameBits reports whether a and b have the same dtype, shape and bits.
func sameBits(a, b *nd.Array) bool {
	if a.DType() != b.DType() || !slices.Equal(a.Shape(), b.Shape()) {
		return false
	}
	switch x := a.Data().(type) {
	case []float32:
		return slices.EqualFunc(x, b.Float32s(), func(p, q float32) bool { return math.Float32bits(p) == math.Float32bits(q) })
	case []float64:
		return slices.EqualFunc(x, b.Float64s(), func(p, q float64) bool { return math.Float64bits(p) == math.Float64bits(q) })
	case []int64:
		return slices.Equal(x, b.Int64s())
	case []bool:
		return slices.Equal(x, b.Bools())
	}
	return false
}

// checkRestored checks that every variable of sess holds want's value.
func checkRestored(t *testing.T, sess *session.Session, want map[string]*nd.Array) {
	t.Helper()
	got := snapshot(t, sess)
	for name, a := range got {
		if want[name] == nil {
			t.Errorf("%s restored, but it was not saved", name)
		} else if !sameBits(a, want[name]) {
			t.Errorf("%s = %v after restore, saved %v", name, a, want[name])
		}
	}
}

// formats are the file formats a Saver writes, with the files each
// writes for a checkpoint "model-N" (the graph's .meta last).
var formats = []struct {
	name   string
	format Format
	files  func(ckpt string) []string
}{
	{"tf1go", FormatTF1Go, func(ckpt string) []string { return []string{ckpt, ckpt + ".meta"} }},
	{"TF V2", FormatTFV2, func(ckpt string) []string {
		return []string{ckpt + ".data-00000-of-00001", ckpt + ".index", ckpt + ".meta"}
	}},
}

func TestSaveRestoreRoundTrip(t *testing.T) {
	m := newModel(true)
	sess := m.start(t, 3)
	want := snapshot(t, sess)
	// TF's names, which a TF V2 checkpoint of the same model would use
	for _, name := range []string{"Variable", "Variable/Adam", "Variable/Adam_1", "Variable_1/Adam", "Variable_1/Adam_1", "beta1_power", "beta2_power"} {
		if want[name] == nil || want[name].Float32s()[0] == 0 {
			t.Errorf("after training, %s = %v; want a trained, nonzero value (variables: %v)", name, want[name], slices.Sorted(maps.Keys(want)))
		}
	}
	for _, f := range formats {
		dir := t.TempDir()
		saver := NewSaver()
		saver.Format = f.format
		path, err := saver.Save(sess, filepath.Join(dir, "model"), 3)
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(dir, "model-3"); path != want {
			t.Fatalf("%s: Save returned %q, want %q", f.name, path, want)
		}
		if got, want := listDir(t, dir), append([]string{"checkpoint"}, f.files("model-3")...); !slices.Equal(got, want) {
			t.Errorf("%s: Save wrote %v, want %v", f.name, got, want)
		}
		for _, c := range []struct {
			name string
			sess func() *session.Session
		}{
			{"same session after more training", func() *session.Session { m.train(t, sess, 2); return sess }},
			{"new session on the same graph", func() *session.Session { return session.New(m.g) }},
			{"same program built again", func() *session.Session { return session.New(newModel(true).g) }},
		} {
			t.Run(f.name+"/"+c.name, func(t *testing.T) {
				s := c.sess()
				if err := NewSaver().Restore(s, path); err != nil {
					t.Fatal(err)
				}
				checkRestored(t, s, want)
				if len(snapshot(t, s)) != len(want) {
					t.Errorf("restored %d variables, saved %d", len(snapshot(t, s)), len(want))
				}
			})
		}
	}
}

func TestRestoreInferenceGraph(t *testing.T) {
	trained := newModel(true)
	sess := trained.start(t, 3)
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			saver := NewSaver()
			saver.Format = f.format
			path, err := saver.Save(sess, filepath.Join(t.TempDir(), "model"), 3)
			if err != nil {
				t.Fatal(err)
			}
			infer := newModel(false) // no Adam: the checkpoint's slots are extra entries
			isess := session.New(infer.g)
			if err := NewSaver().Restore(isess, path); err != nil {
				t.Fatal(err)
			}
			checkRestored(t, isess, snapshot(t, sess))
			want := mustDo(t, sess, trained.y, trained.feed).(*nd.Array)
			got := mustDo(t, isess, infer.y, infer.feed).(*nd.Array)
			if !sameBits(got, want) {
				t.Errorf("inference graph computes %v, training graph %v", got, want)
			}
		})
	}
}

// The child half of TestRestoreInAnotherProcess: it trains, saves into
// $TF1GO_SAVER_DIR and prints each variable as "name hex".
func TestSaverChildProcess(t *testing.T) {
	dir := os.Getenv("TF1GO_SAVER_DIR")
	if dir == "" {
		t.Skip("run by TestRestoreInAnotherProcess")
	}
	m := newModel(true)
	sess := m.start(t, 4)
	if _, err := NewSaver().Save(sess, filepath.Join(dir, "model"), 4); err != nil {
		t.Fatal(err)
	}
	for name, a := range snapshot(t, sess) {
		fmt.Printf("%s %s\n", name, hex.EncodeToString(appendEntry(nil, name, a)))
	}
}

func TestRestoreInAnotherProcess(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSaverChildProcess$")
	cmd.Env = append(os.Environ(), "TF1GO_SAVER_DIR="+dir)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	saved := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if name, h, ok := strings.Cut(sc.Text(), " "); ok {
			saved[name] = h
		}
	}
	path, err := LatestCheckpoint(dir)
	if err != nil || path == "" {
		t.Fatalf("LatestCheckpoint = %q, %v", path, err)
	}
	infer := newModel(false)
	sess := session.New(infer.g)
	if err := NewSaver().Restore(sess, path); err != nil {
		t.Fatal(err)
	}
	got := snapshot(t, sess)
	for name, a := range got {
		if h := hex.EncodeToString(appendEntry(nil, name, a)); h != saved[name] {
			t.Errorf("%s: restored %v; the child saved entry %s", name, a, saved[name])
		}
	}
	if len(got) != 7 || len(saved) != 7+6 { // Adam adds 2 slots for each of 2 variables and 2 beta powers
		t.Errorf("restored %d variables of the %d saved", len(got), len(saved))
	}
}

func TestRestoreErrors(t *testing.T) {
	vars := func(specs ...any) func(g *graph.Graph) { // pairs of name, initial value
		return func(g *graph.Graph) {
			for i := 0; i < len(specs); i += 2 {
				g.Variable(specs[i+1], graph.Name(specs[i].(string)))
			}
		}
	}
	f32 := func(shape ...int) *nd.Array { return nd.New(nd.Float32, shape...) }
	flip := func(i int) func([]byte) []byte {
		return func(b []byte) []byte { b[(i+len(b))%len(b)] ^= 0x10; return b }
	}
	three := vars("Variable", f32(2), "Variable_1", f32(), "Variable_2", f32(1))
	const index, data = ".index", ".data-00000-of-00001"
	for _, c := range []struct {
		name            string
		format          Format
		saved, restored func(g *graph.Graph)
		file            string // the damaged file: the checkpoint path plus this
		damage          func([]byte) []byte
		as              any // a pointer to the error type wanted
		want            string
	}{
		{"missing variable", FormatTF1Go, three, vars("Variable", f32(2), "Variable_1", f32(), "Variable_2", f32(1), "Variable_3", f32(1)), "", nil,
			new(*NotFoundError), "Key Variable_3 not found in checkpoint"},
		{"shape", FormatTF1Go, vars("Variable", f32(2), "Variable_1", f32(5, 5, 1, 16)), vars("Variable", f32(2), "Variable_1", f32(5, 5, 1, 32)), "", nil,
			new(*ShapeMismatchError), "Assign requires shapes of both tensors to match. lhs shape= [5,5,1,32] rhs shape= [5,5,1,16] (restoring Variable_1)"},
		{"rank", FormatTF1Go, vars("Variable", f32(2), "Variable_1", f32(1)), vars("Variable", f32(2), "Variable_1", f32()), "", nil,
			new(*ShapeMismatchError), "Assign requires shapes of both tensors to match. lhs shape= [] rhs shape= [1] (restoring Variable_1)"},
		{"dtype", FormatTF1Go, vars("Variable", f32(2), "Variable_1", nd.New(nd.Float64, 3)), vars("Variable", f32(2), "Variable_1", f32(3)), "", nil,
			new(*DTypeMismatchError), "tensor_name = Variable_1; expected dtype float does not equal original dtype double"},
		{"corrupt data", FormatTF1Go, three, three, "", flip(-9),
			new(*DataLossError), "Data loss: Checksum does not match: stored 290200453 vs. calculated on the restored bytes 18013418 (entry Variable_2 of CKPT)"},
		{"corrupt header", FormatTF1Go, three, three, "", flip(9),
			new(*DataLossError), "Data loss: unsupported checkpoint version 4097 (this build reads version 1) (CKPT)"},
		{"truncated", FormatTF1Go, three, three, "", func(b []byte) []byte { return b[:len(b)-30] },
			new(*DataLossError), "Data loss: truncated in entry 3 of 3 (entry Variable_2 of CKPT)"},
		{"not a checkpoint", FormatTF1Go, three, three, "", func([]byte) []byte { return []byte("model_checkpoint_path: \"model-1\"\n") },
			new(*DataLossError), "Data loss: not a checkpoint: neither tf1go's format nor TensorFlow's V1 or V2 (CKPT)"},
		{"no file", FormatTF1Go, three, three, "", func([]byte) []byte { return nil },
			new(*InvalidCheckpointError), "The passed save_path is not a valid checkpoint: CKPT"},
		{"V2 missing variable", FormatTFV2, three, vars("Variable", f32(2), "Variable_1", f32(), "Variable_2", f32(1), "Variable_3", f32(1)), "", nil,
			new(*NotFoundError), "Key Variable_3 not found in checkpoint"},
		{"V2 shape", FormatTFV2, vars("Variable", f32(2), "Variable_1", f32(5, 5, 1, 16)), vars("Variable", f32(2), "Variable_1", f32(5, 5, 1, 32)), "", nil,
			new(*ShapeMismatchError), "Assign requires shapes of both tensors to match. lhs shape= [5,5,1,32] rhs shape= [5,5,1,16] (restoring Variable_1)"},
		{"V2 dtype", FormatTFV2, vars("Variable", f32(2), "Variable_1", nd.New(nd.Float64, 3)), vars("Variable", f32(2), "Variable_1", f32(3)), "", nil,
			new(*DTypeMismatchError), "tensor_name = Variable_1; expected dtype float does not equal original dtype double"},
		{"V2 corrupt data", FormatTFV2, three, three, data, flip(-1),
			new(*DataLossError), "Data loss: Checksum does not match: stored 1214729159 vs. calculated on the restored bytes 1480166568 (entry Variable_2 of CKPT)"},
		{"V2 corrupt index", FormatTFV2, three, three, index, flip(20),
			new(*DataLossError), "Data loss: block checksum mismatch (CKPT.index)"},
		{"V2 truncated data", FormatTFV2, three, three, data, func(b []byte) []byte { return b[:len(b)-1] },
			new(*DataLossError), "Data loss: truncated data file: 4 bytes at offset 12 of 15 (entry Variable_2 of CKPT)"},
		{"V2 truncated index", FormatTFV2, three, three, index, func(b []byte) []byte { return b[:len(b)-1] },
			new(*DataLossError), "Data loss: not an sstable (bad magic number) (CKPT.index)"},
		{"V2 no index", FormatTFV2, three, three, index, func([]byte) []byte { return nil },
			new(*InvalidCheckpointError), "The passed save_path is not a valid checkpoint: CKPT"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			g := graph.New()
			c.saved(g)
			sess := session.New(g)
			mustDo(t, sess, g.GlobalVariablesInitializer(), nil)
			saver := NewSaver()
			saver.Format = c.format
			path, err := saver.Save(sess, filepath.Join(dir, "model"), 1)
			if err != nil {
				t.Fatal(err)
			}
			if c.damage != nil {
				b, err := os.ReadFile(path + c.file)
				if err != nil {
					t.Fatal(err)
				}
				if b = c.damage(b); b == nil {
					err = os.Remove(path + c.file)
				} else {
					err = os.WriteFile(path+c.file, b, 0o666)
				}
				if err != nil {
					t.Fatal(err)
				}
			}

			rg := graph.New()
			c.restored(rg)
			rsess := session.New(rg)
			first := rg.GlobalVariables()[0]
			if err := rsess.SetVariable(first, nd.FromFloat32s([]float32{7, 8}, 2)); err != nil {
				t.Fatal(err)
			}
			err = NewSaver().Restore(rsess, path)
			if want := strings.ReplaceAll(c.want, "CKPT", path); err == nil || err.Error() != want {
				t.Errorf("Restore: %v\nwant        %s", err, want)
			}
			if !errors.As(err, c.as) {
				t.Errorf("Restore: %T is not a %T", err, c.as)
			}
			if got, _ := rsess.VariableValue(first); got.Float32s()[0] != 7 {
				t.Errorf("a failed Restore changed %s to %v", first.Name(), got)
			}
		})
	}
	if err := NewSaver().Restore(session.New(graph.New()), "x"); err == nil || err.Error() != "No variables to save" {
		t.Errorf("Restore with no variables: %v", err)
	}
	var ice *InvalidCheckpointError
	err := NewSaver().Restore(session.New(newModel(false).g), filepath.Join(t.TempDir(), "nothing"))
	if !errors.As(err, &ice) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Restore of a missing file: %v; want an *InvalidCheckpointError wrapping fs.ErrNotExist", err)
	}
}

// Every single-bit flip and every truncation of a checkpoint is a
// *DataLossError: the checksums leave nothing unchecked.
func TestRestoreDetectsAnyDamage(t *testing.T) {
	g := graph.New()
	g.Variable(nd.FromFloat32s([]float32{1, 2, 3}, 3))
	g.Variable(nd.Scalar(nd.Float64, -1))
	g.Variable(nd.FromBools([]bool{true}, 1, 1))
	sess := session.New(g)
	mustDo(t, sess, g.GlobalVariablesInitializer(), nil)
	var buf bytes.Buffer
	if err := writeCheckpoint(&buf, snapshot(t, sess)); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	if _, err := readCheckpoint("good", good); err != nil {
		t.Fatal(err)
	}
	check := func(what string, b []byte) {
		t.Helper()
		var dl *DataLossError
		if _, err := readCheckpoint(what, b); !errors.As(err, &dl) {
			t.Errorf("%s: %v, want a *DataLossError", what, err)
		}
	}
	for i := range len(good) * 8 {
		b := slices.Clone(good)
		b[i/8] ^= 1 << (i % 8)
		check(fmt.Sprintf("bit %d flipped", i), b)
	}
	for n := range len(good) {
		check(fmt.Sprintf("truncated to %d bytes", n), good[:n])
	}
	check("one byte appended", append(slices.Clone(good), 0))
}

// In a TF V2 bundle, every single-bit flip and truncation of either file
// is a *DataLossError, except in the bytes LevelDB's format leaves
// unchecked (the footer's padding and meta-index handle): those restore
// the saved values unchanged.
func TestRestoreBundleDetectsAnyDamage(t *testing.T) {
	vals := map[string]*nd.Array{
		"Variable":   nd.FromFloat32s([]float32{1, 2, 3}, 3),
		"Variable_1": nd.Scalar(nd.Float64, -1),
		"mask":       nd.FromBools([]bool{true}, 1, 1),
	}
	prefix := filepath.Join(t.TempDir(), "model-1")
	if err := writeBundle(osFS{}, prefix, vals); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{bundleIndexFile(prefix), bundleDataFile(prefix, 0, 1)} {
		good, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		check := func(what string, b []byte) {
			t.Helper()
			if err := os.WriteFile(file, b, 0o666); err != nil {
				t.Fatal(err)
			}
			r, err := NewCheckpointReader(prefix)
			var dl *DataLossError
			if errors.As(err, &dl) {
				return
			}
			if err != nil || len(r.Entries()) != len(vals) {
				t.Fatalf("%s of %s: %v; want a *DataLossError or the saved entries", what, filepath.Base(file), err)
			}
			for name, a := range vals {
				got, err := r.Tensor(name)
				if !errors.As(err, &dl) && (err != nil || !sameBits(got, a)) {
					t.Errorf("%s of %s: %s reads as %v, %v; saved %v", what, filepath.Base(file), name, got, err, a)
				}
			}
		}
		for i := range len(good) * 8 {
			b := slices.Clone(good)
			b[i/8] ^= 1 << (i % 8)
			check(fmt.Sprintf("bit %d flipped", i), b)
		}
		for n := range len(good) {
			check(fmt.Sprintf("truncated to %d bytes", n), good[:n])
		}
		check("undamaged", good)
	}
}

// The format is pinned: these bytes are what docs/checkpoint-format.md
// describes for a float32 scalar "a" = 1.5 and an int64 [2] "b" = (1, -1).
func TestCheckpointBytesGolden(t *testing.T) {
	var buf bytes.Buffer
	err := writeCheckpoint(&buf, map[string]*nd.Array{
		"b": nd.FromInt64s([]int64{1, -1}, 2),
		"a": nd.Scalar(nd.Float32, 1.5),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"544631474f434b50 01000000 02000000",                                                          // magic "TF1GOCKP", version 1, 2 entries
		"01000000 61 01 00000000 0400000000000000 0000c03f 0f7db3ad",                                  // "a", DT_FLOAT, rank 0, 4 bytes, 1.5, CRC-32C
		"01000000 62 09 01000000 0200000000000000 1000000000000000 0100000000000000 ffffffffffffffff", // "b", DT_INT64, [2], 16 bytes, 1, -1
		"0f8b411d", // its CRC-32C
		"d67a062c", // CRC-32C of all the bytes before
	}, " ")
	if got := hex.EncodeToString(buf.Bytes()); got != strings.ReplaceAll(want, " ", "") {
		t.Errorf("checkpoint bytes\n got %s\nwant %s", got, strings.ReplaceAll(want, " ", ""))
	}
}

// TensorFlow's V2 bundle of the same two tensors, as TensorFlow's
// BundleWriter lays it out (tensorflow/core/util/tensor_bundle and
// tensorflow/core/lib/io/table_builder.cc).
func TestBundleBytesGolden(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "model")
	err := writeBundle(osFS{}, prefix, map[string]*nd.Array{
		"b": nd.FromInt64s([]int64{1, -1}, 2),
		"a": nd.Scalar(nd.Float32, 1.5),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file string
		want []string
	}{
		{bundleDataFile(prefix, 0, 1), []string{"0000c03f", "0100000000000000 ffffffffffffffff"}},
		{bundleIndexFile(prefix), []string{
			// data block: "" → BundleHeaderProto{num_shards: 1, version{producer: 1}}
			"00 00 06 0801 1a02 0801",
			// "a" → BundleEntryProto{dtype: DT_FLOAT, shape{}, size: 4, crc32c: masked}
			"00 01 0b 61 0801 1200 2804 355e2fe1a7",
			// "b" → {dtype: DT_INT64, shape{dim{size: 2}}, offset: 4, size: 16, crc32c}
			"00 01 11 62 0809 120412020802 2004 2810 353ed3357f",
			"00000000 01000000",                                         // restart points, their count
			"00 78f43fec",                                               // no compression, masked CRC-32C of the block
			"00000000 01000000 00 c0f2a1b0",                             // the empty meta-index block
			"00 01 02 63 0035 00000000 01000000 00 7e2c7d04",            // index block: "c" → the data block at 0, 53 bytes
			"3a08 470e" + strings.Repeat("00", 36) + "57fb808b247547db", // footer: meta-index and index handles, padding, magic
		}},
	} {
		b, err := os.ReadFile(c.file)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.ReplaceAll(strings.Join(c.want, ""), " ", "")
		if got := hex.EncodeToString(b); got != want {
			t.Errorf("%s\n got %s\nwant %s", filepath.Base(c.file), got, want)
		}
	}
}

// A TensorFlow checkpoint may hold tensors of dtypes tf1go lacks: they
// are skipped unless a variable asks for one.
func TestRestoreBundleWithForeignDTypes(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "model.ckpt-20000")
	header := tfpb.BundleHeader{NumShards: 1, Producer: 1}
	step := tfpb.BundleEntry{DType: tfpb.DTInt32, Shape: []int{}, Size: 4, CRC32C: tfpb.MaskCRC(tfpb.CRC32C([]byte{0x20, 0x4e, 0, 0}))} // global_step, as TF's own
	w := tfpb.BundleEntry{DType: tfpb.DTFloat, Shape: []int{}, Offset: 4, Size: 4, CRC32C: tfpb.MaskCRC(tfpb.CRC32C([]byte{0, 0, 0xc0, 0x3f}))}
	index := tfpb.AppendTable(nil, []tfpb.KeyValue{{Key: "", Value: header.Marshal()}, {Key: "global_step", Value: step.Marshal()}, {Key: "w", Value: w.Marshal()}})
	if err := os.WriteFile(bundleIndexFile(prefix), index, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bundleDataFile(prefix, 0, 1), []byte{0x20, 0x4e, 0, 0, 0, 0, 0xc0, 0x3f}, 0o666); err != nil {
		t.Fatal(err)
	}

	g := graph.New()
	v := g.Variable(float32(0), graph.Name("w"))
	sess := session.New(g)
	if err := NewSaver().Restore(sess, prefix); err != nil {
		t.Fatal(err)
	}
	if got, _ := sess.VariableValue(v); got.Float() != 1.5 {
		t.Errorf("w = %v, want 1.5", got)
	}
	g.Variable(nd.Scalar(nd.Int64, 0), graph.Name("global_step"))
	err := NewSaver().Restore(session.New(g), prefix)
	var dm *DTypeMismatchError
	if want := "tensor_name = global_step; expected dtype int64 does not equal original dtype int32"; !errors.As(err, &dm) || err.Error() != want || dm.SavedType != 3 {
		t.Errorf("restoring an int32 tensor into an int64 variable: %v, want %q", err, want)
	}
}

func TestMaxToKeep(t *testing.T) {
	state := func(latest string, all ...string) string {
		s := fmt.Sprintf("model_checkpoint_path: %q\n", latest)
		for _, p := range all {
			s += fmt.Sprintf("all_model_checkpoint_paths: %q\n", p)
		}
		return s
	}
	for _, c := range []struct {
		name      string
		format    Format
		maxToKeep int
		steps     []int
		files     []string
		latest    string
		state     string
	}{
		{"default keeps 5", FormatTF1Go, 5, []int{100, 200, 300, 400, 500, 600}, withMeta("model-200", "model-300", "model-400", "model-500", "model-600"), "model-600",
			state("model-600", "model-200", "model-300", "model-400", "model-500", "model-600")},
		{"2", FormatTF1Go, 2, []int{1, 2, 3}, withMeta("model-2", "model-3"), "model-3", state("model-3", "model-2", "model-3")},
		{"the same step twice", FormatTF1Go, 3, []int{1, 2, 1}, withMeta("model-1", "model-2"), "model-1", state("model-1", "model-2", "model-1")},
		{"0 keeps every file", FormatTF1Go, 0, []int{1, 2, 3}, withMeta("model-1", "model-2", "model-3"), "model-3", state("model-3", "model-3")},
		{"no step", FormatTF1Go, 5, []int{-1}, withMeta("model"), "model", state("model", "model")},
		{"TF V2", FormatTFV2, 2, []int{1, 2, 3}, []string{"model-2.data-00000-of-00001", "model-2.index", "model-2.meta", "model-3.data-00000-of-00001", "model-3.index", "model-3.meta"},
			"model-3", state("model-3", "model-2", "model-3")},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			m := newModel(true)
			sess := m.start(t, 0)
			saver := NewSaver()
			saver.MaxToKeep, saver.Format = c.maxToKeep, c.format
			for _, step := range c.steps {
				if _, err := saver.Save(sess, filepath.Join(dir, "model"), step); err != nil {
					t.Fatal(err)
				}
			}
			if got := listDir(t, dir); !slices.Equal(got, append([]string{"checkpoint"}, c.files...)) {
				t.Errorf("files %v, want checkpoint and %v", got, c.files)
			}
			b, err := os.ReadFile(filepath.Join(dir, "checkpoint"))
			if err != nil || string(b) != c.state {
				t.Errorf("checkpoint file:\n%s%v\nwant:\n%s", b, err, c.state)
			}
			latest, err := LatestCheckpoint(dir)
			if want := filepath.Join(dir, c.latest); err != nil || latest != want {
				t.Errorf("LatestCheckpoint = %q, %v; want %q", latest, err, want)
			}
		})
	}
}

// withMeta lists tf1go checkpoints' files: each with its graph's .meta.
func withMeta(ckpts ...string) []string {
	var out []string
	for _, c := range ckpts {
		out = append(out, c, c+".meta")
	}
	return out
}

// A relative prefix works as in the lecture's saver.save(sess,
// 'mdc_session', global_step=i): files and state in the working directory.
func TestSaveRelativePrefix(t *testing.T) {
	t.Chdir(t.TempDir())
	m := newModel(true)
	sess := m.start(t, 0)
	path, err := NewSaver().Save(sess, "mdc_session", 4000)
	if err != nil || path != "mdc_session-4000" {
		t.Fatalf("Save = %q, %v", path, err)
	}
	b, err := os.ReadFile("checkpoint")
	if want := "model_checkpoint_path: \"mdc_session-4000\"\nall_model_checkpoint_paths: \"mdc_session-4000\"\n"; err != nil || string(b) != want {
		t.Errorf("checkpoint file %q, %v; want %q", b, err, want)
	}
	if latest, err := LatestCheckpoint("."); err != nil || latest != path {
		t.Errorf("LatestCheckpoint(\".\") = %q, %v; want %q", latest, err, path)
	}
	if err := NewSaver().Restore(session.New(newModel(false).g), path); err != nil {
		t.Error(err)
	}
}

func TestZeroSaver(t *testing.T) {
	dir := t.TempDir()
	sess := newModel(true).start(t, 0)
	var saver Saver // every variable, every checkpoint kept
	for step := range 3 {
		if _, err := saver.Save(sess, filepath.Join(dir, "model"), step); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := listDir(t, dir), append([]string{"checkpoint"}, withMeta("model-0", "model-1", "model-2")...); !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
	if err := saver.Restore(session.New(newModel(true).g), filepath.Join(dir, "model-1")); err != nil {
		t.Error(err)
	}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	slices.Sort(names)
	return names
}

func TestLatestCheckpoint(t *testing.T) {
	for _, c := range []struct {
		name  string
		state string // "" for no state file; DIR/ stands for the directory
		files []string
		want  string
		err   string
	}{
		{"no state file", "", nil, "", ""},
		{"ours", "model_checkpoint_path: \"model-6\"\nall_model_checkpoint_paths: \"model-5\"\nall_model_checkpoint_paths: \"model-6\"\n", []string{"model-6"}, "DIR/model-6", ""},
		{"TF 1.15 with timestamps", "model_checkpoint_path: \"cnn_session-20000\"\nall_model_checkpoint_paths: \"cnn_session-19500\"\n" +
			"all_model_checkpoint_paths: \"cnn_session-20000\"\nall_model_checkpoint_timestamps: 1467590000.5\n" +
			"all_model_checkpoint_timestamps: 1467591000.25\nlast_preserved_timestamp: 1467580000.0\n",
			[]string{"cnn_session-20000.index", "cnn_session-20000.data-00000-of-00001"}, "DIR/cnn_session-20000", ""},
		{"absolute", "model_checkpoint_path: \"DIR/run 1-7\"\n", []string{"run 1-7"}, "DIR/run 1-7", ""},
		{"escapes", `model_checkpoint_path: 'it\'s \"q\" \\ \303\251\x41'` + "\n", []string{`it's "q" \ éA`}, `DIR/it's "q" \ éA`, ""},
		// TF returns None when the checkpoint named is not there
		{"named checkpoint missing", "model_checkpoint_path: \"model-9\"\n", []string{"model-8", "model-9.data-00000-of-00001"}, "", ""},
		{"absolute and missing", "model_checkpoint_path: \"/nonexistent/model-7\"\n", nil, "", ""},
		{"empty", "# nothing yet\n", nil, "", ""},
		{"malformed", "model_checkpoint_path \"model-1\"\n", nil, "", `Data loss: line 1 of the state file is not a text-format field: "model_checkpoint_path \"model-1\"" (DIR/checkpoint)`},
		{"unquoted", "model_checkpoint_path: model-1\n", nil, "", `Data loss: line 1 of the state file: model_checkpoint_path: want a quoted string, got model-1 (DIR/checkpoint)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			inDir := func(s string) string { return strings.ReplaceAll(s, "DIR/", dir+string(filepath.Separator)) }
			if c.state != "" {
				if err := os.WriteFile(filepath.Join(dir, "checkpoint"), []byte(inDir(c.state)), 0o666); err != nil {
					t.Fatal(err)
				}
			}
			for _, f := range c.files {
				if err := os.WriteFile(filepath.Join(dir, f), nil, 0o666); err != nil {
					t.Fatal(err)
				}
			}
			got, err := LatestCheckpoint(dir)
			if want := inDir(c.want); got != want {
				t.Errorf("LatestCheckpoint = %q, want %q", got, want)
			}
			var dl *DataLossError
			if c.err == "" && err != nil || c.err != "" && (!errors.As(err, &dl) || err.Error() != inDir(c.err)) {
				t.Errorf("LatestCheckpoint error: %v, want %q", err, c.err)
			}
		})
	}
}

func TestStateFileQuoting(t *testing.T) {
	for _, p := range []string{"model-1", `it's "q" \ é`, "tab\tnew\nline\x00\xff", "データ/model-2"} {
		q := quoteText(p)
		if strings.ContainsFunc(q, func(r rune) bool { return r < 0x20 || r >= 0x7f }) || strings.Contains(strings.ReplaceAll(q[1:len(q)-1], `\"`, ""), `"`) {
			t.Errorf("quoteText(%q) = %s leaves a quote or an unprintable byte", p, q)
		}
		if got, err := unquoteText(q); err != nil || got != p {
			t.Errorf("unquoteText(quoteText(%q)) = %q, %v", p, got, err)
		}
	}
}

func TestSaveErrors(t *testing.T) {
	m := newModel(true)
	sess := session.New(m.g)
	_, err := NewSaver().Save(sess, filepath.Join(t.TempDir(), "model"), 1)
	var ue *compile.UninitializedError
	if !errors.As(err, &ue) || err.Error() != "Attempting to use uninitialized value Variable" {
		t.Errorf("Save before init: %v", err)
	}
	mustDo(t, sess, m.g.GlobalVariablesInitializer(), nil)
	_, err = NewSaver().Save(sess, filepath.Join(t.TempDir(), "no", "such", "dir", "model"), 1)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Save into a missing directory: %v", err)
	}
	_, err = NewSaver(newModel(true).g.GlobalVariables()[0]).Save(sess, filepath.Join(t.TempDir(), "model"), 1)
	var fe *session.ForeignError
	if !errors.As(err, &fe) {
		t.Errorf("Save of another graph's variable: %v", err)
	}
	if _, err := NewSaver().Save(session.New(graph.New()), filepath.Join(t.TempDir(), "model"), 1); err == nil || err.Error() != "No variables to save" {
		t.Errorf("Save with no variables: %v", err)
	}
}

func TestSaveOnlyListedVariables(t *testing.T) {
	dir := t.TempDir()
	m := newModel(true)
	sess := m.start(t, 1)
	path, err := NewSaver(m.g.GlobalVariables()[0]).Save(sess, filepath.Join(dir, "w"), 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := readCheckpoint(path, b)
	if err != nil || len(entries) != 1 || entries["Variable"] == nil {
		t.Errorf("checkpoint of one variable holds %v, %v", entries, err)
	}
	var nf *NotFoundError
	if err := NewSaver().Restore(session.New(m.g), path); !errors.As(err, &nf) || nf.Key != "Variable_1" {
		t.Errorf("restoring every variable from a checkpoint of one: %v", err)
	}
}

// faultyFS is the real file system, except that its failAt'th operation
// fails (a write writes half its bytes first). With powerLoss every later
// operation fails too, so the Saver cannot even clean up.
type faultyFS struct {
	osFS
	failAt, n int
	powerLoss bool
}

var errInjected = errors.New("injected failure")

func (f *faultyFS) fail() bool {
	f.n++
	return f.n == f.failAt || f.powerLoss && f.failAt > 0 && f.n > f.failAt
}

func (f *faultyFS) CreateExcl(name string) (file, error) {
	if f.fail() {
		return nil, errInjected
	}
	fl, err := f.osFS.CreateExcl(name)
	if err != nil {
		return nil, err
	}
	return &faultyFile{fl, f}, nil
}

func (f *faultyFS) Rename(oldpath, newpath string) error {
	if f.fail() {
		return errInjected
	}
	return f.osFS.Rename(oldpath, newpath)
}

func (f *faultyFS) Remove(name string) error {
	if f.fail() {
		return errInjected
	}
	return f.osFS.Remove(name)
}

func (f *faultyFS) SyncDir(dir string) error {
	if f.fail() {
		return errInjected
	}
	return f.osFS.SyncDir(dir)
}

type faultyFile struct {
	file
	fs *faultyFS
}

func (f *faultyFile) Write(p []byte) (int, error) {
	if f.fs.fail() {
		n, _ := f.file.Write(p[:len(p)/2])
		return n, errInjected
	}
	return f.file.Write(p)
}

func (f *faultyFile) Sync() error {
	if f.fs.fail() {
		return errInjected
	}
	return f.file.Sync()
}

func (f *faultyFile) Close() error {
	err := f.file.Close() // the descriptor goes even in a failing test
	if f.fs.fail() {
		return errInjected
	}
	return err
}

// An interrupted Save, at each of its file system operations in turn,
// leaves LatestCheckpoint naming an intact checkpoint and no partial file.
func TestSaveInterrupted(t *testing.T) {
	for _, f := range formats {
		for _, powerLoss := range []bool{false, true} {
			testSaveInterrupted(t, f.format, f.files, powerLoss)
		}
	}
}

func testSaveInterrupted(t *testing.T, format Format, withGraph func(string) []string, powerLoss bool) {
	// the .meta is written once the checkpoint is whole and recorded, and
	// removed after it: a checkpoint is whole without it
	files := func(ckpt string) []string {
		return slices.DeleteFunc(withGraph(ckpt), func(f string) bool { return strings.HasSuffix(f, ".meta") })
	}
	ops := 0
	for failAt := 1; ; failAt++ {
		dir := t.TempDir()
		m := newModel(true)
		sess := m.start(t, 1)
		saver := NewSaver()
		saver.MaxToKeep = 1 // so that the second save also deletes the first
		saver.Format = format
		prefix := filepath.Join(dir, "model")
		if _, err := saver.Save(sess, prefix, 1); err != nil {
			t.Fatal(err)
		}
		want := map[string]map[string]*nd.Array{prefix + "-1": snapshot(t, sess)}
		m.train(t, sess, 1)
		want[prefix+"-2"] = snapshot(t, sess)

		ffs := &faultyFS{failAt: failAt, powerLoss: powerLoss}
		saver.fs = ffs
		saved, err := saver.Save(sess, prefix, 2)
		if err == nil {
			ops = ffs.n
			break
		}
		what := fmt.Sprintf("format %d, power loss %v, operation %d failed", format, powerLoss, failAt)
		if !errors.Is(err, errInjected) {
			t.Fatalf("%s: Save: %v", what, err)
		}
		latest, err := LatestCheckpoint(dir)
		if err != nil || want[latest] == nil {
			t.Fatalf("%s: LatestCheckpoint = %q, %v", what, latest, err)
		}
		rsess := session.New(newModel(false).g)
		if err := NewSaver().Restore(rsess, latest); err != nil {
			t.Fatalf("%s: restoring %s: %v", what, latest, err)
		}
		checkRestored(t, rsess, want[latest])

		left := listDir(t, dir)
		for ckpt := range want { // a checkpoint in place is a whole one
			var have []string
			for _, name := range files(ckpt) {
				if i := slices.Index(left, filepath.Base(name)); i >= 0 {
					have, left = append(have, name), slices.Delete(left, i, i+1)
				}
			}
			switch {
			case len(have) == len(files(ckpt)):
				if err := NewSaver().Restore(session.New(m.g), ckpt); err != nil {
					t.Errorf("%s: %s: %v", what, ckpt, err)
				}
			case (powerLoss || saved != "") && len(have) == 1 && strings.HasSuffix(have[0], ".data-00000-of-00001"):
				// a dead process, or a failed removal of an old checkpoint,
				// leaves a data file without its index, which no reader takes
			case len(have) > 0:
				t.Errorf("%s: %v left without the rest of %s", what, have, ckpt)
			}
		}
		for _, name := range left {
			if ckpt, meta := strings.CutSuffix(filepath.Join(dir, name), ".meta"); meta && want[ckpt] != nil {
				continue // whole, or left by a failed removal of an old checkpoint
			}
			if name != "checkpoint" && !(powerLoss && strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp")) {
				t.Errorf("%s: file %s left in the checkpoint directory", what, name)
			}
		}

		// the Saver carries on once the disk is back
		saver.fs = osFS{}
		if _, err := saver.Save(sess, prefix, 3); err != nil {
			t.Fatalf("%s: the next Save: %v", what, err)
		}
		if latest, err := LatestCheckpoint(dir); err != nil || latest != prefix+"-3" {
			t.Errorf("%s: after the next Save, LatestCheckpoint = %q, %v", what, latest, err)
		}
	}
	// each file (the checkpoint's, the state file, the .meta): create,
	// write, sync, close, rename, sync the directory; then the old
	// checkpoint's removal, which tries the files of both formats and the .meta
	if want := 6*(len(files("x"))+2) + 4; ops != want {
		t.Errorf("format %d, power loss %v: a whole Save made %d file system operations, want %d", format, powerLoss, ops, want)
	}
}
