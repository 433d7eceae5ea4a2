// Command services shows accessorgen's lazy location registry on a
// Jumpscale-like tree of services: nothing is built when the root is
// created; each entry is built on first access, with the entries its
// constructor takes, exactly once; a constructor's error is kept; paths
// and aliases are reached by string too.
package main

//go:generate go run github.com/accessorgen/accessorgen/cmd/accessorgen

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/accessorgen/accessorgen/examples/services/document"
	"github.com/accessorgen/accessorgen/examples/services/registry"
	"github.com/accessorgen/accessorgen/holders"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "services:", err)
		os.Exit(1)
	}
}

func built(w io.Writer, root *registry.Root) {
	n := 0
	for _, l := range root.Locations() {
		if l.Built && l.AliasOf == "" {
			n++
		}
	}
	fmt.Fprintf(w, "built: %d of %d entries\n", n, len(root.Locations()))
}

func run(w io.Writer) error {
	document.Out = w
	document.Built.Reset()

	// Creating the root builds nothing: it is one allocation of empty slots.
	root := registry.NewRoot()
	built(w, root)

	// The first access builds the entry and what its constructor needs:
	// the logger and the JSON serializer, in that order.
	kv, err := root.Clients().Kv()
	if err != nil {
		return err
	}
	if err := kv.Set("greeting", map[string]string{"hello": "world"}); err != nil {
		return err
	}
	built(w, root)

	// Later accesses return the same value: one atomic load.
	again, _ := root.Clients().Kv()
	fmt.Fprintln(w, "same client:", again == kv, "- NewKVClient called", document.Built.Get("clients.kv"), "time(s)")

	// By string, and through a deprecated alias.
	byPath, _ := root.Lookup("data.serializers.json")
	byAlias, _ := root.Lookup("serializers.json")
	codec, _ := root.Data().Serializers().JSON()
	fmt.Fprintln(w, "by path, by alias and typed are the same:", byPath == any(codec) && byAlias == any(codec))
	_, err = root.Lookup("data.serializers.yaml")
	fmt.Fprintln(w, "unknown path:", err, "- is ErrUnknownLocation:", errors.Is(err, holders.ErrUnknownLocation))

	// A constructor's error is kept: the constructor is not called again.
	for range 2 {
		_, err := root.Clients().Remote()
		fmt.Fprintln(w, "remote:", err)
	}
	fmt.Fprintln(w, "NewRemoteClient called", document.Built.Get("clients.remote"), "time(s)")

	// A portal type as an entry; a constructor that takes the root.
	session, _ := root.Clients().Session()
	session.SetUser("ada")
	inv, _ := root.Tools().Inventory()
	fmt.Fprintln(w, "built so far:", inv.Built())

	// Every path, with what it returns, where it is declared, and whether
	// it is built.
	for _, l := range root.Locations() {
		state := "not built"
		if l.Built {
			state = "built"
		}
		line := fmt.Sprintf("%-24s %-12s %-28s %-9s %s", l.Path, l.Kind, l.GoType, state, l.Pos)
		if l.AliasOf != "" {
			line += " (alias of " + l.AliasOf + ", deprecated: " + l.Deprecated + ")"
		}
		fmt.Fprintln(w, line)
	}
	return nil
}
