import PdevCore

/// Reads schema'd YAML mappings: unknown keys with did-you-mean, required keys, simple
/// scalars. Collects diagnostics instead of stopping at the first problem.
public final class NodeReader {
  public var diagnostics = DiagnosticBag()
  public var structs: [String: StructType]

  public init(structs: [String: StructType] = [:]) { self.structs = structs }

  /// The pairs of a mapping; an error naming `what` otherwise.
  public func pairs(_ node: YAMLNode, _ what: String) -> [YAMLPair]? {
    if let pairs = node.pairs { return pairs }
    diagnostics.error(.wrongType, "\(what) must be a mapping, found \(node.kindDescription)", at: node.location, length: node.length)
    return nil
  }

  /// Reports keys of `node` outside `allowed`, suggesting the nearest allowed key.
  public func checkKeys(_ node: YAMLNode, allowed: [String], in what: String, help: String? = nil) {
    for pair in node.pairs ?? [] where !allowed.contains(pair.name) {
      diagnostics.error(
        .unknownKey,
        "unknown key '\(pair.name)' in \(what)", at: pair.key.location, length: pair.key.length,
        help: EditDistance.didYouMean(pair.name, in: allowed) ?? help ?? "allowed here: \(allowed.joined(separator: ", "))")
    }
  }

  public func require(_ node: YAMLNode, _ key: String, in what: String) -> YAMLNode? {
    if let value = node[key] { return value }
    diagnostics.error(.missingKey, "\(what) needs '\(key)'", at: node.location)
    return nil
  }

  public func string(_ node: YAMLNode?) -> String? {
    guard let node else { return nil }
    return value(node, .string)?.stringValue
  }

  /// A string shown as one line (a title, a description, a note): in a comment, a heading, a
  /// table row or the terminal. A line break or a control character in it is an error.
  public func line(_ node: YAMLNode?) -> String? {
    guard let node, let text = string(node) else { return nil }
    if text.unicodeScalars.contains(where: { TextLines.isBreak($0) || TextLines.isHidden($0) }) {
      error(
        .invalidValue,
        "this text is shown on one line, but it holds a line break or a control character", at: node,
        help: "write it on one line without escapes such as \\r, \\n or \\e; a folded block (>-) joins lines with spaces")
      return nil
    }
    return text
  }

  /// Strings each shown as one line.
  public func lines(_ node: YAMLNode?) -> [String]? {
    guard let node, strings(node) != nil, let items = node.items else { return nil }
    return items.compactMap { line($0) }
  }

  public func bool(_ node: YAMLNode?) -> Bool? {
    guard let node, case .bool(let b)? = value(node, .bool) else { return nil }
    return b
  }

  public func int(_ node: YAMLNode?, minimum: Int? = nil) -> Int? {
    guard let node, case .int(let i)? = value(node, .int, minimum: minimum) else { return nil }
    return i
  }

  public func strings(_ node: YAMLNode?) -> [String]? {
    guard let node, case .list(let items)? = value(node, .list(.string)) else { return nil }
    return items.compactMap(\.stringValue)
  }

  public func value(_ node: YAMLNode, _ type: ValueType, key: String? = nil, minimum: Int? = nil) -> ConfigValue? {
    var decoder = ValueDecoder(structs: structs)
    let value = decoder.decode(node, as: type, key: key, minimum: minimum)
    diagnostics.add(contentsOf: decoder.diagnostics.items)
    return decoder.diagnostics.hasErrors ? nil : value
  }

  /// Gives `help` to the diagnostics added since `count` that have none.
  public func addHelp(_ help: String, after count: Int) {
    var items = diagnostics.items
    for i in count..<items.count where items[i].help == nil { items[i].help = help }
    diagnostics = DiagnosticBag()
    diagnostics.add(contentsOf: items)
  }

  public func error(
    _ code: DiagnosticCode, _ message: String, at node: YAMLNode, help: String? = nil, notes: [String] = []
  ) {
    diagnostics.error(code, message, at: node.location, length: node.length, help: help, notes: notes)
  }
}
