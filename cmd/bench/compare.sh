#!/bin/sh
# tf1go against PyTorch, side by side, in alternating rounds: the CNN at 2
# threads and 1 (ROUNDS rounds), the other models and cnn-eval (2 rounds),
# and the GEMM on the lecture's shapes at one thread (2 rounds). On a
# machine whose speed swings between runs, compare the best of the rounds
# (or round by round), never one run of each.
#
#   sh cmd/bench/compare.sh [ROUNDS]    (default 3)
# Needs PyTorch as ../shared/bench/torch_ref.py says; OPENBLAS_CORETYPE=SkylakeX
# picks OpenBLAS's AVX-512 kernels (drop it on a CPU without AVX-512).
set -e
cd "$(dirname "$0")/../.."
torch() { env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 "$@" 2>&1 | grep bench:; }
go build -o /tmp/tf1go-bench ./cmd/bench
go test -c -o /tmp/tf1go-gemm.test ./ops/internal/gemm/
grep -m1 'model name' /proc/cpuinfo
uptime
for r in $(seq "${1:-3}"); do
	echo "round $r"
	torch ../shared/bench/torch_ref.py --model cnn --steps 30 | sed 's/^/torch 2thr /'
	/tmp/tf1go-bench -model cnn -steps 30 | sed 's/^/tf1go 2thr /'
	torch ../shared/bench/torch_ref.py --model cnn --steps 30 --threads 1 | sed 's/^/torch 1thr /'
	GOMAXPROCS=1 /tmp/tf1go-bench -model cnn -steps 30 | sed 's/^/tf1go 1thr /'
done
for r in 1 2; do
	torch ../shared/bench/torch_ref.py --model logreg,softmax,mlp,mdc,cnn-eval | sed 's/^/torch 2thr /'
	/tmp/tf1go-bench -model logreg,softmax,mlp,mdc,cnn-eval | sed 's/^/tf1go 2thr /'
	torch ../shared/bench/torch_ref.py --threads 1 --model logreg,softmax,mlp,mdc,cnn-eval | sed 's/^/torch 1thr /'
	GOMAXPROCS=1 /tmp/tf1go-bench -model logreg,softmax,mlp,mdc,cnn-eval | sed 's/^/tf1go 1thr /'
done
for r in 1 2; do
	torch cmd/bench/gemm_ref.py --threads 1
	(cd ops/internal/gemm && GOMAXPROCS=1 /tmp/tf1go-gemm.test -test.run '^$' -test.bench 'Sgemm/.*/impl=avx512' |
		awk '/^BenchmarkSgemm/ {split($1, n, "/"); print "bench: gemm=" n[2] " tf1go best_gflops=" $(NF-1)}')
done
uptime
