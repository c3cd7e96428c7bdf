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

// The AVX2 kernels do as the AVX-512 ones with YMM registers: four
// blocks to a register, and no three-way XOR or masked shuffle.

// ctr4 holds the word-0 offsets in a YMM register's lanes (as offsets
// above, for four), then the steps 4 and 8.
DATA ctr4<>+0(SB)/8, $0
DATA ctr4<>+8(SB)/8, $2
DATA ctr4<>+16(SB)/8, $1
DATA ctr4<>+24(SB)/8, $3
DATA ctr4<>+32(SB)/8, $4
DATA ctr4<>+40(SB)/8, $4
DATA ctr4<>+48(SB)/8, $4
DATA ctr4<>+56(SB)/8, $4
DATA ctr4<>+64(SB)/8, $8
DATA ctr4<>+72(SB)/8, $8
DATA ctr4<>+80(SB)/8, $8
DATA ctr4<>+88(SB)/8, $8
GLOBL ctr4<>(SB), RODATA|NOPTR, $96

// muls holds the two round multipliers, to broadcast.
DATA muls<>+0(SB)/4, $0xD2511F53
DATA muls<>+4(SB)/4, $0xCD9E8D57
GLOBL muls<>(SB), RODATA|NOPTR, $8

// ROUNDY is ROUND in YMM registers, the round's keys broadcast at k(SP)
// and k+32(SP).
#define ROUNDY(a, b, c, d, t, u, k) \
	VPMULUDQ Y13, c, t     \
	VPMULUDQ Y12, a, u     \
	VPSRLQ   $32, t, a     \
	VPSRLQ   $32, u, c     \
	VPXOR    b, a, a       \
	VPXOR    k(SP), a, a   \
	VPXOR    d, c, c       \
	VPXOR    k+32(SP), c, c

// ROUNDSY2 is two rounds on the two groups of four blocks.
#define ROUNDSY2(k) \
	ROUNDY(Y0, Y1, Y2, Y3, Y4, Y5, k)     \
	ROUNDY(Y6, Y7, Y8, Y9, Y10, Y11, k)   \
	ROUNDY(Y0, Y4, Y2, Y5, Y1, Y3, k+64)  \
	ROUNDY(Y6, Y10, Y8, Y11, Y7, Y9, k+64)

// KEYSY stores round r's keys (AX, BX), broadcast, at 64r(SP) and
// 64r+32(SP), and moves them on.
#define KEYSY(r) \
	VMOVD        AX, X15          \
	VPBROADCASTD X15, Y15         \
	VMOVDQU      Y15, (64*r)(SP)  \
	VMOVD        BX, X15          \
	VPBROADCASTD X15, Y15         \
	VMOVDQU      Y15, (64*r+32)(SP) \
	ADDL         $0x9E3779B9, AX  \
	ADDL         $0xBB67AE85, BX

// STOREY is STORE for four blocks in YMM registers.
#define STOREY(a, b, c, d, off) \
	VPSLLQ      $32, b, b      \
	VPSLLQ      $32, d, d      \
	VPBLENDD    $0xaa, b, a, a \
	VPBLENDD    $0xaa, d, c, c \
	VPUNPCKLQDQ c, a, b        \
	VPUNPCKHQDQ c, a, d        \
	VMOVDQU     b, off(DI)     \
	VMOVDQU     d, off+32(DI)

// func blocksAVX2(dst *uint32, n int, c0, c1, c2, c3, k0, k1 uint32)
// Writes to dst the blocks for the counters (c0+i, c1, c2, c3), i < 8n,
// 8 a loop: two groups of four, in Y0-Y3 and Y6-Y9, with the spare
// pairs Y4-Y5 and Y10-Y11. Y12 and Y13 are the multipliers, Y14 the
// loop's c0. The frame holds the ten rounds' keys, broadcast, at 0(SP)
// to 639(SP), and the counter's words at 640(SP) to 655(SP).
TEXT ·blocksAVX2(SB), $656-40
	MOVL k0+32(FP), AX
	MOVL k1+36(FP), BX
	KEYSY(0)
	KEYSY(1)
	KEYSY(2)
	KEYSY(3)
	KEYSY(4)
	KEYSY(5)
	KEYSY(6)
	KEYSY(7)
	KEYSY(8)
	KEYSY(9)
	MOVL c0+16(FP), AX
	MOVL AX, 640(SP)
	MOVL c1+20(FP), AX
	MOVL AX, 644(SP)
	MOVL c2+24(FP), AX
	MOVL AX, 648(SP)
	MOVL c3+28(FP), AX
	MOVL AX, 652(SP)

	VPBROADCASTD muls<>+0(SB), Y12
	VPBROADCASTD muls<>+4(SB), Y13
	VPBROADCASTD 640(SP), Y14

	MOVQ  dst+0(FP), DI
	MOVQ  n+8(FP), CX
	TESTQ CX, CX
	JLE   ydone

yloop:
	VPADDQ       ctr4<>+0(SB), Y14, Y0 // blocks 0-3's counters
	VPADDQ       ctr4<>+32(SB), Y0, Y6 // 4-7's
	VPBROADCASTD 644(SP), Y1
	VPBROADCASTD 648(SP), Y2
	VPBROADCASTD 652(SP), Y3
	VMOVDQA      Y1, Y7
	VMOVDQA      Y2, Y8
	VMOVDQA      Y3, Y9
	ROUNDSY2(0)
	ROUNDSY2(128)
	ROUNDSY2(256)
	ROUNDSY2(384)
	ROUNDSY2(512)
	STOREY(Y0, Y1, Y2, Y3, 0)
	STOREY(Y6, Y7, Y8, Y9, 64)
	VPADDQ ctr4<>+64(SB), Y14, Y14
	ADDQ   $128, DI
	DECQ   CX
	JNZ    yloop

ydone:
	VZEROUPPER
	RET

// func uniformAVX2(dst *float32, src *uint32, n int)
// uniformAVX512 on 8n words.
TEXT ·uniformAVX2(SB), NOSPLIT, $0-24
	MOVQ         dst+0(FP), DI
	MOVQ         src+8(FP), SI
	MOVQ         n+16(FP), CX
	MOVL         $0x7fffff, AX
	VMOVD        AX, X1
	VPBROADCASTD X1, Y1
	MOVL         $0x3f800000, AX // 1.0
	VMOVD        AX, X2
	VPBROADCASTD X2, Y2
	TESTQ        CX, CX
	JLE          uydone

uyloop:
	VPAND   (SI), Y1, Y0
	VPOR    Y2, Y0, Y0
	VSUBPS  Y2, Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNZ     uyloop

uydone:
	VZEROUPPER
	RET
