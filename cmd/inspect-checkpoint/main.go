// Command inspect-checkpoint lists and prints the tensors of a
// checkpoint, as TensorFlow's inspect_checkpoint tool does: tf1go's own
// checkpoints, TensorFlow's V2 bundles (a prefix such as model.ckpt-1000,
// or a SavedModel's variables/variables, or the SavedModel's directory),
// and TensorFlow's V1 files of TF 0.x.
//
//	inspect-checkpoint PATH               every entry, sorted: NAME DTYPE SHAPE
//	inspect-checkpoint -tensor NAME PATH  the tensor's values, as numpy prints them
//	inspect-checkpoint -json PATH         {"name", "dtype", "shape", "values"} per entry
//	inspect-checkpoint -json -tensor NAME PATH
//
// DTYPE is numpy's name (float32, float64, int32, int64, bool, string,
// ...); SHAPE is [2,3], [] for a scalar. In JSON, values are flat in
// row-major order, NaN and the infinities as the strings "NaN",
// "Infinity" and "-Infinity". An entry that cannot be read (a damaged
// one, or strings) is printed with an "error" field in JSON, and makes
// the command exit with status 1 after the others are printed.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pkg/errors"
	"github.com/tf1go/tf1go/nd"
	"github.com/tf1go/tf1go/train"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "inspect-checkpoint:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("inspect-checkpoint", flag.ContinueOnError)
	tensor := fs.String("tensor", "", "print only this tensor, with its values")
	asJSON := fs.Bool("json", false, "print JSON objects with the values, one line per entry")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: inspect-checkpoint [-tensor NAME] [-json] PATH")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("want one checkpoint path")
	}
	r, err := train.NewCheckpointReader(checkpointPath(fs.Arg(0)))
	if err != nil {
		return err
	}
	entries := r.Entries()
	if *tensor != "" {
		i := slices.IndexFunc(entries, func(e train.CheckpointEntry) bool { return e.Name == *tensor })
		if i < 0 {
			return &train.NotFoundError{Key: *tensor, Path: fs.Arg(0)}
		}
		entries = entries[i : i+1]
	}
	var firstErr error
	for _, e := range entries {
		switch {
		case *asJSON:
			a, err := r.Tensor(e.Name)
			line, jerr := jsonLine(e, a, err)
			if jerr != nil {
				return jerr
			}
			fmt.Fprintln(stdout, line)
			if firstErr == nil {
				firstErr = err
			}
		case *tensor != "":
			a, err := r.Tensor(e.Name)
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, a)
		default:
			fmt.Fprintln(stdout, e.Name, dtypeName(e.DType), shapeString(e.Shape))
		}
	}
	return firstErr
}

// checkpointPath is path, or a SavedModel directory's variables/variables.
func checkpointPath(path string) string {
	vars := filepath.Join(path, "variables", "variables")
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		if _, err := os.Stat(vars + ".index"); err == nil {
			return vars
		}
	}
	return path
}

// dtypeName is numpy's name for a TensorFlow dtype.
func dtypeName(tf string) string {
	switch tf {
	case "float":
		return "float32"
	case "double":
		return "float64"
	case "half":
		return "float16"
	}
	return tf
}

func shapeString(shape []int) string {
	dims := make([]string, len(shape))
	for i, d := range shape {
		dims[i] = strconv.Itoa(d)
	}
	return "[" + strings.Join(dims, ",") + "]"
}

// jsonLine is one entry as a JSON object: its values, or the error that
// kept them from being read.
func jsonLine(e train.CheckpointEntry, a *nd.Array, readErr error) (string, error) {
	obj := struct {
		Name   string `json:"name"`
		DType  string `json:"dtype"`
		Shape  []int  `json:"shape"`
		Values []any  `json:"values"`
		Error  string `json:"error,omitempty"`
	}{Name: e.Name, DType: dtypeName(e.DType), Shape: e.Shape}
	if readErr != nil {
		obj.Error = readErr.Error()
	} else {
		obj.Values = values(a)
	}
	b, err := json.Marshal(obj)
	return string(b), err
}

// values are a's elements for JSON: numbers as Go prints them at the
// array's precision, non-finite floats as strings.
func values(a *nd.Array) []any {
	out := make([]any, a.Len())
	for i := range out {
		switch d := a.Data().(type) {
		case []float32:
			out[i] = floatValue(float64(d[i]), 32)
		case []float64:
			out[i] = floatValue(d[i], 64)
		case []int64:
			out[i] = d[i]
		case []bool:
			out[i] = d[i]
		}
	}
	return out
}

func floatValue(x float64, bits int) any {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Infinity"
	case math.IsInf(x, -1):
		return "-Infinity"
	}
	return json.Number(strconv.FormatFloat(x, 'g', -1, bits))
}
