package summary

import (
	"math"
	"slices"
	"testing"

	"github.com/tf1go/tf1go/summary/summarytest"
)

// TensorFlow's histograms in its own event file use exactly the bucket
// limits of defaultLimits, bit for bit, and their counts add up.
func TestDefaultLimitsAreTensorFlows(t *testing.T) {
	limits := defaultLimits()
	if len(limits) != 1551 || limits[775] != 0 || limits[776] != 1e-12 || limits[0] != -math.MaxFloat64 || limits[1550] != math.MaxFloat64 {
		t.Errorf("%d limits: %v ... %v, %v, %v ... %v", len(limits), limits[0], limits[774], limits[775], limits[776], limits[len(limits)-1])
	}
	seen := 0
	for _, e := range summarytest.ReadEvents(t, "testdata/events.out.tfevents.1485818149.train") {
		for _, v := range e.Values {
			if v.Histo == nil {
				continue
			}
			seen++
			total := 0.0
			for i, l := range v.Histo.Limits {
				if _, ok := slices.BinarySearch(limits, l); !ok {
					t.Fatalf("%s at step %d: limit %v is not one of TensorFlow's defaults", v.Tag, e.Step, l)
				}
				total += v.Histo.Buckets[i]
			}
			if total != v.Histo.Num {
				t.Errorf("%s at step %d: buckets hold %v values, num %v", v.Tag, e.Step, total, v.Histo.Num)
			}
		}
	}
	if seen != 20 {
		t.Errorf("%d histograms in the file, want 20", seen)
	}
}

// A histogram of known values, checked by hand against TensorFlow's
// rules: bucket i counts the values in [limit[i-1], limit[i]), and runs
// of empty buckets collapse into one with the run's last limit.
func TestHistogram(t *testing.T) {
	limits := defaultLimits()
	h := newHistogram()
	for _, x := range []float64{0, 1, 1, -2.5} {
		h.add(x)
	}
	p := h.proto()
	if p.Min != -2.5 || p.Max != 1 || p.Num != 4 || p.Sum != -0.5 || p.SumSquares != 8.25 {
		t.Errorf("stats %+v", p)
	}
	// x falls in the bucket of the first limit > x (0 in 1e-12's).
	at := func(x float64) int {
		i, _ := slices.BinarySearch(limits, x)
		if i < len(limits) && limits[i] == x {
			i++
		}
		return i
	}
	want := map[float64]float64{limits[at(-2.5)]: 1, 1e-12: 1, limits[at(1)]: 2}
	got := map[float64]float64{}
	for i, l := range p.BucketLimit {
		if p.Bucket[i] != 0 {
			got[l] = p.Bucket[i]
		} else if i+1 < len(p.Bucket) && p.Bucket[i+1] == 0 {
			t.Errorf("two empty buckets in a row at %d", i)
		}
	}
	if len(got) != len(want) {
		t.Errorf("buckets %v, want %v", got, want)
	}
	for l, n := range want {
		if got[l] != n {
			t.Errorf("bucket %v holds %v, want %v", l, got[l], n)
		}
	}
	if last := p.BucketLimit[len(p.BucketLimit)-1]; last != math.MaxFloat64 || p.Bucket[len(p.Bucket)-1] != 0 {
		t.Errorf("the last bucket: %v holding %v, want DBL_MAX holding 0", last, p.Bucket[len(p.Bucket)-1])
	}
	empty := newHistogram().proto()
	if len(empty.Bucket) != 1 || empty.BucketLimit[0] != math.MaxFloat64 || empty.Min != math.MaxFloat64 || empty.Max != -math.MaxFloat64 {
		t.Errorf("histogram of nothing: %+v", empty)
	}
}

// A histogram summary of MST's hidden weights (784×1024 values), as each
// evaluation makes one.
func BenchmarkHistogram(b *testing.B) {
	vals := make([]float64, 784*1024)
	for i := range vals {
		vals[i] = math.Sin(float64(i)) * 2
	}
	b.ReportAllocs()
	for b.Loop() {
		h := newHistogram()
		for _, x := range vals {
			h.add(x)
		}
		h.proto()
	}
}
