import PdevCore

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
  /// Takes part in home-manager's shared MCP server list (`programs.mcp`): its servers are
  /// the option `mcpServersOption`.
  public let mcp: Bool
  public static let mcpServersOption = "mcp-servers"
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
