#!/usr/bin/python3
"""torch.mm on the lecture's GEMM shapes, to set beside tf1go's
`go test -run '^$' -bench Sgemm ./ops/internal/gemm` (same names, same transposes).

Run (Debian python3-torch + libopenblas0-openmp; on AVX-512 machines pick OpenBLAS's AVX-512 kernels):
  OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 cmd/bench/gemm_ref.py [--threads 1|2] [--seconds 1]
Prints one line per shape:
  bench: gemm=<name> threads=<n> gflops=<best of the runs>
"""
import argparse, time

import torch

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--seconds", type=float, default=1.0)
args = ap.parse_args()
torch.set_num_threads(args.threads)

# name, transA, transB, m, n, k: as ops/internal/gemm/bench_test.go's benchShapes
shapes = [
    ("fc1_100x784x1024", False, False, 100, 1024, 784),
    ("fc1_dW_784x100Tx1024", True, False, 784, 1024, 100),
    ("fc1_dX_100x1024x1024T", False, True, 100, 784, 1024),
    ("fc2_100x1024x10", False, False, 100, 10, 1024),
    ("fc_50x3136x1024", False, False, 50, 1024, 3136),
    ("fc_dX_50x1024x3136T", False, True, 50, 3136, 1024),
    ("fc_dW_3136x50Tx1024", True, False, 3136, 1024, 50),
    ("conv1_9800x25x32", False, False, 9800, 32, 25),
    ("conv2_9800x800x64", False, False, 9800, 64, 800),
    ("conv2_2450x800x64", False, False, 2450, 64, 800),
    ("conv2_dW_800x9800Tx64", True, False, 800, 64, 9800),
    ("conv2_dX_9800x64x800T", False, True, 9800, 800, 64),
    # what the convolution runs: one image at a time
    ("conv2_img_196x800x64", False, False, 196, 64, 800),
    ("conv2_dW_img_800x196Tx64", True, False, 800, 64, 196),
    ("conv2_dX_img_196x64x800T", False, True, 196, 800, 64),
]
for name, ta, tb, m, n, k in shapes:
    a = torch.rand(k, m).t() if ta else torch.rand(m, k)  # op(A) m×k, stored as the Go benchmark stores it
    b = torch.rand(n, k).t() if tb else torch.rand(k, n)
    c = torch.empty(m, n)
    torch.mm(a, b, out=c)
    best = 0.0
    end = time.perf_counter() + args.seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        torch.mm(a, b, out=c)
        best = max(best, 2.0 * m * n * k / (time.perf_counter() - t0) / 1e9)
    print(f"bench: gemm={name} threads={args.threads} gflops={best:.1f}", flush=True)
