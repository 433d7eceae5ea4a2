//go:build !unix

package output

// Lock does nothing on systems without flock: concurrent runs there are not
// serialised (docs/reliability.md says so); each file is still written
// atomically.
func Lock(path string, exclusive bool) (unlock func(), err error) {
	return func() {}, nil
}
