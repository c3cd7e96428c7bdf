#include "textflag.h"

// Each 64-bit lane holds one block's word in its low half; the high
// halves carry garbage that nothing reads: VPMULUDQ multiplies the low
// halves, its product is clean, and only low halves are stored.

// The counters' word-0 offsets in a register's lanes: lane i holds block
// offsets[i], so that after the final interleave the low quadwords of
// the lanes are blocks 0-3 and the high ones blocks 4-7, in order.
DATA offsets<>+0(SB)/8, $0
DATA offsets<>+8(SB)/8, $4
DATA offsets<>+16(SB)/8, $1
DATA offsets<>+24(SB)/8, $5
DATA offsets<>+32(SB)/8, $2
DATA offsets<>+40(SB)/8, $6
DATA offsets<>+48(SB)/8, $3
DATA offsets<>+56(SB)/8, $7
GLOBL offsets<>(SB), RODATA|NOPTR, $64

// ROUND is one Philox round on the words a, b, c, d with the round's
// keys at k(SP) and k+4(SP): t = mulB·c and u = mulA·a, then a =
// hi(t)^b^k0 and c = hi(u)^d^k1. Afterwards the words are a, t, c, u,
// and b and d are free.
#define ROUND(a, b, c, d, t, u, k) \
	VPMULUDQ        Z17, c, t            \
	VPMULUDQ        Z16, a, u            \
	VPSRLQ          $32, t, a            \
	VPSRLQ          $32, u, c            \
	VPTERNLOGD.BCST $0x96, k(SP), b, a   \
	VPTERNLOGD.BCST $0x96, k+4(SP), d, c

// ROUNDS2 is two rounds on the four groups of eight blocks, words back
// in the registers they started in.
#define ROUNDS2(k) \
	ROUND(Z0, Z1, Z2, Z3, Z4, Z5, k)         \
	ROUND(Z6, Z7, Z8, Z9, Z10, Z11, k)       \
	ROUND(Z12, Z13, Z14, Z15, Z20, Z21, k)   \
	ROUND(Z26, Z27, Z28, Z29, Z30, Z31, k)   \
	ROUND(Z0, Z4, Z2, Z5, Z1, Z3, k+8)       \
	ROUND(Z6, Z10, Z8, Z11, Z7, Z9, k+8)     \
	ROUND(Z12, Z20, Z14, Z21, Z13, Z15, k+8) \
	ROUND(Z26, Z30, Z28, Z31, Z27, Z29, k+8)

// KEYS stores round r's keys (AX, BX) at 8r(SP) and moves them on.
#define KEYS(r) \
	MOVL AX, (8*r)(SP)     \
	MOVL BX, (8*r+4)(SP)   \
	ADDL $0x9E3779B9, AX   \
	ADDL $0xBB67AE85, BX

// STORE writes the eight blocks in a, b, c, d to off(DI), overwriting
// the four: each lane's b and d words into the high halves of a and c,
// then the low and the high quadwords of the 128-bit lanes.
#define STORE(a, b, c, d, off) \
	VPSHUFD     $0xa0, b, K1, a \
	VPSHUFD     $0xa0, d, K1, c \
	VPUNPCKLQDQ c, a, b         \
	VPUNPCKHQDQ c, a, d         \
	VMOVDQU32   b, off(DI)      \
	VMOVDQU32   d, off+64(DI)

// func blocksAVX512(dst *uint32, n int, c0, c1, c2, c3, k0, k1 uint32)
// Writes to dst the blocks for the counters (c0+i, c1, c2, c3), i < 32n,
// 32 a loop: four groups of eight, in Z0-Z3, Z6-Z9, Z12-Z15 and
// Z26-Z29, each with a spare pair (Z4-Z5, Z10-Z11, Z20-Z21, Z30-Z31).
// Z16 and Z17 are the multipliers, Z18 the offsets, Z19 the loop's c0,
// Z23 and Z24 hold 8 and 32. The frame holds the ten rounds' keys at
// 0(SP) to 79(SP) and the counter's words 1-3 at 80(SP) to 91(SP).
TEXT ·blocksAVX512(SB), NOSPLIT, $96-40
	MOVL k0+32(FP), AX
	MOVL k1+36(FP), BX
	KEYS(0)
	KEYS(1)
	KEYS(2)
	KEYS(3)
	KEYS(4)
	KEYS(5)
	KEYS(6)
	KEYS(7)
	KEYS(8)
	KEYS(9)

	MOVL         $0xD2511F53, AX
	VPBROADCASTQ AX, Z16
	MOVL         $0xCD9E8D57, AX
	VPBROADCASTQ AX, Z17
	VMOVDQU64    offsets<>(SB), Z18
	MOVL         c0+16(FP), AX
	VPBROADCASTQ AX, Z19
	MOVL         c1+20(FP), AX
	MOVL         AX, 80(SP)
	MOVL         c2+24(FP), AX
	MOVL         AX, 84(SP)
	MOVL         c3+28(FP), AX
	MOVL         AX, 88(SP)
	MOVQ         $8, AX
	VPBROADCASTQ AX, Z23
	MOVQ         $32, AX
	VPBROADCASTQ AX, Z24
	MOVL         $0xaaaa, AX
	KMOVW        AX, K1 // the odd doublewords: each lane's high half

	MOVQ dst+0(FP), DI
	MOVQ n+8(FP), CX
	TESTQ CX, CX
	JLE  done

loop:
	VPADDQ       Z18, Z19, Z0 // blocks 0-7's counters
	VPADDQ       Z23, Z0, Z6  // 8-15's
	VPADDQ       Z23, Z6, Z12 // 16-23's
	VPADDQ       Z23, Z12, Z26 // 24-31's
	VPBROADCASTD 80(SP), Z1 // words 1-3: the same in every block
	VPBROADCASTD 84(SP), Z2
	VPBROADCASTD 88(SP), Z3
	VMOVDQA64    Z1, Z7
	VMOVDQA64    Z2, Z8
	VMOVDQA64    Z3, Z9
	VMOVDQA64    Z1, Z13
	VMOVDQA64    Z2, Z14
	VMOVDQA64    Z3, Z15
	VMOVDQA64    Z1, Z27
	VMOVDQA64    Z2, Z28
	VMOVDQA64    Z3, Z29
	ROUNDS2(0)
	ROUNDS2(16)
	ROUNDS2(32)
	ROUNDS2(48)
	ROUNDS2(64)
	STORE(Z0, Z1, Z2, Z3, 0)
	STORE(Z6, Z7, Z8, Z9, 128)
	STORE(Z12, Z13, Z14, Z15, 256)
	STORE(Z26, Z27, Z28, Z29, 384)
	VPADDQ Z24, Z19, Z19
	ADDQ   $512, DI
	DECQ   CX
	JNZ    loop

done:
	VZEROUPPER
	RET

// func uniformAVX512(dst *float32, src *uint32, n int)
// For i < 16n, dst[i] = Uint32ToFloat(src[i]): the low 23 bits under the
// exponent of 1, minus 1.
TEXT ·uniformAVX512(SB), NOSPLIT, $0-24
	MOVQ         dst+0(FP), DI
	MOVQ         src+8(FP), SI
	MOVQ         n+16(FP), CX
	MOVL         $0x7fffff, AX
	VPBROADCASTD AX, Z1
	MOVL         $0x3f800000, AX // 1.0
	VPBROADCASTD AX, Z2
	TESTQ        CX, CX
	JLE          udone

uloop:
	VMOVDQU32  (SI), Z0
	VPTERNLOGD $0xea, Z2, Z1, Z0 // Z0&Z1 | Z2
	VSUBPS     Z2, Z0, Z0
	VMOVUPS    Z0, (DI)
	ADDQ       $64, SI
	ADDQ       $64, DI
	DECQ       CX
	JNZ        uloop

udone:
	VZEROUPPER
	RET
