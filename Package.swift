// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "pdev",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "pdev", targets: ["pdev"])
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
    .testTarget(name: "PdevCoreTests", dependencies: ["PdevCore"]),
    .testTarget(name: "PdevKitTests", dependencies: ["PdevKit", "PdevCore"]),
    .testTarget(name: "PdevCLITests", dependencies: ["PdevCLI", "PdevKit", "PdevCore", "pdev"]),
  ]
)
