import Foundation
import Testing

@testable import PdevCore

@Suite struct JSONValueTests {
  @Test func readsWhatJSONEncoderWrites() throws {
    struct Sample: Encodable {
      var name = "a \"quoted\"\n\tline é 🚀 \u{1}"
      var count = 42
      var ok = true
      var list = [1.5, -2, 3e3]
      var nested = ["k": ["x", "y"]]
      var none: String? = nil
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let value = try #require(JSONValue.parse(Array(try encoder.encode(Sample()))))
    #expect(value["name"]?.string == Sample().name)
    #expect(value["count"]?.int == 42)
    #expect(value["ok"]?.bool == true)
    #expect(value["list"]?.array == [.number(1.5), .number(-2), .number(3000)])
    #expect(value["nested"]?["k"]?.array?.compactMap(\.string) == ["x", "y"])
    #expect(JSONValue.parse(Array(#"{"s": "\ud83d\ude80 \u00e9"}"#.utf8))?["s"]?.string == "🚀 é")
  }

  @Test(arguments: ["", "{", "{\"a\": }", "[1,]", "tru", "\"unterminated", "{\"a\": 1} extra", "\"\u{1}\""])
  func rejectsWhatIsNotJSON(text: String) {
    #expect(JSONValue.parse(Array(text.utf8)) == nil)
  }

  @Test func deepNestingIsBounded() {
    #expect(JSONValue.parse(Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8)) == nil)
  }
}
