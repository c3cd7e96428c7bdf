package figure

import (
	"fmt"

	"github.com/pkg/errors"
)

// Predictions draws the MSE/MSL/CNN figure of test digits per predicted
// class: row i shows, in test-set order, the first 3 digits predicted as
// i correctly and then the first 3 predicted as i wrongly, titled
// "prediction / actual". images are 28x28 rows of pixels in [0, 1].
func Predictions(path string, images [][]float32, pred, actual []int) error {
	if len(images) != len(pred) || len(pred) != len(actual) {
		return errors.Errorf("figure: Predictions: %d images, %d predictions, %d labels", len(images), len(pred), len(actual))
	}
	cells := make([]Image, 60)
	for i := 0; i < 10; i++ {
		right, wrong := 0, 0
		for k := range images {
			if pred[k] != i {
				continue
			}
			var col int
			if actual[k] == i && right < 3 {
				col, right = right, right+1
			} else if actual[k] != i && wrong < 3 {
				col, wrong = 3+wrong, wrong+1
			} else {
				continue
			}
			cells[i*6+col] = Image{W: 28, H: 28, Pix: images[k], Title: fmt.Sprintf("%d / %d", pred[k], actual[k]), VMin: 0, VMax: 1}
			if right == 3 && wrong == 3 {
				break
			}
		}
	}
	return Images(path, 10, 6, cells)
}
