package philox_test

import (
	"fmt"

	"github.com/tf1go/tf1go/philox"
)

// A TF random op's kernel keeps one stream for its session; each run
// reserves 256 blocks per output value and fills the output from them.
// These are the first values of the ODE notebook's hidden weights,
// tf.truncated_normal([392, 2]) with graph seed 20160703 and op seed 23.
func ExampleStream() {
	s := philox.NewStream(20160703, 23)
	w := make([]float32, 4)
	s.TruncatedNormal(w) // the initializer's run
	fmt.Println(w)
	s.TruncatedNormal(w) // a second run continues the stream
	fmt.Println(w)
	// Output:
	// [-0.025193965 -0.5638684 1.3414785 1.4914727]
	// [-0.23115896 1.263998 -1.0878266 -0.48743892]
}

// Philox4x32-10 is a function of a counter and a key; New keys it as
// TF's PhiloxRandom(seed, seed2) does.
func ExampleGenerator() {
	g := philox.New(0, 0)
	fmt.Printf("%#x\n", g.Next())
	fmt.Println(philox.Uint32ToFloat(0x400000))
	// Output:
	// [0x6627e8d5 0xe169c58d 0xbc57ac4c 0x9b00dbd8]
	// 0.5
}
