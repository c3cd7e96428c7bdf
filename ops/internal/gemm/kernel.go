package gemm

// kernelGo is the portable micro-kernel, with kernel6x16's contract: the
// 6×16 tile C = A·Bp (C += A·Bp if acc) over k steps, element (r, p) of
// A at a[r·rs+p·ps] and Bp a packed 16-column panel. It works on 2×4
// sub-tiles so that the eight sums stay in registers.
func kernelGo(k int, a []float32, rs, ps int, b, c []float32, ldc int, acc bool) {
	b = b[:k*nr]
	for r := 0; r < mr; r += 2 {
		c0 := c[r*ldc : r*ldc+nr]
		c1 := c[(r+1)*ldc : (r+1)*ldc+nr]
		for j := 0; j < nr; j += 4 {
			var s00, s01, s02, s03, s10, s11, s12, s13 float32
			i0, i1 := r*rs, (r+1)*rs
			for p := range k {
				bp := b[p*nr+j : p*nr+j+4]
				a0, a1 := a[i0], a[i1]
				i0 += ps
				i1 += ps
				b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
				s00 += a0 * b0
				s01 += a0 * b1
				s02 += a0 * b2
				s03 += a0 * b3
				s10 += a1 * b0
				s11 += a1 * b1
				s12 += a1 * b2
				s13 += a1 * b3
			}
			d0 := c0[j : j+4]
			d1 := c1[j : j+4]
			if acc {
				d0[0] += s00
				d0[1] += s01
				d0[2] += s02
				d0[3] += s03
				d1[0] += s10
				d1[1] += s11
				d1[2] += s12
				d1[3] += s13
			} else {
				d0[0], d0[1], d0[2], d0[3] = s00, s01, s02, s03
				d1[0], d1[1], d1[2], d1[3] = s10, s11, s12, s13
			}
		}
	}
}

// small computes the product with plain loops: no packing, no
// allocation, for products too small to pay for either. Every element of
// C is summed in order over k, one rounded product at a time, exactly as
// gonum's (and a textbook) loop would: the lecture's tiny optimization
// problems (least squares, logistic regression) are chaotic enough to
// show any other order in their printed losses. (The float32 conversions
// keep the compiler from fusing a multiply and add where GOAMD64 allows
// FMA, as the Go spec provides.)
func (p problem) small() {
	if !p.transB && p.n >= 4 && !p.add {
		p.smallRows()
	} else {
		p.smallDots()
	}
}

// smallRows builds each row of C as a combination of B's rows, which are
// contiguous: C[i,:] = Σq op(A)[i,q]·B[q,:].
func (p problem) smallRows() {
	n, k, ldb := p.n, p.k, p.ldb
	sai, saq := p.lda, 1 // op(A)[i,q] = a[i*sai+q*saq]
	if p.transA {
		sai, saq = 1, p.lda
	}
	a, b := p.a, p.b
	for i := range p.m {
		ci := p.c[i*p.ldc : i*p.ldc+n]
		x := a[i*sai]
		for j, v := range b[:n] {
			ci[j] = x * v
		}
		for q := 1; q < k; q++ {
			x := a[i*sai+q*saq]
			for j, v := range b[q*ldb : q*ldb+n] {
				ci[j] += float32(x * v)
			}
		}
	}
}

// smallDots computes each element of C as a dot product (added to C's
// old value if p.add), four rows of C at a time so that the four sums'
// additions do not wait on one another.
func (p problem) smallDots() {
	k := p.k
	sai, saq := p.lda, 1 // op(A)[i,q] = a[i*sai+q*saq]
	if p.transA {
		sai, saq = 1, p.lda
	}
	sbq, sbj := p.ldb, 1 // op(B)[q,j] = b[q*sbq+j*sbj]
	if p.transB {
		sbq, sbj = 1, p.ldb
	}
	a, b, c, ldc := p.a, p.b, p.c, p.ldc
	for j := range p.n {
		i := 0
		for ; i+4 <= p.m; i += 4 {
			var s0, s1, s2, s3 float32
			ai, bi := i*sai, j*sbj
			for range k {
				y := b[bi]
				s0 += float32(a[ai] * y)
				s1 += float32(a[ai+sai] * y)
				s2 += float32(a[ai+2*sai] * y)
				s3 += float32(a[ai+3*sai] * y)
				ai += saq
				bi += sbq
			}
			if p.add {
				c[i*ldc+j] += s0
				c[(i+1)*ldc+j] += s1
				c[(i+2)*ldc+j] += s2
				c[(i+3)*ldc+j] += s3
			} else {
				c[i*ldc+j] = s0
				c[(i+1)*ldc+j] = s1
				c[(i+2)*ldc+j] = s2
				c[(i+3)*ldc+j] = s3
			}
		}
		for ; i < p.m; i++ {
			var s float32
			ai, bi := i*sai, j*sbj
			for range k {
				s += float32(a[ai] * b[bi])
				ai += saq
				bi += sbq
			}
			if p.add {
				c[i*ldc+j] += s
			} else {
				c[i*ldc+j] = s
			}
		}
	}
}
