import PdevCore

/// Habit plugins' settings as they feel in the editor, in plain sentences: hardtime's
/// computed as facts (the tests hold them against hardtime driven with keys), the others
/// from their catalog `habit-notes`.
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
    return m.compactMap { key, modes -> (rank: Int, key: String, modes: [String])? in
      guard case .list(let list) = modes, !list.isEmpty else { return nil }
      return (keyRank[key] ?? keyRank.count, key, list.compactMap(\.stringValue))
    }
    .sorted { ($0.rank, $0.key) < ($1.rank, $1.key) }
    .map { ($0.key, $0.modes) }
  }

  /// Motions first, in the order the plan teaches them; other keys after, by name.
  static let keyRank: [String: Int] = Dictionary(
    uniqueKeysWithValues: ["h", "j", "k", "l", "w", "b", "e", "x", "+", "-", "gj", "gk", "<Up>", "<Down>", "<Left>", "<Right>"]
      .enumerated().map { ($0.element, $0.offset) })

  /// What hardtime does at a level, as facts: the learning plan words them, and the tests
  /// hold them against what hardtime does when driven with keys.
  public struct Hardtime: Sendable, Equatable {
    /// `hint` or `block`.
    public var mode: String
    public var maxCount: String
    public var maxTime: String
    /// Keys counted against max_count. A key hardtime also resets on is never counted.
    public var counted: [String]
    public var hints: Bool
    public var disabled: [(key: String, modes: [String])]
    public var mouseOff: Bool
    /// Milliseconds of idling after which Insert mode ends, when it does.
    public var insertIdleLimit: Int?

    public static func == (a: Hardtime, b: Hardtime) -> Bool {
      a.mode == b.mode && a.maxCount == b.maxCount && a.maxTime == b.maxTime && a.counted == b.counted && a.hints == b.hints
        && a.disabled.map(\.key) == b.disabled.map(\.key) && a.disabled.map(\.modes) == b.disabled.map(\.modes)
        && a.mouseOff == b.mouseOff && a.insertIdleLimit == b.insertIdleLimit
    }
  }

  public func hardtimeFacts(_ settings: LevelSettings) -> Hardtime? {
    guard catalog.plugins["hardtime"] != nil else { return nil }
    let v = effective("hardtime", settings)
    let resetting = Set(HabitRules.activeKeys(v["resetting_keys"]).map(\.key))
    var idle: Int?
    if v["force_exit_insert_mode"] == .bool(true) {
      idle = v["max_insert_idle_ms"].flatMap { if case .int(let i) = $0 { return i } else { return nil } } ?? 5000
    }
    return Hardtime(
      mode: v["restriction_mode"]?.stringValue ?? "block", maxCount: v["max_count"].map(\.display) ?? "3",
      maxTime: v["max_time"].map(\.display) ?? "1000",
      counted: HabitRules.activeKeys(v["restricted_keys"]).map(\.key).filter { !resetting.contains($0) },
      hints: v["hint"] == .bool(true), disabled: HabitRules.activeKeys(v["disabled_keys"]),
      mouseOff: v["disable_mouse"] != .bool(false), insertIdleLimit: idle)
  }

  public func hardtime(_ settings: LevelSettings) -> [String] {
    guard let facts = hardtimeFacts(settings) else { return [] }
    var rules: [String] = []
    if !facts.counted.isEmpty {
      rules.append(
        "Pressing one of \(facts.counted.joined(separator: " ")) more than \(facts.maxCount) times within \(facts.maxTime) ms "
          + (facts.mode == "hint" ? "shows a hint; the key still works." : "is blocked: the extra presses do nothing."))
    }
    if facts.hints { rules.append("Hints suggest the better motion, such as 5j instead of jjjjj.") }
    if facts.disabled.isEmpty {
      rules.append("No key is disabled.")
    } else {
      let modes = Set(facts.disabled.flatMap(\.modes))
      let where_ =
        modes == ["", "i"]
        ? "in Normal, Visual and Insert mode" : "in modes " + modes.sorted().map { $0.isEmpty ? "nvo" : $0 }.joined(separator: ", ")
      rules.append("Disabled \(where_): \(facts.disabled.map(\.key).joined(separator: " ")).")
    }
    rules.append(facts.mouseOff ? "The mouse is off." : "The mouse still works.")
    if let ms = facts.insertIdleLimit {
      rules.append("Insert mode ends by itself after \(ms / 1000) seconds without typing.")
    }
    return rules
  }

  /// Every habit rule at a level: hardtime's from its facts, then the `habit-notes` of each
  /// habit plugin the progression sets (plugins by name) whose conditions its effective
  /// settings meet.
  public func sentences(_ settings: LevelSettings) -> [String] {
    var sentences = hardtime(settings)
    for plugin in catalog.plugins.values.sorted(by: { $0.name < $1.name })
    where !plugin.habitNotes.isEmpty && settings.habits[plugin.name] != nil {
      let values = effective(plugin.name, settings)
      sentences += plugin.habitNotes.filter { $0.applies(to: values) }.map(\.text)
    }
    return sentences
  }
}
