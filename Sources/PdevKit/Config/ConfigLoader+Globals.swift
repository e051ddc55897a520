import PdevCore

/// pdev.yaml's settings that are the person's, not a host's: who they are, where the output
/// goes, the channel, CI, the number of generations, and the level and progression.
extension ConfigLoader {
  struct Globals {
    var user: UserInfo
    var output: String?
    var stateVersion: String?
    var generations: Int
    var channel: Channel
    var ci: CISettings?
  }

  func decodeGlobals(_ root: YAMLNode, reader: NodeReader) -> Globals {
    var user = UserInfo(name: nil, email: nil, username: defaultUsername)
    if let u = root["user"], reader.pairs(u, "user") != nil {
      reader.checkKeys(u, allowed: ConfigSchema.userInfoKeys, in: "user")
      user.name = reader.string(u["name"])
      user.email = reader.string(u["email"])
      if let un = u["username"], let value = reader.string(un) {
        if isUsername(value) { user.username = value } else { reader.error(.invalidValue, "'\(value)' is not a valid user name", at: un) }
      }
    }
    let output = root["output"].flatMap { node -> String? in
      guard let text = reader.string(node) else { return nil }
      if text.trimmingWhitespace.isEmpty {
        reader.error(
          .invalidValue,
          "output is empty", at: node, help: "name the folder to render into, e.g. output: ~/.config/home-manager; or remove the line")
        return nil
      }
      return text
    }
    let stateVersion = root["state-version"].flatMap { node -> String? in
      guard let v = reader.string(node) else { return nil }
      if !isStateVersion(v) { reader.error(.invalidValue, "'\(v)' is not a home-manager release such as \"26.05\"", at: node) }
      return v
    }
    let generations = root["generations"].flatMap { reader.int($0, minimum: 1) } ?? PdevConfig.defaultGenerations
    var channel = Channel.unstable
    if let c = root["channel"], let text = reader.string(c) {
      if let parsed = Channel(rawValue: text) {
        channel = parsed
      } else {
        reader.error(
          .invalidValue,
          "unknown channel '\(text)'", at: c,
          help: EditDistance.didYouMean(text, in: Channel.allCases.map(\.rawValue))
            ?? "channels: " + Channel.allCases.map(\.rawValue).joined(separator: ", "))
      }
    }

    let ci = root["ci"].flatMap { decodeCI($0, reader: reader) }
    return Globals(user: user, output: output, stateVersion: stateVersion, generations: generations, channel: channel, ci: ci)
  }

  struct Person {
    var progression = "default"
    var progressionLocation: SourceLocation?
    var levelPin: Int?
    var levelPinLocation: SourceLocation?
  }

  /// Level and progression: set at the top level (or by the profiles), never by a host.
  func decodePerson(_ root: YAMLNode, topChain: [Layer], body: YAMLNode, reader: NodeReader) -> Person {
    var person = Person()
    let composedGlobal = Composer.compose(topChain.map(\.root) + [body])
    if let neovim = composedGlobal?["neovim"] {
      if let p = neovim["progression"], let text = reader.string(p) {
        person.progression = text
        person.progressionLocation = p.location
      }
      if let l = neovim["level"], let level = reader.int(l, minimum: 1) {
        person.levelPin = level
        person.levelPinLocation = l.location
      }
    }
    if let hostsNode = root["hosts"] {
      for host in hostsNode.pairs ?? [] {
        for key in ["level", "progression"] {
          if let pair = host.value["neovim"]?.pair(forKey: key) {
            reader.error(
              .misplacedKey,
              "neovim.\(key) applies to every host", at: pair.key,
              help: "set it at the top level of pdev.yaml instead of in host '\(host.name)'")
          }
        }
      }
    }
    return person
  }
}
