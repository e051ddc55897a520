import Foundation
import Testing

@testable import PdevCore

@Suite struct NixEmitterTests {
  @Test(arguments: [
    ("plain", #""plain""#), ("say \"hi\"", #""say \"hi\"""#), ("${HOME}", #""\${HOME}""#),
    ("$HOME", #""$HOME""#), ("a\\b", #""a\\b""#), ("tab\there", #""tab\there""#),
    ("''", #""''""#), ("🚀 ü", #""🚀 ü""#), ("$${x}", #""$\${x}""#),
  ])
  func doubleQuotedStrings(input: String, expected: String) {
    #expect(Nix.string(input).render() == expected)
  }

  @Test(arguments: [
    ("enable", "enable"), ("font-size", "font-size"), ("user.name", "\"user.name\""),
    ("<leader>f", "\"<leader>f\""), ("in", "\"in\""), ("9lives", "\"9lives\""), ("a'b", "a'b"),
    ("", "\"\""),
  ])
  func attributeNames(input: String, expected: String) {
    #expect(NixSyntax.attributeName(input) == expected)
  }

  @Test func multiLineStringsUseIndentedForm() {
    #expect(Nix.string("set -g x\necho ''\n").render(indent: "  ") == "''\n    set -g x\n    echo '''\n  ''")
    #expect(Nix.string("a\nb").render() == "''\n  a\n  b''")
    // Common leading spaces would be stripped by Nix: stay double-quoted.
    #expect(Nix.string("  a\n  b\n").render() == #""  a\n  b\n""#)
  }

  @Test func attrsAreSortedAndSingleKeyChainsCollapse() {
    var attrs = NixAttrs()
    attrs.set(["programs", "fish", "enable"], .mkDefault(.bool(true)))
    attrs.set(["programs", "fish", "shellAbbrs"], .attrs(NixAttrs(["g": .string("git"), "lg": .string("lazygit")])))
    attrs.set(["home", "packages"], .list([.package("ripgrep"), .package("fd")]))
    let expected = """
      {
        home.packages = [ pkgs.ripgrep pkgs.fd ];
        programs.fish = {
          enable = lib.mkDefault true;
          shellAbbrs = {
            g = "git";
            lg = "lazygit";
          };
        };
      }
      """
    #expect(Nix.attrs(attrs).render() == expected)
  }

  @Test func compoundArgumentsGetParentheses() {
    #expect(Nix.mkDefault(.int(-1)).render() == "lib.mkDefault (-1)")
    #expect(Nix.list([.int(-1), .mkDefault(.int(2))]).render() == "[ (-1) (lib.mkDefault 2) ]")
    #expect(Nix.float(1e-5).render() == "1.0e-05")
    #expect(Nix.float(3).render() == "3.0")
  }

  @Test func mergingConflictsAreReported() {
    var attrs = NixAttrs()
    let first = attrs.set(["a", "b"], .int(1))
    let sibling = attrs.set(["a", "c"], .int(2))
    let same = attrs.set(["a", "b"], .int(1))
    let different = attrs.set(["a", "b"], .int(3))
    #expect(first && sibling && same)
    #expect(!different)
  }

  /// Strings full of what breaks Nix quoting, for the round-trip property.
  static func hostileStrings(count: Int) -> [String] {
    var rng = SeededGenerator(seed: 0x5EED)
    let pieces: [String] = [
      "\"", "\\", "${", "$", "{", "}", "''", "'", "''$", "''\\", "\n", "\n\n", "\t", "\r", " ", "  ",
      "a", "Z", "0", "é", "日本", "🚀", "👩‍💻", "\u{1}", "\u{7}", "\u{1B}[0m", "\u{7F}", "\u{2028}",
      "${x}", "$${", "\\n", "#", ";", "=", "/*", "*/", "`", "~",
    ]
    return (0..<count).map { _ in
      let length = Int.random(in: 0...12, using: &rng)
      return (0..<length).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }
  }

  @Test(.enabled(if: Validator.runs("nix-instantiate"), "needs nix-instantiate (Debian nix-bin)"))
  func stringsRoundTripThroughNixInstantiate() throws {
    let strings = NixEmitterTests.hostileStrings(count: 1000)
    // Through the template engine too, so indentation of multi-line values is exercised.
    let template = try Template(source: "{\n  x = {\n    values = {{values}};\n  };\n}\n", name: "p.tmpl")
    let renderer = TemplateRenderer(escape: NixSyntax.quoted) { (name) throws(DiagnosticList) in
      throw DiagnosticList([.error(.template, "no partials")])
    }
    let list = Nix.list(strings.map(Nix.string)).render()
    let source = try renderer.render(template, ["values": .code(list)])
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/strings.nix"
    try source.write(toFile: file, atomically: true, encoding: .utf8)
    let result = try Validator.run("nix-instantiate", ["--eval", "--strict", "--json", file, "-A", "x.values"])
    #expect(result.status == 0, "\(result.err)")
    let decoded = try JSONDecoder().decode([String].self, from: Data(result.out.utf8))
    #expect(decoded.count == strings.count)
    for (index, (got, want)) in zip(decoded, strings).enumerated() where got != want {
      Issue.record("string \(index) changed: \(want.debugDescription) became \(got.debugDescription)")
    }
  }

  /// A module names only the arguments its expressions use; text in strings names none.
  @Test func referencesComeFromExpressionsNotStrings() {
    #expect(Nix.string("pkgs.foo config.bar lib.baz").references.isEmpty)
    #expect(Nix.expr("lib.getExe config.programs.fish.package").references == ["lib", "config"])
    #expect(
      Nix.expr("(if pkgs.stdenv.hostPlatform.isDarwin then \"/Users/\" else \"/home/\") + config.home.username").references
        == ["pkgs", "config"])
    #expect(Nix.interpolated([.expr("config.home.homeDirectory"), .text("/.config/x")]).references == ["config"])
    #expect(Nix.expr("\"${config.xdg.configHome}/lib.x\"").references == ["config"])
    #expect(Nix.apply("pkgs.writeText \"lib.name\"", .string("config.x")).references == ["pkgs"])
    #expect(Nix.attrs(NixAttrs(["a": .mkDefault(.bool(true)), "b": .list([Nix.package("ripgrep")])])).references == ["lib", "pkgs"])
  }
}

@Suite struct LineBreakTests {
  @Test(arguments: ["a\rb", "a\r\nb", "a\u{2028}b", "a\u{85}b", "a\u{0B}b", "a\u{0C}b", "a\u{2029}b"])
  func everyLineBreakStartsANewCommentLine(text: String) {
    #expect(NixSyntax.comment(text) == "# a\n# b")
  }

  @Test func controlCharactersInCommentsAndMarkdownBecomeSpaces() {
    #expect(NixSyntax.comment("a\u{1B}[2Jb\u{202E}c") == "# a [2Jb c")
    #expect(Markdown.text("Week\r# Evil heading") == "Week \\# Evil heading")
    #expect(Markdown.text("a\u{2028}b") == "a b")
  }
}

@Suite struct NixNumberTests {
  /// Every Int reads back in Nix as itself, the least one included.
  @Test(.enabled(if: Validator.runs("nix-instantiate"))) func extremeIntegersReadBack() throws {
    let text = Nix.list([.int(Int.min), .int(Int.max), .int(-1)]).render()
    let result = try Validator.run("nix-instantiate", ["--eval", "--strict", "--json", "-E", text])
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out.trimmingCharacters(in: .whitespacesAndNewlines) == "[-9223372036854775808,9223372036854775807,-1]")
  }
}

@Suite struct UnifiedDiffTests {
  @Test func aChangedFinalNewlineIsAHunk() {
    let diff = UnifiedDiff.render(old: "a\nb\n", new: "a\nb", oldName: "a", newName: "b")
    #expect(diff == "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n")
  }

  @Test func largeFilesWithManyEditsStayCheap() {
    // 6,000 lines, every tenth changed: the trace holds diagonals, not copies of the whole row.
    let old = (0..<6000).map { "line \($0)" }.joined(separator: "\n") + "\n"
    let new = (0..<6000).map { $0 % 10 == 0 ? "changed \($0)" : "line \($0)" }.joined(separator: "\n") + "\n"
    let diff = UnifiedDiff.render(old: old, new: new, oldName: "a", newName: "b")
    #expect(diff.components(separatedBy: "\n+changed ").count == 601)
    let edits = UnifiedDiff.edits(old.split(separator: "\n"), new.split(separator: "\n"))
    #expect(edits.filter { if case .same = $0 { return true } else { return false } }.count == 5400)
  }
}
