import Foundation
import PdevCLI
import PdevCore
import Testing

@testable import PdevTestSupport

/// Every invalid fixture's diagnostics, exactly as a user sees them, and its exit code.
@Suite struct DiagnosticsTests {
  static let fixtures: [(String, Int32)] = [
    ("unknown-tool", 3), ("three-mistakes", 3), ("literal-secret", 3), ("token-value", 3), ("future-version", 3),
    ("version-string", 3), ("empty-file", 3), ("unknown-profile", 3), ("unknown-system", 3), ("yaml11-boolean", 3),
    ("empty-section", 3), ("cycle", 3), ("disabled-dependency", 3), ("plugin-conflict", 3), ("mcp-server-shape", 3),
    ("syntax-error", 3), ("duplicate-key", 3), ("tab", 3), ("two-documents", 3), ("profile-keys", 3),
    ("dropped-system", 3), ("restricted-reset", 3),
  ]

  /// Copies the fixture into a sandbox's config home and runs `pdev generate`.
  static func run(_ name: String) -> Sandbox.Result {
    let sandbox = Sandbox()
    let source = Repository.fixture("invalid/" + name)
    try! FileManager.default.createDirectory(atPath: sandbox.configHome, withIntermediateDirectories: true)
    for item in try! FileManager.default.contentsOfDirectory(atPath: source) {
      try! FileManager.default.copyItem(atPath: source + "/" + item, toPath: sandbox.configHome + "/" + item)
    }
    return sandbox.run(["generate", "--out", sandbox.output], cwd: sandbox.configHome)
  }

  @Test(arguments: fixtures)
  func diagnosticsAreExactAndLocated(name: String, code: Int32) {
    let result = DiagnosticsTests.run(name)
    #expect(result.code == code, "\(name): \(result.err)")
    #expect(result.out.isEmpty)
    if let problem = Golden.mismatch(result.err, "diagnostics/\(name).txt") { Issue.record(Comment(rawValue: problem)) }
    let headers = result.err.split(separator: "\n").filter { $0.contains(": error: ") }
    #expect(!headers.isEmpty)
    for header in headers {
      let code = header.split(separator: " ").last.map { String($0.dropFirst().dropLast()) } ?? ""
      #expect(DiagnosticCode(rawValue: code) != nil, "\(name): no code on '\(header)'")
    }
  }

  @Test func nothingIsWrittenWhenTheInputIsInvalid() {
    let sandbox = Sandbox()
    sandbox.writeConfig(extra: "tools:\n  ripgre: true")
    #expect(sandbox.run(["generate"]).code == 3)
    #expect(!FileManager.default.fileExists(atPath: sandbox.output))
    #expect(!FileManager.default.fileExists(atPath: sandbox.stateHome))
  }

  @Test func theDesignsExampleDiagnosticReadsAsDesigned() {
    let err = DiagnosticsTests.run("unknown-tool").err
    #expect(
      err == """
        pdev.yaml:9:3: error: unknown tool 'ripgre' [PD204]
            9 |   ripgre: true
              |   ^~~~~~
        help: did you mean 'ripgrep'?

        """)
  }

  @Test func secretsAreMaskedInTheQuotedLine() {
    let err = DiagnosticsTests.run("literal-secret").err
    #expect(!err.contains("abc123notreallyatoken"))
    #expect(err.contains("{ secret-file: ~/.config/secrets/github-token }"))
    let token = DiagnosticsTests.run("token-value").err
    #expect(!token.contains("ghp_0123456789"))
  }

  @Test func colourOnlyOnATerminalWithoutNoColor() {
    let sandbox = Sandbox()
    sandbox.writeConfig(extra: "tools:\n  ripgre: true")
    #expect(sandbox.run(["generate"], terminal: true).err.contains("\u{1B}["))
    #expect(!sandbox.run(["generate"], terminal: false).err.contains("\u{1B}["))
    #expect(!sandbox.run(["generate"], env: ["NO_COLOR": "1"], terminal: true).err.contains("\u{1B}["))
    #expect(!sandbox.run(["--no-color", "generate"], terminal: true).err.contains("\u{1B}["))
    #expect(!sandbox.run(["generate"], env: ["TERM": "dumb"], terminal: true).err.contains("\u{1B}["))
  }

  /// Fish code that fish cannot parse is a located error, found by the real fish.
  @Test(.enabled(if: Validator.runs("fish"))) func fishCodeThatDoesNotParseIsALocatedError() throws {
    let fish = try #require(Validator.path("fish"))
    let sandbox = Sandbox()
    sandbox.writeConfig(
      profile: "base", extra: "tools:\n  fish:\n    functions:\n      mkcd: \"mkdir -p $argv[1]; and cd $argv[1] \\\\\"")
    let runner = ProcessRunner(
      find: { name, _ in name == "fish" ? fish : nil }, capture: ProcessRunner.runCapturing, stream: { _, _ in 127 })
    let result = sandbox.run(["generate"], processes: runner)
    #expect(result.code == 3, "\(result.err)")
    #expect(result.err.contains("pdev.yaml:14:13: error: fish cannot parse function 'mkcd': Missing end"), "\(result.err)")
    #expect(!FileManager.default.fileExists(atPath: sandbox.output))
    let calls = CallLog()
    let counting = ProcessRunner(
      find: runner.find,
      capture: { executable, arguments in
        calls.add(executable)
        return ProcessRunner.runCapturing(executable, arguments)
      }, stream: runner.stream)
    // The bundled profiles' fish code is pdev's own (RenderTests parse it with fish): a
    // first render spawns no fish for it.
    let clean = Sandbox()
    clean.writeConfig(profile: "laptop")
    #expect(clean.run(["generate", "-q"], processes: counting).code == 0)
    #expect(calls.entries.isEmpty)
    // The user's code is checked once; code that parsed once is not checked again.
    let own = Sandbox()
    own.writeConfig(profile: "base", extra: "tools:\n  fish:\n    functions:\n      mkcd: \"mkdir -p $argv[1]; and cd $argv[1]\"")
    #expect(own.run(["generate", "-q"], processes: counting).code == 0)
    #expect(calls.entries == [fish])
    #expect(own.run(["generate", "--force", "-q"], processes: counting).code == 0)
    #expect(calls.entries == [fish])
  }
}
