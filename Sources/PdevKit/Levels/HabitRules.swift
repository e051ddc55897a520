#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import PdevCore

/// Hardtime and precognition settings as they feel in the editor, in plain sentences.
public struct HabitRules: Sendable {
  public let catalog: Catalog

  public init(catalog: Catalog) { self.catalog = catalog }

  /// The settings of `plugin` at a level, upstream defaults filled in for keys never set.
  public func effective(_ plugin: String, _ settings: LevelSettings) -> [String: ConfigValue] {
    var values: [String: ConfigValue] = [:]
    for field in catalog.plugins[plugin]?.settingsSchema ?? [] {
      if let upstream = field.defaultValue { values[field.name] = upstream }
    }
    for (key, value) in settings.habit(plugin) {
      values[key] = (values[key] ?? .null).merged(with: value)
    }
    return values
  }

  /// Keys of a hardtime key map that are active (a key with no modes is switched off).
  public static func activeKeys(_ value: ConfigValue?) -> [(key: String, modes: [String])] {
    guard case .map(let m)? = value else { return [] }
    return m.compactMap { key, modes -> (String, [String])? in
      guard case .list(let list) = modes, !list.isEmpty else { return nil }
      return (key, list.compactMap(\.stringValue))
    }.sorted { HabitRules.keyOrder($0.0) < HabitRules.keyOrder($1.0) }
  }

  static func keyOrder(_ key: String) -> String {
    let order = ["h", "j", "k", "l", "w", "b", "e", "x", "+", "-", "gj", "gk", "<Up>", "<Down>", "<Left>", "<Right>"]
    if let i = order.firstIndex(of: key) { return i < 10 ? "0\(i)" : "\(i)" }
    return "99" + key
  }

  public func hardtime(_ settings: LevelSettings) -> [String] {
    guard catalog.plugins["hardtime"] != nil else { return [] }
    let v = effective("hardtime", settings)
    var rules: [String] = []
    let count = v["max_count"].map(\.display) ?? "3"
    let time = v["max_time"].map(\.display) ?? "1000"
    let counted = HabitRules.activeKeys(v["restricted_keys"]).map(\.key)
    let mode = v["restriction_mode"]?.stringValue ?? "block"
    if !counted.isEmpty {
      rules.append(
        "Pressing one of \(counted.joined(separator: " ")) more than \(count) times within \(time) ms "
          + (mode == "hint" ? "shows a hint; the key still works." : "is blocked: the extra presses do nothing."))
    }
    if v["hint"] == .bool(true) { rules.append("Hints suggest the better motion, such as 5j instead of jjjjj.") }
    let disabled = HabitRules.activeKeys(v["disabled_keys"])
    if disabled.isEmpty {
      rules.append("No key is disabled.")
    } else {
      let modes = Set(disabled.flatMap(\.modes))
      let where_ = modes == ["", "i"] ? "in Normal, Visual and Insert mode" : "in modes " + modes.sorted().map { $0.isEmpty ? "nvo" : $0 }.joined(separator: ", ")
      rules.append("Disabled \(where_): \(disabled.map(\.key).joined(separator: " ")).")
    }
    rules.append(v["disable_mouse"] == .bool(false) ? "The mouse still works." : "The mouse is off.")
    if v["force_exit_insert_mode"] == .bool(true) {
      let ms = v["max_insert_idle_ms"].flatMap { if case .int(let i) = $0 { return i } else { return nil } } ?? 5000
      rules.append("Insert mode ends by itself after \(ms / 1000) seconds without typing.")
    }
    return rules
  }

  public func precognition(_ settings: LevelSettings) -> [String] {
    guard catalog.plugins["precognition"] != nil else { return [] }
    let v = effective("precognition", settings)
    return [
      v["startVisible"] == .bool(false)
        ? "Motion hints are hidden; press <leader>up to peek at them."
        : "Motion hints (w, b, e, ^, $, %) show above the cursor line, and G, gg, { and } in the gutter."
    ]
  }
}
