package gallery

// A Program is one section of the gallery: a lecture program and what
// the page shows of it.
type Program struct {
	Name   string   // the command, cmd/<Name>; its files in out/ are <Name>.txt, <Name>.png, <Name>-*.png
	Label  string   // the notebook's cell prefix, "MSE"
	Title  string   // the notebook's title
	Slides string   // the slides that teach it or set its exercise, "" when the deck does not cite it
	Cells  []string // the key cells shown as Go beside Python, in order
	Events bool     // its TensorBoard event files are in out/<Name>/: the page draws their scalars
	Page   bool     // an interactive page, not a run: nothing of it in out/
	Note   string   // one line on what the section shows, or how to run it
}

// Programs are the gallery's sections in the lecture's order: its
// chapters 1 to 5, the two TensorBoard notebooks after the models they
// repeat, the transfer-learning program with the slides that mention it,
// and the handwriting recognizer last.
var Programs = []Program{
	{Name: "least-squares", Label: "LSE", Title: "Least squares example",
		Cells: []string{"LSE-02", "LSE-03", "LSE-04", "LSE-05", "LSE-06", "LSE-07", "LSE-10"},
		Note:  "Chapter 1: a polynomial fitted to 12 monthly temperatures with Adam."},
	{Name: "max-likelihood", Label: "MLE", Title: "Maximum likelihood estimation example", Slides: "28-48",
		Cells: []string{"MLE-05", "MLE-06", "MLE-07", "MLE-09"},
		Note:  "Logistic regression: the slides' first TensorFlow code."},
	{Name: "train-test-accuracy", Label: "CAF", Title: "Comparing accuracy for training and test sets",
		Cells: []string{"CAF-06"},
		Note:  "The MLE model on 1,120 training and 280 test points."},
	{Name: "mnist-sample", Label: "MDS", Title: "MNIST dataset sample", Slides: "52",
		Cells: []string{"MDS-01", "MDS-02", "MDS-03"}},
	{Name: "mnist-softmax", Label: "MSE", Title: "MNIST softmax estimation", Slides: "52-65",
		Cells: []string{"MSE-03", "MSE-04", "MSE-06"},
		Note:  "Slide 65's exercise: go run ./cmd/mnist-softmax -optimizer gd -lr 0.01 (then 0.005, 0.001)."},
	{Name: "single-layer", Label: "SNE", Title: "Single layer network example", Slides: "69",
		Cells: []string{"SNE-04", "SNE-05"}},
	{Name: "double-layer", Label: "DNE", Title: "Double layer network example", Slides: "75",
		Cells: []string{"DNE-04", "DNE-05"}},
	{Name: "mnist-single-layer", Label: "MSL", Title: "MNIST single layer network", Slides: "77-79",
		Cells: []string{"MSL-03"},
		Note:  "Slide 79's exercise: go run ./cmd/mnist-single-layer -units 128 (or 512, 4096)."},
	{Name: "mnist-single-layer-tensorboard", Label: "MST", Title: "MNIST single layer network with TensorBoard",
		Cells: []string{"MST-05"}, Events: true,
		Note: "MSL with TensorBoard summaries; the curves below are read back from its event file."},
	{Name: "orenist-filter", Label: "OFE", Title: "ORENIST filter example", Slides: "87-92",
		Cells: []string{"OFE-04", "OFE-05"}},
	{Name: "orenist-dynamic-filter", Label: "ODE", Title: "ORENIST dynamic filter example", Slides: "97-98",
		Cells: []string{"ODE-03", "ODE-04", "ODE-05"}},
	{Name: "orenist-classification", Label: "OCE", Title: "ORENIST classification example", Slides: "87-92",
		Cells: []string{"OCE-03"}},
	{Name: "mnist-dynamic-filter", Label: "MDC", Title: "MNIST dynamic filter classification", Slides: "96-98, 108",
		Cells: []string{"MDC-03", "MDC-04", "MDC-05"},
		Note:  "Slide 108's exercise: go run ./cmd/mnist-dynamic-filter -filters 32, then mnist-dynamic-filter-result -filters 32."},
	{Name: "mnist-dynamic-filter-tensorboard", Label: "MDT", Title: "MNIST dynamic filter classification with TensorBoard",
		Cells: []string{"MDT-05"}, Events: true,
		Note: "MDC with TensorBoard summaries; the curves below are read back from its event file."},
	{Name: "mnist-dynamic-filter-result", Label: "MDR", Title: "MNIST dynamic filter result", Slides: "96, 108",
		Cells: []string{"MDR-05", "MDR-06"}},
	{Name: "mnist-cnn", Label: "CNN", Title: "MNIST double layer CNN classification", Slides: "96, 101-104",
		Cells: []string{"CNN-02", "CNN-03", "CNN-04", "CNN-07"}},
	{Name: "transfer-learning", Label: "TRL", Title: "Transfer learning (for reference)", Slides: "106-107",
		Cells: []string{"TRL-02", "TRL-03"},
		Note:  "No notebook: the slides describe transfer learning; this program tries it on the CNN's convolution layers."},
	{Name: "handwriting", Label: "HWR", Title: "Handwriting recognizer", Slides: "109", Page: true,
		Note: "An interactive page, not a run: go run ./cmd/handwriting (or the lab) and draw digits."},
}
