package tfpb

import (
	"reflect"
	"strings"
	"testing"
)

// TestEventRoundTrip reads back what Marshal, MarshalSummary and
// AppendRecord write: records, events, scalars and histograms.
func TestEventRoundTrip(t *testing.T) {
	histo := &HistogramProto{Min: -1, Max: 2, Num: 3, Sum: 1.5, SumSquares: 5.25,
		BucketLimit: []float64{-1, 0, 2}, Bucket: []float64{1, 0, 2}}
	values := []SummaryValue{{Tag: "loss", Simple: 971.0802}, {Tag: "accuracy", Simple: 0}, {Tag: "weights", Histo: histo}}
	events := []Event{
		{WallTime: 1.5, FileVersion: "brain.Event:2"},
		{WallTime: 2.25, Step: 100, Summary: MarshalSummary(values)},
	}
	var file []byte
	for _, e := range events {
		file = AppendRecord(file, e.Marshal())
	}
	var got []Event
	if err := ReadRecords(file, func(data []byte) error {
		e, err := UnmarshalEvent(data)
		got = append(got, e)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].FileVersion != "brain.Event:2" || got[0].WallTime != 1.5 || got[1].Step != 100 {
		t.Fatalf("events = %+v", got)
	}
	gotValues, err := UnmarshalSummary(got[1].Summary)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotValues, values) {
		t.Errorf("summary values\n%+v\nwant\n%+v", gotValues, values)
	}

	for _, c := range []struct {
		name string
		file []byte
		want string
	}{
		{"damaged data", append(file[:len(file)-5:len(file)-5], file[len(file)-5]^1, 0, 0, 0, 0), "corrupted record at offset"},
		{"damaged length", append([]byte{file[0] ^ 1}, file[1:]...), "corrupted record length at offset 0"},
		{"cut short", file[:len(file)-2], "truncated record at offset"},
		{"cut in a header", file[:5], "truncated record header at offset 0"},
	} {
		err := ReadRecords(c.file, func([]byte) error { return nil })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}
