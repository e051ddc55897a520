import PdevCore

/// A theme of the catalog: one name for the colours of the whole terminal stack.
public struct ThemeSpec: Sendable {
  public enum Appearance: String, Sendable { case dark, light }

  public var name: String
  public var appearance: Appearance
  /// The Neovim colorscheme and its settings for this theme.
  public var colorscheme: ColorschemeSpec
  /// The application's own name for this theme, by catalog tool, where it ships one.
  public var builtin: [String: String]
  /// Colours by role (bg, surface, overlay, fg, red, …), for applications without it built in.
  public var palette: [String: String]
  public var location: SourceLocation

  /// The words a fragment's `{{…}}` may name for this theme.
  var words: [String: String] {
    var words = palette
    words["name"] = name
    words["appearance"] = appearance.rawValue
    return words
  }
}

/// What a theme sets in one application: tool settings with `{{…}}` words (`theme-apps`).
public struct ThemeAppSpec: Sendable {
  public var tool: String
  /// For a theme the application ships; `{{builtin}}` is its name there.
  public var builtin: ConfigValue?
  /// For a theme it does not ship, from the palette.
  public var palette: ConfigValue?
  /// For `{ dark, light }` when the application ships both and switches by itself.
  public var pair: ConfigValue?
  public var location: SourceLocation
}

/// The roles every palette gives a colour to; fragments may name these and nothing else.
public enum ThemePalette {
  public static let roles = ["bg", "surface", "overlay", "fg", "red", "green", "yellow", "blue", "magenta", "cyan", "orange"]
}
