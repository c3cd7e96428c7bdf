package main

import (
	"bytes"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// tf is the TensorFlow-written checkpoints in train/testdata.
const tf = "../../train/testdata/tf/"

func inspect(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(args, &out)
	return out.String(), err
}

// ownCheckpoint saves a tf1go checkpoint of float32, float64, int64 and
// bool variables, with values JSON cannot hold as numbers.
func ownCheckpoint(t *testing.T, format train.Format) string {
	g := graph.New()
	g.Variable(nd.FromFloat32s([]float32{1.5, float32(math.Inf(-1)), float32(math.NaN())}, 3), graph.Name("f"))
	g.Variable(nd.Scalar(nd.Float64, 0.1), graph.Name("d"))
	g.Variable(nd.FromInt64s([]int64{math.MaxInt64, -1}, 2, 1), graph.Name("global_step"))
	g.Variable(nd.FromBools([]bool{true, false}, 2), graph.Name("mask"))
	sess := session.New(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		t.Fatal(err)
	}
	s := train.NewSaver()
	s.Format = format
	path, err := s.Save(sess, filepath.Join(t.TempDir(), "model"), 7)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func TestList(t *testing.T) {
	own := ownCheckpoint(t, train.FormatTF1Go)
	v2 := ownCheckpoint(t, train.FormatTFV2)
	ownList := "d float64 []\nf float32 [3]\nglobal_step int64 [2,1]\nmask bool [2]\n"
	for _, c := range []struct{ path, want string }{
		{tf + "morvan_v1/save_net.ckpt", "biases float32 [1,3]\nbiases_1 float32 [1,3]\nbiases_2 float32 [1,3]\n" +
			"weights float32 [2,3]\nweights_1 float32 [2,3]\nweights_2 float32 [2,3]\nweights_3 float32 [2,3]\n"},
		{tf + "udacity_v2/model.ckpt", "bias_0 float32 [3]\nweights_0 float32 [2,3]\n"},
		{tf + "saved_model_half_plus_two_cpu", "a float32 []\na2 float32 []\nb float32 []\nc float32 []\nc2 float32 []\n"},
		{tf + "saved_model_half_plus_two_cpu/variables/variables", "a float32 []\na2 float32 []\nb float32 []\nc float32 []\nc2 float32 []\n"},
		{tf + "session_bundle_half_plus_two_v1/export-00000-of-00001", "a float32 []\nb float32 []\n"},
		{own, ownList},
		{v2, ownList},
	} {
		got, err := inspect(t, c.path)
		if err != nil || got != c.want {
			t.Errorf("inspect-checkpoint %s: %v\n%s\nwant\n%s", c.path, err, got, c.want)
		}
	}
}

func TestJSON(t *testing.T) {
	own := ownCheckpoint(t, train.FormatTF1Go)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-json", own}, `{"name":"d","dtype":"float64","shape":[],"values":[0.1]}
{"name":"f","dtype":"float32","shape":[3],"values":[1.5,"-Infinity","NaN"]}
{"name":"global_step","dtype":"int64","shape":[2,1],"values":[9223372036854775807,-1]}
{"name":"mask","dtype":"bool","shape":[2],"values":[true,false]}
`},
		{[]string{"-json", "-tensor", "weights_0", tf + "udacity_v2/model.ckpt"},
			`{"name":"weights_0","dtype":"float32","shape":[2,3],"values":[0.44076926,-0.53422976,0.8830951,0.7231282,0.84455484,0.20906763]}` + "\n"},
		{[]string{"-json", tf + "session_bundle_half_plus_two_v1/export-00000-of-00001"},
			`{"name":"a","dtype":"float32","shape":[],"values":[0.5]}` + "\n" + `{"name":"b","dtype":"float32","shape":[],"values":[2]}` + "\n"},
	} {
		got, err := inspect(t, c.args...)
		if err != nil || got != c.want {
			t.Errorf("inspect-checkpoint %s: %v\n%s\nwant\n%s", strings.Join(c.args, " "), err, got, c.want)
		}
	}
}

// -tensor prints the values as numpy prints the array.
func TestTensor(t *testing.T) {
	for _, c := range []struct{ path, name, want string }{
		{tf + "udacity_v2/model.ckpt", "weights_0", "[[ 0.44076926 -0.53422976  0.8830951 ]\n [ 0.7231282   0.84455484  0.20906763]]\n"},
		{tf + "morvan_v1/save_net.ckpt", "weights", "[[1. 2. 3.]\n [3. 4. 5.]]\n"},
		{tf + "saved_model_half_plus_two_cpu", "b", "2.0\n"},
	} {
		got, err := inspect(t, "-tensor", c.name, c.path)
		if err != nil || got != c.want {
			t.Errorf("inspect-checkpoint -tensor %s %s: %v\n%q\nwant\n%q", c.name, c.path, err, got, c.want)
		}
	}
}

func TestErrors(t *testing.T) {
	var nf *train.NotFoundError
	if _, err := inspect(t, "-tensor", "nothing", tf+"udacity_v2/model.ckpt"); !errors.As(err, &nf) {
		t.Errorf("a missing tensor: %v, want a *train.NotFoundError", err)
	}
	var ic *train.InvalidCheckpointError
	if _, err := inspect(t, filepath.Join(t.TempDir(), "none")); !errors.As(err, &ic) {
		t.Errorf("a missing checkpoint: %v, want a *train.InvalidCheckpointError", err)
	}
	if _, err := inspect(t); err == nil {
		t.Error("no path: no error")
	}
}
