module github.com/accessorgen/accessorgen/bench

go 1.26.0

replace github.com/accessorgen/accessorgen => ../

require (
	github.com/accessorgen/accessorgen v0.0.0
	google.golang.org/protobuf v1.36.12
)

require (
	github.com/dave/jennifer v1.7.1 // indirect
	go.yaml.in/yaml/v3 v3.0.6 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

tool github.com/accessorgen/accessorgen/cmd/accessorgen
