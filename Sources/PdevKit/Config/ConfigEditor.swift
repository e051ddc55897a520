import PdevCore

/// Turns a tool on or off in pdev.yaml by editing the text at the YAML positions, so the
/// user's comments, order and formatting stay exactly as they were everywhere else.
public struct ConfigEditor {
  public let text: String
  public let root: YAMLNode

  public init(text: String, root: YAMLNode) {
    self.text = text
    self.root = root
  }

  public enum Outcome: Equatable {
    case edited(String)
    case unchanged
  }

  /// Sets `tools.NAME` to on or off at the top level of pdev.yaml.
  public func setTool(_ name: String, enabled: Bool) -> Outcome {
    let value = enabled ? "true" : "false"
    guard let toolsPair = root.pair(forKey: "tools") else {
      var result = text
      if !result.isEmpty && !result.hasSuffix("\n") { result += "\n" }
      return .edited(result + "\ntools:\n  \(YAMLText.scalar(name)): \(value)\n")
    }
    let tools = toolsPair.value
    guard let pairs = tools.pairs else {
      // `tools:` with a scalar (null): write the block below the key.
      return .edited(
        replacing(from: toolsPair.key.end, to: lineEnd(of: toolsPair.key.location.line), with: ":\n  \(YAMLText.scalar(name)): \(value)"))
    }
    if let pair = pairs.first(where: { $0.name == name }) {
      return setEnable(pair.value, enabled: enabled)
    }
    let entry = "\(YAMLText.scalar(name)): \(value)"
    if isFlow(tools) {
      if pairs.isEmpty {
        // `tools: {}` becomes a block mapping; anything after it on the line stays.
        let braceEnd = tools.end
        var edited = replacing(from: (tools.location.line, tools.location.column), to: braceEnd, with: "")
        edited = trimTrailingSpace(onLine: tools.location.line, in: edited)
        return .edited(insertLine("  " + entry, after: tools.location.line, in: edited))
      }
      return .edited(replacing(from: pairs.last!.value.end, to: pairs.last!.value.end, with: ", " + entry))
    }
    let indent = String(repeating: " ", count: pairs[0].key.location.column - 1)
    return .edited(insertLine(indent + entry, after: lastContentLine(tools), in: text))
  }

  /// The tool's value is `true`/`false`, or a mapping with or without `enable`.
  private func setEnable(_ node: YAMLNode, enabled: Bool) -> Outcome {
    let value = enabled ? "true" : "false"
    switch node.content {
    case .scalar:
      if case .bool(enabled)? = node.scalarValue { return .unchanged }
      return .edited(replacing(from: (node.location.line, node.location.column), to: node.end, with: value))
    case .mapping(let pairs):
      if let enable = pairs.first(where: { $0.name == "enable" }) {
        if case .bool(enabled)? = enable.value.scalarValue { return .unchanged }
        return .edited(replacing(from: (enable.value.location.line, enable.value.location.column), to: enable.value.end, with: value))
      }
      if enabled { return .unchanged }  // a mapping of settings already means on
      guard let first = pairs.first else {
        return .edited(replacing(from: (node.location.line, node.location.column), to: node.end, with: "{ enable: false }"))
      }
      if isFlow(node) {
        return .edited(
          replacing(
            from: (first.key.location.line, first.key.location.column), to: (first.key.location.line, first.key.location.column),
            with: "enable: false, "))
      }
      let indent = String(repeating: " ", count: first.key.location.column - 1)
      return .edited(insertLine(indent + "enable: false", after: first.key.location.line - 1, in: text))
    case .sequence:
      return .unchanged
    }
  }

  private func isFlow(_ node: YAMLNode) -> Bool {
    character(at: (node.location.line, node.location.column)) == "{"
  }

  /// The last line holding content of `node` (block scalars end on the next line's start).
  func lastContentLine(_ node: YAMLNode) -> Int {
    switch node.content {
    case .scalar:
      return node.end.column == 1 && node.end.line > node.location.line ? node.end.line - 1 : node.end.line
    case .sequence(let items):
      return items.last.map(lastContentLine) ?? node.location.line
    case .mapping(let pairs):
      return pairs.last.map { max(lastContentLine($0.value), $0.key.location.line) } ?? node.location.line
    }
  }

  // MARK: - Text positions

  private var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

  private func index(_ position: (line: Int, column: Int), in source: String) -> String.Index {
    var current = 1
    var index = source.startIndex
    while current < position.line, let newline = source[index...].firstIndex(of: "\n") {
      index = source.index(after: newline)
      current += 1
    }
    var scalars = source.unicodeScalars[index...]
    var column = 1
    while column < position.column, let first = scalars.first, first != "\n" {
      scalars = scalars.dropFirst()
      column += 1
    }
    return scalars.startIndex
  }

  private func character(at position: (line: Int, column: Int)) -> Character? {
    let i = index(position, in: text)
    return i < text.endIndex ? text[i] : nil
  }

  private func lineEnd(of line: Int) -> (Int, Int) {
    let content = line - 1 < lines.count ? lines[line - 1] : ""
    return (line, content.unicodeScalars.count + 1)
  }

  private func replacing(from start: (line: Int, column: Int), to end: (line: Int, column: Int), with replacement: String) -> String {
    var result = text
    let a = index(start, in: result)
    let b = index(end, in: result)
    result.replaceSubrange(a..<b, with: replacement)
    return result
  }

  private func trimTrailingSpace(onLine line: Int, in source: String) -> String {
    var parts = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard line - 1 < parts.count else { return source }
    while parts[line - 1].hasSuffix(" ") { parts[line - 1].removeLast() }
    return parts.joined(separator: "\n")
  }

  /// `newLine` inserted after line `after` (0 inserts at the top).
  private func insertLine(_ newLine: String, after line: Int, in source: String) -> String {
    var parts = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let position = min(max(line, 0), parts.count)
    parts.insert(newLine, at: position)
    return parts.joined(separator: "\n")
  }
}
