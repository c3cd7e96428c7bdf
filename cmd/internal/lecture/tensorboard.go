package lecture

import (
	"os"
	"path/filepath"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/summary"
)

// SummarySession is the TensorBoard notebooks' prepare_session: the
// program's session on g (see Session) with its variables initialized,
// every summary of g merged, and a FileWriter on logdir given the graph.
func (f *Flags) SummarySession(g *graph.Graph, logdir string) (*session.Session, *summary.Merged, *summary.FileWriter, error) {
	sess := f.Session(g)
	if _, err := sess.Run(g.GlobalVariablesInitializer(), nil); err != nil {
		return nil, nil, nil, err
	}
	merged := summary.MergeAll(g)
	writer, err := summary.NewFileWriter(logdir, g)
	if err != nil {
		return nil, nil, nil, err
	}
	return sess, merged, writer, nil
}

// RemoveEventFiles removes the event files in logdir, as the TensorBoard
// notebooks empty their log directory (rm -rf /tmp/mnist_sl_logs) so that
// TensorBoard shows the new run alone; other files are left.
func RemoveEventFiles(logdir string) error {
	old, err := filepath.Glob(filepath.Join(logdir, "events.out.tfevents.*"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	return nil
}
