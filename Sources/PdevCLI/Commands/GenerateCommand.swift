import PdevCore
import PdevKit

struct GenerateCommand: Command {
  static let spec = CommandSpec(
    name: "generate", summary: "Render the configuration again after editing pdev.yaml",
    usage: "pdev generate [--out DIR] [--check] [--dry-run] [--diff] [--force]",
    flags: [FlagSpec("out", value: "DIR"), FlagSpec("check"), FlagSpec("dry-run"), FlagSpec("diff"), FlagSpec("force")],
    positionals: 0...0,
    help: """
      Usage: pdev generate [--out DIR] [--check] [--dry-run] [--diff] [--force]

      Render pdev.yaml, its profiles and your Neovim level into the output directory: the
      flake, home.nix, modules/, modules/nixvim/ and docs/. Only files whose bytes change
      are written, each atomically; the run is recorded as a generation.

      A generated file you edited by hand, or a file pdev did not write, is never
      overwritten: generate lists them and exits 1. local.nix is yours and never touched.

      Flags:
        --out DIR   Render into DIR (default: `output` in pdev.yaml, else ~/.config/home-manager)
        --check     Write nothing; exit 1 when any file would change (for CI and hooks)
        --dry-run   Write nothing; list what would change
        --diff      Show a unified diff of every change
        --force     Overwrite hand-edited and foreign files, backing them up first

      Exit codes: 0 written or up to date; 1 --check found changes, or edits were refused;
      3 invalid configuration; 4 the output directory cannot be written.

      """, effects: [.output, .state], readOnlyFlags: ["check", "dry-run"])

  struct Options: CommandOptions {
    var out: String?
    var check: Bool
    var dryRun: Bool
    var diff: Bool
    var force: Bool

    init(_ arguments: ParsedArguments) {
      out = arguments.value("out")
      check = arguments.flag("check")
      dryRun = arguments.flag("dry-run")
      diff = arguments.flag("diff")
      force = arguments.flag("force")
    }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    let pipeline = Pipeline(run: run)
    if !options.force, let (output, count) = pipeline.currentFileCount(options.out) {
      // Every input and every output is as the last generation recorded: nothing to render.
      run.detail("the inputs and the output match generation's fingerprint; nothing to render")
      if options.check {
        run.info("\(run.display(output)) is up to date.")
      } else {
        let verb = options.dryRun ? "Would write" : "Wrote"
        run.result("\(verb) 0 of \(count) files in \(run.display(output)): 0 created, 0 updated, \(count) unchanged.")
      }
      return ExitCode.success
    }
    let stored = try run.workspace.stateStore.load()
    let state = stored ?? LevelState.start(at: run.now)
    let rendered = try pipeline.render(outFlag: options.out, state: state)
    report(rendered, run)
    var write = Pipeline.WriteOptions()
    write.force = options.force
    write.dryRun = options.dryRun
    write.check = options.check
    write.diff = options.diff
    write.note = "generate"
    write.keep = rendered.plan.config.generations
    write.fingerprint = run.workspace.fingerprint(salt: run.fingerprintSalt, files: rendered.result.files)
    return try pipeline.write(rendered.result.files, to: rendered.output, options: write) {
      if stored == nil { try run.workspace.stateStore.save(state) }
    }
  }

  /// Notes on what resolution decided (tools left out, tools pulled in).
  static func report(_ rendered: Pipeline.Rendered, _ run: RunEnvironment) {
    for host in rendered.result.input.hosts {
      for note in host.notes { run.info("note: \(note)") }
    }
  }
}

struct DiffCommand: Command {
  static let spec = CommandSpec(
    name: "diff", summary: "Show what generate would change",
    usage: "pdev diff [--out DIR]",
    flags: [FlagSpec("out", value: "DIR")],
    positionals: 0...0,
    help: """
      Usage: pdev diff [--out DIR]

      Show, as a unified diff, what `pdev generate` would change in the output directory.
      Nothing is written. Hand-edited files show your edits as the old side.

      Flags:
        --out DIR   Compare with DIR instead of the configured output directory

      Exit codes: 0 no differences; 1 differences; 3 invalid configuration.

      """)

  static func run(_ options: OutputOption, _ run: RunEnvironment) throws -> Int32 {
    let pipeline = Pipeline(run: run)
    let rendered = try pipeline.render(outFlag: options.out)
    let changes = try pipeline.writer(for: rendered.output).plan(rendered.result.files)
    pipeline.printDiffs(changes, output: rendered.output)
    let pending = changes.filter(\.writes)
    if pending.isEmpty {
      run.info("No differences: \(run.display(rendered.output)) matches pdev.yaml.")
      return ExitCode.success
    }
    return ExitCode.differences
  }
}
