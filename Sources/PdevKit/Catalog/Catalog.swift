import PdevCore

/// Everything pdev knows how to install and configure, loaded from catalog YAML files.
public struct Catalog: Sendable {
  public var tools: [String: ToolSpec] = [:]
  public var plugins: [String: PluginSpec] = [:]
  public var colorschemes: [String: ColorschemeSpec] = [:]
  public var themes: [String: ThemeSpec] = [:]
  /// Theme names in catalog order: a colorscheme's first theme is the one it stands for.
  public var themeOrder: [String] = []
  /// What a theme sets in each application, by tool name.
  public var themeApps: [String: ThemeAppSpec] = [:]
  public var languages: [String: LanguageSpec] = [:]
  public var structs: [String: StructType] = [:]
  public var keymapGroups: [KeymapGroup] = []
  public var core = NeovimCore()

  public init() {}

  /// The theme a configuration gets when it names none.
  public static let defaultTheme = "catppuccin-mocha"

  /// The theme that stands for a Neovim colorscheme chosen on its own: its first in the catalog.
  public func theme(forColorscheme name: String) -> ThemeSpec? {
    themeOrder.lazy.compactMap { themes[$0] }.first { $0.colorscheme.name == name }
  }

  /// The group a key sequence belongs to: the longest matching prefix.
  public func group(of key: String) -> KeymapGroup? {
    keymapGroups.filter { key.hasPrefix($0.prefix) && key != $0.prefix }.max { $0.prefix.count < $1.prefix.count }
  }
}
