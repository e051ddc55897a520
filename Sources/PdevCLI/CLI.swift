import PdevCore
import PdevKit

/// Exit codes of the design (section 7).
enum ExitCode {
  static let success: Int32 = 0
  /// `--check`/`diff` found differences, drift was refused, or a level-up is not yet due.
  static let differences: Int32 = 1
  static let usage: Int32 = 2
  static let invalidInput: Int32 = 3
  static let environment: Int32 = 4
}

/// A command: its spec (name, flags, help) and what it does.
protocol Command: Sendable {
  associatedtype Options: CommandOptions
  static var spec: CommandSpec { get }
  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32
}

extension Command {
  /// Decodes the options, then runs.
  static func run(arguments: ParsedArguments, _ run: RunEnvironment) throws -> Int32 {
    try self.run(try Options(arguments), run)
  }
}

/// argv → command → exit code. All user-facing wording lives in this target.
public enum CLI {
  public static let version = "0.1.0"

  static let commands: [any Command.Type] = [
    InitCommand.self, GenerateCommand.self, DiffCommand.self, ApplyCommand.self, StatusCommand.self,
    LevelUpCommand.self, LevelDownCommand.self, LevelCommand.self, ListCommand.self, ExplainCommand.self,
    DoctorCommand.self, EnableCommand.self, DisableCommand.self, RollbackCommand.self, UpdateCommand.self, NewToolCommand.self,
    CompletionsCommand.self,
  ]

  static var specs: [CommandSpec] { commands.map { $0.spec } }

  public static func run(_ arguments: [String], context: Context) -> Int32 {
    let errorStyle = TextStyle.policy(
      noColorFlag: arguments.contains("--no-color"), environment: context.environment, isTerminal: context.stderrIsTerminal)
    let invocation: Invocation
    do {
      invocation = try ArgumentParser.parse(arguments, commands: specs)
    } catch {
      return usage(error, context: context, style: errorStyle)
    }
    let global = invocation.global
    if global.flag("version") {
      context.stdout.line("pdev \(version)")
      return ExitCode.success
    }
    guard let spec = invocation.command else {
      context.stdout.write(HelpText.main)
      return ExitCode.success
    }
    if global.flag("help") {
      context.stdout.write(spec.help)
      return ExitCode.success
    }
    let run: RunEnvironment
    do {
      run = try RunEnvironment(context: context, global: global)
    } catch let error as UsageError {
      return usage(error, context: context, style: errorStyle)
    } catch let error as DiagnosticList {
      return report(error, context: context, style: errorStyle, sources: SourceRegistry())
    } catch {
      return internalError(error, context: context)
    }
    let command = commands.first { $0.spec.name == spec.name }!
    run.effects = spec.effects(for: invocation.arguments)
    do {
      return try command.run(arguments: invocation.arguments, run)
    } catch let error as DiagnosticList {
      return report(error, context: context, style: run.errorStyle, sources: run.sources)
    } catch var error as UsageError {
      error.command = error.command ?? spec
      return usage(error, context: context, style: run.errorStyle)
    } catch {
      return internalError(error, context: context)
    }
  }

  static func usage(_ error: UsageError, context: Context, style: TextStyle) -> Int32 {
    var text = DiagnosticPrinter(sources: SourceRegistry(), style: style).render(.error(.usage, error.message, help: error.help))
    if let command = error.command {
      text += "Usage: \(command.usage)\nSee 'pdev \(command.name) --help'.\n"
    } else {
      text += "Usage: pdev [--config FILE] [-q] [-v] [--no-color] COMMAND [ARGS]\nSee 'pdev --help'.\n"
    }
    context.stderr.write(text)
    return ExitCode.usage
  }

  static func report(_ error: DiagnosticList, context: Context, style: TextStyle, sources: SourceRegistry) -> Int32 {
    let printer = DiagnosticPrinter(sources: sources, style: style)
    let sorted = error.sorted
    context.stderr.write(printer.render(sorted))
    let count = sorted.filter { $0.severity == .error }.count
    if count > 1 { context.stderr.line("pdev: \(count) errors") }
    return error.kind == .environment ? ExitCode.environment : ExitCode.invalidInput
  }

  static func internalError(_ error: Error, context: Context) -> Int32 {
    context.stderr.line("pdev: internal error: \(error)")
    context.stderr.line("This is a bug in pdev. Please report it with the command you ran and this message.")
    return 70
  }
}

/// What every command gets: the context, global flags, styles, paths, the clock, and a
/// workspace that loads inputs once.
final class RunEnvironment {
  let context: Context
  let quiet: Bool
  let verbose: Bool
  let style: TextStyle
  let errorStyle: TextStyle
  let now: Timestamp
  let paths: Paths
  let configFlag: String?
  private(set) lazy var workspace = Workspace(paths: paths)
  /// What this run may change: its command's effects, none with --check or --dry-run.
  var effects: Effects = []

  var sources: SourceRegistry { workspace.sources }

  init(context: Context, global: ParsedArguments) throws {
    self.context = context
    quiet = global.flag("quiet")
    verbose = global.flag("verbose")
    let noColor = global.flag("no-color")
    style = TextStyle.policy(noColorFlag: noColor, environment: context.environment, isTerminal: context.stdoutIsTerminal)
    errorStyle = TextStyle.policy(noColorFlag: noColor, environment: context.environment, isTerminal: context.stderrIsTerminal)
    if let text = context.environment["PDEV_NOW"], !text.isEmpty {
      guard let parsed = Timestamp.parse(text) else {
        throw UsageError(
          message: "PDEV_NOW='\(text)' is not an ISO-8601 time between 1970 and 9999",
          help: "write it like 2026-11-23 or 2026-11-23T09:30:00Z", command: nil)
      }
      now = parsed
    } else {
      now = context.clock()
    }
    guard let share = context.share else {
      throw DiagnosticList(
        [
          .error(
            .missingShare,
            "cannot find pdev's bundled templates and profiles",
            help: "install pdev with bootstrap.sh, or set PDEV_SHARE to the directory that holds templates/ and profiles/")
        ], kind: .environment)
    }
    configFlag = global.value("config")
    paths = Paths.from(
      environment: context.environment, home: context.home, cwd: context.currentDirectory, share: share,
      configFile: configFlag)
  }

  /// Results: stdout.
  func result(_ text: String) { context.stdout.line(text) }

  /// Progress and notes: stderr, hidden by --quiet.
  func info(_ text: String) {
    if !quiet { context.stderr.line(text) }
  }

  func detail(_ text: String) {
    if verbose { context.stderr.line(errorStyle.dim(text)) }
  }

  /// An error that is not a thrown diagnostic: the command goes on to choose its exit code.
  func error(_ code: DiagnosticCode, _ text: String) {
    context.stderr.write(DiagnosticPrinter(sources: SourceRegistry(), style: errorStyle).render(.error(code, text)))
  }

  func warning(_ text: String) {
    context.stderr.line("pdev: \(errorStyle.warning("warning:")) \(text)")
  }

  var defaultUsername: String { context.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "user" }

  /// Everything besides files that a render depends on: pdev's build and where it reads.
  var fingerprintSalt: String {
    [CLI.version, context.build, defaultUsername, paths.configFile, paths.configHome, paths.share].joined(separator: "\u{0}")
  }

  func display(_ path: String) -> String { paths.display(path) }
}
