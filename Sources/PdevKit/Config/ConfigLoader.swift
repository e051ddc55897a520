import PdevCore

/// Loads pdev.yaml with its profiles, composes each host, and validates everything against
/// the catalog, reporting all problems at once, sorted by location.
public struct ConfigLoader {
  public static let supportedVersions = [1]
  static let userKeys = [
    "version", "extends", "description", "user", "hosts", "tools", "packages", "neovim", "theme", "output",
    "state-version", "channel", "generations", "ci",
  ]
  static let profileKeys = ["version", "extends", "description", "tools", "packages", "neovim", "theme"]
  static let hostKeys = ["system", "nixos", "extends", "user", "tools", "packages", "neovim", "theme"]
  static let neovimKeys = ["enable", "colorscheme", "progression", "level", "plugins", "languages", "clipboard", "options"]
  static let userInfoKeys = ["name", "email", "username"]

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
          "missing 'version'", at: start, help: "an empty pdev.yaml is not a configuration; start it with version: 1, or run pdev init")
      ])
    }
    guard root.pairs != nil else {
      throw DiagnosticList([.error("pdev.yaml must be a mapping of settings, found \(root.kindDescription)", at: root.location)])
    }
    let version = try checkVersion(root, file: name, reader: reader)
    reader.checkKeys(root, allowed: ConfigLoader.userKeys, in: "pdev.yaml")
    if root["description"] != nil, let d = root.pair(forKey: "description") {
      reader.error("'description' belongs in profiles, not in pdev.yaml", at: d.key)
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
      (root.pairs ?? []).filter {
        !["version", "extends", "hosts", "user", "output", "state-version", "channel", "description", "generations", "ci"].contains($0.name)
      })

    // Global settings.
    var user = UserInfo(name: nil, email: nil, username: defaultUsername)
    if let u = root["user"], reader.pairs(u, "user") != nil {
      reader.checkKeys(u, allowed: ConfigLoader.userInfoKeys, in: "user")
      user.name = reader.string(u["name"])
      user.email = reader.string(u["email"])
      if let un = u["username"], let value = reader.string(un) {
        if isUsername(value) { user.username = value } else { reader.error("'\(value)' is not a valid user name", at: un) }
      }
    }
    let output = root["output"].flatMap { node -> String? in
      guard let text = reader.string(node) else { return nil }
      if text.trimmingWhitespace.isEmpty {
        reader.error(
          "output is empty", at: node, help: "name the folder to render into, e.g. output: ~/.config/home-manager; or remove the line")
        return nil
      }
      return text
    }
    let stateVersion = root["state-version"].flatMap { node -> String? in
      guard let v = reader.string(node) else { return nil }
      if !isStateVersion(v) { reader.error("'\(v)' is not a home-manager release such as \"26.05\"", at: node) }
      return v
    }
    let generations = root["generations"].flatMap { reader.int($0, minimum: 1) } ?? 10
    var channel = Channel.unstable
    if let c = root["channel"], let text = reader.string(c) {
      if let parsed = Channel(rawValue: text) {
        channel = parsed
      } else {
        reader.error(
          "unknown channel '\(text)'", at: c,
          help: EditDistance.didYouMean(text, in: Channel.allCases.map(\.rawValue))
            ?? "channels: " + Channel.allCases.map(\.rawValue).joined(separator: ", "))
      }
    }

    let ci = root["ci"].flatMap { decodeCI($0, reader: reader) }

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
        reader.error("hosts is empty", at: hostsNode, help: "add at least one: hosts: { laptop: { system: x86_64-linux } }")
      }
    } else if root["hosts"] == nil {
      reader.diagnostics.error(
        "pdev.yaml defines no hosts", at: start,
        help: "add one per machine, e.g.\nhosts:\n  laptop: { system: x86_64-linux }")
    }

    // Level and progression are the person's, not a host's.
    var progression = "default"
    var progressionLocation: SourceLocation?
    var levelPin: Int?
    var levelPinLocation: SourceLocation?
    let composedGlobal = Composer.compose(topChain.map(\.root) + [body])
    if let neovim = composedGlobal?["neovim"] {
      if let p = neovim["progression"], let text = reader.string(p) {
        progression = text
        progressionLocation = p.location
      }
      if let l = neovim["level"], let level = reader.int(l, minimum: 1) {
        levelPin = level
        levelPinLocation = l.location
      }
    }
    if let hostsNode = root["hosts"] {
      for host in hostsNode.pairs ?? [] {
        for key in ["level", "progression"] {
          if let pair = host.value["neovim"]?.pair(forKey: key) {
            reader.error(
              "neovim.\(key) applies to every host", at: pair.key,
              help: "set it at the top level of pdev.yaml instead of in host '\(host.name)'")
          }
        }
      }
    }

    try reader.diagnostics.check()
    return PdevConfig(
      file: path, version: version, profile: root["extends"]?.text, user: user, hosts: hosts, output: output,
      stateVersion: stateVersion, stateVersionLocation: root["state-version"]?.location, channel: channel, ci: ci,
      generations: generations, progression: progression,
      progressionLocation: progressionLocation,
      levelPin: levelPin, levelPinLocation: levelPinLocation)
  }

  private func displayName(_ path: String) -> String { documents.display(path) }

  /// `tools:` with nothing after it is null, and null removes: every tool of the profile
  /// would silently go. An empty section is almost always an editing slip.
  func checkEmptySections(_ node: YAMLNode, reader: NodeReader) {
    for key in ["tools", "packages", "neovim", "user", "hosts"] {
      guard let pair = node.pair(forKey: key), pair.value.scalarValue == .null, pair.value.text != "null" else { continue }
      reader.error(
        "'\(key)' is empty", at: pair.key,
        help: key == "tools" || key == "neovim" || key == "packages"
          ? "an empty value removes every \(key == "packages" ? "package" : key == "tools" ? "tool" : "setting") the profile sets; write \(key): \(key == "packages" ? "[]" : "{}") to add nothing, or null to remove them on purpose"
          : "give it a value, or remove the line")
    }
  }

  private func checkVersion(_ root: YAMLNode, file: String, reader: NodeReader) throws(DiagnosticList) -> Int {
    guard let node = root["version"] else {
      throw DiagnosticList([
        .error("missing 'version'", at: SourceLocation(file: file, line: 1, column: 1), help: "add version: 1 as the first line")
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
        .error("version must be a number, found \(node.kindDescription)", at: node.location, length: node.length, help: help)
      ])
    }
    guard ConfigLoader.supportedVersions.contains(version) else {
      throw DiagnosticList([
        .error(
          "configuration version \(version) is not supported", at: node.location, length: node.length,
          help: "this pdev reads version \(ConfigLoader.supportedVersions.map(String.init).joined(separator: ", ")); "
            + (version > 1 ? "a newer pdev wrote this file: update pdev" : "write version: 1"))
      ])
    }
    return version
  }

  /// The chain of profiles `reference` stands for, root-most first.
  private func resolveChain(
    _ reference: String, node: YAMLNode, file: String, trail: [String], cache: inout [String: YAMLNode],
    reader: NodeReader
  ) -> [Layer] {
    guard let path = profiles.path(for: reference, from: file) else {
      let available = profiles.names()
      reader.error(
        ProfileLocator.isPath(reference) ? "profile file '\(reference)' does not exist" : "unknown profile '\(reference)'",
        at: node,
        help: EditDistance.didYouMean(reference, in: available) ?? "profiles: \(available.joined(separator: ", "))")
      return []
    }
    let shown = displayName(path)
    if trail.contains(shown) || trail.contains(reference) {
      reader.error(
        "extends forms a cycle", at: node,
        help: "remove one 'extends' from the chain",
        notes: ["chain: " + (trail + [shown]).joined(separator: " → ")])
      return []
    }
    if trail.count > 16 {
      reader.error("extends chain is longer than 16 profiles", at: node, notes: ["chain: " + trail.joined(separator: " → ")])
      return []
    }
    let root: YAMLNode
    if let cached = cache[path] {
      root = cached
    } else {
      do {
        let (_, parsed) = try documents.load(path)
        guard let parsed, parsed.pairs != nil else {
          reader.error("profile '\(reference)' is empty or not a mapping", at: node)
          return []
        }
        root = parsed
        cache[path] = parsed
        validateProfile(parsed, reader: reader)
        checkEmptySections(parsed, reader: reader)
      } catch {
        reader.diagnostics.add(contentsOf: error.items)
        return []
      }
    }
    var chain: [Layer] = []
    if let parent = root["extends"], let parentReference = reader.string(parent) {
      chain = resolveChain(parentReference, node: parent, file: path, trail: trail + [shown], cache: &cache, reader: reader)
    }
    var body = root
    body.content = .mapping((root.pairs ?? []).filter { !["version", "extends", "description"].contains($0.name) })
    chain.append(Layer(reference: reference, path: path, root: body))
    return chain
  }

  private func validateProfile(_ root: YAMLNode, reader: NodeReader) {
    guard root.pairs != nil else { return }
    if let v = root["version"] {
      if case .int(let n)? = v.scalarValue, !ConfigLoader.supportedVersions.contains(n) {
        reader.error("profile version \(n) is not supported", at: v, help: "this pdev reads version 1")
      } else if case .int? = v.scalarValue {
      } else {
        reader.error("version must be a number, found \(v.kindDescription)", at: v)
      }
    } else {
      reader.diagnostics.error("missing 'version'", at: root.location, help: "add version: 1 as the first line")
    }
    for pair in root.pairs! where !ConfigLoader.profileKeys.contains(pair.name) {
      let misplaced = ["user", "hosts", "output", "state-version", "channel"].contains(pair.name)
      reader.error(
        misplaced ? "'\(pair.name)' cannot be set in a profile" : "unknown key '\(pair.name)' in a profile", at: pair.key,
        help: misplaced
          ? "a profile is shared by machines and people; set '\(pair.name)' in pdev.yaml"
          : EditDistance.didYouMean(pair.name, in: ConfigLoader.profileKeys))
    }
  }

  /// The composition of a profile chain with pdev.yaml, decoded once for all its hosts.
  struct Shared {
    var tree: YAMLNode
    var tools: [String: ToolSetting]
    var packages: [String]
    var neovim: NeovimSettings
    var theme: ThemeChoice?
  }

  private func loadHost(
    _ pair: YAMLPair, topChain: [Layer], user: UserInfo, channel: Channel, file: String, reader: NodeReader,
    chain: (YAMLNode?, String, NodeReader) -> [Layer], base: ([Layer]) -> Shared
  ) -> HostConfig? {
    let what = "host '\(pair.name)'"
    if !isHostName(pair.name) {
      reader.error(
        "'\(pair.name)' is not a valid host name", at: pair.key,
        help: "use letters, digits, '-', '_' and '.', starting with a letter or digit")
    } else if SecretRules.looksLikeToken(pair.name) {
      reader.diagnostics.error(
        "this host name looks like an access token", at: pair.key.location, length: pair.key.length,
        help: "host names end up in the world-readable Nix store; name the machine", redact: true)
    } else if pair.name == "default" {
      reader.error(
        "a host cannot be called 'default'", at: pair.key,
        help: "the flake's homeModules.default is what every host shares; name the machine, e.g. by its host name")
    }
    let entry = pair.value
    guard entry.pairs != nil else {
      reader.error("\(what) must be a mapping such as { system: x86_64-linux }, found \(entry.kindDescription)", at: entry)
      return nil
    }
    reader.checkKeys(entry, allowed: ConfigLoader.hostKeys, in: what)
    var system: System?
    if let s = reader.require(entry, "system", in: what), let text = reader.string(s) {
      system = System(rawValue: text)
      if system == nil {
        reader.error(
          "unknown system '\(text)'", at: s,
          help: EditDistance.didYouMean(text, in: System.allCases.map(\.rawValue))
            ?? "systems: " + System.allCases.map(\.rawValue).joined(separator: ", "))
      }
    }
    if let system, !channel.builds(system), let s = entry["system"] {
      reader.error(
        "nixpkgs 26.11 (\(channel.rawValue)) has dropped \(system.rawValue)", at: s,
        help:
          "set channel: \(Channel.stable.rawValue) at the top level of pdev.yaml while that release is supported, or move this host to aarch64-darwin"
      )
    }
    var nixos = true
    if let n = entry["nixos"], let value = reader.bool(n) {
      if system?.isDarwin == true { reader.error("nixos applies to Linux hosts; \(pair.name) runs macOS", at: n) }
      nixos = value
    }
    let hostChain = entry["extends"] != nil ? chain(entry["extends"], file, reader) : topChain
    let shared = base(hostChain)
    var hostBody = entry
    hostBody.content = .mapping((entry.pairs ?? []).filter { !["system", "nixos", "extends", "user"].contains($0.name) })
    let layer = Composer.normalizeToggles(hostBody)
    let ownTree = layer.pairs?.isEmpty ?? true ? nil : layer

    var username = user.username
    if let u = entry["user"], reader.pairs(u, "user") != nil {
      reader.checkKeys(u, allowed: ["username"], in: "the user of \(what)", help: "a host can set only its username")
      if let un = u["username"], let value = reader.string(un) {
        if isUsername(value) { username = value } else { reader.error("'\(value)' is not a valid user name", at: un) }
      }
    }
    // Only what the host entry names is composed and decoded again; the rest is shared.
    var tools = ToolSettings(shared.tools)
    if let own = layer["tools"] {
      if let pairs = own.pairs, let base = shared.tree["tools"], base.pairs != nil {
        for toolPair in pairs {
          tools[toolPair.name] = nil
          if toolPair.value.scalarValue == .null { continue }
          let value =
            base.pair(forKey: toolPair.name).map { Composer.merge($0.value, toolPair.value) }
            ?? Composer.removingNulls(toolPair.value)
          if let setting = decodeTool(YAMLPair(key: toolPair.key, value: value), reader: reader) {
            tools[toolPair.name] = setting
          }
        }
      } else {
        tools = ToolSettings(decodeTools(Composer.merge(shared.tree, layer)["tools"], reader: reader))
      }
    }
    func composed(_ key: String) -> YAMLNode? { Composer.merge(shared.tree, layer)[key] }
    let packages = layer["packages"] != nil ? decodePackages(composed("packages"), reader: reader) : shared.packages
    let neovim = layer["neovim"] != nil ? decodeNeovim(composed("neovim"), reader: reader) : shared.neovim
    let theme = layer["theme"] != nil ? composed("theme").flatMap { decodeTheme($0, reader: reader) } : shared.theme
    guard let system else { return nil }
    return HostConfig(
      name: pair.name, system: system, username: username, nixos: nixos,
      profile: entry["extends"]?.text ?? hostChain.last?.reference, tools: tools, packages: packages, neovim: neovim,
      theme: theme, location: pair.key.location, sharedTree: shared.tree, ownTree: ownTree)
  }

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
        "unknown tool '\(pair.name)'", at: pair.key,
        help: EditDistance.didYouMean(pair.name, in: catalog.tools.keys) ?? "see the tools pdev knows with: pdev list tools")
      return nil
    }
    guard pair.value.pairs != nil else {
      reader.error(
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
      reader.error("packages must be a list of nixpkgs attributes, found \(node.kindDescription)", at: node, help: "packages: [tealdeer]")
      return []
    }
    var packages: [String] = []
    for item in items {
      guard let name = reader.string(item) else { continue }
      if !isAttributePath(name) {
        reader.error(
          "'\(name)' is not a nixpkgs attribute name", at: item, help: "attribute names look like tealdeer or python3Packages.black")
      } else if packages.contains(name) {
        reader.error("'\(name)' is listed twice", at: item)
      } else {
        packages.append(name)
      }
    }
    return packages
  }

  private func isHostName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first)
    else { return false }
    return name.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
    }
  }

  private func isUsername(_ name: String) -> Bool {
    // `.` and `..` (and any name starting with a dot) would make the home directory a
    // parent folder.
    !name.isEmpty && name.count <= 64 && !name.hasPrefix(".")
      && name.unicodeScalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
      }
      && !name.hasPrefix("-")
  }

  private func isStateVersion(_ text: String) -> Bool {
    let parts = text.split(separator: ".")
    return parts.count == 2 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isNumber) }
  }

  private func isAttributePath(_ name: String) -> Bool {
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    return !parts.isEmpty && parts.allSatisfy { NixSyntax.isIdentifier(String($0)) }
  }
}
