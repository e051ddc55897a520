import Foundation
import Testing

@testable import PdevCore

@Suite struct YAMLLoaderTests {
  @Test func nodesCarryOneBasedPositions() throws {
    let root = try #require(try parseYAML("version: 1\ntools:\n  ripgrep: true\n  fish: { a: b }\n"))
    let tools = try #require(root["tools"])
    let pair = try #require(tools.pair(forKey: "ripgrep"))
    #expect(pair.key.location == SourceLocation(file: "t.yaml", line: 3, column: 3))
    #expect(pair.key.length == 7)
    #expect(pair.value.location == SourceLocation(file: "t.yaml", line: 3, column: 12))
    let flow = try #require(tools["fish"]?["a"])
    #expect(flow.location.column == 14)
  }

  @Test func columnsCountUnicodeScalars() throws {
    let root = try #require(try parseYAML("name: \"Ådå 🚀\"\nnext: x\n"))
    #expect(root["name"]?.text == "Ådå 🚀")
    let m = Marked("a: \"é🚀\"\nb: ⌖x\n")
    let node = try #require(try parseYAML(m.text)?["b"])
    #expect(node.location == m.location("t.yaml"))
  }

  @Test(arguments: [
    ("yes", ScalarValue.string("yes")), ("no", .string("no")), ("on", .string("on")),
    ("true", .bool(true)), ("False", .bool(false)), ("~", .null), ("null", .null),
    ("12", .int(12)), ("-3", .int(-3)), ("0x1F", .int(31)), ("0o17", .int(15)),
    ("1.5", .float(1.5)), ("1e3", .float(1000)), ("26.05", .float(26.05)),
    ("abc", .string("abc")), ("1.2.3", .string("1.2.3")), ("0755", .int(755)),
  ])
  func plainScalarsFollowTheYAML12CoreSchema(text: String, expected: ScalarValue) throws {
    let node = try #require(try parseYAML("k: \(text)\n")?["k"])
    #expect(node.scalarValue == expected)
  }

  @Test func quotedAndTaggedScalarsStayStrings() throws {
    let root = try #require(try parseYAML("a: \"true\"\nb: '1'\nc: !!str 12\n"))
    #expect(root["a"]?.scalarValue == .string("true"))
    #expect(root["b"]?.scalarValue == .string("1"))
    #expect(root["c"]?.scalarValue == .string("12"))
  }

  @Test func emptyFileHasNoDocument() throws {
    #expect(try parseYAML("") == nil)
    #expect(try parseYAML("# just a comment\n") == nil)
  }

  @Test func duplicateKeysAreRejectedWithBothPlaces() {
    let m = Marked("tools:\n  fish: true\n  ⌖fish: false\n")
    let d = diagnostics(of: m.text)
    #expect(d.count == 1)
    #expect(d.first?.message == "duplicate key 'fish'")
    #expect(d.first?.location == m.location("t.yaml"))
    #expect(d.first?.notes == ["first defined at t.yaml:2:3"])
  }

  @Test func tabIndentationIsNamed() {
    let m = Marked("tools:\n⌖\tfish: true\n")
    let d = diagnostics(of: m.text)
    #expect(d.first?.message == "tab character in indentation")
    #expect(d.first?.location == m.location("t.yaml"))
  }

  @Test func secondDocumentIsRejected() {
    let m = Marked("a: 1\n⌖---\nb: 2\n")
    let d = diagnostics(of: m.text)
    #expect(d.first?.message == "more than one YAML document in this file")
    #expect(d.first?.location == m.location("t.yaml"))
  }

  @Test func invalidUTF8IsLocated() throws {
    var bytes = Array("a: 1\nb: x".utf8)
    bytes.append(0xFF)
    bytes.append(contentsOf: Array("\n".utf8))
    #expect {
      try YAMLLoader().parse(bytes, name: "t.yaml")
    } throws: { error in
      let d = (error as! DiagnosticList).items[0]
      return d.message == "file is not valid UTF-8 (byte 0xFF)"
        && d.location == SourceLocation(file: "t.yaml", line: 2, column: 5)
    }
  }

  @Test func utf16IsNotUTF8() {
    let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00]
    #expect(throws: DiagnosticList.self) { try YAMLLoader().parse(bytes, name: "t.yaml") }
  }

  @Test func byteOrderMarkAndCRLFAreFine() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: two\r\n".utf8)
    let root = try #require(try YAMLLoader().parse(bytes, name: "t.yaml"))
    #expect(root["b"]?.text == "two")
    #expect(root["b"]?.location == SourceLocation(file: "t.yaml", line: 2, column: 4))
  }

  @Test func oversizedFilesAreRefusedBeforeParsing() {
    let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: YAMLLoader.maxFileSize + 1)
    #expect {
      try YAMLLoader().parse(bytes, name: "big.yaml")
    } throws: { error in
      (error as! DiagnosticList).items[0].message.contains("too large")
    }
  }

  @Test func billionLaughsFailsOnTheBudget() {
    var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    let names = "bcdefghij".map(String.init)
    var previous = "a"
    for name in names {
      text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
      previous = name
    }
    let d = diagnostics(of: text)
    #expect(d.first?.message == "aliases expand to more than 100000 nodes")
  }

  @Test func aliasesWithinBudgetExpand() throws {
    let root = try #require(try parseYAML("base: &b { x: 1 }\ncopy: *b\n"))
    #expect(root["copy"]?["x"]?.scalarValue == .int(1))
  }

  @Test(arguments: ["!custom x", "!!python/object:os.system x", "!!binary aGVsbG8="])
  func unknownTagsAreRejected(value: String) {
    let d = diagnostics(of: "a: \(value)\n")
    #expect(d.first?.message.hasPrefix("unsupported tag") == true)
    #expect(d.first?.location?.line == 1)
  }

  @Test func mergeKeysAreExplained() {
    let m = Marked("base: &b { x: 1 }\nother:\n  ⌖<<: *b\n")
    let d = diagnostics(of: m.text)
    #expect(d.first?.message == "merge keys ('<<') are not supported")
    #expect(d.first?.location == m.location("t.yaml"))
  }

  @Test func deepNestingIsBounded() {
    let text = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
    let d = diagnostics(of: text)
    #expect(d.first?.message == "nesting is deeper than 100 levels")
  }

  @Test func syntaxErrorsAreLocated() {
    let m = Marked("tools:\n  fish: true\n ⌖ripgrep: true\n")
    let d = diagnostics(of: m.text)
    #expect(d.count == 1)
    #expect(d.first?.location?.line == 3)
  }

  @Test(arguments: [("a: b\u{0}c\n", 0x0, 5), ("a: x\nb: \u{1B}[2J\n", 0x1B, 4), ("a: \u{7F}\n", 0x7F, 4), ("é: \u{85}\u{9B}\n", 0x9B, 5)])
  func controlCharactersAreRejectedWhereTheyAre(text: String, scalar: Int, column: Int) {
    let d = diagnostics(of: text)
    #expect(d.count == 1)
    #expect(
      d.first?.message
        == "control character U+\(String(repeating: "0", count: 4 - String(scalar, radix: 16).count) + String(scalar, radix: 16, uppercase: true)) is not allowed in YAML"
    )
    #expect(d.first?.location?.column == column)
  }

  @Test func otherEncodingsAreNamed() {
    let utf16: [UInt8] = [0xFF, 0xFE] + "a: 1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    do throws(DiagnosticList) {
      _ = try YAMLLoader().parse(utf16, name: "x.yaml")
      Issue.record("UTF-16 was read")
    } catch {
      #expect(error.items.first?.message == "x.yaml is UTF-16 (it starts with that byte-order mark)")
    }
  }

  @Test func aLongScalarIsRefusedAtItsStart() {
    let d = diagnostics(of: "a: b\nc: " + String(repeating: "x", count: YAMLLoader.maxScalarLength + 1) + "\n")
    #expect(d.first?.message.hasPrefix("a value of 65537 bytes is longer than pdev accepts") == true)
    #expect(d.first?.location?.line == 2)
    #expect(diagnostics(of: "c: " + String(repeating: "x", count: YAMLLoader.maxScalarLength) + "\n").isEmpty)
  }
}
