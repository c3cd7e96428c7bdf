#include "textflag.h"

// func windowsAVX512(col, pad *float32, seg, step, pw, kh, ow int, add bool)
// im2col's and col2im's window loops for float32 on AVX-512 CPUs: for
// ox < ow, for ky < kh, in that order, a window row of seg floats at
// col[(ox·kh+ky)·seg] and at pad[ox·step + ky·pw] (strides in floats)
// is copied from pad to col, or, if add, added from col onto pad, with
// pad's value as the sum's first operand (as in Go's pad[i] += v and
// ADDPS). Sixteen floats at a time, the last up to sixteen under the
// mask K1 (masked-off lanes are neither read nor written).
TEXT ·windowsAVX512(SB), NOSPLIT, $0-57
	MOVQ  seg+16(FP), CX
	ANDQ  $15, CX
	MOVL  $1, BX
	SHLL  CX, BX
	DECL  BX
	KMOVW BX, K1
	MOVQ  col+0(FP), DI
	MOVQ  pad+8(FP), SI
	MOVQ  seg+16(FP), CX
	MOVQ  step+24(FP), R8
	MOVQ  pw+32(FP), R9
	MOVQ  kh+40(FP), R10
	MOVQ  ow+48(FP), R11
	MOVQ  CX, R12
	SHRQ  $4, R12         // whole pieces of 16 per row
	SHLQ  $2, R8
	SHLQ  $2, R9
	TESTQ R11, R11
	JLE   done
	TESTQ R10, R10
	JLE   done

window:
	MOVQ SI, R13 // the window's row ky in pad
	MOVQ R10, AX

row:
	XORQ DX, DX
	MOVQ R12, BX
	CMPB add+56(FP), $0
	JNE  addrow
	TESTQ BX, BX
	JZ   copylast

copypiece:
	VMOVUPS (R13)(DX*1), Z0
	VMOVUPS Z0, (DI)(DX*1)
	ADDQ    $64, DX
	DECQ    BX
	JNZ     copypiece

copylast:
	VMOVUPS.Z (R13)(DX*1), K1, Z0
	VMOVUPS   Z0, K1, (DI)(DX*1)
	JMP       next

addrow:
	TESTQ BX, BX
	JZ    addlast

addpiece:
	VMOVUPS (R13)(DX*1), Z0
	VADDPS  (DI)(DX*1), Z0, Z0
	VMOVUPS Z0, (R13)(DX*1)
	ADDQ    $64, DX
	DECQ    BX
	JNZ     addpiece

addlast:
	VMOVUPS.Z (R13)(DX*1), K1, Z0
	VMOVUPS.Z (DI)(DX*1), K1, Z1
	VADDPS    Z1, Z0, Z0
	VMOVUPS   Z0, K1, (R13)(DX*1)

next:
	LEAQ (DI)(CX*4), DI
	ADDQ R9, R13
	DECQ AX
	JNZ  row
	ADDQ R8, SI
	DECQ R11
	JNZ  window

done:
	VZEROUPPER
	RET
