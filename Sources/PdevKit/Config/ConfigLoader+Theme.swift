import PdevCore

extension ConfigLoader {
  /// `theme: NAME`, or `theme: { dark: NAME, light: NAME }`: names of the catalog's themes.
  func decodeTheme(_ node: YAMLNode, reader: NodeReader) -> ThemeChoice? {
    func name(_ node: YAMLNode) -> String? {
      guard let text = reader.string(node) else { return nil }
      guard catalog.themes[text] != nil else {
        reader.error(
          .unknownTheme,
          "unknown theme '\(text)'", at: node,
          help: EditDistance.didYouMean(text, in: catalog.themes.keys) ?? "themes: " + catalog.themes.keys.sorted().joined(separator: ", "))
        return nil
      }
      return text
    }
    guard node.pairs != nil else { return name(node).map { ThemeChoice(dark: $0, location: node.location) } }
    reader.checkKeys(node, allowed: ["dark", "light"], in: "theme")
    guard let darkNode = reader.require(node, "dark", in: "theme"), let lightNode = reader.require(node, "light", in: "theme"),
      let dark = name(darkNode), let light = name(lightNode)
    else { return nil }
    for (chosen, wanted, at) in [(dark, ThemeSpec.Appearance.dark, darkNode), (light, .light, lightNode)]
    where catalog.themes[chosen]!.appearance != wanted {
      reader.error(
        .unknownTheme,
        "'\(chosen)' is a \(catalog.themes[chosen]!.appearance.rawValue) theme", at: at,
        help: "name a \(wanted.rawValue) theme here: "
          + catalog.themes.values.filter { $0.appearance == wanted }.map(\.name).sorted().joined(separator: ", "))
    }
    return ThemeChoice(dark: dark, light: light, location: node.location)
  }
}
