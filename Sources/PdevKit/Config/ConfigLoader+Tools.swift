import PdevCore

/// `tools:` and `packages:`, decoded against the catalog.
extension ConfigLoader {
  func decodeTools(_ node: YAMLNode?, reader: NodeReader) -> [String: ToolSetting] {
    guard let node, let pairs = reader.pairs(node, "tools") else { return [:] }
    var tools: [String: ToolSetting] = [:]
    for pair in pairs {
      if let setting = decodeTool(pair, reader: reader) { tools[pair.name] = setting }
    }
    return tools
  }

  func decodeTool(_ pair: YAMLPair, reader: NodeReader) -> ToolSetting? {
    guard let spec = catalog.tools[pair.name] else {
      reader.error(
        .unknownTool,
        "unknown tool '\(pair.name)'", at: pair.key,
        help: EditDistance.didYouMean(pair.name, in: catalog.tools.keys) ?? "see the tools pdev knows with: pdev list tools")
      return nil
    }
    guard pair.value.pairs != nil else {
      reader.error(
        .wrongType,
        "expected true, false or a mapping of options for tool '\(pair.name)', found \(pair.value.kindDescription)",
        at: pair.value)
      return nil
    }
    // No `enable` at all: settings from the top level for a tool this host's profile leaves off.
    let enableNode = pair.value["enable"]
    let enabled = enableNode.map { reader.bool($0) ?? true } ?? false
    var values: [String: ConfigValue] = [:]
    for option in pair.value.pairs! where option.name != "enable" {
      guard let field = spec.option(option.name) else {
        let names = spec.options.map(\.name)
        reader.error(
          .unknownKey,
          "unknown option '\(option.name)' for tool '\(pair.name)'", at: option.key,
          help: EditDistance.didYouMean(option.name, in: names)
            ?? (names.isEmpty ? "\(pair.name) takes no options; write \(pair.name): true" : "options: \(names.joined(separator: ", "))"))
        continue
      }
      let before = reader.diagnostics.items.count
      if let value = reader.value(option.value, field.type, key: option.name, minimum: field.minimum) {
        values[option.name] = value
      } else if let example = field.example {
        reader.addHelp("for example: \(pair.name): { \(option.name): \(example) }", after: before)
      }
    }
    return ToolSetting(
      enabled: enabled, values: values, location: pair.key.location, enableLocation: enableNode?.location ?? pair.key.location,
      configuredOnly: enableNode == nil)
  }

  func decodePackages(_ node: YAMLNode?, reader: NodeReader) -> [String] {
    guard let node else { return [] }
    guard let items = node.items else {
      reader.error(
        .wrongType, "packages must be a list of nixpkgs attributes, found \(node.kindDescription)", at: node, help: "packages: [tealdeer]")
      return []
    }
    var packages: [String] = []
    for item in items {
      guard let name = reader.string(item) else { continue }
      if !isAttributePath(name) {
        reader.error(
          .invalidValue,
          "'\(name)' is not a nixpkgs attribute name", at: item, help: "attribute names look like tealdeer or python3Packages.black")
      } else if packages.contains(name) {
        reader.error(.duplicateEntry, "'\(name)' is listed twice", at: item)
      } else {
        packages.append(name)
      }
    }
    return packages
  }
}
