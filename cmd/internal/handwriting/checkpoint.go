package handwriting

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/pkg/errors"

	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// The shipped checkpoint: the CNN's variables only, in TensorFlow's V2
// format, exported by -export (see model/PROVENANCE).
//
//go:embed model/cnn.index model/cnn.data-00000-of-00001
var shipped embed.FS

// shippedName is the shipped checkpoint's prefix inside shipped.
const shippedName = "model/cnn"

// bundleFiles are the files of a V2 checkpoint at prefix.
func bundleFiles(prefix string) []string {
	return []string{prefix + ".index", prefix + ".data-00000-of-00001"}
}

// howToMake is the hint a failed restore ends with.
const howToMake = "make one with `go run ./cmd/mnist-cnn -steps 20000 -ckpt ckpt` " +
	"(hours on 2 cores) and pass -checkpoint ckpt/cnn_session-20000"

// LoadCNN restores the CNN from path, from the newest checkpoint in path
// if it is a directory, or from the shipped checkpoint when path is "".
// Its error is one line that says how to make a checkpoint.
func LoadCNN(path string) (*models.CNN, *session.Session, error) {
	var (
		m    *models.CNN
		sess *session.Session
		err  error
	)
	if fi, serr := os.Stat(path); serr == nil && fi.IsDir() {
		var latest string
		if latest, err = train.LatestCheckpoint(path); err == nil && latest == "" {
			err = errors.New("no checkpoint state file in the directory")
		}
		if err == nil {
			path = latest
		}
	}
	switch {
	case err != nil:
	case path == "":
		path = "the shipped checkpoint"
		m, sess, err = restoreShipped()
	default:
		m, sess, err = restoreCNN(path)
	}
	if err != nil {
		msg := strings.Join(strings.Fields(err.Error()), " ")
		return nil, nil, fmt.Errorf("cannot restore the CNN from %s: %s; %s", path, msg, howToMake)
	}
	return m, sess, nil
}

// restoreShipped restores the embedded checkpoint. The Saver reads files,
// so the checkpoint goes to a temporary directory for the restore.
func restoreShipped() (*models.CNN, *session.Session, error) {
	dir, err := os.MkdirTemp("", "handwriting-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	prefix, err := extractShipped(dir)
	if err != nil {
		return nil, nil, err
	}
	return restoreCNN(prefix)
}

// extractShipped writes the embedded checkpoint's files into dir and
// returns its prefix there.
func extractShipped(dir string) (string, error) {
	prefix := filepath.Join(dir, filepath.Base(shippedName))
	for i, name := range bundleFiles(shippedName) {
		b, err := shipped.ReadFile(name)
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(bundleFiles(prefix)[i], b, 0o644); err != nil {
			return "", err
		}
	}
	return prefix, nil
}

// export writes what the server ships: the CNN's variables of the
// checkpoint m and sess were restored from (no Adam slots), as a
// TensorFlow V2 bundle at prefix, and a PROVENANCE file beside it naming
// the source checkpoint, its step, its lines of the training log (when
// trainingLog is not ""), how it was made and each file's sha256.
func export(sess *session.Session, source, prefix, trainingLog, trainedBy, command string) error {
	step := checkpointStep(source)
	if trainingLog != "" && step < 0 {
		return errors.Errorf("cannot tell the step of %s from its name (want prefix-N) to find it in %s", source, trainingLog)
	}
	saver := train.NewSaver()
	saver.Format = train.FormatTFV2
	saver.MaxToKeep = 0
	saver.NoMetaGraph = true // the server rebuilds the graph with the models builder
	saver.NoMetaGraph = true // the server rebuilds the graph with the models builder
	if _, err := saver.Save(sess, prefix, -1); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s.index and %s.data-00000-of-00001 are a TensorFlow V2 checkpoint of the\n",
		filepath.Base(prefix), filepath.Base(prefix))
	fmt.Fprintf(&b, "lecture's two-layer CNN: its 8 variables (Variable .. Variable_7), no Adam slots.\n\n")
	fmt.Fprintf(&b, "trained by:  %s\n", trainedBy)
	fmt.Fprintf(&b, "checkpoint:  %s\n", filepath.Base(source))
	if step >= 0 {
		fmt.Fprintf(&b, "steps:       %d\n", step)
	}
	if trainingLog != "" {
		at, last, err := logLines(trainingLog, step)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "its line:    %s\n", at)
		fmt.Fprintf(&b, "log's last:  %s\n", last)
	}
	fmt.Fprintf(&b, "exported by: %s\n\nsha256:\n", command)
	for _, f := range bundleFiles(prefix) {
		sum, err := sha256File(f)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", sum, filepath.Base(f))
	}
	return os.WriteFile(filepath.Join(filepath.Dir(prefix), "PROVENANCE"), []byte(b.String()), 0o644)
}

var stepSuffix = regexp.MustCompile(`-(\d+)$`)

// checkpointStep is N of a checkpoint path prefix-N, or -1.
func checkpointStep(path string) int {
	m := stepSuffix.FindStringSubmatch(path)
	if m == nil {
		return -1
	}
	n, err := strconv.Atoi(m[1])
	if err != nil {
		return -1
	}
	return n
}

// logLines finds mnist-cnn's "Step: N, ..." line for step in its output,
// and the output's last line.
func logLines(path string, step int) (at, last string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", "", errors.Wrap(err, "reading the training log")
	}
	defer f.Close()
	prefix := fmt.Sprintf("Step: %d,", step)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			last = line
			if strings.HasPrefix(line, prefix) {
				at = line
			}
		}
	}
	if err := sc.Err(); err != nil {
		return "", "", errors.Wrapf(err, "reading %s", path)
	}
	if at == "" {
		return "", "", errors.Errorf("%s has no line %q...", path, prefix)
	}
	return at, last, nil
}

func sha256File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
