#!/bin/sh
# protoc.sh DIR FILE.proto: regenerates DIR/*.pb.go from FILE.proto with
# protoc and protoc-gen-go when both are installed; otherwise says so and
# keeps the checked-in file. protoc comes from the distribution
# (apt-get install protobuf-compiler), protoc-gen-go from the module proxy
# (go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12).
set -eu
out=$1 proto=$2
if ! command -v protoc >/dev/null 2>&1 || ! command -v protoc-gen-go >/dev/null 2>&1; then
  echo "protoc.sh: protoc or protoc-gen-go not on PATH; keeping the checked-in $out/*.pb.go" >&2
  exit 0
fi
mkdir -p "$out"
protoc --go_out="$out" --go_opt=paths=source_relative "$proto"
