// Package figure draws the PNG figures of the lecture programs, in the
// style of the notebooks' matplotlib figures, with gonum.org/v1/plot.
//
// Its inputs are plain Go values (slices of float64 and float32), so a
// program fetches what it wants to show from a session and hands it over;
// this package knows nothing of graphs or tensors.
//
// # Figures and the programs that draw them
//
// DecisionField draws a model's output on a grid in grey, with the
// training points as 'x' (t = 1) and 'o' (t = 0) markers on top: the
// sigmoid output on a 100x100 grid for the logistic regression (MLE, which
// also passes its boundary line as a Series), the one-hidden-layer toy
// (SNE) and the two-hidden-layer XOR-like toy (DNE).
//
// Lines draws lines and scatters on one pair of axes: the train and test
// accuracy curves of CAF (two named lines, so a legend), and the least
// squares fit of LSE (the 12 monthly temperatures as a scatter, the fitted
// polynomial as a line).
//
// Scatter draws groups of points told apart by marker and colour: the two
// tanh outputs of OCE's classifier, one group per class, with the markers
// '|', '_' and '+' of the notebook (VBar, HBar, Plus; Size 14).
//
// Images draws a grid of small grey images with titles: the first 10
// MNIST training digits titled with their labels (MDS, 2x5); per predicted
// digit, 3 right and 3 wrong test digits titled "prediction / actual"
// (MSE and MSL, 10x6, with cells left empty where too few were found);
// the filters, the images and their filtered and pooled versions (OFE,
// ODE, MDR), and the conv layers' feature maps before and after relu
// (HWR). Digits are drawn on the fixed scale [0, 1]; filters and feature
// maps, which may be negative, on their own range, as imshow does without
// vmin and vmax.
//
// Bars draws charts of probability bars, each beside the image it
// describes: the first 10 misclassified test digits of MDR, titled
// "prediction / actual", two to a row; and, without an image, the
// recognizer's 10 probabilities for a drawing (HWR).
//
// # Style
//
// The figures follow matplotlib 2's defaults: its colour cycle (blue,
// orange, green, ...), a box of spines around the data, short outward
// ticks at round steps, 5% margins around line and scatter data, a
// sans-serif face, and images drawn with nearest-neighbour scaling and the
// gray_r colormap (0 white, 1 black) unless an Image asks for Gray. Sizes
// are fixed per kind of figure at 100 pixels per inch, so a program needs
// no layout code. Rendering is deterministic: the same inputs give the
// same bytes.
//
// # Writing
//
// Every function writes one PNG at the path it is given, creating the
// directory if it is missing. It writes to a temporary file beside the
// target and renames it into place, so a crash or a full disk never leaves
// a truncated figure where a complete one is expected.
//
// Figures are drawn after a program's training, so bad input (mismatched
// lengths, an image whose Pix does not match its size) is reported as an
// error rather than a panic: a program can log it and still print its
// results. Nothing is written when an error is returned.
package figure
