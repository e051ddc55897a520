#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import PdevCore

extension ConfigValue {
  /// This value as Nix. Scalars that sit directly under an attribute are wrapped in
  /// `lib.mkDefault` (when `overridable`) so that local.nix can override them without
  /// `mkForce`; list elements are never wrapped, since list merging would keep the wrapper.
  public func nix(overridable: Bool = true) -> Nix {
    switch self {
    case .null: return overridable ? .mkDefault(.null) : .null
    case .bool(let b): return overridable ? .mkDefault(.bool(b)) : .bool(b)
    case .int(let i): return overridable ? .mkDefault(.int(i)) : .int(i)
    case .float(let f): return overridable ? .mkDefault(.float(f)) : .float(f)
    case .string(let s): return overridable ? .mkDefault(.string(s)) : .string(s)
    case .list(let items): return .list(items.map { $0.nix(overridable: false) })
    case .map(let m):
      var attrs = NixAttrs()
      for (key, value) in m { attrs[key] = value.nix(overridable: overridable) }
      return .attrs(attrs)
    case .secretFile(let path):
      // home-manager reads `{ file = PATH; }` when the program starts; only the path is stored.
      return .attrs(NixAttrs(["file": ConfigValue.homePath(path)]))
    case .secretEnv(let name):
      // Expanded by the program from its environment when it starts.
      return .string("${\(name)}")
    }
  }

  /// `~/x` as `"${config.home.homeDirectory}/x"`, so no machine path lands in the output.
  static func homePath(_ path: String) -> Nix {
    if path.hasPrefix("~/") {
      return .interpolated([.expr("config.home.homeDirectory"), .text(String(path.dropFirst()))])
    }
    return .string(path)
  }
}

/// A tool's render fragment: YAML shaped like the home-manager options it sets, with
/// `"{{key}}"` standing for the value of option `key` (left out when it has no value).
public enum RenderFragment {
  public static let builtinPlaceholders: Set<String> = [
    "user.name", "user.email", "user.username", "host.name", "host.system", "pdev.completions.fish",
  ]
  /// A key whose (mapping) value merges into the mapping that holds it.
  static let mergeKey = "__merge"

  /// The name in a `"{{name}}"` scalar.
  public static func placeholder(_ node: YAMLNode) -> String? {
    guard case .scalar(let text, _) = node.content, text.utf8.count > 4, text.utf8.first == 0x7B, text.hasPrefix("{{"),
      text.hasSuffix("}}")
    else { return nil }
    let bytes = Array(text.utf8)
    var start = 2
    var end = bytes.count - 2
    while start < end, bytes[start] == 0x20 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 { end -= 1 }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// The fragment as Nix attributes, with placeholders filled from `lookup`. Scalars are
  /// wrapped in lib.mkDefault unless `plain`.
  public static func render(_ node: YAMLNode, plain: Bool = false, lookup: (String) -> ConfigValue?) -> NixAttrs {
    var attrs = NixAttrs()
    for pair in node.pairs ?? [] {
      // Plain keys with dots are attribute paths; quoted keys are single names.
      guard case .scalar(_, let style) = pair.key.content else { continue }
      let path = style == .plain ? pair.name.split(separator: ".").map(String.init) : [pair.name]
      if pair.name == mergeKey {
        if let name = placeholder(pair.value), case .map(let m)? = lookup(name) {
          for (key, value) in m { attrs.set([key], value.nix(overridable: !plain)) }
        }
        continue
      }
      if let value = render(value: pair.value, plain: plain, lookup: lookup) { attrs.set(path, value) }
    }
    return attrs
  }

  private static func render(value node: YAMLNode, plain: Bool, lookup: (String) -> ConfigValue?) -> Nix? {
    if let name = placeholder(node) { return lookup(name)?.nix(overridable: !plain) }
    switch node.content {
    case .mapping(let pairs):
      let inner = render(node, plain: plain, lookup: lookup)
      return inner.isEmpty && !pairs.isEmpty ? nil : .attrs(inner)
    case .sequence(let items):
      return .list(items.compactMap { render(value: $0, plain: plain, lookup: lookup) }.map(\.unwrapped))
    case .scalar:
      let value: ConfigValue
      switch node.scalarValue! {
      case .null: return nil
      case .bool(let b): value = .bool(b)
      case .int(let i): value = .int(i)
      case .float(let f): value = .float(f)
      case .string(let s): value = .string(s)
      }
      return value.nix(overridable: !plain)
    }
  }
}

extension Nix {
  /// The value without a `lib.mkDefault` wrapper.
  var unwrapped: Nix {
    if case .apply("lib.mkDefault", let inner) = self { return inner }
    return self
  }
}
