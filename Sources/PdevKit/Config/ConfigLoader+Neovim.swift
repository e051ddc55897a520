import PdevCore

extension ConfigLoader {
  func decodeNeovim(_ node: YAMLNode?, reader: NodeReader) -> NeovimSettings {
    var settings = NeovimSettings(enable: false, colorscheme: nil, clipboard: .system, languages: [], plugins: [:], options: [:])
    guard let node, reader.pairs(node, "neovim") != nil else { return settings }
    reader.checkKeys(node, allowed: ConfigSchema.neovimKeys, in: "neovim")
    settings.enable = node["enable"].flatMap { reader.bool($0) } ?? true
    if let c = node["colorscheme"], let name = reader.string(c) {
      if catalog.colorschemes[name] == nil {
        reader.error(
          .invalidValue,
          "unknown colorscheme '\(name)'", at: c,
          help: EditDistance.didYouMean(name, in: catalog.colorschemes.keys)
            ?? "colorschemes: " + catalog.colorschemes.keys.sorted().joined(separator: ", "))
      } else {
        settings.colorscheme = name
      }
    }
    if let c = node["clipboard"], let text = reader.string(c) {
      if let value = NeovimSettings.Clipboard(rawValue: text) {
        settings.clipboard = value
      } else {
        reader.error(.invalidValue, "clipboard must be 'system' or 'none', found '\(text)'", at: c)
      }
    }
    if let l = node["languages"], let items = l.items {
      for item in items {
        guard let name = reader.string(item) else { continue }
        if catalog.languages[name] == nil {
          reader.error(
            .invalidValue,
            "unknown language '\(name)'", at: item,
            help: EditDistance.didYouMean(name, in: catalog.languages.keys)
              ?? "languages: " + catalog.languages.keys.sorted().joined(separator: ", "))
        } else if !settings.languages.contains(name) {
          settings.languages.append(name)
        }
      }
    } else if let l = node["languages"] {
      reader.error(.wrongType, "languages must be a list, found \(l.kindDescription)", at: l, help: "languages: [nix, lua]")
    }
    if let o = node["options"], case .map(let m)? = reader.value(o, .map(.attrs)) { settings.options = m }
    if let p = node["plugins"], let pairs = reader.pairs(p, "neovim.plugins") {
      for pair in pairs {
        guard let spec = catalog.plugins[pair.name] else {
          reader.error(
            .unknownPlugin,
            "unknown plugin '\(pair.name)'", at: pair.key,
            help: EditDistance.didYouMean(pair.name, in: catalog.plugins.keys) ?? "see the plugins pdev knows with: pdev list plugins")
          continue
        }
        guard pair.value.pairs != nil else {
          reader.error(
            .wrongType,
            "expected true, false or { settings: … } for plugin '\(pair.name)', found \(pair.value.kindDescription)", at: pair.value)
          continue
        }
        reader.checkKeys(pair.value, allowed: ["enable", "settings"], in: "plugin '\(pair.name)'")
        if spec.isHabit, let s = pair.value.pair(forKey: "settings") {
          reader.error(
            .misplacedKey,
            "\(pair.name) settings come from the level progression", at: s.key,
            help: "change them in your own progression (neovim.progression), or pin a level with neovim.level")
        }
        settings.plugins[pair.name] = PluginSetting(
          enabled: pair.value["enable"].map { reader.bool($0) ?? true } ?? false,
          settings: pair.value["settings"].flatMap { reader.value($0, .attrs) }, location: pair.key.location,
          configuredOnly: pair.value["enable"] == nil)
      }
    }
    return settings
  }
}
