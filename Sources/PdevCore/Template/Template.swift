/// A parsed template: `{{name}}`, `{{#section}}…{{/section}}`, `{{^inverted}}…{{/inverted}}`,
/// `{{> partial}}` and `{{! comment }}`. Lines holding only a section, partial or comment tag
/// vanish, and so does a line holding only a variable that renders empty.
public struct Template: Sendable {
  public let name: String
  let nodes: [TemplateNode]

  public init(source: String, name: String) throws(DiagnosticList) {
    self.name = name
    let tokens = try TemplateLexer(source: source, name: name).tokens()
    self.nodes = try TemplateParser.parse(tokens, name: name)
  }
}

/// A tag's position in its template.
struct TagInfo: Sendable {
  let name: String
  let location: SourceLocation
  let length: Int
}

indirect enum TemplateNode: Sendable {
  case text(String)
  /// `lineIndent` is the leading whitespace of the tag's line: continuation lines of a
  /// multi-line value get it. `standalone` marks a line holding only this tag.
  case variable(TagInfo, lineIndent: String, standalone: Bool, newline: Bool)
  case section(TagInfo, inverted: Bool, children: [TemplateNode])
  case partial(TagInfo, indent: String)
}

enum TemplateToken: Sendable {
  case text(String)
  case variable(TagInfo, lineIndent: String, standalone: Bool, newline: Bool)
  case open(TagInfo, inverted: Bool)
  case close(TagInfo)
  case partial(TagInfo, indent: String)
}

/// Splits template source into text and tags, applying the standalone-line rule.
struct TemplateLexer {
  let source: [Unicode.Scalar]
  let name: String

  init(source: String, name: String) {
    self.source = Array(source.unicodeScalars)
    self.name = name
  }

  func tokens() throws(DiagnosticList) -> [TemplateToken] {
    var tokens: [TemplateToken] = []
    var text: [Unicode.Scalar] = []
    var i = 0
    var line = 1
    var lineStart = 0  // index of the first scalar of the current line

    func flushText() {
      if !text.isEmpty {
        var s = ""
        s.unicodeScalars.append(contentsOf: text)
        tokens.append(.text(s))
        text.removeAll(keepingCapacity: true)
      }
    }

    while i < source.count {
      if source[i] == "{", i + 1 < source.count, source[i + 1] == "{" {
        let tagStart = i
        let location = SourceLocation(file: name, line: line, column: i - lineStart + 1)
        guard let close = findClose(from: i + 2) else {
          throw DiagnosticList([
            .error("unclosed tag: '{{' without '}}' on this line", at: location, length: 2)
          ])
        }
        var body = ""
        body.unicodeScalars.append(contentsOf: source[(i + 2)..<close])
        let tagEnd = close + 2
        let trimmed = body.trimmingSpaces
        guard let sigil = trimmed.unicodeScalars.first else {
          throw DiagnosticList([.error("empty tag", at: location, length: tagEnd - tagStart)])
        }
        let length = tagEnd - tagStart
        func info(_ name: String) throws(DiagnosticList) -> TagInfo {
          let n = name.trimmingSpaces
          guard !n.isEmpty, n.unicodeScalars.allSatisfy({ $0.isTagNameScalar }) else {
            throw DiagnosticList([
              .error("invalid tag name '\(n)'", at: location, length: length,
                help: "names are letters, digits, '-', '_' and '.' for nested values")
            ])
          }
          return TagInfo(name: n, location: location, length: length)
        }

        // Leading whitespace of this line in the template, and whether only whitespace
        // surrounds the tag on its line.
        let before = source[lineStart..<tagStart]
        let onlySpaceBefore = before.allSatisfy { $0 == " " || $0 == "\t" }
        var after = tagEnd
        while after < source.count, source[after] == " " || source[after] == "\t" { after += 1 }
        let lineEndsAfter = after == source.count || source[after] == "\n"
          || (source[after] == "\r" && after + 1 < source.count && source[after + 1] == "\n")
        let standalone = onlySpaceBefore && lineEndsAfter
        var indent = ""
        for s in source[lineStart...] {
          guard s == " " || s == "\t" else { break }
          indent.unicodeScalars.append(s)
        }

        let token: TemplateToken?
        switch sigil {
        case "!":
          token = nil
        case "#":
          token = .open(try info(String(trimmed.dropFirst())), inverted: false)
        case "^":
          token = .open(try info(String(trimmed.dropFirst())), inverted: true)
        case "/":
          token = .close(try info(String(trimmed.dropFirst())))
        case ">":
          token = .partial(try info(String(trimmed.dropFirst())), indent: standalone ? indent : "")
        case "{", "&":
          throw DiagnosticList([
            .error("unescaped output is not supported", at: location, length: length,
              help: "use {{name}}: values are escaped for the file's language, emitted code passes as it is")
          ])
        case "=":
          throw DiagnosticList([.error("changing delimiters is not supported", at: location, length: length)])
        default:
          token = .variable(try info(trimmed), lineIndent: indent, standalone: standalone, newline: false)
        }

        var consumedNewline = false
        if standalone {
          // The tag owns its line: drop the indentation collected as text and the line break.
          text.removeLast(tagStart - lineStart)
          i = after
          if i < source.count, source[i] == "\r" { i += 1 }
          if i < source.count, source[i] == "\n" {
            i += 1
            consumedNewline = true
          }
          line += 1
          lineStart = i
        } else {
          i = tagEnd
        }
        flushText()
        if case .variable(let tag, let indent, let isStandalone, _)? = token, isStandalone {
          tokens.append(.variable(tag, lineIndent: indent, standalone: true, newline: consumedNewline))
        } else if let token {
          tokens.append(token)
        }
        continue
      }
      let scalar = source[i]
      text.append(scalar)
      i += 1
      if scalar == "\n" {
        line += 1
        lineStart = i
      }
    }
    flushText()
    return tokens
  }

  /// Index of the `}}` closing a tag that starts before `from`, on the same line.
  private func findClose(from: Int) -> Int? {
    var j = from
    while j + 1 < source.count {
      if source[j] == "\n" { return nil }
      if source[j] == "}", source[j + 1] == "}" { return j }
      j += 1
    }
    return nil
  }
}

enum TemplateParser {
  static func parse(_ tokens: [TemplateToken], name: String) throws(DiagnosticList) -> [TemplateNode] {
    var stack: [(TagInfo?, Bool, [TemplateNode])] = [(nil, false, [])]
    for token in tokens {
      switch token {
      case .text(let s):
        if !s.isEmpty { stack[stack.count - 1].2.append(.text(s)) }
      case .variable(let tag, let indent, let standalone, let newline):
        stack[stack.count - 1].2.append(
          .variable(tag, lineIndent: indent, standalone: standalone, newline: newline))
      case .partial(let tag, let indent):
        stack[stack.count - 1].2.append(.partial(tag, indent: indent))
      case .open(let tag, let inverted):
        stack.append((tag, inverted, []))
      case .close(let tag):
        guard stack.count > 1, let open = stack.last?.0 else {
          throw DiagnosticList([
            .error("'{{/\(tag.name)}}' closes a section that was never opened", at: tag.location, length: tag.length)
          ])
        }
        guard open.name == tag.name else {
          throw DiagnosticList([
            .error("'{{/\(tag.name)}}' does not match the open section '\(open.name)'", at: tag.location,
              length: tag.length, help: "close '\(open.name)' first", notes: ["'\(open.name)' opened at \(open.location)"])
          ])
        }
        let (_, inverted, children) = stack.removeLast()
        stack[stack.count - 1].2.append(.section(open, inverted: inverted, children: children))
      }
    }
    if stack.count > 1, let open = stack.last?.0 {
      throw DiagnosticList([
        .error("section '\(open.name)' is never closed", at: open.location, length: open.length,
          help: "add {{/\(open.name)}}")
      ])
    }
    return stack[0].2
  }
}

extension Unicode.Scalar {
  var isTagNameScalar: Bool {
    properties.isAlphabetic || ("0"..."9").contains(self) || self == "-" || self == "_" || self == "." || self == "/"
  }
}

extension String {
  var trimmingSpaces: String {
    var scalars = Substring(self).unicodeScalars
    while let f = scalars.first, f == " " || f == "\t" { scalars.removeFirst() }
    while let l = scalars.last, l == " " || l == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
