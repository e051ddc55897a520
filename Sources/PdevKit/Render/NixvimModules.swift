import PdevCore

/// The modules under modules/nixvim/, each a `programs.nixvim` fragment per host.
struct NixvimModules {
  let input: RenderInput

  private var hosts: [(ResolvedHost, ResolvedNeovim)] {
    input.hosts.compactMap { host in host.neovim.map { (host, $0) } }
  }

  /// Plugins configured by habits.nix: the habit plugins and those a level brought.
  static func belongsToHabits(_ plugin: ResolvedPlugin) -> Bool {
    if plugin.spec.isHabit { return true }
    if case .level = plugin.origin { return true }
    return false
  }

  func defaultModule() throws(DiagnosticList) -> Renderer.ModuleBody {
    var split = HostSplit(hosts: input.hostNames)
    for (host, _) in hosts {
      var attrs = NixAttrs()
      for key in ["enable", "defaultEditor", "viAlias", "vimAlias"] {
        attrs.set(["programs", "nixvim", key], .mkDefault(.bool(true)))
      }
      split.add(attrs, host: host.name)
    }
    let body = try split.body(imports: Renderer.NixvimModule.allCases.map { "./\($0.rawValue).nix" })
    return Renderer.ModuleBody(body: body, comments: [], references: split.references)
  }

  func module(_ name: Renderer.NixvimModule) throws(DiagnosticList) -> Renderer.ModuleBody {
    var split = HostSplit(hosts: input.hostNames)
    var comments: [String] = []
    for (host, neovim) in hosts {
      var attrs = NixAttrs()
      switch name {
      case .core: core(neovim, host: host, into: &attrs)
      case .plugins:
        var setups: [String] = []
        for plugin in neovim.plugins where !NixvimModules.belongsToHabits(plugin) {
          configure(plugin, into: &attrs, setups: &setups)
        }
        if !setups.isEmpty { attrs["extraConfigLua"] = .string(setups.joined()) }
      case .lsp: lsp(neovim, into: &attrs)
      case .keymaps: keymaps(neovim, into: &attrs)
      case .habits:
        let line = levelComment()
        if !comments.contains(line) { comments.append(line) }
        habits(neovim, into: &attrs)
      }
      split.add(attrs.prefixed(["programs", "nixvim"]), host: host.name)
    }
    return Renderer.ModuleBody(body: try split.body(), comments: comments, references: split.references)
  }

  private func core(_ neovim: ResolvedNeovim, host: ResolvedHost, into attrs: inout NixAttrs) {
    attrs["globals"] = ConfigValue.map(neovim.globals).nix()
    attrs["opts"] = ConfigValue.map(neovim.opts).nix()
    if neovim.clipboard == .system {
      attrs.set(["clipboard", "register"], .mkDefault(.string("unnamedplus")))
      if !host.system.isDarwin { attrs.set(["clipboard", "providers", "wl-copy", "enable"], .mkDefault(.bool(true))) }
    }
    if let scheme = neovim.colorscheme {
      attrs.set(["colorschemes", scheme.name, "enable"], .mkDefault(.bool(true)))
      if let settings = scheme.settings {
        attrs.set(["colorschemes", scheme.name, "settings"], settings.nix(emptyLua: "{}"))
      }
    }
  }

  /// Enables `plugin` and hands it its settings: through nixvim's `settings`, or, for a plugin
  /// whose nixvim module passes them elsewhere, as a `setup()` call of its own in `setups`.
  private func configure(
    _ plugin: ResolvedPlugin, into attrs: inout NixAttrs, setups: inout [String], settings override: ConfigValue? = nil
  ) {
    let path = plugin.spec.nixvim.split(separator: ".").map(String.init)
    attrs.set(path + ["enable"], .mkDefault(.bool(true)))
    var settings = plugin.spec.settings ?? .map([:])
    if let user = plugin.settings { settings = settings.merged(with: user) }
    if let override { settings = settings.merged(with: override) }
    if case .map(let m) = settings, !m.isEmpty {
      if let module = plugin.spec.setupModule {
        setups.append("require(\(Lua.quoted(module))).setup(\(settings.lua.render()))\n")
      } else {
        attrs.set(path + ["settings"], NixvimModules.settings(m, schema: plugin.spec.settingsSchema))
      }
    }
    for (extraPath, value) in plugin.spec.extra {
      attrs.set(path + extraPath.split(separator: ".").map(String.init), value.nix())
    }
  }

  private func lsp(_ neovim: ResolvedNeovim, into attrs: inout NixAttrs) {
    for server in Set(neovim.languages.flatMap(\.servers)).sorted() {
      attrs.set(["lsp", "servers", server, "enable"], .mkDefault(.bool(true)))
    }
    if !neovim.lspKeymaps.isEmpty { attrs.set(["lsp", "keymaps"], .list(neovim.lspKeymaps.map(NixvimModules.keymap))) }
  }

  private func keymaps(_ neovim: ResolvedNeovim, into attrs: inout NixAttrs) {
    attrs["keymaps"] = .list(neovim.keymaps.map(NixvimModules.keymap))
    guard !neovim.groups.isEmpty else { return }
    for plugin in neovim.plugins {
      guard let setting = plugin.spec.groupsSetting else { continue }
      let spec = neovim.groups.map { group -> Nix in
        .attrs(NixAttrs(["__unkeyed-1": .string(group.prefix), "group": .string(group.name)]))
      }
      attrs.set(plugin.spec.nixvim.split(separator: ".").map(String.init) + ["settings", setting], .list(spec))
    }
  }

  /// Plugin settings for nixvim; empty lists and maps arrive in Lua as the schema spells them.
  static func settings(_ values: [String: ConfigValue], schema: [FieldSpec]?) -> Nix {
    var attrs = NixAttrs()
    for (key, value) in values {
      let empty = schema?.first { $0.name == key }?.emptyLua ?? "{}"
      attrs[key] = value.nix(emptyLua: empty)
    }
    return .attrs(attrs)
  }

  static func keymap(_ keymap: KeymapSpec) -> Nix {
    var attrs = NixAttrs()
    attrs["mode"] = keymap.modes.count == 1 ? .string(keymap.modes[0]) : .list(keymap.modes.map(Nix.string))
    attrs["key"] = .string(keymap.key)
    switch keymap.action {
    case .command(let command): attrs["action"] = .string(command)
    case .lua(let code): attrs.set(["action", "__raw"], .string(code))
    case .lsp(let name): attrs["lspBufAction"] = .string(name)
    }
    attrs.set(["options", "desc"], .string(keymap.description))
    return .attrs(attrs)
  }

  private func habits(_ neovim: ResolvedNeovim, into attrs: inout NixAttrs) {
    var setups: [String] = []
    for plugin in neovim.plugins where NixvimModules.belongsToHabits(plugin) {
      let levelSettings = plugin.spec.isHabit ? neovim.levelSettings.habits[plugin.spec.name] : nil
      configure(plugin, into: &attrs, setups: &setups, settings: levelSettings)
    }
    attrs["extraConfigLua"] = .string(levelCommand() + setups.joined())
  }

  func levelComment() -> String {
    let title = input.progression.level(input.level)?.title ?? ""
    return "Level \(input.level) of \(input.progression.top): \(title) (since \(input.levelStarted.date))."
  }

  /// `:PdevLevel` shows this week's goals inside Neovim.
  func levelCommand() -> String {
    var lines: [String] = []
    if let level = input.progression.level(input.level) {
      lines.append("Level \(level.number) of \(input.progression.top): \(level.title)")
      if !level.summary.isEmpty { lines += ["", level.summary] }
      if !level.learn.isEmpty {
        lines += ["", "Learn this week:"]
        lines += level.learn.map { "  " + $0.keys.joined(separator: " ") + "  " + $0.what }
      }
      if !level.practice.isEmpty {
        lines += ["", "Practice:"]
        lines += level.practice.map { "  - " + $0 }
      }
      lines += ["", "Run `pdev status` in a shell to see when the next level is due."]
    }
    return """
      vim.api.nvim_create_user_command("PdevLevel", function()
        local lines = \(Lua.list(lines.map(Lua.string)).render())
        vim.notify(table.concat(lines, "\\n"), vim.log.levels.INFO, { title = "pdev" })
      end, { desc = "This week's Neovim habits (pdev)" })

      """
  }
}

extension NixAttrs {
  /// These attributes nested under `path`.
  func prefixed(_ path: [String]) -> NixAttrs {
    guard !isEmpty else { return self }
    var result = NixAttrs()
    result.set(path, .attrs(self))
    return result
  }
}
