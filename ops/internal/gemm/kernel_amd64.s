#include "textflag.h"

// One k step: two 8-wide loads of B, six broadcasts of A, twelve FMAs.
// A's rows are at SI, SI+R8, SI+2·R8, SI+R9 (3·R8), SI+4·R8, SI+R10 (5·R8);
// the next step is R11 bytes on. Accumulators: row r in Y(4+2r) (columns
// 0-7) and Y(5+2r) (8-15).
#define KSTEP \
	VMOVUPS      (DI), Y0;          \
	VMOVUPS      32(DI), Y1;        \
	VBROADCASTSS (SI), Y2;          \
	VBROADCASTSS (SI)(R8*1), Y3;    \
	VFMADD231PS  Y0, Y2, Y4;        \
	VFMADD231PS  Y1, Y2, Y5;        \
	VFMADD231PS  Y0, Y3, Y6;        \
	VFMADD231PS  Y1, Y3, Y7;        \
	VBROADCASTSS (SI)(R8*2), Y2;    \
	VBROADCASTSS (SI)(R9*1), Y3;    \
	VFMADD231PS  Y0, Y2, Y8;        \
	VFMADD231PS  Y1, Y2, Y9;        \
	VFMADD231PS  Y0, Y3, Y10;       \
	VFMADD231PS  Y1, Y3, Y11;       \
	VBROADCASTSS (SI)(R8*4), Y2;    \
	VBROADCASTSS (SI)(R10*1), Y3;   \
	VFMADD231PS  Y0, Y2, Y12;       \
	VFMADD231PS  Y1, Y2, Y13;       \
	VFMADD231PS  Y0, Y3, Y14;       \
	VFMADD231PS  Y1, Y3, Y15;       \
	ADDQ         R11, SI;           \
	ADDQ         $64, DI

#define STOREROW(lo, hi) \
	VMOVUPS lo, (DX);    \
	VMOVUPS hi, 32(DX);  \
	ADDQ    R12, DX

#define ADDROW(lo, hi)       \
	VADDPS  (DX), lo, lo;    \
	VADDPS  32(DX), hi, hi;  \
	VMOVUPS lo, (DX);        \
	VMOVUPS hi, 32(DX);      \
	ADDQ    R12, DX

// func kernel6x16(k int, a *float32, rs, ps int, b, c *float32, ldc int, acc bool)
TEXT ·kernel6x16(SB), NOSPLIT, $0-57
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ rs+16(FP), R8
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	LEAQ (R8)(R8*4), R10
	MOVQ ps+24(FP), R11
	SHLQ $2, R11
	MOVQ b+32(FP), DI
	MOVQ c+40(FP), DX
	MOVQ ldc+48(FP), R12
	SHLQ $2, R12

	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	VXORPS Y12, Y12, Y12
	VXORPS Y13, Y13, Y13
	VXORPS Y14, Y14, Y14
	VXORPS Y15, Y15, Y15

	MOVQ CX, BX
	SHRQ $2, BX
	JZ   tail

loop4:
	KSTEP
	KSTEP
	KSTEP
	KSTEP
	DECQ BX
	JNZ  loop4

tail:
	ANDQ $3, CX
	JZ   store

loop1:
	KSTEP
	DECQ CX
	JNZ  loop1

store:
	CMPB acc+56(FP), $0
	JNE  accumulate
	STOREROW(Y4, Y5)
	STOREROW(Y6, Y7)
	STOREROW(Y8, Y9)
	STOREROW(Y10, Y11)
	STOREROW(Y12, Y13)
	STOREROW(Y14, Y15)
	VZEROUPPER
	RET

accumulate:
	ADDROW(Y4, Y5)
	ADDROW(Y6, Y7)
	ADDROW(Y8, Y9)
	ADDROW(Y10, Y11)
	ADDROW(Y12, Y13)
	ADDROW(Y14, Y15)
	VZEROUPPER
	RET
// func scatter16(dst *float32, ds int, src *float32, n int)
// Deals n runs of 16 floats from src to dst, ds floats apart:
// dst[q·ds+j] = src[16q+j].
TEXT ·scatter16(SB), NOSPLIT, $0-32
	MOVQ  dst+0(FP), DI
	MOVQ  ds+8(FP), R8
	SHLQ  $2, R8
	MOVQ  src+16(FP), SI
	MOVQ  n+24(FP), CX
	TESTQ CX, CX
	JLE   done16

loop16:
	MOVUPS (SI), X0
	MOVUPS 16(SI), X1
	MOVUPS 32(SI), X2
	MOVUPS 48(SI), X3
	MOVUPS X0, (DI)
	MOVUPS X1, 16(DI)
	MOVUPS X2, 32(DI)
	MOVUPS X3, 48(DI)
	ADDQ   $64, SI
	ADDQ   R8, DI
	DECQ   CX
	JNZ    loop16

done16:
	RET

// func scatter6(dst *float32, ds int, src *float32, n int)
// Deals n runs of 6 floats from src to dst, ds floats apart:
// dst[q·ds+j] = src[6q+j].
TEXT ·scatter6(SB), NOSPLIT, $0-32
	MOVQ  dst+0(FP), DI
	MOVQ  ds+8(FP), R8
	SHLQ  $2, R8
	MOVQ  src+16(FP), SI
	MOVQ  n+24(FP), CX
	TESTQ CX, CX
	JLE   done6

loop6:
	MOVUPS (SI), X0
	MOVQ   16(SI), AX
	MOVUPS X0, (DI)
	MOVQ   AX, 16(DI)
	ADDQ   $24, SI
	ADDQ   R8, DI
	DECQ   CX
	JNZ    loop6

done6:
	RET

// func transpose16(dst, src *float32, lds, n int)
// Packs 16 rows of src (lds floats apart) by columns, 8 columns at a
// time for n times: dst[16p+j] = src[j·lds+p] for j < 16, p < 8n. Each
// 8×8 block is transposed in registers (unpack, shuffle, lane permute).
// Needs AVX.
TEXT ·transpose16(SB), NOSPLIT, $0-32
	MOVQ  dst+0(FP), DI
	MOVQ  src+8(FP), SI
	MOVQ  lds+16(FP), R8
	SHLQ  $2, R8
	LEAQ  (R8)(R8*2), R9
	LEAQ  (R8)(R8*4), R10
	LEAQ  (R9)(R9*1), R11
	LEAQ  (R11)(R8*1), R12
	LEAQ  (SI)(R8*8), R13
	MOVQ  n+24(FP), CX
	TESTQ CX, CX
	JLE   donet

loopt:
	// rows 0-7 into the low halves of 8 output rows
	VMOVUPS    (SI), Y0
	VMOVUPS    (SI)(R8*1), Y1
	VMOVUPS    (SI)(R8*2), Y2
	VMOVUPS    (SI)(R9*1), Y3
	VMOVUPS    (SI)(R8*4), Y4
	VMOVUPS    (SI)(R10*1), Y5
	VMOVUPS    (SI)(R11*1), Y6
	VMOVUPS    (SI)(R12*1), Y7
	VUNPCKLPS  Y1, Y0, Y8
	VUNPCKHPS  Y1, Y0, Y9
	VUNPCKLPS  Y3, Y2, Y10
	VUNPCKHPS  Y3, Y2, Y11
	VUNPCKLPS  Y5, Y4, Y12
	VUNPCKHPS  Y5, Y4, Y13
	VUNPCKLPS  Y7, Y6, Y14
	VUNPCKHPS  Y7, Y6, Y15
	VSHUFPS    $0x44, Y10, Y8, Y0
	VSHUFPS    $0xEE, Y10, Y8, Y1
	VSHUFPS    $0x44, Y11, Y9, Y2
	VSHUFPS    $0xEE, Y11, Y9, Y3
	VSHUFPS    $0x44, Y14, Y12, Y4
	VSHUFPS    $0xEE, Y14, Y12, Y5
	VSHUFPS    $0x44, Y15, Y13, Y6
	VSHUFPS    $0xEE, Y15, Y13, Y7
	VPERM2F128 $0x20, Y4, Y0, Y8
	VPERM2F128 $0x20, Y5, Y1, Y9
	VPERM2F128 $0x20, Y6, Y2, Y10
	VPERM2F128 $0x20, Y7, Y3, Y11
	VPERM2F128 $0x31, Y4, Y0, Y12
	VPERM2F128 $0x31, Y5, Y1, Y13
	VPERM2F128 $0x31, Y6, Y2, Y14
	VPERM2F128 $0x31, Y7, Y3, Y15
	VMOVUPS    Y8, 0(DI)
	VMOVUPS    Y9, 64(DI)
	VMOVUPS    Y10, 128(DI)
	VMOVUPS    Y11, 192(DI)
	VMOVUPS    Y12, 256(DI)
	VMOVUPS    Y13, 320(DI)
	VMOVUPS    Y14, 384(DI)
	VMOVUPS    Y15, 448(DI)
	// rows 8-15 into the high halves
	VMOVUPS    (R13), Y0
	VMOVUPS    (R13)(R8*1), Y1
	VMOVUPS    (R13)(R8*2), Y2
	VMOVUPS    (R13)(R9*1), Y3
	VMOVUPS    (R13)(R8*4), Y4
	VMOVUPS    (R13)(R10*1), Y5
	VMOVUPS    (R13)(R11*1), Y6
	VMOVUPS    (R13)(R12*1), Y7
	VUNPCKLPS  Y1, Y0, Y8
	VUNPCKHPS  Y1, Y0, Y9
	VUNPCKLPS  Y3, Y2, Y10
	VUNPCKHPS  Y3, Y2, Y11
	VUNPCKLPS  Y5, Y4, Y12
	VUNPCKHPS  Y5, Y4, Y13
	VUNPCKLPS  Y7, Y6, Y14
	VUNPCKHPS  Y7, Y6, Y15
	VSHUFPS    $0x44, Y10, Y8, Y0
	VSHUFPS    $0xEE, Y10, Y8, Y1
	VSHUFPS    $0x44, Y11, Y9, Y2
	VSHUFPS    $0xEE, Y11, Y9, Y3
	VSHUFPS    $0x44, Y14, Y12, Y4
	VSHUFPS    $0xEE, Y14, Y12, Y5
	VSHUFPS    $0x44, Y15, Y13, Y6
	VSHUFPS    $0xEE, Y15, Y13, Y7
	VPERM2F128 $0x20, Y4, Y0, Y8
	VPERM2F128 $0x20, Y5, Y1, Y9
	VPERM2F128 $0x20, Y6, Y2, Y10
	VPERM2F128 $0x20, Y7, Y3, Y11
	VPERM2F128 $0x31, Y4, Y0, Y12
	VPERM2F128 $0x31, Y5, Y1, Y13
	VPERM2F128 $0x31, Y6, Y2, Y14
	VPERM2F128 $0x31, Y7, Y3, Y15
	VMOVUPS    Y8, 32(DI)
	VMOVUPS    Y9, 96(DI)
	VMOVUPS    Y10, 160(DI)
	VMOVUPS    Y11, 224(DI)
	VMOVUPS    Y12, 288(DI)
	VMOVUPS    Y13, 352(DI)
	VMOVUPS    Y14, 416(DI)
	VMOVUPS    Y15, 480(DI)
	ADDQ $32, SI
	ADDQ $32, R13
	ADDQ $512, DI
	DECQ CX
	JNZ  loopt

donet:
	VZEROUPPER
	RET
