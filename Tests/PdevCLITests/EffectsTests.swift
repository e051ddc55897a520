import Foundation
import PdevCore
import PdevKit
import Testing

@testable import PdevCLI

/// Every command writes only where its spec declares (`CommandSpec.effects`), and nothing at
/// all with --check or --dry-run: each run is compared with a snapshot of the whole sandbox.
@Suite struct EffectsTests {
  /// Path → contents of every file and link under `root`.
  static func snapshot(_ root: String) -> [String: String] {
    var files: [String: String] = [:]
    guard let walker = FileManager.default.enumerator(atPath: root) else { return files }
    while let relative = walker.nextObject() as? String {
      let path = root + "/" + relative
      if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
        files[relative] = "link → " + link
      } else if let data = FileManager.default.contents(atPath: path) {
        files[relative] = String(decoding: data, as: UTF8.self)
      }
    }
    return files
  }

  /// Which effect a changed path falls under.
  static func effect(of relative: String, in sandbox: Sandbox) -> Effects {
    let path = sandbox.root + "/" + relative
    if path.hasPrefix(sandbox.output + "/") || path.hasPrefix(sandbox.stateHome + "/outputs/") { return .output }
    if path.hasPrefix(sandbox.stateHome + "/") { return .state }
    if path.hasPrefix(sandbox.configHome + "/") { return .config }
    return .home
  }

  static let runs: [[String]] = [
    ["generate", "--check"], ["generate", "--dry-run"], ["generate"], ["diff"], ["status"], ["status", "--json"], ["list"],
    ["list", "themes"], ["list", "levels"], ["explain", "zellij"], ["explain", "theme"], ["doctor"], ["completions", "fish"],
    ["level-up", "--force"], ["level-down"], ["level", "set", "3"], ["enable", "atuin"], ["disable", "atuin"], ["rollback"],
    ["new-tool", "hello", "--package", "hello"], ["apply", "--dry-run"], ["update", "--check"],
  ]

  @Test(arguments: runs)
  func aCommandWritesOnlyWhereItsSpecSays(arguments: [String]) throws {
    let sandbox = Sandbox()
    sandbox.writeConfig(extra: "theme: nord")
    let first = sandbox.run(["generate"])
    try #require(first.code == 0, "\(first.err)")
    let spec = try #require(CLI.specs.first { $0.name == arguments[0] })
    let allowed = spec.effects(for: try ArgumentParser.parse(arguments, commands: CLI.specs).arguments)

    let before = EffectsTests.snapshot(sandbox.root)
    let result = sandbox.run(arguments, now: "2026-12-01T09:00:00Z")
    let after = EffectsTests.snapshot(sandbox.root)
    let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
    for path in changed.sorted() where !allowed.contains(EffectsTests.effect(of: path, in: sandbox)) {
      Issue.record("pdev \(arguments.joined(separator: " ")) (exit \(result.code)) changed \(path), outside its declared effects")
    }
  }

  /// A test that runs a program it did not arrange fails.
  @Test func anUnarrangedProcessFailsTheTest() {
    withKnownIssue { _ = Sandbox.bareMachine.capture("/usr/bin/git", ["status"]) }
    withKnownIssue { _ = Sandbox.bareMachine.stream("/usr/bin/home-manager", ["switch"]) }
  }

  /// A read-only writer plans but refuses to write, before any byte.
  @Test func aReadOnlyWriterRefusesToWrite() throws {
    let sandbox = Sandbox()
    let writer = OutputWriter(directory: sandbox.output, stateHome: sandbox.stateHome, display: { $0 }, readOnly: true)
    let changes = try writer.plan([OutputFile(path: "home.nix", contents: "{ }\n")])
    #expect(changes.map(\.kind) == [.create])
    #expect(throws: DiagnosticList.self) {
      try writer.apply(changes, force: false, at: Timestamp(seconds: 0), keep: 1)
    }
    #expect(!FileManager.default.fileExists(atPath: sandbox.output + "/home.nix"))
  }

  /// Every flag a command accepts is explained in its help, and every read-only flag is one
  /// of its flags.
  @Test(arguments: CLI.specs.map(\.name))
  func everyFlagIsInTheHelp(command: String) throws {
    let spec = try #require(CLI.specs.first { $0.name == command })
    for flag in spec.flags {
      #expect(spec.help.contains("--\(flag.name)"), "pdev \(command) --help does not explain --\(flag.name)")
      if let short = flag.short { #expect(spec.help.contains("-\(short)"), "pdev \(command) --help lacks -\(short)") }
    }
    for flag in spec.readOnlyFlags { #expect(spec.flags.contains { $0.name == flag }, "\(command): --\(flag) is no flag") }
  }
}
