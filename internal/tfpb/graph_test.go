package tfpb

import (
	"reflect"
	"testing"
)

func TestAttrRoundTrip(t *testing.T) {
	for name, a := range map[string]*AttrValue{
		"string":      StringAttr("SAME"),
		"int":         IntAttr(-3),
		"float":       FloatAttr(0.5),
		"bool":        BoolAttr(true),
		"type":        TypeAttr(DTFloat.Ref()),
		"shape":       ShapeAttr([]int{-1, 784}),
		"scalar":      ShapeAttr([]int{}),
		"unknown":     ShapeAttr(nil),
		"tensor":      TensorAttr(EncodeStringTensor([]int{}, [][]byte{[]byte("model")})),
		"ints":        IntsAttr([]int64{1, 2, 2, 1}),
		"types":       TypesAttr([]DataType{DTFloat, DTInt64}),
		"strings":     StringsAttr([][]byte{[]byte("loc:@w")}),
		"shapes":      ShapesAttr([][]int{{-1, 1}, nil}),
		"func":        {Kind: AttrFunc, Func: "f"},
		"floats":      {Kind: AttrList, List: ListValue{F: []float32{1, 2}}},
		"bools":       {Kind: AttrList, List: ListValue{B: []bool{true, false}}},
		"empty list":  {Kind: AttrList},
		"placeholder": {Kind: AttrPlaceholder, Func: "T"},
	} {
		got, err := decodeAttr(a.marshal())
		if err != nil || !reflect.DeepEqual(got, a) {
			t.Errorf("%s: got %+v, %v; want %+v", name, got, err, a)
		}
	}
}

func TestMetaGraphRoundTrip(t *testing.T) {
	node := &NodeDef{Name: "y", Op: "Identity", Input: []string{"x:0", "^init"}, Device: "/cpu:0",
		Attr: map[string]*AttrValue{"T": TypeAttr(DTFloat)}}
	m := &MetaGraphDef{
		MetaGraphVersion:  "v",
		Tags:              []string{"serve"},
		TensorflowVersion: "1.1.0",
		GraphDef:          &GraphDef{Node: []*NodeDef{node}, Producer: 21, MinConsumer: 12},
		SaverDef: &SaverDef{FilenameTensorName: "save/Const:0", SaveTensorName: "save/control_dependency:0",
			RestoreOpName: "save/restore_all", MaxToKeep: 5, Sharded: true, KeepCheckpointEveryNHours: 10000, Version: SaverV2},
		Collections: map[string]*CollectionDef{
			"variables":   {BytesList: [][]byte{(&VariableDef{VariableName: "w:0", InitializerName: "w/Assign", SnapshotName: "w/read:0", Trainable: true}).Marshal()}},
			"train_op":    {NodeList: []string{"Adam"}},
			"steps":       {Int64List: []int64{1, -2}},
			"rates":       {FloatList: []float32{0.5}},
			"empty bytes": {},
		},
		Signatures: map[string]*SignatureDef{"serving_default": {
			Inputs:     map[string]*TensorInfo{"x": {Name: "x:0", DType: DTFloat, Shape: []int{-1, 1}}},
			Outputs:    map[string]*TensorInfo{"y": {Name: "y:0", DType: DTFloat, Shape: nil}},
			MethodName: "tensorflow/serving/predict",
		}},
	}
	sm := &SavedModel{SchemaVersion: 1, MetaGraphs: []*MetaGraphDef{m}}
	got, err := UnmarshalSavedModel(sm.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	m.Collections["empty bytes"] = &CollectionDef{} // nothing to tell it from another empty list
	if !reflect.DeepEqual(got, sm) {
		t.Errorf("got %+v\nwant %+v", got.MetaGraphs[0], m)
	}
	v, err := UnmarshalVariableDef(got.MetaGraphs[0].Collections["variables"].BytesList[0])
	if err != nil || v.SnapshotName != "w/read:0" || !v.Trainable {
		t.Errorf("VariableDef %+v, %v", v, err)
	}
}

func TestParseInput(t *testing.T) {
	for in, want := range map[string]struct {
		name string
		idx  int
		ctl  bool
	}{"x": {"x", 0, false}, "x:3": {"x", 3, false}, "^init": {"init", 0, true}, "a/b:1": {"a/b", 1, false}, "a:b": {"a:b", 0, false}} {
		name, idx, ctl := ParseInput(in)
		if name != want.name || idx != want.idx || ctl != want.ctl {
			t.Errorf("%q: %q %d %v", in, name, idx, ctl)
		}
	}
}

func TestUnmarshalErrors(t *testing.T) {
	good := (&GraphDef{Node: []*NodeDef{{Name: "x", Op: "NoOp"}}, Producer: 21}).Marshal()
	for name, b := range map[string][]byte{
		"truncated":  good[:len(good)-3],
		"bad tag":    {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
		"bad length": {0x0a, 0x7f, 0x01},
		"bad attr":   appendBytes(nil, 1, appendBytes(appendString(nil, 1, "n"), 5, appendBytes(appendString(nil, 1, "k"), 2, []byte{0x3a, 0x05}))),
		"bad shape":  appendBytes(nil, 1, appendBytes(appendString(nil, 1, "n"), 5, appendBytes(appendString(nil, 1, "k"), 2, appendBytes(nil, 7, appendBytes(nil, 2, appendVarint(nil, 1, uint64(1<<64-7))))))),
	} {
		if _, err := UnmarshalGraphDef(b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
