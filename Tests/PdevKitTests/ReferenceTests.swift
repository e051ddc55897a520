import Foundation
import Testing

@testable import PdevTestSupport

/// The vendored copy of ../shared/reference must stay the same as the original.
@Suite struct ReferenceTests {
  static let original = Repository.root + "/../shared/reference"

  @Test(.enabled(if: FileManager.default.fileExists(atPath: original), "../shared/reference is not next to this checkout"))
  func vendoredReferenceMatchesTheShared() throws {
    for file in try FileManager.default.contentsOfDirectory(atPath: ReferenceTests.original) where file.hasSuffix(".tsv") {
      let a = try String(contentsOfFile: ReferenceTests.original + "/" + file, encoding: .utf8)
      let b = try String(contentsOfFile: Repository.fixture("reference/" + file), encoding: .utf8)
      #expect(a == b, "Tests/Fixtures/reference/\(file) is out of date; copy it again from ../shared/reference")
    }
  }

  @Test func theRulesCatchRenamedAndUnknownPaths() {
    let r = Reference.shared
    #expect(r.problem(with: ["programs", "git", "settings", "user", "name"]) == nil)
    #expect(r.problem(with: ["programs", "git", "userName"]) != nil)
    #expect(r.problem(with: ["programs", "git", "delta", "enable"]) != nil)
    #expect(r.problem(with: ["programs", "fish", "nope"]) != nil)
    #expect(r.problem(with: ["programs", "nixvim", "plugins", "hardtime", "settings", "max_count"]) == nil)
    #expect(r.problem(with: ["programs", "nixvim", "diagnostics"]) != nil)
    #expect(r.problem(with: ["programs", "nixvim", "plugins", "lsp", "servers", "tsserver", "enable"]) != nil)
    #expect(r.problem(with: ["programs", "nixvim", "lsp", "servers", "nil_ls", "enable"]) == nil)
    #expect(r.problem(with: ["programs", "nixvim", "keymaps", "*", "action", "__raw"]) == nil)
  }
}
