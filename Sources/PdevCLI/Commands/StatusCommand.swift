import PdevCore
import PdevKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

struct StatusCommand: Command {
  static let spec = CommandSpec(
    name: "status", summary: "Show your level, when the next is due, and the output's state",
    usage: "pdev status [--json] [--out DIR]",
    flags: [FlagSpec("json"), FlagSpec("out", value: "DIR")], positionals: 0...0,
    help: """
      Usage: pdev status [--json] [--out DIR]

      Show your Neovim level and its title, the day of the week you are on, when the next
      level-up is due, a pin in pdev.yaml if any, the profile and hosts, whether the output
      directory matches pdev.yaml (files that would change, files edited by hand), and the
      recent generations.

      Flags:
        --json      Print the same as JSON (fields in docs/commands.md)
        --out DIR   Look at DIR instead of the configured output directory

      Exit codes: 0 shown; 3 invalid configuration or state.

      """)

  struct Report: Encodable {
    struct Host: Encodable {
      var name: String
      var system: String
      var user: String
      var profile: String?
    }

    struct Output: Encodable {
      var path: String
      var upToDate: Bool
      var wouldChange: [String]
      var editedByHand: [String]
      var notWrittenByPdev: [String]
    }

    struct Generation: Encodable {
      var number: Int
      var created: String
      var note: String?
    }

    var version = 1
    var level: Int
    var top: Int
    var title: String
    var progression: String
    var levelStarted: String
    var dayOfLevel: Int
    var nextLevelDue: String?
    var daysUntilDue: Int?
    var levelUpAllowed: Bool
    var pinned: Bool
    var profile: String?
    var hosts: [Host]
    var output: Output
    var generations: [Generation]
  }

  static func daysUntil(_ due: Timestamp, from now: Timestamp) -> Int {
    max(0, Int((due.seconds - now.seconds + 86_399) / 86_400))
  }

  struct Options: CommandOptions {
    var json: Bool
    var out: String?

    init(_ arguments: ParsedArguments) {
      json = arguments.flag("json")
      out = arguments.value("out")
    }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    let pipeline = Pipeline(run: run)
    let rendered = try pipeline.render(outFlag: options.out)
    let progression = rendered.plan.progression
    // What `pdev level-up` would do now: the same rules, from the same place.
    let levels = rendered.plan.levels(now: run.now)
    let state = levels.state
    let level = rendered.plan.level
    let due = state.nextLevelDue
    let pinned = rendered.plan.config.levelPin != nil
    let next = levels.up(now: run.now, force: false)
    let nextDue: Timestamp?
    switch next {
    case .change: nextDue = due
    case .notDue(let at): nextDue = at
    case .atTop, .pinned: nextDue = nil
    }
    let writer = pipeline.writer(for: rendered.output)
    let changes = try writer.plan(rendered.result.files)
    let report = Report(
      level: level, top: progression.top, title: progression.level(level)?.title ?? "", progression: progression.name,
      levelStarted: state.levelStarted.iso, dayOfLevel: state.levelStarted.days(until: run.now) + 1,
      nextLevelDue: nextDue?.iso, daysUntilDue: nextDue.map { daysUntil($0, from: run.now) },
      levelUpAllowed: next == .change(to: level + 1, forced: false), pinned: pinned, profile: rendered.plan.config.profile,
      hosts: rendered.plan.config.hosts.map {
        Report.Host(name: $0.name, system: $0.system.rawValue, user: $0.username, profile: $0.profile)
      },
      output: Report.Output(
        path: rendered.output, upToDate: !changes.contains(where: \.writes),
        wouldChange: changes.filter { [.create, .update, .recreate].contains($0.kind) }.map(\.path),
        editedByHand: changes.filter { $0.kind == .drift }.map(\.path),
        notWrittenByPdev: changes.filter { $0.kind == .collision }.map(\.path)),
      generations: writer.store.generations().filter(\.manifest.complete).suffix(5).reversed().map {
        Report.Generation(number: $0.manifest.number, created: $0.manifest.created.iso, note: $0.manifest.note)
      })
    if options.json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      run.context.stdout.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
      return ExitCode.success
    }
    printText(report, rendered: rendered, started: state.levelStarted, due: due, run: run)
    return ExitCode.success
  }

  /// The report in words; instants come typed, never parsed back from the report's text.
  static func printText(_ r: Report, rendered: Pipeline.Rendered, started: Timestamp, due: Timestamp, run: RunEnvironment) {
    let s = run.style
    run.result(s.bold("Neovim level \(r.level) of \(r.top): \(r.title)"))
    if r.pinned {
      run.result("  pinned by neovim.level in \(run.display(rendered.plan.config.file)); level-up does not move it")
    } else if r.level >= r.top {
      run.result("  since \(started.date); the top level of '\(r.progression)'")
    } else {
      let days = r.daysUntilDue ?? 0
      let when = r.levelUpAllowed ? "due now: run `pdev level-up`" : "due \(due.date), in \(days) day\(days == 1 ? "" : "s")"
      run.result("  since \(started.date), day \(r.dayOfLevel) of \(LevelState.daysPerLevel); level \(r.level + 1) is \(when)")
    }
    if let level = rendered.plan.progression.level(r.level), !level.learn.isEmpty {
      run.result(
        "  this week: " + level.learn.prefix(4).map { $0.keys.joined(separator: " ") }.joined(separator: " · ")
          + " (`:PdevLevel` in Neovim, docs/learning-plan.md)")
    }
    run.result("")
    run.result(
      "Profile \(r.profile ?? "(none)"); hosts: " + r.hosts.map { "\($0.name) (\($0.system), \($0.user))" }.joined(separator: ", "))
    let o = r.output
    var line = "Output \(run.display(o.path)): "
    if o.upToDate {
      line += "up to date"
    } else {
      var parts: [String] = []
      if !o.wouldChange.isEmpty {
        parts.append("\(o.wouldChange.count) file\(o.wouldChange.count == 1 ? "" : "s") to update (`pdev generate`)")
      }
      if !o.editedByHand.isEmpty { parts.append("edited by hand: " + o.editedByHand.joined(separator: ", ")) }
      if !o.notWrittenByPdev.isEmpty { parts.append("not pdev's: " + o.notWrittenByPdev.joined(separator: ", ")) }
      line += parts.joined(separator: "; ")
    }
    run.result(line)
    if r.generations.isEmpty {
      run.result("Generations: none yet")
    } else {
      run.result("Generations (newest first):")
      for g in r.generations {
        run.result("  \(g.number)  \(g.created.replacingAll("T", with: " ").replacingAll("Z", with: ""))  \(g.note ?? "")")
      }
    }
  }
}
