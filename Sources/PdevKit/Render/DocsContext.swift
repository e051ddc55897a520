import PdevCore

/// Template contexts of docs/learning-plan.md and docs/cheatsheet.md, built from the same
/// data as the Neovim modules so the documents cannot disagree with the editor.
struct DocsContext {
  let input: RenderInput

  private var neovim: ResolvedNeovim? { input.primary.neovim }

  /// Plugins the first host has before any level brings one, that come with keys: the
  /// completion menu, the git signs.
  func startingPlugins() -> [String] {
    guard let neovim = input.primary.neovim else { return [] }
    return neovim.plugins.filter { plugin in
      guard plugin.spec.settingsSchema == nil else { return false }
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
          "keymaps": .list(spec.keymaps.map(DocsContext.keymapRow)),
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
            .object(["keys": .code(item.keys.map(Markdown.keys).joined(separator: " ")), "what": .text(item.what)])
          }),
        "hardtime": .list(rules.hardtime(settings).map { .text($0) }),
        "precognition": .list(rules.precognition(settings).map { .text($0) }),
        "practice": .list(level.practice.map { .text($0) }),
        "ready": .text(level.ready),
        "hasReady": .bool(!level.ready.isEmpty),
      ])
    }
    let title = progression.level(current)?.title ?? ""
    return [
      "progression": .text(progression.name),
      "description": .text(progression.description),
      "level": .text(String(current)),
      "top": .text(String(progression.top)),
      "title": .text(title),
      "started": .text(input.levelStarted.date),
      "due": .text(input.levelStarted.adding(days: 7).date),
      "atTop": .bool(current >= progression.top),
      "weeks": .list(weeks),
      "levelUp": .code(Markdown.code("pdev level-up")),
      "status": .code(Markdown.code("pdev status")),
    ]
  }

  func cheatsheet() -> [String: TemplateValue] {
    guard let neovim else {
      return ["hasNeovim": false, "groups": [], "other": [], "level": .text(String(input.level))]
    }
    let all = neovim.keymaps + neovim.lspKeymaps
    var groups: [TemplateValue] = []
    for group in neovim.groups {
      let rows = all.filter { input.catalog.group(of: $0.key) == group }.sorted { $0.key < $1.key }
      guard !rows.isEmpty else { continue }
      groups.append(
        .object([
          "prefix": .code(Markdown.keys(group.prefix)),
          "name": .text(group.name),
          "keymaps": .list(rows.map(DocsContext.keymapRow)),
        ]))
    }
    let other = all.filter { input.catalog.group(of: $0.key) == nil }.sorted { $0.key.lowercased() < $1.key.lowercased() }
    return [
      "hasNeovim": true,
      "level": .text(String(input.level)),
      "host": .text(input.primary.name),
      "groups": .list(groups),
      "other": .list(other.map(DocsContext.keymapRow)),
    ]
  }

  static func keymapRow(_ keymap: KeymapSpec) -> TemplateValue {
    .object([
      "keys": .code(Markdown.keys(keymap.key)),
      "mode": .text(keymap.modes.map { $0.isEmpty ? "nvo" : $0 }.joined(separator: ", ")),
      "desc": .text(keymap.description),
      "owner": .text(keymap.owner),
    ])
  }
}
