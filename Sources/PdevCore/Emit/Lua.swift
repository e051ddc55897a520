/// A Lua value built from data; `render` is the only way it becomes Lua source.
public indirect enum Lua: Sendable, Equatable {
  case `nil`
  case bool(Bool)
  case number(Double)
  case integer(Int)
  case string(String)
  case list([Lua])
  /// A table with string keys, emitted sorted.
  case table([String: Lua])

  static let keywords: Set<String> = [
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
    "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
  ]

  /// A double-quoted Lua string literal; control characters and NUL use decimal escapes,
  /// other characters stay as UTF-8.
  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let digits = String(scalar.value)
          out += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  public static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !keywords.contains(name) else { return false }
    guard first == "_" || first.isASCIILetter else { return false }
    return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" }
  }

  public func render() -> String {
    switch self {
    case .nil: return "nil"
    case .bool(let b): return b ? "true" : "false"
    case .integer(let i): return String(i)
    case .number(let d): return d.isFinite ? "\(d)" : (d.isNaN ? "(0/0)" : (d > 0 ? "math.huge" : "-math.huge"))
    case .string(let s): return Lua.quoted(s)
    case .list(let items): return "{ " + items.map { $0.render() }.joined(separator: ", ") + " }"
    case .table(let fields):
      if fields.isEmpty { return "{}" }
      let body = fields.keys.sorted().map { key in
        (Lua.isIdentifier(key) ? key : "[" + Lua.quoted(key) + "]") + " = " + fields[key]!.render()
      }
      return "{ " + body.joined(separator: ", ") + " }"
    }
  }
}
