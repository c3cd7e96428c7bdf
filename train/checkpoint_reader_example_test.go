package train_test

import (
	"fmt"

	"github.com/tf1go/tf1go/train"
)

// A V1 checkpoint written by TensorFlow in December 2016
// (tf.train.Saver's format before TF 0.12): the reader lists its
// tensors and reads one.
func ExampleNewCheckpointReader() {
	r, err := train.NewCheckpointReader("testdata/tf/morvan_v1/save_net.ckpt")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Format())
	for _, e := range r.Entries() {
		fmt.Println(e.Name, e.DType, e.Shape)
	}
	w, err := r.Tensor("weights")
	fmt.Println(w.Float32s(), err)
	// Output:
	// TensorFlow V1
	// biases float [1 3]
	// biases_1 float [1 3]
	// biases_2 float [1 3]
	// weights float [2 3]
	// weights_1 float [2 3]
	// weights_2 float [2 3]
	// weights_3 float [2 3]
	// [1 2 3 3 4 5] <nil>
}
