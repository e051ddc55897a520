import PdevCore
import PdevKit

/// What each fuzzer does with one input. Any outcome but a crash, a hang or a sanitizer
/// report is a pass: invalid input must end in diagnostics.
public enum FuzzEntries {
  /// The repository, whose templates/ and profiles/ are pdev's bundled share.
  static let share: String = {
    var path = #filePath
    for _ in 0..<4 { path = PathText.directory(of: path) }
    return path
  }()

  static let paths = Paths(
    home: "/nonexistent/home", cwd: "/nonexistent", configHome: "/nonexistent/config", stateHome: "/nonexistent/state",
    share: share, configFile: "/fuzz/pdev.yaml")

  static let catalog: Catalog = {
    do { return try Workspace(paths: paths).catalog() } catch { fatalError("the bundled catalog does not load: \(error)") }
  }()

  /// The first byte picks the document the rest is: pdev.yaml (then resolved and rendered
  /// when valid), a user catalog file, a progression, or a user catalog whose tools a fixed
  /// pdev.yaml turns on, resolved and rendered.
  public static func yaml(_ data: UnsafeRawBufferPointer) {
    guard let mode = data.first else { return }
    let bytes = Array(data.dropFirst())
    let workspace = Workspace(paths: paths)
    switch mode % 4 {
    case 3:
      guard let document = try? workspace.documents.parse(bytes, path: "/fuzz/catalog.yaml") else { return }
      var documents: [(name: String, root: YAMLNode?)] = []
      for file in FileIO.list(paths.bundledCatalog) where file.hasSuffix(".yaml") {
        guard let bundled = try? workspace.documents.load(PathText.join(paths.bundledCatalog, file)) else { return }
        documents.append(bundled)
      }
      guard let userCatalog = try? CatalogLoader().load(documents + [document]) else { return }
      let names = (document.root?["tools"]?.pairs ?? []).map(\.name).filter { userCatalog.tools[$0] != nil }
      let text = "version: 1\nextends: laptop\nhosts:\n  a: { system: x86_64-linux }\n  b: { system: aarch64-darwin }\nstate-version: \"26.05\"\ntools:\n"
        + names.map { "  \(YAMLText.scalar($0)): true\n" }.joined() + (names.isEmpty ? "  git: true\n" : "")
      var configDocuments = workspace.documents
      configDocuments.replacements[paths.configFile] = Array(text.utf8)
      let loader = ConfigLoader(catalog: userCatalog, documents: configDocuments, profiles: workspace.profiles, defaultUsername: "ada")
      guard let config = try? loader.load(paths.configFile),
        let progression = try? ProgressionLoader(catalog: userCatalog, documents: configDocuments).load(
          config.progression, bundledDirectory: paths.bundledProgressions, relativeTo: "/nonexistent", at: nil)
      else { return }
      let hosts = try? Resolver(catalog: userCatalog, progression: progression, level: 1).resolve(config)
      guard let hosts else { return }
      let input = RenderInput(
        config: config, hosts: hosts, catalog: userCatalog, progression: progression, level: 1, levelStarted: Timestamp(seconds: 0))
      _ = try? Renderer(templates: workspace.templates).render(input)
    case 0:
      var documents = workspace.documents
      documents.replacements[paths.configFile] = bytes
      let loader = ConfigLoader(catalog: catalog, documents: documents, profiles: workspace.profiles, defaultUsername: "ada")
      guard let config = try? loader.load(paths.configFile) else { return }
      let progression: Progression
      do {
        progression = try ProgressionLoader(catalog: catalog, documents: documents).load(
          config.progression, bundledDirectory: paths.bundledProgressions, relativeTo: "/nonexistent", at: nil)
      } catch { return }
      // The level as pdev decides it: a pin past the top is an error, not clamped.
      guard let level = try? workspace.level(config: config, progression: progression, state: nil) else { return }
      _ = try? workspace.render(config: config, progression: progression, level: level, levelStarted: Timestamp(seconds: 0))
    case 1:
      guard let document = try? workspace.documents.parse(bytes, path: "/fuzz/catalog.yaml") else { return }
      var documents: [(name: String, root: YAMLNode?)] = []
      for file in FileIO.list(paths.bundledCatalog) where file.hasSuffix(".yaml") {
        guard let bundled = try? workspace.documents.load(PathText.join(paths.bundledCatalog, file)) else { return }
        documents.append(bundled)
      }
      _ = try? CatalogLoader().load(documents + [document])
    default:
      var documents = workspace.documents
      documents.replacements["/fuzz/progression.yaml"] = bytes
      _ = try? ProgressionLoader(catalog: catalog, documents: documents).load(
        "/fuzz/progression.yaml", bundledDirectory: paths.bundledProgressions, relativeTo: "/", at: nil)
    }
  }

  static let context: [String: TemplateValue] = [
    "name": .text("Ada \"Lovelace\" ${x}"), "code": .code("pkgs.hello"), "on": .bool(true), "off": .bool(false),
    "empty": .list([]), "items": .list([.text("a"), .object(["name": .text("b"), "items": .list([.text("c")])])]),
    "user": .object(["name": .text("ada"), "email": .text("ada@example.org"), "tools": .list([.text("git")])]),
  ]

  /// The input as a template (and as its own partial `self`), rendered with a fixed context.
  public static func template(_ data: UnsafeRawBufferPointer) {
    let source = String(decoding: data, as: UTF8.self)
    guard let template = try? Template(source: source, name: "fuzz.nix") else { return }
    let partial = try? Template(source: "{{name}} {{#items}}{{.}}{{/items}}", name: "partial")
    let renderer = TemplateRenderer(escape: NixSyntax.quoted) { (name) throws(DiagnosticList) in
      guard name == "partial", let partial else { throw DiagnosticList([.error("no partial \(name)")]) }
      return partial
    }
    _ = try? renderer.render(template, context)
  }
}
