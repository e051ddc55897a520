import PdevCore

/// Builds the catalog from its YAML files: the bundled ones, then the user's, whose entries
/// add to or replace bundled entries of the same name.
public struct CatalogLoader {
  public init() {}

  public func load(_ documents: [(name: String, root: YAMLNode?)]) throws(DiagnosticList) -> Catalog {
    var catalog = Catalog()
    let reader = NodeReader()
    // Struct types first: tool options refer to them.
    for (_, root) in documents {
      guard let root, let types = root["types"] else { continue }
      for pair in reader.pairs(types, "types") ?? [] {
        if let spec = readStruct(pair, reader: reader, known: Set(catalog.structs.keys).union(declaredTypeNames(documents))) {
          catalog.structs[spec.name] = spec
        }
      }
    }
    reader.structs = catalog.structs
    for (name, root) in documents {
      guard let root else { continue }
      guard reader.pairs(root, name) != nil else { continue }
      reader.checkKeys(
        root,
        allowed: [
          "version", "types", "tools", "plugins", "core", "keymap-groups", "lsp", "languages", "colorschemes", "theme-apps", "themes",
        ],
        in: "a catalog file")
      if let version = root["version"] { checkVersion(version, reader: reader) }
      for pair in root["tools"].flatMap({ reader.pairs($0, "tools") }) ?? [] {
        if let tool = readTool(pair, reader: reader, structs: catalog.structs) { catalog.tools[tool.name] = tool }
      }
      for pair in root["plugins"].flatMap({ reader.pairs($0, "plugins") }) ?? [] {
        if let plugin = readPlugin(pair, reader: reader) { catalog.plugins[plugin.name] = plugin }
      }
      for pair in root["colorschemes"].flatMap({ reader.pairs($0, "colorschemes") }) ?? [] {
        reader.checkKeys(pair.value, allowed: ["settings"], in: "colorscheme '\(pair.name)'")
        catalog.colorschemes[pair.name] = ColorschemeSpec(
          name: pair.name, settings: pair.value["settings"].flatMap { reader.value($0, .attrs) })
      }
      readThemes(root, into: &catalog, reader: reader)
      for pair in root["languages"].flatMap({ reader.pairs($0, "languages") }) ?? [] {
        reader.checkKeys(pair.value, allowed: ["description", "servers"], in: "language '\(pair.name)'")
        catalog.languages[pair.name] = LanguageSpec(
          name: pair.name, description: reader.string(pair.value["description"]) ?? pair.name,
          servers: reader.strings(reader.require(pair.value, "servers", in: "language '\(pair.name)'")) ?? [])
      }
      for pair in root["keymap-groups"].flatMap({ reader.pairs($0, "keymap-groups") }) ?? [] {
        if let label = reader.string(pair.value) {
          catalog.keymapGroups.removeAll { $0.prefix == pair.name }
          catalog.keymapGroups.append(KeymapGroup(prefix: pair.name, name: label))
        }
      }
      if let core = root["core"] {
        reader.checkKeys(core, allowed: ["opts", "globals", "keymaps"], in: "core")
        if let opts = core["opts"], let value = reader.value(opts, .map(.attrs)), case .map(let m) = value {
          catalog.core.opts.merge(m) { _, new in new }
        }
        if let globals = core["globals"], let value = reader.value(globals, .map(.attrs)), case .map(let m) = value {
          catalog.core.globals.merge(m) { _, new in new }
        }
        if let keymaps = core["keymaps"] { catalog.core.keymaps += readKeymaps(keymaps, owner: "core", reader: reader) }
      }
      if let lsp = root["lsp"] {
        reader.checkKeys(lsp, allowed: ["keymaps"], in: "lsp")
        if let keymaps = lsp["keymaps"] { catalog.core.lspKeymaps += readKeymaps(keymaps, owner: "lsp", reader: reader) }
      }
    }
    checkReferences(catalog, reader: reader)
    checkThemes(catalog, reader: reader)
    catalog.keymapGroups.sort { $0.prefix < $1.prefix }
    try reader.diagnostics.check()
    return catalog
  }

  private func declaredTypeNames(_ documents: [(name: String, root: YAMLNode?)]) -> Set<String> {
    Set(documents.flatMap { $0.root?["types"]?.pairs?.map(\.name) ?? [] })
  }

  private func checkVersion(_ node: YAMLNode, reader: NodeReader) {
    if let v = reader.int(node), v != 1 {
      reader.error(.unsupportedVersion, "catalog version \(v) is not supported", at: node, help: "this pdev reads catalog version 1")
    }
  }

  private func readStruct(_ pair: YAMLPair, reader: NodeReader, known: Set<String>) -> StructType? {
    let what = "type '\(pair.name)'"
    guard reader.pairs(pair.value, what) != nil else { return nil }
    reader.checkKeys(pair.value, allowed: ["description", "fields", "one-of"], in: what)
    var fields: [FieldSpec] = []
    for field in pair.value["fields"].flatMap({ reader.pairs($0, "fields") }) ?? [] {
      if let spec = readField(field, reader: reader, known: known, allowed: ["type", "description"]) { fields.append(spec) }
    }
    let oneOf = reader.strings(pair.value["one-of"]) ?? []
    for name in oneOf where !fields.contains(where: { $0.name == name }) {
      reader.error(.catalog, "one-of names '\(name)', which is not a field of \(pair.name)", at: pair.value["one-of"]!)
    }
    return StructType(
      name: pair.name, description: reader.string(pair.value["description"]) ?? "", fields: fields, oneOf: oneOf)
  }

  /// A key declared with `{ type, description, default, min, example }`.
  func readField(_ pair: YAMLPair, reader: NodeReader, known: Set<String>, allowed: [String]) -> FieldSpec? {
    let what = "'\(pair.name)'"
    guard reader.pairs(pair.value, what) != nil else { return nil }
    reader.checkKeys(pair.value, allowed: allowed, in: what)
    guard let typeNode = reader.require(pair.value, "type", in: what), let text = reader.string(typeNode) else { return nil }
    guard let type = ValueType.parse(text, named: known) else {
      reader.error(
        .catalog,
        "'\(text)' is not a type", at: typeNode,
        help: "types: string, bool, int, number, attrs, secret, list<T>, map<T>, enum<a,b>, T|false"
          + (known.isEmpty ? "" : ", " + known.sorted().joined(separator: ", ")))
      return nil
    }
    let minimum = reader.int(pair.value["min"])
    var defaultValue: ConfigValue?
    if let node = pair.value["default"] ?? pair.value["upstream"] {
      defaultValue = reader.value(node, type, key: pair.name, minimum: minimum)
    }
    var emptyLua: String?
    if let node = pair.value["lua-empty"], let literal = reader.string(node) {
      if ["false", "{}"].contains(literal) {
        emptyLua = literal
      } else {
        reader.error(.catalog, "lua-empty is false or {}, found '\(literal)'", at: node)
      }
    }
    return FieldSpec(
      name: pair.name, type: type, description: reader.line(pair.value["description"]) ?? "", minimum: minimum,
      defaultValue: defaultValue, example: reader.string(pair.value["example"]), emptyLua: emptyLua)
  }

  private func readTool(_ pair: YAMLPair, reader: NodeReader, structs: [String: StructType]) -> ToolSpec? {
    let what = "tool '\(pair.name)'"
    guard checkName(pair, kind: "tool", reader: reader), reader.pairs(pair.value, what) != nil else { return nil }
    let node = pair.value
    reader.checkKeys(
      node,
      allowed: [
        "description", "homepage", "group", "package", "module", "platforms", "requires", "unfree", "gui", "mcp", "agent", "keys",
        "options", "render", "render-linux", "render-darwin",
      ], in: what)
    var group = ToolGroup.cli
    if let g = reader.require(node, "group", in: what), let text = reader.string(g) {
      if let parsed = ToolGroup(rawValue: text) {
        group = parsed
      } else {
        reader.error(
          .catalog,
          "unknown group '\(text)'", at: g,
          help: EditDistance.didYouMean(text, in: ToolGroup.allCases.map(\.rawValue))
            ?? "groups: \(ToolGroup.allCases.map(\.rawValue).joined(separator: ", "))")
      }
    }
    let packages = node["package"].flatMap { readPackages($0, reader: reader) }
    if node["package"] == nil && node["render"] == nil {
      reader.error(.catalog, "\(what) needs a package or a render fragment", at: pair.key)
    }
    var options: [FieldSpec] = []
    var checks: [String: CodeCheck] = [:]
    for option in node["options"].flatMap({ reader.pairs($0, "options") }) ?? [] {
      if let spec = readField(
        option, reader: reader, known: Set(structs.keys), allowed: ["type", "description", "default", "example", "check", "min"])
      {
        options.append(spec)
      }
      if let c = option.value["check"], let text = reader.string(c) {
        if let check = CodeCheck(rawValue: text) {
          checks[option.name] = check
        } else {
          reader.error(.catalog, "unknown check '\(text)'", at: c, help: "checks: fish, fish-function")
        }
      }
    }
    let module = reader.string(node["module"])
    for key in ["render-linux", "render-darwin"] {
      if let fragment = node[key] { checkRenderFragment(fragment, options: options, reader: reader) }
    }
    if let render = node["render"] {
      checkRenderFragment(render, options: options, reader: reader)
    } else if module != nil {
      reader.error(
        .catalog,
        "\(what) names a module but no render fragment", at: node["module"]!, help: "add render: { \(module!): { enable: true } }")
    }
    return ToolSpec(
      name: pair.name, description: reader.line(node["description"]) ?? "", homepage: reader.line(node["homepage"]),
      group: group, packages: packages, module: module,
      platforms: readPlatforms(node["platforms"], reader: reader), requires: reader.strings(node["requires"]) ?? [],
      unfree: reader.bool(node["unfree"]) ?? false, gui: reader.bool(node["gui"]) ?? false,
      mcp: reader.bool(node["mcp"]) ?? false, agent: node["agent"].flatMap { readAgent($0, tool: pair.name, reader: reader) },
      keys: readTerminalKeys(node["keys"], tool: pair.name, reader: reader), options: options, checks: checks, render: node["render"],
      renderLinux: node["render-linux"], renderDarwin: node["render-darwin"], location: pair.key.location)
  }

  private func readPackages(_ node: YAMLNode?, reader: NodeReader) -> PackageChoice? {
    guard let node else { return nil }
    if node.pairs != nil {
      reader.checkKeys(node, allowed: ["default", "linux", "darwin"], in: "package")
      let linux = reader.string(node["linux"])
      let darwin = reader.string(node["darwin"])
      guard let standard = reader.string(node["default"]) ?? linux ?? darwin else {
        reader.error(.catalog, "package needs at least one of default, linux, darwin", at: node)
        return nil
      }
      return PackageChoice(standard: standard, linux: linux, darwin: darwin)
    }
    guard let attr = reader.string(node) else { return nil }
    return PackageChoice(standard: attr)
  }

  private func readPlatforms(_ node: YAMLNode?, reader: NodeReader) -> PlatformSet {
    guard let node else { return .all }
    var systems = Set<System>()
    for item in node.items ?? [] {
      guard let text = reader.string(item) else { continue }
      switch text {
      case "linux": systems.formUnion([.x86_64Linux, .aarch64Linux])
      case "darwin": systems.formUnion([.x86_64Darwin, .aarch64Darwin])
      case "all": systems.formUnion(System.allCases)
      default:
        if let s = System(rawValue: text) {
          systems.insert(s)
        } else {
          reader.error(
            .catalog,
            "unknown platform '\(text)'", at: item,
            help: "platforms: linux, darwin, " + System.allCases.map(\.rawValue).joined(separator: ", "))
        }
      }
    }
    if node.items == nil { reader.error(.wrongType, "platforms must be a list", at: node) }
    return PlatformSet(systems: systems)
  }

  /// Placeholders must name an option or a known value.
  /// Names end up in Nix, Lua, Markdown and the command line: letters, digits, `-`, `_`, `.`.
  /// Letters, digits, '-', '_' and '.', not starting with '-' or '.': safe in Nix, Lua and shells.
  public static func isName(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    func allowed(_ b: UInt8) -> Bool {
      (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
    }
    guard let first = bytes.first, first != 0x2D, first != 0x2E else { return false }
    return bytes.allSatisfy(allowed)
  }

  func checkName(_ pair: YAMLPair, kind: String, reader: NodeReader) -> Bool {
    guard CatalogLoader.isName(pair.name) else {
      reader.error(
        .catalog,
        "\(kind) name '\(pair.name)' may hold only letters, digits, '-', '_' and '.'", at: pair.key,
        help: "rename it; the name appears in Nix, in Lua and on the command line")
      return false
    }
    return true
  }

  /// An option path such as `programs.git.settings`: Nix identifiers joined by dots.
  func checkOptionPath(_ path: String, at node: YAMLNode, reader: NodeReader) {
    let parts = path.split(separator: ".", omittingEmptySubsequences: false)
    if parts.contains(where: { !NixSyntax.isIdentifier(String($0)) }) {
      reader.error(
        .catalog,
        "'\(path)' is not an option path", at: node,
        help: "write home-manager or nixvim option names joined by dots, such as programs.git.settings")
    }
  }

  private func checkRenderFragment(_ node: YAMLNode, options: [FieldSpec], reader: NodeReader) {
    for pair in node.pairs ?? [] where !pair.name.hasPrefix("__") { checkOptionPath(pair.name, at: pair.key, reader: reader) }
    let known = Set(options.map(\.name)).union(RenderFragment.builtinPlaceholders)
    var stack = [node]
    while let current = stack.popLast() {
      switch current.content {
      case .scalar:
        if let name = RenderFragment.placeholder(current), !known.contains(name) {
          reader.error(
            .catalog,
            "unknown placeholder '{{\(name)}}'", at: current,
            help: EditDistance.didYouMean(name, in: known) ?? "declare it under options")
        }
        if let filter = RenderFragment.filter(current), RenderFragment.Filter(rawValue: filter) == nil {
          let filters = RenderFragment.Filter.allCases.map(\.rawValue)
          reader.error(
            .catalog,
            "unknown placeholder filter '\(filter)'", at: current,
            help: EditDistance.didYouMean(filter, in: filters) ?? "filters: " + filters.joined(separator: ", "))
        }
      case .sequence(let items): stack.append(contentsOf: items)
      case .mapping(let pairs): stack.append(contentsOf: pairs.map(\.value))
      }
    }
  }

  /// Every name a tool or plugin refers to must exist.
  private func checkReferences(_ catalog: Catalog, reader: NodeReader) {
    for tool in catalog.tools.values.sorted(by: { $0.name < $1.name }) {
      if tool.mcp, tool.option(ToolSpec.mcpServersOption) == nil {
        reader.diagnostics.error(
          .catalog,
          "tool '\(tool.name)' takes part in MCP (mcp: true) but has no '\(ToolSpec.mcpServersOption)' option", at: tool.location,
          help: "add \(ToolSpec.mcpServersOption): { type: map<mcp-server>, description: … } to its options")
      }
      for dependency in tool.requires where catalog.tools[dependency] == nil {
        reader.diagnostics.error(
          .catalog,
          "tool '\(tool.name)' requires unknown tool '\(dependency)'", at: tool.location,
          help: EditDistance.didYouMean(dependency, in: catalog.tools.keys))
      }
    }
    for plugin in catalog.plugins.values.sorted(by: { $0.name < $1.name }) {
      for dependency in plugin.requires where catalog.plugins[dependency] == nil {
        reader.diagnostics.error(
          .catalog,
          "plugin '\(plugin.name)' requires unknown plugin '\(dependency)'", at: plugin.location,
          help: EditDistance.didYouMean(dependency, in: catalog.plugins.keys))
      }
      for tool in plugin.tools where catalog.tools[tool] == nil {
        reader.diagnostics.error(
          .catalog,
          "plugin '\(plugin.name)' needs unknown tool '\(tool)'", at: plugin.location,
          help: EditDistance.didYouMean(tool, in: catalog.tools.keys))
      }
    }
  }
}
