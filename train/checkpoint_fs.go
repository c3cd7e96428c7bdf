package train

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
)

// fileSystem is every change a Saver makes to the disk. Tests swap in one
// that fails midway to check that an interrupted save harms nothing.
type fileSystem interface {
	// CreateExcl creates a new file for writing; it fails if name exists.
	CreateExcl(name string) (file, error)
	Rename(oldpath, newpath string) error
	Remove(name string) error
	// SyncDir makes the renames and removals in dir durable.
	SyncDir(dir string) error
}

type file interface {
	io.Writer
	Sync() error
	Close() error
}

type osFS struct{}

func (osFS) CreateExcl(name string) (file, error) {
	return os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
}

func (osFS) Rename(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }

func (osFS) Remove(name string) error { return os.Remove(name) }

func (osFS) SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // directories cannot be opened for syncing there; renames are durable
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeFileAtomic makes path hold what write writes, or leaves it as it
// was: the bytes go to a hidden temp file in the same directory, which is
// synced, closed and only then renamed over path. On failure the temp
// file is removed.
func writeFileAtomic(fsys fileSystem, path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	var f file
	var tmp string
	for range 100 {
		tmp = filepath.Join(dir, "."+filepath.Base(path)+".tmp"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		if f, err = fsys.CreateExcl(tmp); !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				f.Close()
			}
			fsys.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	closed = true
	if err = f.Close(); err != nil {
		return err
	}
	if err = fsys.Rename(tmp, path); err != nil {
		return err
	}
	return fsys.SyncDir(dir)
}
