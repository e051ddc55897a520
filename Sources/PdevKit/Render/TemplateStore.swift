import PdevCore

/// Finds templates by relative name (`home.nix`), preferring the user's override under
/// `$PDEV_CONFIG_HOME/templates/` to the bundled one, and parses each once.
public final class TemplateStore: @unchecked Sendable {
  public let userDirectory: String
  public let bundledDirectory: String
  let documents: DocumentLoader
  private let lock = Lock()
  private var cache: [String: Template] = [:]

  public init(userDirectory: String, bundledDirectory: String, documents: DocumentLoader) {
    self.userDirectory = userDirectory
    self.bundledDirectory = bundledDirectory
    self.documents = documents
  }

  /// The path of the file that provides template `name`.
  public func path(of name: String) -> String? {
    for dir in [userDirectory, bundledDirectory] {
      let candidate = PathText.join(dir, name + ".tmpl")
      if FileIO.kind(candidate) != .missing { return candidate }
    }
    return nil
  }

  public func template(_ name: String) throws(DiagnosticList) -> Template {
    if let cached = lock.withLock({ cache[name] }) { return cached }
    guard let path = path(of: name) else {
      throw DiagnosticList([
        .error(
          .missingShare, "template '\(name)' is missing from \(bundledDirectory)",
          help: "reinstall pdev, or set PDEV_SHARE to its share directory")
      ])
    }
    let display = documents.display(path)
    let bytes = try FileIO.read(path, display: display, limit: 1 << 20)
    documents.recorder?.file(path, bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    documents.sources.add(SourceFile(name: display, bytes: bytes))
    let template = try Template(source: text, name: display)
    lock.withLock { cache[name] = template }
    return template
  }

  /// Renders template `name` with the escaper of its output language.
  public func render(_ name: String, _ context: [String: TemplateValue]) throws(DiagnosticList) -> String {
    let renderer = TemplateRenderer(escape: TemplateStore.escaper(for: name)) { (partial) throws(DiagnosticList) in
      try self.template(partial)
    }
    return try renderer.render(try template(name), context)
  }

  static func escaper(for name: String) -> (String) -> String {
    if name.hasSuffix(".nix") { return NixSyntax.quoted }
    if name.hasSuffix(".md") { return Markdown.text }
    if name.hasSuffix(".yaml") { return YAMLText.scalar }
    return { $0 }
  }

  /// Relative names of the user's template overrides that replace bundled templates.
  public func overrides() -> [String] {
    FileIO.walk(userDirectory).filter { !$0.isDirectory && $0.path.hasSuffix(".tmpl") }.map { String($0.path.dropLast(5)) }.sorted()
  }
}

/// YAML double-quoted scalars for templates that write YAML.
public enum YAMLText {
  public static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// A plain scalar when it reads back as the same string (in block context), else quoted.
  public static func scalar(_ text: String) -> String {
    guard let first = text.unicodeScalars.first else { return quoted(text) }
    let indicators: Set<Unicode.Scalar> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`"]
    if indicators.contains(first) || text.hasPrefix(" ") || text.hasSuffix(" ") || text.hasSuffix(":")
      || text.contains(": ") || text.contains(" #") || text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
    {
      return quoted(text)
    }
    if case .string = YAMLNode.scalar(text, at: SourceLocation(file: "", line: 1, column: 1)).scalarValue! { return text }
    return quoted(text)
  }
}
