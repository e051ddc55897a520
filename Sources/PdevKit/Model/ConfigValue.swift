import PdevCore

/// A validated value from pdev.yaml, a profile or a progression.
public indirect enum ConfigValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
  case list([ConfigValue])
  case map([String: ConfigValue])
  /// `{ secret-file: PATH }`: read from a file when the program starts.
  case secretFile(String)
  /// `{ env: NAME }`: taken from the environment when the program starts.
  case secretEnv(String)

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var mapValue: [String: ConfigValue]? {
    if case .map(let m) = self { return m }
    return nil
  }

  /// Short YAML-like text for messages, `pdev explain` and level diffs.
  public var display: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let f): return "\(f)"
    case .string(let s):
      return s.isEmpty || s.contains(where: { ":#{}[],&*!|>'\"%@`\n".contains($0) }) || s.first == " "
        ? "\"" + s.replacingAll("\"", with: "\\\"").replacingAll("\n", with: "\\n") + "\""
        : s
    case .list(let items): return "[" + items.map(\.display).joined(separator: ", ") + "]"
    case .map(let m):
      return "{ " + m.keys.sorted().map { "\($0): \(m[$0]!.display)" }.joined(separator: ", ") + " }"
    case .secretFile(let path): return "{ secret-file: \(path) }"
    case .secretEnv(let name): return "{ env: \(name) }"
    }
  }

  /// Merges `overlay` into `self`: maps merge key by key, `null` removes a key, anything else
  /// replaces. The composition rule of profiles and progressions.
  public func merged(with overlay: ConfigValue) -> ConfigValue {
    guard case .map(var base) = self, case .map(let top) = overlay else { return overlay }
    for (key, value) in top {
      if value == .null {
        base.removeValue(forKey: key)
      } else if let existing = base[key] {
        base[key] = existing.merged(with: value)
      } else {
        base[key] = value.removingNulls()
      }
    }
    return .map(base)
  }

  func removingNulls() -> ConfigValue {
    guard case .map(let m) = self else { return self }
    return .map(m.filter { $0.value != .null }.mapValues { $0.removingNulls() })
  }
}
