// Command gencost measures what generating code costs, for accessorgen and
// for protoc --go_out on the equivalent schema (package synth):
//
//	go run ./cmd/gencost [-sheets 500 -properties 20 -runs 3 -types-per-package 50]
//
// It prints, for both generators: the generation time (the fastest of
// -runs runs, each from an empty output directory, the two generators
// taking turns so that each round compares them under the same load, with
// the ratio of each round), the generated lines
// per property, and the time of `go build` of the generated packages with
// their dependencies already in the build cache (a comment line that
// changes on each run makes the compiler redo the generated packages
// only), with the peak memory of that build (the largest resident set of
// the go command and the compilers it runs, where the system reports it);
// and the same for accessorgen with its portal types split over internal
// packages of -types-per-package types.
// Then it builds a program that links -start-types generated types, one
// that links protoc-gen-go's code for the same types, one that links only
// the holders package and an empty program, and compares their process
// start times and page faults over -starts runs of each, interleaved.
// protoc and protoc-gen-go are looked up on PATH and in
// $(go env GOPATH)/bin; without them the protoc rows say so and are
// skipped.
package main

import (
	"bytes"
	"cmp"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/accessorgen/accessorgen/bench/synth"
)

var (
	sheets     = flag.Int("sheets", 500, "sheets (one portal type each) of the generation benchmark")
	properties = flag.Int("properties", 20, "properties per sheet")
	runs       = flag.Int("runs", 3, "runs of each timed step; the fastest is reported")
	startTypes = flag.Int("start-types", 1000, "portal types linked into the start-up program")
	starts     = flag.Int("starts", 300, "process starts of each program")
	agBin      = flag.String("accessorgen", "", "accessorgen binary (default: built from the parent module)")
	keep       = flag.Bool("keep", false, "keep the temporary directory")
	startOnly  = flag.Bool("start-only", false, "measure only the start-up of the program linking -start-types types")
	perPackage = flag.Int("types-per-package", 50, "also measure accessorgen with its types split over internal packages of this many types (types_per_package); 0: do not")
)

func main() {
	flag.Parse()
	tmp, err := os.MkdirTemp("", "gencost")
	check(err)
	if *keep {
		fmt.Fprintln(os.Stderr, "gencost: working in", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	root, err := goOut("", "list", "-m", "-f", "{{.Dir}}", "github.com/accessorgen/accessorgen")
	check(err)
	ag := *agBin
	if ag == "" {
		ag = filepath.Join(tmp, "accessorgen")
		_, err := goOut("", "build", "-o", ag, "github.com/accessorgen/accessorgen/cmd/accessorgen")
		check(err)
	}
	if *startOnly {
		startUp(tmp, root, ag)
		return
	}
	spec := synth.Spec{Sheets: *sheets, Properties: *properties, Types: *sheets, SheetsPerType: 1}
	props := spec.Sheets * spec.Properties
	fmt.Printf("Schema: %d sheets x %d properties, %d portal types (%d properties); %s\n\n", spec.Sheets, spec.Properties, spec.Types, props, goVersion())
	fmt.Println("| generator | generation | lines | lines per property | go build of the output | its peak memory |")
	fmt.Println("|---|---:|---:|---:|---:|---:|")

	// The two generators are timed in alternating rounds, first one then
	// the other, so that each round's ratio compares them under the same
	// load: timed minutes apart, with the builds between, protoc's time
	// alone varied 1.7× between runs on the same input.
	agDir := setUpAccessorgen(tmp, root, ag, spec, 0)
	protoc, pgg := lookPath("protoc"), lookPath("protoc-gen-go")
	haveProtoc := protoc != "" && pgg != ""
	var pbDir, pbv string
	if haveProtoc {
		pbDir = filepath.Join(tmp, "pb")
		pbv = writeProtoModule(pbDir, "synthpb", spec)
	}
	var agTimes, pbTimes []time.Duration
	for r := range *runs {
		steps := []func(){func() { agTimes = append(agTimes, timed(func() { regenerate(agDir, ag) })) }}
		if haveProtoc {
			steps = append(steps, func() { pbTimes = append(pbTimes, timed(func() { protocGoOut(pbDir, protoc, pgg) })) })
		}
		if r%2 == 1 {
			slices.Reverse(steps)
		}
		for _, step := range steps {
			step()
		}
	}
	agGen := slices.Min(agTimes)
	agLines, agBuild := accessorgenRow(agDir, "accessorgen", agGen, spec)
	if *perPackage > 0 {
		dir := setUpAccessorgen(tmp, root, ag, spec, *perPackage)
		gen := fastest(func() { regenerate(dir, ag) })
		accessorgenRow(dir, fmt.Sprintf("accessorgen, `types_per_package: %d`", *perPackage), gen, spec)
	}

	if !haveProtoc {
		fmt.Println("| protoc --go_out | skipped: protoc or protoc-gen-go is not installed (apt-get install protobuf-compiler; go install google.golang.org/protobuf/cmd/protoc-gen-go@latest) | | | | |")
	} else {
		pbGen := slices.Min(pbTimes)
		run(pbDir, "go", "mod", "tidy")
		pbLines := lines(pbDir, "synthpb")
		pbBuild, pbRSS := buildTime(pbDir, "synthpb")
		fmt.Printf("| protoc --go_out (protoc-gen-go %s) | %s | %d | %.1f | %s | %s |\n", pbv, ms(pbGen), pbLines, float64(pbLines)/float64(props), ms(pbBuild), mb(pbRSS))
		ratios := make([]float64, len(agTimes))
		for i := range agTimes {
			ratios[i] = float64(pbTimes[i]) / float64(agTimes[i])
		}
		fmt.Printf("\nRatios: generation protoc/accessorgen %.2f (fastest against fastest; by round, in alternating order: %s); lines per property accessorgen/protoc %.2f; build accessorgen/protoc %.2f\n",
			float64(pbGen)/float64(agGen), roundRatios(ratios), float64(agLines)/float64(pbLines), float64(agBuild)/float64(pbBuild))
		fmt.Println()
	}

	startUp(tmp, root, ag)
}

// setUpAccessorgen writes spec and a go.mod into a new directory, with the
// portal types split over internal packages of perPackage types when
// perPackage > 0, generates it once (for go mod tidy, which needs the
// generated imports) and returns the directory.
func setUpAccessorgen(tmp, root, ag string, spec synth.Spec, perPackage int) string {
	dir := filepath.Join(tmp, "ag")
	if perPackage > 0 {
		dir = filepath.Join(tmp, "agsplit")
	}
	check(synth.Write(dir, spec, "example.com/synthpb"))
	if perPackage > 0 {
		config := strings.Replace(synth.Config, "types: {dir: portaltype}", fmt.Sprintf("types: {dir: portaltype, types_per_package: %d}", perPackage), 1)
		check(os.WriteFile(filepath.Join(dir, "accessorgen.yaml"), []byte(config), 0o644))
	}
	check(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module synthag\n\ngo 1.26\n\nrequire github.com/accessorgen/accessorgen v0.0.0\n\nreplace github.com/accessorgen/accessorgen => "+root+"\n"), 0o644))
	run(dir, ag)
	run(dir, "go", "mod", "tidy")
	return dir
}

// regenerate runs accessorgen in dir from an empty output directory.
func regenerate(dir, ag string) {
	os.RemoveAll(filepath.Join(dir, "accessorholder"))
	os.RemoveAll(filepath.Join(dir, "portaltype"))
	run(dir, ag)
}

// accessorgenRow prints the table's row of accessorgen's output in dir,
// generated in gen: its lines and the build of its packages (the holders,
// the types and any internal parts). It returns the lines and build time.
func accessorgenRow(dir, label string, gen time.Duration, spec synth.Spec) (n int, build time.Duration) {
	pkgs := []string{"accessorholder", "portaltype"}
	parts, err := filepath.Glob(filepath.Join(dir, "portaltype", "internal", "*"))
	check(err)
	for _, p := range parts {
		rel, err := filepath.Rel(dir, p)
		check(err)
		pkgs = append(pkgs, filepath.ToSlash(rel))
	}
	n = lines(dir, pkgs...)
	build, rss := buildTime(dir, pkgs...)
	fmt.Printf("| %s | %s | %d | %.1f | %s | %s |\n", label, ms(gen), n, float64(n)/float64(spec.Sheets*spec.Properties), ms(build), mb(rss))
	return n, build
}

// startUp builds a program linking *startTypes generated types, one
// linking only the holders package, an empty one and, when protoc and
// protoc-gen-go are installed, one linking protoc-gen-go's code for the
// same types (the static code a Go user would otherwise pick), and
// compares their start times.
func startUp(tmp, root, ag string) {
	dir := filepath.Join(tmp, "start")
	spec := synth.Spec{Sheets: *startTypes, Properties: 2, Types: *startTypes, SheetsPerType: 1}
	check(synth.Write(dir, spec, "example.com/synthpb"))
	check(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module synthstart\n\ngo 1.26\n\nrequire github.com/accessorgen/accessorgen v0.0.0\n\nreplace github.com/accessorgen/accessorgen => "+root+"\n"), 0o644))
	run(dir, ag)
	run(dir, "go", "mod", "tidy")
	// Every program looks a type up by name only when given an argument,
	// so the linker keeps every type and nothing runs at start-up but
	// what the program's packages initialise. The first two, the empty
	// program and holders alone, are the table's two references.
	programs := []startProgram{
		{name: "empty", dir: dir, src: "package main\n\nimport \"os\"\n\nfunc main() {\n\tif len(os.Args) > 1 {\n\t\tos.Exit(1)\n\t}\n}\n"},
		// holders alone, with the error formatting New uses: what the runtime
		// package costs without any type.
		{name: "holders", dir: dir, src: "package main\n\nimport (\n\t\"os\"\n\n\t\"github.com/accessorgen/accessorgen/holders\"\n)\n\nfunc main() {\n\tif len(os.Args) > 1 {\n\t\tif _, ok := holders.FindType(nil, os.Args[1]); !ok {\n\t\t\tos.Exit(1)\n\t\t}\n\t\t_ = holders.UnknownType(os.Args[1])\n\t}\n}\n"},
		{name: "linked", dir: dir, arg: synth.TypeName(*startTypes - 1), src: "package main\n\nimport (\n\t\"os\"\n\n\t\"synthstart/portaltype\"\n)\n\nfunc main() {\n\tif len(os.Args) > 1 {\n\t\tif _, err := portaltype.New(os.Args[1]); err != nil {\n\t\t\tos.Exit(1)\n\t\t}\n\t}\n}\n"},
	}
	protoc, pgg := lookPath("protoc"), lookPath("protoc-gen-go")
	if protoc == "" || pgg == "" {
		fmt.Println("\nStart-up of protoc-gen-go's code: skipped, protoc or protoc-gen-go is not installed")
	} else {
		pbDir := filepath.Join(tmp, "startpb")
		writeProtoModule(pbDir, "synthstartpb", spec)
		protocGoOut(pbDir, protoc, pgg)
		// The generated package registers its messages when it is
		// initialised, as every protoc-gen-go package does; the look-up by
		// name is the one a program would make.
		programs = append(programs, startProgram{name: "protobuf", dir: pbDir, arg: "synth." + synth.MessageName(*startTypes-1),
			src: "package main\n\nimport (\n\t\"os\"\n\n\t_ \"synthstartpb/synthpb\"\n\t\"google.golang.org/protobuf/reflect/protoreflect\"\n\t\"google.golang.org/protobuf/reflect/protoregistry\"\n)\n\nfunc main() {\n\tif len(os.Args) > 1 {\n\t\tif _, err := protoregistry.GlobalTypes.FindMessageByName(protoreflect.FullName(os.Args[1])); err != nil {\n\t\t\tos.Exit(1)\n\t\t}\n\t}\n}\n"})
	}
	for _, p := range programs {
		check(os.MkdirAll(filepath.Join(p.dir, "cmd", p.name), 0o755))
		check(os.WriteFile(filepath.Join(p.dir, "cmd", p.name, "main.go"), []byte(p.src), 0o644))
		if p.name == "protobuf" {
			run(p.dir, "go", "mod", "tidy")
		}
		// Each program is timed as a copy of what the linker wrote: on this
		// machine a binary fresh from the linker started up to 0.5 ms
		// slower than a copy of itself (docs/performance.md, "Start-up"),
		// which would blur the difference being measured.
		built := filepath.Join(tmp, p.name+".built")
		run(p.dir, "go", "build", "-o", built, "./cmd/"+p.name)
		data, err := os.ReadFile(built)
		check(err)
		check(os.WriteFile(filepath.Join(tmp, p.name), data, 0o755))
		if p.arg != "" {
			run(p.dir, filepath.Join(tmp, p.name), p.arg) // it links and finds the last type
		}
	}
	// Each round starts every program once, in an order shuffled afresh
	// (with a fixed seed): in a fixed order the empty program, always
	// first, started 0.2-0.3 ms slower than the holders-only one after it.
	times := make([][]time.Duration, len(programs))
	faults := make([][]int64, len(programs))
	order := make([]int, len(programs))
	shuffle := rand.New(rand.NewPCG(1, 2))
	for range *starts {
		for i := range order {
			order[i] = i
		}
		shuffle.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			t0 := time.Now()
			ps := run(programs[i].dir, filepath.Join(tmp, programs[i].name))
			times[i] = append(times[i], time.Since(t0))
			faults[i] = append(faults[i], pageFaults(ps))
		}
	}
	fmt.Printf("\nStart-up, %d runs of each program, interleaved in shuffled order (%d types of 2 properties):\n\n", *starts, *startTypes)
	fmt.Println("| program | median | p10 | size | median against the empty program | against holders alone | page faults per start (median) |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|")
	for i, p := range programs {
		fi, err := os.Stat(filepath.Join(tmp, p.name))
		check(err)
		fmt.Printf("| %s | %s | %s | %s bytes | %+.3f ms | %+.3f ms | %s |\n", startLabel[p.name], ms3(median(times[i])), ms3(pct(times[i], 10)), comma(fi.Size()),
			float64(median(times[i])-median(times[0]))/1e6, float64(median(times[i])-median(times[1]))/1e6, faultCount(faults[i]))
	}
}

// startProgram is one program of the start-up comparison: its main
// package's source, the module directory it builds in, and the argument
// that makes it look up the last type, to check that it links them.
type startProgram struct {
	name, dir, src, arg string
}

// startLabel names the start-up programs in the table.
var startLabel = map[string]string{
	"empty":    "empty",
	"holders":  "only the `holders` package",
	"linked":   "accessorgen's generated types",
	"protobuf": "protoc-gen-go's generated messages",
}

// writeProtoModule writes spec into dir, as module's package synthpb for
// protoc-gen-go, with a go.mod requiring the protobuf-go version of this
// module, which it returns.
func writeProtoModule(dir, module string, spec synth.Spec) (version string) {
	check(synth.Write(dir, spec, module+"/synthpb"))
	version, err := protobufVersion()
	check(err)
	check(os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+module+"\n\ngo 1.26\n\nrequire google.golang.org/protobuf "+version+"\n"), 0o644))
	return version
}

// protobufVersion is the protobuf-go version this module requires, asked
// of the go command once: both protoc modules need it.
var protobufVersion = sync.OnceValues(func() (string, error) {
	return goOut("", "list", "-m", "-f", "{{.Version}}", "google.golang.org/protobuf")
})

// protocGoOut runs protoc --go_out on the synth.proto of dir, into an
// empty synthpb directory.
func protocGoOut(dir, protoc, pgg string) {
	out := filepath.Join(dir, "synthpb")
	os.RemoveAll(out)
	check(os.MkdirAll(out, 0o755))
	run(dir, protoc, "--plugin=protoc-gen-go="+pgg, "--go_out="+out, "--go_opt=paths=source_relative", "synth.proto")
}

// fastest returns the shortest of -runs runs of f.
func fastest(f func()) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range *runs {
		best = min(best, timed(f))
	}
	return best
}

// timed returns how long f takes.
func timed(f func()) time.Duration {
	t0 := time.Now()
	f()
	return time.Since(t0)
}

// roundRatios formats the ratio of each round, and their median when
// there are more than two.
func roundRatios(r []float64) string {
	var parts []string
	for _, x := range r {
		parts = append(parts, fmt.Sprintf("%.2f", x))
	}
	s := strings.Join(parts, ", ")
	if len(r) > 2 {
		s += fmt.Sprintf("; median %.2f", median(r))
	}
	return s
}

// buildTime times go build of the generated packages, dependencies cached:
// it builds once to fill the cache, then marks each generated file with a
// new comment before each timed build. It also returns the largest peak
// resident set of those builds in bytes (0 where the system does not
// report it): the compiler of one big package is what a machine with
// little memory runs out of.
func buildTime(dir string, pkgs ...string) (time.Duration, int64) {
	var args []string
	for _, p := range pkgs {
		args = append(args, "./"+p)
	}
	run(dir, "go", append([]string{"build"}, args...)...)
	n := 0
	var rss int64
	best := fastest(func() {
		n++
		for _, p := range pkgs {
			files, _ := filepath.Glob(filepath.Join(dir, p, "*.go"))
			for _, f := range files {
				data, err := os.ReadFile(f)
				check(err)
				data = append(data, fmt.Sprintf("\n// gencost build %d %d\n", time.Now().UnixNano(), n)...)
				check(os.WriteFile(f, data, 0o644))
			}
		}
		rss = max(rss, peakRSS(run(dir, "go", append([]string{"build"}, args...)...)))
	})
	return best, rss
}

// lines counts the lines of the .go files in dir's subdirectories pkgs.
func lines(dir string, pkgs ...string) int {
	n := 0
	for _, p := range pkgs {
		files, _ := filepath.Glob(filepath.Join(dir, p, "*.go"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			check(err)
			n += bytes.Count(data, []byte("\n"))
		}
	}
	return n
}

func lookPath(name string) string {
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	gopath, err := goOut("", "env", "GOPATH")
	if err != nil {
		return ""
	}
	p := filepath.Join(gopath, "bin", name)
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// run runs name with args in dir and returns its state, exiting with its
// output if it fails.
func run(dir, name string, args ...string) *os.ProcessState {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		check(fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String()))
	}
	return cmd.ProcessState
}

func goOut(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

func goVersion() string {
	v, _ := goOut("", "env", "GOVERSION")
	return v
}

func median[T cmp.Ordered](d []T) T { return pct(d, 50) }

// pct returns the p-th percentile of d, which it leaves unsorted.
func pct[T cmp.Ordered](d []T, p int) T {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)*p/100]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

// faultCount formats the median of a program's page faults per start, or
// says they were not measured.
func faultCount(f []int64) string {
	if len(f) == 0 || slices.Min(f) < 0 {
		return "not measured"
	}
	return fmt.Sprint(median(f))
}

// mb formats a size in bytes as megabytes, or says it was not measured.
func mb(n int64) string {
	if n == 0 {
		return "not measured"
	}
	return fmt.Sprintf("%d MB", n>>20)
}

func ms3(d time.Duration) string { return fmt.Sprintf("%.3f ms", float64(d)/1e6) }

func comma(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencost:", err)
		os.Exit(1)
	}
}
