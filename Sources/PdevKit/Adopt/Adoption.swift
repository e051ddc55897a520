/// What `pdev init` carries over from a machine that is not empty: settings for pdev.yaml,
/// each section with where it came from, files kept as they are for local.nix to reference,
/// and what could not be carried, with where it stays.
public struct Adoption: Sendable, Equatable {
  /// One adopted section of a tool: `git` `aliases` from `git config --global`.
  public struct Section: Sendable, Equatable {
    public var tool: String
    public var option: String
    public var origin: String
    public var values: [(key: String, value: ConfigValue)]

    public init(tool: String, option: String, origin: String, values: [(key: String, value: ConfigValue)]) {
      self.tool = tool
      self.option = option
      self.origin = origin
      self.values = values
    }

    public static func == (a: Section, b: Section) -> Bool {
      a.tool == b.tool && a.option == b.option && a.origin == b.origin && a.values.map(\.key) == b.values.map(\.key)
        && a.values.map(\.value) == b.values.map(\.value)
    }
  }

  /// A configuration file kept whole: copied into the output, referenced from local.nix.
  public struct KeptFile: Sendable, Equatable {
    public var source: String
    /// Relative to the output directory.
    public var copy: String
    /// The Nix line for local.nix.
    public var nix: String

    public init(source: String, copy: String, nix: String) {
      self.source = source
      self.copy = copy
      self.nix = nix
    }
  }

  public var sections: [Section] = []
  public var kept: [KeptFile] = []
  /// What was not carried over, each with where it stays.
  public var notAdopted: [String] = []
  /// `home.stateVersion` of a home-manager configuration that was there before.
  public var stateVersion: String?

  public init() {}

  public var isEmpty: Bool { sections.isEmpty && kept.isEmpty && notAdopted.isEmpty && stateVersion == nil }

  /// The `tools:` section of pdev.yaml, in block style, each adopted part under a comment
  /// naming its origin; ` {}` when nothing was adopted.
  public func toolsYAML() -> String {
    guard !sections.isEmpty else { return " {}" }
    var lines: [String] = []
    var tools: [String] = []
    for section in sections where !tools.contains(section.tool) { tools.append(section.tool) }
    for tool in tools {
      lines.append("  \(YAMLText.scalar(tool)):")
      for section in sections where section.tool == tool {
        lines.append("    # From \(section.origin)")
        lines.append("    \(YAMLText.scalar(section.option)):")
        for (key, value) in section.values {
          lines += Adoption.yaml(key: key, value: value, indent: "      ")
        }
      }
    }
    return "\n" + lines.joined(separator: "\n")
  }

  static func yaml(key: String, value: ConfigValue, indent: String) -> [String] {
    let name = YAMLText.scalar(key)
    switch value {
    case .list(let items): return ["\(indent)\(name):"] + items.map { "\(indent)  - \(scalar($0))" }
    default: return ["\(indent)\(name): \(scalar(value))"]
    }
  }

  static func scalar(_ value: ConfigValue) -> String {
    switch value {
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .string(let s): return YAMLText.scalar(s)
    default: return YAMLText.quoted(value.display)
    }
  }
}

/// Readers of the formats adoption meets: git's, fish's and Ghostty's.
public enum AdoptionParser {
  /// `git config --global --get-regexp '^alias\.'`: one `alias.NAME VALUE` a line.
  public static func gitAliases(_ output: String) -> [(key: String, value: ConfigValue)] {
    output.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("alias.") else { return nil }
      let rest = line.dropFirst(6)
      guard let space = rest.firstIndex(of: " ") else { return nil }
      return (String(rest[..<space]), .string(String(rest[rest.index(after: space)...])))
    }
  }

  /// Fish words, with fish's quoting: '…' (\\ and \' inside), "…" (\\ \" \$ inside), and
  /// backslash escapes outside quotes. A `#` starting a word starts a comment.
  public static func fishWords(_ line: Substring) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for c in line {
      if escaped {
        current.append(c)
        escaped = false
        continue
      }
      if let q = quote {
        if c == "\\" {
          escaped = true
        } else if c == q {
          quote = nil
        } else {
          current.append(c)
        }
        continue
      }
      switch c {
      case "\\": escaped = true; inWord = true
      case "'", "\"": quote = c; inWord = true
      case " ", "\t":
        if inWord { words.append(current) }
        current = ""
        inWord = false
      case "#" where !inWord: return words
      default: current.append(c); inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }

  /// `abbr` and `alias` definitions in fish code (config.fish, or what `abbr --show` and
  /// `alias` print). Abbreviations with options pdev cannot express are returned apart.
  public static func fishDefinitions(_ text: String) -> (
    abbreviations: [(key: String, value: ConfigValue)], aliases: [(key: String, value: ConfigValue)], skipped: [String]
  ) {
    var abbreviations: [(String, ConfigValue)] = []
    var aliases: [(String, ConfigValue)] = []
    var skipped: [String] = []
    for raw in text.split(separator: "\n") {
      let words = fishWords(raw.drop { $0 == " " || $0 == "\t" })
      guard let command = words.first else { continue }
      if command == "abbr" {
        var rest = Array(words.dropFirst())
        guard rest.first == "-a" || rest.first == "--add" else { continue }
        rest.removeFirst()
        var unsupported = false
        var positional: [String] = []
        var i = 0
        while i < rest.count {
          let word = rest[i]
          if word == "--" {
            positional += rest[(i + 1)...]
            break
          } else if ["-g", "--global", "-U", "--universal"].contains(word) {
          } else if word == "--position" || word == "-p" {
            if i + 1 < rest.count, rest[i + 1] != "command" { unsupported = true }
            i += 1
          } else if word.hasPrefix("-") {
            unsupported = true
            if ["--regex", "-r", "--set-cursor", "--function", "-f"].contains(word), i + 1 < rest.count, !word.contains("=") { i += 1 }
          } else {
            positional.append(word)
          }
          i += 1
        }
        if unsupported || positional.count < 2 {
          skipped.append(String(raw).trimmingWhitespace)
        } else {
          abbreviations.append((positional[0], .string(positional[1...].joined(separator: " "))))
        }
      } else if command == "alias" {
        let rest = Array(words.dropFirst())
        if rest.count == 1, let eq = rest[0].firstIndex(of: "=") {
          aliases.append((String(rest[0][..<eq]), .string(String(rest[0][rest[0].index(after: eq)...]))))
        } else if rest.count >= 2, !rest[0].hasPrefix("-") {
          aliases.append((rest[0], .string(rest[1...].joined(separator: " "))))
        }
      }
    }
    return (abbreviations, aliases, skipped)
  }

  /// The body of `function NAME … end` in a fish function file; nil when the file holds
  /// anything else around it.
  public static func fishFunctionBody(_ text: String, name: String) -> String? {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while let last = lines.last, last.trimmingWhitespace.isEmpty { lines.removeLast() }
    while let first = lines.first, first.trimmingWhitespace.isEmpty || first.hasPrefix("#") { lines.removeFirst() }
    guard let header = lines.first, fishWords(Substring(header)).prefix(2) == ["function", name],
      lines.last?.trimmingWhitespace == "end", lines.count >= 2
    else { return nil }
    let body = lines.dropFirst().dropLast()
    // A second definition at the top level means the file is not one function.
    if body.contains(where: { $0 == "end" || $0.hasPrefix("function ") }) { return nil }
    // Strip the common indentation.
    let indent = body.filter { !$0.trimmingWhitespace.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
    return body.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }.joined(separator: "\n")
  }

  /// Ghostty's `key = value` config: repeated keys become lists, `true`/`false` and whole
  /// numbers become bools and numbers, comments and blank lines are skipped.
  public static func ghostty(_ text: String) -> [(key: String, value: ConfigValue)] {
    var order: [String] = []
    var values: [String: [ConfigValue]] = [:]
    for raw in text.split(separator: "\n") {
      let line = String(raw).trimmingWhitespace
      guard !line.isEmpty, !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { continue }
      let key = String(line[..<eq]).trimmingWhitespace
      var value = String(line[line.index(after: eq)...]).trimmingWhitespace
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
      guard !key.isEmpty else { continue }
      let typed: ConfigValue =
        value == "true" ? .bool(true) : value == "false" ? .bool(false) : Int(value).map(ConfigValue.int) ?? .string(value)
      if values[key] == nil { order.append(key) }
      values[key, default: []].append(typed)
    }
    return order.map { key in
      let all = values[key]!
      return (key, all.count == 1 ? all[0] : .list(all))
    }
  }

  /// `home.stateVersion = "24.05";` (or `stateVersion = "24.05";` inside `home = { … }`).
  public static func stateVersion(_ nix: String) -> String? {
    for line in nix.split(separator: "\n") {
      let text = String(line).trimmingWhitespace
      guard text.hasPrefix("home.stateVersion") || text.hasPrefix("stateVersion"), let open = text.firstIndex(of: "\"") else { continue }
      let rest = text[text.index(after: open)...]
      guard let close = rest.firstIndex(of: "\"") else { continue }
      let version = String(rest[..<close])
      if version.split(separator: ".").count == 2, version.allSatisfy({ $0.isNumber || $0 == "." }) { return version }
    }
    return nil
  }
}
