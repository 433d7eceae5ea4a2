//go:build unix

package output

import (
	"os"
	"syscall"
)

// Lock takes an advisory lock on the file at path, exclusive or shared,
// waiting for other holders; unlock releases it. accessorgen locks its
// config file: two runs on the same outputs then take turns, and a check
// never sees a generation half-applied.
func Lock(path string, exclusive bool) (unlock func(), err error) {
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
