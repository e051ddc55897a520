import PdevCore

extension CatalogLoader {
  /// `theme-apps:` and `themes:` of a catalog file.
  func readThemes(_ root: YAMLNode, into catalog: inout Catalog, reader: NodeReader) {
    for pair in root["theme-apps"].flatMap({ reader.pairs($0, "theme-apps") }) ?? [] {
      let what = "theme-apps.\(pair.name)"
      guard reader.pairs(pair.value, what) != nil else { continue }
      reader.checkKeys(pair.value, allowed: ["builtin", "palette", "pair"], in: what)
      func fragment(_ key: String) -> ConfigValue? { pair.value[key].flatMap { reader.value($0, .map(.attrs)) } }
      catalog.themeApps[pair.name] = ThemeAppSpec(
        tool: pair.name, builtin: fragment("builtin"), palette: fragment("palette"), pair: fragment("pair"),
        location: pair.key.location)
    }
    for pair in root["themes"].flatMap({ reader.pairs($0, "themes") }) ?? [] {
      let what = "theme '\(pair.name)'"
      guard checkName(pair, kind: "theme", reader: reader), reader.pairs(pair.value, what) != nil else { continue }
      let node = pair.value
      reader.checkKeys(node, allowed: ["appearance", "neovim", "builtin", "palette"], in: what)
      var appearance = ThemeSpec.Appearance.dark
      if let a = reader.require(node, "appearance", in: what), let text = reader.string(a) {
        if let value = ThemeSpec.Appearance(rawValue: text) {
          appearance = value
        } else {
          reader.error(.catalog, "appearance is dark or light", at: a)
        }
      }
      var colorscheme = ColorschemeSpec(name: "", settings: nil)
      if let n = reader.require(node, "neovim", in: what), reader.pairs(n, "\(what) neovim") != nil {
        reader.checkKeys(n, allowed: ["colorscheme", "settings"], in: "\(what) neovim")
        colorscheme.name = reader.string(reader.require(n, "colorscheme", in: "\(what) neovim")) ?? ""
        colorscheme.settings = n["settings"].flatMap { reader.value($0, .attrs) }
      }
      var palette: [String: String] = [:]
      if let p = reader.require(node, "palette", in: what), let pairs = reader.pairs(p, "\(what) palette") {
        for color in pairs {
          guard let value = reader.string(color.value) else { continue }
          if !ThemePalette.roles.contains(color.name) {
            reader.error(
              .catalog,
              "'\(color.name)' is not a palette role", at: color.key,
              help: EditDistance.didYouMean(color.name, in: ThemePalette.roles) ?? "roles: " + ThemePalette.roles.joined(separator: ", "))
          } else if !isHexColor(value) {
            reader.error(.catalog, "'\(value)' is not a colour such as \"#1e1e2e\"", at: color.value)
          }
          palette[color.name] = value
        }
        let missing = ThemePalette.roles.filter { palette[$0] == nil }
        if !missing.isEmpty { reader.error(.catalog, "\(what) has no colour for \(missing.joined(separator: ", "))", at: p) }
      }
      var builtin: [String: String] = [:]
      for app in node["builtin"].flatMap({ reader.pairs($0, "\(what) builtin") }) ?? [] {
        if let name = reader.line(app.value) { builtin[app.name] = name }
      }
      if catalog.themes[pair.name] == nil { catalog.themeOrder.append(pair.name) }
      catalog.themes[pair.name] = ThemeSpec(
        name: pair.name, appearance: appearance, colorscheme: colorscheme, builtin: builtin, palette: palette,
        location: pair.key.location)
    }
  }

  /// Every theme names a known colorscheme and applications that take themes; every fragment
  /// names options of its tool and only words a theme has.
  func checkThemes(_ catalog: Catalog, reader: NodeReader) {
    for app in catalog.themeApps.values.sorted(by: { $0.tool < $1.tool }) {
      guard let tool = catalog.tools[app.tool] else {
        reader.diagnostics.error(
          .catalog,
          "theme-apps names unknown tool '\(app.tool)'", at: app.location, help: EditDistance.didYouMean(app.tool, in: catalog.tools.keys))
        continue
      }
      for fragment in [app.builtin, app.palette, app.pair].compactMap(\.self) {
        for option in fragment.mapValue?.keys.sorted() ?? [] where tool.option(option) == nil {
          reader.diagnostics.error(
            .catalog, "theme-apps.\(app.tool) sets '\(option)', which is not an option of \(app.tool)", at: app.location)
        }
      }
      var words = Dictionary(uniqueKeysWithValues: ThemePalette.roles.map { ($0, "") })
      for word in ["name", "appearance", "builtin", "dark", "light"] { words[word] = "" }
      var unknown = Set<String>()
      for fragment in [app.builtin, app.palette, app.pair].compactMap(\.self) { _ = fragment.filling(words, unknown: &unknown) }
      if !unknown.isEmpty {
        reader.diagnostics.error(
          .catalog,
          "theme-apps.\(app.tool) uses unknown word(s) \(unknown.sorted().map { "{{\($0)}}" }.joined(separator: ", "))", at: app.location,
          help: "words: " + words.keys.sorted().joined(separator: ", "))
      }
    }
    for theme in catalog.themeOrder.compactMap({ catalog.themes[$0] }) {
      if catalog.colorschemes[theme.colorscheme.name] == nil {
        reader.diagnostics.error(
          .catalog,
          "theme '\(theme.name)' names unknown colorscheme '\(theme.colorscheme.name)'", at: theme.location,
          help: EditDistance.didYouMean(theme.colorscheme.name, in: catalog.colorschemes.keys))
      }
      for app in theme.builtin.keys.sorted() where catalog.themeApps[app]?.builtin == nil {
        reader.diagnostics.error(
          .catalog,
          "theme '\(theme.name)' names a built-in theme of '\(app)', which theme-apps does not theme that way", at: theme.location)
      }
    }
    if !catalog.themes.isEmpty && catalog.themes[Catalog.defaultTheme] == nil {
      reader.diagnostics.error(.catalog, "the catalog has no theme '\(Catalog.defaultTheme)', the default", at: nil)
    }
  }

  private func isHexColor(_ text: String) -> Bool {
    text.count == 7 && text.first == "#" && text.dropFirst().allSatisfy(\.isHexDigit)
  }
}
