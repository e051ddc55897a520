/// Every key of pdev.yaml schema v1: what the loader accepts where, what composes through
/// profiles and hosts, `pdev explain KEY`, and the configuration reference.
public enum ConfigSchema {
  /// The files a top-level key may be written in.
  public struct Scope: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let user = Scope(rawValue: 1)
    public static let profile = Scope(rawValue: 2)
  }

  public struct Key: Sendable {
    public var path: String
    public var type: String
    public var defaultValue: String
    public var description: String
    public var example: String
    /// For a top-level key: pdev.yaml, profiles, or both. (Keys of a host are `hosts.NAME.*`.)
    public var scope: Scope = .user
    /// Settings that compose: profiles, then pdev.yaml, then a host's entry, each over the
    /// last. The others are pdev.yaml's alone.
    public var composes = false
  }

  public static let keys: [Key] = [
    Key(
      path: "version", type: "int", defaultValue: "(required)", description: "Schema version of the file. This pdev reads version 1.",
      example: "version: 1", scope: [.user, .profile]),
    Key(
      path: "extends", type: "string", defaultValue: "(none)",
      description:
        "The profile this file builds on: a bundled or user profile name (laptop, dev-only, server, base), or a path relative to this file.",
      example: "extends: laptop", scope: [.user, .profile]),
    Key(
      path: "description", type: "string", defaultValue: "(none)",
      description: "What a profile is for (profiles only); `pdev list profiles` shows it.", example: "description: Machines at work",
      scope: [.user, .profile]),
    Key(
      path: "user", type: "map", defaultValue: "{}", description: "Who you are: name, email and login name (below).",
      example: "user: { name: Ada Lovelace, email: ada@example.org }"),
    Key(
      path: "user.name", type: "string", defaultValue: "(none)", description: "Your name, used for git's user.name.",
      example: "name: Ada Lovelace"),
    Key(
      path: "user.email", type: "string", defaultValue: "(none)", description: "Your email, used for git's user.email.",
      example: "email: ada@example.org"),
    Key(
      path: "user.username", type: "string", defaultValue: "$USER",
      description: "Your login name: home.username, and the user in homeConfigurations.\"user@host\".", example: "username: ada"),
    Key(
      path: "hosts", type: "map of hosts", defaultValue: "(required)",
      description:
        "One entry per machine; each becomes homeConfigurations.\"user@host\" in flake.nix. The first host is the one docs and the plain home.nix describe.",
      example: "hosts: { zephyrus: { system: x86_64-linux } }"),
    Key(
      path: "hosts.NAME.system", type: "enum", defaultValue: "(required)",
      description:
        "x86_64-linux, aarch64-linux or aarch64-darwin; x86_64-darwin only with channel: nixos-26.05 (nixpkgs 26.11 dropped it).",
      example: "system: aarch64-darwin"),
    Key(
      path: "hosts.NAME.nixos", type: "bool", defaultValue: "true",
      description:
        "Whether this Linux host runs NixOS. `false` (another distribution) turns on home-manager's targets.genericLinux, and its GPU integration when a GUI application such as Ghostty is installed. `pdev init` detects it from /etc/os-release.",
      example: "nixos: false"),
    Key(
      path: "hosts.NAME.extends", type: "string", defaultValue: "the top-level extends", description: "A different profile for this host.",
      example: "extends: server"),
    Key(
      path: "hosts.NAME.user.username", type: "string", defaultValue: "user.username", description: "A different login name on this host.",
      example: "user: { username: admin }"),
    Key(
      path: "hosts.NAME.tools", type: "map", defaultValue: "{}", description: "Tool settings for this host only, layered last.",
      example: "tools: { ghostty: false }"),
    Key(
      path: "hosts.NAME.packages", type: "list of strings", defaultValue: "(inherited)",
      description: "Replaces the package list for this host.", example: "packages: [htop]"),
    Key(
      path: "hosts.NAME.theme", type: "string or { dark, light }", defaultValue: "theme",
      description: "A different theme for this host.", example: "theme: catppuccin-latte"),
    Key(
      path: "hosts.NAME.neovim", type: "map", defaultValue: "{}",
      description: "Neovim settings for this host only (not level or progression).", example: "neovim: { languages: [nix] }"),
    Key(
      path: "tools", type: "map of tools", defaultValue: "{}",
      description:
        "Tools by catalog name. `true` enables, `false` disables, a mapping sets options (and enables); `null` removes an entry. `pdev explain TOOL` lists a tool's options.",
      example: "tools: { ripgrep: true, ghostty: false, git: { aliases: { co: checkout } } }", scope: [.user, .profile], composes: true),
    Key(
      path: "tools.NAME.enable", type: "bool", defaultValue: "true when the tool is named",
      description: "Turns the tool on or off while keeping its settings for later layers.", example: "fish: { enable: false }"),
    Key(
      path: "packages", type: "list of strings", defaultValue: "[]",
      description: "Extra nixpkgs attributes outside the catalog, added to home.packages.",
      example: "packages: [tealdeer, python3Packages.black]", scope: [.user, .profile], composes: true),
    Key(
      path: "output", type: "path", defaultValue: "~/.config/home-manager",
      description: "Where `pdev generate` renders. Relative paths are relative to pdev.yaml. `--out` overrides it.",
      example: "output: ~/dotfiles/home"),
    Key(
      path: "state-version", type: "string", defaultValue: "(required; init writes it)",
      description: "home.stateVersion: the home-manager release you first installed. Set once, never changed by pdev.",
      example: "state-version: \"26.05\""),
    Key(
      path: "channel", type: "enum", defaultValue: "nixos-unstable",
      description: "The nixpkgs branch of the flake: nixos-unstable or nixos-26.05. home-manager and nixvim follow the matching branch.",
      example: "channel: nixos-26.05"),
    Key(
      path: "ci", type: "string or map", defaultValue: "(none)",
      description:
        "Render a CI workflow that builds every host on a runner of its system: `github` writes .github/workflows/home.yml into the output.",
      example: "ci: github"),
    Key(
      path: "ci.provider", type: "enum", defaultValue: "(required in the map form)", description: "github.",
      example: "ci: { provider: github }"),
    Key(
      path: "ci.cache.cachix", type: "string", defaultValue: "(none)",
      description: "A cachix cache CI pushes every build to; its token is the repository secret CACHIX_AUTH_TOKEN.",
      example: "ci: { provider: github, cache: { cachix: ada-home } }"),
    Key(
      path: "ci.cache.attic", type: "string", defaultValue: "(none)",
      description: "An attic server CI pushes to, with `name` for the cache on it; its token is the repository secret ATTIC_TOKEN.",
      example: "cache: { attic: https://attic.example.org, name: home }"),
    Key(
      path: "ci.cache.name", type: "string", defaultValue: "(required with attic)", description: "The cache on the attic server.",
      example: "name: home"),
    Key(
      path: "generations", type: "int", defaultValue: String(PdevConfig.defaultGenerations),
      description: "How many generations of the output pdev keeps for `pdev rollback`.", example: "generations: 20"),
    Key(
      path: "neovim", type: "map", defaultValue: "(profile)",
      description: "Neovim through nixvim: the keys below; in a profile or a host too (except level and progression).",
      example: "neovim: { languages: [nix, rust] }", scope: [.user, .profile], composes: true),
    Key(
      path: "neovim.enable", type: "bool", defaultValue: "true when neovim is set",
      description: "Whether to configure Neovim through nixvim.", example: "enable: true"),
    Key(
      path: "theme", type: "string or { dark, light }", defaultValue: Catalog.defaultTheme,
      description:
        "One theme for Ghostty, Zellij, Neovim, bat, delta, fzf, btop, lazygit and the prompt (`pdev list themes`); in a profile or a host too. `{ dark: A, light: B }` lets Ghostty and Zellij follow the system's appearance; the others use the dark one. Without it, a neovim.colorscheme brings its own theme.",
      example: "theme: tokyonight-night", scope: [.user, .profile], composes: true),
    Key(
      path: "neovim.colorscheme", type: "string", defaultValue: "the theme's",
      description:
        "A colorscheme of the catalog (`pdev list plugins` lists them at the end), when Neovim should differ from `theme`.",
      example: "colorscheme: tokyonight"),
    Key(
      path: "neovim.progression", type: "string", defaultValue: "default",
      description: "The habit progression: a bundled name or a path to your own file (relative to pdev.yaml).",
      example: "progression: ./my-progression.yaml"),
    Key(
      path: "neovim.level", type: "int", defaultValue: "(from the state)",
      description: "Pins the level, overriding the one `pdev level-up` keeps in the state.", example: "level: 3"),
    Key(
      path: "neovim.plugins", type: "map of plugins", defaultValue: "(profile and level)",
      description: "Plugins on (`true`) or off (`false`), or `{ settings: … }` merged over the catalog's. Off wins over the progression.",
      example: "plugins: { fzf-lua: true, telescope: false }"),
    Key(
      path: "neovim.languages", type: "list of strings", defaultValue: "(profile)",
      description: "Languages whose LSP servers to enable: nix, lua, python, typescript, rust, go, bash, markdown.",
      example: "languages: [nix, rust]"),
    Key(
      path: "neovim.clipboard", type: "enum", defaultValue: "system",
      description: "`system` shares the system clipboard (unnamedplus); `none` keeps Neovim's registers apart.", example: "clipboard: none"),
    Key(
      path: "neovim.options", type: "map", defaultValue: "{}", description: "Vim options (nixvim opts) over pdev's defaults.",
      example: "options: { relativenumber: false, shiftwidth: 4 }"),
  ]

  /// Top-level keys of pdev.yaml.
  static let userKeys = keys.filter { !$0.path.contains(".") && $0.scope.contains(.user) }.map(\.path)
  /// Top-level keys of a profile.
  static let profileKeys = keys.filter { !$0.path.contains(".") && $0.scope.contains(.profile) }.map(\.path)
  /// Top-level keys that compose (the rest are global settings of pdev.yaml).
  static let composedKeys = Set(keys.filter { !$0.path.contains(".") && $0.composes }.map(\.path))
  /// Keys of a host entry, of `neovim:` and of `user:`.
  static let hostKeys = children(of: "hosts.NAME")
  static let neovimKeys = children(of: "neovim")
  static let userInfoKeys = children(of: "user")

  /// The first segment after `prefix.` of every key under it, in table order, once each.
  private static func children(of prefix: String) -> [String] {
    var names: [String] = []
    for key in keys where key.path.hasPrefix(prefix + ".") {
      let name = String(key.path.dropFirst(prefix.count + 1).split(separator: ".")[0])
      if !names.contains(name) { names.append(name) }
    }
    return names
  }

  public static func key(_ path: String) -> Key? {
    keys.first { $0.path == path } ?? keys.first { $0.path == "hosts.NAME." + path }
  }
}
