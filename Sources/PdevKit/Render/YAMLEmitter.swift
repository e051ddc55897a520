/// A YAML document built from data; `render` is the only way it becomes text, with every
/// string through `YAMLText.scalar`, so nothing is pasted into YAML as it is.
public indirect enum YAMLValue: Sendable, Equatable {
  case string(String)
  case int(Int)
  case bool(Bool)
  /// A literal block (`|`) for multi-line text such as a shell script.
  case block(String)
  case list([YAMLValue])
  /// Keys in the order given: YAML readers keep it, and people read it that way.
  case map([(String, YAMLValue)])

  public static func == (a: YAMLValue, b: YAMLValue) -> Bool { a.render() == b.render() }

  /// The value as a block-style document.
  public func render() -> String {
    var lines: [String] = []
    write(into: &lines, indent: "")
    return lines.joined(separator: "\n") + "\n"
  }

  private var inline: String? {
    switch self {
    case .string(let s): return YAMLText.scalar(s)
    case .int(let i): return String(i)
    case .bool(let b): return b ? "true" : "false"
    case .list(let items) where items.isEmpty: return "[]"
    case .map(let pairs) where pairs.isEmpty: return "{}"
    default: return nil
    }
  }

  private func write(into lines: inout [String], indent: String) {
    switch self {
    case .map(let pairs):
      for (key, value) in pairs { value.entry(YAMLText.scalar(key) + ":", into: &lines, indent: indent) }
    case .list(let items):
      for item in items { item.entry("-", into: &lines, indent: indent) }
    default:
      lines.append(indent + (inline ?? ""))
    }
  }

  /// `prefix` (`key:` or `-`) followed by this value, inline or on the lines below.
  private func entry(_ prefix: String, into lines: inout [String], indent: String) {
    if let inline {
      lines.append("\(indent)\(prefix) \(inline)")
      return
    }
    switch self {
    case .block(let text):
      lines.append("\(indent)\(prefix) |")
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        lines.append(line.isEmpty ? "" : "\(indent)  \(line)")
      }
      if lines.last == "" { lines.removeLast() }
    case .list:
      lines.append("\(indent)\(prefix)")
      write(into: &lines, indent: indent + "  ")
    case .map(let pairs) where prefix == "-":
      // `- key: value` with the other keys aligned under the first.
      var nested: [String] = []
      YAMLValue.map(pairs).write(into: &nested, indent: indent + "  ")
      if let first = nested.first {
        lines.append(indent + "- " + first.dropFirst(indent.count + 2))
        lines += nested.dropFirst()
      }
    default:
      lines.append("\(indent)\(prefix)")
      write(into: &lines, indent: indent + "  ")
    }
  }
}
