package train

import (
	"fmt"
	"github.com/pkg/errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LatestCheckpoint returns the newest checkpoint that the state file
// "checkpoint" in dir names (tf.train.latest_checkpoint), ready for
// Restore, or "" with no error when dir has no state file or the
// checkpoint it names is not there (TF returns None for both). A state
// file that cannot be parsed is a *DataLossError.
func LatestCheckpoint(dir string) (string, error) {
	name := filepath.Join(dir, stateFile)
	b, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	latest, err := parseCheckpointState(string(b))
	if err != nil {
		return "", &DataLossError{Path: name, Msg: err.Error()}
	}
	if latest != "" && !filepath.IsAbs(latest) {
		latest = filepath.Join(dir, latest)
	}
	if latest == "" || !checkpointExists(latest) {
		return "", nil
	}
	return latest, nil
}

// checkpointExists reports whether a checkpoint is at path: tf1go's file
// or a V1 file, a V2 bundle's index, or a sharded V1 checkpoint's files.
func checkpointExists(path string) bool {
	for _, f := range []string{path, bundleIndexFile(path)} {
		if info, err := os.Stat(f); err == nil && info.Mode().IsRegular() {
			return true
		}
	}
	files, err := v1Files(path)
	return err == nil && len(files) > 0
}

// checkpointState is the state file's text: TF's CheckpointState proto in
// text format, paths relative to dir (save_relative_paths=True) so that
// the directory may be moved.
func checkpointState(dir, latest string, all []string) string {
	rel := func(p string) string {
		if r, err := filepath.Rel(dir, p); err == nil {
			return r
		}
		return p
	}
	var b strings.Builder
	fmt.Fprintf(&b, "model_checkpoint_path: %s\n", quoteText(rel(latest)))
	for _, p := range all {
		fmt.Fprintf(&b, "all_model_checkpoint_paths: %s\n", quoteText(rel(p)))
	}
	return b.String()
}

// parseCheckpointState returns model_checkpoint_path from a state file.
// Fields it does not use, such as the timestamps newer TF versions
// write, are skipped.
func parseCheckpointState(text string) (string, error) {
	var latest string
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return "", errors.Errorf("line %d of the state file is not a text-format field: %q", i+1, line)
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if key != "model_checkpoint_path" && key != "all_model_checkpoint_paths" {
			continue
		}
		s, err := unquoteText(value)
		if err != nil {
			return "", errors.Errorf("line %d of the state file: %s: %v", i+1, key, err)
		}
		if key == "model_checkpoint_path" {
			latest = s
		}
	}
	return latest, nil
}

// quoteText quotes s as protobuf's text format does (C escapes, bytes
// outside printable ASCII in octal), so TF reads it back.
func quoteText(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '"', '\'', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			if c < 0x20 || c >= 0x7f {
				fmt.Fprintf(&b, `\%03o`, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// unquoteText reads a text-format string literal, single- or
// double-quoted, with C escapes.
func unquoteText(q string) (string, error) {
	if len(q) < 2 || (q[0] != '"' && q[0] != '\'') || q[len(q)-1] != q[0] {
		return "", errors.Errorf("want a quoted string, got %s", q)
	}
	s := q[1 : len(q)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == q[0] {
			return "", errors.Errorf("unescaped quote in %s", q)
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i++; i == len(s) {
			return "", errors.Errorf("dangling backslash in %s", q)
		}
		switch c = s[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '"', '\'', '\\', '?':
			b.WriteByte(c)
		case 'x', 'X':
			v, n := digits(s[i+1:], 16, 2)
			if n == 0 {
				return "", errors.Errorf("bad \\x escape in %s", q)
			}
			b.WriteByte(byte(v))
			i += n
		default:
			v, n := digits(s[i:], 8, 3)
			if n == 0 || v > 0xff {
				return "", errors.Errorf("bad escape \\%c in %s", c, q)
			}
			b.WriteByte(byte(v))
			i += n - 1
		}
	}
	return b.String(), nil
}

// digits reads up to max digits of the given base from the start of s.
func digits(s string, base, max int) (v, n int) {
	for ; n < max && n < len(s); n++ {
		d := strings.IndexByte("0123456789abcdef"[:base], strings.ToLower(s[n : n+1])[0])
		if d < 0 {
			break
		}
		v = v*base + d
	}
	return v, n
}
