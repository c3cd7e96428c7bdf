# The two commands the README promises:
#   make run   runs every lecture program on its notebook's defaults, figures in out/
#   make test  runs the tests (what CI runs)
GO ?= go
PROGRAMS = least-squares max-likelihood train-test-accuracy single-layer double-layer \
           mnist-sample mnist-softmax mnist-single-layer \
           orenist-filter orenist-dynamic-filter orenist-classification \
           mnist-dynamic-filter mnist-dynamic-filter-result mnist-cnn
OUT ?= out

.PHONY: run test bench vet $(PROGRAMS)

run: $(PROGRAMS)

$(PROGRAMS):
	@echo "== $@"
	$(GO) run ./cmd/$@ -out $(OUT)

test:
	$(GO) vet ./...
	$(GO) test ./...
	$(GO) test -race ./session/ ./compile/

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./compile/ ./ops/
