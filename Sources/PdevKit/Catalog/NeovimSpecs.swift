import PdevCore

public struct ColorschemeSpec: Sendable {
  public var name: String
  public var settings: ConfigValue?
}

public struct LanguageSpec: Sendable {
  public var name: String
  public var description: String
  public var servers: [String]
}

/// Options, globals and keymaps every generated Neovim gets.
public struct NeovimCore: Sendable {
  public var opts: [String: ConfigValue] = [:]
  public var globals: [String: ConfigValue] = [:]
  public var keymaps: [KeymapSpec] = []
  public var lspKeymaps: [KeymapSpec] = []
}
