// swift-tools-version: 6.0
// libFuzzer entry points for pdev's parsers. Built and run by scripts/fuzz, never by CI:
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
  name: "PdevFuzz",
  dependencies: [.package(name: "pdev", path: "..")],
  targets: [
    .target(name: "FuzzSupport", dependencies: [.product(name: "PdevKit", package: "pdev")]),
    .target(name: "CFuzzer"),
    .executableTarget(name: "FuzzConfig", dependencies: ["FuzzSupport", "CFuzzer"]),
    .executableTarget(name: "FuzzTemplate", dependencies: ["FuzzSupport", "CFuzzer"]),
  ]
)
