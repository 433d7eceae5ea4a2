//go:build unix

package output

import (
	"fmt"
	"os"
	"syscall"
)

// Lock takes an advisory lock on the file at path, exclusive or shared,
// waiting for other holders; unlock releases it. accessorgen locks its
// config file: two runs on the same outputs then take turns, and a check
// never sees a generation half-applied.
func Lock(path string, exclusive bool) (unlock func(), err error) {
	// Opening a named pipe would wait for a writer: refuse anything but a
	// file (the caller's read of it says what is wrong).
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	for {
		err = syscall.Flock(int(f.Fd()), how)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
