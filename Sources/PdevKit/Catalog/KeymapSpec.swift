import PdevCore

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
