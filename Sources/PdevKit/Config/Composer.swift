import PdevCore

/// The composition rule, on YAML nodes so every value keeps the file and line it came from:
/// mappings merge key by key, `null` removes a key, anything else from the later layer
/// replaces the earlier one. Toggles (`tool: true`) become `{ enable: true }` first, so that
/// `false` disables a tool while keeping its settings for a later `true`.
public enum Composer {
  /// Paths whose entries are toggles: `true`, `false` or a mapping of settings.
  static let togglePaths: [[String]] = [["tools"], ["neovim", "plugins"]]

  public static func compose(_ layers: [YAMLNode]) -> YAMLNode? {
    var result: YAMLNode?
    for layer in layers {
      let normalized = normalizeToggles(layer)
      result = result.map { merge($0, normalized) } ?? removingNulls(normalized)
    }
    return result
  }

  public static func merge(_ base: YAMLNode, _ overlay: YAMLNode) -> YAMLNode {
    guard case .mapping(var pairs) = base.content, case .mapping(let top) = overlay.content else {
      return removingNulls(overlay)
    }
    var index: [String: Int] = [:]
    for (i, pair) in pairs.enumerated() { index[pair.name] = i }
    var removed = Set<Int>()
    for pair in top {
      if pair.value.scalarValue == .null {
        if let i = index[pair.name] { removed.insert(i) }
        continue
      }
      if let i = index[pair.name], !removed.contains(i) {
        pairs[i] = YAMLPair(key: pair.key, value: merge(pairs[i].value, pair.value))
      } else {
        index[pair.name] = pairs.count
        pairs.append(YAMLPair(key: pair.key, value: removingNulls(pair.value)))
      }
    }
    var node = base
    node.content = .mapping(removed.isEmpty ? pairs : pairs.enumerated().filter { !removed.contains($0.offset) }.map(\.element))
    return node
  }

  static func removingNulls(_ node: YAMLNode) -> YAMLNode {
    guard case .mapping(let pairs) = node.content, pairs.contains(where: { $0.value.scalarValue == .null || $0.value.pairs != nil }) else {
      return node
    }
    var copy = node
    copy.content = .mapping(pairs.filter { $0.value.scalarValue != .null }.map { YAMLPair(key: $0.key, value: removingNulls($0.value)) })
    return copy
  }

  /// With `implicitEnable` false, a mapping of settings without `enable` configures what it
  /// names without turning it on: settings written for one profile, applied to a host that
  /// extends another.
  static func normalizeToggles(_ root: YAMLNode, implicitEnable: Bool = true) -> YAMLNode {
    var root = root
    for path in togglePaths { root = rewrite(root, path: path[...], implicitEnable: implicitEnable) }
    return root
  }

  private static func rewrite(_ node: YAMLNode, path: ArraySlice<String>, implicitEnable: Bool) -> YAMLNode {
    guard case .mapping(let pairs) = node.content else { return node }
    var copy = node
    if let head = path.first {
      copy.content = .mapping(
        pairs.map {
          $0.name == head ? YAMLPair(key: $0.key, value: rewrite($0.value, path: path.dropFirst(), implicitEnable: implicitEnable)) : $0
        })
      return copy
    }
    copy.content = .mapping(pairs.map { YAMLPair(key: $0.key, value: toggle($0.value, implicitEnable: implicitEnable)) })
    return copy
  }

  /// `true`/`false` → `{ enable: … }`; a mapping without `enable` gets `enable: true` when
  /// `implicitEnable`.
  static func toggle(_ value: YAMLNode, implicitEnable: Bool = true) -> YAMLNode {
    switch value.content {
    case .scalar:
      guard case .bool? = value.scalarValue else { return value }
      return YAMLNode(.mapping([YAMLPair(key: .scalar("enable", at: value.location), value: value)]), at: value.location)
    case .mapping(let pairs):
      if pairs.contains(where: { $0.name == "enable" }) || !implicitEnable { return value }
      let enable = YAMLPair(
        key: .scalar("enable", at: value.location),
        value: YAMLNode(.scalar("true", .plain), at: value.location))
      var copy = value
      copy.content = .mapping([enable] + pairs)
      return copy
    case .sequence:
      return value
    }
  }
}
