import PdevCore

/// Template contexts of docs/learning-plan.md and docs/cheatsheet.md, built from the same
/// data as the Neovim modules so the documents cannot disagree with the editor.
struct DocsContext {
  let input: RenderInput

  private var neovim: ResolvedNeovim? { input.primary.neovim }

  /// The leader key as the catalog sets it (`mapleader`; Neovim's default is a backslash).
  var leader: String { Markdown.keyName(ofLeader: neovim?.globals["mapleader"]?.stringValue ?? "\\") }

  func keys(_ sequence: String) -> String { Markdown.keys(sequence, leader: leader) }

  /// What the first host's tools bring to the terminal, and its AI CLIs' shell integration.
  func terminalRows() -> [TemplateValue] {
    let host = input.primary
    var rows: [TemplateValue] = []
    func row(_ keys: String, isKey: Bool, _ what: String, from: String) {
      rows.append(
        .object([
          "keys": .code(isKey ? Markdown.pressed(keys) : Markdown.code(keys)),
          "what": .text(what), "from": .text(from),
        ]))
    }
    for tool in host.tools.sorted(by: { $0.spec.name < $1.spec.name }) {
      for key in tool.spec.keys { row(key.keys, isKey: key.isKey, key.what, from: tool.spec.name) }
    }
    let agents = host.tools.filter { $0.spec.agent != nil }.sorted { $0.spec.name < $1.spec.name }
    guard host.tool("fish") != nil, !agents.isEmpty else { return rows }
    let askers = agents.compactMap(\.spec.agent).filter { $0.ask != nil }.sorted { $0.rank < $1.rank }.map(\.command)
    if !askers.isEmpty {
      row(
        "Alt+a", isKey: true,
        "Turn the words on the command line into a shell command from \(askers.joined(separator: " or ")), for you to read and run (it never runs by itself)",
        from: "pdev")
    }
    for tool in agents {
      let agent = tool.spec.agent!
      if tool.values["sandbox"] == .bool(true), !host.system.isDarwin {
        row(
          agent.command, isKey: false,
          "Runs in a throw-away sandbox with this project at \(AgentShell.workspace)/NAME and your login; \(agent.command) --native runs it directly",
          from: tool.spec.name)
      }
      for (name, expansion) in agent.abbreviations.sorted(by: { $0.key < $1.key }) {
        row(name, isKey: false, "Expands to \(expansion)", from: tool.spec.name)
      }
    }
    return rows
  }

  /// Plugins the first host has before any level brings one, that come with keys: the
  /// completion menu, the git signs.
  func startingPlugins() -> [String] {
    guard let neovim = input.primary.neovim else { return [] }
    return neovim.plugins.filter { plugin in
      guard !plugin.spec.isHabit else { return false }
      if case .level = plugin.origin { return false }
      return !plugin.spec.keymaps.isEmpty || plugin.spec.provides == "completion"
    }.map(\.spec.name)
  }

  func learningPlan() -> [String: TemplateValue] {
    let progression = input.progression
    let rules = HabitRules(catalog: input.catalog)
    let current = input.level
    let weeks: [TemplateValue] = progression.levels.map { level in
      let settings = progression.effective(at: level.number)
      // Week 1 also introduces what the profile gives from the start and has keys to learn.
      let fromStart = level.number == 1 ? startingPlugins() : []
      let plugins: [TemplateValue] = (fromStart + level.plugins).compactMap { name in
        guard let spec = input.catalog.plugins[name] else { return nil }
        return .object([
          "heading": .text(fromStart.contains(name) ? "From the start" : "New"),
          "name": .text(name),
          "purpose": .text(spec.purpose),
          "keymaps": .list(spec.keymaps.map(keymapRow)),
          "hasKeymaps": .bool(!spec.keymaps.isEmpty),
        ])
      }
      return .object([
        "number": .text(String(level.number)),
        "title": .text(level.title),
        "summary": .text(level.summary),
        "isCurrent": .bool(level.number == current),
        "isPast": .bool(level.number < current),
        "isFuture": .bool(level.number > current),
        "plugins": .list(plugins),
        "learn": .list(
          level.learn.map { item in
            .object(["keys": .code(item.keys.map(keys).joined(separator: " ")), "what": .text(item.what)])
          }),
        "habits": .list(rules.sentences(settings).map { .text($0) }),
        "practice": .list(level.practice.map { .text($0) }),
        "ready": .text(level.ready),
        "hasReady": .bool(!level.ready.isEmpty),
      ])
    }
    let title = progression.level(current)?.title ?? ""
    let terminal = terminalRows()
    return [
      "progression": .text(progression.name),
      "description": .text(progression.description),
      "level": .text(String(current)),
      "top": .text(String(progression.top)),
      "title": .text(title),
      "started": .text(input.levelStarted.date),
      "due": .text(LevelState.due(after: input.levelStarted).date),
      "atTop": .bool(current >= progression.top),
      "weeks": .list(weeks),
      "terminal": .list(terminal),
      "hasTerminal": .bool(!terminal.isEmpty),
      "levelUp": .code(Markdown.code("pdev level-up")),
      "status": .code(Markdown.code("pdev status")),
    ]
  }

  func cheatsheet() -> [String: TemplateValue] {
    let terminal = terminalRows()
    guard let neovim else {
      return [
        "hasNeovim": false, "groups": [], "other": [], "level": .text(String(input.level)), "terminal": .list(terminal),
        "hasTerminal": .bool(!terminal.isEmpty),
      ]
    }
    let all = neovim.keymaps + neovim.lspKeymaps
    var groups: [TemplateValue] = []
    for group in neovim.groups {
      let rows = all.filter { input.catalog.group(of: $0.key) == group }.sorted { $0.key < $1.key }
      guard !rows.isEmpty else { continue }
      groups.append(
        .object([
          "prefix": .code(keys(group.prefix)),
          "name": .text(group.name),
          "keymaps": .list(rows.map(keymapRow)),
        ]))
    }
    let other = all.filter { input.catalog.group(of: $0.key) == nil }.sorted { $0.key.lowercased() < $1.key.lowercased() }
    return [
      "hasNeovim": true,
      "leader": .code(Markdown.pressed(leader)),
      "terminal": .list(terminal),
      "hasTerminal": .bool(!terminal.isEmpty),
      "level": .text(String(input.level)),
      "host": .text(input.primary.name),
      "groups": .list(groups),
      "other": .list(other.map(keymapRow)),
    ]
  }

  func keymapRow(_ keymap: KeymapSpec) -> TemplateValue {
    .object([
      "keys": .code(keys(keymap.key)),
      "mode": .text(keymap.modes.map { $0.isEmpty ? "nvo" : $0 }.joined(separator: ", ")),
      "desc": .text(keymap.description),
      "owner": .text(keymap.owner),
    ])
  }
}
