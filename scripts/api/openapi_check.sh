#!/usr/bin/env bash
# Regenerates the JSON API's code from openapi.yaml with swift-openapi-generator (the version given, from the package
# mirror) and fails if it differs from what is committed in Sources/KlaxonAPI/Generated. The generated code is
# committed rather than made by the generator's build plugin: the plugin would build the generator in every clean
# build (CI's, the Dockerfile's release build), minutes for code that changes only when openapi.yaml does.
#
#   scripts/api/openapi_check.sh 1.14.3            # check
#   scripts/api/openapi_check.sh 1.14.3 --write    # regenerate in place after editing openapi.yaml
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${1:?the swift-openapi-generator version}"
mode="${2:-check}"
tool_package=$(mktemp -d /tmp/klaxon-openapi-tool.XXXXXX)
output=$(mktemp -d /tmp/klaxon-openapi-generated.XXXXXX)
trap 'rm -rf "$tool_package" "$output"' EXIT
mkdir -p "$tool_package/Sources/Placeholder"
echo "let placeholder = 0" > "$tool_package/Sources/Placeholder/Placeholder.swift"
cat > "$tool_package/Package.swift" <<MANIFEST
// swift-tools-version: 6.1
import PackageDescription
let package = Package(
    name: "openapi-tool",
    dependencies: [.package(url: "https://github.com/apple/swift-openapi-generator.git", exact: "$version")],
    targets: [.target(name: "Placeholder")]
)
MANIFEST
swift build --package-path "$tool_package" --scratch-path "$PWD/.build-openapi" --product swift-openapi-generator
generator="$PWD/.build-openapi/debug/swift-openapi-generator"
"$generator" generate openapi.yaml --config openapi-generator-config.yaml --output-directory "$output" >/dev/null
if [ "$mode" = "--write" ]; then
  rm -rf Sources/KlaxonAPI/Generated && mkdir -p Sources/KlaxonAPI/Generated
  cp "$output"/*.swift Sources/KlaxonAPI/Generated/
  echo "Regenerated Sources/KlaxonAPI/Generated from openapi.yaml"
elif diff -ru "$output" Sources/KlaxonAPI/Generated; then
  echo "Sources/KlaxonAPI/Generated is what openapi.yaml generates"
else
  echo "Sources/KlaxonAPI/Generated differs from what openapi.yaml generates: run scripts/api/openapi_check.sh $version --write"
  exit 1
fi
