#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import PdevCore
import PdevKit

/// Render the output tree from the inputs, and write it through the safe write path,
/// reporting in the user's words. Shared by generate, init, level changes and rollback.
struct Pipeline {
  let run: RunEnvironment

  struct Rendered {
    var config: PdevConfig
    var progression: Progression
    var state: LevelState?
    var level: Int
    var result: RenderResult
    var output: String
  }

  /// Loads everything and renders. `state` overrides the stored state (level changes).
  func render(outFlag: String?, state override: LevelState? = nil) throws -> Rendered {
    let workspace = run.workspace
    let clock = ContinuousClock()
    let start = clock.now
    let catalog = try workspace.catalog()
    let config = try workspace.config(defaultUsername: run.defaultUsername)
    try FishSyntax(run: run).check(config)
    let progression = try workspace.progression(for: config)
    let state: LevelState?
    if let override {
      workspace.stateStore.record(override)
      state = override
    } else {
      state = try workspace.stateStore.load()
    }
    let level = try workspace.level(config: config, progression: progression, state: state)
    let loaded = clock.now
    run.detail(
      "loaded and validated the catalog (\(catalog.tools.count) tools), pdev.yaml (\(config.hosts.count) hosts) and the progression in \(Pipeline.ms(loaded - start))")
    let started = state?.levelStarted ?? run.now
    let words = try Completions.Words(run)
    let extras: [String: @Sendable () -> ConfigValue] = ["pdev.completions.fish": { .string(Completions.fish(words)) }]
    let result = try workspace.render(
      config: config, progression: progression, level: level, levelStarted: started, extras: extras)
    run.detail("resolved and rendered \(result.files.count) files in \(Pipeline.ms(clock.now - loaded))")
    let output = workspace.outputDirectory(flag: outFlag, config: config)
    return Rendered(config: config, progression: progression, state: state, level: level, result: result, output: output)
  }

  static func ms(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
    return "\((value * 100).rounded() / 100) ms"
  }

  struct WriteOptions {
    var force = false
    var dryRun = false
    var check = false
    var diff = false
    var note: String?
    var keep = 10
    /// What the files were rendered from; nil for a rollback, whose files are old.
    var fingerprint: Fingerprint?
  }

  /// The output directory a generate would use, found without loading the configuration.
  func quickOutputDirectory(_ outFlag: String?) -> String? {
    if let outFlag { return Paths.absolute(outFlag, cwd: run.paths.cwd, home: run.paths.home) }
    guard let bytes = try? FileIO.read(run.paths.configFile, display: "pdev.yaml"),
      let root = try? YAMLLoader().parse(bytes, name: "pdev.yaml")
    else { return nil }
    guard let output = root["output"]?.text else { return run.paths.defaultOutput }
    return Paths.absolute(output, cwd: PathText.directory(of: run.paths.configFile), home: run.paths.home)
  }

  /// The number of files when the output is provably current, nil otherwise.
  func currentFileCount(_ outFlag: String?) -> (output: String, count: Int)? {
    guard FileIO.kind(run.paths.stateFile) == .file, let output = quickOutputDirectory(outFlag) else { return nil }
    let store = writer(for: output).store
    guard store.isCurrent(salt: run.fingerprintSalt), let latest = store.baseline().last else { return nil }
    return (output, (latest.manifest.fingerprint?.outputs.count ?? 0) + 1)
  }

  func writer(for output: String) -> OutputWriter {
    OutputWriter(directory: output, stateHome: run.paths.stateHome, display: run.display)
  }

  /// Plans, reports, and (unless checking) writes. Returns the exit code.
  func write(_ files: [OutputFile], to output: String, options: WriteOptions, after: (() throws -> Void)? = nil) throws -> Int32 {
    let writer = writer(for: output)
    let readOnly = options.dryRun || options.check
    var lock: FileLock?
    if !readOnly {
      // Before the lock, which creates the state directory: a bad output writes nothing.
      try writer.checkDirectory()
      let (acquired, holder) = try FileLock.acquire(writer.store.lockPath, timeout: 5)
      guard let acquired else {
        throw DiagnosticList(
          [
            .error(
              "another pdev\(holder.map { " (process \($0))" } ?? "") is writing \(run.display(output))",
              help: "wait for it to finish, then run this command again")
          ], kind: .environment)
      }
      lock = acquired
    }
    defer { lock?.release() }
    let planStart = ContinuousClock.now
    let changes = try writer.plan(files)
    run.detail("compared with the disk and the last generation in \(Pipeline.ms(ContinuousClock.now - planStart))")
    if options.diff { printDiffs(changes, output: output) }
    let pending = changes.filter(\.writes)
    let conflicts = changes.filter(\.isConflict)

    if pending.isEmpty, !readOnly, let fingerprint = options.fingerprint {
      try writer.store.refresh(fingerprint)
    }
    if options.check {
      if pending.isEmpty {
        run.info("\(run.display(output)) is up to date.")
        return ExitCode.success
      }
      listChanges(pending, verb: "would")
      run.result("\(pending.count) file\(pending.count == 1 ? "" : "s") would change in \(run.display(output)).")
      return ExitCode.differences
    }
    if options.dryRun {
      listChanges(pending, verb: "would")
      run.result(summary(changes, output: output, dryRun: true))
      if !conflicts.isEmpty { reportConflicts(conflicts, output: output, refused: false) }
      return ExitCode.success
    }
    if !conflicts.isEmpty && !options.force {
      reportConflicts(conflicts, output: output, refused: true)
      return ExitCode.differences
    }
    let writeStart = ContinuousClock.now
    let outcome = try writer.apply(
      changes, force: options.force, at: run.now, keep: options.keep, note: options.note, fingerprint: options.fingerprint)
    run.detail("wrote \(pending.count) files and the generation in \(Pipeline.ms(ContinuousClock.now - writeStart))")
    try after?()
    listChanges(pending, verb: nil)
    for (path, backup) in outcome.backups {
      run.info("  backed up your \(path) to \(run.display(backup))")
    }
    run.result(summary(changes, output: output, dryRun: false))
    return ExitCode.success
  }

  func listChanges(_ changes: [FileChange], verb: String?) {
    for change in changes {
      let word: String
      switch change.kind {
      case .create: word = "create"
      case .update: word = "update"
      case .recreate: word = "recreate"
      case .drift: word = "overwrite hand-edited"
      case .collision: word = "overwrite foreign"
      default: continue
      }
      let label = verb == nil ? past(word) : word
      run.info("  \(label.padded(to: 10)) \(change.path)" + (change.kind == .recreate ? " (it was deleted)" : ""))
    }
  }

  private func past(_ word: String) -> String {
    switch word {
    case "create": return "created"
    case "update": return "updated"
    case "recreate": return "recreated"
    case "overwrite hand-edited": return "overwrote"
    default: return "overwrote"
    }
  }

  func summary(_ changes: [FileChange], output: String, dryRun: Bool) -> String {
    let created = changes.filter { $0.kind == .create || $0.kind == .recreate }.count
    let updated = changes.filter { $0.kind == .update || $0.kind == .drift || $0.kind == .collision }.count
    let unchanged = changes.filter { $0.kind == .unchanged || $0.kind == .keep }.count
    let head = dryRun ? "Would write" : "Wrote"
    return "\(head) \(created + updated) of \(changes.count) files in \(run.display(output)): "
      + "\(created) created, \(updated) updated, \(unchanged) unchanged."
  }

  func printDiffs(_ changes: [FileChange], output: String) {
    for change in changes where change.writes {
      let old = change.old.map { String(decoding: $0, as: UTF8.self) } ?? ""
      let new = String(decoding: change.new, as: UTF8.self)
      let oldName = change.old == nil ? "/dev/null" : "a/" + change.path
      run.context.stdout.write(UnifiedDiff.render(old: old, new: new, oldName: oldName, newName: "b/" + change.path, style: run.style))
    }
  }

  func reportConflicts(_ conflicts: [FileChange], output: String, refused: Bool) {
    let drift = conflicts.filter { $0.kind == .drift }
    let foreign = conflicts.filter { $0.kind == .collision }
    let s = run.errorStyle
    if !drift.isEmpty {
      run.context.stderr.line(
        "pdev: \(s.error("error:")) \(drift.count == 1 ? "a generated file was" : "\(drift.count) generated files were") edited by hand"
          + (refused ? "; pdev left \(drift.count == 1 ? "it" : "them") as \(drift.count == 1 ? "it is" : "they are"):" : ":"))
      for change in drift { run.context.stderr.line("  \(run.display(PathText.join(output, change.path)))") }
    }
    if !foreign.isEmpty {
      run.context.stderr.line(
        "pdev: \(s.error("error:")) \(foreign.count == 1 ? "a file" : "\(foreign.count) files") in \(run.display(output)) \(foreign.count == 1 ? "was" : "were") not written by pdev"
          + (refused ? "; pdev will not replace \(foreign.count == 1 ? "it" : "them"):" : ":"))
      for change in foreign { run.context.stderr.line("  \(run.display(PathText.join(output, change.path)))") }
    }
    run.context.stderr.line(
      "\(s.help("help:")) see the differences with `pdev diff`. To keep a change, move it into pdev.yaml or into\n"
        + "      local.nix (pdev never touches it; its settings win over generated ones).\n"
        + "      To replace the files anyway, run `pdev generate --force`: your versions are backed up first.")
  }
}
