# The two commands the README promises:
#   make run   runs every lecture program on its notebook's defaults, figures in out/
#   make test  runs the tests (what CI runs)
GO ?= go
PROGRAMS = least-squares max-likelihood train-test-accuracy single-layer double-layer \
           mnist-sample mnist-softmax mnist-single-layer \
           orenist-filter orenist-dynamic-filter orenist-classification \
           mnist-dynamic-filter mnist-dynamic-filter-result mnist-cnn
OUT ?= out
# mnist-cnn's notebook trains 20,000 steps (hours on 2 cores); make run
# trains 2,000 of them unless told otherwise: make run CNN_STEPS=20000
CNN_STEPS ?= 2000

.PHONY: run test bench vet $(PROGRAMS)

run: $(PROGRAMS)

$(PROGRAMS):
	@echo "== $@"
	$(GO) run ./cmd/$@ -out $(OUT) $(if $(filter mnist-cnn,$@),-steps $(CNN_STEPS))

test:
	$(GO) vet ./...
	$(GO) test ./...
	$(GO) test -race ./session/ ./compile/

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
