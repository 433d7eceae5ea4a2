// Package document holds the constructors of the example's services. A
// constructor receives what it needs as parameters (other entries, or the
// root as a holders.Registry): accessorgen matches them by type when
// generating, and refuses a dependency cycle then, not at run time.
package document

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/accessorgen/accessorgen/holders"
)

// Out is where the logger writes; the example's main points it at its
// output.
var Out io.Writer = os.Stdout

// Built counts the constructor calls, by constructor: the example and its
// tests show that each entry is built once, and only when first accessed.
var Built = &Counter{}

// Counter counts calls by name; it is safe for concurrent use.
type Counter struct {
	mu sync.Mutex
	n  map[string]int
}

// Add counts one call of name.
func (c *Counter) Add(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[name]++
}

// Get returns the calls of name.
func (c *Counter) Get(name string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[name]
}

// Reset forgets every count.
func (c *Counter) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n = nil
}

// Logger writes one line per event.
type Logger struct {
	mu sync.Mutex
	w  io.Writer
}

// NewLogger is the constructor of core.logger.
func NewLogger() *Logger {
	Built.Add("core.logger")
	return &Logger{w: Out}
}

// Printf writes one line.
func (l *Logger) Printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "log: "+format+"\n", args...)
}

// JSONSerializer encodes values as JSON.
type JSONSerializer struct{}

// NewJSONSerializer is the constructor of data.serializers.json.
func NewJSONSerializer() *JSONSerializer {
	Built.Add("data.serializers.json")
	return &JSONSerializer{}
}

// Encode returns v as JSON.
func (*JSONSerializer) Encode(v any) ([]byte, error) { return json.Marshal(v) }

// Decode reads JSON into v.
func (*JSONSerializer) Decode(data []byte, v any) error { return json.Unmarshal(data, v) }

// Base64Serializer encodes bytes as base64 text.
type Base64Serializer struct{}

// NewBase64Serializer is the constructor of data.serializers.base64.
func NewBase64Serializer() *Base64Serializer {
	Built.Add("data.serializers.base64")
	return &Base64Serializer{}
}

// Encode returns data in base64.
func (*Base64Serializer) Encode(data []byte) string { return base64.StdEncoding.EncodeToString(data) }

// KVClient is an in-memory key-value store that keeps values as JSON.
type KVClient struct {
	log   *Logger
	codec *JSONSerializer
	mu    sync.Mutex
	data  map[string][]byte
}

// NewKVClient is the constructor of clients.kv: it needs the logger and the
// JSON serializer, which the registry builds first if they are not yet.
func NewKVClient(log *Logger, codec *JSONSerializer) (*KVClient, error) {
	Built.Add("clients.kv")
	log.Printf("kv client ready")
	return &KVClient{log: log, codec: codec, data: map[string][]byte{}}, nil
}

// Set stores v under key.
func (c *KVClient) Set(key string, v any) error {
	data, err := c.codec.Encode(v)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data[key] = data
	c.log.Printf("set %s = %s", key, data)
	return nil
}

// Get reads key into v.
func (c *KVClient) Get(key string, v any) error {
	c.mu.Lock()
	data, ok := c.data[key]
	c.mu.Unlock()
	if !ok {
		return fmt.Errorf("kv: no key %q", key)
	}
	return c.codec.Decode(data, v)
}

// RemoteClient would talk to a server.
type RemoteClient struct{}

// ErrNoAddress is what NewRemoteClient returns: the example configures no
// server.
var ErrNoAddress = errors.New("remote client: no address configured")

// NewRemoteClient is the constructor of clients.remote; it fails, and the
// registry keeps the error.
func NewRemoteClient(log *Logger) (*RemoteClient, error) {
	Built.Add("clients.remote")
	log.Printf("remote client: no address")
	return nil, ErrNoAddress
}

// Inventory describes the registry it was built from.
type Inventory struct {
	root holders.Registry
}

// NewInventory is the constructor of tools.inventory: it takes the root.
func NewInventory(root holders.Registry) *Inventory {
	Built.Add("tools.inventory")
	return &Inventory{root: root}
}

// Built lists the paths built so far, sorted.
func (i *Inventory) Built() string {
	var built []string
	for _, l := range i.root.Locations() {
		if l.Built && l.AliasOf == "" {
			built = append(built, l.Path)
		}
	}
	sort.Strings(built)
	return strings.Join(built, ", ")
}
