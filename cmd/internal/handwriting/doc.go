// Package handwriting is the lecture's handwriting recognizer (HWR) behind
// cmd/handwriting and the /hwr/ pages of cmd/lab: the two-layer CNN
// restored from a checkpoint (LoadCNN; the shipped one is embedded from
// model/), a batching Recognizer over its session, and NewHandler, the
// page and its API. Run is the whole of cmd/handwriting; see that
// command's doc for the flags and the API.
package handwriting
