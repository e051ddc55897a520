import PdevCore

/// A key or command a tool brings to the terminal (a catalog tool's `keys:`), as the
/// cheatsheet and the learning plan show it.
public struct TerminalKey: Sendable, Equatable {
  /// What to press or type, e.g. `Alt+h` or `zellij --layout dev`.
  public var keys: String
  public var what: String
  /// A key, shown as keys; otherwise a command, shown as code.
  public var isKey: Bool
}

extension CatalogLoader {
  /// `keys: [{ key: Alt+h, what: … } | { command: zdev, what: … }]`.
  func readTerminalKeys(_ node: YAMLNode?, tool: String, reader: NodeReader) -> [TerminalKey] {
    guard let node else { return [] }
    guard let items = node.items else {
      reader.error(.wrongType, "keys must be a list of { key, what } or { command, what }", at: node)
      return []
    }
    return items.compactMap { item in
      let what = "a key of tool '\(tool)'"
      guard reader.pairs(item, what) != nil else { return nil }
      reader.checkKeys(item, allowed: ["key", "command", "what"], in: what)
      guard let description = reader.line(reader.require(item, "what", in: what)) else { return nil }
      if let key = reader.line(item["key"]) { return TerminalKey(keys: key, what: description, isKey: true) }
      if let command = reader.line(item["command"]) { return TerminalKey(keys: command, what: description, isKey: false) }
      reader.error(.catalog, "\(what) needs key: or command:", at: item)
      return nil
    }
  }
}
