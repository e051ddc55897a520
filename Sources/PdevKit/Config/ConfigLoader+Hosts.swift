import PdevCore

/// Each host: its profile chain composed with pdev.yaml and its own entry.
extension ConfigLoader {
  /// The composition of a profile chain with pdev.yaml, decoded once for all its hosts.
  struct Shared {
    var tree: YAMLNode
    var tools: [String: ToolSetting]
    var packages: [String]
    var neovim: NeovimSettings
    var theme: ThemeChoice?
  }

  func loadHost(
    _ pair: YAMLPair, topChain: [Layer], user: UserInfo, channel: Channel, file: String, reader: NodeReader,
    chain: (YAMLNode?, String, NodeReader) -> [Layer], base: ([Layer]) -> Shared
  ) -> HostConfig? {
    let what = "host '\(pair.name)'"
    if !isHostName(pair.name) {
      reader.error(
        .invalidValue,
        "'\(pair.name)' is not a valid host name", at: pair.key,
        help: "use letters, digits, '-', '_' and '.', starting with a letter or digit")
    } else if SecretRules.looksLikeToken(pair.name) {
      reader.diagnostics.error(
        .literalSecret,
        "this host name looks like an access token", at: pair.key.location, length: pair.key.length,
        help: "host names end up in the world-readable Nix store; name the machine", redact: true)
    } else if pair.name == "default" {
      reader.error(
        .invalidValue,
        "a host cannot be called 'default'", at: pair.key,
        help: "the flake's homeModules.default is what every host shares; name the machine, e.g. by its host name")
    }
    let entry = pair.value
    guard entry.pairs != nil else {
      reader.error(.wrongType, "\(what) must be a mapping such as { system: x86_64-linux }, found \(entry.kindDescription)", at: entry)
      return nil
    }
    reader.checkKeys(entry, allowed: ConfigSchema.hostKeys, in: what)
    var system: System?
    if let s = reader.require(entry, "system", in: what), let text = reader.string(s) {
      system = System(rawValue: text)
      if system == nil {
        reader.error(
          .unsupportedSystem,
          "unknown system '\(text)'", at: s,
          help: EditDistance.didYouMean(text, in: System.allCases.map(\.rawValue))
            ?? "systems: " + System.allCases.map(\.rawValue).joined(separator: ", "))
      }
    }
    if let system, !channel.builds(system), let s = entry["system"] {
      reader.error(
        .unsupportedSystem,
        "nixpkgs 26.11 (\(channel.rawValue)) has dropped \(system.rawValue)", at: s,
        help:
          "set channel: \(Channel.stable.rawValue) at the top level of pdev.yaml while that release is supported, or move this host to aarch64-darwin"
      )
    }
    var nixos = true
    if let n = entry["nixos"], let value = reader.bool(n) {
      if system?.isDarwin == true { reader.error(.unsupportedSystem, "nixos applies to Linux hosts; \(pair.name) runs macOS", at: n) }
      nixos = value
    }
    let hostChain = entry["extends"] != nil ? chain(entry["extends"], file, reader) : topChain
    let shared = base(hostChain)
    var hostBody = entry
    hostBody.content = .mapping((entry.pairs ?? []).filter { ConfigSchema.composedKeys.contains($0.name) })
    let layer = Composer.normalizeToggles(hostBody)
    let ownTree = layer.pairs?.isEmpty ?? true ? nil : layer

    var username = user.username
    if let u = entry["user"], reader.pairs(u, "user") != nil {
      reader.checkKeys(u, allowed: ["username"], in: "the user of \(what)", help: "a host can set only its username")
      if let un = u["username"], let value = reader.string(un) {
        if isUsername(value) { username = value } else { reader.error(.invalidValue, "'\(value)' is not a valid user name", at: un) }
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

  func isHostName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first)
    else { return false }
    return name.unicodeScalars.allSatisfy {
      $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
    }
  }

  func isUsername(_ name: String) -> Bool {
    // `.` and `..` (and any name starting with a dot) would make the home directory a
    // parent folder.
    !name.isEmpty && name.count <= 64 && !name.hasPrefix(".")
      && name.unicodeScalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0))
      }
      && !name.hasPrefix("-")
  }

  func isStateVersion(_ text: String) -> Bool {
    let parts = text.split(separator: ".")
    return parts.count == 2 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isNumber) }
  }

  func isAttributePath(_ name: String) -> Bool {
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    return !parts.isEmpty && parts.allSatisfy { NixSyntax.isIdentifier(String($0)) }
  }
}
