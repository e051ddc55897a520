import PdevCore

extension ConfigValue {
  /// The value with every `{{word}}` in its strings and map keys replaced by `words[word]`;
  /// words that `words` lacks stay as they are and are collected in `unknown`.
  func filling(_ words: [String: String], unknown: inout Set<String>) -> ConfigValue {
    switch self {
    case .string(let text): return .string(ConfigValue.fill(text, words, unknown: &unknown))
    case .list(let items): return .list(items.map { $0.filling(words, unknown: &unknown) })
    case .map(let map):
      var filled: [String: ConfigValue] = [:]
      for (key, value) in map { filled[ConfigValue.fill(key, words, unknown: &unknown)] = value.filling(words, unknown: &unknown) }
      return .map(filled)
    default: return self
    }
  }

  private static let open = Array("{{".utf8)
  private static let close = Array("}}".utf8)

  private static func fill(_ text: String, _ words: [String: String], unknown: inout Set<String>) -> String {
    let bytes = Array(text.utf8)
    guard let first = bytePosition(of: ConfigValue.open, in: bytes) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var copied = 0
    var open: Int? = first
    while let start = open, let close = bytePosition(of: ConfigValue.close, in: bytes, from: start + 2) {
      out += bytes[copied..<start]
      let word = String(decoding: bytes[(start + 2)..<close], as: UTF8.self)
      if let value = words[word] {
        out += Array(value.utf8)
      } else {
        unknown.insert(word)
        out += bytes[start..<(close + 2)]
      }
      copied = close + 2
      open = bytePosition(of: ConfigValue.open, in: bytes, from: copied)
    }
    out += bytes[copied...]
    return String(decoding: out, as: UTF8.self)
  }
}
