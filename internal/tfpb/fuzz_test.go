package tfpb

import (
	"os"
	"path/filepath"
	"testing"
)

// Any bytes read as a checkpoint's table give entries or an error, never
// a panic: the table, the bundle entries, the V1 records and their values.
func FuzzReadTable(f *testing.F) {
	seeds, _ := filepath.Glob("../../train/testdata/tf/*/*")
	more, _ := filepath.Glob("../../train/testdata/tf/*/*/*.index")
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil && IsTable(b) {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		kvs, err := ReadTable(b)
		if err != nil {
			return
		}
		for _, kv := range kvs {
			if e, err := DecodeBundleEntry(kv.Value); err == nil {
				DecodeValues(e.DType, e.Shape, make([]byte, min(e.Size, 1<<16)))
			}
			s, err := DecodeSavedTensorSlices(kv.Value)
			if err != nil {
				continue
			}
			for _, m := range s.Meta {
				FullSlice(firstSlice(m.Slices), m.Shape)
				if s.Data != nil {
					s.Data.Values(m.DType, m.Shape)
				}
			}
		}
	})
}

func firstSlice(s [][]Extent) []Extent {
	if len(s) == 0 {
		return nil
	}
	return s[0]
}

// Any bytes decoded as a V1 record, and its values read with any meta,
// give an error or a tensor, never a panic or a huge allocation.
func FuzzSavedTensorSlices(f *testing.F) {
	for _, p := range []string{"morvan_v1/save_net.ckpt", "session_bundle_half_plus_two_v1/export-00000-of-00001"} {
		b, err := os.ReadFile("../../train/testdata/tf/" + p)
		if err != nil {
			f.Fatal(err)
		}
		kvs, err := ReadTable(b)
		if err != nil {
			f.Fatal(err)
		}
		for _, kv := range kvs {
			f.Add(kv.Value, kvs[0].Value)
		}
	}
	f.Fuzz(func(t *testing.T, data, meta []byte) {
		s, err := DecodeSavedTensorSlices(data)
		m, merr := DecodeSavedTensorSlices(meta)
		if err != nil || merr != nil || s.Data == nil {
			return
		}
		for _, sm := range m.Meta {
			s.Data.Values(sm.DType, sm.Shape)
		}
	})
}
