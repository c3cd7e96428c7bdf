// Command run-graph runs a TensorFlow graph with tf1go, as TensorFlow's
// saved_model_cli run does: a SavedModel's graph (tag "serve") or a .meta
// file with a checkpoint, fed and fetched by tensor name.
//
//	run-graph -saved_model DIR [-signature serving_default] -feed 'x:0=[[1],[2],[5]]' -fetch y:0
//	run-graph -meta model.ckpt.meta -checkpoint model.ckpt -fetch bias_0/read:0
//	run-graph -saved_model DIR -show
//
// -feed NAME=JSON (repeatable) feeds a tensor a JSON array or number;
// with -saved_model, NAME may also be an input key of the signature ("x"
// for "x:0"). -fetch NAME (repeatable) fetches a tensor (or, with
// -saved_model, an output key); with -saved_model and no -fetch, every
// output of the signature is fetched. Each fetched value is printed as a
// line of JSON, {"name": ..., "shape": [...], "values": [...]}, values
// flat in row-major order. -show lists the signatures with their inputs
// and outputs.
//
// Only the part of the graph the fetches need runs: feeding a tensor cuts
// away what computes it (x:0 in TensorFlow Serving's half_plus_two models
// is parsed from tf.Example protos by ParseExample, an op tf1go lacks;
// feeding x:0 leaves it out). An op tf1go lacks on the path is an error
// naming the op and the node.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "run-graph:", err)
		os.Exit(1)
	}
}

// names is a repeatable flag.
type names []string

func (n *names) String() string     { return strings.Join(*n, " ") }
func (n *names) Set(v string) error { *n = append(*n, v); return nil }

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("run-graph", flag.ContinueOnError)
	savedModel := fs.String("saved_model", "", "SavedModel directory (its saved_model.pb and variables/)")
	sigKey := fs.String("signature", "serving_default", "signature of the SavedModel to run")
	meta := fs.String("meta", "", "a .meta file (MetaGraphDef), instead of -saved_model")
	ckpt := fs.String("checkpoint", "", "with -meta: the checkpoint to restore the variables from")
	show := fs.Bool("show", false, "list the signatures with their inputs and outputs")
	var feeds, fetches names
	fs.Var(&feeds, "feed", "NAME=JSON: feed tensor NAME (repeatable)")
	fs.Var(&fetches, "fetch", "NAME: fetch tensor NAME (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*savedModel == "") == (*meta == "") {
		return errors.New("give one of -saved_model DIR and -meta FILE")
	}

	var m *train.MetaGraph
	var sess *session.Session
	if *savedModel != "" {
		sm, err := train.LoadSavedModel(*savedModel)
		if err != nil {
			return err
		}
		m, sess = sm.MetaGraph, sm.Session
	} else {
		var err error
		if m, err = train.ImportMetaGraph(*meta); err != nil {
			return err
		}
		sess = session.New(m.Graph)
		if *ckpt != "" {
			if err := m.Restore(sess, *ckpt); err != nil {
				return err
			}
		}
	}
	if *show {
		showSignatures(stdout, m)
		return nil
	}

	var sig *train.Signature
	if *savedModel != "" {
		if sig = m.Signatures[*sigKey]; sig == nil {
			return errors.Errorf("no signature %q; the SavedModel has %s", *sigKey, strings.Join(sortedKeys(m.Signatures), ", "))
		}
		if len(fetches) == 0 {
			for _, k := range sortedKeys(sig.Outputs) {
				fetches = append(fetches, sig.Outputs[k].Name)
			}
		}
	}
	if len(fetches) == 0 {
		return errors.New("nothing to fetch: give -fetch NAME")
	}
	tensor := func(name string, keys map[string]train.TensorInfo) (*graph.Tensor, error) {
		if info, ok := keys[name]; ok {
			name = info.Name
		}
		return m.TensorByName(name)
	}
	feed := session.Feed{}
	for _, f := range feeds {
		name, value, ok := strings.Cut(f, "=")
		if !ok {
			return errors.Errorf("-feed %q: want NAME=JSON", f)
		}
		var v any
		if err := json.Unmarshal([]byte(value), &v); err != nil {
			return errors.Wrapf(err, "-feed %s", name)
		}
		var inputs map[string]train.TensorInfo
		if sig != nil {
			inputs = sig.Inputs
		}
		t, err := tensor(name, inputs)
		if err != nil {
			return err
		}
		feed[t] = v
	}
	var outs []*graph.Tensor
	for _, name := range fetches {
		var outputs map[string]train.TensorInfo
		if sig != nil {
			outputs = sig.Outputs
		}
		t, err := tensor(name, outputs)
		if err != nil {
			return err
		}
		outs = append(outs, t)
	}
	vals, err := sess.Run(outs, feed)
	if err != nil {
		return err
	}
	for i, a := range session.Arrays(vals) {
		fmt.Fprintln(stdout, jsonLine(outs[i].Name(), a))
	}
	return nil
}

// jsonLine prints a as {"name": ..., "shape": [...], "values": [...]},
// float32 values in their shortest form (2.5, not 2.5000000000).
func jsonLine(name string, a *nd.Array) string {
	shape := make([]string, a.Rank())
	for i, d := range a.Shape() {
		shape[i] = strconv.Itoa(d)
	}
	values := make([]string, a.Len())
	for i := range values {
		v := a.Flat(i)
		switch {
		case a.DType() == nd.Bool:
			values[i] = strconv.FormatBool(v != 0)
		case math.IsNaN(v) || math.IsInf(v, 0):
			values[i] = strconv.Quote(strconv.FormatFloat(v, 'g', -1, 64)) // JSON has no NaN
		case a.DType() == nd.Float32:
			values[i] = strconv.FormatFloat(v, 'g', -1, 32)
		default:
			values[i] = strconv.FormatFloat(v, 'g', -1, 64)
		}
	}
	q, _ := json.Marshal(name)
	return fmt.Sprintf(`{"name": %s, "shape": [%s], "values": [%s]}`, q, strings.Join(shape, ", "), strings.Join(values, ", "))
}

// showSignatures lists the signatures as saved_model_cli show --all does.
func showSignatures(w io.Writer, m *train.MetaGraph) {
	if len(m.Signatures) == 0 {
		fmt.Fprintln(w, "The MetaGraphDef has no signatures.")
		return
	}
	list := func(what string, infos map[string]train.TensorInfo) {
		fmt.Fprintf(w, "  The given SavedModel SignatureDef contains the following %s(s):\n", what)
		for _, k := range sortedKeys(infos) {
			t := infos[k]
			fmt.Fprintf(w, "    %ss['%s'] tensor_info:\n", what, k)
			fmt.Fprintf(w, "        dtype: DT_%s\n", strings.ToUpper(t.DType))
			fmt.Fprintf(w, "        shape: %s\n", shapeString(t.Shape))
			fmt.Fprintf(w, "        name: %s\n", t.Name)
		}
	}
	for _, key := range sortedKeys(m.Signatures) {
		s := m.Signatures[key]
		fmt.Fprintf(w, "\nsignature_def['%s']:\n", key)
		list("input", s.Inputs)
		list("output", s.Outputs)
		fmt.Fprintf(w, "  Method name is: %s\n", s.Method)
	}
}

// shapeString prints a shape as saved_model_cli does: its dims' sizes
// joined in parentheses, (-1, 1), (3), (), or unknown_rank.
func shapeString(s graph.Shape) string {
	if !s.Known() {
		return "unknown_rank"
	}
	dims := make([]string, len(s))
	for i, d := range s {
		dims[i] = strconv.Itoa(d)
	}
	return "(" + strings.Join(dims, ", ") + ")"
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
