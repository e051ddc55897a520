import PdevCore
import PdevKit

struct RollbackCommand: Command {
  static let spec = CommandSpec(
    name: "rollback", summary: "Restore an earlier generation of the output",
    usage: "pdev rollback [GENERATION] [--out DIR] [--force]",
    flags: [FlagSpec("out", value: "DIR"), FlagSpec("force")], positionals: 0...1,
    help: """
      Usage: pdev rollback [GENERATION] [--out DIR] [--force]

      Restore the output directory to generation GENERATION (default: the one before the
      newest), byte for byte, through the same safe write path as generate: files edited
      by hand are refused unless --force (which backs them up first). The restore is
      recorded as a new generation. `pdev status` lists the generations.

      When that generation has a flake.lock recorded (`pdev update` records them), the lock
      is restored too. pdev.yaml is not changed: the next `pdev generate` renders it again.

      Flags:
        --out DIR   The output directory (default: the configured one)
        --force     Overwrite files edited by hand, backing them up first

      Exit codes: 0 restored; 1 hand edits refused; 2 no such generation; 4 I/O error.

      """, effects: [.output, .state])

  struct Options: CommandOptions {
    /// The generation to restore, as written; nil for the one before the newest.
    var generation: String?
    var out: String?
    var force: Bool

    init(_ arguments: ParsedArguments) {
      generation = arguments.positionals.first
      out = arguments.value("out")
      force = arguments.flag("force")
    }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    let config = try? run.workspace.config(defaultUsername: run.defaultUsername)
    let output = run.workspace.outputDirectory(flag: options.out, config: config)
    let pipeline = Pipeline(run: run)
    let store = pipeline.writer(for: output).store
    let generations = store.generations().filter(\.manifest.complete)
    guard let newest = generations.last else {
      throw DiagnosticList(
        [
          .error(
            .noGeneration, "there are no generations of \(run.display(output)) to roll back to",
            help: "pdev records one each time generate writes")
        ],
        kind: .environment)
    }
    let target: GenerationStore.Generation
    if let text = options.generation {
      guard let number = Int(text), let found = generations.first(where: { $0.manifest.number == number }) else {
        throw UsageError(
          message: "there is no generation '\(text)'",
          help: "generations: " + generations.map { String($0.manifest.number) }.joined(separator: ", "), command: spec)
      }
      target = found
    } else {
      guard generations.count >= 2 else {
        throw DiagnosticList(
          [.error(.noGeneration, "generation \(newest.manifest.number) is the only one; there is nothing earlier")], kind: .environment)
      }
      target = generations[generations.count - 2]
    }
    var files: [OutputFile] = []
    for path in target.manifest.files {
      guard let bytes = target.bytes(path) else {
        throw DiagnosticList(
          [.error(.noGeneration, "generation \(target.manifest.number) is missing its copy of \(path)")], kind: .environment)
      }
      // A copy that is not what was written is not restored.
      if let recorded = target.manifest.fingerprint?.outputs[path], recorded != Fingerprint.hash(bytes) {
        throw DiagnosticList(
          [
            .error(
              .noGeneration,
              "generation \(target.manifest.number)'s copy of \(path) has changed since it was recorded; nothing was restored",
              help: "roll back to another generation (`pdev status` lists them)")
          ],
          kind: .environment)
      }
      // The user's files are never restored over, whatever a manifest lists.
      files.append(
        OutputFile(
          path: path, contents: String(decoding: bytes, as: UTF8.self), ownership: Renderer.userFiles.contains(path) ? .user : .generated))
    }
    var write = Pipeline.WriteOptions()
    write.force = options.force
    write.note = "rollback to \(target.manifest.number)"
    write.forceAdvice = "run `pdev rollback \(target.manifest.number) --force`: your versions are backed up first."
    write.keep = config?.generations ?? PdevConfig.defaultGenerations
    let newestBefore = store.baseline().last?.manifest.number
    let code = try pipeline.write(files, to: output, options: write)
    if code == ExitCode.success {
      // The flake.lock recorded with that generation (by `pdev update`) comes back with it.
      if let lock = store.lock(of: target) {
        let path = PathText.join(output, "flake.lock")
        let current = try? FileIO.read(path, display: "flake.lock", limit: 16 << 20)
        if current != lock {
          try AtomicFile.write(lock, to: path, display: run.display(path))
          run.result("Restored flake.lock as it was at generation \(target.manifest.number).")
        }
        // The rollback's own generation goes with the lock it restored; when the files were
        // already as they were, the lock's return is a generation of its own.
        var recorded = store.baseline().last
        if recorded?.manifest.number == newestBefore, current != lock {
          let generation = try store.begin(files.map { ($0.path, Array($0.contents.utf8)) }, at: run.now, note: write.note)
          try store.complete(generation, keep: write.keep)
          recorded = generation
        }
        if let recorded, recorded.manifest.number != newestBefore { try store.recordLock(lock, in: recorded) }
      }
      run.result("Restored generation \(target.manifest.number) (\(target.manifest.created.date), \(target.manifest.note ?? "")).")
      run.result("pdev.yaml is unchanged: the next `pdev generate` renders it again.")
    }
    return code
  }
}
