#include "textflag.h"

// func max4SSE(dst, a, b, c, d *float32, n int)
// dst[i] = max(d[i], max(c[i], max(b[i], a[i]))) for i < 4n, where
// max(v, m) is MAXPS's "v > m ? v : m" (SSE, which every amd64 has).
TEXT ·max4SSE(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ a+8(FP), SI
	MOVQ b+16(FP), R8
	MOVQ c+24(FP), R9
	MOVQ d+32(FP), R10
	MOVQ n+40(FP), CX
	XORQ AX, AX
	TESTQ CX, CX
	JLE  done

loop:
	MOVUPS (SI)(AX*1), X0 // m = a
	MOVUPS (R8)(AX*1), X1
	MAXPS  X0, X1         // m = b > m ? b : m
	MOVUPS (R9)(AX*1), X2
	MAXPS  X1, X2
	MOVUPS (R10)(AX*1), X3
	MAXPS  X2, X3
	MOVUPS X3, (DI)(AX*1)
	ADDQ   $16, AX
	DECQ   CX
	JNZ    loop

done:
	RET

// func biasReluSSE(row, bias *float32, n, rows int, relu bool)
// For each of rows rows of 4n floats from row on: row[i] = row[i] +
// bias[i], then, if relu, max(v, 0) as Go's max does it: MAXPS(0, v)
// keeps v when not 0 > v (NaN, -0 included), and adding +0 turns -0
// into +0.
TEXT ·biasReluSSE(SB), NOSPLIT, $0-33
	MOVQ  row+0(FP), DI
	MOVQ  bias+8(FP), SI
	MOVQ  n+16(FP), CX
	MOVQ  rows+24(FP), DX
	XORPS X7, X7
	TESTQ CX, CX
	JLE   brdone
	TESTQ DX, DX
	JLE   brdone
	MOVQ  CX, R8
	SHLQ  $4, R8 // a row's bytes
	CMPB  relu+32(FP), $0
	JEQ   addrow

relurow:
	XORQ AX, AX
	MOVQ CX, BX

reluloop:
	MOVUPS (DI)(AX*1), X0
	MOVUPS (SI)(AX*1), X1
	ADDPS  X1, X0
	XORPS  X2, X2
	MAXPS  X0, X2
	ADDPS  X7, X2
	MOVUPS X2, (DI)(AX*1)
	ADDQ   $16, AX
	DECQ   BX
	JNZ    reluloop
	ADDQ   R8, DI
	DECQ   DX
	JNZ    relurow
	RET

addrow:
	XORQ AX, AX
	MOVQ CX, BX

addloop:
	MOVUPS (DI)(AX*1), X0
	MOVUPS (SI)(AX*1), X1
	ADDPS  X1, X0
	MOVUPS X0, (DI)(AX*1)
	ADDQ   $16, AX
	DECQ   BX
	JNZ    addloop
	ADDQ   R8, DI
	DECQ   DX
	JNZ    addrow

brdone:
	RET

// func reluGradSSE(dst, a, b *float32, n int)
// dst[i] = a[i] > 0 ? b[i] : +0 for i < 4n: the mask of 0 < a[i]
// (CMPPS predicate 1, LT; false for NaN) ANDed with b's bits.
TEXT ·reluGradSSE(SB), NOSPLIT, $0-32
	MOVQ  dst+0(FP), DI
	MOVQ  a+8(FP), SI
	MOVQ  b+16(FP), R8
	MOVQ  n+24(FP), CX
	XORQ  AX, AX
	TESTQ CX, CX
	JLE   rgdone

rgloop:
	MOVUPS (SI)(AX*1), X0
	XORPS  X1, X1
	CMPPS  X0, X1, $1     // X1 = 0 < a
	MOVUPS (R8)(AX*1), X2
	ANDPS  X2, X1
	MOVUPS X1, (DI)(AX*1)
	ADDQ   $16, AX
	DECQ   CX
	JNZ    rgloop

rgdone:
	RET

// func colSum16SSE(acc *float64, x *float32, ldx, rows, n int)
// For each of n groups of 16 columns: the 16 sums stay in X0-X7 (two
// float64 each) while the rows are added in order, each float32 widened
// (CVTPS2PD) and added as Go's acc[j] += float64(v) does. SSE2.
TEXT ·colSum16SSE(SB), NOSPLIT, $0-40
	MOVQ  acc+0(FP), DI
	MOVQ  x+8(FP), SI
	MOVQ  ldx+16(FP), DX
	SHLQ  $2, DX
	MOVQ  rows+24(FP), R9
	MOVQ  n+32(FP), CX
	TESTQ R9, R9
	JLE   csdone
	TESTQ CX, CX
	JLE   csdone

csgroup:
	MOVUPD 0(DI), X0
	MOVUPD 16(DI), X1
	MOVUPD 32(DI), X2
	MOVUPD 48(DI), X3
	MOVUPD 64(DI), X4
	MOVUPD 80(DI), X5
	MOVUPD 96(DI), X6
	MOVUPD 112(DI), X7
	MOVQ   SI, R10
	MOVQ   R9, R11

csrow:
	CVTPS2PD 0(R10), X8
	ADDPD    X8, X0
	CVTPS2PD 8(R10), X9
	ADDPD    X9, X1
	CVTPS2PD 16(R10), X10
	ADDPD    X10, X2
	CVTPS2PD 24(R10), X11
	ADDPD    X11, X3
	CVTPS2PD 32(R10), X12
	ADDPD    X12, X4
	CVTPS2PD 40(R10), X13
	ADDPD    X13, X5
	CVTPS2PD 48(R10), X14
	ADDPD    X14, X6
	CVTPS2PD 56(R10), X15
	ADDPD    X15, X7
	ADDQ     DX, R10
	DECQ     R11
	JNZ      csrow

	MOVUPD X0, 0(DI)
	MOVUPD X1, 16(DI)
	MOVUPD X2, 32(DI)
	MOVUPD X3, 48(DI)
	MOVUPD X4, 64(DI)
	MOVUPD X5, 80(DI)
	MOVUPD X6, 96(DI)
	MOVUPD X7, 112(DI)
	ADDQ   $128, DI
	ADDQ   $64, SI
	DECQ   CX
	JNZ    csgroup

csdone:
	RET

// func max2x2ArgSSE(best *float32, arg *int, x *float32, at, cs, row, n int)
// For c < 4n: best[c], arg[c] = the first max of x[c], x[cs+c],
// x[row+c], x[row+cs+c] (v replaces b when b < v, as pickArg) and its
// index at+c, at+cs+c, ... X0 holds four bests, X2 and X3 their indices
// (two int64 each), X10 and X11 the indices of the first corner, X12-X14
// the other corners' offsets. CAND(src, off) takes the corner at src
// (index offset off): mask = b < v; b = mask ? v : b; the indices
// likewise, the mask widened to 64-bit lanes (PUNPCKLLQ, PUNPCKHLQ).
TEXT ·max2x2ArgSSE(SB), NOSPLIT, $0-56
	MOVQ  best+0(FP), DI
	MOVQ  arg+8(FP), R10
	MOVQ  x+16(FP), SI
	MOVQ  at+24(FP), AX
	MOVQ  cs+32(FP), R8
	MOVQ  row+40(FP), R9
	MOVQ  n+48(FP), CX
	TESTQ CX, CX
	JLE   mxdone

	MOVQ       R8, X12 // offsets, in both int64 lanes
	PUNPCKLQDQ X12, X12
	MOVQ       R9, X13
	PUNPCKLQDQ X13, X13
	LEAQ       (R8)(R9*1), R11
	MOVQ       R11, X14
	PUNPCKLQDQ X14, X14
	MOVQ       $4, R11
	MOVQ       R11, X15
	PUNPCKLQDQ X15, X15
	MOVQ       AX, X10 // at+0, at+1
	PUNPCKLQDQ X10, X10
	MOVQ       $1, R11
	MOVQ       R11, X1
	PSLLDQ     $8, X1
	PADDQ      X1, X10
	MOVO       X10, X11 // at+2, at+3
	MOVQ       $2, R11
	MOVQ       R11, X1
	PUNPCKLQDQ X1, X1
	PADDQ      X1, X11
	SHLQ       $2, R8 // bytes
	SHLQ       $2, R9
	LEAQ       (R8)(R9*1), R11

mxloop:
	MOVUPS (SI), X0 // b = x00
	MOVO   X10, X2
	MOVO   X11, X3

#define CAND(src, off) \
	MOVUPS     src, X1; \
	MOVAPS     X0, X4; \
	CMPPS      X1, X4, $1; \
	MOVAPS     X4, X5; \
	ANDNPS     X0, X5; \
	ANDPS      X4, X1; \
	ORPS       X1, X5; \
	MOVAPS     X5, X0; \
	MOVO       X4, X6; \
	PUNPCKLLQ  X4, X6; \
	MOVO       X4, X7; \
	PUNPCKHLQ  X4, X7; \
	MOVO       X10, X8; \
	PADDQ      off, X8; \
	PAND       X6, X8; \
	PANDN      X2, X6; \
	POR        X8, X6; \
	MOVO       X6, X2; \
	MOVO       X11, X9; \
	PADDQ      off, X9; \
	PAND       X7, X9; \
	PANDN      X3, X7; \
	POR        X9, X7; \
	MOVO       X7, X3

	CAND((SI)(R8*1), X12)
	CAND((SI)(R9*1), X13)
	CAND((SI)(R11*1), X14)
#undef CAND

	MOVUPS X0, (DI)
	MOVOU  X2, (R10)
	MOVOU  X3, 16(R10)
	PADDQ  X15, X10
	PADDQ  X15, X11
	ADDQ   $16, SI
	ADDQ   $16, DI
	ADDQ   $32, R10
	DECQ   CX
	JNZ    mxloop

mxdone:
	RET

// func route2x2SSE(dx, x, dy *float32, cs, row, n int, relu bool)
// For c < 4n: the corners' masks c1 = b < x01, c2 = b < x10, c3 = b <
// x11 as max2x2ArgSSE makes them (b the running max, MAXPS as pick),
// v = dy[c] + 0 ANDed with the mask of 0 < b (all ones without relu),
// then dx at corner 11 = v & c3, 10 = v & c2 &^ c3, 01 = v & c1 &^ c2
// &^ c3, 00 = v &^ (c1 | c2 | c3): the first max gets v, the rest +0.
TEXT ·route2x2SSE(SB), NOSPLIT, $0-49
	MOVQ    dx+0(FP), DI
	MOVQ    x+8(FP), SI
	MOVQ    dy+16(FP), DX
	MOVQ    cs+24(FP), R8
	MOVQ    row+32(FP), R9
	MOVQ    n+40(FP), CX
	TESTQ   CX, CX
	JLE     rtdone
	SHLQ    $2, R8 // bytes
	SHLQ    $2, R9
	LEAQ    (R8)(R9*1), R11
	XORPS   X14, X14 // +0
	PCMPEQL X15, X15 // keep all without relu
	CMPB    relu+48(FP), $0
	JEQ     rtloop
	XORPS   X15, X15

rtloop:
	MOVUPS (SI), X0       // b = x00
	MOVUPS (SI)(R8*1), X1
	MOVAPS X0, X4
	CMPPS  X1, X4, $1     // c1 = b < x01
	MAXPS  X0, X1         // b = x01 > b ? x01 : b
	MOVAPS X1, X0
	MOVUPS (SI)(R9*1), X2
	MOVAPS X0, X5
	CMPPS  X2, X5, $1     // c2
	MAXPS  X0, X2
	MOVAPS X2, X0
	MOVUPS (SI)(R11*1), X3
	MOVAPS X0, X6
	CMPPS  X3, X6, $1     // c3
	MAXPS  X0, X3
	MOVAPS X3, X0
	MOVUPS (DX), X7
	ADDPS  X14, X7        // v = dy + 0
	MOVAPS X14, X8
	CMPPS  X0, X8, $1     // 0 < b
	ORPS   X15, X8
	ANDPS  X8, X7
	MOVAPS X6, X9
	ANDPS  X7, X9
	MOVUPS X9, (DI)(R11*1) // v & c3
	ANDNPS X7, X6          // v &^= c3
	MOVAPS X5, X9
	ANDPS  X6, X9
	MOVUPS X9, (DI)(R9*1)  // v & c2
	ANDNPS X6, X5          // v &^= c2
	MOVAPS X4, X9
	ANDPS  X5, X9
	MOVUPS X9, (DI)(R8*1)  // v & c1
	ANDNPS X5, X4          // v &^= c1
	MOVUPS X4, (DI)
	ADDQ   $16, SI
	ADDQ   $16, DI
	ADDQ   $16, DX
	DECQ   CX
	JNZ    rtloop

rtdone:
	RET
