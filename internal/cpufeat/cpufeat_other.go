//go:build !amd64

package cpufeat

func detectAVX() bool     { return false }
func detectAVX2FMA() bool { return false }
func detectAVX512F() bool { return false }
