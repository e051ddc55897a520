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

public enum ToolGroup: String, Sendable, CaseIterable {
  case shell, terminal, cli, git, ai
}

/// A tool of the catalog.
/// Catalog entries are shared by reference: every host that uses a tool points at one.
public final class ToolSpec: Sendable {
  public let name: String
  public let description: String
  public let homepage: String?
  public let group: ToolGroup
  /// nil for an entry that only renders configuration (pdev's own completions).
  public let packages: PackageChoice?
  /// The home-manager module path, e.g. `programs.fish`.
  public let module: String?
  public let platforms: PlatformSet
  public let requires: [String]
  public let unfree: Bool
  public let gui: Bool
  /// Takes part in home-manager's shared MCP server list (`programs.mcp`).
  public let mcp: Bool
  /// An AI CLI's command line facts, for the shell integration and the sandbox.
  public let agent: AgentSpec?
  /// Keys it brings to the terminal, for the cheatsheet and the learning plan.
  public let keys: [TerminalKey]
  public let options: [FieldSpec]
  public let checks: [String: CodeCheck]
  /// The render fragment: home-manager option paths with `{{key}}` placeholders.
  public let render: YAMLNode?
  /// Options for hosts of one platform, set plainly: they correct upstream defaults.
  public let renderLinux: YAMLNode?
  public let renderDarwin: YAMLNode?
  public let location: SourceLocation

  public init(
    name: String,
    description: String,
    homepage: String?,
    group: ToolGroup,
    packages: PackageChoice?,
    module: String?,
    platforms: PlatformSet,
    requires: [String],
    unfree: Bool,
    gui: Bool,
    mcp: Bool,
    agent: AgentSpec? = nil,
    keys: [TerminalKey] = [],
    options: [FieldSpec],
    checks: [String: CodeCheck],
    render: YAMLNode?,
    renderLinux: YAMLNode?,
    renderDarwin: YAMLNode?,
    location: SourceLocation
  ) {
    self.name = name
    self.description = description
    self.homepage = homepage
    self.group = group
    self.packages = packages
    self.module = module
    self.platforms = platforms
    self.requires = requires
    self.unfree = unfree
    self.gui = gui
    self.mcp = mcp
    self.agent = agent
    self.keys = keys
    self.options = options
    self.checks = checks
    self.render = render
    self.renderLinux = renderLinux
    self.renderDarwin = renderDarwin
    self.location = location
  }

  public func option(_ name: String) -> FieldSpec? { options.first { $0.name == name } }
}

/// Code that tests run through an external checker.
public enum CodeCheck: String, Sendable {
  case fish
  case fishFunction = "fish-function"
}

/// The nixpkgs attribute per platform.
public struct PackageChoice: Sendable, Equatable {
  public var standard: String
  public var linux: String?
  public var darwin: String?

  public func attribute(for system: System) -> String {
    (system.isDarwin ? darwin : linux) ?? standard
  }

  public var all: [String] { Array(Set([standard] + [linux, darwin].compactMap { $0 })).sorted() }
}

/// The four systems homeConfigurations are built for.
public enum System: String, Sendable, CaseIterable, Comparable {
  case x86_64Linux = "x86_64-linux"
  case aarch64Linux = "aarch64-linux"
  case x86_64Darwin = "x86_64-darwin"
  case aarch64Darwin = "aarch64-darwin"

  public var isDarwin: Bool { self == .x86_64Darwin || self == .aarch64Darwin }

  public static func < (a: System, b: System) -> Bool { a.rawValue < b.rawValue }
}

/// Where a tool can be installed.
public struct PlatformSet: Sendable, Equatable {
  public var systems: Set<System>

  public static let all = PlatformSet(systems: Set(System.allCases))

  public func contains(_ system: System) -> Bool { systems.contains(system) }

  public var description: String {
    if systems == PlatformSet.all.systems { return "all" }
    let linux: Set<System> = [.x86_64Linux, .aarch64Linux]
    let darwin: Set<System> = [.x86_64Darwin, .aarch64Darwin]
    if systems == linux { return "linux" }
    if systems == darwin { return "darwin" }
    return systems.sorted().map(\.rawValue).joined(separator: ", ")
  }
}

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
  /// A habit plugin: its settings come from the progression and are checked against this.
  public var settingsSchema: [FieldSpec]?
  public var location: SourceLocation
}

public struct ColorschemeSpec: Sendable {
  public var name: String
  public var settings: ConfigValue?
}

public struct LanguageSpec: Sendable {
  public var name: String
  public var description: String
  public var servers: [String]
}

/// A keymap the generated config defines.
public struct KeymapSpec: Sendable, Equatable {
  public enum Action: Sendable, Equatable {
    /// A command or key sequence, e.g. `<cmd>Oil<cr>`.
    case command(String)
    /// A Lua function, e.g. `function() require('flash').jump() end`.
    case lua(String)
    /// `vim.lsp.buf.<name>` through nixvim's `lsp.keymaps.*.lspBufAction`.
    case lsp(String)
  }

  public var key: String
  public var modes: [String]
  public var action: Action
  public var description: String
  /// Who defines it: `core`, `lsp`, or a plugin name.
  public var owner: String
}

public struct KeymapGroup: Sendable, Equatable {
  public var prefix: String
  public var name: String
}

/// Options, globals and keymaps every generated Neovim gets.
public struct NeovimCore: Sendable {
  public var opts: [String: ConfigValue] = [:]
  public var globals: [String: ConfigValue] = [:]
  public var keymaps: [KeymapSpec] = []
  public var lspKeymaps: [KeymapSpec] = []
}
