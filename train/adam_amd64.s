#include "textflag.h"

// func adamSSE(w, m, v, grad *float32, n int, c1, c2, alpha, eps float32)
// For i < 4n, each operation rounded to float32 as in adam32Go:
//	m[i] = m[i] + (g[i]-m[i])·c1
//	v[i] = v[i] + (g[i]·g[i]-v[i])·c2
//	w[i] = w[i] - (m[i]·alpha) / (sqrt(v[i])+eps)
TEXT ·adamSSE(SB), NOSPLIT, $0-56
	MOVQ   w+0(FP), DI
	MOVQ   m+8(FP), SI
	MOVQ   v+16(FP), DX
	MOVQ   grad+24(FP), BX
	MOVQ   n+32(FP), CX
	MOVSS  c1+40(FP), X8
	SHUFPS $0, X8, X8
	MOVSS  c2+44(FP), X9
	SHUFPS $0, X9, X9
	MOVSS  alpha+48(FP), X10
	SHUFPS $0, X10, X10
	MOVSS  eps+52(FP), X11
	SHUFPS $0, X11, X11
	XORQ   AX, AX
	TESTQ  CX, CX
	JLE    done

loop:
	MOVUPS (BX)(AX*1), X0 // g
	MOVUPS (SI)(AX*1), X1 // m
	MOVAPS X0, X2
	SUBPS  X1, X2         // g - m
	MULPS  X8, X2         // ·c1
	ADDPS  X2, X1         // m + (g-m)·c1
	MOVUPS X1, (SI)(AX*1)
	MOVUPS (DX)(AX*1), X3 // v
	MOVAPS X0, X4
	MULPS  X0, X4         // g·g
	SUBPS  X3, X4         // g·g - v
	MULPS  X9, X4         // ·c2
	ADDPS  X4, X3         // v + (g·g-v)·c2
	MOVUPS X3, (DX)(AX*1)
	SQRTPS X3, X5         // sqrt(v)
	ADDPS  X11, X5        // + eps
	MULPS  X10, X1        // m·alpha
	DIVPS  X5, X1         // / (sqrt(v)+eps)
	MOVUPS (DI)(AX*1), X6 // w
	SUBPS  X1, X6         // w - ...
	MOVUPS X6, (DI)(AX*1)
	ADDQ   $16, AX
	DECQ   CX
	JNZ    loop

done:
	RET
