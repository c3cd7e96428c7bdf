// Package docs holds tf1go's documentation beside the README: the porting
// table (porting.md), the notebooks' record (notebooks.md) and the
// checkpoint format (checkpoint-format.md). It has no code; its tests
// type-check every Go snippet in README.md and docs/*.md, the porting
// table's Go cells included, against the current API, and run the
// README's snippet (Example_readme).
package docs
