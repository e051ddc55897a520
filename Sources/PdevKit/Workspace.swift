import PdevCore

/// Where pdev reads and writes, from the environment (design section 7).
public struct Paths: Sendable {
  public var home: String
  public var cwd: String
  /// `$PDEV_CONFIG_HOME`: pdev.yaml and the user's templates/, profiles/, catalog/.
  public var configHome: String
  /// `$PDEV_STATE_HOME`: state.json and the generations.
  public var stateHome: String
  /// The bundled templates/ and profiles/ live here.
  public var share: String
  public var configFile: String

  public init(home: String, cwd: String, configHome: String, stateHome: String, share: String, configFile: String) {
    self.home = home
    self.cwd = cwd
    self.configHome = configHome
    self.stateHome = stateHome
    self.share = share
    self.configFile = configFile
  }

  public static func from(environment env: [String: String], home: String, cwd: String, share: String, configFile: String?)
    -> Paths
  {
    func nonEmpty(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
    let configHome =
      nonEmpty("PDEV_CONFIG_HOME").map { absolute($0, cwd: cwd, home: home) }
      ?? PathText.join(nonEmpty("XDG_CONFIG_HOME") ?? PathText.join(home, ".config"), "pdev")
    let stateHome =
      nonEmpty("PDEV_STATE_HOME").map { absolute($0, cwd: cwd, home: home) }
      ?? PathText.join(nonEmpty("XDG_STATE_HOME") ?? PathText.join(home, ".local/state"), "pdev")
    let file = configFile.map { absolute($0, cwd: cwd, home: home) } ?? PathText.join(configHome, "pdev.yaml")
    return Paths(home: home, cwd: cwd, configHome: configHome, stateHome: stateHome, share: share, configFile: file)
  }

  /// `~/x` expanded, relative paths made absolute against `cwd`, `.`/`..` resolved.
  public static func absolute(_ path: String, cwd: String, home: String) -> String {
    if path == "~" { return home }
    if path.hasPrefix("~/") { return PathText.normalize(PathText.join(home, String(path.dropFirst(2)))) }
    return PathText.normalize(PathText.join(cwd, path))
  }

  public var bundledTemplates: String { PathText.join(share, "templates") }
  public var bundledProfiles: String { PathText.join(share, "profiles") }
  public var bundledCatalog: String { PathText.join(share, "profiles/catalog") }
  public var bundledProgressions: String { PathText.join(share, "profiles/progressions") }
  public var userTemplates: String { PathText.join(configHome, "templates") }
  public var userProfiles: String { PathText.join(configHome, "profiles") }
  public var userCatalog: String { PathText.join(configHome, "catalog") }
  public var stateFile: String { PathText.join(stateHome, "state.json") }
  public var defaultOutput: String { PathText.join(home, ".config/home-manager") }

  /// The output directory's rule from the bare `output:` text (see `Workspace.outputDirectory`),
  /// for a caller that has not loaded pdev.yaml.
  public func outputDirectory(flag: String?, output: String?, configFile: String) -> String {
    if let flag { return Paths.absolute(flag, cwd: cwd, home: home) }
    if let output { return Paths.absolute(output, cwd: PathText.directory(of: configFile), home: home) }
    return defaultOutput
  }

  public func display(_ path: String) -> String { PathText.display(path, cwd: cwd, home: home) }
}

/// One run's view of pdev's inputs: catalog, configuration, progression and level state,
/// each loaded once, and the render of the output tree.
public final class Workspace: @unchecked Sendable {
  public let paths: Paths
  public let sources = SourceRegistry()
  public let documents: DocumentLoader
  public let templates: TemplateStore
  /// Every input of this run's render, for the generation's fingerprint.
  public let inputs = InputRecorder()
  private let lock = Lock()
  private var cachedCatalog: Catalog?

  public init(paths: Paths) {
    self.paths = paths
    let display: @Sendable (String) -> String = { [paths] in paths.display($0) }
    self.documents = DocumentLoader(sources: sources, display: display, recorder: inputs)
    self.templates = TemplateStore(userDirectory: paths.userTemplates, bundledDirectory: paths.bundledTemplates, documents: documents)
  }

  /// Bundled catalog files, then the user's `catalog/*.yaml`, which may add or replace entries.
  public func catalog() throws(DiagnosticList) -> Catalog {
    if let known = lock.withLock({ cachedCatalog }) { return known }
    let bundled = FileIO.list(paths.bundledCatalog).filter { $0.hasSuffix(".yaml") }
    if bundled.isEmpty {
      throw DiagnosticList(
        [
          .error(
            .missingShare,
            "pdev's bundled catalog is missing (looked in \(paths.display(paths.bundledCatalog)))",
            help: "reinstall pdev with bootstrap.sh, or point PDEV_SHARE at the directory holding templates/ and profiles/")
        ], kind: .environment)
    }
    var documents: [(name: String, root: YAMLNode?)] = []
    for file in bundled { documents.append(try self.documents.load(PathText.join(paths.bundledCatalog, file))) }
    for file in FileIO.list(paths.userCatalog) where file.hasSuffix(".yaml") {
      documents.append(try self.documents.load(PathText.join(paths.userCatalog, file)))
    }
    let catalog = try CatalogLoader().load(documents)
    lock.withLock { cachedCatalog = catalog }
    return catalog
  }

  public var profiles: ProfileLocator {
    ProfileLocator(userDirectory: paths.userProfiles, bundledDirectory: paths.bundledProfiles)
  }

  public func config(defaultUsername: String) throws(DiagnosticList) -> PdevConfig {
    if FileIO.kind(paths.configFile) == .missing {
      throw DiagnosticList([
        .error(
          .noConfiguration,
          "no configuration at \(paths.display(paths.configFile))",
          help: "run `pdev init` to create one, or pass --config FILE")
      ])
    }
    let loader = ConfigLoader(catalog: try catalog(), documents: documents, profiles: profiles, defaultUsername: defaultUsername)
    return try loader.load(paths.configFile)
  }

  public func progression(for config: PdevConfig) throws(DiagnosticList) -> Progression {
    try ProgressionLoader(catalog: try catalog(), documents: documents).load(
      config.progression, bundledDirectory: paths.bundledProgressions,
      relativeTo: PathText.directory(of: config.file), at: config.progressionLocation)
  }

  public var stateStore: StateStore {
    StateStore(path: paths.stateFile, display: paths.display(paths.stateFile), recorder: inputs)
  }

  /// The fingerprint of this run's render: its inputs, `salt`, and the files it produced.
  public func fingerprint(salt: String, files: [OutputFile]) -> Fingerprint {
    var outputs: [String: String] = [:]
    for file in files where file.ownership == .generated { outputs[file.path] = Fingerprint.hash(file.contents.utf8) }
    return Fingerprint(files: inputs.files, listings: inputs.listings, salt: salt, outputs: outputs)
  }

  /// The output directory: `--out`, else the config's `output` (relative to pdev.yaml), else
  /// ~/.config/home-manager.
  public func outputDirectory(flag: String?, config: PdevConfig?) -> String {
    paths.outputDirectory(flag: flag, output: config?.output, configFile: config?.file ?? paths.configFile)
  }

  /// The level in force: a pin in pdev.yaml wins over the state.
  public func level(config: PdevConfig, progression: Progression, state: LevelState?) throws(DiagnosticList) -> Int {
    let level = config.levelPin ?? state?.level ?? 1
    guard level <= progression.top else {
      let source = config.levelPin != nil ? "neovim.level pins" : "the state says"
      throw DiagnosticList([
        .error(
          .invalidValue,
          "\(source) level \(level), but the progression '\(progression.name)' has \(progression.top) levels",
          at: config.levelPin != nil ? config.levelPinLocation : nil,
          help: config.levelPin != nil ? "pin a level from 1 to \(progression.top)" : "run: pdev level set \(progression.top)")
      ])
    }
    return level
  }

  /// Resolves and renders the whole output tree.
  public func render(
    config: PdevConfig, progression: Progression, level: Int, levelStarted: Timestamp,
    extras: [String: @Sendable () -> ConfigValue] = [:]
  ) throws(DiagnosticList) -> RenderResult {
    let catalog = try catalog()
    if config.stateVersion == nil {
      throw DiagnosticList([
        .error(
          .missingKey,
          "pdev.yaml has no state-version", at: SourceLocation(file: paths.display(config.file), line: 1, column: 1),
          help: "add state-version: \"26.05\" (the home-manager release you first installed); set it once and never change it")
      ])
    }
    // Lookups that a new file in these directories would change.
    for directory in [
      paths.userTemplates, paths.bundledTemplates, paths.userProfiles, paths.bundledProfiles, paths.userCatalog,
      paths.bundledCatalog, paths.bundledProgressions,
    ] {
      inputs.listing(directory)
    }
    let hosts = try Resolver(catalog: catalog, progression: progression, level: level).resolve(config)
    let input = RenderInput(
      config: config, hosts: hosts, catalog: catalog, progression: progression, level: level, levelStarted: levelStarted,
      extras: extras)
    let files = try Renderer(templates: templates).render(input)
    return RenderResult(input: input, files: files)
  }
}

public struct RenderResult: Sendable {
  public var input: RenderInput
  public var files: [OutputFile]
}
