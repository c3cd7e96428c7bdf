package tfpb_test

import (
	"fmt"

	"github.com/tf1go/tf1go/internal/tfpb"
	"github.com/tf1go/tf1go/nd"
)

func ExampleDecodeTensor() {
	// a reshape's shape argument, int32 as TensorFlow writes it
	b, _ := tfpb.EncodeTensorAs(nd.FromInt64s([]int64{-1, 28, 28, 1}, 4), tfpb.DTInt32)
	t, _ := tfpb.DecodeTensor(b)
	fmt.Println(t.DType, t.Shape, t.Array.Int64s())
	// Output: int32 [4] [-1 28 28 1]
}
