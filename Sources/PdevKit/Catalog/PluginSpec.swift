import PdevCore

/// A Neovim plugin of the catalog, configured through nixvim.
public struct PluginSpec: Sendable {
  public var name: String
  public var description: String
  public var purpose: String
  /// The nixvim option path, e.g. `plugins.telescope`.
  public var nixvim: String
  public var requires: [String]
  public var tools: [String]
  public var provides: String?
  public var settings: ConfigValue?
  /// The Lua module whose `setup()` receives `settings`, for a plugin whose nixvim module hands
  /// them to another plugin (treesitter-textobjects on nvim-treesitter's main branch).
  public var setupModule: String?
  /// Other options of the plugin's module, by dotted path relative to `nixvim`.
  public var extra: [(path: String, value: ConfigValue)]
  public var keymaps: [KeymapSpec]
  /// The setting that receives the catalog's keymap groups, as `{ PREFIX, group = NAME }`
  /// entries (which-key's `spec`).
  public var groupsSetting: String? = nil
  /// A habit plugin's settings, which come from the progression and are checked against this.
  public var settingsSchema: [FieldSpec]?
  /// What a habit plugin does at a level, in sentences for the learning plan.
  public var habitNotes: [HabitNote] = []
  public var location: SourceLocation

  /// A habit plugin (`habit: true`): the progression sets it, level by level.
  public var isHabit: Bool { settingsSchema != nil }
}

/// A sentence of the learning plan about a habit plugin, shown at the levels where the
/// plugin's effective settings match `when` and do not match `unless`.
public struct HabitNote: Sendable {
  public var text: String
  public var when: [String: ConfigValue]
  public var unless: [String: ConfigValue]

  public func applies(to settings: [String: ConfigValue]) -> Bool {
    when.allSatisfy { settings[$0.key] == $0.value } && (unless.isEmpty || !unless.allSatisfy { settings[$0.key] == $0.value })
  }
}
