package tfpb

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/pkg/errors"
	"google.golang.org/protobuf/encoding/protowire"
)

// NodeDef is one node of a GraphDef (node_def.proto). Input holds
// "name" or "name:k" for data inputs, then "^name" for control inputs.
type NodeDef struct {
	Name   string
	Op     string
	Input  []string
	Device string
	Attr   map[string]*AttrValue
}

// ParseInput splits a NodeDef input: "^name" is a control input, "name:k"
// output k, "name" output 0.
func ParseInput(in string) (name string, index int, control bool) {
	if strings.HasPrefix(in, "^") {
		return in[1:], 0, true
	}
	if i := strings.LastIndexByte(in, ':'); i >= 0 {
		if k, err := strconv.Atoi(in[i+1:]); err == nil {
			return in[:i], k, false
		}
	}
	return in, 0, false
}

// GraphDef is a graph (graph.proto): its nodes and the producer version
// (VersionDef) TensorFlow checks on import. A function library is not
// kept.
type GraphDef struct {
	Node        []*NodeDef
	Producer    int32
	MinConsumer int32
}

// Marshal encodes the NodeDef.
func (n *NodeDef) Marshal() []byte {
	b := appendString(nil, 1, n.Name)
	b = appendString(b, 2, n.Op)
	for _, in := range n.Input {
		b = appendString(b, 3, in)
	}
	if n.Device != "" {
		b = appendString(b, 4, n.Device)
	}
	return marshalAttrs(b, 5, n.Attr)
}

// UnmarshalNodeDef decodes a NodeDef.
func UnmarshalNodeDef(b []byte) (*NodeDef, error) {
	n := &NodeDef{Attr: map[string]*AttrValue{}}
	err := eachField(b, func(f field) error {
		switch f.num {
		case 1:
			n.Name = f.str()
		case 2:
			n.Op = f.str()
		case 3:
			n.Input = append(n.Input, f.str())
		case 4:
			n.Device = f.str()
		case 5:
			k, v, err := mapEntry(f.b)
			if err != nil {
				return err
			}
			if n.Attr[k], err = decodeAttr(v); err != nil {
				return errors.Wrapf(err, "attr %q", k)
			}
		}
		return nil
	})
	return n, errors.Wrapf(err, "NodeDef %q", n.Name)
}

// Marshal encodes the GraphDef.
func (g *GraphDef) Marshal() []byte {
	var b []byte
	for _, n := range g.Node {
		b = appendBytes(b, 1, n.Marshal())
	}
	v := appendVarint(nil, 1, uint64(g.Producer))
	if g.MinConsumer != 0 {
		v = appendVarint(v, 2, uint64(g.MinConsumer))
	}
	return appendBytes(b, 4, v)
}

// UnmarshalGraphDef decodes a GraphDef.
func UnmarshalGraphDef(b []byte) (*GraphDef, error) {
	g := &GraphDef{}
	err := eachField(b, func(f field) error {
		switch f.num {
		case 1:
			n, err := UnmarshalNodeDef(f.b)
			if err != nil {
				return err
			}
			g.Node = append(g.Node, n)
		case 4:
			return eachField(f.b, func(f field) error {
				switch f.num {
				case 1:
					g.Producer = int32(f.v)
				case 2:
					g.MinConsumer = int32(f.v)
				}
				return nil
			})
		}
		return nil
	})
	return g, errors.Wrap(err, "GraphDef")
}

// SaverDef says how to run a graph's Saver (saver.proto): feed the
// checkpoint path to FilenameTensorName and run SaveTensorName or
// RestoreOpName.
type SaverDef struct {
	FilenameTensorName        string
	SaveTensorName            string
	RestoreOpName             string
	MaxToKeep                 int32
	Sharded                   bool
	KeepCheckpointEveryNHours float32
	Version                   int32 // SaverDef.CheckpointFormatVersion: 1 V1, 2 V2
}

// The SaverDef versions.
const (
	SaverV1 = 1
	SaverV2 = 2
)

func (s *SaverDef) marshal() []byte {
	b := appendString(nil, 1, s.FilenameTensorName)
	b = appendString(b, 2, s.SaveTensorName)
	b = appendString(b, 3, s.RestoreOpName)
	b = appendVarint(b, 4, uint64(s.MaxToKeep))
	b = appendBool(b, 5, s.Sharded)
	b = appendFloat32(b, 6, s.KeepCheckpointEveryNHours)
	return appendVarint(b, 7, uint64(s.Version))
}

func unmarshalSaverDef(b []byte) (*SaverDef, error) {
	s := &SaverDef{}
	return s, eachField(b, func(f field) error {
		switch f.num {
		case 1:
			s.FilenameTensorName = f.str()
		case 2:
			s.SaveTensorName = f.str()
		case 3:
			s.RestoreOpName = f.str()
		case 4:
			s.MaxToKeep = int32(f.v)
		case 5:
			s.Sharded = f.v != 0
		case 6:
			s.KeepCheckpointEveryNHours = math.Float32frombits(uint32(f.v))
		case 7:
			s.Version = int32(f.v)
		}
		return nil
	})
}

// CollectionDef is a named collection of a MetaGraphDef: node names
// (NodeList) or serialized protos (BytesList, e.g. VariableDefs), or
// numbers.
type CollectionDef struct {
	NodeList  []string
	BytesList [][]byte
	Int64List []int64
	FloatList []float32
}

func (c *CollectionDef) marshal() []byte {
	var list []byte
	var num protowire.Number
	switch {
	case c.NodeList != nil:
		num = 1
		for _, s := range c.NodeList {
			list = appendString(list, 1, s)
		}
	case c.Int64List != nil:
		num = 3
		v := make([]uint64, len(c.Int64List))
		for i, x := range c.Int64List {
			v[i] = uint64(x)
		}
		list = appendBytes(nil, 1, packedVarints(v))
	case c.FloatList != nil:
		num = 4
		var p []byte
		for _, f := range c.FloatList {
			p = protowire.AppendFixed32(p, math.Float32bits(f))
		}
		list = appendBytes(nil, 1, p)
	default:
		num = 2
		for _, s := range c.BytesList {
			list = appendBytes(list, 1, s)
		}
	}
	return appendBytes(nil, num, list)
}

func unmarshalCollectionDef(b []byte) (*CollectionDef, error) {
	c := &CollectionDef{}
	return c, eachField(b, func(f field) error {
		kind := f.num
		return eachField(f.b, func(f field) error {
			if f.num != 1 {
				return nil
			}
			switch kind {
			case 1:
				c.NodeList = append(c.NodeList, f.str())
			case 2:
				c.BytesList = append(c.BytesList, f.b)
			case 3:
				return f.repeated(protowire.VarintType, func(v uint64) { c.Int64List = append(c.Int64List, int64(v)) })
			case 4:
				return f.repeated(protowire.Fixed32Type, func(v uint64) { c.FloatList = append(c.FloatList, math.Float32frombits(uint32(v))) })
			}
			return nil
		})
	})
}

// TensorInfo names a tensor of a signature, with its dtype and shape.
type TensorInfo struct {
	Name  string
	DType DataType
	Shape []int // nil: unknown rank
}

func (t *TensorInfo) marshal() []byte {
	b := appendString(nil, 1, t.Name)
	b = appendVarint(b, 2, uint64(t.DType))
	return appendBytes(b, 3, EncodeShape(t.Shape))
}

func unmarshalTensorInfo(b []byte) (*TensorInfo, error) {
	t := &TensorInfo{}
	err := eachField(b, func(f field) error {
		var err error
		switch f.num {
		case 1:
			t.Name = f.str()
		case 2:
			t.DType = DataType(f.v)
		case 3:
			t.Shape, err = DecodeShape(f.b)
		}
		return err
	})
	return t, err
}

// SignatureDef is a named function of a SavedModel: its inputs and
// outputs by key (signature keys such as "x" → tensor "x:0").
type SignatureDef struct {
	Inputs     map[string]*TensorInfo
	Outputs    map[string]*TensorInfo
	MethodName string
}

func (s *SignatureDef) marshal() []byte {
	var b []byte
	for i, m := range []map[string]*TensorInfo{s.Inputs, s.Outputs} {
		for _, k := range sortedKeys(m) {
			b = appendBytes(b, protowire.Number(i+1), appendBytes(appendString(nil, 1, k), 2, m[k].marshal()))
		}
	}
	return appendString(b, 3, s.MethodName)
}

func unmarshalSignatureDef(b []byte) (*SignatureDef, error) {
	s := &SignatureDef{Inputs: map[string]*TensorInfo{}, Outputs: map[string]*TensorInfo{}}
	return s, eachField(b, func(f field) error {
		switch f.num {
		case 1, 2:
			k, v, err := mapEntry(f.b)
			if err != nil {
				return err
			}
			t, err := unmarshalTensorInfo(v)
			if f.num == 1 {
				s.Inputs[k] = t
			} else {
				s.Outputs[k] = t
			}
			return err
		case 3:
			s.MethodName = f.str()
		}
		return nil
	})
}

// MetaGraphDef is what a .meta file holds (meta_graph.proto): the graph,
// how to save and restore it, its collections and signatures.
type MetaGraphDef struct {
	MetaGraphVersion  string
	Tags              []string
	TensorflowVersion string
	GraphDef          *GraphDef
	SaverDef          *SaverDef // nil: none
	Collections       map[string]*CollectionDef
	Signatures        map[string]*SignatureDef
}

// Marshal encodes the MetaGraphDef.
func (m *MetaGraphDef) Marshal() []byte {
	info := appendString(nil, 1, m.MetaGraphVersion)
	for _, t := range m.Tags {
		info = appendString(info, 4, t)
	}
	if m.TensorflowVersion != "" {
		info = appendString(info, 5, m.TensorflowVersion)
	}
	b := appendBytes(nil, 1, info)
	if m.GraphDef != nil {
		b = appendBytes(b, 2, m.GraphDef.Marshal())
	}
	if m.SaverDef != nil {
		b = appendBytes(b, 3, m.SaverDef.marshal())
	}
	for _, k := range sortedKeys(m.Collections) {
		b = appendBytes(b, 4, appendBytes(appendString(nil, 1, k), 2, m.Collections[k].marshal()))
	}
	for _, k := range sortedKeys(m.Signatures) {
		b = appendBytes(b, 5, appendBytes(appendString(nil, 1, k), 2, m.Signatures[k].marshal()))
	}
	return b
}

// UnmarshalMetaGraphDef decodes a MetaGraphDef.
func UnmarshalMetaGraphDef(b []byte) (*MetaGraphDef, error) {
	m := &MetaGraphDef{Collections: map[string]*CollectionDef{}, Signatures: map[string]*SignatureDef{}}
	err := eachField(b, func(f field) error {
		var err error
		switch f.num {
		case 1:
			err = eachField(f.b, func(f field) error {
				switch f.num {
				case 1:
					m.MetaGraphVersion = f.str()
				case 4:
					m.Tags = append(m.Tags, f.str())
				case 5:
					m.TensorflowVersion = f.str()
				}
				return nil
			})
		case 2:
			m.GraphDef, err = UnmarshalGraphDef(f.b)
		case 3:
			m.SaverDef, err = unmarshalSaverDef(f.b)
		case 4:
			k, v, e := mapEntry(f.b)
			if e != nil {
				return e
			}
			m.Collections[k], err = unmarshalCollectionDef(v)
			err = errors.Wrapf(err, "collection %q", k)
		case 5:
			k, v, e := mapEntry(f.b)
			if e != nil {
				return e
			}
			m.Signatures[k], err = unmarshalSignatureDef(v)
			err = errors.Wrapf(err, "signature %q", k)
		}
		return err
	})
	if err == nil && m.GraphDef == nil {
		m.GraphDef = &GraphDef{}
	}
	return m, errors.Wrap(err, "MetaGraphDef")
}

// SavedModel is a saved_model.pb: its MetaGraphDefs, each with its tags.
type SavedModel struct {
	SchemaVersion int64
	MetaGraphs    []*MetaGraphDef
}

// Marshal encodes the SavedModel.
func (s *SavedModel) Marshal() []byte {
	b := appendVarint(nil, 1, uint64(s.SchemaVersion))
	for _, m := range s.MetaGraphs {
		b = appendBytes(b, 2, m.Marshal())
	}
	return b
}

// UnmarshalSavedModel decodes a saved_model.pb.
func UnmarshalSavedModel(b []byte) (*SavedModel, error) {
	s := &SavedModel{}
	err := eachField(b, func(f field) error {
		switch f.num {
		case 1:
			s.SchemaVersion = f.int64()
		case 2:
			m, err := UnmarshalMetaGraphDef(f.b)
			if err != nil {
				return err
			}
			s.MetaGraphs = append(s.MetaGraphs, m)
		}
		return nil
	})
	return s, errors.Wrap(err, "SavedModel")
}

// VariableDef describes a variable in the "variables" and
// "trainable_variables" collections (variable.proto): the names of its
// tensor, initializer op, snapshot (the read Identity) and initial value.
type VariableDef struct {
	VariableName     string
	InitialValueName string
	InitializerName  string
	SnapshotName     string
	Trainable        bool
}

// Marshal encodes the VariableDef.
func (v *VariableDef) Marshal() []byte {
	b := appendString(nil, 1, v.VariableName)
	b = appendString(b, 2, v.InitializerName)
	b = appendString(b, 3, v.SnapshotName)
	if v.InitialValueName != "" {
		b = appendString(b, 6, v.InitialValueName)
	}
	return appendBool(b, 7, v.Trainable)
}

// UnmarshalVariableDef decodes a VariableDef.
func UnmarshalVariableDef(b []byte) (*VariableDef, error) {
	v := &VariableDef{}
	err := eachField(b, func(f field) error {
		switch f.num {
		case 1:
			v.VariableName = f.str()
		case 2:
			v.InitializerName = f.str()
		case 3:
			v.SnapshotName = f.str()
		case 6:
			v.InitialValueName = f.str()
		case 7:
			v.Trainable = f.v != 0
		}
		return nil
	})
	return v, errors.Wrap(err, "VariableDef")
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
