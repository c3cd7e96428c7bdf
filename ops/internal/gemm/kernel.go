package gemm

// kernelGo is the portable micro-kernel: the 6×16 tile C = Ap·Bp (C += Ap·Bp
// if acc) from k steps of packed panels, the same contract as kernel6x16.
// It works on 2×4 sub-tiles so that the eight sums stay in registers.
func kernelGo(k int, a, b, c []float32, ldc int, acc bool) {
	a = a[:k*mr]
	b = b[:k*nr]
	for r := 0; r < mr; r += 2 {
		c0 := c[r*ldc : r*ldc+nr]
		c1 := c[(r+1)*ldc : (r+1)*ldc+nr]
		for j := 0; j < nr; j += 4 {
			var s00, s01, s02, s03, s10, s11, s12, s13 float32
			for p := range k {
				ap := a[p*mr+r : p*mr+r+2]
				bp := b[p*nr+j : p*nr+j+4]
				a0, a1 := ap[0], ap[1]
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
// allocation, for products too small to pay for either.
func (p problem) small() {
	m, n, k := p.m, p.n, p.k
	a, b, c := p.a, p.b, p.c
	lda, ldb, ldc := p.lda, p.ldb, p.ldc
	for i := range m {
		ci := c[i*ldc : i*ldc+n]
		if p.transB {
			// C[i,j] = Σp op(A)[i,p]·B[j,p], with B's rows contiguous.
			for j := range n {
				bj := b[j*ldb : j*ldb+k]
				var s float32
				if p.transA {
					for q, v := range bj {
						s += a[q*lda+i] * v
					}
				} else {
					for q, v := range a[i*lda : i*lda+k] {
						s += v * bj[q]
					}
				}
				ci[j] = s
			}
			continue
		}
		// C[i,:] = Σp op(A)[i,p]·B[p,:].
		clear(ci)
		for q := range k {
			var aiq float32
			if p.transA {
				aiq = a[q*lda+i]
			} else {
				aiq = a[i*lda+q]
			}
			for j, v := range b[q*ldb : q*ldb+n] {
				ci[j] += aiq * v
			}
		}
	}
}
