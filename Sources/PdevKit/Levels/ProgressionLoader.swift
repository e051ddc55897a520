import PdevCore

/// Reads and validates a progression file against the catalog's plugins and the habit
/// plugins' upstream settings.
public struct ProgressionLoader {
  public static let maxLevels = 100

  public let catalog: Catalog
  public let documents: DocumentLoader

  public init(catalog: Catalog, documents: DocumentLoader) {
    self.catalog = catalog
    self.documents = documents
  }

  /// `reference` is a bundled progression name or a path (relative to `relativeTo`).
  public func load(_ reference: String, bundledDirectory: String, relativeTo: String, at location: SourceLocation?)
    throws(DiagnosticList) -> Progression
  {
    let path: String
    if ProfileLocator.isPath(reference) {
      path = PathText.normalize(PathText.join(relativeTo, reference))
      if FileIO.kind(path) == .missing {
        throw DiagnosticList([
          .error(
            .invalidValue,
            "progression file '\(reference)' does not exist", at: location,
            help: "the path is relative to pdev.yaml; or name a bundled progression: "
              + FileIO.list(bundledDirectory).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.joined(separator: ", "))
        ])
      }
    } else {
      path = PathText.join(bundledDirectory, reference + ".yaml")
      if !FileIO.exists(path) {
        let names = FileIO.list(bundledDirectory).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
        throw DiagnosticList([
          .error(
            .invalidValue,
            "unknown progression '\(reference)'", at: location,
            help: EditDistance.didYouMean(reference, in: names)
              ?? "bundled progressions: \(names.joined(separator: ", ")); or give a path to your own file")
        ])
      }
    }
    let (name, parsed) = try documents.load(path)
    guard let root = parsed else {
      throw DiagnosticList([
        .error(
          .unsupportedVersion, "missing 'version'", at: SourceLocation(file: name, line: 1, column: 1),
          help: "a progression starts with version: 1")
      ])
    }
    return try decode(root, file: name)
  }

  public func decode(_ root: YAMLNode, file: String) throws(DiagnosticList) -> Progression {
    let reader = NodeReader(structs: catalog.structs)
    guard reader.pairs(root, "a progression") != nil else { throw DiagnosticList(reader.diagnostics.items) }
    reader.checkKeys(root, allowed: ["version", "name", "description", "levels"], in: "a progression")
    if let v = reader.require(root, "version", in: "a progression"), let n = reader.int(v), n != 1 {
      reader.error(.unsupportedVersion, "progression version \(n) is not supported", at: v, help: "this pdev reads version 1")
    }
    var levels: [Level] = []
    if let list = reader.require(root, "levels", in: "a progression") {
      if let items = list.items {
        if items.count > ProgressionLoader.maxLevels {
          reader.error(
            .progression,
            "a progression has at most \(ProgressionLoader.maxLevels) levels; this one has \(items.count)", at: list)
          throw DiagnosticList(reader.diagnostics.items)
        }
        if items.isEmpty { reader.error(.progression, "a progression needs at least one level", at: list) }
        var active: [String] = []
        var seen: [Int: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
          if let level = readLevel(item, expected: index + 1, active: &active, seen: &seen, reader: reader) {
            levels.append(level)
          }
        }
      } else {
        reader.error(.wrongType, "levels must be a list, found \(list.kindDescription)", at: list)
      }
    }
    try reader.diagnostics.check()
    let progression = Progression(
      name: reader.line(root["name"]) ?? PathText.lastComponent(file), description: reader.line(root["description"]) ?? "",
      levels: levels, file: file)
    checkRestrictions(progression, reader: reader)
    try reader.diagnostics.check()
    return progression
  }

  /// hardtime resets its count on a resetting key before it looks at restricted keys, so a key
  /// in both lists is never restricted: what the level says is counted would not be.
  private func checkRestrictions(_ progression: Progression, reader: NodeReader) {
    let rules = HabitRules(catalog: catalog)
    var reported = Set<String>()
    for level in progression.levels {
      let settings = rules.effective("hardtime", progression.effective(at: level.number))
      let resetting = Set(HabitRules.activeKeys(settings["resetting_keys"]).map(\.key))
      for (key, _) in HabitRules.activeKeys(settings["restricted_keys"]) where resetting.contains(key) {
        guard reported.insert(key).inserted else { continue }
        reader.diagnostics.error(
          .progression,
          "level \(level.number) restricts '\(key)', but hardtime also resets its count on '\(key)', so it is never restricted",
          at: level.location,
          help: "add resetting_keys: { \(key): [] } under this level's hardtime settings")
      }
    }
  }

  private func readLevel(
    _ node: YAMLNode, expected: Int, active: inout [String], seen: inout [Int: SourceLocation], reader: NodeReader
  ) -> Level? {
    guard reader.pairs(node, "a level") != nil else { return nil }
    let habitNames = catalog.plugins.values.filter { $0.isHabit }.map(\.name).sorted()
    reader.checkKeys(
      node, allowed: ["level", "title", "summary", "plugins", "remove", "learn", "practice", "ready"] + habitNames,
      in: "a level")
    guard let numberNode = reader.require(node, "level", in: "a level"), let number = reader.int(numberNode, minimum: 1) else {
      return nil
    }
    if let first = seen[number] {
      reader.error(.duplicateEntry, "level \(number) is defined twice", at: numberNode, notes: ["first defined at \(first)"])
    } else if number != expected {
      reader.error(
        .progression,
        number > expected ? "level \(expected) is missing: levels go up by one" : "levels are out of order",
        at: numberNode, help: "number the levels 1, 2, 3… in order; this one should be \(expected)")
    }
    seen[number] = seen[number] ?? numberNode.location
    let what = "level \(number)"
    let title = reader.line(reader.require(node, "title", in: what)) ?? ""

    let added = readPlugins(node["plugins"], level: number, active: &active, reader: reader)
    let removes = readRemoves(node["remove"], level: number, active: &active, reader: reader)
    let habits = readHabits(node, plugins: habitNames, reader: reader)
    let learn = readLearn(node["learn"], reader: reader)
    let practice = node["practice"].flatMap { reader.lines($0) } ?? []
    return Level(
      number: number, title: title, summary: reader.line(node["summary"]) ?? "", plugins: added, removes: removes,
      habits: habits, learn: learn, practice: practice, ready: reader.line(node["ready"]) ?? "",
      location: numberNode.location)
  }

  /// `plugins:` of a level, each added to `active`.
  private func readPlugins(_ node: YAMLNode?, level number: Int, active: inout [String], reader: NodeReader) -> [String] {
    guard let node else { return [] }
    if let pairs = node.pairs {
      for pair in pairs {
        if case .bool(false)? = pair.value.scalarValue {
          reader.error(
            .progression,
            "level \(number) turns off '\(pair.name)'", at: pair.value,
            help: "levels only add plugins; to drop one on purpose, list it under remove: [\(pair.name)]")
        } else {
          reader.error(.wrongType, "plugins is a list of names to add, such as [harpoon, oil]", at: pair.key)
        }
      }
      return []
    }
    guard let items = node.items else {
      reader.error(.wrongType, "plugins must be a list, found \(node.kindDescription)", at: node)
      return []
    }
    var added: [String] = []
    for item in items {
      guard let name = reader.string(item) else { continue }
      if catalog.plugins[name] == nil {
        reader.error(
          .unknownPlugin,
          "unknown plugin '\(name)'", at: item,
          help: EditDistance.didYouMean(name, in: catalog.plugins.keys) ?? "see the plugins pdev knows with: pdev list plugins")
      } else if active.contains(name) {
        reader.error(
          .progression, "'\(name)' is already active from an earlier level", at: item, help: "plugins stay once added; remove it here")
      } else {
        added.append(name)
        active.append(name)
      }
    }
    return added
  }

  /// `remove:` of a level, each taken out of `active`.
  private func readRemoves(_ node: YAMLNode?, level number: Int, active: inout [String], reader: NodeReader) -> [String] {
    var removes: [String] = []
    for item in node?.items ?? [] {
      guard let name = reader.string(item) else { continue }
      if !active.contains(name) {
        reader.error(.progression, "'\(name)' is not active at level \(number), so it cannot be removed", at: item)
      } else {
        removes.append(name)
        active.removeAll { $0 == name }
      }
    }
    return removes
  }

  /// The habit plugins' settings a level sets, checked against each plugin's schema.
  private func readHabits(_ node: YAMLNode, plugins: [String], reader: NodeReader) -> [String: [String: ConfigValue]] {
    var habits: [String: [String: ConfigValue]] = [:]
    for plugin in plugins {
      guard let settingsNode = node[plugin], let pairs = reader.pairs(settingsNode, "\(plugin) settings") else { continue }
      let schema = catalog.plugins[plugin]?.settingsSchema ?? []
      var values: [String: ConfigValue] = [:]
      for pair in pairs {
        guard let field = schema.first(where: { $0.name == pair.name }) else {
          reader.error(
            .progression,
            "unknown \(plugin) setting '\(pair.name)'", at: pair.key,
            help: EditDistance.didYouMean(pair.name, in: schema.map(\.name))
              ?? "\(plugin) settings: " + schema.map(\.name).joined(separator: ", "))
          continue
        }
        if pair.value.scalarValue == .null {
          values[pair.name] = .null
          continue
        }
        // In key maps, null removes a key set by an earlier level.
        if case .map(let inner) = field.type, let entries = pair.value.pairs {
          var map: [String: ConfigValue] = [:]
          for entry in entries {
            if entry.value.scalarValue == .null {
              map[entry.name] = .null
            } else if let v = reader.value(entry.value, inner, key: entry.name) {
              map[entry.name] = v
            }
          }
          values[pair.name] = .map(map)
          continue
        }
        if let v = reader.value(pair.value, field.type, key: pair.name, minimum: field.minimum) { values[pair.name] = v }
      }
      habits[plugin] = values
    }
    return habits
  }

  /// `learn:` of a level: `{ keys, what }` entries.
  private func readLearn(_ node: YAMLNode?, reader: NodeReader) -> [LearnItem] {
    guard let node else { return [] }
    guard let items = node.items else {
      reader.error(.wrongType, "learn must be a list", at: node)
      return []
    }
    var learn: [LearnItem] = []
    for item in items {
      guard reader.pairs(item, "a learn entry") != nil else { continue }
      reader.checkKeys(item, allowed: ["keys", "what"], in: "a learn entry")
      let keys = reader.lines(reader.require(item, "keys", in: "a learn entry")) ?? []
      let whatText = reader.line(reader.require(item, "what", in: "a learn entry")) ?? ""
      learn.append(LearnItem(keys: keys, what: whatText))
    }
    return learn
  }
}
