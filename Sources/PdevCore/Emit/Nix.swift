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
  public static func package(_ attribute: String) -> Nix { .expr(NixSyntax.attributePath(["pkgs"] + attribute.split(separator: ".").map(String.init))) }
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
    guard let head = path.first else { return false }
    if path.count == 1 {
      if let existing = entries[head] {
        if case .attrs(var mine) = existing, case .attrs(let theirs) = value {
          for (k, v) in theirs.entries where !mine.set([k], v) { return false }
          entries[head] = .attrs(mine)
          return true
        }
        if existing == value { return true }
        if case .list(let a) = existing, case .list(let b) = value {
          entries[head] = .list(a + b.filter { !a.contains($0) })
          return true
        }
        return false
      }
      entries[head] = value
      return true
    }
    var child: NixAttrs
    switch entries[head] {
    case .attrs(let existing)?: child = existing
    case nil: child = NixAttrs()
    default: return false
    }
    let ok = child.set(Array(path.dropFirst()), value)
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
    guard let first = name.unicodeScalars.first, !keywords.contains(name) else { return false }
    guard first == "_" || first.isASCIILetter else { return false }
    return name.unicodeScalars.allSatisfy {
      $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == "'" || $0 == "-"
    }
  }

  /// `# text` comment lines; line breaks in `text` start new comment lines.
  public static func comment(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "#" : "# " + $0 }.joined(separator: "\n")
  }

  /// A double-quoted Nix string literal. NUL cannot appear in Nix strings; callers validate.
  public static func quoted(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    var previousDollar = false
    for scalar in text.unicodeScalars {
      if previousDollar && scalar == "{" {
        out.removeLast()
        out += "\\${"
        previousDollar = false
        continue
      }
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(scalar)
      }
      previousDollar = scalar == "$"
    }
    return out + "\""
  }

  /// An indented (`''`) string when the text reads better that way and survives Nix's
  /// indentation stripping unchanged; nil otherwise.
  static func indentedString(_ text: String, indent: String) -> String? {
    guard text.contains("\n"), !text.hasSuffix("'"), !text.contains("\r") else { return nil }
    let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
    var allIndented = true
    for line in lines {
      if line.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" }) { return nil }
      if !line.isEmpty && line.allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
      if !line.isEmpty && !line.hasPrefix(" ") { allIndented = false }
    }
    if allIndented { return nil }
    if lines.first?.isEmpty == true { return nil }
    let inner = indent + "  "
    var out = "''\n"
    for (index, line) in lines.enumerated() {
      if !line.isEmpty { out += inner + escapeIndented(line) }
      if index < lines.count - 1 { out += "\n" }
    }
    if text.hasSuffix("\n") { out += "\n" + indent + "''" } else { out += "''" }
    return out
  }

  private static func escapeIndented(_ line: Substring) -> String {
    var out = ""
    var scalars = Array(line.unicodeScalars)[...]
    while let s = scalars.first {
      scalars.removeFirst()
      if s == "'" && scalars.first == "'" {
        scalars.removeFirst()
        out += "'''"
      } else if s == "$" && scalars.first == "{" {
        scalars.removeFirst()
        out += "''${"
      } else {
        out.unicodeScalars.append(s)
      }
    }
    return out
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
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let f): return NixSyntax.float(f)
    case .string(let s): return NixSyntax.indentedString(s, indent: indent) ?? NixSyntax.quoted(s)
    case .interpolated(let parts):
      var out = "\""
      for part in parts {
        switch part {
        case .text(let t): out += NixSyntax.quoted(t).dropFirst().dropLast()
        case .expr(let e): out += "${" + e + "}"
        }
      }
      return out + "\""
    case .expr(let e): return e
    case .apply(let function, let argument):
      return function + " " + argument.renderAsArgument(indent: indent)
    case .list(let items):
      if items.isEmpty { return "[ ]" }
      let rendered = items.map { $0.renderAsArgument(indent: indent + "  ") }
      let oneLine = "[ " + rendered.joined(separator: " ") + " ]"
      if oneLine.count + indent.count <= 80, !oneLine.contains("\n"), items.allSatisfy(\.isSimple) {
        return oneLine
      }
      return "[\n" + rendered.map { indent + "  " + $0 + "\n" }.joined() + indent + "]"
    case .attrs(let attrs):
      if attrs.isEmpty { return "{ }" }
      return "{\n" + attrs.renderBindings(indent: indent + "  ") + indent + "}"
    }
  }

  /// Rendered where a function argument or list element goes: compound forms get parentheses.
  func renderAsArgument(indent: String) -> String {
    switch self {
    case .apply: return "(" + render(indent: indent) + ")"
    case .int(let i) where i < 0: return "(" + render(indent: indent) + ")"
    case .float(let f) where f < 0 || (f == 0 && f.sign == .minus): return "(" + render(indent: indent) + ")"
    case .expr(let e) where !NixSyntax.isSimpleExpression(e): return "(" + e + ")"
    default: return render(indent: indent)
    }
  }

  var isSimple: Bool {
    switch self {
    case .null, .bool, .int, .float, .expr: return true
    case .string(let s): return !s.contains("\n")
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
  public func renderBindings(indent: String) -> String {
    var out = ""
    for (path, value) in flattenedBindings(prefix: []) {
      out += indent + NixSyntax.attributePath(path) + " = " + value.render(indent: indent) + ";\n"
    }
    return out
  }

  func flattenedBindings(prefix: [String]) -> [([String], Nix)] {
    var result: [([String], Nix)] = []
    for key in entries.keys.sorted() {
      let path = prefix + [key]
      let value = entries[key]!
      if case .attrs(let inner) = value, !inner.isEmpty,
        inner.entries.count == 1 || NixAttrs.namespaces.contains(key)
      {
        result += inner.flattenedBindings(prefix: path)
      } else {
        result.append((path, value))
      }
    }
    return result
  }
}
