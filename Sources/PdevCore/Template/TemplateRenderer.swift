/// Renders templates against a context; values reach the output only through `escape` (for
/// `.text`) or as emitter-made `.code`.
public struct TemplateRenderer {
  public typealias Escaper = (String) -> String
  public typealias PartialLoader = (String) throws(DiagnosticList) -> Template

  public static let maxPartialDepth = 16
  /// No generated file is this large; partials that fan out (each including another several
  /// times) stop here instead of filling the memory.
  public static let maxOutputBytes = 8 << 20

  let escape: Escaper
  let loadPartial: PartialLoader

  public init(escape: @escaping Escaper, partials: @escaping PartialLoader) {
    self.escape = escape
    self.loadPartial = partials
  }

  public func render(_ template: Template, _ context: [String: TemplateValue]) throws(DiagnosticList)
    -> String
  {
    var out = ""
    var stack: [TemplateValue] = [.object(context)]
    try render(template.nodes, stack: &stack, into: &out, depth: 0)
    return out
  }

  private func render(
    _ nodes: [TemplateNode], stack: inout [TemplateValue], into out: inout String, depth: Int
  ) throws(DiagnosticList) {
    for node in nodes {
      switch node {
      case .text(let s):
        out += s
      case .variable(let tag, let indent, let standalone, let newline):
        let value = try lookup(tag, in: stack)
        let rendered: String
        switch value {
        case .text(let s): rendered = escape(s)
        case .code(let s): rendered = s
        case .bool, .list, .object:
          throw DiagnosticList([
            .error(
              .template,
              "'\(tag.name)' is \(describe(value)), not something to print", at: tag.location,
              length: tag.length, help: "use it as a section: {{#\(tag.name)}}…{{/\(tag.name)}}")
          ])
        }
        if standalone {
          if rendered.isEmpty { continue }
          out += indent + indentContinuation(rendered, indent) + (newline ? "\n" : "")
        } else {
          out += indentContinuation(rendered, indent)
        }
      case .section(let tag, let inverted, let children):
        let value = try lookup(tag, in: stack)
        if inverted {
          if !value.isTruthy { try render(children, stack: &stack, into: &out, depth: depth) }
          continue
        }
        switch value {
        case .bool(true):
          try render(children, stack: &stack, into: &out, depth: depth)
        case .list(let items):
          for item in items {
            stack.append(item)
            try render(children, stack: &stack, into: &out, depth: depth)
            stack.removeLast()
          }
        case .object, .text, .code:
          guard value.isTruthy else { continue }
          stack.append(value)
          try render(children, stack: &stack, into: &out, depth: depth)
          stack.removeLast()
        case .bool(false):
          continue
        }
      case .partial(let tag, let indent):
        guard depth < TemplateRenderer.maxPartialDepth else {
          throw DiagnosticList([
            .error(
              .template,
              "partials nest deeper than \(TemplateRenderer.maxPartialDepth) levels", at: tag.location,
              length: tag.length, help: "a partial probably includes itself")
          ])
        }
        let partial = try loadPartial(tag.name)
        var inner = ""
        try render(partial.nodes, stack: &stack, into: &inner, depth: depth + 1)
        out += indent.isEmpty ? inner : indentLines(inner, indent)
        guard out.utf8.count <= TemplateRenderer.maxOutputBytes else {
          throw DiagnosticList([
            .error(
              .template,
              "the template's output passes \(TemplateRenderer.maxOutputBytes >> 20) MiB at this partial", at: tag.location,
              length: tag.length, help: "partials include each other too often")
          ])
        }
      }
    }
  }

  private func lookup(_ tag: TagInfo, in stack: [TemplateValue]) throws(DiagnosticList) -> TemplateValue {
    if tag.name == "." { return stack[stack.count - 1] }
    let parts = tag.parts
    var found: TemplateValue?
    var i = stack.count - 1
    while i >= 0 {
      if case .object(let fields) = stack[i], let value = fields[parts[0]] {
        found = value
        break
      }
      i -= 1
    }
    guard var value = found else {
      throw unknown(parts[0], tag: tag, candidates: visibleNames(stack))
    }
    for part in parts.dropFirst() {
      guard case .object(let fields) = value, let next = fields[part] else {
        let candidates: [String]
        if case .object(let fields) = value { candidates = Array(fields.keys) } else { candidates = [] }
        throw unknown(part, tag: tag, candidates: candidates)
      }
      value = next
    }
    return value
  }

  private func unknown(_ name: String, tag: TagInfo, candidates: [String]) -> DiagnosticList {
    DiagnosticList([
      .error(
        .template,
        "unknown variable '\(tag.name)'", at: tag.location, length: tag.length,
        help: EditDistance.didYouMean(name, in: candidates))
    ])
  }

  private func visibleNames(_ stack: [TemplateValue]) -> [String] {
    stack.flatMap { frame -> [String] in
      if case .object(let fields) = frame { return Array(fields.keys) }
      return []
    }
  }

  private func describe(_ value: TemplateValue) -> String {
    switch value {
    case .bool: return "a boolean"
    case .list: return "a list"
    case .object: return "an object"
    case .text, .code: return "text"
    }
  }

  /// Indents every line after the first by `indent`, leaving empty lines empty.
  private func indentContinuation(_ text: String, _ indent: String) -> String {
    guard !indent.isEmpty, text.utf8.contains(UInt8(ascii: "\n")) else { return text }
    var result = ""
    var first = true
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if !first {
        result += "\n"
        if !line.isEmpty { result += indent }
      }
      result += line
      first = false
    }
    return result
  }

  private func indentLines(_ text: String, _ indent: String) -> String {
    var result = ""
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if line.offset > 0 { result += "\n" }
      if !line.element.isEmpty { result += indent + line.element }
    }
    return result
  }
}
