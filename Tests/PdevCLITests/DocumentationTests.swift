import Foundation
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
