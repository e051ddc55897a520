/// A small, strict JSON reader for pdev's own files, where Codable's start-up cost would
/// dominate a run that otherwise does almost nothing.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public subscript(key: String) -> JSONValue? {
    if case .object(let fields) = self { return fields[key] }
    return nil
  }

  public var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var int: Int? {
    if case .number(let n) = self, n == n.rounded(), abs(n) < 1e15 { return Int(n) }
    return nil
  }

  public var bool: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  public var array: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  public var object: [String: JSONValue]? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// nil when `bytes` is not a single valid JSON value.
  public static func parse(_ bytes: [UInt8]) -> JSONValue? {
    var parser = Parser(bytes: bytes)
    guard let value = parser.value(depth: 0) else { return nil }
    parser.skipSpace()
    return parser.index == bytes.count ? value : nil
  }

  private struct Parser {
    let bytes: [UInt8]
    var index = 0

    mutating func skipSpace() {
      while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    mutating func literal(_ word: String, _ value: JSONValue) -> JSONValue? {
      let w = Array(word.utf8)
      guard index + w.count <= bytes.count, Array(bytes[index..<(index + w.count)]) == w else { return nil }
      index += w.count
      return value
    }

    mutating func value(depth: Int) -> JSONValue? {
      guard depth < 64 else { return nil }
      skipSpace()
      guard index < bytes.count else { return nil }
      switch bytes[index] {
      case 0x7B:  // {
        index += 1
        var fields: [String: JSONValue] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == 0x7D {
          index += 1
          return .object(fields)
        }
        while true {
          skipSpace()
          guard let key = string(), expect(0x3A), let v = value(depth: depth + 1) else { return nil }
          fields[key] = v
          skipSpace()
          guard index < bytes.count else { return nil }
          if bytes[index] == 0x2C {
            index += 1
          } else if bytes[index] == 0x7D {
            index += 1
            return .object(fields)
          } else {
            return nil
          }
        }
      case 0x5B:  // [
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == 0x5D {
          index += 1
          return .array(items)
        }
        while true {
          guard let v = value(depth: depth + 1) else { return nil }
          items.append(v)
          skipSpace()
          guard index < bytes.count else { return nil }
          if bytes[index] == 0x2C {
            index += 1
          } else if bytes[index] == 0x5D {
            index += 1
            return .array(items)
          } else {
            return nil
          }
        }
      case 0x22: return string().map(JSONValue.string)
      case 0x74: return literal("true", .bool(true))
      case 0x66: return literal("false", .bool(false))
      case 0x6E: return literal("null", .null)
      default: return number()
      }
    }

    mutating func expect(_ byte: UInt8) -> Bool {
      skipSpace()
      guard index < bytes.count, bytes[index] == byte else { return false }
      index += 1
      return true
    }

    mutating func number() -> JSONValue? {
      let start = index
      while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
      guard index > start, let n = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
      return .number(n)
    }

    mutating func string() -> String? {
      guard index < bytes.count, bytes[index] == 0x22 else { return nil }
      index += 1
      var out: [UInt8] = []
      while index < bytes.count {
        let b = bytes[index]
        index += 1
        switch b {
        case 0x22: return String(decoding: out, as: UTF8.self)
        case 0x5C:
          guard index < bytes.count else { return nil }
          let e = bytes[index]
          index += 1
          switch e {
          case 0x22, 0x5C, 0x2F: out.append(e)
          case 0x6E: out.append(0x0A)
          case 0x74: out.append(0x09)
          case 0x72: out.append(0x0D)
          case 0x62: out.append(0x08)
          case 0x66: out.append(0x0C)
          case 0x75:
            guard index + 4 <= bytes.count, var code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
            else { return nil }
            index += 4
            // A surrogate pair spells one scalar beyond the BMP.
            if (0xD800...0xDBFF).contains(code), index + 6 <= bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75,
              let low = UInt32(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16),
              (0xDC00...0xDFFF).contains(low)
            {
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
              index += 6
            }
            guard let scalar = Unicode.Scalar(code) else { return nil }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
          default: return nil
          }
        default:
          guard b >= 0x20 else { return nil }
          out.append(b)
        }
      }
      return nil
    }
  }
}
