/// A value a template can show: `text` goes through the file language's escaper, `code` was
/// produced by that language's emitter and is pasted as it is.
public enum TemplateValue: Sendable, Equatable {
  case text(String)
  case code(String)
  case bool(Bool)
  case list([TemplateValue])
  case object([String: TemplateValue])

  var isTruthy: Bool {
    switch self {
    case .text(let s), .code(let s): return !s.isEmpty
    case .bool(let b): return b
    case .list(let items): return !items.isEmpty
    case .object: return true
    }
  }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  public init(stringLiteral value: String) { self = .text(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
  public init(dictionaryLiteral elements: (String, TemplateValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}
