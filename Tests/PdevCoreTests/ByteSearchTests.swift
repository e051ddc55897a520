import PdevCore
import Testing

struct ByteSearchTests {
  @Test(arguments: [
    ("", "", true), ("abc", "", true), ("", "a", false), ("hello world", "o w", true), ("hello", "hello!", false),
    ("aaab", "aab", true), ("naïve café", "é", true), ("naïve", "ï v", false),
  ])
  func containsBytes(haystack: String, needle: String, expected: Bool) {
    #expect(haystack.containsBytes(needle) == expected)
    #expect(haystack.containsBytes(needle) == (needle.isEmpty || haystack.contains(needle)))
  }

  @Test func escapingBytesReplacesEachByteOnce() {
    let quote: [UInt8: String] = [UInt8(ascii: "\\"): "\\\\", UInt8(ascii: "'"): "\\'"]
    #expect("it's a \\ path".escapingBytes(quote) == "it\\'s a \\\\ path")
    #expect("plain".escapingBytes(quote) == "plain")
    #expect("''".escapingBytes(quote) == "\\'\\'")
    #expect("é'ü".escapingBytes(quote) == "é\\'ü")
    #expect("".escapingBytes(quote) == "")
  }
}

extension ByteSearchTests {
  @Test(arguments: [
    ("a:b:c", ":", "", "abc"), ("aaa", "aa", "b", "ba"), ("none", "x", "y", "none"), ("", "x", "y", ""),
    ("xx", "xx", "", ""), ("é-é", "é", "e", "e-e"), ("2026-11-23T09:00:00Z", ":", "", "2026-11-23T090000Z"),
  ])
  func replacingAllGoesLeftToRight(text: String, target: String, replacement: String, expected: String) {
    #expect(text.replacingAll(target, with: replacement) == expected)
  }
}
