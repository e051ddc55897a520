import PdevCore

/// Neovim plugins and their keymaps.
extension CatalogLoader {
  func readPlugin(_ pair: YAMLPair, reader: NodeReader) -> PluginSpec? {
    let what = "plugin '\(pair.name)'"
    guard checkName(pair, kind: "plugin", reader: reader), reader.pairs(pair.value, what) != nil else { return nil }
    let node = pair.value
    reader.checkKeys(
      node,
      allowed: [
        "description", "purpose", "nixvim", "requires", "tools", "provides", "settings", "extra", "keymaps", "habit",
        "settings-schema", "setup", "groups-setting", "habit-notes",
      ], in: what)
    guard let nixvimNode = reader.require(node, "nixvim", in: what), let nixvim = reader.string(nixvimNode) else { return nil }
    checkOptionPath(nixvim, at: nixvimNode, reader: reader)
    if let setup = node["setup"], let module = reader.string(setup),
      !CatalogLoader.isName(module)
    {
      reader.error(
        .catalog,
        "'\(module)' is not a Lua module name", at: setup,
        help: "letters, digits, '-', '_' and '.', as in require(\"nvim-treesitter-textobjects\")")
    }
    var extra: [(String, ConfigValue)] = []
    for e in node["extra"].flatMap({ reader.pairs($0, "extra") }) ?? [] {
      if let v = reader.value(e.value, .attrs) { extra.append((e.name, v)) }
    }
    // A habit plugin's settings come from the progression, checked against its schema.
    var schema: [FieldSpec]?
    let habit = reader.bool(node["habit"]) ?? false
    if let s = node["settings-schema"] {
      if !habit {
        reader.error(
          .catalog, "settings-schema belongs to habit plugins, whose settings the progression sets", at: s, help: "add habit: true")
      }
      schema = (reader.pairs(s, "settings-schema") ?? []).compactMap {
        readField($0, reader: reader, known: [], allowed: ["type", "description", "upstream", "min", "lua-empty"])
      }
    } else if habit, let h = node["habit"] {
      reader.error(.catalog, "a habit plugin needs a settings-schema: the settings the progression may set", at: h)
    }
    var notes: [HabitNote] = []
    if let n = node["habit-notes"] {
      if !habit { reader.error(.catalog, "habit-notes describe a habit plugin's settings", at: n, help: "add habit: true") }
      notes = readHabitNotes(n, schema: schema ?? [], reader: reader)
    }
    return PluginSpec(
      name: pair.name, description: reader.line(node["description"]) ?? "",
      purpose: reader.line(node["purpose"]) ?? reader.line(node["description"]) ?? "", nixvim: nixvim,
      requires: reader.strings(node["requires"]) ?? [], tools: reader.strings(node["tools"]) ?? [],
      provides: reader.string(node["provides"]), settings: node["settings"].flatMap { reader.value($0, .attrs) },
      setupModule: node["setup"].flatMap { reader.string($0) }, extra: extra,
      keymaps: node["keymaps"].map { readKeymaps($0, owner: pair.name, reader: reader) } ?? [],
      groupsSetting: node["groups-setting"].flatMap { reader.string($0) }, settingsSchema: schema, habitNotes: notes,
      location: pair.key.location)
  }

  /// `habit-notes`: `{ text, when: { SETTING: VALUE }, unless: { … } }`, the settings from
  /// the plugin's schema and the values of their types.
  func readHabitNotes(_ node: YAMLNode, schema: [FieldSpec], reader: NodeReader) -> [HabitNote] {
    guard let items = node.items else {
      reader.error(.wrongType, "habit-notes must be a list of { text, when, unless }", at: node)
      return []
    }
    func conditions(_ node: YAMLNode?) -> [String: ConfigValue] {
      var result: [String: ConfigValue] = [:]
      for pair in node.flatMap({ reader.pairs($0, "a habit note's condition") }) ?? [] {
        guard let field = schema.first(where: { $0.name == pair.name }) else {
          reader.error(
            .catalog, "'\(pair.name)' is not a setting of this plugin", at: pair.key,
            help: EditDistance.didYouMean(pair.name, in: schema.map(\.name)) ?? "the settings are those of settings-schema")
          continue
        }
        if let value = reader.value(pair.value, field.type) { result[pair.name] = value }
      }
      return result
    }
    return items.compactMap { item -> HabitNote? in
      guard reader.pairs(item, "a habit note") != nil else { return nil }
      reader.checkKeys(item, allowed: ["text", "when", "unless"], in: "a habit note")
      guard let textNode = reader.require(item, "text", in: "a habit note"), let text = reader.line(textNode) else { return nil }
      return HabitNote(text: text, when: conditions(item["when"]), unless: conditions(item["unless"]))
    }
  }

  static let modes: Set<String> = ["", "n", "!", "i", "c", "v", "x", "s", "o", "t", "l"]

  func readKeymaps(_ node: YAMLNode, owner: String, reader: NodeReader) -> [KeymapSpec] {
    guard let items = node.items else {
      reader.error(.wrongType, "keymaps must be a list", at: node)
      return []
    }
    var result: [KeymapSpec] = []
    for item in items {
      guard reader.pairs(item, "a keymap") != nil else { continue }
      reader.checkKeys(item, allowed: ["key", "mode", "action", "lua", "lsp", "desc"], in: "a keymap")
      guard let key = reader.string(reader.require(item, "key", in: "a keymap")),
        let desc = reader.line(reader.require(item, "desc", in: "a keymap"))
      else { continue }
      var modes = ["n"]
      if let m = item["mode"] {
        modes = m.items != nil ? (reader.strings(m) ?? []) : [reader.string(m) ?? "n"]
        for mode in modes where !CatalogLoader.modes.contains(mode) {
          reader.error(.catalog, "unknown mode '\(mode)' in keymap \(key)", at: m, help: "modes: n, i, v, x, o, s, c, t")
        }
      }
      let actions = ["action", "lua", "lsp"].filter { item[$0] != nil }
      guard actions.count == 1, let kind = actions.first, let text = reader.string(item[kind]) else {
        reader.error(.catalog, "keymap \(key) needs exactly one of action, lua, lsp", at: item)
        continue
      }
      let action: KeymapSpec.Action = kind == "action" ? .command(text) : kind == "lua" ? .lua(text) : .lsp(text)
      result.append(KeymapSpec(key: key, modes: modes, action: action, description: desc, owner: owner))
    }
    return result
  }
}
