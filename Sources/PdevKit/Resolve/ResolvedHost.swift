import PdevCore

/// A host with everything decided: which tools and plugins, with which values, and why.
public struct ResolvedHost: Sendable {
  public var config: HostConfig
  public var tools: [ResolvedTool]
  /// Tools left out on this host, with the reason.
  public var notes: [HostNote]
  public var packages: [String]
  public var neovim: ResolvedNeovim?
  /// The theme of the terminal stack, and the one for a light terminal when there are two.
  public var theme: ThemeSpec?
  public var lightTheme: ThemeSpec?

  public var name: String { config.name }
  public var system: System { config.system }

  public func tool(_ name: String) -> ResolvedTool? { tools.first { $0.spec.name == name } }

  /// nixpkgs names of the unfree packages this host installs.
  public var unfreePackages: [String] { tools.filter(\.spec.unfree).compactMap(\.package).sorted() }
}

public struct ResolvedTool: Sendable {
  public var spec: ToolSpec
  /// The tool's option values, defaults filled in.
  public var values: [String: ConfigValue]
  /// The nixpkgs attribute for this host's platform; nil when the tool only renders settings.
  public var package: String?
  /// Why it is here when the configuration did not ask for it.
  public var addedBecause: String?
}

public struct ResolvedNeovim: Sendable {
  public var colorscheme: ColorschemeSpec?
  public var plugins: [ResolvedPlugin]
  public var languages: [LanguageSpec]
  public var opts: [String: ConfigValue]
  public var globals: [String: ConfigValue]
  public var clipboard: NeovimSettings.Clipboard
  public var keymaps: [KeymapSpec]
  public var lspKeymaps: [KeymapSpec]
  public var groups: [KeymapGroup]
  public var level: Int
  public var levelSettings: LevelSettings

  public func plugin(_ name: String) -> ResolvedPlugin? { plugins.first { $0.spec.name == name } }
}

public struct ResolvedPlugin: Sendable {
  public enum Origin: Sendable, Equatable {
    case profile
    case level(Int)
    case dependency(String)
  }

  public var spec: PluginSpec
  public var settings: ConfigValue?
  public var origin: Origin
}
