package main

import (
	"bytes"
	"strings"
	"testing"
)

// the real TensorFlow files the train package keeps
const tf = "../../train/testdata/tf/"

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string // the whole output, or for an error a part of it
		err  bool
	}{
		{"SavedModel", []string{"-saved_model", tf + "saved_model_half_plus_two_cpu", "-feed", "x:0=[[1],[2],[5]]", "-fetch", "y:0"},
			`{"name": "y:0", "shape": [3, 1], "values": [2.5, 3, 4.5]}` + "\n", false},
		{"signature keys", []string{"-saved_model", tf + "saved_model_half_plus_two_cpu", "-signature", "regress_x2_to_y3", "-feed", "inputs=[[2]]"},
			`{"name": "y3:0", "shape": [1, 1], "values": [4]}` + "\n", false},
		{"meta and V2 checkpoint", []string{"-meta", tf + "udacity_v2/model.ckpt.meta", "-checkpoint", tf + "udacity_v2/model.ckpt", "-fetch", "bias_0/read:0"},
			`{"name": "bias_0/read:0", "shape": [3], "values": [-0.50538915, 0.34474477, -1.5139692]}` + "\n", false},
		{"meta and V1 checkpoint", []string{"-meta", tf + "session_bundle_half_plus_two_v1/export.meta", "-checkpoint", tf + "session_bundle_half_plus_two_v1/export-00000-of-00001",
			"-feed", "x:0=[[1],[2],[5]]", "-fetch", "y:0", "-fetch", "a/read:0"},
			`{"name": "y:0", "shape": [3, 1], "values": [2.5, 3, 4.5]}` + "\n" + `{"name": "a/read:0", "shape": [], "values": [0.5]}` + "\n", false},
		{"unsupported op on the path", []string{"-saved_model", tf + "saved_model_half_plus_two_cpu", "-feed", `tf_example:0=[0]`, "-fetch", "y:0"},
			"tf1go does not support op ParseExample (node ParseExample/ParseExample)", true},
		{"no such signature", []string{"-saved_model", tf + "saved_model_half_plus_two_cpu", "-signature", "nope"}, `no signature "nope"`, true},
		{"no such tensor", []string{"-meta", tf + "udacity_v2/model.ckpt.meta", "-fetch", "nope:0"}, "does not exist", true},
		{"bad feed", []string{"-saved_model", tf + "saved_model_half_plus_two_cpu", "-feed", "x:0"}, "want NAME=JSON", true},
		{"bad JSON", []string{"-saved_model", tf + "saved_model_half_plus_two_cpu", "-feed", "x:0=[[1]"}, "-feed x:0", true},
		{"neither source", []string{"-fetch", "y:0"}, "give one of", true},
		{"nothing to fetch", []string{"-meta", tf + "udacity_v2/model.ckpt.meta"}, "nothing to fetch", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(tc.args, &out)
			switch {
			case tc.err && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("got %v, want an error with %q", err, tc.want)
			case !tc.err && err != nil:
				t.Error(err)
			case !tc.err && out.String() != tc.want:
				t.Errorf("got\n%s\nwant\n%s", out.String(), tc.want)
			}
		})
	}
}

func TestShow(t *testing.T) {
	var out bytes.Buffer
	if err := run([]string{"-saved_model", tf + "saved_model_half_plus_two_cpu", "-show"}, &out); err != nil {
		t.Fatal(err)
	}
	want := `
signature_def['serving_default']:
  The given SavedModel SignatureDef contains the following input(s):
    inputs['x'] tensor_info:
        dtype: DT_FLOAT
        shape: (-1, 1)
        name: x:0
  The given SavedModel SignatureDef contains the following output(s):
    outputs['y'] tensor_info:
        dtype: DT_FLOAT
        shape: (-1, 1)
        name: y:0
  Method name is: tensorflow/serving/predict
`
	if !strings.HasSuffix(out.String(), want) || strings.Count(out.String(), "signature_def[") != 5 {
		t.Errorf("got\n%s\nwant 5 signatures, ending with\n%s", out.String(), want)
	}
	out.Reset()
	if err := run([]string{"-meta", tf + "udacity_v2/model.ckpt.meta", "-show"}, &out); err != nil || out.String() != "The MetaGraphDef has no signatures.\n" {
		t.Errorf("a .meta: %q, %v", out.String(), err)
	}
}
