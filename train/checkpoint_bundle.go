package train

import (
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
)

// TensorFlow's V2 checkpoint, the tensor bundle of
// tensorflow/core/util/tensor_bundle: prefix.data-NNNNN-of-MMMMM hold the
// tensors' bytes back to back; prefix.index is an SSTable (LevelDB's
// table format) that maps "" to a BundleHeaderProto and each tensor's
// name to a BundleEntryProto (dtype, shape, shard, offset, size, masked
// CRC-32C of the bytes).

func bundleIndexFile(prefix string) string { return prefix + ".index" }

func bundleDataFile(prefix string, shard, shards int) string {
	return fmt.Sprintf("%s.data-%05d-of-%05d", prefix, shard, shards)
}

// writeBundle writes the data file, then the index: a bundle exists for
// readers only once its index is in place. If it fails with no index in
// place, it removes the data file, which is of no use without one.
func writeBundle(fsys fileSystem, prefix string, vals map[string]*nd.Array) (err error) {
	defer func() {
		if err == nil {
			return
		}
		if _, serr := os.Stat(bundleIndexFile(prefix)); errors.Is(serr, fs.ErrNotExist) {
			fsys.Remove(bundleDataFile(prefix, 0, 1))
		}
	}()
	kvs := []tfpb.KeyValue{{Key: "", Value: tfpb.BundleHeader{NumShards: 1, Producer: 1}.Marshal()}}
	err = writeFileAtomic(fsys, bundleDataFile(prefix, 0, 1), func(w io.Writer) error {
		var off int
		var buf []byte
		for _, name := range sortedNames(vals) {
			a := vals[name]
			buf = appendData(buf[:0], a)
			if _, err := w.Write(buf); err != nil {
				return err
			}
			e := tfpb.BundleEntry{
				DType:  tfpb.DataTypeOf(a.DType()),
				Shape:  a.Shape(),
				Offset: int64(off),
				Size:   int64(len(buf)),
				CRC32C: tfpb.MaskCRC(tfpb.CRC32C(buf)),
			}
			kvs = append(kvs, tfpb.KeyValue{Key: name, Value: e.Marshal()})
			off += len(buf)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeFileAtomic(fsys, bundleIndexFile(prefix), func(w io.Writer) error {
		_, err := w.Write(tfpb.AppendTable(nil, kvs))
		return err
	})
}

// readBundle reads the index of the bundle at prefix. Each entry reads
// its bytes from its data file, and checks them, only when loaded, as
// TensorFlow's BundleReader does: a damaged or missing tensor fails only
// the restores that ask for it.
func readBundle(prefix string) (map[string]*entry, error) {
	index := bundleIndexFile(prefix)
	b, err := os.ReadFile(index)
	if err != nil {
		return nil, &InvalidCheckpointError{Path: prefix, Err: err}
	}
	kvs, err := tfpb.ReadTable(b)
	if err != nil {
		return nil, &DataLossError{Path: index, Msg: err.Error()}
	}
	if len(kvs) == 0 || kvs[0].Key != "" {
		return nil, &DataLossError{Path: index, Msg: "no header entry"}
	}
	header, err := tfpb.DecodeBundleHeader(kvs[0].Value)
	if err != nil {
		return nil, &DataLossError{Path: index, Msg: err.Error()}
	}
	if header.BigEndian {
		return nil, &DataLossError{Path: index, Msg: "big-endian checkpoints are not supported"}
	}
	entries := make(map[string]*entry, len(kvs)-1)
	for _, kv := range kvs[1:] {
		be, err := tfpb.DecodeBundleEntry(kv.Value)
		if err != nil {
			return nil, &DataLossError{Path: index, Entry: kv.Key, Msg: err.Error()}
		}
		if be.ShardID < 0 || be.ShardID >= header.NumShards {
			return nil, &DataLossError{Path: index, Entry: kv.Key, Msg: fmt.Sprintf("shard %d of %d", be.ShardID, header.NumShards)}
		}
		name := kv.Key
		entries[name] = &entry{dtype: be.DType, shape: be.Shape, load: func() (*nd.Array, error) {
			if be.Sliced {
				return nil, &PartitionedError{Key: name, Path: prefix}
			}
			if err := tfpb.Readable(be.DType); err != nil {
				return nil, err
			}
			data, err := readAt(bundleDataFile(prefix, int(be.ShardID), int(header.NumShards)), be.Offset, be.Size)
			var missing *MissingFileError
			if errors.As(err, &missing) {
				return nil, err
			}
			var a *nd.Array
			if err == nil {
				a, err = be.Decode(data)
			}
			if err != nil {
				return nil, &DataLossError{Path: prefix, Entry: name, Msg: err.Error()}
			}
			return a, nil
		}}
	}
	return entries, nil
}

// readAt reads size bytes at off of the file name; a *MissingFileError
// when there is no such file.
func readAt(name string, off, size int64) ([]byte, error) {
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &MissingFileError{Path: name, Err: err}
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if off < 0 || size < 0 || off > fi.Size() || size > fi.Size()-off {
		return nil, errors.Errorf("truncated data file: %d bytes at offset %d of %d", size, off, fi.Size())
	}
	data := make([]byte, size)
	_, err = f.ReadAt(data, off)
	return data, err
}
