# The commands the README promises:
#   make run      runs every lecture program on its notebook's defaults, then
#                 writes the gallery: out/index.html, each program's key cells,
#                 printed lines (out/<program>.txt) and figures (out/*.png)
#   make gallery  rebuilds out/index.html from what out/ holds
#   make test     runs the tests (what CI runs)
GO ?= go
# a program's failure fails make run, though its lines go through tee
SHELL := bash
.SHELLFLAGS := -o pipefail -c
# in the lecture's order (the gallery's): mnist-dynamic-filter-result restores
# what mnist-dynamic-filter saved, transfer-learning what mnist-cnn saved
PROGRAMS = least-squares max-likelihood train-test-accuracy mnist-sample mnist-softmax \
           single-layer double-layer mnist-single-layer mnist-single-layer-tensorboard \
           orenist-filter orenist-dynamic-filter orenist-classification \
           mnist-dynamic-filter mnist-dynamic-filter-tensorboard mnist-dynamic-filter-result \
           mnist-cnn transfer-learning
OUT ?= out
# mnist-cnn's notebook trains 20,000 steps (hours on 2 cores); make run
# trains 2,000 of them unless told otherwise: make run CNN_STEPS=20000
CNN_STEPS ?= 2000
ARGS_mnist-cnn = -steps $(CNN_STEPS)
# transfer learning starts from the recognizer's shipped checkpoint (13,500
# steps) when it is there, else from the one mnist-cnn just saved in ckpt/
SHIPPED_CNN = cmd/internal/handwriting/model/cnn
ARGS_transfer-learning = $(if $(wildcard $(SHIPPED_CNN).index),-checkpoint $(SHIPPED_CNN))
# the TensorBoard notebooks' event files go beside their lines, for the gallery
ARGS_mnist-single-layer-tensorboard = -logdir $(OUT)/mnist-single-layer-tensorboard
ARGS_mnist-dynamic-filter-tensorboard = -logdir $(OUT)/mnist-dynamic-filter-tensorboard

.PHONY: run gallery test bench $(PROGRAMS)

run: $(PROGRAMS)
	@$(MAKE) --no-print-directory gallery

gallery:
	$(GO) run ./cmd/gallery -out $(OUT)

$(PROGRAMS):
	@echo "== $@"
	@mkdir -p $(OUT)
	$(GO) run ./cmd/$@ -out $(OUT) $(ARGS_$@) | tee $(OUT)/$@.txt

# staticcheck at a fixed version, fetched by the go command like a dependency
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

test:
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) test ./...
	$(GO) test -race ./session/ ./compile/

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
