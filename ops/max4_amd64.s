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

// func biasReluSSE(row, bias *float32, n int, relu bool)
// row[i] = row[i] + bias[i], then, if relu, max(v, 0) as Go's max does
// it: MAXPS(0, v) keeps v when not 0 > v (NaN, -0 included), and adding
// +0 turns -0 into +0. For i < 4n.
TEXT ·biasReluSSE(SB), NOSPLIT, $0-25
	MOVQ  row+0(FP), DI
	MOVQ  bias+8(FP), SI
	MOVQ  n+16(FP), CX
	XORPS X7, X7
	XORQ  AX, AX
	TESTQ CX, CX
	JLE   brdone
	CMPB  relu+24(FP), $0
	JEQ   addloop

reluloop:
	MOVUPS (DI)(AX*1), X0
	MOVUPS (SI)(AX*1), X1
	ADDPS  X1, X0
	XORPS  X2, X2
	MAXPS  X0, X2
	ADDPS  X7, X2
	MOVUPS X2, (DI)(AX*1)
	ADDQ   $16, AX
	DECQ   CX
	JNZ    reluloop
	RET

addloop:
	MOVUPS (DI)(AX*1), X0
	MOVUPS (SI)(AX*1), X1
	ADDPS  X1, X0
	MOVUPS X0, (DI)(AX*1)
	ADDQ   $16, AX
	DECQ   CX
	JNZ    addloop

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
