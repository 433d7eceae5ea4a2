//go:build !linux

package main

import "os"

// peakRSS is not measured on this system: the units and the scope of
// getrusage's maximum resident set differ between systems.
func peakRSS(*os.ProcessState) int64 { return 0 }

// pageFaults is not measured on this system.
func pageFaults(*os.ProcessState) int64 { return -1 }
