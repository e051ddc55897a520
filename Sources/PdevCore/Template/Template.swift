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
  /// The dotted name split once, when the template is parsed.
  let parts: [String]

  init(name: String, location: SourceLocation, length: Int) {
    self.name = name
    self.location = location
    self.length = length
    self.parts = name == "." ? ["."] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
  }
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
  let source: [UInt8]
  let name: String

  init(source: String, name: String) {
    self.source = Array(source.utf8)
    self.name = name
  }

  private static let openBrace: UInt8 = 0x7B
  private static let closeBrace: UInt8 = 0x7D
  private static let newline: UInt8 = 0x0A

  private func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

  private func text(_ range: Range<Int>) -> String { String(decoding: source[range], as: UTF8.self) }

  /// Columns count Unicode scalars: bytes that do not continue a UTF-8 sequence.
  private func column(of index: Int, lineStart: Int) -> Int {
    source[lineStart..<index].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
  }

  func tokens() throws(DiagnosticList) -> [TemplateToken] {
    var tokens: [TemplateToken] = []
    var textStart = 0
    var i = 0
    var line = 1
    var lineStart = 0

    func flush(upTo end: Int) {
      if end > textStart { tokens.append(.text(text(textStart..<end))) }
    }

    while i < source.count {
      guard source[i] == TemplateLexer.openBrace, i + 1 < source.count, source[i + 1] == TemplateLexer.openBrace else {
        if source[i] == TemplateLexer.newline {
          line += 1
          lineStart = i + 1
        }
        i += 1
        continue
      }
      let tagStart = i
      let location = SourceLocation(file: name, line: line, column: column(of: i, lineStart: lineStart))
      var close = i + 2
      while close + 1 < source.count, source[close] != TemplateLexer.newline,
        !(source[close] == TemplateLexer.closeBrace && source[close + 1] == TemplateLexer.closeBrace)
      {
        close += 1
      }
      guard close + 1 < source.count, source[close] == TemplateLexer.closeBrace, source[close + 1] == TemplateLexer.closeBrace else {
        throw DiagnosticList([.error(.template, "unclosed tag: '{{' without '}}' on this line", at: location, length: 2)])
      }
      let tagEnd = close + 2
      let length = source[tagStart..<tagEnd].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
      let trimmed = text((i + 2)..<close).trimmingSpaces
      guard let sigil = trimmed.unicodeScalars.first else {
        throw DiagnosticList([.error(.template, "empty tag", at: location, length: length)])
      }
      // Whether only blanks surround the tag on its line, and the line's indentation.
      let onlySpaceBefore = source[lineStart..<tagStart].allSatisfy(isBlank)
      var after = tagEnd
      while after < source.count, isBlank(source[after]) { after += 1 }
      let lineEndsAfter =
        after == source.count || source[after] == TemplateLexer.newline
        || (source[after] == 0x0D && after + 1 < source.count && source[after + 1] == TemplateLexer.newline)
      let standalone = onlySpaceBefore && lineEndsAfter
      var indentEnd = lineStart
      while indentEnd < source.count, isBlank(source[indentEnd]) { indentEnd += 1 }
      let indent = text(lineStart..<indentEnd)

      let token = try TemplateLexer.token(
        trimmed, sigil: sigil, location: location, length: length, standalone: standalone, indent: indent)

      var consumedNewline = false
      if standalone {
        // The tag owns its line: drop its indentation and the line break.
        flush(upTo: lineStart)
        i = after
        if i < source.count, source[i] == 0x0D { i += 1 }
        if i < source.count, source[i] == TemplateLexer.newline {
          i += 1
          consumedNewline = true
        }
        line += 1
        lineStart = i
      } else {
        flush(upTo: tagStart)
        i = tagEnd
      }
      textStart = i
      if case .variable(let tag, let indent, let isStandalone, _)? = token, isStandalone {
        tokens.append(.variable(tag, lineIndent: indent, standalone: true, newline: consumedNewline))
      } else if let token {
        tokens.append(token)
      }
    }
    flush(upTo: source.count)
    return tokens
  }

  /// The token a tag's trimmed text stands for; nil for a comment. `location` and `length`
  /// are the whole tag's.
  static func token(
    _ trimmed: String, sigil: Unicode.Scalar, location: SourceLocation, length: Int, standalone: Bool, indent: String
  ) throws(DiagnosticList) -> TemplateToken? {
    func info(_ name: String) throws(DiagnosticList) -> TagInfo {
      let n = name.trimmingSpaces
      guard !n.isEmpty, n.unicodeScalars.allSatisfy({ $0.isTagNameScalar }) else {
        throw DiagnosticList([
          .error(
            .template,
            "invalid tag name '\(n)'", at: location, length: length,
            help: "names are letters, digits, '-', '_' and '.' for nested values")
        ])
      }
      return TagInfo(name: n, location: location, length: length)
    }
    switch sigil {
    case "!":
      return nil
    case "#":
      return .open(try info(String(trimmed.dropFirst())), inverted: false)
    case "^":
      return .open(try info(String(trimmed.dropFirst())), inverted: true)
    case "/":
      return .close(try info(String(trimmed.dropFirst())))
    case ">":
      return .partial(try info(String(trimmed.dropFirst())), indent: standalone ? indent : "")
    case "{", "&":
      throw DiagnosticList([
        .error(
          .template,
          "unescaped output is not supported", at: location, length: length,
          help: "use {{name}}: values are escaped for the file's language, emitted code passes as it is")
      ])
    case "=":
      throw DiagnosticList([.error(.template, "changing delimiters is not supported", at: location, length: length)])
    default:
      return .variable(try info(trimmed), lineIndent: indent, standalone: standalone, newline: false)
    }
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
            .error(.template, "'{{/\(tag.name)}}' closes a section that was never opened", at: tag.location, length: tag.length)
          ])
        }
        guard open.name == tag.name else {
          throw DiagnosticList([
            .error(
              .template,
              "'{{/\(tag.name)}}' does not match the open section '\(open.name)'", at: tag.location,
              length: tag.length, help: "close '\(open.name)' first", notes: ["'\(open.name)' opened at \(open.location)"])
          ])
        }
        let (_, inverted, children) = stack.removeLast()
        stack[stack.count - 1].2.append(.section(open, inverted: inverted, children: children))
      }
    }
    if stack.count > 1, let open = stack.last?.0 {
      throw DiagnosticList([
        .error(
          .template,
          "section '\(open.name)' is never closed", at: open.location, length: open.length,
          help: "add {{/\(open.name)}}")
      ])
    }
    return stack[0].2
  }
}

extension Unicode.Scalar {
  var isTagNameScalar: Bool {
    isASCII
      ? (isASCIILetter || ("0"..."9").contains(self) || self == "-" || self == "_" || self == "." || self == "/") : properties.isAlphabetic
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
