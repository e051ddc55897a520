/// A YAML node with the position it was read from; the only way pdev sees YAML.
public struct YAMLNode: Sendable {
  public enum ScalarStyle: Sendable, Equatable { case plain, singleQuoted, doubleQuoted, literal, folded }

  public enum Content: Sendable {
    case scalar(String, ScalarStyle)
    case sequence([YAMLNode])
    case mapping([YAMLPair])
  }

  public var content: Content
  public var location: SourceLocation
  /// Columns the node spans on its first line, for underlining.
  public var length: Int
  /// True when the scalar was tagged `!!str`, which keeps `true` or `1` a string.
  public var forcedString: Bool
  /// Where the node ends (exclusive), for edits that keep the rest of the file as it is.
  public var end: (line: Int, column: Int) = (0, 0)

  public init(
    _ content: Content, at location: SourceLocation, length: Int = 1, forcedString: Bool = false
  ) {
    self.content = content
    self.location = location
    self.length = max(1, length)
    self.forcedString = forcedString
  }

  public static func scalar(_ text: String, at location: SourceLocation, style: ScalarStyle = .plain)
    -> YAMLNode
  {
    YAMLNode(.scalar(text, style), at: location, length: max(1, text.unicodeScalars.count))
  }

  public var pairs: [YAMLPair]? {
    if case .mapping(let pairs) = content { return pairs }
    return nil
  }

  public var items: [YAMLNode]? {
    if case .sequence(let items) = content { return items }
    return nil
  }

  /// The raw text of a scalar, whatever it resolves to.
  public var text: String? {
    if case .scalar(let text, _) = content { return text }
    return nil
  }

  /// The value under `key` in a mapping.
  public subscript(key: String) -> YAMLNode? {
    pairs?.first { $0.key.text == key }?.value
  }

  public func pair(forKey key: String) -> YAMLPair? {
    pairs?.first { $0.key.text == key }
  }
}

/// A key and its value in a YAML mapping; keys are scalars.
public struct YAMLPair: Sendable {
  public var key: YAMLNode
  public var value: YAMLNode

  public init(key: YAMLNode, value: YAMLNode) {
    self.key = key
    self.value = value
  }

  public var name: String { key.text ?? "" }
}

/// What a scalar means under the YAML 1.2 core schema.
public enum ScalarValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
}

extension YAMLNode {
  /// The scalar resolved with the YAML 1.2 core schema: `yes`, `on` and `no` stay strings.
  public var scalarValue: ScalarValue? {
    guard case .scalar(let text, let style) = content else { return nil }
    if style != .plain || forcedString { return .string(text) }
    return YAMLNode.resolvePlain(text)
  }

  static func resolvePlain(_ text: String) -> ScalarValue {
    guard let lead = text.utf8.first else { return .null }
    // Most scalars are words; only a few first characters can start anything but text.
    switch lead {
    case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
      UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "+"), 48...57:
      break
    default:
      return .string(text)
    }
    switch text {
    case "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
    case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
    case ".nan", ".NaN", ".NAN": return .float(.nan)
    default: break
    }
    let bytes = Array(text.utf8)
    guard let first = bytes.first else { return .string(text) }
    let isDigit = { (b: UInt8) in b >= 48 && b <= 57 }
    // Only look further when the text can start a number.
    guard isDigit(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
    else { return .string(text) }
    if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
      if bytes[1] == UInt8(ascii: "x"), let v = Int(text.dropFirst(2), radix: 16) { return .int(v) }
      if bytes[1] == UInt8(ascii: "o"), let v = Int(text.dropFirst(2), radix: 8) { return .int(v) }
    }
    var index = 0
    if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { index = 1 }
    let digits = bytes[index...]
    if !digits.isEmpty, digits.allSatisfy(isDigit) {
      if let v = Int(text) { return .int(v) }
      return .string(text)  // out of range: keep the text rather than lose digits
    }
    if YAMLNode.looksLikeFloat(bytes[index...]), let v = Double(text) { return .float(v) }
    return .string(text)
  }

  private static func looksLikeFloat(_ bytes: ArraySlice<UInt8>) -> Bool {
    // [0-9]* ( \. [0-9]* )? ( [eE] [-+]? [0-9]+ )?  with at least one digit before the exponent
    var i = bytes.startIndex
    var mantissaDigits = 0
    while i < bytes.endIndex, bytes[i] >= 48, bytes[i] <= 57 { i += 1; mantissaDigits += 1 }
    if i < bytes.endIndex, bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < bytes.endIndex, bytes[i] >= 48, bytes[i] <= 57 { i += 1; mantissaDigits += 1 }
    }
    guard mantissaDigits > 0 else { return false }
    if i < bytes.endIndex, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.endIndex, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
      var exponentDigits = 0
      while i < bytes.endIndex, bytes[i] >= 48, bytes[i] <= 57 { i += 1; exponentDigits += 1 }
      guard exponentDigits > 0 else { return false }
    }
    return i == bytes.endIndex
  }

  /// How the node reads in a message: "a mapping", "a list", "the number 3", "the string 'x'".
  public var kindDescription: String {
    switch content {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar:
      switch scalarValue! {
      case .null: return "an empty value"
      case .bool(let b): return "the boolean \(b)"
      case .int, .float: return "the number \(text!)"
      case .string(let s): return "the string '\(s.count > 40 ? String(s.prefix(37)) + "..." : s)'"
      }
    }
  }

}
