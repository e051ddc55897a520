import Foundation
import PdevCore
import PdevKit
import Testing

/// The project's docs stay true: the command reference holds every --help text, and the
/// configuration reference names every key of the schema.
@Suite struct DocumentationTests {
  @Test(arguments: CommandLineTests.commands)
  func theCommandReferenceHasEachHelpText(command: String) {
    let help = Sandbox().run([command, "--help"]).out
    let reference = Repository.read("docs/commands.md")
    #expect(reference.contains("```\n" + help + "```\n"), "docs/commands.md lacks the current `pdev \(command) --help`")
  }

  @Test func theConfigurationReferenceHasEveryKey() {
    let reference = Repository.read("docs/configuration.md")
    for key in ConfigSchema.keys {
      #expect(reference.contains("`\(key.path)`"), "docs/configuration.md does not describe \(key.path)")
    }
  }

  @Test func theErrorReferenceExplainsEveryCodeAndNoOther() {
    let reference = Repository.read("docs/errors.md")
    for code in DiagnosticCode.allCases {
      #expect(
        reference.contains("### \(code.code): \(code.title)\n\n\(code.explanation)\n"),
        "docs/errors.md lacks \(code.code) as `pdev explain` prints it")
    }
    let documented = reference.split(separator: "\n").filter { $0.hasPrefix("### PD") }.map { String($0.dropFirst(4).prefix(5)) }
    #expect(documented == DiagnosticCode.allCases.map(\.code), "docs/errors.md lists codes that do not exist, or out of order")
  }

  /// A code no diagnostic uses is a promise the docs cannot keep.
  @Test func everyCodeIsGivenBySomeDiagnostic() throws {
    let sources = try Repository.swiftFiles(under: "Sources").filter { !$0.hasSuffix("DiagnosticCode.swift") }
      .map { Repository.read($0) }.joined()
    for code in DiagnosticCode.allCases {
      #expect(sources.contains(".\(code)"), "no diagnostic gives \(code.code) (.\(code))")
    }
  }

  @Test func theReadmeStartsWithTheTwoSetUpCommands() {
    let readme = Repository.read("README.md")
    #expect(readme.hasPrefix("# pdev\n\n```sh\n./bootstrap.sh        # "))
    #expect(readme.contains("\n./bootstrap.sh test   # "))
  }

  @Test func everyDocLinkResolves() throws {
    let files = ["README.md"] + (try FileManager.default.contentsOfDirectory(atPath: Repository.path("docs"))).map { "docs/" + $0 }
    for file in files where file.hasSuffix(".md") {
      let text = Repository.read(file)
      var rest = text[...]
      while let open = rest.range(of: "](") {
        let tail = rest[open.upperBound...]
        guard let close = tail.firstIndex(of: ")") else { break }
        let target = String(tail[..<close]).split(separator: "#").first.map(String.init) ?? ""
        rest = tail[close...]
        if target.isEmpty || target.hasPrefix("http") { continue }
        let base = (file as NSString).deletingLastPathComponent
        let path = Repository.path(base.isEmpty ? target : base + "/" + target)
        #expect(FileManager.default.fileExists(atPath: path), "\(file) links to missing \(target)")
      }
    }
  }

  /// The system flake docs/fleets.md offers to copy is valid Nix that imports pdev's
  /// homeModules for every host.
  @Test(.enabled(if: Validator.runs("nix-instantiate"))) func theSystemFlakeExampleParses() throws {
    let text = Repository.read("docs/fleets.md")
    let start = try #require(text.range(of: "```nix\n{\n  inputs = {"))
    let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
    let example = String(text[text.index(start.lowerBound, offsetBy: 7)..<end.lowerBound])
    let file = makeTemporaryDirectory() + "/flake.nix"
    try example.write(toFile: file, atomically: true, encoding: .utf8)
    let result = try Validator.run("nix-instantiate", ["--parse", file])
    #expect(result.status == 0, "\(result.err)")
    for host in ["zephyrus", "hetzner", "mac"] { #expect(example.contains("(homeManager \"\(host)\"")) }
    #expect(example.contains("pdev-home.homeModules.${host}"))
  }
}
