import PdevCore

/// Checks YAML nodes against value types and turns them into `ConfigValue`s, collecting every
/// problem with its location. Literal secrets and anything that looks like a token are errors.
public struct ValueDecoder {
  public let structs: [String: StructType]
  public var diagnostics = DiagnosticBag()

  public init(structs: [String: StructType]) { self.structs = structs }

  public mutating func decode(_ node: YAMLNode, as type: ValueType, key: String? = nil, minimum: Int? = nil)
    -> ConfigValue?
  {
    switch type {
    case .union(let types):
      for candidate in types {
        var trial = ValueDecoder(structs: structs)
        if let value = trial.decode(node, as: candidate, key: key, minimum: minimum), !trial.diagnostics.hasErrors {
          return value
        }
      }
      // Report against the most specific member when the node's shape picks one.
      if let shaped = types.first(where: { shapeMatches(node, $0) }), types.filter({ shapeMatches(node, $0) }).count == 1 {
        return decode(node, as: shaped, key: key, minimum: minimum)
      }
      return mismatch(node, type)
    case .string:
      return decodeString(node, key: key, type: type)
    case .bool:
      return decodeBool(node, type)
    case .int:
      return decodeInt(node, type, minimum: minimum)
    case .number:
      return decodeNumber(node, type)
    case .literalFalse:
      if case .bool(false)? = node.scalarValue { return .bool(false) }
      return mismatch(node, type)
    case .enumeration(let cases):
      guard case .string(let s)? = node.scalarValue else { return mismatch(node, type) }
      guard cases.contains(s) else {
        diagnostics.error(
          .invalidValue,
          "'\(s)' is not one of \(cases.map { "'\($0)'" }.joined(separator: ", "))", at: node.location,
          length: node.length, help: EditDistance.didYouMean(s, in: cases))
        return nil
      }
      return .string(s)
    case .attrs:
      return decodeAny(node, key: key)
    case .secret:
      if node.pairs != nil { return decodeReference(node) }
      return decodeString(node, key: key, type: type)
    case .list(let element):
      return decodeList(node, type, element: element, minimum: minimum)
    case .map(let element):
      return decodeMap(node, type, element: element, minimum: minimum)
    case .named(let name):
      guard let spec = structs[name] else { return mismatch(node, type) }
      return decodeStruct(node, spec)
    }
  }

  // MARK: - Pieces

  private mutating func decodeBool(_ node: YAMLNode, _ type: ValueType) -> ConfigValue? {
    switch node.scalarValue {
    case .bool(let b)?: return .bool(b)
    case .string(let s)? where ["yes", "no", "on", "off", "y", "n"].contains(s.lowercased()):
      diagnostics.error(
        .wrongType,
        "expected true or false, found '\(s)'", at: node.location, length: node.length,
        help: "pdev reads YAML 1.2, where '\(s)' is text; write true or false")
      return nil
    default: return mismatch(node, type)
    }
  }

  private mutating func decodeInt(_ node: YAMLNode, _ type: ValueType, minimum: Int?) -> ConfigValue? {
    guard case .int(let i)? = node.scalarValue else {
      if case .float? = node.scalarValue {
        diagnostics.error(
          .wrongType,
          "expected a whole number, found \(node.kindDescription)", at: node.location, length: node.length)
        return nil
      }
      return mismatch(node, type)
    }
    if let text = node.text, isAmbiguousOctal(text) {
      diagnostics.error(
        .invalidValue,
        "ambiguous number '\(text)'", at: node.location, length: node.length,
        help: "YAML 1.1 reads a leading zero as octal, YAML 1.2 as decimal; write \(i) or 0o\(text.drop { $0 == "0" })")
      return nil
    }
    if let minimum, i < minimum {
      diagnostics.error(.invalidValue, "\(i) is too small; the least allowed is \(minimum)", at: node.location, length: node.length)
      return nil
    }
    return .int(i)
  }

  private mutating func decodeNumber(_ node: YAMLNode, _ type: ValueType) -> ConfigValue? {
    switch node.scalarValue {
    case .int(let i)?: return .int(i)
    case .float(let f)?: return float(f, node)
    default: return mismatch(node, type)
    }
  }

  /// A key shaped like a credential is an error (masked): the key itself would reach the store.
  private mutating func isTokenShapedKey(_ pair: YAMLPair) -> Bool {
    guard SecretRules.looksLikeToken(pair.name) else { return false }
    diagnostics.error(
      .literalSecret,
      "this key looks like an access token", at: pair.key.location, length: pair.key.length,
      help: "a token never belongs in a key: pdev.yaml ends up in the world-readable Nix store", redact: true)
    return true
  }

  /// A float as Nix reads it: finite, and 0 or a normal number.
  private mutating func float(_ f: Double, _ node: YAMLNode) -> ConfigValue? {
    guard ValueDecoder.nixReads(f) else {
      diagnostics.error(
        .invalidValue,
        "'\(node.text ?? "")' is not a number Nix can read", at: node.location, length: node.length,
        help: "Nix floats are finite and at least 2.2250738585072014e-308 in size (or 0)")
      return nil
    }
    return .float(f)
  }

  private mutating func decodeList(_ node: YAMLNode, _ type: ValueType, element: ValueType, minimum: Int?) -> ConfigValue? {
    guard let items = node.items else {
      if let text = node.text, case .string? = node.scalarValue {
        diagnostics.error(
          .wrongType,
          "expected \(type.phrase), found \(node.kindDescription)", at: node.location, length: node.length,
          help: "write a list: [\(text)]")
        return nil
      }
      return mismatch(node, type)
    }
    return .list(items.compactMap { decode($0, as: element, minimum: minimum) })
  }

  private mutating func decodeMap(_ node: YAMLNode, _ type: ValueType, element: ValueType, minimum: Int?) -> ConfigValue? {
    guard let pairs = node.pairs else { return mismatch(node, type) }
    var values: [String: ConfigValue] = [:]
    for pair in pairs {
      if isTokenShapedKey(pair) { continue }
      if pair.value.scalarValue == .null, element != .attrs {
        // An empty value is allowed in a mapping only as `null` (removal) during composition;
        // after composition it means the user left the value out.
        diagnostics.error(
          .missingKey,
          "'\(pair.name)' has no value", at: pair.value.location, length: pair.key.length,
          help: "give it \(element.phrase), or remove the line")
        continue
      }
      if let v = decode(pair.value, as: element, key: pair.name, minimum: minimum) { values[pair.name] = v }
    }
    return .map(values)
  }

  private mutating func decodeString(_ node: YAMLNode, key: String?, type: ValueType) -> ConfigValue? {
    switch node.scalarValue {
    case .string(let s)?:
      guard checkText(s, node: node, key: key, allowsReference: type == .secret) else { return nil }
      return .string(s)
    case .int?, .float?, .bool?:
      diagnostics.error(
        .wrongType,
        "expected \(type.phrase), found \(node.kindDescription)", at: node.location, length: node.length,
        help: "quote it to keep it text: \"\(node.text ?? "")\"")
      return nil
    default:
      return mismatch(node, type)
    }
  }

  /// Rejects NUL characters, tokens anywhere, and literals under secret-looking keys.
  /// A value under a secret-looking key that is not a reference: a number, a list or a map
  /// can hold a secret as well as a string can.
  private mutating func secretLiteral(_ node: YAMLNode, key: String) {
    diagnostics.error(
      .literalSecret,
      "'\(key)' looks like a secret; its literal value would be copied to the world-readable Nix store",
      at: node.location, length: node.length, help: SecretRules.help(key: key, allowsReference: false), redact: true)
  }

  /// Finite, and not so small that Nix's parser refuses it (subnormal).
  static func nixReads(_ f: Double) -> Bool { f.isFinite && (f == 0 || abs(f) >= Double.leastNormalMagnitude) }

  /// A plain scalar that reads as an integer in YAML but does not fit 64 bits: not text the
  /// user meant, and no number Nix has.
  static func isOverflowingInteger(_ node: YAMLNode) -> Bool {
    guard case .scalar(let text, .plain) = node.content, !text.isEmpty else { return false }
    let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
    return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber } && Int(text) == nil
  }

  private mutating func checkText(_ s: String, node: YAMLNode, key: String?, allowsReference: Bool) -> Bool {
    if s.utf8.contains(0) {
      diagnostics.error(
        .invalidValue,
        "value contains a NUL character", at: node.location, length: node.length,
        help: "remove the \\0 escape; Nix strings cannot hold NUL")
      return false
    }
    if SecretRules.looksLikeToken(s) {
      diagnostics.error(
        .literalSecret,
        "this value looks like an access token or private key", at: node.location, length: node.length,
        help: SecretRules.help(key: key ?? "NAME", allowsReference: allowsReference), redact: true)
      return false
    }
    if let key, !s.isEmpty, SecretRules.looksSecret(key) {
      diagnostics.error(
        .literalSecret,
        "'\(key)' looks like a secret; its literal value would be copied to the world-readable Nix store",
        at: node.location, length: node.length,
        help: SecretRules.help(key: key, allowsReference: allowsReference), redact: true)
      return false
    }
    return true
  }

  private mutating func decodeReference(_ node: YAMLNode) -> ConfigValue? {
    let pairs = node.pairs!
    guard pairs.count == 1, let pair = pairs.first, ["secret-file", "env"].contains(pair.name) else {
      let unknown = pairs.first { !["secret-file", "env"].contains($0.name) }
      diagnostics.error(
        .invalidValue,
        pairs.count == 1 || unknown != nil
          ? "unknown reference '\(unknown?.name ?? pairs[0].name)'" : "a reference has exactly one key",
        at: (unknown ?? pairs.first)?.key.location ?? node.location, length: (unknown ?? pairs.first)?.key.length ?? 1,
        help: EditDistance.didYouMean(unknown?.name ?? "", in: ["secret-file", "env"])
          ?? "write { secret-file: PATH } or { env: NAME }")
      return nil
    }
    guard case .string(let text)? = pair.value.scalarValue, !text.isEmpty else {
      diagnostics.error(.wrongType, "expected a string for '\(pair.name)'", at: pair.value.location, length: pair.value.length)
      return nil
    }
    if pair.name == "env" {
      guard SecretRules.isEnvironmentName(text) else {
        diagnostics.error(
          .invalidValue,
          "'\(text)' is not an environment variable name", at: pair.value.location, length: pair.value.length,
          help: "use letters, digits and underscores, not starting with a digit")
        return nil
      }
      return .secretEnv(text)
    }
    guard text.hasPrefix("/") || text.hasPrefix("~/"), !text.unicodeScalars.contains("\0") else {
      diagnostics.error(
        .invalidValue,
        "secret-file must be an absolute path or start with ~/", at: pair.value.location, length: pair.value.length,
        help: "for example ~/.config/secrets/\(text.split(separator: "/").last ?? "token")")
      return nil
    }
    return .secretFile(text)
  }

  private mutating func decodeStruct(_ node: YAMLNode, _ spec: StructType) -> ConfigValue? {
    guard let pairs = node.pairs else { return mismatch(node, .named(spec.name)) }
    var values: [String: ConfigValue] = [:]
    for pair in pairs {
      guard let field = spec.field(pair.name) else {
        diagnostics.error(
          .unknownKey,
          "unknown key '\(pair.name)' in \(spec.name)", at: pair.key.location, length: pair.key.length,
          help: EditDistance.didYouMean(pair.name, in: spec.fields.map(\.name))
            ?? "known keys: \(spec.fields.map(\.name).joined(separator: ", "))")
        continue
      }
      if let v = decode(pair.value, as: field.type, key: pair.name, minimum: field.minimum) { values[pair.name] = v }
    }
    if !spec.oneOf.isEmpty {
      let present = spec.oneOf.filter { node[$0] != nil }
      if present.count != 1 {
        diagnostics.error(
          .missingKey,
          "set exactly one of \(spec.oneOf.map { "'\($0)'" }.joined(separator: " or ")) in this \(spec.name)",
          at: node.location,
          help: present.isEmpty ? "a local server needs 'command', a remote one 'url'" : "remove one of them")
      }
    }
    return .map(values)
  }

  /// Any YAML value, as freeform settings.
  private mutating func decodeAny(_ node: YAMLNode, key: String?) -> ConfigValue? {
    switch node.content {
    case .scalar:
      switch node.scalarValue! {
      case .null: return .null
      case .bool(let b): return .bool(b)
      case .int(let i):
        if let key, SecretRules.looksSecret(key) {
          secretLiteral(node, key: key)
          return nil
        }
        return .int(i)
      case .float(let f):
        return float(f, node)
      case .string(let s):
        if ValueDecoder.isOverflowingInteger(node) {
          diagnostics.error(
            .invalidValue,
            "'\(s)' is too large for Nix's 64-bit integers", at: node.location, length: node.length,
            help: "quote it to mean text: \"\(s)\"")
          return nil
        }
        guard checkText(s, node: node, key: key, allowsReference: false) else { return nil }
        return .string(s)
      }
    case .sequence(let items):
      if let key, SecretRules.looksSecret(key), !items.isEmpty {
        secretLiteral(node, key: key)
        return nil
      }
      return .list(items.compactMap { decodeAny($0, key: nil) })
    case .mapping(let pairs):
      if let key, SecretRules.looksSecret(key), !pairs.isEmpty {
        secretLiteral(node, key: key)
        return nil
      }
      var values: [String: ConfigValue] = [:]
      for pair in pairs {
        if isTokenShapedKey(pair) { continue }
        // nixvim reads `__raw`, `__unkeyed…`, `__empty`, `__pretty`, `__rawKey__…` as Lua code
        // or structure: data in pdev.yaml never becomes code.
        if pair.name.hasPrefix("__") {
          diagnostics.error(
            .invalidValue,
            "'\(pair.name)': keys starting with __ are not accepted in settings", at: pair.key.location, length: pair.key.length,
            help: "nixvim would run `__raw` and its siblings as Lua; write such code in local.nix, where it is yours to review")
          continue
        }
        if let v = decodeAny(pair.value, key: pair.name) { values[pair.name] = v }
      }
      return .map(values)
    }
  }

  private func shapeMatches(_ node: YAMLNode, _ type: ValueType) -> Bool {
    switch (node.content, type) {
    case (.mapping, .map), (.mapping, .named), (.mapping, .attrs), (.mapping, .secret): return true
    case (.sequence, .list), (.sequence, .attrs): return true
    case (.scalar, .list), (.scalar, .map), (.scalar, .named), (.sequence, _), (.mapping, _): return false
    case (.scalar, _): return true
    }
  }

  private func isAmbiguousOctal(_ text: String) -> Bool {
    var digits = Substring(text)
    if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
    return digits.count > 1 && digits.first == "0" && digits.allSatisfy(\.isNumber)
  }

  @discardableResult
  private mutating func mismatch(_ node: YAMLNode, _ type: ValueType) -> ConfigValue? {
    diagnostics.error(
      .wrongType,
      "expected \(type.phrase), found \(node.kindDescription)", at: node.location, length: node.length)
    return nil
  }
}
