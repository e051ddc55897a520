import PdevCore
import PdevKit

struct ListCommand: Command {
  /// What `pdev list` lists; completions offer the same words.
  static let kinds = Options.Kind.allCases.map(\.rawValue)

  static let spec = CommandSpec(
    name: "list", summary: "List tools, plugins, themes, profiles or levels",
    usage: "pdev list [tools|plugins|themes|profiles|levels]",
    flags: [], positionals: 0...1,
    help: """
      Usage: pdev list [tools|plugins|themes|profiles|levels]

      List what pdev knows. With a valid pdev.yaml, what your configuration uses is marked
      with *, for the first host.

        tools     Every tool of the catalog, by group (the default)
        plugins   Neovim plugins, the level that brings each, and the colorschemes
        themes    Themes of the terminal stack (theme: NAME), and what each uses
        profiles  Bundled profiles and your own (in $PDEV_CONFIG_HOME/profiles)
        levels    The levels of your progression, with yours marked

      Exit codes: 0 listed; 2 unknown list; 3 invalid catalog.

      """)

  struct Options: CommandOptions {
    enum Kind: String, CaseIterable { case tools, plugins, themes, profiles, levels }
    var kind: Kind

    init(_ arguments: ParsedArguments) throws(UsageError) {
      let text = arguments.positionals.first ?? Kind.tools.rawValue
      guard let kind = Kind(rawValue: text) else {
        throw UsageError(
          message: "nothing called '\(text)' to list",
          help: EditDistance.didYouMean(text, in: ListCommand.kinds) ?? "list tools, plugins, themes, profiles or levels",
          command: spec)
      }
      self.kind = kind
    }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    switch options.kind {
    case .tools: return try tools(run)
    case .plugins: return try plugins(run)
    case .themes: return try themes(run)
    case .profiles: return profiles(run)
    case .levels: return try levels(run)
    }
  }

  /// The first host resolved from pdev.yaml, when there is a valid one.
  static func currentHost(_ run: RunEnvironment) -> (ResolvedHost, PdevConfig, Progression)? {
    resolvedHosts(run).map { ($0.hosts[0], $0.config, $0.progression) }
  }

  /// Every host of pdev.yaml, resolved at the current level; nil without a valid pdev.yaml.
  static func resolvedHosts(_ run: RunEnvironment) -> (hosts: [ResolvedHost], config: PdevConfig, progression: Progression)? {
    guard FileIO.kind(run.paths.configFile) != .missing else { return nil }
    do {
      let plan = try run.workspace.plan(defaultUsername: run.defaultUsername)
      return (try plan.hosts(), plan.config, plan.progression)
    } catch {
      run.info("(pdev.yaml or the level state has errors, so nothing is marked; `pdev generate` shows them)")
      return nil
    }
  }

  static func tools(_ run: RunEnvironment) throws -> Int32 {
    let catalog = try run.workspace.catalog()
    let host = currentHost(run)?.0
    run.result("Tools in pdev's catalog (\(catalog.tools.count))" + (host.map { "; * enabled on \($0.name)" } ?? "") + ":")
    for group in ToolGroup.allCases {
      let tools = catalog.tools.values.filter { $0.group == group }.sorted { $0.name < $1.name }
      guard !tools.isEmpty else { continue }
      run.result("")
      run.result(run.style.bold(group.rawValue) + "  (modules/\(group.rawValue).nix)")
      var rows: [[String]] = []
      for tool in tools {
        let mark = host?.tool(tool.name) != nil ? "*" : " "
        var notes: [String] = []
        if tool.unfree { notes.append("unfree") }
        if tool.platforms != .all { notes.append(tool.platforms.description + " only") }
        rows.append([mark, tool.name, tool.description + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")])
      }
      Table.print(rows, indent: "  ", run: run)
    }
    run.result("")
    run.result("`pdev explain NAME` shows a tool's options; `pdev enable NAME` turns it on.")
    return ExitCode.success
  }

  static func plugins(_ run: RunEnvironment) throws -> Int32 {
    let catalog = try run.workspace.catalog()
    let current = currentHost(run)
    let levels = current.map { $0.2.effective(at: $0.2.top).introducedAt } ?? [:]
    let active = Set(current?.0.neovim?.plugins.map(\.spec.name) ?? [])
    run.result(
      "Neovim plugins (\(catalog.plugins.count))" + (current.map { "; * active on \($0.0.name) at level \($0.0.neovim?.level ?? 1)" } ?? "")
        + ":")
    var rows: [[String]] = []
    for plugin in catalog.plugins.values.sorted(by: { $0.name < $1.name }) {
      let when = levels[plugin.name].map { "level \($0)" } ?? ""
      rows.append([active.contains(plugin.name) ? "*" : " ", plugin.name, when, plugin.description])
    }
    Table.print(rows, indent: "  ", run: run)
    run.result("")
    run.result("Colorschemes: " + catalog.colorschemes.keys.sorted().joined(separator: ", "))
    run.result("Languages: " + catalog.languages.keys.sorted().joined(separator: ", "))
    return ExitCode.success
  }

  /// Each theme with its appearance and what it is called where an application ships it;
  /// the rest of the stack gets colours from its palette.
  static func themes(_ run: RunEnvironment) throws -> Int32 {
    let catalog = try run.workspace.catalog()
    let current = currentHost(run)?.0
    run.result("Themes (theme: NAME, or theme: { dark: NAME, light: NAME })" + (current.map { "; * used on \($0.name)" } ?? "") + ":")
    var rows: [[String]] = []
    for theme in catalog.themeOrder.compactMap({ catalog.themes[$0] }) {
      let used = current.map { $0.theme?.name == theme.name || $0.lightTheme?.name == theme.name } ?? false
      rows.append([used ? "*" : " ", theme.name, theme.appearance.rawValue, "Neovim: \(theme.colorscheme.name)"])
    }
    Table.print(rows, indent: "  ", run: run)
    run.result("")
    run.result("Without theme:, a Neovim colorscheme chosen alone brings its first theme; else \(Catalog.defaultTheme).")
    return ExitCode.success
  }

  static func profiles(_ run: RunEnvironment) -> Int32 {
    let locator = run.workspace.profiles
    var rows: [[String]] = []
    for name in locator.names() {
      let path = locator.path(for: name, from: run.paths.configFile) ?? ""
      let description = (try? run.workspace.documents.load(path))?.root?["description"]?.text ?? ""
      let origin = path.hasPrefix(locator.userDirectory) ? "yours" : "bundled"
      rows.append([name, origin, description])
    }
    run.result("Profiles (extends: NAME):")
    Table.print(rows, indent: "  ", run: run)
    return ExitCode.success
  }

  static func levels(_ run: RunEnvironment) throws -> Int32 {
    let plan = try run.workspace.plan(defaultUsername: run.defaultUsername)
    let (config, progression, level) = (plan.config, plan.progression, plan.level)
    run.result("Progression '\(progression.name)': \(progression.description)")
    var rows: [[String]] = []
    for l in progression.levels {
      let mark = l.number == level ? "→" : " "
      let plugins = l.plugins.isEmpty ? "" : "+ " + l.plugins.joined(separator: ", ")
      rows.append([mark, "\(l.number)", l.title, plugins])
    }
    Table.print(rows, indent: "  ", run: run)
    if config.levelPin != nil { run.result("Level \(level) is pinned by neovim.level in pdev.yaml.") }
    return ExitCode.success
  }
}

/// Left-aligned columns; the last column is not padded.
enum Table {
  static func format(_ rows: [[String]], indent: String) -> [String] {
    guard let columns = rows.map(\.count).max() else { return [] }
    var widths = [Int](repeating: 0, count: columns)
    for row in rows {
      for (i, cell) in row.enumerated() where i < columns - 1 { widths[i] = max(widths[i], cell.count) }
    }
    return rows.map { row in
      var line = indent
      for (i, cell) in row.enumerated() {
        line += i == row.count - 1 ? cell : cell.padded(to: widths[i]) + "  "
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
  }

  static func print(_ rows: [[String]], indent: String, run: RunEnvironment) {
    for line in format(rows, indent: indent) { run.result(line) }
  }
}
