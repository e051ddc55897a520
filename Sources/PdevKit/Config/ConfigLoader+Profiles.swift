import PdevCore

/// The chain of profiles a configuration extends.
extension ConfigLoader {
  /// The chain of profiles `reference` stands for, root-most first.
  func resolveChain(
    _ reference: String, node: YAMLNode, file: String, trail: [String], cache: inout [String: YAMLNode],
    reader: NodeReader
  ) -> [Layer] {
    guard let path = profiles.path(for: reference, from: file) else {
      let available = profiles.names()
      reader.error(
        .unknownProfile,
        ProfileLocator.isPath(reference) ? "profile file '\(reference)' does not exist" : "unknown profile '\(reference)'",
        at: node,
        help: EditDistance.didYouMean(reference, in: available) ?? "profiles: \(available.joined(separator: ", "))")
      return []
    }
    let shown = displayName(path)
    if trail.contains(shown) || trail.contains(reference) {
      reader.error(
        .extendsCycle,
        "extends forms a cycle", at: node,
        help: "remove one 'extends' from the chain",
        notes: ["chain: " + (trail + [shown]).joined(separator: " → ")])
      return []
    }
    if trail.count > 16 {
      reader.error(.extendsCycle, "extends chain is longer than 16 profiles", at: node, notes: ["chain: " + trail.joined(separator: " → ")])
      return []
    }
    let root: YAMLNode
    if let cached = cache[path] {
      root = cached
    } else {
      do {
        let (_, parsed) = try documents.load(path)
        guard let parsed, parsed.pairs != nil else {
          reader.error(.unknownProfile, "profile '\(reference)' is empty or not a mapping", at: node)
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

  func validateProfile(_ root: YAMLNode, reader: NodeReader) {
    guard root.pairs != nil else { return }
    if let v = root["version"] {
      if case .int(let n)? = v.scalarValue, !ConfigLoader.supportedVersions.contains(n) {
        reader.error(.unsupportedVersion, "profile version \(n) is not supported", at: v, help: "this pdev reads version 1")
      } else if case .int? = v.scalarValue {
      } else {
        reader.error(.unsupportedVersion, "version must be a number, found \(v.kindDescription)", at: v)
      }
    } else {
      reader.diagnostics.error(.unsupportedVersion, "missing 'version'", at: root.location, help: "add version: 1 as the first line")
    }
    for pair in root.pairs! where !ConfigSchema.profileKeys.contains(pair.name) {
      let misplaced = ConfigSchema.userKeys.contains(pair.name)
      reader.error(
        misplaced ? .misplacedKey : .unknownKey,
        misplaced ? "'\(pair.name)' cannot be set in a profile" : "unknown key '\(pair.name)' in a profile", at: pair.key,
        help: misplaced
          ? "a profile is shared by machines and people; set '\(pair.name)' in pdev.yaml"
          : EditDistance.didYouMean(pair.name, in: ConfigSchema.profileKeys))
    }
  }
}
