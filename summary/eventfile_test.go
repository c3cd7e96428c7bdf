package summary

import (
	"testing"

	"github.com/tf1go/tf1go/summary/summarytest"
)

// TensorFlow's own event file (tf.summary.FileWriter, January 2017):
// the reader checks every record's checksums and finds what its README
// states.
func TestReadTensorFlowEventFile(t *testing.T) {
	events := summarytest.ReadEvents(t, "testdata/events.out.tfevents.1485818149.train")
	if len(events) != 13 {
		t.Fatalf("%d records, want 13", len(events))
	}
	if events[0].FileVersion != "brain.Event:2" {
		t.Errorf("first event: file_version %q", events[0].FileVersion)
	}
	var graphs, losses int
	for _, e := range events {
		if e.GraphDef != nil {
			graphs++
			if names, _ := summarytest.GraphNodes(t, e.GraphDef); len(names) != 222 {
				t.Errorf("graph of %d nodes, want 222", len(names))
			}
		}
		for _, v := range e.Values {
			if v.Tag == "loss" {
				if int(e.Step) != 50*losses {
					t.Errorf("loss %d at step %d, want step %d", losses, e.Step, 50*losses)
				}
				losses++
			}
			if e.Step == 0 && v.Tag == "loss" && v.Simple != 9.3906136 {
				t.Errorf("loss at step 0: %v, want 9.3906136", v.Simple)
			}
			if e.Step == 0 && v.Histo != nil {
				want := map[string]float64{"l1/outputs": 62850, "l2/outputs": 12570}[v.Tag]
				if v.Histo.Num != want {
					t.Errorf("histogram %s at step 0: %v values, want %v", v.Tag, v.Histo.Num, want)
				}
			}
		}
	}
	if graphs != 1 || losses != 10 {
		t.Errorf("%d graphs and %d losses, want 1 and 10", graphs, losses)
	}
}
