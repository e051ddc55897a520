// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "pdev",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "pdev", targets: ["pdev"]),
    // For the fuzzers in Fuzz/, which build the library with coverage instrumentation.
    .library(name: "PdevKit", targets: ["PdevKit", "PdevCore"]),
  ],
  targets: [
    .systemLibrary(
      name: "CYaml",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
    ),
    .target(name: "PdevCore", dependencies: ["CYaml"]),
    .target(name: "PdevKit", dependencies: ["PdevCore"]),
    .target(name: "PdevCLI", dependencies: ["PdevKit", "PdevCore"]),
    .executableTarget(name: "pdev", dependencies: ["PdevCLI"]),
    // Helpers shared by the test targets: sandboxes, golden files, external validators. The
    // Core and Kit tests do not link the CLI; its own tests add the CLI's helpers.
    .target(name: "PdevTestSupport", dependencies: ["PdevCore"], path: "Tests/Support"),
    .target(name: "PdevCLITestSupport", dependencies: ["PdevCLI", "PdevTestSupport"], path: "Tests/CLISupport"),
    .testTarget(name: "PdevCoreTests", dependencies: ["PdevCore", "PdevTestSupport"]),
    .testTarget(name: "PdevKitTests", dependencies: ["PdevKit", "PdevCore", "PdevTestSupport"]),
    .testTarget(
      name: "PdevCLITests", dependencies: ["PdevCLI", "PdevKit", "PdevCore", "PdevTestSupport", "PdevCLITestSupport", "pdev"]),
  ]
)
