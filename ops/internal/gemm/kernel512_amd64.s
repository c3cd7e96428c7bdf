#include "textflag.h"

// The AVX-512 kernels work on six rows of C at a time: rows r = 0-5 of
// an A panel, their accumulators c(2r) (C's columns 0-15) and c(2r+1)
// (16-31). kernel12x32 runs two such halves (Z4-Z15 for A's panel at SI,
// Z16-Z27 for the one at R13), kernel6x32 one (Z4-Z15).

// LOADB loads one k step of B's two 16-column halves, at DI and DI+BX.
#define LOADB \
	VMOVUPS (DI), Z0; \
	VMOVUPS (DI)(BX*1), Z1

// FMA6 is one k step of six rows: six broadcasts of A from the panel at
// A (offsets 0, R8, 2·R8, R9 = 3·R8, 4·R8, R10 = 5·R8), 12 FMAs.
#define FMA6(A, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11) \
	VBROADCASTSS (A), Z2; \
	VFMADD231PS  Z0, Z2, c0; \
	VFMADD231PS  Z1, Z2, c1; \
	VBROADCASTSS (A)(R8*1), Z3; \
	VFMADD231PS  Z0, Z3, c2; \
	VFMADD231PS  Z1, Z3, c3; \
	VBROADCASTSS (A)(R8*2), Z28; \
	VFMADD231PS  Z0, Z28, c4; \
	VFMADD231PS  Z1, Z28, c5; \
	VBROADCASTSS (A)(R9*1), Z29; \
	VFMADD231PS  Z0, Z29, c6; \
	VFMADD231PS  Z1, Z29, c7; \
	VBROADCASTSS (A)(R8*4), Z30; \
	VFMADD231PS  Z0, Z30, c8; \
	VFMADD231PS  Z1, Z30, c9; \
	VBROADCASTSS (A)(R10*1), Z31; \
	VFMADD231PS  Z0, Z31, c10; \
	VFMADD231PS  Z1, Z31, c11

// PREFETCHB asks for B's row 16 k steps ahead (R15 = 16·bk bytes) when
// B is read in place: each k step is then a new page, which the hardware
// prefetchers do not follow.
#define PREFETCHB \
	PREFETCHT0 (DI)(R15*1); \
	PREFETCHT0 64(DI)(R15*1)

// One k step of the 12×32 kernel: 24 FMAs, then A's panels move on by
// ps (R11) and B by step ($64 packed, R14 = bk bytes in place).
#define KSTEP12(step) \
	LOADB; \
	FMA6(SI, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15); \
	FMA6(R13, Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23, Z24, Z25, Z26, Z27); \
	ADDQ R11, SI; \
	ADDQ R11, R13; \
	ADDQ step, DI

// One k step of the 6×32 kernel: KSTEP12's first half.
#define KSTEP6(step) \
	LOADB; \
	FMA6(SI, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15); \
	ADDQ R11, SI; \
	ADDQ step, DI


#define ZERO6(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11) \
	VPXORD c0, c0, c0; \
	VPXORD c1, c1, c1; \
	VPXORD c2, c2, c2; \
	VPXORD c3, c3, c3; \
	VPXORD c4, c4, c4; \
	VPXORD c5, c5, c5; \
	VPXORD c6, c6, c6; \
	VPXORD c7, c7, c7; \
	VPXORD c8, c8, c8; \
	VPXORD c9, c9, c9; \
	VPXORD c10, c10, c10; \
	VPXORD c11, c11, c11

// PREFETCH6 asks for the two cache lines of each of six 32-column rows
// of C from AX on (rows R12 bytes apart) and leaves AX past them: the
// stores at the end then find C in cache even when the product streams
// through a C too big for it (a short k leaves too little time to fetch
// it on demand).
#define PREFETCH6 \
	PREFETCHT0 (AX); \
	PREFETCHT0 64(AX); \
	ADDQ       R12, AX; \
	PREFETCHT0 (AX); \
	PREFETCHT0 64(AX); \
	ADDQ       R12, AX; \
	PREFETCHT0 (AX); \
	PREFETCHT0 64(AX); \
	ADDQ       R12, AX; \
	PREFETCHT0 (AX); \
	PREFETCHT0 64(AX); \
	ADDQ       R12, AX; \
	PREFETCHT0 (AX); \
	PREFETCHT0 64(AX); \
	ADDQ       R12, AX; \
	PREFETCHT0 (AX); \
	PREFETCHT0 64(AX); \
	ADDQ       R12, AX

#define STOREROW(lo, hi) \
	VMOVUPS lo, (DX); \
	VMOVUPS hi, 64(DX); \
	ADDQ    R12, DX

#define ADDROW(lo, hi) \
	VADDPS  (DX), lo, lo; \
	VADDPS  64(DX), hi, hi; \
	VMOVUPS lo, (DX); \
	VMOVUPS hi, 64(DX); \
	ADDQ    R12, DX

// STORE6 stores six rows of C from DX on (R12 bytes apart), ADD6 adds
// them to C.
#define STORE6(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11) \
	STOREROW(c0, c1); \
	STOREROW(c2, c3); \
	STOREROW(c4, c5); \
	STOREROW(c6, c7); \
	STOREROW(c8, c9); \
	STOREROW(c10, c11)

#define ADD6(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11) \
	ADDROW(c0, c1); \
	ADDROW(c2, c3); \
	ADDROW(c4, c5); \
	ADDROW(c6, c7); \
	ADDROW(c8, c9); \
	ADDROW(c10, c11)

// func kernel12x32(k int, a0, a1 *float32, rs, ps int, b *float32, bs, bk int, c *float32, ldc int, acc bool)
TEXT ·kernel12x32(SB), NOSPLIT, $0-81
	MOVQ k+0(FP), CX
	MOVQ a0+8(FP), SI
	MOVQ a1+16(FP), R13
	MOVQ rs+24(FP), R8
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	LEAQ (R8)(R8*4), R10
	MOVQ ps+32(FP), R11
	SHLQ $2, R11
	MOVQ b+40(FP), DI
	MOVQ bs+48(FP), BX
	SHLQ $2, BX
	MOVQ bk+56(FP), R14
	SHLQ $2, R14
	MOVQ c+64(FP), DX
	MOVQ ldc+72(FP), R12
	SHLQ $2, R12
	MOVQ DX, AX
	PREFETCH6
	PREFETCH6
	ZERO6(Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)
	ZERO6(Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23, Z24, Z25, Z26, Z27)

	MOVQ CX, AX
	SHRQ $2, AX
	CMPQ R14, $64
	JNE  inplace12
	TESTQ AX, AX
	JZ   tail12

loop12:
	KSTEP12($64)
	KSTEP12($64)
	KSTEP12($64)
	KSTEP12($64)
	DECQ AX
	JNZ  loop12

tail12:
	ANDQ $3, CX
	JZ   store12

loop12x1:
	KSTEP12($64)
	DECQ CX
	JNZ  loop12x1

store12:
	CMPB acc+80(FP), $0
	JNE  accumulate12
	STORE6(Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)
	STORE6(Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23, Z24, Z25, Z26, Z27)
	VZEROUPPER
	RET

accumulate12:
	ADD6(Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)
	ADD6(Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23, Z24, Z25, Z26, Z27)
	VZEROUPPER
	RET

	// B in place: the same loops with B's rows prefetched
inplace12:
	MOVQ  R14, R15
	SHLQ  $4, R15
	TESTQ AX, AX
	JZ    itail12

iloop12:
	PREFETCHB
	KSTEP12(R14)
	PREFETCHB
	KSTEP12(R14)
	PREFETCHB
	KSTEP12(R14)
	PREFETCHB
	KSTEP12(R14)
	DECQ AX
	JNZ  iloop12

itail12:
	ANDQ $3, CX
	JZ   store12

iloop12x1:
	PREFETCHB
	KSTEP12(R14)
	DECQ CX
	JNZ  iloop12x1
	JMP  store12

// func kernel6x32(k int, a *float32, rs, ps int, b *float32, bs, bk int, c *float32, ldc int, acc bool)
TEXT ·kernel6x32(SB), NOSPLIT, $0-73
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ rs+16(FP), R8
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	LEAQ (R8)(R8*4), R10
	MOVQ ps+24(FP), R11
	SHLQ $2, R11
	MOVQ b+32(FP), DI
	MOVQ bs+40(FP), BX
	SHLQ $2, BX
	MOVQ bk+48(FP), R14
	SHLQ $2, R14
	MOVQ c+56(FP), DX
	MOVQ ldc+64(FP), R12
	SHLQ $2, R12
	MOVQ DX, AX
	PREFETCH6
	ZERO6(Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)

	MOVQ CX, AX
	SHRQ $2, AX
	CMPQ R14, $64
	JNE  inplace6
	TESTQ AX, AX
	JZ   tail6

loop6x4:
	KSTEP6($64)
	KSTEP6($64)
	KSTEP6($64)
	KSTEP6($64)
	DECQ AX
	JNZ  loop6x4

tail6:
	ANDQ $3, CX
	JZ   store6

loop6x1:
	KSTEP6($64)
	DECQ CX
	JNZ  loop6x1

store6:
	CMPB acc+72(FP), $0
	JNE  accumulate6
	STORE6(Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)
	VZEROUPPER
	RET

accumulate6:
	ADD6(Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)
	VZEROUPPER
	RET

	// B in place: the same loops with B's rows prefetched
inplace6:
	MOVQ  R14, R15
	SHLQ  $4, R15
	TESTQ AX, AX
	JZ    itail6

iloop6x4:
	PREFETCHB
	KSTEP6(R14)
	PREFETCHB
	KSTEP6(R14)
	PREFETCHB
	KSTEP6(R14)
	PREFETCHB
	KSTEP6(R14)
	DECQ AX
	JNZ  iloop6x4

itail6:
	ANDQ $3, CX
	JZ   store6

iloop6x1:
	PREFETCHB
	KSTEP6(R14)
	DECQ CX
	JNZ  iloop6x1
	JMP  store6
