import PdevCore

extension ConfigLoader {
  /// `ci: github`, or `ci: { provider: github, cache: { cachix: NAME } }` (or
  /// `{ attic: URL, name: CACHE }`). Tokens are repository secrets, never values here.
  func decodeCI(_ node: YAMLNode, reader: NodeReader) -> CISettings? {
    let providers = CISettings.Provider.allCases.map(\.rawValue)
    func provider(_ node: YAMLNode) -> CISettings.Provider? {
      guard let text = reader.string(node) else { return nil }
      guard let provider = CISettings.Provider(rawValue: text) else {
        reader.error(
          .invalidValue,
          "unknown CI provider '\(text)'", at: node,
          help: EditDistance.didYouMean(text, in: providers) ?? "providers: " + providers.joined(separator: ", "))
        return nil
      }
      return provider
    }
    if node.pairs == nil { return provider(node).map { CISettings(provider: $0) } }
    reader.checkKeys(node, allowed: ["provider", "cache"], in: "ci")
    guard let providerNode = reader.require(node, "provider", in: "ci"), let chosen = provider(providerNode) else { return nil }
    var settings = CISettings(provider: chosen)
    if let cache = node["cache"], reader.pairs(cache, "ci.cache") != nil {
      reader.checkKeys(cache, allowed: ["cachix", "attic", "name"], in: "ci.cache")
      if let cachix = cache["cachix"], let name = reader.string(cachix) {
        if cache["attic"] != nil { reader.error(.invalidValue, "ci.cache is either cachix or attic, not both", at: cache) }
        if !CatalogLoader.isName(name) { reader.error(.invalidValue, "'\(name)' is not a cachix cache name", at: cachix) }
        settings.cache = .cachix(name: name)
      } else if let attic = cache["attic"], let url = reader.string(attic) {
        if !url.hasPrefix("https://") && !url.hasPrefix("http://") || url.contains(where: { $0 == " " || $0 == "@" }) {
          reader.error(
            .invalidValue,
            "'\(url)' is not an attic server URL", at: attic,
            help: "the server's address, e.g. https://attic.example.org; its token is the repository secret ATTIC_TOKEN")
        }
        guard let nameNode = reader.require(cache, "name", in: "ci.cache"), let name = reader.string(nameNode) else { return settings }
        if !CatalogLoader.isName(name) { reader.error(.invalidValue, "'\(name)' is not an attic cache name", at: nameNode) }
        settings.cache = .attic(url: url, name: name)
      } else if cache["cachix"] == nil && cache["attic"] == nil {
        reader.error(
          .missingKey,
          "ci.cache names a cachix cache or an attic server", at: cache,
          help: "cache: { cachix: my-cache } or cache: { attic: https://attic.example.org, name: home }")
      }
    }
    return settings
  }
}
