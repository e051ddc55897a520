import PdevCore

/// `theme:` in pdev.yaml, a profile or a host: one catalog theme, or one for a dark and one
/// for a light terminal.
public struct ThemeChoice: Sendable, Equatable {
  public var dark: String
  /// The theme for a light terminal, where the application can switch by itself.
  public var light: String?
  public var location: SourceLocation

  public init(dark: String, light: String? = nil, location: SourceLocation) {
    self.dark = dark
    self.light = light
    self.location = location
  }
}
