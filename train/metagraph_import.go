package train

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfgraph"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/session"
)

// MetaGraph is a TensorFlow MetaGraphDef (a .meta file, or one graph of a
// SavedModel) imported as a tf1go graph: tf.train.import_meta_graph.
//
// Every node of the graph is imported. Nodes whose op tf1go lacks (the
// Saver's own ops, ParseExample, string tensors, ...) are kept as
// unsupported nodes: a Run whose fetches need one fails with an error
// naming the op and the node, and feeding a tensor cuts away what
// computes it, as in TensorFlow. docs/tf-ops.md lists the ops tf1go
// imports.
type MetaGraph struct {
	Graph *graph.Graph
	// Signatures are a SavedModel graph's signatures by key
	// ("serving_default"); empty for most .meta files.
	Signatures map[string]*Signature
	// Tags are the graph's tags in a SavedModel ("serve").
	Tags []string

	im *tfgraph.Imported
}

// Signature is a SavedModel signature: the tensors its inputs and
// outputs stand for, by key.
type Signature struct {
	Method  string
	Inputs  map[string]TensorInfo
	Outputs map[string]TensorInfo
}

// TensorInfo names a signature's tensor ("x:0"), with TF's dtype name
// ("float") and shape.
type TensorInfo struct {
	Name  string
	DType string
	Shape graph.Shape
}

// ImportMetaGraph reads a .meta file (tf.train.import_meta_graph). Restore
// its variables with Restore.
func ImportMetaGraph(path string) (*MetaGraph, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	meta, err := tfpb.UnmarshalMetaGraphDef(b)
	if err != nil {
		return nil, errors.Wrap(err, path)
	}
	return importMeta(meta)
}

func importMeta(meta *tfpb.MetaGraphDef) (*MetaGraph, error) {
	im, err := tfgraph.Import(meta.GraphDef)
	if err != nil {
		return nil, err
	}
	m := &MetaGraph{Graph: im.Graph, im: im, Tags: meta.Tags, Signatures: map[string]*Signature{}}
	for key, s := range meta.Signatures {
		sig := &Signature{Method: s.MethodName, Inputs: map[string]TensorInfo{}, Outputs: map[string]TensorInfo{}}
		for k, t := range s.Inputs {
			sig.Inputs[k] = TensorInfo{Name: t.Name, DType: t.DType.String(), Shape: t.Shape}
		}
		for k, t := range s.Outputs {
			sig.Outputs[k] = TensorInfo{Name: t.Name, DType: t.DType.String(), Shape: t.Shape}
		}
		m.Signatures[key] = sig
	}
	return m, nil
}

// TensorByName returns the tensor TF names name, "y:0"
// (graph.get_tensor_by_name).
func (m *MetaGraph) TensorByName(name string) (*graph.Tensor, error) {
	return m.im.TensorByName(name)
}

// NodeByName returns the node TF names name, or nil if tf1go could not
// import it (graph.get_operation_by_name).
func (m *MetaGraph) NodeByName(name string) *graph.Node { return m.im.NodeByName(name) }

// Variables returns the graph's variables that tf1go imported, by name.
// A variable of a dtype tf1go lacks (a string, an int32 global step) is
// not among them.
func (m *MetaGraph) Variables() []*graph.Variable { return m.Graph.GlobalVariables() }

// Restore loads the graph's variables from the checkpoint at path, as the
// graph's Saver would (saver.restore after import_meta_graph): each
// variable the checkpoint holds, from the entry of its name. A variable
// the checkpoint lacks (one the graph's Saver did not save) stays as it
// was; a checkpoint that holds none of them is a *NotFoundError. See
// Saver.Restore for the other errors.
func (m *MetaGraph) Restore(sess *session.Session, path string) error {
	if len(m.Variables()) == 0 {
		return nil
	}
	r, err := NewCheckpointReader(path)
	if err != nil {
		return err
	}
	held := map[string]bool{}
	for _, e := range r.Entries() {
		held[e.Name] = true
	}
	var vars []*graph.Variable
	for _, v := range m.Variables() {
		if held[v.Node().Name()] {
			vars = append(vars, v)
		}
	}
	if len(vars) == 0 {
		names := make([]string, 0, len(m.Variables()))
		for _, v := range m.Variables() {
			names = append(names, v.Node().Name())
		}
		return &NotFoundError{Key: strings.Join(names, ", "), Path: path}
	}
	return NewSaver(vars...).Restore(sess, path)
}

// SavedModel is a SavedModel's graph loaded into a session with its
// variables restored (tf.saved_model.loader.load).
type SavedModel struct {
	*MetaGraph
	Session *session.Session
}

// LoadSavedModel loads the graph of the SavedModel in dir whose tags are
// tags ("serve" when none are given) and restores its variables from
// dir/variables/variables into a new session.
func LoadSavedModel(dir string, tags ...string) (*SavedModel, error) {
	if len(tags) == 0 {
		tags = []string{"serve"}
	}
	b, err := os.ReadFile(filepath.Join(dir, "saved_model.pb"))
	if err != nil {
		return nil, err
	}
	sm, err := tfpb.UnmarshalSavedModel(b)
	if err != nil {
		return nil, errors.Wrap(err, dir)
	}
	want := slices.Clone(tags)
	sort.Strings(want)
	var found [][]string
	for _, meta := range sm.MetaGraphs {
		have := slices.Clone(meta.Tags)
		sort.Strings(have)
		if !slices.Equal(have, want) {
			found = append(found, meta.Tags)
			continue
		}
		m, err := importMeta(meta)
		if err != nil {
			return nil, errors.Wrap(err, dir)
		}
		sess := session.New(m.Graph)
		if err := m.Restore(sess, filepath.Join(dir, "variables", "variables")); err != nil {
			return nil, errors.Wrap(err, "restoring the SavedModel's variables")
		}
		return &SavedModel{MetaGraph: m, Session: sess}, nil
	}
	return nil, errors.Errorf("MetaGraphDef associated with tags %q could not be found in SavedModel %s; its tag-sets are %q", tags, dir, found)
}
