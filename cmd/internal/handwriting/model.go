package handwriting

import (
	"context"
	"encoding/base64"
	"math"
	"math/bits"

	"github.com/pkg/errors"

	"github.com/tf1go/tf1go/graph"
	"github.com/tf1go/tf1go/models"
	"github.com/tf1go/tf1go/session"
	"github.com/tf1go/tf1go/train"
)

// imageSize is the side of the grid the page draws into and the CNN reads.
const imageSize = 28

// maxBatch bounds how many waiting requests one session Run serves.
// Runs take a power of two of images, so the session compiles at most six
// programs per fetch list (1, 2, 4, ..., 32 images).
const maxBatch = 32

// Recognizer is the restored CNN behind the server: one session, shared by
// every request. A single goroutine (serve) owns the session's runs; the
// requests that wait while it runs share its next Runs, each of which
// costs about a forward pass per image plus a fixed part (feeding,
// packing the weights, copying out) that a batch pays once.
type Recognizer struct {
	m     *models.CNN
	sess  *session.Session
	queue chan *job
}

// job is one image waiting for the batcher, and where its answer goes.
type job struct {
	ctx   context.Context
	image []float32
	maps  bool
	done  chan jobResult // buffered: the batcher never blocks on it
}

type jobResult struct {
	pred prediction
	err  error
}

// prediction is what the server answers for one image: the JSON body of
// POST /api/predict.
type prediction struct {
	Digit         int          `json:"digit"`
	Probabilities []float32    `json:"probabilities"`
	Conv1         *featureMaps `json:"conv1,omitempty"`
	Conv2         *featureMaps `json:"conv2,omitempty"`
}

// featureMaps is one conv layer's activations for one image, as the
// notebook's HWR-09/HWR-10 figures drew them: Count maps of Size x Size,
// before ReLU (the convolution alone, h_conv) and after it
// (relu(h_conv + b), h_conv_cutoff).
type featureMaps struct {
	Count  int       `json:"count"`
	Size   int       `json:"size"`
	Before mapPixels `json:"before"`
	After  mapPixels `json:"after"`
}

// mapPixels holds Count maps compactly: Data is base64 of Count*Size*Size
// bytes, map after map, row after row, each map scaled linearly from its
// own Min (0) to its own Max (255), as matplotlib's imshow normalises each
// image; a constant map is all 0. Min and Max keep the values, so
// Min[f] + b/255*(Max[f]-Min[f]) recovers a pixel to within 1/255 of its
// map's range.
type mapPixels struct {
	Data string    `json:"data"`
	Min  []float32 `json:"min"`
	Max  []float32 `json:"max"`
}

// restoreCNN builds the CNN's inference graph (the builder cmd/mnist-cnn
// trains with, stopped at p) and restores path into it, ignoring any
// optimizer entries the checkpoint also holds.
func restoreCNN(path string) (*models.CNN, *session.Session, error) {
	g := graph.New()
	m := models.NewCNN(g, false)
	sess := session.New(g)
	if err := train.NewSaver().Restore(sess, path); err != nil {
		return nil, nil, err
	}
	return m, sess, nil
}

// NewRecognizer serves predictions from a restored CNN until ctx ends.
func NewRecognizer(ctx context.Context, m *models.CNN, sess *session.Session) *Recognizer {
	r := &Recognizer{m: m, sess: sess, queue: make(chan *job, 4*maxBatch)}
	go r.serve(ctx)
	return r
}

// predict classifies one 784-pixel image, waiting its turn in a batch.
func (r *Recognizer) predict(ctx context.Context, image []float32, maps bool) (prediction, error) {
	j := &job{ctx: ctx, image: image, maps: maps, done: make(chan jobResult, 1)}
	select {
	case r.queue <- j:
	case <-ctx.Done():
		return prediction{}, ctx.Err()
	}
	select {
	case res := <-j.done:
		return res.pred, res.err
	case <-ctx.Done():
		return prediction{}, ctx.Err()
	}
}

// serve runs batches: it takes the first waiting job, then whatever else
// is already waiting, up to maxBatch, and answers them with as few Runs
// as it can: the jobs that want maps apart from the others, each group in
// runs of a power of two (a group of 13 is runs of 8, 4 and 1). Padding
// to a power of two instead would waste a forward pass per blank image,
// and one per image is what a Run of the CNN costs.
func (r *Recognizer) serve(ctx context.Context) {
	for {
		var batch []*job
		select {
		case j := <-r.queue:
			batch = append(batch, j)
		case <-ctx.Done():
			return
		}
	fill:
		for len(batch) < maxBatch {
			select {
			case j := <-r.queue:
				batch = append(batch, j)
			default:
				break fill
			}
		}
		var plain, withMaps []*job
		for _, j := range batch {
			switch {
			case j.ctx.Err() != nil: // its client has gone
			case j.maps:
				withMaps = append(withMaps, j)
			default:
				plain = append(plain, j)
			}
		}
		for _, group := range [][]*job{withMaps, plain} {
			for len(group) > 0 {
				n := 1 << (bits.Len(uint(len(group))) - 1)
				r.answer(group[:n])
				group = group[n:]
			}
		}
	}
}

// answer runs one batch of jobs that all want maps or all do not.
func (r *Recognizer) answer(jobs []*job) {
	images := make([][]float32, len(jobs))
	for i, j := range jobs {
		images[i] = j.image
	}
	preds, err := r.run(images, jobs[0].maps)
	for i, j := range jobs {
		if err != nil {
			j.done <- jobResult{err: err}
		} else {
			j.done <- jobResult{pred: preds[i]}
		}
	}
}

// run is the session path every prediction takes: one Run of p (and, with
// withMaps, of the conv maps) on the images, keep_prob fed 1.0, as the
// notebook's sess.run(p, feed_dict={x: [image], keep_prob: 1.0}).
func (r *Recognizer) run(images [][]float32, withMaps bool) ([]prediction, error) {
	fetches := []any{r.m.P}
	if withMaps {
		// the notebook's h_conv (before ReLU) and h_conv_cutoff (after)
		// are the builder's HConvCutoff and HConv
		fetches = append(fetches, r.m.HConv1Cutoff, r.m.HConv1, r.m.HConv2Cutoff, r.m.HConv2)
	}
	arrs, err := r.sess.RunTensors(session.Feed{r.m.X: images, r.m.KeepProb: 1.0}, fetches...)
	if err != nil {
		return nil, errors.Wrap(err, "running the CNN")
	}
	p := arrs[0].Float32s()
	preds := make([]prediction, len(images))
	for i := range preds {
		probs := append([]float32(nil), p[i*10:(i+1)*10]...)
		preds[i] = prediction{Digit: argmax(probs), Probabilities: probs}
		if withMaps {
			preds[i].Conv1 = &featureMaps{Count: 32, Size: imageSize,
				Before: scaleMaps(arrs[1].Float32s(), i, imageSize, 32),
				After:  scaleMaps(arrs[2].Float32s(), i, imageSize, 32)}
			preds[i].Conv2 = &featureMaps{Count: 64, Size: imageSize / 2,
				Before: scaleMaps(arrs[3].Float32s(), i, imageSize/2, 64),
				After:  scaleMaps(arrs[4].Float32s(), i, imageSize/2, 64)}
		}
	}
	return preds, nil
}

// argmax is the index of the largest value, the first on ties (np.argmax).
func argmax(v []float32) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// scaleMaps takes image b's maps out of an NHWC activation of size x size
// x count and scales each into bytes from its own min to its own max.
func scaleMaps(a []float32, b, size, count int) mapPixels {
	area := size * size
	img := a[b*area*count : (b+1)*area*count]
	out := mapPixels{Min: make([]float32, count), Max: make([]float32, count)}
	data := make([]byte, count*area)
	for f := 0; f < count; f++ {
		lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
		for k := 0; k < area; k++ {
			v := img[k*count+f]
			lo, hi = min(lo, v), max(hi, v)
		}
		out.Min[f], out.Max[f] = lo, hi
		if hi > lo {
			for k := 0; k < area; k++ {
				data[f*area+k] = byte(math.Round(float64((img[k*count+f] - lo) / (hi - lo) * 255)))
			}
		}
	}
	out.Data = base64.StdEncoding.EncodeToString(data)
	return out
}
