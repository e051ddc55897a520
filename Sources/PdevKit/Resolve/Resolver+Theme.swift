import PdevCore

/// The theme of a host, and what it sets in each application.
struct HostTheme: Sendable {
  var dark: ThemeSpec
  /// The theme for a light terminal, for applications that switch by themselves.
  var light: ThemeSpec?
}

extension Resolver {
  /// What the host's configuration names; else the theme its Neovim colorscheme stands for;
  /// else the catalog's default.
  func theme(for host: HostConfig) -> HostTheme? {
    if let choice = host.theme, let dark = catalog.themes[choice.dark] {
      return HostTheme(dark: dark, light: choice.light.flatMap { catalog.themes[$0] })
    }
    if let name = host.neovim.colorscheme, let theme = catalog.theme(forColorscheme: name) { return HostTheme(dark: theme) }
    return catalog.themes[Catalog.defaultTheme].map { HostTheme(dark: $0) }
  }

  /// The settings `theme` gives `tool`, beneath what the configuration sets itself.
  func themed(
    _ values: [String: ConfigValue], tool: String, theme: HostTheme?, memo: inout DefaultsMemo
  ) -> [String: ConfigValue] {
    guard let theme, catalog.themeApps[tool] != nil else { return values }
    let key = [tool, theme.dark.name, theme.light?.name ?? ""].joined(separator: "\u{0}")
    if let known = memo.themed[key], known.given == values { return known.result }
    let result = themed(values, tool: tool, theme: theme)
    memo.themed[key] = (values, result)
    return result
  }

  private func themed(_ values: [String: ConfigValue], tool: String, theme: HostTheme) -> [String: ConfigValue] {
    guard let app = catalog.themeApps[tool] else { return values }
    var unknown = Set<String>()
    let fragment: ConfigValue?
    if let light = theme.light, let pair = app.pair, let dark = theme.dark.builtin[tool], let bright = light.builtin[tool] {
      fragment = pair.filling(["dark": dark, "light": bright], unknown: &unknown)
    } else if let name = theme.dark.builtin[tool], let builtin = app.builtin {
      var words = theme.dark.words
      words["builtin"] = name
      fragment = builtin.filling(words, unknown: &unknown)
    } else {
      fragment = app.palette?.filling(theme.dark.words, unknown: &unknown)
    }
    guard let fragment else { return values }
    return fragment.merged(with: .map(values)).mapValue ?? values
  }

  /// The Neovim colorscheme: the one the configuration names, with the theme's settings when
  /// it is the theme's own; else the theme's.
  func colorscheme(_ settings: NeovimSettings, theme: HostTheme?) -> ColorschemeSpec? {
    let themed = theme?.dark.colorscheme
    guard let name = settings.colorscheme ?? themed?.name, var scheme = catalog.colorschemes[name] else { return nil }
    if let themed, themed.name == name, let own = themed.settings {
      scheme.settings = (scheme.settings ?? .map([:])).merged(with: own)
    }
    return scheme
  }
}
