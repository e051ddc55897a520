/// A Nix expression built from data; `Nix.render` is the only way it becomes text.
public indirect enum Nix: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
  /// A double-quoted string mixing literal text and `${expr}` parts pdev writes itself.
  case interpolated([NixStringPart])
  case list([Nix])
  case attrs(NixAttrs)
  /// An expression pdev composed itself (`pkgs.ripgrep`, `lib.mkIf …`); never user data.
  case expr(String)
  /// `function argument`, e.g. `lib.mkDefault true`.
  case apply(String, Nix)

  public static func mkDefault(_ value: Nix) -> Nix { .apply("lib.mkDefault", value) }
  public static func package(_ attribute: String) -> Nix {
    .expr(NixSyntax.attributePath(["pkgs"] + attribute.split(separator: ".").map(String.init)))
  }
}

public enum NixStringPart: Sendable, Equatable {
  case text(String)
  case expr(String)
}

/// An attribute set whose keys are emitted sorted; nested sets merge by key.
public struct NixAttrs: Sendable, Equatable {
  public private(set) var entries: [String: Nix] = [:]

  public init() {}

  public init(_ entries: [String: Nix]) { self.entries = entries }

  public var isEmpty: Bool { entries.isEmpty }

  public subscript(key: String) -> Nix? {
    get { entries[key] }
    set { entries[key] = newValue }
  }

  /// Sets `value` at a dotted path, merging with attribute sets already there.
  /// Returns false when a different non-attrset value is already at the path.
  @discardableResult
  public mutating func set(_ path: [String], _ value: Nix) -> Bool {
    set(path[...], value)
  }

  /// Sets `value` at a dotted path, replacing whatever is there.
  public mutating func replace(_ path: [String], _ value: Nix) {
    guard let head = path.first else { return }
    if path.count == 1 {
      entries[head] = value
      return
    }
    var child: NixAttrs
    if case .attrs(let existing)? = entries.removeValue(forKey: head) { child = existing } else { child = NixAttrs() }
    child.replace(Array(path.dropFirst()), value)
    entries[head] = .attrs(child)
  }

  /// Lays `value` over the attributes at `path`: sets merge key by key, and every other value
  /// replaces what is there.
  public mutating func overlay(_ path: [String], _ value: Nix) {
    if case .attrs(let inner) = value, !inner.isEmpty {
      for (key, child) in inner.entries { overlay(path + [key], child) }
    } else {
      replace(path, value)
    }
  }

  /// Children are moved out of `entries` while they change, so nested dictionaries stay
  /// uniquely referenced and are updated in place rather than copied at every level.
  private mutating func set(_ path: ArraySlice<String>, _ value: Nix) -> Bool {
    guard let head = path.first else { return false }
    if path.count == 1 {
      guard let existing = entries.removeValue(forKey: head) else {
        entries[head] = value
        return true
      }
      switch (existing, value) {
      case (.attrs(var mine), .attrs(let theirs)):
        var ok = true
        for (k, v) in theirs.entries where !mine.set([k][...], v) { ok = false }
        entries[head] = .attrs(mine)
        return ok
      case (.list(let a), .list(let b)):
        entries[head] = .list(a + b.filter { !a.contains($0) })
        return true
      default:
        entries[head] = existing
        return existing == value
      }
    }
    var child: NixAttrs
    switch entries.removeValue(forKey: head) {
    case .attrs(let existing)?: child = existing
    case nil: child = NixAttrs()
    case let other?:
      entries[head] = other
      return false
    }
    let ok = child.set(path.dropFirst(), value)
    entries[head] = .attrs(child)
    return ok
  }
}

/// Lexical rules of Nix shared by the emitter and the templates.
public enum NixSyntax {
  static let keywords: Set<String> = [
    "assert", "else", "if", "in", "inherit", "let", "or", "rec", "then", "with",
  ]

  /// An attribute name, quoted when it is not a plain identifier.
  public static func attributeName(_ name: String) -> String {
    isIdentifier(name) ? name : quoted(name)
  }

  public static func attributePath(_ path: [String]) -> String {
    path.map(attributeName).joined(separator: ".")
  }

  public static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.utf8.first, isLetter(first) || first == 0x5F else { return false }
    guard name.utf8.allSatisfy(isNameByte) else {
      return false
    }
    return name.utf8.count > 7 || !keywords.contains(name)
  }

  static func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }
  /// A byte that may follow the first of a Nix identifier: letters, digits, `_`, `'`, `-`.
  static func isNameByte(_ b: UInt8) -> Bool { isLetter(b) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x27 || b == 0x2D }

  /// `# text` comment lines; every line break in `text` (\n, \r, and Unicode's others)
  /// starts a new comment line, and other control characters become spaces, so nothing in
  /// `text` can end the comment and be read as code.
  public static func comment(_ text: String) -> String {
    TextLines.split(text).map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: "\n")
  }

  /// A double-quoted Nix string literal. NUL cannot appear in Nix strings; callers validate.
  public static func quoted(_ text: String) -> String {
    var out: [UInt8] = [0x22]
    out.reserveCapacity(text.utf8.count + 2)
    var previousDollar = false
    for byte in text.utf8 {
      switch byte {
      case 0x7B where previousDollar:  // `${` → `\${`
        out.removeLast()
        out.append(contentsOf: [0x5C, 0x24, 0x7B])
      case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
      case 0x22: out.append(contentsOf: [0x5C, 0x22])
      case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
      case 0x0D: out.append(contentsOf: [0x5C, 0x72])
      case 0x09: out.append(contentsOf: [0x5C, 0x74])
      default: out.append(byte)
      }
      previousDollar = byte == 0x24
    }
    out.append(0x22)
    return String(decoding: out, as: UTF8.self)
  }

  /// An indented (`''`) string when the text reads better that way and survives Nix's
  /// indentation stripping unchanged; nil otherwise.
  static func indentedString(_ text: String, indent: String) -> String? {
    let bytes = Array(text.utf8)
    guard bytes.contains(0x0A), bytes.last != 0x27, !bytes.contains(0x0D) else { return nil }
    let body = bytes.last == 0x0A ? bytes.dropLast() : bytes[...]
    let lines = body.split(separator: 0x0A, omittingEmptySubsequences: false)
    var allIndented = true
    for line in lines {
      if line.contains(where: { $0 < 0x20 && $0 != 0x09 }) { return nil }
      if !line.isEmpty && line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
      if !line.isEmpty && line.first != 0x20 { allIndented = false }
    }
    if allIndented || lines.first?.isEmpty == true { return nil }
    let inner = Array((indent + "  ").utf8)
    var out: [UInt8] = [0x27, 0x27, 0x0A]
    out.reserveCapacity(bytes.count + lines.count * (inner.count + 2) + 8)
    for (index, line) in lines.enumerated() {
      if !line.isEmpty {
        out.append(contentsOf: inner)
        escapeIndented(line, into: &out)
      }
      if index < lines.count - 1 { out.append(0x0A) }
    }
    if bytes.last == 0x0A {
      out.append(0x0A)
      out.append(contentsOf: indent.utf8)
    }
    out.append(contentsOf: [0x27, 0x27])
    return String(decoding: out, as: UTF8.self)
  }

  /// Two quotes become three, and a dollar-brace gets two quotes in front, inside an
  /// indented string.
  private static func escapeIndented(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
    var i = line.startIndex
    while i < line.endIndex {
      let b = line[i]
      let next: UInt8? = i + 1 < line.endIndex ? line[i + 1] : nil
      if b == 0x27 && next == 0x27 {
        out.append(contentsOf: [0x27, 0x27, 0x27])
        i += 2
      } else if b == 0x24 && next == 0x7B {
        out.append(contentsOf: [0x27, 0x27, 0x24, 0x7B])
        i += 2
      } else {
        out.append(b)
        i += 1
      }
    }
  }

  /// A float in Nix's literal syntax, which needs a digit and a dot before any exponent.
  static func float(_ value: Double) -> String {
    precondition(value.isFinite, "Nix has no literal for \(value); validation rejects it")
    var text = "\(value)"
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      let mantissa = text[..<e]
      if !mantissa.contains(".") { text = mantissa + ".0" + text[e...] }
    } else if !text.contains(".") {
      text += ".0"
    }
    if text.hasPrefix("-0.") || text.hasPrefix("0.") { return text }
    return text
  }
}

extension Unicode.Scalar {
  var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

extension Nix {
  /// Nix source for this expression, laid out with two-space indentation from `indent`.
  /// Single-key attribute sets collapse into dotted paths (`nix-direnv.enable = true;`).
  public func render(indent: String = "") -> String {
    var out = ""
    write(into: &out, indent: indent)
    return out
  }

  /// Appends this expression to `out`; nested values write into the same buffer.
  public func write(into out: inout String, indent: String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    // Nix reads `-N` as negation, and 9223372036854775808 does not fit: the least integer
    // is written as arithmetic.
    case .int(let i): out += i == Int.min ? "(-9223372036854775807 - 1)" : String(i)
    case .float(let f): out += NixSyntax.float(f)
    case .string(let s): out += NixSyntax.indentedString(s, indent: indent) ?? NixSyntax.quoted(s)
    case .interpolated(let parts):
      out += "\""
      for part in parts {
        switch part {
        case .text(let t): out += NixSyntax.quoted(t).dropFirst().dropLast()
        case .expr(let e): out += "${" + e + "}"
        }
      }
      out += "\""
    case .expr(let e): out += e
    case .apply(let function, let argument):
      out += function
      out += " "
      argument.writeAsArgument(into: &out, indent: indent)
    case .list(let items):
      if items.isEmpty {
        out += "[ ]"
        return
      }
      let inner = indent + "  "
      if items.allSatisfy(\.isSimple) {
        var line = "[ "
        for item in items {
          item.writeAsArgument(into: &line, indent: inner)
          line += " "
        }
        line += "]"
        if line.utf8.count + indent.utf8.count <= 80, !line.utf8.contains(0x0A) {
          out += line
          return
        }
      }
      out += "[\n"
      for item in items {
        out += inner
        item.writeAsArgument(into: &out, indent: inner)
        out += "\n"
      }
      out += indent + "]"
    case .attrs(let attrs):
      if attrs.isEmpty {
        out += "{ }"
        return
      }
      out += "{\n"
      attrs.writeBindings(into: &out, indent: indent + "  ")
      out += indent + "}"
    }
  }

  /// Written where a function argument or list element goes: compound forms get parentheses.
  func writeAsArgument(into out: inout String, indent: String) {
    let parenthesize: Bool
    switch self {
    case .apply: parenthesize = true
    case .int(let i): parenthesize = i < 0
    case .float(let f): parenthesize = f < 0 || (f == 0 && f.sign == .minus)
    case .expr(let e): parenthesize = !NixSyntax.isSimpleExpression(e)
    default: parenthesize = false
    }
    if parenthesize { out += "(" }
    write(into: &out, indent: indent)
    if parenthesize { out += ")" }
  }

  var isSimple: Bool {
    switch self {
    case .null, .bool, .int, .float, .expr: return true
    case .string(let s): return !s.utf8.contains(0x0A)
    case .interpolated: return true
    case .apply(_, let argument): return argument.isSimple
    case .list, .attrs: return false
    }
  }
}

extension NixSyntax {
  /// A dotted path or identifier that needs no parentheses as a list element or argument.
  static func isSimpleExpression(_ e: String) -> Bool {
    !e.isEmpty
      && e.unicodeScalars.allSatisfy {
        $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == "'" || $0 == "-" || $0 == "."
          || $0 == "\""
      } && !e.hasPrefix("-")
  }
}

extension NixAttrs {
  /// Keys whose attribute-set children are written as dotted paths (`programs.fish = …;`),
  /// the way home-manager and nixvim configurations are usually written.
  public static let namespaces: Set<String> = ["programs", "plugins", "colorschemes", "servers", "home", "xdg", "lsp"]

  /// `name = value;` lines, sorted by name, each starting with `indent`. Single-key sets
  /// collapse into dotted paths (`nix-direnv.enable = true;`).
  public func writeBindings(into out: inout String, indent: String) {
    writeBindings(into: &out, indent: indent, prefix: "")
  }

  private func writeBindings(into out: inout String, indent: String, prefix: String) {
    for key in entries.keys.sorted() {
      let value = entries[key]!
      let path = prefix.isEmpty ? NixSyntax.attributeName(key) : prefix + "." + NixSyntax.attributeName(key)
      if case .attrs(let inner) = value, !inner.isEmpty, inner.entries.count == 1 || NixAttrs.namespaces.contains(key) {
        inner.writeBindings(into: &out, indent: indent, prefix: path)
      } else {
        out += indent
        out += path
        out += " = "
        value.write(into: &out, indent: indent)
        out += ";\n"
      }
    }
  }
}
