import PdevCore
import PdevKit

struct ExplainCommand: Command {
  static let spec = CommandSpec(
    name: "explain", summary: "Show what pdev knows about a tool, plugin, configuration key or error",
    usage: "pdev explain TOOL|PLUGIN|KEY|CODE",
    flags: [], positionals: 1...1,
    help: """
      Usage: pdev explain TOOL|PLUGIN|KEY|CODE

      Explain a catalog tool (its package, home-manager module, platforms, options and
      what it renders), a Neovim plugin (its nixvim option, keymaps and the level that
      brings it), a hardtime or precognition setting (hardtime.max_count), or a key of
      pdev.yaml (neovim.level). With a valid pdev.yaml, also shows the merged value for
      your configuration and the file and line each part comes from. An error's code
      (PD204, printed after its message) explains what the error means and what to do.

      Exit codes: 0 explained; 3 unknown name, or an invalid catalog.

      """)

  struct Options: CommandOptions {
    /// A tool, a plugin, a plugin's setting, a key of pdev.yaml or an error code.
    var name: String

    init(_ arguments: ParsedArguments) { name = arguments.positionals[0] }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    let name = options.name
    // Before the catalog loads: an error in the catalog is one a user may look up.
    if let code = DiagnosticCode(lookingUp: name) {
      run.result("\(run.style.bold(code.code)): \(code.title)")
      run.result(TextLines.wrap(code.explanation, indent: "  "))
      return ExitCode.success
    }
    let catalog = try run.workspace.catalog()
    if let tool = catalog.tools[name] {
      explain(tool, run)
      return ExitCode.success
    }
    if let plugin = catalog.plugins[name] {
      explain(plugin, run)
      return ExitCode.success
    }
    let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
    if parts.count == 2, let plugin = catalog.plugins[parts[0]], let field = plugin.settingsSchema?.first(where: { $0.name == parts[1] }) {
      explain(setting: field, plugin: plugin, run)
      return ExitCode.success
    }
    if let key = ConfigSchema.key(name) {
      run.result("\(run.style.bold(key.path)) (\(key.type), default \(key.defaultValue))")
      run.result("  " + key.description)
      run.result("  Example: " + key.example)
      return ExitCode.success
    }
    let candidates =
      Array(catalog.tools.keys) + Array(catalog.plugins.keys) + ConfigSchema.keys.map(\.path) + DiagnosticCode.allCases.map(\.code)
    throw DiagnosticList([
      .error(
        .unknownKey,
        "pdev knows no tool, plugin or key called '\(name)'",
        help: EditDistance.didYouMean(name, in: candidates) ?? "see `pdev list tools`, `pdev list plugins`")
    ])
  }

  static func explain(_ tool: ToolSpec, _ run: RunEnvironment) {
    let s = run.style
    run.result("\(s.bold(tool.name)): \(tool.description)")
    let package: String
    if let p = tool.packages {
      package = p.all.count == 1 ? "pkgs.\(p.standard)" : "pkgs.\(p.linux ?? p.standard) on Linux, pkgs.\(p.darwin ?? p.standard) on darwin"
    } else {
      package = "(none: it only writes configuration)"
    }
    var facts: [[String]] = [
      ["package", package],
      ["configured by", tool.module.map { "home-manager \($0)" } ?? "home.packages (no home-manager module)"],
      ["group", "\(tool.group.rawValue) (modules/\(tool.group.rawValue).nix)"],
      ["platforms", tool.platforms.description],
    ]
    if !tool.requires.isEmpty { facts.append(["requires", tool.requires.joined(separator: ", ")]) }
    if tool.unfree { facts.append(["license", "unfree: the flake allows exactly this package"]) }
    if let homepage = tool.homepage { facts.append(["homepage", homepage]) }
    Table.print(facts, indent: "  ", run: run)
    if !tool.options.isEmpty {
      run.result("")
      run.result("Options (tools.\(tool.name).KEY in pdev.yaml):")
      for option in tool.options {
        let target = tool.render.flatMap { renderTarget(of: option.name, in: $0, prefix: []) }
        var line = "  \(s.bold(option.name)) (\(option.type))"
        if let target { line += " → \(target)" }
        run.result(line)
        if !option.description.isEmpty { run.result("      \(option.description)") }
        if let d = option.defaultValue { run.result("      default: \(d.display)") }
        if let e = option.example { run.result("      example: \(tool.name): { \(option.name): \(e) }") }
      }
    }
    guard let hosts = ListCommand.resolvedHosts(run)?.hosts else { return }
    run.result("")
    for other in hosts.dropFirst() { run.result(status(of: tool, on: other)) }
    let host = hosts[0]
    run.result(status(of: tool, on: host))
    guard let resolved = host.tool(tool.name) else { return }
    let given = host.config.tree(at: ["tools", tool.name])
    for pair in given?.pairs ?? [] {
      run.result("  \(pair.name): \(display(pair.value))    \(s.dim("(\(pair.key.location))"))")
    }
    for option in tool.options where given?[option.name] == nil {
      if let value = resolved.values[option.name] {
        run.result("  \(option.name): \(value.display)    \(s.dim("(default)"))")
      }
    }
  }

  /// Whether `tool` is on for `host`, and why.
  static func status(of tool: ToolSpec, on host: ResolvedHost) -> String {
    let setting = host.config.tools[tool.name]
    guard let resolved = host.tool(tool.name) else {
      if let note = host.notes.first(where: { $0.tool == tool.name && $0.leavesOut }) {
        return "On \(host.name): not installed: \(note)"
      }
      if let setting, setting.configuredOnly {
        return
          "On \(host.name): off: its profile (\(host.config.profile ?? "none")) leaves it off, and the settings at \(setting.location) "
          + "configure it without turning it on. `\(tool.name): true` in the host entry turns it on there."
      }
      if let setting { return "On \(host.name): off (turned off at \(setting.enableLocation))." }
      return
        "On \(host.name): off: its profile (\(host.config.profile ?? "none")) does not name it. `pdev enable \(tool.name)` turns it on."
    }
    let why = resolved.addedBecause.map { "because \($0)" } ?? setting.map { "turned on at \($0.enableLocation)" } ?? "by its profile"
    return "On \(host.name): on, \(why)" + (resolved.package.map { "; package pkgs.\($0)" } ?? "") + "."
  }

  /// The home-manager option a placeholder lands in, e.g. programs.fish.shellAbbrs.
  static func renderTarget(of name: String, in node: YAMLNode, prefix: [String]) -> String? {
    for pair in node.pairs ?? [] {
      let path = prefix + (pair.name == "__merge" ? [] : pair.name.split(separator: ".").map(String.init))
      if RenderFragment.placeholder(pair.value) == name { return path.joined(separator: ".") }
      if let found = renderTarget(of: name, in: pair.value, prefix: path) { return found }
    }
    return nil
  }

  static func display(_ node: YAMLNode) -> String {
    switch node.content {
    case .scalar(let text, _): return text.contains("\n") ? "|-…" : text
    case .sequence(let items): return "[" + items.map(display).joined(separator: ", ") + "]"
    case .mapping(let pairs):
      let inner = pairs.map { "\($0.name): \(display($0.value))" }.joined(separator: ", ")
      return inner.count > 70 ? "{ " + String(inner.prefix(67)) + "… }" : "{ " + inner + " }"
    }
  }

  static func explain(_ plugin: PluginSpec, _ run: RunEnvironment) {
    let s = run.style
    run.result("\(s.bold(plugin.name)): \(plugin.description)")
    run.result("  " + plugin.purpose)
    var facts: [[String]] = [["nixvim option", "programs.nixvim.\(plugin.nixvim)"]]
    if !plugin.requires.isEmpty { facts.append(["requires", plugin.requires.joined(separator: ", ")]) }
    if !plugin.tools.isEmpty { facts.append(["installs", plugin.tools.joined(separator: ", ")]) }
    if let role = plugin.provides { facts.append(["role", "\(role) (one plugin per role)"]) }
    Table.print(facts, indent: "  ", run: run)
    if !plugin.keymaps.isEmpty {
      run.result("")
      run.result("Keymaps:")
      Table.print(plugin.keymaps.map { [$0.key, $0.modes.joined(separator: ","), $0.description] }, indent: "  ", run: run)
    }
    if let schema = plugin.settingsSchema {
      run.result("")
      run.result("Settings the progression sets (pdev explain \(plugin.name).KEY):")
      Table.print(
        schema.map { [$0.name, $0.type.description, $0.defaultValue.map { "upstream \($0.display)" } ?? ""] }, indent: "  ", run: run)
    }
    guard let (host, _, progression) = ListCommand.currentHost(run) else { return }
    run.result("")
    let brings = progression.levels.first { $0.plugins.contains(plugin.name) }
    if let active = host.neovim?.plugin(plugin.name) {
      let origin: String
      switch active.origin {
      case .profile: origin = "from your profile or pdev.yaml"
      case .level(let n): origin = "since level \(n)"
      case .dependency(let by): origin = "because \(by) needs it"
      }
      run.result("On \(host.name): active, \(origin).")
    } else {
      run.result("On \(host.name): not active" + (brings.map { "; level \($0.number) (\($0.title)) brings it" } ?? "") + ".")
    }
  }

  static func explain(setting field: FieldSpec, plugin: PluginSpec, _ run: RunEnvironment) {
    run.result("\(run.style.bold("\(plugin.name).\(field.name)")) (\(field.type))")
    run.result("  " + field.description)
    if let upstream = field.defaultValue { run.result("  upstream default: \(upstream.display)") }
    guard let (host, _, progression) = ListCommand.currentHost(run), let neovim = host.neovim,
      let catalog = try? run.workspace.catalog()
    else { return }
    run.result("")
    run.result("By level (→ is yours):")
    let rules = HabitRules(catalog: catalog)
    var rows: [[String]] = []
    var previous: ConfigValue?
    for level in progression.levels {
      let value = rules.effective(plugin.name, progression.effective(at: level.number))[field.name]
      let changed = value != previous
      rows.append([level.number == neovim.level ? "→" : " ", "\(level.number)", (value?.display ?? "(upstream)") + (changed ? "" : "")])
      previous = value
    }
    Table.print(rows, indent: "  ", run: run)
  }
}
