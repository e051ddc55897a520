import PdevCore

/// Decides, per host, the tools and plugins to render: defaults, dependencies, platforms and
/// the plugins of the current level. Conflicts are located errors.
public struct Resolver {
  public let catalog: Catalog
  public let progression: Progression
  public let level: Int

  public init(catalog: Catalog, progression: Progression, level: Int) {
    self.catalog = catalog
    self.progression = progression
    self.level = level
  }

  public func resolve(_ config: PdevConfig) throws(DiagnosticList) -> [ResolvedHost] {
    var diagnostics = DiagnosticBag()
    var hosts: [ResolvedHost] = []
    for host in config.hosts {
      hosts.append(resolve(host, diagnostics: &diagnostics))
    }
    try diagnostics.check()
    return hosts
  }

  func resolve(_ host: HostConfig, diagnostics: inout DiagnosticBag) -> ResolvedHost {
    var notes: [String] = []
    var wanted: [String: (values: [String: ConfigValue], reason: String?)] = [:]
    for (name, setting) in host.tools where setting.enabled { wanted[name] = (setting.values, nil) }

    // Neovim first: its plugins may need tools.
    let neovim = host.neovim.enable ? resolveNeovim(host, diagnostics: &diagnostics) : nil
    for plugin in neovim?.plugins ?? [] {
      for tool in plugin.spec.tools where wanted[tool] == nil {
        if let setting = host.tools[tool], !setting.enabled {
          diagnostics.error(
            "the Neovim plugin \(plugin.spec.name) needs \(tool), which is disabled here", at: setting.enableLocation,
            help: "enable \(tool), or turn \(plugin.spec.name) off with neovim.plugins.\(plugin.spec.name): false")
          continue
        }
        wanted[tool] = ([:], "the Neovim plugin \(plugin.spec.name) uses it")
      }
    }

    // Tool dependencies, to a fixed point. A disabled dependency is one error naming all
    // the tools that need it.
    var blocked: [String: Set<String>] = [:]
    var queue = wanted.keys.sorted()
    while let name = queue.popLast() {
      guard let spec = catalog.tools[name] else { continue }
      for dependency in spec.requires where wanted[dependency] == nil {
        if let setting = host.tools[dependency], !setting.enabled {
          blocked[dependency, default: []].insert(name)
          continue
        }
        wanted[dependency] = ([:], "\(name) needs it")
        queue.append(dependency)
      }
    }
    for (dependency, dependents) in blocked.sorted(by: { $0.key < $1.key }) {
      let names = dependents.sorted()
      let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
      diagnostics.error(
        "\(list) need\(names.count == 1 ? "s" : "") \(dependency), which is disabled here", at: host.tools[dependency]?.enableLocation,
        help: "enable \(dependency), or disable \(names.count == 1 ? list : "them")")
    }

    // Platforms: drop what this system cannot install, and what needs it.
    let names = wanted.keys.sorted()
    var dropped = Set<String>()
    for name in names {
      guard let spec = catalog.tools[name], !spec.platforms.contains(host.system) else { continue }
      dropped.insert(name)
      notes.append("\(name) is left out on \(host.name) (\(host.system.rawValue)): it is available on \(spec.platforms.description) only.")
    }
    var changed = !dropped.isEmpty
    while changed {
      changed = false
      for name in names where !dropped.contains(name) {
        guard let spec = catalog.tools[name], let missing = spec.requires.first(where: dropped.contains) else { continue }
        dropped.insert(name)
        notes.append("\(name) is left out on \(host.name): it needs \(missing).")
        changed = true
      }
    }

    let tools = names.filter { !dropped.contains($0) }.compactMap { name -> ResolvedTool? in
      guard let spec = catalog.tools[name] else { return nil }
      var values = wanted[name]!.values
      for option in spec.options where values[option.name] == nil {
        if let value = option.defaultValue { values[option.name] = value }
      }
      return ResolvedTool(
        spec: spec, values: values, package: spec.packages?.attribute(for: host.system), addedBecause: wanted[name]!.reason)
    }
    checkMCPServers(host, tools: tools, diagnostics: &diagnostics)
    return ResolvedHost(config: host, tools: tools, notes: notes, packages: host.packages, neovim: neovim)
  }

  /// MCP servers of several AI CLIs share home-manager's programs.mcp: one definition per name.
  private func checkMCPServers(_ host: HostConfig, tools: [ResolvedTool], diagnostics: inout DiagnosticBag) {
    var seen: [String: (tool: String, value: ConfigValue)] = [:]
    for tool in tools where tool.spec.mcp {
      for (name, value) in tool.values["mcp-servers"]?.mapValue ?? [:] {
        if let first = seen[name], first.value != value {
          diagnostics.error(
            "MCP server '\(name)' is defined differently for \(first.tool) and \(tool.spec.name)",
            at: host.tools[tool.spec.name]?.location,
            help: "AI CLIs share one list of MCP servers (home-manager programs.mcp); define '\(name)' once")
        }
        seen[name] = seen[name] ?? (tool.spec.name, value)
      }
    }
  }

  func resolveNeovim(_ host: HostConfig, diagnostics: inout DiagnosticBag) -> ResolvedNeovim {
    let settings = host.neovim
    let levelSettings = progression.effective(at: level)
    var chosen: [String: ResolvedPlugin] = [:]
    var order: [String] = []
    func add(_ name: String, origin: ResolvedPlugin.Origin) {
      guard chosen[name] == nil, let spec = catalog.plugins[name] else { return }
      if let setting = settings.plugins[name], !setting.enabled { return }
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
        if let setting = settings.plugins[dependency], !setting.enabled {
          diagnostics.error(
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
        let (asked, otherName) = settings.plugins[plugin.spec.name] != nil ? (plugin.spec.name, other.spec.name) : (other.spec.name, plugin.spec.name)
        roleConflict = true
        diagnostics.error(
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
    opts.merge(settings.options) { _, user in user }
    return ResolvedNeovim(
      colorscheme: settings.colorscheme.flatMap { catalog.colorschemes[$0] }, plugins: plugins,
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
        "\(a.owner) and \(b.owner) both map \(keys.joined(separator: ", "))",
        at: host.neovim.plugins[b.owner]?.location ?? host.neovim.plugins[a.owner]?.location,
        help: "turn one of them off for this host")
    }
  }
}
