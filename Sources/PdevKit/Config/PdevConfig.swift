import PdevCore

/// The validated configuration: global settings plus one composed entry per host.
public struct PdevConfig: Sendable {
  public var file: String
  public var version: Int
  public var profile: String?
  public var user: UserInfo
  public var hosts: [HostConfig]
  public var output: String?
  public var stateVersion: String?
  public var stateVersionLocation: SourceLocation?
  public var channel: Channel
  /// A CI workflow that builds every host, when asked for (`ci:`).
  public var ci: CISettings?
  /// How many generations of the output to keep.
  public var generations: Int
  /// The number of generations kept when pdev.yaml does not say (`generations:`).
  public static let defaultGenerations = 10
  public var progression: String
  public var progressionLocation: SourceLocation?
  public var levelPin: Int?
  public var levelPinLocation: SourceLocation?

  /// The first host listed: the one docs and the plain-module form describe.
  public var primaryHost: HostConfig { hosts[0] }

  public func host(named name: String) -> HostConfig? { hosts.first { $0.name == name } }
}

public struct UserInfo: Sendable, Equatable {
  public var name: String?
  public var email: String?
  public var username: String
}

/// The CI workflow pdev renders for the output's repository.
public struct CISettings: Sendable, Equatable {
  public enum Provider: String, Sendable, CaseIterable { case github }
  /// A binary cache CI pushes to and every host can pull from.
  public enum Cache: Sendable, Equatable {
    case cachix(name: String)
    /// An attic server's URL and the cache on it.
    case attic(url: String, name: String)
  }

  public var provider: Provider
  public var cache: Cache?

  public init(provider: Provider, cache: Cache? = nil) {
    self.provider = provider
    self.cache = cache
  }
}

/// The nixpkgs branch the flake follows; home-manager and nixvim follow the matching branch.
public enum Channel: String, Sendable, CaseIterable {
  case unstable = "nixos-unstable"
  case stable = "nixos-26.05"

  public var nixpkgsURL: String { "github:NixOS/nixpkgs/\(rawValue)" }
  public var homeManagerURL: String {
    self == .unstable ? "github:nix-community/home-manager" : "github:nix-community/home-manager/release-26.05"
  }
  public var nixvimURL: String {
    self == .unstable ? "github:nix-community/nixvim" : "github:nix-community/nixvim/nixos-26.05"
  }

  /// Whether this branch's nixpkgs builds for `system`: nixpkgs 26.11 (today's unstable)
  /// dropped x86_64-darwin.
  public func builds(_ system: System) -> Bool { system != .x86_64Darwin || self == .stable }
}

/// One machine, with its profile chain, pdev.yaml and host entry composed.
public struct HostConfig: Sendable {
  public var name: String
  public var system: System
  public var username: String
  /// False for a Linux host that runs another distribution (home-manager's genericLinux target).
  public var nixos: Bool
  public var profile: String?
  public var tools: ToolSettings
  public var packages: [String]
  public var neovim: NeovimSettings
  /// The theme this host's configuration names, if any (the catalog's default otherwise).
  public var theme: ThemeChoice?
  public var location: SourceLocation
  /// The settings every host starts from, and this host's own entry on top.
  var sharedTree: YAMLNode
  var ownTree: YAMLNode?

  /// The composed settings with each value's origin, for `pdev explain`; composed on demand.
  public var tree: YAMLNode { ownTree.map { Composer.merge(sharedTree, $0) } ?? sharedTree }

  /// The composed value at `path` (`["tools", "fish"]`), as `tree` would hold it, composing
  /// only along the path: a fleet's hosts do not each compose every tool to read one.
  public func tree(at path: [String]) -> YAMLNode? {
    HostConfig.composed(sharedTree, ownTree, path[...])
  }

  private static func composed(_ base: YAMLNode?, _ overlay: YAMLNode?, _ path: ArraySlice<String>) -> YAMLNode? {
    guard let overlay else { return base.flatMap { walk($0, path) } }
    guard let base else { return walk(Composer.removingNulls(overlay), path) }
    guard let key = path.first, base.pairs != nil, overlay.pairs != nil else { return walk(Composer.merge(base, overlay), path) }
    let next = overlay[key]
    if next?.scalarValue == .null { return nil }
    return composed(base[key], next, path.dropFirst())
  }

  private static func walk(_ node: YAMLNode, _ path: ArraySlice<String>) -> YAMLNode? {
    var current: YAMLNode? = node
    for key in path { current = current?[key] }
    return current
  }
}

/// A host's tools by name: the settings its fleet shares, and what this host changes. Hosts
/// share the first; each keeps only the second, so a fleet costs what its hosts differ by.
public struct ToolSettings: Sendable, Sequence {
  private var shared: [String: ToolSetting]
  /// This host's changes; a nil setting removes a shared one.
  private var own: [String: ToolSetting?] = [:]

  public init(_ shared: [String: ToolSetting]) { self.shared = shared }

  public subscript(name: String) -> ToolSetting? {
    get { own[name] ?? shared[name] }
    set { own[name] = .some(newValue) }
  }

  public struct Iterator: IteratorProtocol {
    fileprivate var shared: Dictionary<String, ToolSetting>.Iterator
    fileprivate var own: Dictionary<String, ToolSetting?>.Iterator
    fileprivate let changed: [String: ToolSetting?]

    public mutating func next() -> (key: String, value: ToolSetting)? {
      while let entry = shared.next() {
        if changed[entry.key] == nil { return entry }
      }
      while let entry = own.next() {
        if let setting = entry.value { return (entry.key, setting) }
      }
      return nil
    }
  }

  public func makeIterator() -> Iterator {
    Iterator(shared: shared.makeIterator(), own: own.makeIterator(), changed: own)
  }
}

/// A tool as the configuration mentions it.
public struct ToolSetting: Sendable {
  public var enabled: Bool
  public var values: [String: ConfigValue]
  /// Where the tool is named (the last layer that named it).
  public var location: SourceLocation
  /// Where `enable`/`true`/`false` was given.
  public var enableLocation: SourceLocation
  /// Settings without an `enable`: the host's profile leaves the tool off, and settings from
  /// the top level of pdev.yaml configure it without turning it on.
  public var configuredOnly = false

  /// Turned off on purpose (`false`, `enable: false`), not merely left off.
  public var isTurnedOff: Bool { !enabled && !configuredOnly }
}

public struct NeovimSettings: Sendable {
  public var enable: Bool
  public var colorscheme: String?
  public var clipboard: Clipboard
  public var languages: [String]
  public var plugins: [String: PluginSetting]
  public var options: [String: ConfigValue]

  public enum Clipboard: String, Sendable { case system, none }
}

public struct PluginSetting: Sendable {
  public var enabled: Bool
  public var settings: ConfigValue?
  public var location: SourceLocation
  /// Settings without an `enable`, from the top level for a host on another profile.
  public var configuredOnly = false

  /// Turned off on purpose, so neither a level nor a dependency brings it.
  public var isTurnedOff: Bool { !enabled && !configuredOnly }
}
