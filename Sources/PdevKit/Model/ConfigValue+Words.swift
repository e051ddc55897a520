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

  private static func fill(_ text: String, _ words: [String: String], unknown: inout Set<String>) -> String {
    guard text.contains("{{") else { return text }
    var result = ""
    var rest = text[...]
    while let open = rest.firstRange(of: "{{"), let close = rest[open.upperBound...].firstRange(of: "}}") {
      result += rest[..<open.lowerBound]
      let word = String(rest[open.upperBound..<close.lowerBound])
      if let value = words[word] {
        result += value
      } else {
        unknown.insert(word)
        result += rest[open.lowerBound..<close.upperBound]
      }
      rest = rest[close.upperBound...]
    }
    return result + rest
  }
}
