package philox

import (
	"math"
	"runtime"
	"testing"
)

// TestKnownAnswers checks Philox4x32-10 against Random123's published
// known-answer vectors (its tests/kat_vectors): counter, key, output.
func TestKnownAnswers(t *testing.T) {
	for _, c := range []struct {
		counter [4]uint32
		key     [2]uint32
		want    [4]uint32
	}{
		{[4]uint32{0, 0, 0, 0}, [2]uint32{0, 0},
			[4]uint32{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
		{[4]uint32{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, [2]uint32{0xffffffff, 0xffffffff},
			[4]uint32{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
		{[4]uint32{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, [2]uint32{0xa4093822, 0x299f31d0},
			[4]uint32{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
	} {
		if got := Block(c.counter, c.key); got != c.want {
			t.Errorf("Block(%#x, %#x) = %#x, want %#x", c.counter, c.key, got, c.want)
		}
	}
	var zero Generator
	if got := zero.Next(); got != [4]uint32{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8} {
		t.Errorf("the zero Generator's first block is %#x", got)
	}
}

// TestNewKeys checks that New(seed, seed2) is TF's PhiloxRandom(seed,
// seed2): key from seed, counter words 2 and 3 from seed2.
func TestNewKeys(t *testing.T) {
	g := New(0x1122334455667788, 0x99aabbccddeeff00)
	want := Generator{counter: [4]uint32{0, 0, 0xddeeff00, 0x99aabbcc}, key: [2]uint32{0x55667788, 0x11223344}}
	if g != want {
		t.Errorf("New = %+v, want %+v", g, want)
	}
	// the ODE notebook's hidden weights: graph seed 20160703, op seed 23
	odeW2 := New(20160703, 23)
	if got := odeW2.Next(); got != [4]uint32{0xd0ed26d9, 0x4b40e8dd, 0x1b911da6, 0x8c0eec22} {
		t.Errorf("New(20160703, 23)'s first block is %#x", got)
	}
}

// TestSkipCarries checks Skip's carries: into word 1 from word 0, into
// words 2 and 3 from word 1, as TF's PhiloxRandom::Skip.
func TestSkipCarries(t *testing.T) {
	for _, c := range []struct {
		from [4]uint32
		n    uint64
		want [4]uint32
	}{
		{[4]uint32{5, 0, 0, 0}, 3, [4]uint32{8, 0, 0, 0}},
		{[4]uint32{0xffffffff, 0, 7, 7}, 1, [4]uint32{0, 1, 7, 7}},
		{[4]uint32{1, 2, 3, 4}, 1 << 32, [4]uint32{1, 3, 3, 4}},
		{[4]uint32{0xffffffff, 0xffffffff, 7, 7}, 1, [4]uint32{0, 0, 8, 7}},
		{[4]uint32{0, 0xffffffff, 0xffffffff, 7}, 1 << 32, [4]uint32{0, 0, 0, 8}},
	} {
		g := Generator{counter: c.from}
		g.Skip(c.n)
		if g.counter != c.want {
			t.Errorf("Skip(%d) from %#x = %#x, want %#x", c.n, c.from, g.counter, c.want)
		}
	}
	// Skip(n) then Next is the n-th block
	a, b := New(1, 2), New(1, 2)
	for range 5 {
		a.Next()
	}
	b.Skip(5)
	if a.Next() != b.Next() {
		t.Error("Skip(5) is not five Nexts")
	}
}

func TestUint32ToFloat(t *testing.T) {
	for _, c := range []struct {
		x    uint32
		want float32
	}{
		{0, 0},
		{0xff800000, 0}, // only the low 23 bits count
		{0x400000, 0.5},
		{0x7fffff, 1 - 1.0/(1<<23)},
	} {
		if got := Uint32ToFloat(c.x); got != c.want {
			t.Errorf("Uint32ToFloat(%#x) = %v, want %v", c.x, got, c.want)
		}
	}
	if got := Uint64ToDouble(0x80000, 0); got != 0.5 {
		t.Errorf("Uint64ToDouble(0x80000, 0) = %v, want 0.5", got)
	}
	if got := Uint64ToDouble(0xfff00000, 1); got != 1.0/(1<<52) {
		t.Errorf("Uint64ToDouble(0xfff00000, 1) = %v, want 2^-52", got)
	}
}

// TestBoxMuller checks the transform on hand-computed points: u1 = 0.5
// gives radius sqrt(2 ln 2); u2 = 0 the angle 0 (sin 0, cos r); u1 = 0
// is clamped to 1e-7 rather than sent to log.
func TestBoxMuller(t *testing.T) {
	r := float32(math.Sqrt(2 * math.Ln2))
	if s, c := BoxMullerFloat(0x400000, 0); s != 0 || c != r {
		t.Errorf("BoxMullerFloat(0.5, 0) = %v, %v, want 0, %v", s, c, r)
	}
	if s, c := BoxMullerFloat(0x400000, 0x200000); math.Abs(float64(s-r)) > 1e-6 || math.Abs(float64(c)) > 1e-6 {
		t.Errorf("BoxMullerFloat(0.5, 0.25) = %v, %v, want %v, 0", s, c, r)
	}
	if _, c := BoxMullerFloat(0, 0); c != float32(math.Sqrt(-2*math.Log(float64(float32(1e-7))))) {
		t.Errorf("BoxMullerFloat(0, 0) cos part %v, want sqrt(-2 log 1e-7)", c)
	}
}

// tfTruncatedNormal20160703_23 are the first values TF's TruncatedNormal
// kernel drew for graph seed 20160703 and op seed 23: the ODE notebook's
// hidden weights w2 (392x2, stddev 1), which reproduce the notebook's
// printed losses (see cmd/orenist-dynamic-filter). An independent
// reconstruction (a colleague's scratch code, which rounds Box–Muller's
// angle and logarithm to float32 where TF 0.x's C++ kept double) agrees
// to within 3e-6 in every value and trains to the same printed lines.
var tfTruncatedNormal20160703_23 = []float32{
	-0.025193965, -0.5638684, 1.3414785, 1.4914727,
	0.31823137, -1.3747604, -0.24901825, 0.25623825,
}

func TestFillTruncatedNormal(t *testing.T) {
	got := make([]float32, 784)
	FillTruncatedNormal(New(20160703, 23), got)
	for i, want := range tfTruncatedNormal20160703_23 {
		if got[i] != want {
			t.Errorf("value %d = %v, want %v", i, got[i], want)
		}
	}
	var sum, sq float64
	for _, v := range got {
		if !(v > -2 && v < 2) {
			t.Fatalf("value %v not in (-2, 2)", v)
		}
		sum += float64(v)
		sq += float64(v) * float64(v)
	}
	if mean, sd := sum/784, math.Sqrt(sq/784); math.Abs(mean) > 0.1 || math.Abs(sd-0.88) > 0.06 {
		t.Errorf("mean %.3f rms %.3f, want about 0 and 0.88", mean, sd)
	}
	// each group of four starts 256 blocks after the last: a shorter
	// output is a prefix, and a group does not depend on the ones before
	short := make([]float32, 6)
	FillTruncatedNormal(New(20160703, 23), short)
	for i := range short {
		if short[i] != got[i] {
			t.Fatalf("a 6-value fill differs at %d: %v, want %v", i, short[i], got[i])
		}
	}
	g := New(20160703, 23)
	g.Skip(256 * 3)
	third := make([]float32, 4)
	FillTruncatedNormal(g, third)
	for i := range third {
		if third[i] != got[12+i] {
			t.Fatalf("group 3 from a skipped generator differs at %d", i)
		}
	}
}

func TestFillUniform(t *testing.T) {
	g := New(7, 9)
	want := g.Next()
	next := g.Next()
	got := make([]float32, 6)
	FillUniform(New(7, 9), got)
	for i, w := range append(want[:], next[:2]...) {
		if got[i] != Uint32ToFloat(w) {
			t.Errorf("value %d = %v, want Uint32ToFloat(%#x)", i, got[i], w)
		}
	}
	got64 := make([]float64, 3)
	FillUniform64(New(7, 9), got64)
	for i, w := range []float64{Uint64ToDouble(want[0], want[1]), Uint64ToDouble(want[2], want[3]), Uint64ToDouble(next[0], next[1])} {
		if got64[i] != w {
			t.Errorf("float64 value %d = %v, want %v", i, got64[i], w)
		}
	}
}

// TestFillSplit: fills long enough to be split across goroutines give the
// serial fill's values, block after block from one generator (truncated
// normals: group after group, each from its own skipped generator), at
// any GOMAXPROCS.
func TestFillSplit(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	const n = 5*fillGrain + 7 // pieces and a ragged end
	g := New(11, 13)
	blocks := make([][4]uint32, (n+1)/2) // enough for float64s, two a block
	serial := g
	for i := range blocks {
		blocks[i] = serial.Next()
	}
	wantU, wantN := make([]float32, n), make([]float32, n)
	wantU64 := make([]float64, n)
	for i := range n {
		b := blocks[i/4]
		wantU[i] = Uint32ToFloat(b[i%4])
		f0, f1 := BoxMullerFloat(b[i%4&^1], b[i%4|1])
		wantN[i] = [2]float32{f0, f1}[i%2]
		b = blocks[i/2]
		wantU64[i] = [2]float64{Uint64ToDouble(b[0], b[1]), Uint64ToDouble(b[2], b[3])}[i%2]
	}
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		u, nn, tn := make([]float32, n), make([]float32, n), make([]float32, n)
		u64 := make([]float64, n)
		FillUniform(g, u)
		FillNormal(g, nn)
		FillUniform64(g, u64)
		FillTruncatedNormal(g, tn)
		for i := range n {
			if u[i] != wantU[i] || nn[i] != wantN[i] {
				t.Fatalf("procs %d, value %d: uniform %v normal %v, want %v %v", procs, i, u[i], nn[i], wantU[i], wantN[i])
			}
			if u64[i] != wantU64[i] {
				t.Fatalf("procs %d, float64 value %d: %v, want %v", procs, i, u64[i], wantU64[i])
			}
		}
		for grp := 0; grp*4 < n; grp++ {
			gen := g
			gen.Skip(uint64(grp) * samplesPerOutput)
			want := truncatedNormal(&single{gen: &gen})
			for j := 0; j < 4 && grp*4+j < n; j++ {
				if tn[grp*4+j] != want[j] {
					t.Fatalf("procs %d, truncated normal %d: %v, want %v", procs, grp*4+j, tn[grp*4+j], want[j])
				}
			}
		}
	}
}

// TestStreamReserves checks the per-run state: each run reserves 256
// blocks per value, so the second run of a 5-value op draws from the
// generator skipped 1280 blocks, whatever the first one used.
func TestStreamReserves(t *testing.T) {
	s := NewStream(20160704, 59)
	first, second := make([]float32, 5), make([]float32, 5)
	s.TruncatedNormal(first)
	s.Uniform(second)
	g := New(20160704, 59)
	want := make([]float32, 5)
	FillTruncatedNormal(g, want)
	if first[0] != want[0] || first[4] != want[4] {
		t.Errorf("first run %v, want %v", first, want)
	}
	g.Skip(5 * 256)
	FillUniform(g, want)
	for i := range want {
		if second[i] != want[i] {
			t.Fatalf("second run %v, want %v", second, want)
		}
	}
	if got := s.ReserveSamples128(0); got != func() Generator { h := New(20160704, 59); h.Skip(10 * 256); return h }() {
		t.Errorf("after two 5-value runs the stream is at %+v", got)
	}
}

// TestUnseededStream checks TF's rule for seeds 0 and 0: random keys,
// so two such streams differ.
func TestUnseededStream(t *testing.T) {
	a, b := make([]float32, 4), make([]float32, 4)
	NewStream(0, 0).Uniform(a)
	NewStream(0, 0).Uniform(b)
	if a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3] {
		t.Errorf("two unseeded streams drew %v and %v", a, b)
	}
	c, d := make([]float32, 4), make([]float32, 4)
	NewStream(0, 1).Uniform(c)
	FillUniform(New(0, 1), d)
	if c[0] != d[0] {
		t.Errorf("seeds 0, 1 are seeds, not a request for random ones")
	}
}

func BenchmarkTruncatedNormal(b *testing.B) {
	out := make([]float32, 784*1024)
	s := NewStream(20160612, 4)
	b.SetBytes(int64(4 * len(out)))
	for b.Loop() {
		s.TruncatedNormal(out)
	}
}

func TestFillNormal(t *testing.T) {
	g := New(7, 9)
	b := g.Next()
	got := make([]float32, 4)
	FillNormal(New(7, 9), got)
	f0, f1 := BoxMullerFloat(b[0], b[1])
	f2, f3 := BoxMullerFloat(b[2], b[3])
	for i, w := range []float32{f0, f1, f2, f3} {
		if got[i] != w {
			t.Errorf("value %d = %v, want %v", i, got[i], w)
		}
	}
}

func BenchmarkUniform(b *testing.B) {
	out := make([]float32, 50*1024) // the lecture CNN's dropout mask
	s := NewStream(20160612, 4)
	b.SetBytes(int64(4 * len(out)))
	for b.Loop() {
		s.Uniform(out)
	}
}

// withImpls runs f with every implementation of blocks the CPU runs,
// saying which are skipped here and why.
func withImpls(t *testing.T, f func(t *testing.T)) {
	defer func(saved int) { impl = saved }(impl)
	best := bestBlocks()
	for im, name := range implNames {
		if im > best {
			t.Run(name, func(t *testing.T) { t.Skipf("this CPU lacks %s (best here: %s)", name, implNames[best]) })
			continue
		}
		impl = im
		t.Run(name, f)
	}
}

// TestFillIsNext: fill's words are Next's, block after block, for every
// implementation, for every length up to three times the widest's
// blocks at once (32) and a few longer, from counters whose words carry
// (0→1, 0→1→2→3, and the whole counter wrapping to 0), some 32 blocks
// or a multiple short of a carry, some not.
func TestFillIsNext(t *testing.T) {
	starts := [][4]uint32{
		{0, 0, 0, 0},
		{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
		{0xfffffffe, 5, 6, 7},
		{0xfffffff0, 0xffffffff, 0xffffffff, 9},
		{0xffffffe9, 0xffffffff, 0xffffffff, 0xffffffff},
		{0xffffffc0, 0xffffffff, 3, 4},
		{0xffffffb0, 0xffffffff, 0xffffffff, 0xffffffff},
	}
	lengths := []int{1000, 4099}
	for n := range 97 {
		lengths = append(lengths, n)
	}
	withImpls(t, func(t *testing.T) {
		for _, c := range starts {
			for _, n := range lengths {
				g := Generator{counter: c, key: [2]uint32{0xa4093822, 0x299f31d0}}
				want := g
				got := make([]uint32, 4*n+1)
				got[4*n] = 0xdeadbeef // fill writes no further
				g.fill(got[:4*n])
				for i := range n {
					if w := want.Next(); [4]uint32(got[4*i:]) != w {
						t.Fatalf("from %#x, %d blocks: block %d is %#x, want %#x", c, n, i, got[4*i:4*i+4], w)
					}
				}
				if got[4*n] != 0xdeadbeef {
					t.Fatalf("from %#x, %d blocks: wrote past the end", c, n)
				}
				if g != want {
					t.Fatalf("from %#x, %d blocks: generator at %#x after, want %#x", c, n, g.counter, want.counter)
				}
			}
		}
	})
}

// BenchmarkFill draws the lecture CNN's dropout mask's words with each
// implementation of blocks the CPU runs.
func BenchmarkFill(b *testing.B) {
	defer func(saved int) { impl = saved }(impl)
	w := make([]uint32, 50*1024)
	for im := range bestBlocks() + 1 {
		impl = im
		b.Run(implNames[im], func(b *testing.B) {
			g := New(20160612, 4)
			b.SetBytes(int64(4 * len(w)))
			for b.Loop() {
				g.fill(w)
			}
		})
	}
}

// TestUniforms: uniforms is Uint32ToFloat word for word, for every
// implementation, every length up to three times 16 lanes and words
// with every low bit pattern class (zero, all ones, high bits only).
func TestUniforms(t *testing.T) {
	src := make([]uint32, 50)
	g := New(3, 4)
	g.fill(src[:48])
	src[0], src[1], src[2], src[3], src[48], src[49] = 0, 0xffffffff, 0xff800000, 0x7fffff, 1, 0x80000000
	withImpls(t, func(t *testing.T) {
		for n := range len(src) {
			got := make([]float32, n+1)
			got[n] = -1 // uniforms writes no further
			uniforms(impl, got[:n], src)
			for i := range n {
				if want := Uint32ToFloat(src[i]); math.Float32bits(got[i]) != math.Float32bits(want) {
					t.Fatalf("%d words: value %d is %v for %#x, want %v", n, i, got[i], src[i], want)
				}
			}
			if got[n] != -1 {
				t.Fatalf("%d words: wrote past the end", n)
			}
		}
	})
}
