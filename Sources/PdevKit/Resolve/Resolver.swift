import PdevCore

/// Decides, per host, the tools and plugins to render: defaults, dependencies, platforms and
/// the plugins of the current level. Conflicts are located errors.
public struct Resolver {
  public let catalog: Catalog
  public let progression: Progression
  public let level: Int
  /// Catalog tools in name order, and each name's position: per-host work runs over
  /// positions, so hosts neither sort nor hash more than they must.
  private let toolOrder: [String]
  private let specs: [ToolSpec]
  private let toolIndex: [String: Int]

  public init(catalog: Catalog, progression: Progression, level: Int) {
    self.catalog = catalog
    self.progression = progression
    self.level = level
    self.toolOrder = catalog.tools.keys.sorted()
    self.specs = toolOrder.map { catalog.tools[$0]! }
    self.toolIndex = Dictionary(uniqueKeysWithValues: toolOrder.enumerated().map { ($1, $0) })
  }

  public func resolve(_ config: PdevConfig) throws(DiagnosticList) -> [ResolvedHost] {
    var diagnostics = DiagnosticBag()
    var hosts: [ResolvedHost] = []
    var defaults = DefaultsMemo(count: toolOrder.count)
    for host in config.hosts {
      hosts.append(resolve(host, diagnostics: &diagnostics, defaults: &defaults))
    }
    try diagnostics.check()
    return hosts
  }

  /// Per tool (by catalog index), the last values completed with defaults: hosts that share a
  /// setting then share one dictionary, which later stages compare at once.
  struct DefaultsMemo {
    var last: [(given: [String: ConfigValue], completed: [String: ConfigValue])?]
    /// Per tool and theme, the last values the theme went beneath and the result: hosts of
    /// one theme fill its words once.
    var themed: [String: (given: [String: ConfigValue], result: [String: ConfigValue])] = [:]

    init(count: Int) { last = Array(repeating: nil, count: count) }

    mutating func complete(_ values: [String: ConfigValue], for spec: ToolSpec, at index: Int) -> [String: ConfigValue] {
      if let known = last[index], known.given == values { return known.completed }
      var completed = values
      for option in spec.options where completed[option.name] == nil {
        if let value = option.defaultValue { completed[option.name] = value }
      }
      last[index] = (values, completed)
      return completed
    }
  }

  /// A tool a host will have, before platforms are checked.
  private struct Wanted {
    var values: [String: ConfigValue]
    var reason: String?
  }

  /// One host's tools. Work per host is one lookup per tool it names; everything else runs
  /// over catalog indices, in catalog order.
  func resolve(_ host: HostConfig, diagnostics: inout DiagnosticBag, defaults: inout DefaultsMemo) -> ResolvedHost {
    var notes: [HostNote] = []
    var wanted = [Wanted?](repeating: nil, count: toolOrder.count)
    for (name, setting) in host.tools where setting.enabled {
      if let i = toolIndex[name] { wanted[i] = Wanted(values: setting.values) }
    }

    // Neovim first: its plugins may need tools.
    let theme = theme(for: host)
    let neovim = host.neovim.enable ? resolveNeovim(host, theme: theme, diagnostics: &diagnostics) : nil
    for plugin in neovim?.plugins ?? [] {
      for tool in plugin.spec.tools {
        guard let i = toolIndex[tool], wanted[i] == nil else { continue }
        if let setting = host.tools[tool], setting.isTurnedOff {
          diagnostics.error(
            .unavailable,
            "the Neovim plugin \(plugin.spec.name) needs \(tool), which is disabled here", at: setting.enableLocation,
            help: "enable \(tool), or turn \(plugin.spec.name) off with neovim.plugins.\(plugin.spec.name): false")
          continue
        }
        wanted[i] = Wanted(values: host.tools[tool]?.values ?? [:], reason: "the Neovim plugin \(plugin.spec.name) uses it")
      }
    }

    // Tool dependencies, to a fixed point. A disabled dependency is one error naming all
    // the tools that need it.
    var blocked: [String: Set<String>] = [:]
    var queue = wanted.indices.filter { wanted[$0] != nil }
    while let i = queue.popLast() {
      let name = toolOrder[i]
      for dependency in specs[i].requires {
        guard let d = toolIndex[dependency], wanted[d] == nil else { continue }
        if let setting = host.tools[dependency], setting.isTurnedOff {
          blocked[dependency, default: []].insert(name)
          continue
        }
        wanted[d] = Wanted(values: host.tools[dependency]?.values ?? [:], reason: "\(name) needs it")
        queue.append(d)
      }
    }
    for (dependency, dependents) in blocked.sorted(by: { $0.key < $1.key }) {
      let names = dependents.sorted()
      let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
      diagnostics.error(
        .unavailable,
        "\(list) need\(names.count == 1 ? "s" : "") \(dependency), which is disabled here", at: host.tools[dependency]?.enableLocation,
        help: "enable \(dependency), or disable \(names.count == 1 ? list : "them")")
    }

    // Platforms: drop what this system cannot install, and what needs it.
    let chosen = wanted.indices.filter { wanted[$0] != nil }
    var dropped = Set<String>()
    for i in chosen where !specs[i].platforms.contains(host.system) {
      dropped.insert(toolOrder[i])
      notes.append(HostNote(tool: toolOrder[i], host: host.name, system: host.system, kind: .unavailable(specs[i].platforms)))
    }
    var changed = !dropped.isEmpty
    while changed {
      changed = false
      for i in chosen where !dropped.contains(toolOrder[i]) {
        guard let missing = specs[i].requires.first(where: dropped.contains) else { continue }
        dropped.insert(toolOrder[i])
        notes.append(HostNote(tool: toolOrder[i], host: host.name, system: host.system, kind: .needs(missing)))
        changed = true
      }
    }

    var tools: [ResolvedTool] = []
    tools.reserveCapacity(chosen.count)
    for i in chosen where dropped.isEmpty || !dropped.contains(toolOrder[i]) {
      let spec = specs[i]
      tools.append(
        ResolvedTool(
          spec: spec,
          values: themed(defaults.complete(wanted[i]!.values, for: spec, at: i), tool: spec.name, theme: theme, memo: &defaults),
          package: spec.packages?.attribute(for: host.system), addedBecause: wanted[i]!.reason))
    }
    checkMCPServers(host, tools: tools, diagnostics: &diagnostics)
    addingAgents(to: &tools, host: host, notes: &notes)
    return ResolvedHost(
      config: host, tools: tools, notes: notes, packages: host.packages, neovim: neovim, theme: theme?.dark, lightTheme: theme?.light)
  }

  /// MCP servers of several AI CLIs share home-manager's programs.mcp: one definition per name.
  private func checkMCPServers(_ host: HostConfig, tools: [ResolvedTool], diagnostics: inout DiagnosticBag) {
    var seen: [String: (tool: String, value: ConfigValue)] = [:]
    for tool in tools where tool.spec.mcp {
      for (name, value) in tool.values[ToolSpec.mcpServersOption]?.mapValue ?? [:] {
        if let first = seen[name], first.value != value {
          diagnostics.error(
            .unavailable,
            "MCP server '\(name)' is defined differently for \(first.tool) and \(tool.spec.name)",
            at: host.tools[tool.spec.name]?.location,
            help: "AI CLIs share one list of MCP servers (home-manager programs.mcp); define '\(name)' once")
        }
        seen[name] = seen[name] ?? (tool.spec.name, value)
      }
    }
  }

  func resolveNeovim(_ host: HostConfig, theme: HostTheme?, diagnostics: inout DiagnosticBag) -> ResolvedNeovim {
    let settings = host.neovim
    let levelSettings = progression.effective(at: level)
    var chosen: [String: ResolvedPlugin] = [:]
    var order: [String] = []
    func add(_ name: String, origin: ResolvedPlugin.Origin) {
      guard chosen[name] == nil, let spec = catalog.plugins[name] else { return }
      if let setting = settings.plugins[name], setting.isTurnedOff { return }
      chosen[name] = ResolvedPlugin(spec: spec, settings: settings.plugins[name]?.settings, origin: origin)
      order.append(name)
    }
    for (name, setting) in settings.plugins.sorted(by: { $0.key < $1.key }) where setting.enabled {
      add(name, origin: .profile)
    }
    for name in levelSettings.plugins { add(name, origin: .level(levelSettings.introducedAt[name] ?? 1)) }
    // Required plugins, to a fixed point.
    var queue = order
    while let name = queue.popLast() {
      for dependency in chosen[name]?.spec.requires ?? [] where chosen[dependency] == nil {
        if let setting = settings.plugins[dependency], setting.isTurnedOff {
          diagnostics.error(
            .unavailable,
            "the plugin \(name) needs \(dependency), which is turned off here", at: setting.location,
            help: "turn \(dependency) on, or \(name) off")
          continue
        }
        add(dependency, origin: .dependency(name))
        queue.append(dependency)
      }
    }
    let plugins = chosen.values.sorted { $0.spec.name < $1.spec.name }

    // One plugin per role (picker, explorer, completion).
    var roles: [String: ResolvedPlugin] = [:]
    var roleConflict = false
    for plugin in plugins {
      guard let role = plugin.spec.provides else { continue }
      if let other = roles[role] {
        // Point at the plugin the configuration asked for; suggest turning off the other.
        let (asked, otherName) =
          settings.plugins[plugin.spec.name] != nil ? (plugin.spec.name, other.spec.name) : (other.spec.name, plugin.spec.name)
        roleConflict = true
        diagnostics.error(
          .unavailable,
          "\(other.spec.name) and \(plugin.spec.name) are both enabled as the \(role)", at: settings.plugins[asked]?.location,
          help: "keep one: to use \(asked), add \(otherName): false under neovim.plugins")
      } else {
        roles[role] = plugin
      }
    }

    var keymaps = catalog.core.keymaps
    for plugin in plugins { keymaps += plugin.spec.keymaps }
    let lspKeymaps = settings.languages.isEmpty ? [] : catalog.core.lspKeymaps
    if !roleConflict { checkKeymapClashes(keymaps + lspKeymaps, host: host, diagnostics: &diagnostics) }
    let usedGroups = catalog.keymapGroups.filter { group in (keymaps + lspKeymaps).contains { catalog.group(of: $0.key) == group } }

    var opts = catalog.core.opts
    let colorscheme = colorscheme(settings, theme: theme)
    if let theme = theme?.dark, theme.appearance == .light, colorscheme?.name == theme.colorscheme.name {
      opts["background"] = .string("light")
    }
    opts.merge(settings.options) { _, user in user }
    return ResolvedNeovim(
      colorscheme: colorscheme, plugins: plugins,
      languages: settings.languages.compactMap { catalog.languages[$0] }, opts: opts, globals: catalog.core.globals,
      clipboard: settings.clipboard, keymaps: keymaps, lspKeymaps: lspKeymaps, groups: usedGroups, level: level,
      levelSettings: levelSettings)
  }

  /// Two plugins mapping the same key in the same mode: one error per pair, listing the keys.
  private func checkKeymapClashes(_ keymaps: [KeymapSpec], host: HostConfig, diagnostics: inout DiagnosticBag) {
    var seen: [String: KeymapSpec] = [:]
    var clashes: [String: (KeymapSpec, KeymapSpec, [String])] = [:]
    for keymap in keymaps {
      for mode in keymap.modes {
        let id = mode + "\u{0}" + keymap.key
        if let other = seen[id], other.owner != keymap.owner {
          let pair = [other.owner, keymap.owner].sorted().joined(separator: "+")
          var entry = clashes[pair] ?? (other, keymap, [])
          if !entry.2.contains(keymap.key) { entry.2.append(keymap.key) }
          clashes[pair] = entry
        }
        seen[id] = seen[id] ?? keymap
      }
    }
    for (_, (a, b, keys)) in clashes.sorted(by: { $0.key < $1.key }) {
      diagnostics.error(
        .unavailable,
        "\(a.owner) and \(b.owner) both map \(keys.joined(separator: ", "))",
        at: host.neovim.plugins[b.owner]?.location ?? host.neovim.plugins[a.owner]?.location,
        help: "turn one of them off for this host")
    }
  }
}
