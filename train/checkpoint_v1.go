package train

import (
	"fmt"
	"os"

	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
)

// TensorFlow's V1 checkpoint (tf.train.Saver's format before TF 0.12,
// the one the lecture's 2016 notebooks wrote): one SSTable per shard.
// Its "" key holds the meta, a SavedTensorSlices listing each tensor's
// name, dtype, shape and saved slices; every other key one slice's
// values in a TensorProto. tf1go reads tensors saved whole (one full
// slice); a partitioned one is a *PartitionedError when asked for.

// readV1 reads the V1 checkpoint made of files (its shards), checking
// every table block's checksum.
func readV1(path string, files []string) (map[string]*entry, error) {
	entries := map[string]*entry{}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, &InvalidCheckpointError{Path: path, Err: err}
		}
		if err := readV1File(path, file, b, entries); err != nil {
			return nil, err
		}
	}
	return entries, nil
}

// readV1File adds the tensors of one V1 file to entries.
func readV1File(path, file string, b []byte, entries map[string]*entry) error {
	lose := func(name, format string, args ...any) error {
		return &DataLossError{Path: file, Entry: name, Msg: fmt.Sprintf(format, args...)}
	}
	kvs, err := tfpb.ReadTable(b)
	if err != nil {
		return lose("", "%v", err)
	}
	if len(kvs) == 0 || kvs[0].Key != "" {
		return lose("", "no meta entry")
	}
	head, err := tfpb.DecodeSavedTensorSlices(kvs[0].Value)
	if err != nil {
		return lose("", "%v", err)
	}
	metas := map[string]tfpb.SavedSliceMeta{}
	for _, m := range head.Meta {
		if _, dup := metas[m.Name]; dup {
			return lose(m.Name, "listed twice in the meta")
		}
		metas[m.Name] = m
	}
	values := map[string]*tfpb.SavedSlice{}
	for _, kv := range kvs[1:] {
		rec, err := tfpb.DecodeSavedTensorSlices(kv.Value)
		if err != nil {
			return lose("", "%v", err)
		}
		if d := rec.Data; d != nil {
			if _, ok := metas[d.Name]; !ok {
				return lose(d.Name, "data for a tensor the meta does not list")
			}
			values[d.Name] = d
		}
	}
	for name, m := range metas {
		if _, dup := entries[name]; dup {
			return lose(name, "saved in two shards")
		}
		e := &entry{dtype: m.DType, shape: m.Shape}
		entries[name] = e
		d := values[name]
		switch {
		case len(m.Slices) != 1 || !tfpb.FullSlice(m.Slices[0], m.Shape):
			e.load = func() (*nd.Array, error) { return nil, &PartitionedError{Key: name, Path: path} }
		case d == nil:
			return lose(name, "no data for the tensor")
		default:
			a, err := d.Values(m.DType, m.Shape)
			if err != nil && m.DType.NDType() != nd.Invalid {
				return lose(name, "%v", err)
			}
			e.load = func() (*nd.Array, error) { return a, err }
		}
	}
	return nil
}
