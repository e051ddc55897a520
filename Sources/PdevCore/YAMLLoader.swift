internal import CYaml

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads one YAML document into a located node tree, rejecting what pdev never wants to guess at.
///
/// libyaml's event API drives an explicit stack, so no input recurses on the Swift stack; aliases
/// are expanded against a node budget so a "billion laughs" file fails at once.
public struct YAMLLoader: Sendable {
  public static let maxFileSize = 4 << 20
  /// Nodes that alias expansion may add in one file.
  public static let aliasNodeBudget = 100_000
  /// Text that alias expansion may add in one file: as much as a file may hold.
  public static let aliasByteBudget = 4 << 20
  public static let maxDepth = 100
  /// The longest scalar, in bytes: far beyond any hand-written value.
  public static let maxScalarLength = 64 << 10

  public init() {}

  /// Parses `bytes` read from the file called `name` (the name used in locations).
  /// Returns nil for a stream without a document (an empty file).
  public func parse(_ bytes: [UInt8], name: String) throws(DiagnosticList) -> YAMLNode? {
    if bytes.count > YAMLLoader.maxFileSize {
      throw DiagnosticList([
        .error(
          .fileTooLarge,
          "\(name) is too large (\(bytes.count) bytes); pdev reads YAML files up to 4 MiB",
          help: "split it, or check that this is the file you meant")
      ])
    }
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if let encoding = UTF8Validation.otherEncoding(body) {
      throw DiagnosticList([
        .error(
          .encoding,
          "\(name) is \(encoding) (it starts with that byte-order mark)", at: SourceLocation(file: name, line: 1, column: 1),
          help: "save the file as UTF-8")
      ])
    }
    if let (offset, problem) = UTF8Validation.firstProblem(body) {
      let (line, column) = UTF8Validation.position(of: offset, in: body)
      let at = SourceLocation(file: name, line: line, column: column)
      switch problem {
      case .invalid(let byte):
        throw DiagnosticList([.error(.encoding, "file is not valid UTF-8 (byte 0x\(hex(byte)))", at: at, help: "save the file as UTF-8")])
      case .control(let scalar):
        throw DiagnosticList([
          .error(
            .encoding,
            "control character U+\(codePoint(scalar)) is not allowed in YAML", at: at,
            help: "remove it; to put one in a value, write it as an escape in double quotes, such as \"\\t\"")
        ])
      }
    }
    var builder = TreeBuilder(name: name)
    let input = Array(body)
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    defer { parser.deallocate() }
    guard yaml_parser_initialize(parser) == 1 else {
      throw DiagnosticList([.error(.yamlSyntax, "could not start the YAML parser (out of memory)")])
    }
    defer { yaml_parser_delete(parser) }
    return try input.withUnsafeBufferPointer { (buffer) throws(DiagnosticList) -> YAMLNode? in
      yaml_parser_set_input_string(parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!, buffer.count)
      yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
      var event = yaml_event_t()
      while true {
        guard yaml_parser_parse(parser, &event) == 1 else {
          throw DiagnosticList([syntaxError(parser.pointee, input: buffer, name: name)])
        }
        defer { yaml_event_delete(&event) }
        if event.type == YAML_STREAM_END_EVENT { break }
        try builder.handle(event)
      }
      try builder.finish()
      return builder.root
    }
  }

  private func syntaxError(_ parser: yaml_parser_t, input: UnsafeBufferPointer<UInt8>, name: String)
    -> Diagnostic
  {
    let mark = parser.problem_mark
    let location = SourceLocation(file: name, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
    let offset = Int(mark.index)
    if offset >= 0, offset < input.count, input[offset] == 0x09 {
      return .error(
        .yamlSyntax,
        "tab character in indentation", at: location,
        help: "YAML indents with spaces only; replace the tab with spaces")
    }
    var help: String?
    switch problem {
    case "did not find expected key", "did not find expected '-' indicator":
      help = "check the indentation of this line against the lines above it"
    case "mapping values are not allowed in this context":
      help = "a value containing ': ' must be quoted, or the line is indented too far"
    case "found character that cannot start any token":
      help = "quote the value: characters such as '@', '`' and '%' cannot start a plain YAML value"
    case "found undefined tag handle":
      help = "pdev does not read custom YAML tags; remove the tag"
    case "control characters are not allowed":
      help = "remove the control character (a NUL byte or similar) from the file"
    default:
      if let context = parser.context.map({ String(cString: $0) }) {
        let mark = parser.context_mark
        help = "\(context) that starts at line \(mark.line + 1), column \(mark.column + 1)"
        if context.contains("flow") { help! += "; inside { } and [ ], quote values that contain , : [ ] { }" }
      }
    }
    return .error(.yamlSyntax, problem, at: location, help: help)
  }

  private func codePoint(_ scalar: UInt32) -> String {
    let digits = String(scalar, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
  }
}

/// Turns libyaml events into nodes with an explicit stack of open collections.
private struct TreeBuilder {
  struct Frame {
    var node: YAMLNode
    var isMapping: Bool
    var items: [YAMLNode] = []
    var pairs: [YAMLPair] = []
    var pendingKey: YAMLNode?
    /// Keys of large mappings, for duplicate detection; small ones are scanned.
    var seen: [String: SourceLocation] = [:]
    var anchor: String?
    var size = 1
    /// Bytes of scalar text below, aliases expanded.
    var bytes = 0
  }

  let name: String
  let fileID: UInt32
  var stack: [Frame] = []
  var root: YAMLNode?
  var rootSeen = false
  var documents = 0
  var anchors: [String: (node: YAMLNode, size: Int, bytes: Int)] = [:]
  var aliasBytes = 0
  var aliasNodes = 0
  var diagnostics = DiagnosticBag()

  init(name: String) {
    self.name = name
    self.fileID = FileNames.shared.id(for: name)
  }

  func location(_ mark: yaml_mark_t) -> SourceLocation {
    SourceLocation(fileID: fileID, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
  }

  mutating func handle(_ event: yaml_event_t) throws(DiagnosticList) {
    switch event.type {
    case YAML_DOCUMENT_START_EVENT:
      documents += 1
      if documents > 1 {
        throw DiagnosticList(
          diagnostics.items + [
            .error(
              .yamlSyntax,
              "more than one YAML document in this file", at: location(event.start_mark), length: 3,
              help: "pdev reads one document per file; remove this '---' and what follows, or move it to its own file")
          ])
      }
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      if Int(scalar.length) > YAMLLoader.maxScalarLength {
        throw DiagnosticList([
          .error(
            .fileTooLarge,
            "a value of \(scalar.length) bytes is longer than pdev accepts (\(YAMLLoader.maxScalarLength >> 10) KiB)",
            at: location(event.start_mark), length: 1,
            help: "keep a long script in a file of its own and source it from the configuration")
        ])
      }
      let text = String(
        decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
      let style: YAMLNode.ScalarStyle
      switch scalar.style {
      case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
      case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
      case YAML_LITERAL_SCALAR_STYLE: style = .literal
      case YAML_FOLDED_SCALAR_STYLE: style = .folded
      default: style = .plain
      }
      let start = location(event.start_mark)
      let sameLine = event.end_mark.line == event.start_mark.line
      let length = sameLine ? Int(event.end_mark.column) - Int(event.start_mark.column) : 1
      var forced = false
      if let tag = string(scalar.tag) {
        switch tag {
        case "tag:yaml.org,2002:str": forced = true
        case "!" where style != .plain: break
        default: try unsupportedTag(tag, at: start)
        }
      }
      var node = YAMLNode(.scalar(text, style), at: start, length: length, forcedString: forced)
      node.end = (Int(event.end_mark.line) + 1, Int(event.end_mark.column) + 1)
      try add(node, size: 1, bytes: text.utf8.count + 1, anchor: string(scalar.anchor))
    case YAML_SEQUENCE_START_EVENT:
      let start = location(event.start_mark)
      if let tag = string(event.data.sequence_start.tag), tag != "tag:yaml.org,2002:seq" {
        try unsupportedTag(tag, at: start)
      }
      try push(Frame(node: YAMLNode(.sequence([]), at: start), isMapping: false, anchor: string(event.data.sequence_start.anchor)))
    case YAML_MAPPING_START_EVENT:
      let start = location(event.start_mark)
      if let tag = string(event.data.mapping_start.tag), tag != "tag:yaml.org,2002:map" {
        try unsupportedTag(tag, at: start)
      }
      try push(Frame(node: YAMLNode(.mapping([]), at: start), isMapping: true, anchor: string(event.data.mapping_start.anchor)))
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      guard var frame = stack.popLast() else { return }
      frame.node.content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
      frame.node.end = (Int(event.end_mark.line) + 1, Int(event.end_mark.column) + 1)
      try add(frame.node, size: frame.size, bytes: frame.bytes, anchor: frame.anchor)
    case YAML_ALIAS_EVENT:
      let name = string(event.data.alias.anchor) ?? ""
      let at = location(event.start_mark)
      guard let target = anchors[name] else {
        throw DiagnosticList([.error(.aliasLimit, "unknown alias '*\(name)'", at: at, length: name.count + 1)])
      }
      aliasNodes += target.size
      aliasBytes += target.bytes
      if aliasBytes > YAMLLoader.aliasByteBudget {
        throw DiagnosticList([
          .error(
            .aliasLimit,
            "aliases expand to more than \(YAMLLoader.aliasByteBudget >> 20) MiB of text", at: at, length: name.count + 1,
            help: "a few nodes can hold much text; pdev configurations never need this much repeated")
        ])
      }
      if aliasNodes > YAMLLoader.aliasNodeBudget {
        throw DiagnosticList([
          .error(
            .aliasLimit,
            "aliases expand to more than \(YAMLLoader.aliasNodeBudget) nodes", at: at,
            length: name.count + 1,
            help: "this looks like an alias bomb; pdev configurations never need this many repeated nodes")
        ])
      }
      // The copy keeps the anchored node's positions, so errors point at the definition.
      try add(target.node, size: target.size, bytes: target.bytes, anchor: nil)
    default:
      break
    }
  }

  mutating func push(_ frame: Frame) throws(DiagnosticList) {
    if stack.count >= YAMLLoader.maxDepth {
      throw DiagnosticList([
        .error(
          .yamlSyntax,
          "nesting is deeper than \(YAMLLoader.maxDepth) levels", at: frame.node.location,
          help: "pdev configurations are a few levels deep; check for a runaway structure")
      ])
    }
    stack.append(frame)
  }

  mutating func add(_ node: YAMLNode, size: Int, bytes: Int, anchor: String?) throws(DiagnosticList) {
    if let anchor { anchors[anchor] = (node, size, bytes) }
    guard !stack.isEmpty else {
      if !rootSeen {
        root = node
        rootSeen = true
      }
      return
    }
    let top = stack.count - 1
    stack[top].size += size
    stack[top].bytes += bytes
    guard stack[top].isMapping else {
      stack[top].items.append(node)
      return
    }
    if let key = stack[top].pendingKey {
      stack[top].pairs.append(YAMLPair(key: key, value: node))
      stack[top].pendingKey = nil
      return
    }
    guard case .scalar(let text, let style) = node.content else {
      throw DiagnosticList(
        diagnostics.items + [.error(.yamlSyntax, "mapping keys must be plain text, not \(node.kindDescription)", at: node.location)])
    }
    if text == "<<" && style == .plain {
      diagnostics.error(
        .yamlSyntax,
        "merge keys ('<<') are not supported", at: node.location, length: 2,
        help: "write the keys out, or share settings through `extends`")
    } else if let first = firstLocation(of: text, in: stack[top]) {
      diagnostics.error(
        .duplicateKey,
        "duplicate key '\(text)'", at: node.location, length: node.length,
        help: "remove one of them; YAML keeps only one value per key",
        notes: ["first defined at \(first)"])
    } else if stack[top].pairs.count >= 15 {
      // Small mappings are scanned; large ones (thousands of tools) get an index.
      if stack[top].seen.isEmpty { for pair in stack[top].pairs { stack[top].seen[pair.name] = pair.key.location } }
      stack[top].seen[text] = node.location
    }
    stack[top].pendingKey = node
  }

  private func firstLocation(of key: String, in frame: Frame) -> SourceLocation? {
    if frame.pairs.count < 16 { return frame.pairs.first { $0.key.text == key }?.key.location }
    return frame.seen[key]
  }

  mutating func unsupportedTag(_ tag: String, at location: SourceLocation) throws(DiagnosticList) {
    let shown = tag.hasPrefix("tag:yaml.org,2002:") ? "!!" + tag.dropFirst(18) : tag
    diagnostics.error(
      .yamlSyntax,
      "unsupported tag '\(shown)'", at: location, length: shown.count,
      help: "pdev reads plain YAML values; remove the tag (only '!!str' is understood)")
  }

  func finish() throws(DiagnosticList) {
    try diagnostics.check()
  }

  func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
  }
}
