import PdevCore

/// What changes between two levels: plugins, and each habit setting as old → new.
public struct LevelDiff: Sendable, Equatable {
  public struct SettingChange: Sendable, Equatable {
    public var key: String  // hardtime.max_count
    public var old: String
    public var new: String
  }

  public var added: [String]
  public var removed: [String]
  public var settings: [SettingChange]
  /// Sentences of the habit rules that hold at the new level but did not before.
  public var newRules: [String]

  public init(from old: Int, to new: Int, progression: Progression, catalog: Catalog) {
    let before = progression.effective(at: old)
    let after = progression.effective(at: new)
    added = after.plugins.filter { !before.plugins.contains($0) }
    removed = before.plugins.filter { !after.plugins.contains($0) }
    let rules = HabitRules(catalog: catalog)
    var changes: [SettingChange] = []
    let habitPlugins = catalog.plugins.values.filter { $0.isHabit }.map(\.name).sorted()
    for plugin in habitPlugins {
      let a = rules.effective(plugin, before)
      let b = rules.effective(plugin, after)
      let order = catalog.plugins[plugin]!.settingsSchema!.map(\.name)
      for key in order where a[key] != b[key] {
        if case .map(let oldMap)? = a[key], case .map(let newMap)? = b[key] {
          // Key maps (restricted_keys…): entry by entry.
          for entry in Set(oldMap.keys).union(newMap.keys).sorted() where oldMap[entry] != newMap[entry] {
            changes.append(
              SettingChange(
                key: "\(plugin).\(key).\(entry)", old: LevelDiff.show(oldMap[entry]), new: LevelDiff.show(newMap[entry])))
          }
        } else {
          changes.append(SettingChange(key: "\(plugin).\(key)", old: LevelDiff.show(a[key]), new: LevelDiff.show(b[key])))
        }
      }
    }
    settings = changes
    let oldRules = Set(rules.sentences(before))
    newRules = rules.sentences(after).filter { !oldRules.contains($0) }
  }

  /// A key map entry with no modes is off in hardtime; show it as such.
  static func show(_ value: ConfigValue?) -> String {
    switch value {
    case nil: return "(unset)"
    case .list(let items)? where items.isEmpty: return "off"
    default: return value!.display
    }
  }
}
