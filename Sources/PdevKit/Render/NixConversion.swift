import PdevCore

extension ConfigValue {
  /// This value as Nix. Every scalar and list that sits directly under an attribute is
  /// wrapped in `lib.mkDefault` (when `overridable`), so that a plain definition in local.nix
  /// replaces it without `mkForce`; attribute sets merge key by key. List elements are never
  /// wrapped: a list is one value.
  ///
  /// With `emptyLua`, the value is bound for a Lua table (nixvim plugin settings): nixvim's
  /// Lua conversion drops empty lists and sets, so the plugin's default would stay. An empty
  /// list is written as that raw Lua literal instead (`{}`, or the plugin's own spelling of
  /// "none", such as `false`), and an empty map as `{}`: both arrive as written.
  public func nix(overridable: Bool = true, emptyLua: String? = nil) -> Nix {
    func wrap(_ value: Nix) -> Nix { overridable ? .mkDefault(value) : value }
    switch self {
    case .null: return wrap(.null)
    case .bool(let b): return wrap(.bool(b))
    case .int(let i): return wrap(.int(i))
    case .float(let f): return wrap(.float(f))
    case .string(let s): return wrap(.string(s))
    case .list(let items):
      if items.isEmpty, let emptyLua { return wrap(Nix.rawLua(emptyLua)) }
      return wrap(.list(items.map { $0.nix(overridable: false, emptyLua: emptyLua) }))
    case .map(let m):
      if m.isEmpty, emptyLua != nil { return wrap(Nix.rawLua("{}")) }
      var attrs = NixAttrs()
      for (key, value) in m { attrs[key] = value.nix(overridable: overridable, emptyLua: emptyLua) }
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
  /// Placeholders every fragment may use besides its tool's options.
  public enum Builtin: String, Sendable, CaseIterable {
    case userName = "user.name"
    case userEmail = "user.email"
    case userUsername = "user.username"
    case hostName = "host.name"
    case hostSystem = "host.system"
    /// The executable of the shell pdev configures on the host (left out when none), as a
    /// Nix expression for its store path: a GUI terminal started by the desktop has no Nix
    /// profile on PATH.
    case hostShell = "host.shell"
    /// pdev's own fish completions, supplied by the command line.
    case completionsFish = "pdev.completions.fish"
  }

  public static let builtinPlaceholders = Set(Builtin.allCases.map(\.rawValue))

  /// Placeholders that stand for a Nix expression rather than a value.
  static func expression(_ name: String, value: ConfigValue) -> Nix? {
    guard Builtin(rawValue: name) == .hostShell, case .string(let shell) = value, NixSyntax.isIdentifier(shell) else { return nil }
    return .expr("lib.getExe " + NixSyntax.attributePath(["config", "programs", shell, "package"]))
  }
  /// A key whose (mapping) value merges into the mapping that holds it.
  static let mergeKey = "__merge"

  /// How a `"{{name | FILTER}}"` placeholder turns its value into Nix.
  public enum Filter: String, Sendable, CaseIterable {
    /// A map of texts: each becomes `{ src = pkgs.writeText NAME TEXT; }`, a file in the
    /// store (home-manager's form for bat's themes and syntaxes).
    case textFiles = "text-files"
  }

  /// The name in a `"{{name}}"` or `"{{name | filter}}"` scalar.
  public static func placeholder(_ node: YAMLNode) -> String? { parts(node)?.name }

  /// The filter of a `"{{name | filter}}"` scalar, as written.
  public static func filter(_ node: YAMLNode) -> String? { parts(node)?.filter }

  private static func parts(_ node: YAMLNode) -> (name: String, filter: String?)? {
    guard case .scalar(let text, _) = node.content, text.utf8.count > 4, text.utf8.first == 0x7B, text.hasPrefix("{{"),
      text.hasSuffix("}}")
    else { return nil }
    let inner = text.dropFirst(2).dropLast(2)
    let pieces = inner.split(separator: "|", maxSplits: 1).map { String($0).trimmingWhitespace }
    return (pieces[0], pieces.count > 1 ? pieces[1] : nil)
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
          // The user's settings win over the fragment's own values at the same path.
          for (key, value) in m { attrs.overlay([key], value.nix(overridable: !plain)) }
        }
        continue
      }
      if let value = render(value: pair.value, plain: plain, lookup: lookup) { attrs.set(path, value) }
    }
    return attrs
  }

  private static func render(value node: YAMLNode, plain: Bool, lookup: (String) -> ConfigValue?) -> Nix? {
    if let name = placeholder(node) {
      guard let value = lookup(name) else { return nil }
      if let expression = expression(name, value: value) { return plain ? expression : .mkDefault(expression) }
      if filter(node) == Filter.textFiles.rawValue, case .map(let texts) = value {
        var files = NixAttrs()
        for (file, text) in texts {
          guard case .string(let contents) = text else { continue }
          let source = Nix.apply("pkgs.writeText " + NixSyntax.quoted(file), .string(contents))
          files.set([file, "src"], plain ? source : .mkDefault(source))
        }
        return .attrs(files)
      }
      return value.nix(overridable: !plain)
    }
    switch node.content {
    case .mapping(let pairs):
      let inner = render(node, plain: plain, lookup: lookup)
      return inner.isEmpty && !pairs.isEmpty ? nil : .attrs(inner)
    case .sequence(let items):
      let list = Nix.list(items.compactMap { render(value: $0, plain: plain, lookup: lookup) }.map(\.unwrapped))
      return plain ? list : .mkDefault(list)
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
  /// `{ __raw = CODE; }`: Lua that nixvim writes as it is (used for literals pdev chooses).
  static func rawLua(_ code: String) -> Nix { .attrs(NixAttrs(["__raw": .string(code)])) }

  /// The value without a `lib.mkDefault` wrapper.
  var unwrapped: Nix {
    if case .apply("lib.mkDefault", let inner) = self { return inner }
    return self
  }
}
