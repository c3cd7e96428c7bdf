package train

import (
	"io"
	"os"
	"slices"
	"strings"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/internal/tfgraph"
	"github.com/tf1go/tf1go/internal/tfpb"
)

// MetaGraphDef returns g as TensorFlow's MetaGraphDef, the content of a
// .meta file: the graph with TensorFlow's op names and attributes, the
// "variables" and "trainable_variables" collections, and the SaverDef of
// a Saver of vars (every variable when none are given), whose save and
// restore ops are added to the graph as tf.train.Saver adds them, for
// V2 checkpoints. TensorFlow 1.x's tf.train.import_meta_graph followed by
// saver.restore rebuilds the model from it and a checkpoint that Save
// wrote with FormatTFV2.
//
// Training nodes are left out (see docs/tf-ops.md): TensorFlow builds its
// own gradients when an optimizer is made on the imported loss. Adam's
// slot variables are kept, as ordinary variables, so that their values
// restore.
func MetaGraphDef(g *graph.Graph, vars ...*graph.Variable) ([]byte, error) {
	ex, err := tfgraph.ExportGraph(g)
	if err != nil {
		return nil, err
	}
	meta := &tfpb.MetaGraphDef{GraphDef: ex.Def, Collections: map[string]*tfpb.CollectionDef{}}
	var all, trainable [][]byte
	for _, v := range ex.Variables {
		b := v.Marshal()
		all = append(all, b)
		if v.Trainable {
			trainable = append(trainable, b)
		}
	}
	if len(all) > 0 {
		meta.Collections["variables"] = &tfpb.CollectionDef{BytesList: all}
	}
	if len(trainable) > 0 {
		meta.Collections["trainable_variables"] = &tfpb.CollectionDef{BytesList: trainable}
	}
	if len(vars) == 0 {
		vars = g.GlobalVariables()
	}
	if len(vars) > 0 {
		if meta.SaverDef, err = addSaver(ex, vars); err != nil {
			return nil, err
		}
	}
	return meta.Marshal(), nil
}

// metaSuffix ends the name of the graph file Save writes beside a
// checkpoint.
const metaSuffix = ".meta"

func writeMetaGraph(fsys fileSystem, path string, g *graph.Graph, vars []*graph.Variable) error {
	b, err := MetaGraphDef(g, vars...)
	if err != nil {
		return err
	}
	return writeFileAtomic(fsys, path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

// ExportMetaGraph writes g's MetaGraphDef (see MetaGraphDef) to path
// (tf.train.export_meta_graph).
func ExportMetaGraph(path string, g *graph.Graph, vars ...*graph.Variable) error {
	b, err := MetaGraphDef(g, vars...)
	if err != nil {
		return err
	}
	return errors.Wrap(os.WriteFile(path, b, 0o666), "export_meta_graph")
}

// addSaver adds the ops tf.train.Saver adds for a V2 checkpoint of vars
// (one RestoreV2 per variable, as TF 1.x wrote them) and returns their
// SaverDef.
func addSaver(ex *tfgraph.Export, vars []*graph.Variable) (*tfpb.SaverDef, error) {
	vars = slices.Clone(vars)
	for _, v := range vars {
		if v == nil || ex.Ref(v.Node()) == "" {
			return nil, errors.New("Saver: a variable is not of the exported graph")
		}
	}
	// TF's Saver orders its tensors by name
	slices.SortFunc(vars, func(a, b *graph.Variable) int { return strings.Compare(a.Node().Name(), b.Node().Name()) })
	scope := ex.UniqueScope("save")
	str := func(name string, shape []int, vals ...string) string {
		b := make([][]byte, len(vals))
		for i, v := range vals {
			b[i] = []byte(v)
		}
		return ex.AddNamed(name, "Const", nil, tfgraph.Attrs{"dtype": tfpb.TypeAttr(tfpb.DTString),
			"value": tfpb.TensorAttr(tfpb.EncodeStringTensor(shape, b))})
	}
	filename := str(scope+"/Const", []int{}, "model")
	names, slices_ := make([]string, len(vars)), make([]string, len(vars))
	dtypes := make([]tfpb.DataType, len(vars))
	save := []string{filename, "", ""}
	for i, v := range vars {
		names[i], dtypes[i] = v.Node().Name(), tfpb.DataTypeOf(v.DType())
		save = append(save, ex.Ref(v.Node()))
	}
	save[1] = str(scope+"/SaveV2/tensor_names", []int{len(vars)}, names...)
	save[2] = str(scope+"/SaveV2/shape_and_slices", []int{len(vars)}, slices_...)
	saveOp := ex.AddNamed(scope+"/SaveV2", "SaveV2", save, tfgraph.Attrs{"dtypes": tfpb.TypesAttr(dtypes)})
	saved := ex.AddNamed(scope+"/control_dependency", "Identity", []string{filename, "^" + saveOp},
		tfgraph.Attrs{"T": tfpb.TypeAttr(tfpb.DTString)})
	var assigns []string
	for i, v := range vars {
		r := ex.Unique(scope + "/RestoreV2")
		ex.AddNamed(r, "RestoreV2", []string{filename, str(r+"/tensor_names", []int{1}, names[i]), str(r+"/shape_and_slices", []int{1}, "")},
			tfgraph.Attrs{"dtypes": tfpb.TypesAttr(dtypes[i : i+1])})
		a := ex.Add(scope+"/Assign", "Assign", []string{ex.Ref(v.Node()), r}, tfgraph.Attrs{"T": tfpb.TypeAttr(dtypes[i]),
			"validate_shape": tfpb.BoolAttr(true), "use_locking": tfpb.BoolAttr(true)})
		assigns = append(assigns, "^"+a)
	}
	restoreAll := ex.AddNamed(scope+"/restore_all", "NoOp", assigns, nil)
	return &tfpb.SaverDef{FilenameTensorName: filename + ":0", SaveTensorName: saved + ":0", RestoreOpName: restoreAll,
		MaxToKeep: 5, KeepCheckpointEveryNHours: 10000, Version: tfpb.SaverV2}, nil
}
