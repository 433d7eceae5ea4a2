package main

import (
	"os"
	"syscall"
)

// peakRSS returns the largest resident set, in bytes, of the finished
// process ps and of the processes it waited for: on Linux, wait4 reports
// the maximum over the whole tree, so a go build's figure is its largest
// compiler's.
func peakRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10 // kilobytes on Linux
	}
	return 0
}

// pageFaults returns the page faults of the finished process ps that
// needed no disk read (minor faults), or -1 if they are not known. A
// program's start-up pays for each page it touches first, and on a
// virtual machine such a fault costs tens of microseconds
// (docs/performance.md, "Page faults, not size").
func pageFaults(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Minflt
	}
	return -1
}
