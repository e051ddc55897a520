// swift-tools-version: 6.0
// The process floor for scripts/bench: a Foundation executable built like pdev.
import PackageDescription

let package = Package(
  name: "Hello",
  targets: [.executableTarget(name: "hello", path: "Sources/hello")]
)
