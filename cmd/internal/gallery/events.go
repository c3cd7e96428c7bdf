package gallery

import (
	"os"
	"path/filepath"
	"sort"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/internal/tfpb"
)

// A Curve is one scalar summary's values over the steps, as TensorBoard
// shows it.
type Curve struct {
	Tag    string
	Steps  []int64
	Values []float64
}

// readCurves reads the scalar summaries of every event file
// (events.out.tfevents.*) in dir, one Curve per tag, sorted by tag, steps
// in file order. A directory without event files gives no curves and no
// error; a damaged record is an error naming the file and the offset.
func readCurves(dir string) ([]Curve, error) {
	files, err := filepath.Glob(filepath.Join(dir, "events.out.tfevents.*"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	byTag := map[string]*Curve{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if err := tfpb.ReadRecords(b, func(rec []byte) error { return addEvent(byTag, rec) }); err != nil {
			return nil, errors.Wrapf(err, "event file %s", f)
		}
	}
	curves := make([]Curve, 0, len(byTag))
	for _, c := range byTag {
		curves = append(curves, *c)
	}
	sort.Slice(curves, func(i, j int) bool { return curves[i].Tag < curves[j].Tag })
	return curves, nil
}

// addEvent adds the scalar values of one event to their curves.
func addEvent(byTag map[string]*Curve, record []byte) error {
	event, err := tfpb.UnmarshalEvent(record)
	if err != nil || event.Summary == nil {
		return err
	}
	values, err := tfpb.UnmarshalSummary(event.Summary)
	if err != nil {
		return err
	}
	for _, v := range values {
		if v.Histo != nil {
			continue
		}
		c := byTag[v.Tag]
		if c == nil {
			c = &Curve{Tag: v.Tag}
			byTag[v.Tag] = c
		}
		c.Steps = append(c.Steps, event.Step)
		c.Values = append(c.Values, float64(v.Simple))
	}
	return nil
}
