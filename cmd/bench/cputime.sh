#!/bin/sh
# CPU milliseconds per training step, tf1go and PyTorch, at one thread:
# the figure least disturbed by other work on a shared machine. Each side
# runs 10 and 40 timed steps; the difference of the two processes' CPU
# times (user + system, /usr/bin/time) over 30 cancels start-up and
# compilation.
#
#   sh cmd/bench/cputime.sh [models]   (default: cnn mdc mlp)
# Needs /usr/bin/time, bc, and PyTorch as ../shared/bench/torch_ref.py says.
set -e
cd "$(dirname "$0")/../.."
go build -o /tmp/tf1go-bench ./cmd/bench
cpu() { /usr/bin/time -f "%U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
for m in ${@:-cnn mdc mlp}; do
	a=$(GOMAXPROCS=1 cpu /tmp/tf1go-bench -model "$m" -steps 10 -warmup 2)
	b=$(GOMAXPROCS=1 cpu /tmp/tf1go-bench -model "$m" -steps 40 -warmup 2)
	c=$(cpu env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 ../shared/bench/torch_ref.py --threads 1 --model "$m" --steps 10 --warmup 2)
	d=$(cpu env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 ../shared/bench/torch_ref.py --threads 1 --model "$m" --steps 40 --warmup 2)
	echo "cputime: model=$m tf1go_cpu_ms_per_step=$(echo "($b - $a) * 1000 / 30" | bc -l | cut -c1-6) torch_cpu_ms_per_step=$(echo "($d - $c) * 1000 / 30" | bc -l | cut -c1-6)"
done
