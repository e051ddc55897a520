/// The type of a key in the catalog's schema, written as text: `string`, `bool`, `int`,
/// `number`, `attrs`, `secret`, `list<T>`, `map<T>`, `enum<a,b>`, `false`, unions `T|U`,
/// and names of struct types declared in the catalog.
public indirect enum ValueType: Sendable, Equatable, CustomStringConvertible {
  case string
  case bool
  case int
  case number
  case attrs
  case secret
  case literalFalse
  case list(ValueType)
  case map(ValueType)
  case enumeration([String])
  case union([ValueType])
  case named(String)

  public var description: String {
    switch self {
    case .string: return "string"
    case .bool: return "bool"
    case .int: return "int"
    case .number: return "number"
    case .attrs: return "attrs"
    case .secret: return "secret"
    case .literalFalse: return "false"
    case .list(let t): return "list<\(t)>"
    case .map(let t): return "map<\(t)>"
    case .enumeration(let cases): return "enum<\(cases.joined(separator: ","))>"
    case .union(let types): return types.map(\.description).joined(separator: "|")
    case .named(let name): return name
    }
  }

  /// How a value of this type is described to a user: "a list of strings".
  public var phrase: String {
    switch self {
    case .string: return "a string"
    case .bool: return "true or false"
    case .int: return "a whole number"
    case .number: return "a number"
    case .attrs: return "any value"
    case .secret: return "a string or a { secret-file: PATH } / { env: NAME } reference"
    case .literalFalse: return "false"
    case .list(let t): return "a list of \(t.plural)"
    case .map(let t): return "a mapping of names to \(t.plural)"
    case .enumeration(let cases): return "one of " + cases.map { "'\($0)'" }.joined(separator: ", ")
    case .union(let types): return types.map(\.phrase).joined(separator: " or ")
    case .named(let name): return "a \(name) mapping"
    }
  }

  var plural: String {
    switch self {
    case .string: return "strings"
    case .bool: return "booleans"
    case .int: return "whole numbers"
    case .number: return "numbers"
    case .attrs: return "values"
    case .secret: return "strings or secret references"
    case .list(let t): return "lists of \(t.plural)"
    case .map(let t): return "mappings of \(t.plural)"
    default: return phrase
    }
  }

  /// Parses the textual form; nil when it is not a valid type.
  public static func parse(_ text: String, named: Set<String>) -> ValueType? {
    var parser = TypeParser(text: Array(text.unicodeScalars), named: named)
    guard let type = parser.parseUnion(), parser.atEnd else { return nil }
    return type
  }
}

private struct TypeParser {
  let text: [Unicode.Scalar]
  let named: Set<String>
  var position = 0

  var atEnd: Bool {
    var i = position
    while i < text.count, text[i] == " " { i += 1 }
    return i == text.count
  }

  mutating func skip() {
    while position < text.count, text[position] == " " { position += 1 }
  }

  mutating func parseUnion() -> ValueType? {
    var types: [ValueType] = []
    repeat {
      skip()
      guard let t = parseSingle() else { return nil }
      types.append(t)
      skip()
    } while consume("|")
    return types.count == 1 ? types[0] : .union(types)
  }

  mutating func parseSingle() -> ValueType? {
    let word = identifier()
    switch word {
    case "string": return .string
    case "bool": return .bool
    case "int": return .int
    case "number": return .number
    case "attrs": return .attrs
    case "secret": return .secret
    case "false": return .literalFalse
    case "list", "map":
      guard consume("<"), let inner = parseUnion(), consume(">") else { return nil }
      return word == "list" ? .list(inner) : .map(inner)
    case "enum":
      guard consume("<") else { return nil }
      var cases: [String] = []
      repeat {
        skip()
        let c = identifier()
        guard !c.isEmpty else { return nil }
        cases.append(c)
        skip()
      } while consume(",")
      guard consume(">") else { return nil }
      return .enumeration(cases)
    case "": return nil
    default:
      return named.contains(word) ? .named(word) : nil
    }
  }

  mutating func identifier() -> String {
    var s = ""
    while position < text.count {
      let c = text[position]
      guard ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == "_" else { break }
      s.unicodeScalars.append(c)
      position += 1
    }
    return s
  }

  mutating func consume(_ c: Unicode.Scalar) -> Bool {
    skip()
    if position < text.count, text[position] == c {
      position += 1
      return true
    }
    return false
  }
}
