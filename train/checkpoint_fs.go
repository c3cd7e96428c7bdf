package train

import (
	"bufio"
	"github.com/pkg/errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
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
		tmp = filepath.Join(dir, "."+filepath.Base(path)+tempInfix+strconv.FormatUint(uint64(rand.Uint32()), 10))
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

// tempInfix is what every temp file of writeFileAtomic has in its name:
// "." + the target's base name + ".tmp" + a random decimal number.
const tempInfix = ".tmp"

// isTempName reports whether a base name is one writeFileAtomic gives
// its temp files.
func isTempName(name string) bool {
	i := strings.LastIndex(name, tempInfix)
	if !strings.HasPrefix(name, ".") || i < 2 {
		return false
	}
	digits := name[i+len(tempInfix):]
	if _, err := strconv.ParseUint(digits, 10, 32); err != nil || digits[0] == '+' {
		return false
	}
	return true
}

// StaleTempAge is how long a temp file of a Saver's naming must have gone
// unwritten before a Save takes it for the remains of a crashed save and
// removes it. A live save writes its temp file every 64 KB and renames it
// as soon as it is complete, so no live writer leaves its file untouched
// this long; one stalled longer would fail at its rename, harming nothing.
const StaleTempAge = 10 * time.Minute

// removeStaleTemps removes from dir the temp files of writeFileAtomic's
// naming (".<name>.tmp<digits>", and nothing else) not modified for
// StaleTempAge, as of now: what saves killed midway leave behind. It is
// best effort; a file it cannot remove is left for the next Save.
func removeStaleTemps(fsys fileSystem, dir string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !isTempName(e.Name()) {
			continue
		}
		if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) >= StaleTempAge {
			fsys.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
