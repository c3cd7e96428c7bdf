package ops

// max4SSE is pick over four vectors, four lanes at a time: MAXPS(v, m)
// is exactly "v > m ? v : m", NaN and signed zeros included.
//
//go:noescape
func max4SSE(dst, a, b, c, d *float32, n int)

// max4 sets dst[i] = pick(pick(pick(a[i], b[i]), c[i]), d[i]).
func max4(dst, a, b, c, d []float32) {
	n := len(dst) / 4
	if n > 0 {
		_, _, _, _ = a[4*n-1], b[4*n-1], c[4*n-1], d[4*n-1]
		max4SSE(&dst[0], &a[0], &b[0], &c[0], &d[0], n)
	}
	max4Go(dst[4*n:], a[4*n:], b[4*n:], c[4*n:], d[4*n:])
}

// biasReluSSE adds bias to each of rows rows of 4n floats and, if relu,
// applies ReLU, four lanes at a time, with the bits of the Go loop (see
// the assembly).
//
//go:noescape
func biasReluSSE(row, bias *float32, n, rows int, relu bool)

// biasRelu32 is biasReluGo for float32 rows of len(bias) floats, all of
// rows (whose length is a multiple of len(bias)).
func biasRelu32(rows, bias []float32, withRelu bool) {
	o := len(bias)
	if o == 0 {
		return
	}
	n := o / 4
	if o%4 != 0 || n == 0 {
		for r := 0; r+o <= len(rows); r += o {
			if n > 0 {
				biasReluSSE(&rows[r], &bias[0], n, 1, withRelu)
			}
			biasReluGo(rows[r+4*n:r+o], bias[4*n:], withRelu)
		}
		return
	}
	if k := len(rows) / o; k > 0 {
		biasReluSSE(&rows[0], &bias[0], n, k, withRelu)
	}
}

// reluGradSSE is reluGradGo on 4n elements: CMPLTPS(0, a) is the mask
// of a > 0 (false for NaN), ANDPS keeps b's bits or gives +0.
//
//go:noescape
func reluGradSSE(dst, a, b *float32, n int)

// reluGradient32 is the float32 ReluGrad kernel: dst = a > 0 ? b : +0.
func reluGradient32(dst, a, b []float32) {
	n := len(dst) / 4
	if n > 0 {
		_, _ = a[4*n-1], b[4*n-1]
		reluGradSSE(&dst[0], &a[0], &b[0], n)
	}
	reluGradGo(dst[4*n:], a[4*n:], b[4*n:])
}

// colSum16SSE adds rows rows of x, ldx floats apart, into acc, 16
// columns at a time for n times: acc[j] += float64(x[r·ldx+j]), r in
// order, for j < 16n (SSE2).
//
//go:noescape
func colSum16SSE(acc *float64, x *float32, ldx, rows, n int)

// colSums32 adds the first columns of rows rows of x (ldx floats
// apart) into acc, in row order, as many as the vector kernel takes (a
// multiple of 16, at most len(acc)), and returns how many it took. It
// goes through the rows a block of about 16 KB at a time, every group
// of 16 columns in turn, so the groups after the first read the block
// from the cache: x is read from memory once, not once a group.
func colSums32(acc []float64, x []float32, rows, ldx int) int {
	n := len(acc) / 16
	if n == 0 || rows == 0 {
		return 0
	}
	_ = x[(rows-1)*ldx+16*n-1]
	block := max(1, 4096/ldx)
	for r := 0; r < rows; r += block {
		colSum16SSE(&acc[0], &x[r*ldx], ldx, min(block, rows-r), n)
	}
	return 16 * n
}

// max2x2ArgSSE is max2x2ArgGo for channels 0 to 4n, four at a time,
// from x = &x[at]: CMPLTPS masks choose the values and, widened to 64
// bits, the indices (SSE2).
//
//go:noescape
func max2x2ArgSSE(best *float32, arg *int, x *float32, at, cs, row, n int)

// max2x2Arg is max2x2ArgGo for all len(best) channels.
func max2x2Arg(x []float32, at, cs, row int, best []float32, arg []int) {
	n := len(best) / 4
	if n > 0 {
		_, _ = arg[4*n-1], x[at+row+cs+4*n-1]
		max2x2ArgSSE(&best[0], &arg[0], &x[at], at, cs, row, n)
	}
	max2x2ArgGo(x, at, cs, row, best, arg, 4*n)
}

// route2x2SSE is route2x2Go for channels 0 to 4n, four at a time, with
// dx = &dx[at], x = &x[at] and dy = &dy[0]. It finds each argmax again
// with max2x2ArgSSE's comparisons, in masks (SSE), rather than reading
// args: the same corner, so the same bits.
//
//go:noescape
func route2x2SSE(dx, x, dy *float32, cs, row, n int, relu bool)

// refound2x2 is how many of cs channels route2x2 finds the argmax of
// again rather than reading it: those route2x2SSE takes.
func refound2x2(cs int) int { return cs &^ 3 }

// route2x2 is route2x2Go for all cs channels.
func route2x2(x, dy, dx []float32, args []int, at, cs, row int, relu bool) {
	n := refound2x2(cs) / 4
	if n > 0 {
		_, _, _ = x[at+row+cs+4*n-1], dx[at+row+cs+4*n-1], dy[4*n-1]
		route2x2SSE(&dx[at], &x[at], &dy[0], cs, row, n, relu)
	}
	route2x2Go(x, dy, dx, args, at, cs, row, relu, 4*n)
}
