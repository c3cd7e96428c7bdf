//go:build !amd64

package ops

// max4 sets dst[i] = pick(pick(pick(a[i], b[i]), c[i]), d[i]).
func max4(dst, a, b, c, d []float32) { max4Go(dst, a, b, c, d) }

// biasRelu32 is biasReluGo for float32 rows of len(bias) floats, all of
// rows (whose length is a multiple of len(bias)).
func biasRelu32(rows, bias []float32, withRelu bool) {
	for r := 0; len(bias) > 0 && r+len(bias) <= len(rows); r += len(bias) {
		biasReluGo(rows[r:r+len(bias)], bias, withRelu)
	}
}

// reluGradient32 is the float32 ReluGrad kernel: dst = a > 0 ? b : +0.
func reluGradient32(dst, a, b []float32) { reluGradGo(dst, a, b) }

// colSums32 takes no columns: the caller's loop sums them all.
func colSums32(acc []float64, x []float32, rows, ldx int) int { return 0 }

// max2x2Arg is max2x2ArgGo for all len(best) channels.
func max2x2Arg(x []float32, at, cs, row int, best []float32, arg []int) {
	max2x2ArgGo(x, at, cs, row, best, arg, 0)
}

// route2x2 is route2x2Go for all channels.
func route2x2(x, dy, dx []float32, args []int, at, cs, row int, relu bool) {
	route2x2Go(x, dy, dx, args, at, cs, row, relu, 0)
}

// refound2x2 is how many of cs channels route2x2 finds the argmax of
// again rather than reading it: none.
func refound2x2(cs int) int { return 0 }
