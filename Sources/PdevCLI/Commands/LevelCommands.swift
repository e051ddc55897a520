import PdevCore
import PdevKit

extension LevelPlan {
  static func load(_ run: RunEnvironment) throws -> LevelPlan {
    try run.workspace.levelPlan(defaultUsername: run.defaultUsername, now: run.now)
  }

  /// Pinned levels do not move: say so and how to unpin.
  func refusePinned(_ pin: Int, _ run: RunEnvironment) -> Int32 {
    run.error(.levelPinned, "neovim.level pins level \(pin) in \(run.display(config.file)); nothing changed")
    run.context.stderr.line("\(run.errorStyle.help("help:")) remove the `level:` line under neovim to follow your own level again")
    return ExitCode.differences
  }
}

/// Applies a level change: renders through the normal generate path, saves the state only
/// after the files are written, and prints what changed setting by setting.
enum LevelChange {
  static func apply(
    _ context: LevelPlan, to target: Int, forced: Bool, command: PdevKit.LevelChange.Command, outFlag: String?,
    run: RunEnvironment
  ) throws -> Int32 {
    var state = context.state
    let from = state.level
    let again = command == .levelSet ? "level set \(target)" : command.rawValue
    state.change(to: target, at: run.now, forced: forced, command: command)
    let pipeline = Pipeline(run: run)
    let rendered = try pipeline.render(outFlag: outFlag, state: state)
    var options = Pipeline.WriteOptions()
    options.note = "\(command) \(from) → \(target)"
    options.forceAdvice = "run `pdev generate --force` (your versions are backed up first), then `pdev \(again)` again."
    options.keep = context.config.generations
    options.fingerprint = run.workspace.fingerprint(salt: run.fingerprintSalt, files: rendered.result.files)
    // Another pdev may have changed the level since this one read it: then nothing is written.
    let read = context.isFresh ? nil : context.state
    options.underLock = {
      let current = try run.workspace.stateStore.load()
      guard current == read else {
        throw DiagnosticList(
          [
            .error(
              .busy,
              "the level changed while this ran (another pdev changed it); nothing was written",
              help: "run `pdev status`, then `pdev \(again)` again if you still want it")
          ],
          kind: .environment)
      }
    }
    let code = try pipeline.write(rendered.result.files, to: rendered.output, options: options) {
      try run.workspace.stateStore.save(state)
    }
    guard code == ExitCode.success else {
      run.info("The level stays at \(from): nothing was saved.")
      return code
    }
    describe(from: from, to: target, progression: context.progression, run: run)
    return ExitCode.success
  }

  static func describe(from: Int, to: Int, progression: Progression, run: RunEnvironment) {
    guard let level = progression.level(to), let catalog = try? run.workspace.catalog() else { return }
    let s = run.style
    run.result("")
    run.result(s.bold("Level \(to) of \(progression.top): \(level.title)") + (to < from ? "  (back from \(from))" : ""))
    if !level.summary.isEmpty { run.result(TextLines.wrap(level.summary, indent: "  ")) }
    let diff = LevelDiff(from: from, to: to, progression: progression, catalog: catalog)
    if !diff.added.isEmpty || !diff.removed.isEmpty {
      run.result("")
      run.result("Plugins: " + (diff.added.map { "+ \($0)" } + diff.removed.map { "- \($0)" }).joined(separator: ", "))
      for name in diff.added {
        if let plugin = catalog.plugins[name] { run.result(TextLines.wrap("\(name): \(plugin.purpose)", indent: "  ")) }
      }
    }
    if !diff.settings.isEmpty {
      run.result("")
      run.result("Settings:")
      for change in diff.settings { run.result("  \(change.key): \(change.old) → \(change.new)") }
    }
    if !diff.newRules.isEmpty {
      run.result("")
      run.result("What will feel different:")
      for rule in diff.newRules { run.result(TextLines.wrap("- " + rule, indent: "  ", hanging: "    ")) }
    }
    if !level.learn.isEmpty {
      run.result("")
      run.result("Learn this week:")
      Table.print(level.learn.map { [$0.keys.joined(separator: " "), $0.what] }, indent: "  ", run: run)
    }
    run.result("")
    run.result("Apply it with `pdev apply` (or home-manager switch), then restart Neovim. `:PdevLevel` shows these goals inside Neovim.")
  }
}

struct LevelUpCommand: Command {
  static let spec = CommandSpec(
    name: "level-up", summary: "Move to the next Neovim level (once 7 days have passed)",
    usage: "pdev level-up [--force] [--out DIR]",
    flags: [FlagSpec("force"), FlagSpec("out", value: "DIR")], positionals: 0...0,
    help: """
      Usage: pdev level-up [--force] [--out DIR]

      Move to the next level of your Neovim progression, once seven days have passed since
      the last change. hardtime and precognition get stricter and new plugins arrive: the
      Neovim modules and the learning plan are rendered again (through the same safe write
      path as generate) and the changes are listed setting by setting. Run `pdev apply`
      afterwards.

      Flags:
        --force     Level up now, before the week is over (recorded as forced)
        --out DIR   Render into DIR instead of the configured output directory

      Exit codes: 0 levelled up, or already at the top level; 1 not yet due (the due date
      is printed), the level is pinned, or hand edits were refused; 3 invalid input or state.

      """, effects: [.output, .state])

  struct Options: CommandOptions {
    var force: Bool
    var out: String?

    init(_ arguments: ParsedArguments) {
      force = arguments.flag("force")
      out = arguments.value("out")
    }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    let context = try LevelPlan.load(run)
    let level = context.state.level
    switch context.up(now: run.now, force: options.force) {
    case .pinned(let pin):
      return context.refusePinned(pin, run)
    case .atTop:
      let top = context.progression.top
      run.result("You are at the top level, \(level) of \(top): \(context.progression.level(level)?.title ?? ""). Nothing changed.")
      run.result("Keep the habits, or point neovim.progression at a progression of your own with more levels.")
      return ExitCode.success
    case .notDue(let due):
      let days = StatusCommand.daysUntil(due, from: run.now)
      run.context.stderr.line(
        "pdev: level \(level + 1) is due on \(due.date), in \(days) day\(days == 1 ? "" : "s"); you are on level \(level) since \(context.state.levelStarted.date)."
      )
      run.context.stderr.line(
        "\(run.errorStyle.help("help:")) keep practising: `pdev status` shows this week's goals. `pdev level-up --force` moves on now.")
      return ExitCode.differences
    case .change(let target, let forced):
      return try LevelChange.apply(context, to: target, forced: forced, command: .levelUp, outFlag: options.out, run: run)
    }
  }
}

struct LevelDownCommand: Command {
  static let spec = CommandSpec(
    name: "level-down", summary: "Go back one level",
    usage: "pdev level-down [--out DIR]",
    flags: [FlagSpec("out", value: "DIR")], positionals: 0...0,
    help: """
      Usage: pdev level-down [--out DIR]

      Go back one level: hardtime relaxes to the previous week's settings and that week's
      plugins go. The change is recorded in the state's history; the week starts again.

      Flags:
        --out DIR   Render into DIR instead of the configured output directory

      Exit codes: 0 changed, or already at level 1; 1 the level is pinned, or hand edits
      were refused; 3 invalid input or state.

      """, effects: [.output, .state])

  static func run(_ options: OutputOption, _ run: RunEnvironment) throws -> Int32 {
    let context = try LevelPlan.load(run)
    switch context.down() {
    case .pinned(let pin):
      return context.refusePinned(pin, run)
    case .atBottom:
      run.result("You are on level 1, the first. Nothing changed.")
      return ExitCode.success
    case .change(let target):
      return try LevelChange.apply(context, to: target, forced: false, command: .levelDown, outFlag: options.out, run: run)
    }
  }
}

struct LevelCommand: Command {
  static let spec = CommandSpec(
    name: "level", summary: "Go to level N",
    usage: "pdev level set N [--reset] [--out DIR]",
    flags: [FlagSpec("reset"), FlagSpec("out", value: "DIR")], positionals: 2...2,
    help: """
      Usage: pdev level set N [--reset] [--out DIR]

      Go to level N of your progression now, without waiting; recorded as forced when it
      moves up. With --reset, a state file that cannot be read is moved aside (kept as
      state.json.broken-TIME) and a new one starts at level N.

      Flags:
        --reset     Start a new state at level N, keeping the old file next to it
        --out DIR   Render into DIR instead of the configured output directory

      Exit codes: 0 changed; 1 the level is pinned, or hand edits were refused; 2 N is not
      a level; 3 invalid input or state.

      """, effects: [.output, .state])

  struct Options: CommandOptions {
    var target: Int
    var reset: Bool
    var out: String?

    init(_ arguments: ParsedArguments) throws(UsageError) {
      guard arguments.positionals[0] == "set" else {
        throw UsageError(message: "unknown level command '\(arguments.positionals[0])'", help: "did you mean 'set'?", command: spec)
      }
      guard let target = Int(arguments.positionals[1]) else {
        throw UsageError(message: "'\(arguments.positionals[1])' is not a level number", help: nil, command: spec)
      }
      self.target = target
      reset = arguments.flag("reset")
      out = arguments.value("out")
    }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    let target = options.target
    if options.reset, FileIO.kind(run.paths.stateFile) != .missing {
      if (try? run.workspace.stateStore.load()) == nil {
        let aside = try run.workspace.stateStore.setAside(at: run.now)
        run.info("Moved the unreadable state to \(run.display(aside)).")
      }
    }
    let context = try LevelPlan.load(run)
    switch context.set(target) {
    case .pinned(let pin):
      return context.refusePinned(pin, run)
    case .outOfRange:
      throw UsageError(
        message: "level \(target) does not exist",
        help: "the progression '\(context.progression.name)' has levels 1 to \(context.progression.top)",
        command: spec)
    case .unchanged:
      run.result("You are already on level \(target). Nothing changed.")
      return ExitCode.success
    case .change(let target, let forced):
      return try LevelChange.apply(context, to: target, forced: forced, command: .levelSet, outFlag: options.out, run: run)
    }
  }
}
