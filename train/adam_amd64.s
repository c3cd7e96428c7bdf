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

// func adamAVX(w, m, v, grad *float32, n int, c1, c2, alpha, eps float32)
// adamSSE on 8n elements, eight lanes at a time (YMM, AVX).
TEXT ·adamAVX(SB), NOSPLIT, $0-56
	MOVQ         w+0(FP), DI
	MOVQ         m+8(FP), SI
	MOVQ         v+16(FP), DX
	MOVQ         grad+24(FP), BX
	MOVQ         n+32(FP), CX
	VBROADCASTSS c1+40(FP), Y8
	VBROADCASTSS c2+44(FP), Y9
	VBROADCASTSS alpha+48(FP), Y10
	VBROADCASTSS eps+52(FP), Y11
	XORQ         AX, AX
	TESTQ        CX, CX
	JLE          doneAVX

loopAVX:
	VMOVUPS (BX)(AX*1), Y0 // g
	VMOVUPS (SI)(AX*1), Y1 // m
	VSUBPS  Y1, Y0, Y2     // g - m
	VMULPS  Y8, Y2, Y2     // ·c1
	VADDPS  Y2, Y1, Y1     // m + (g-m)·c1
	VMOVUPS Y1, (SI)(AX*1)
	VMOVUPS (DX)(AX*1), Y3 // v
	VMULPS  Y0, Y0, Y4     // g·g
	VSUBPS  Y3, Y4, Y4     // g·g - v
	VMULPS  Y9, Y4, Y4     // ·c2
	VADDPS  Y4, Y3, Y3     // v + (g·g-v)·c2
	VMOVUPS Y3, (DX)(AX*1)
	VSQRTPS Y3, Y5         // sqrt(v)
	VADDPS  Y11, Y5, Y5    // + eps
	VMULPS  Y10, Y1, Y1    // m·alpha
	VDIVPS  Y5, Y1, Y1     // / (sqrt(v)+eps)
	VMOVUPS (DI)(AX*1), Y6 // w
	VSUBPS  Y1, Y6, Y6     // w - ...
	VMOVUPS Y6, (DI)(AX*1)
	ADDQ    $32, AX
	DECQ    CX
	JNZ     loopAVX

doneAVX:
	VZEROUPPER
	RET
