package schema

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Limits on schema input. A generator runs in every build: hostile or
// broken input must end in a positioned error, not in exhausted memory or
// time. Each is far above what real schemas need (ERP5's largest sheet has
// under 100 properties, its deepest category tree under 10 levels).
const (
	MaxFileSize       = 8 << 20 // bytes in one schema or config file
	MaxDocuments      = 10_000  // YAML documents in one file
	MaxProperties     = 2_000   // properties in one sheet
	MaxNameLength     = 128     // bytes in a name, id or category id
	MaxCategoryDepth  = 32      // levels of a base category tree
	MaxCategoryValues = 100_000 // values of one base category, aliases expanded
	MaxErrors         = 1_000   // errors reported in one run; a summary line follows
)

// readLimited reads at most MaxFileSize+1 bytes of the file at path, so
// that an oversized file, or a special file that never ends, costs at most
// that much before its size is reported.
//
// A named pipe or a socket is refused before it is opened: opening a pipe
// waits for a writer, which would hang the run.
func readLimited(path string) ([]byte, error) {
	if info, err := os.Stat(path); err == nil && info.Mode()&(fs.ModeNamedPipe|fs.ModeSocket) != 0 {
		return nil, fmt.Errorf("%s is a %s, not a file: remove it or rename it", path, map[bool]string{true: "named pipe", false: "socket"}[info.Mode()&fs.ModeNamedPipe != 0])
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxFileSize+1))
}
