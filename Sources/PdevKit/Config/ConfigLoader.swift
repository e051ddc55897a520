import PdevCore

/// Loads pdev.yaml with its profiles, composes each host, and validates everything against
/// the catalog, reporting all problems at once, sorted by location.
public struct ConfigLoader {
  public static let supportedVersions = [1]

  public let catalog: Catalog
  public let documents: DocumentLoader
  public let profiles: ProfileLocator
  public let defaultUsername: String

  public init(catalog: Catalog, documents: DocumentLoader, profiles: ProfileLocator, defaultUsername: String) {
    self.catalog = catalog
    self.documents = documents
    self.profiles = profiles
    self.defaultUsername = defaultUsername
  }

  /// A profile file in a chain.
  struct Layer {
    var reference: String
    var path: String
    var root: YAMLNode
  }

  public func load(_ path: String) throws(DiagnosticList) -> PdevConfig {
    let (name, parsed) = try documents.load(path)
    let reader = NodeReader(structs: catalog.structs)
    let start = SourceLocation(file: name, line: 1, column: 1)
    guard let root = parsed else {
      throw DiagnosticList([
        .error(
          .unsupportedVersion,
          "missing 'version'", at: start, help: "an empty pdev.yaml is not a configuration; start it with version: 1, or run pdev init")
      ])
    }
    guard root.pairs != nil else {
      throw DiagnosticList([.error(.wrongType, "pdev.yaml must be a mapping of settings, found \(root.kindDescription)", at: root.location)]
      )
    }
    let version = try checkVersion(root, file: name, reader: reader)
    reader.checkKeys(root, allowed: ConfigSchema.userKeys, in: "pdev.yaml")
    if root["description"] != nil, let d = root.pair(forKey: "description") {
      reader.error(.misplacedKey, "'description' belongs in profiles, not in pdev.yaml", at: d.key)
    }

    var cache: [String: YAMLNode] = [:]
    var chains: [String: [Layer]] = [:]
    func chain(from node: YAMLNode?, file: String, reader: NodeReader) -> [Layer] {
      guard let node, let reference = reader.string(node) else { return [] }
      let key = "\(file)\u{0}\(reference)"
      if let known = chains[key] { return known }
      let result = resolveChain(reference, node: node, file: file, trail: [displayName(file)], cache: &cache, reader: reader)
      chains[key] = result
      return result
    }

    checkEmptySections(root, reader: reader)
    let topChain = chain(from: root["extends"], file: path, reader: reader)
    var body = root
    body.content = .mapping(
      (root.pairs ?? []).filter { ConfigSchema.composedKeys.contains($0.name) })

    let globals = decodeGlobals(root, reader: reader)
    let (user, channel) = (globals.user, globals.channel)

    // Hosts. Hosts on the same profile chain share its composition and decoding; each host
    // decodes again only what its own entry changes.
    var shared: [[String]: Shared] = [:]
    // Settings at the top level follow the top-level profile. A host that extends another
    // profile takes them for the tools that profile turns on; only `true` or `enable: true`
    // turns a tool (or plugin) on for every host.
    let topPaths = topChain.map(\.path)
    func base(_ layers: [Layer]) -> Shared {
      let key = layers.map(\.path)
      if let known = shared[key] { return known }
      let ownBody = Composer.normalizeToggles(body, implicitEnable: key == topPaths)
      let tree = Composer.compose(layers.map(\.root)).map { Composer.merge($0, ownBody) } ?? Composer.removingNulls(ownBody)
      let decoded = Shared(
        tree: tree, tools: decodeTools(tree["tools"], reader: reader), packages: decodePackages(tree["packages"], reader: reader),
        neovim: decodeNeovim(tree["neovim"], reader: reader), theme: tree["theme"].flatMap { decodeTheme($0, reader: reader) })
      shared[key] = decoded
      return decoded
    }
    var hosts: [HostConfig] = []
    if let hostsNode = root["hosts"], let pairs = reader.pairs(hostsNode, "hosts") {
      for pair in pairs {
        if let host = loadHost(
          pair, topChain: topChain, user: user, channel: channel, file: path, reader: reader, chain: chain, base: base)
        {
          hosts.append(host)
        }
      }
      if pairs.isEmpty {
        reader.error(.missingKey, "hosts is empty", at: hostsNode, help: "add at least one: hosts: { laptop: { system: x86_64-linux } }")
      }
    } else if root["hosts"] == nil {
      reader.diagnostics.error(
        .missingKey,
        "pdev.yaml defines no hosts", at: start,
        help: "add one per machine, e.g.\nhosts:\n  laptop: { system: x86_64-linux }")
    }

    let person = decodePerson(root, topChain: topChain, body: body, reader: reader)

    try reader.diagnostics.check()
    return PdevConfig(
      file: path, version: version, profile: root["extends"]?.text, user: user, hosts: hosts, output: globals.output,
      stateVersion: globals.stateVersion, stateVersionLocation: root["state-version"]?.location, channel: channel, ci: globals.ci,
      generations: globals.generations, progression: person.progression, progressionLocation: person.progressionLocation,
      levelPin: person.levelPin, levelPinLocation: person.levelPinLocation)
  }

  func displayName(_ path: String) -> String { documents.display(path) }

  /// `tools:` with nothing after it is null, and null removes: every tool of the profile
  /// would silently go. An empty section is almost always an editing slip.
  func checkEmptySections(_ node: YAMLNode, reader: NodeReader) {
    for key in ["tools", "packages", "neovim", "user", "hosts"] {
      guard let pair = node.pair(forKey: key), pair.value.scalarValue == .null, pair.value.text != "null" else { continue }
      reader.error(
        .invalidValue,
        "'\(key)' is empty", at: pair.key,
        help: key == "tools" || key == "neovim" || key == "packages"
          ? "an empty value removes every \(key == "packages" ? "package" : key == "tools" ? "tool" : "setting") the profile sets; write \(key): \(key == "packages" ? "[]" : "{}") to add nothing, or null to remove them on purpose"
          : "give it a value, or remove the line")
    }
  }

  func checkVersion(_ root: YAMLNode, file: String, reader: NodeReader) throws(DiagnosticList) -> Int {
    guard let node = root["version"] else {
      throw DiagnosticList([
        .error(
          .unsupportedVersion, "missing 'version'", at: SourceLocation(file: file, line: 1, column: 1),
          help: "add version: 1 as the first line")
      ])
    }
    guard case .int(let version)? = node.scalarValue else {
      let help: String
      if case .string(let s)? = node.scalarValue, let n = Int(s) {
        help = "write it as a number: version: \(n)"
      } else {
        help = "write version: 1"
      }
      throw DiagnosticList([
        .error(
          .unsupportedVersion, "version must be a number, found \(node.kindDescription)", at: node.location, length: node.length, help: help
        )
      ])
    }
    guard ConfigLoader.supportedVersions.contains(version) else {
      throw DiagnosticList([
        .error(
          .unsupportedVersion,
          "configuration version \(version) is not supported", at: node.location, length: node.length,
          help: "this pdev reads version \(ConfigLoader.supportedVersions.map(String.init).joined(separator: ", ")); "
            + (version > 1 ? "a newer pdev wrote this file: update pdev" : "write version: 1"))
      ])
    }
    return version
  }
}
