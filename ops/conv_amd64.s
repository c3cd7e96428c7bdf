#include "textflag.h"

// func windowsAsm(col, pad *float32, seg, step, pw, kh, ow int, add, avx512 bool)
// im2col's and col2im's window loops for float32: for ox < ow, for
// ky < kh, in that order, a window row of seg floats at
// col[(ox·kh+ky)·seg] and at pad[ox·step + ky·pw] (strides in floats)
// is copied from pad to col, or, if add, added from col onto pad, with
// pad's value as the sum's first operand (as in Go's pad[i] += v and
// ADDPS). If avx512 (the CPU has AVX-512F), sixteen floats at a time in
// ZMM, the last up to sixteen under the mask K1 (masked-off lanes are
// neither read nor written); else (the CPU has AVX) eight at a time in
// YMM, then four in XMM, then one at a time, so that nothing outside a
// row is read or written (no masked stores: VMASKMOVPS stores are slow
// on some AMD CPUs).
TEXT ·windowsAsm(SB), NOSPLIT, $0-58
	MOVQ  col+0(FP), DI
	MOVQ  pad+8(FP), SI
	MOVQ  seg+16(FP), CX
	MOVQ  step+24(FP), R8
	MOVQ  pw+32(FP), R9
	MOVQ  kh+40(FP), R10
	MOVQ  ow+48(FP), R11
	SHLQ  $2, R8
	SHLQ  $2, R9
	MOVQ  CX, R12
	SHRQ  $3, R12         // whole pieces of 8 per row
	CMPB  avx512+57(FP), $0
	JEQ   loops
	SHRQ  $1, R12         // of 16
	ANDQ  $15, CX
	MOVL  $1, BX
	SHLL  CX, BX
	DECL  BX
	KMOVW BX, K1
	MOVQ  seg+16(FP), CX

loops:
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
	CMPB avx512+57(FP), $0
	JNE  zrow
	CMPB add+56(FP), $0
	JNE  yadd
	TESTQ BX, BX
	JZ   ycopyrest

ycopy:
	VMOVUPS (R13)(DX*1), Y0
	VMOVUPS Y0, (DI)(DX*1)
	ADDQ    $32, DX
	DECQ    BX
	JNZ     ycopy

ycopyrest:
	MOVQ    CX, BX
	ANDQ    $7, BX
	JZ      next
	CMPQ    BX, $4
	JLT     ycopyone
	VMOVUPS (R13)(DX*1), X0
	VMOVUPS X0, (DI)(DX*1)
	ADDQ    $16, DX
	SUBQ    $4, BX
	JZ      next

ycopyone:
	VMOVSS (R13)(DX*1), X0
	VMOVSS X0, (DI)(DX*1)
	ADDQ   $4, DX
	DECQ   BX
	JNZ    ycopyone
	JMP    next

yadd:
	TESTQ BX, BX
	JZ    yaddrest

yaddpiece:
	VMOVUPS (R13)(DX*1), Y0
	VADDPS  (DI)(DX*1), Y0, Y0
	VMOVUPS Y0, (R13)(DX*1)
	ADDQ    $32, DX
	DECQ    BX
	JNZ     yaddpiece

yaddrest:
	MOVQ    CX, BX
	ANDQ    $7, BX
	JZ      next
	CMPQ    BX, $4
	JLT     yaddone
	VMOVUPS (R13)(DX*1), X0
	VADDPS  (DI)(DX*1), X0, X0
	VMOVUPS X0, (R13)(DX*1)
	ADDQ    $16, DX
	SUBQ    $4, BX
	JZ      next

yaddone:
	VMOVSS (R13)(DX*1), X0
	VADDSS (DI)(DX*1), X0, X0
	VMOVSS X0, (R13)(DX*1)
	ADDQ   $4, DX
	DECQ   BX
	JNZ    yaddone
	JMP    next

zrow:
	CMPB  add+56(FP), $0
	JNE   zadd
	TESTQ BX, BX
	JZ    zcopylast

zcopy:
	VMOVUPS (R13)(DX*1), Z0
	VMOVUPS Z0, (DI)(DX*1)
	ADDQ    $64, DX
	DECQ    BX
	JNZ     zcopy

zcopylast:
	VMOVUPS.Z (R13)(DX*1), K1, Z0
	VMOVUPS   Z0, K1, (DI)(DX*1)
	JMP       next

zadd:
	TESTQ BX, BX
	JZ    zaddlast

zaddpiece:
	VMOVUPS (R13)(DX*1), Z0
	VADDPS  (DI)(DX*1), Z0, Z0
	VMOVUPS Z0, (R13)(DX*1)
	ADDQ    $64, DX
	DECQ    BX
	JNZ     zaddpiece

zaddlast:
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
