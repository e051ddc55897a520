import Foundation
import PdevCore
import PdevKit
import Testing

/// `ci: github`: the workflow builds every host on a runner of its system, with the cache
/// pdev.yaml names, and passes GitHub's workflow schema (check-jsonschema, offline).
@Suite struct WorkflowTests {
  /// check-jsonschema from PyPI, in the virtualenv `bootstrap.sh test` makes.
  static var checker: String? {
    let candidates = [
      ProcessInfo.processInfo.environment["PDEV_CHECK_JSONSCHEMA"], NSHomeDirectory() + "/.cache/pdev-tools/bin/check-jsonschema",
    ]
    return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static func workflow(_ ci: String) -> (Sandbox, String?) {
    let sandbox = Sandbox()
    sandbox.writeConfig(
      extra: ci,
      hosts: "  zephyrus: { system: x86_64-linux }\n  mac: { system: aarch64-darwin }\n  pi: { system: aarch64-linux, extends: server }")
    let result = sandbox.run(["generate", "-q"])
    #expect(result.code == 0, "\(result.err)")
    return (sandbox, sandbox.read(sandbox.output + "/.github/workflows/home.yml"))
  }

  static let variants = [
    "ci: github", "ci: { provider: github, cache: { cachix: ada-home } }",
    "ci: { provider: github, cache: { attic: \"https://attic.example.org\", name: home } }",
  ]

  @Test(.enabled(if: Validator.isCI || WorkflowTests.checker != nil), arguments: variants)
  func theWorkflowPassesGitHubsSchema(ci: String) throws {
    let (sandbox, text) = WorkflowTests.workflow(ci)
    _ = try #require(text)
    let checker = try #require(WorkflowTests.checker, "check-jsonschema is not installed; `./bootstrap.sh test` installs it")
    let result = try Validator.runFile(
      checker, ["--builtin-schema", "vendor.github-workflows", sandbox.output + "/.github/workflows/home.yml"])
    #expect(result.status == 0, "\(result.out)\(result.err)")
  }

  @Test func oneJobPerHostOnItsSystemsRunner() throws {
    let (_, text) = WorkflowTests.workflow("ci: { provider: github, cache: { cachix: ada-home } }")
    let body = try #require(text)
    let root = try #require(try YAMLLoader().parse(Array(body.utf8), name: "home.yml"))
    let jobs = try #require(root["jobs"]?.pairs)
    #expect(jobs.map(\.name) == ["build-ada-zephyrus", "build-ada-mac", "build-ada-pi"])
    #expect(jobs.map { $0.value["runs-on"]?.text } == ["ubuntu-latest", "macos-latest", "ubuntu-24.04-arm"])
    let steps = try #require(jobs[2].value["steps"]?.items)
    #expect(steps.last?["run"]?.text == "nix build --print-build-logs '.#checks.aarch64-linux.\"ada@pi\"'")
    #expect(steps.contains { $0["with"]?["authToken"]?.text == "${{ secrets.CACHIX_AUTH_TOKEN }}" })
  }

  @Test func noCIMeansNoWorkflowAndAtticPushesWhatItBuilt() throws {
    let (sandbox, none) = WorkflowTests.workflow("")
    #expect(none == nil && !FileManager.default.fileExists(atPath: sandbox.output + "/.github"))
    let (_, attic) = WorkflowTests.workflow("ci: { provider: github, cache: { attic: \"https://attic.example.org\", name: home } }")
    let text = try #require(attic)
    #expect(text.contains("          attic login ci https://attic.example.org \"$ATTIC_TOKEN\"\n          attic use ci:home\n"))
    #expect(text.contains("run: attic push ci:home result"))
    #expect(!text.contains("ATTIC_TOKEN: ghp_") && text.contains("ATTIC_TOKEN: ${{ secrets.ATTIC_TOKEN }}"))
  }

  @Test(arguments: [
    ("ci: gitlab", "unknown CI provider 'gitlab'"),
    ("ci: { provider: github, cache: { cachix: a, attic: \"https://x\", name: b } }", "ci.cache is either cachix or attic, not both"),
    ("ci: { provider: github, cache: { attic: \"https://user:pw@x\", name: b } }", "looks like an access token"),
    ("ci: { provider: github, cache: { attic: \"ftp://x\", name: b } }", "is not an attic server URL"),
    ("ci: { provider: github, cache: {} }", "ci.cache names a cachix cache or an attic server"),
  ])
  func badCISettingsAreLocated(ci: String, message: String) {
    let sandbox = Sandbox()
    sandbox.writeConfig(extra: ci)
    let result = sandbox.run(["generate"])
    #expect(result.code == 3)
    #expect(result.err.contains(message), "\(result.err)")
    #expect(result.err.hasPrefix("config/pdev.yaml:11:"), "\(result.err)")
  }

  @Test func theYAMLEmitterReadsBack() throws {
    let value = YAMLValue.map([
      ("on", .string("on")), ("n", .int(3)), ("yes", .string("yes")),
      ("list", .list([.map([("a", .string("- x")), ("b", .bool(true))]), .string("#c")])),
      ("script", .block("echo 'a: b'\nexit 0")), ("empty", .map([])),
    ])
    let root = try #require(try YAMLLoader().parse(Array(value.render().utf8), name: "t"))
    #expect(root["on"]?.scalarValue == .string("on"))
    #expect(root["n"]?.scalarValue == .int(3))
    #expect(root["list"]?.items?[0]["a"]?.text == "- x")
    #expect(root["list"]?.items?[0]["b"]?.scalarValue == .bool(true))
    #expect(root["list"]?.items?[1].text == "#c")
    #expect(root["script"]?.text == "echo 'a: b'\nexit 0\n")
    #expect(root["empty"]?.pairs?.isEmpty == true)
  }
}
