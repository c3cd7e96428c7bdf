package gemm

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/tf1go/tf1go/internal/cputime"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// benchShapes are the lecture's products: the MNIST layers forward and
// backward, and the convolutions' im2col products, for a whole batch and
// (as ops' convolutions run them) per image.
var benchShapes = []struct {
	name           string
	transA, transB bool
	m, n, k        int
}{
	{"fc1_100x784x1024", false, false, 100, 1024, 784},
	{"fc1_dW_784x100Tx1024", true, false, 784, 1024, 100},
	{"fc1_dX_100x1024x1024T", false, true, 100, 784, 1024},
	{"fc2_100x1024x10", false, false, 100, 10, 1024},
	{"fc_50x3136x1024", false, false, 50, 1024, 3136},
	{"fc_dX_50x1024x3136T", false, true, 50, 3136, 1024},
	{"fc_dW_3136x50Tx1024", true, false, 3136, 1024, 50},
	{"conv1_9800x25x32", false, false, 9800, 32, 25},
	{"conv2_9800x800x64", false, false, 9800, 64, 800},
	{"conv2_2450x800x64", false, false, 2450, 64, 800},
	{"conv2_dW_800x9800Tx64", true, false, 800, 64, 9800},
	{"conv2_dX_9800x64x800T", false, true, 9800, 800, 64},
	// what the convolution runs: one image at a time
	{"conv2_img_196x800x64", false, false, 196, 64, 800},
	{"conv2_dW_img_800x196Tx64", true, false, 800, 64, 196},
	{"conv2_dX_img_196x64x800T", false, true, 196, 800, 64},
	{"logreg_35x2x1", false, false, 35, 1, 2},
}

func BenchmarkSgemm(b *testing.B) {
	for _, s := range benchShapes {
		ar, ac := s.m, s.k
		if s.transA {
			ar, ac = s.k, s.m
		}
		br, bc := s.k, s.n
		if s.transB {
			br, bc = s.n, s.k
		}
		a, bb, c := make([]float32, ar*ac), make([]float32, br*bc), make([]float32, s.m*s.n)
		for i := range a {
			a[i] = float32(i%7) - 3
		}
		for i := range bb {
			bb[i] = float32(i%5) - 2
		}
		flops := 2 * float64(s.m) * float64(s.n) * float64(s.k)
		var cpu0 float64
		start := func() { cpu0 = cputime.Seconds() }
		report := func(b *testing.B) {
			b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			if cpu := cputime.Seconds() - cpu0; cpu > 0 {
				b.ReportMetric(flops*float64(b.N)/cpu/1e9, "GFLOP/cpu-s")
			}
		}
		for k := min(best, avx2Kernel); k <= best; k++ {
			b.Run(fmt.Sprintf("%s/impl=%s", s.name, kernelNames[k]), func(b *testing.B) {
				defer func(saved int) { kernel = saved }(kernel)
				kernel = k
				start()
				b.ResetTimer()
				fastest := time.Duration(math.MaxInt64)
				for range b.N {
					t0 := time.Now()
					Sgemm(s.transA, s.transB, s.m, s.n, s.k, a, ac, bb, bc, c, s.n)
					fastest = min(fastest, time.Since(t0))
				}
				report(b)
				// the fastest call: what cmd/bench/gemm_ref.py reports for torch.mm
				b.ReportMetric(flops/fastest.Seconds()/1e9, "best-GFLOP/s")
			})
		}
		ta, tb := blas.NoTrans, blas.NoTrans
		if s.transA {
			ta = blas.Trans
		}
		if s.transB {
			tb = blas.Trans
		}
		b.Run(fmt.Sprintf("%s/impl=gonum", s.name), func(b *testing.B) {
			start()
			b.ResetTimer()
			for range b.N {
				gonum.Implementation{}.Sgemm(ta, tb, s.m, s.n, s.k, 1, a, ac, bb, bc, 0, c, s.n)
			}
			report(b)
		})
	}
}

// BenchmarkKernel measures each micro-kernel the CPU runs alone on
// L1-resident panels: the ceiling for one core.
func BenchmarkKernel(b *testing.B) {
	const kc = 256
	a, bp, c := make([]float32, 2*mr*kc), make([]float32, 2*nr*kc), make([]float32, 4*mr*nr)
	for k := goKernel; k <= best; k++ {
		flops := 2 * mr * nr * kc
		if k == avx512Kernel {
			flops *= 4
		}
		b.Run("kernel="+kernelNames[k], func(b *testing.B) {
			cpu0 := cputime.Seconds()
			b.ResetTimer()
			for range b.N {
				switch k {
				case goKernel:
					kernelGo(kc, a, 1, mr, bp, c, nr, false)
				case avx2Kernel:
					kernel6x16(kc, &a[0], 1, mr, &bp[0], &c[0], nr, false)
				case avx512Kernel:
					kernel12x32(kc, &a[0], &a[mr*kc], 1, mr, &bp[0], nr*kc, nr, &c[0], 2*nr, false)
				}
			}
			b.ReportMetric(float64(flops)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			b.ReportMetric(float64(flops)*float64(b.N)/(cputime.Seconds()-cpu0)/1e9, "GFLOP/cpu-s")
		})
	}
}
