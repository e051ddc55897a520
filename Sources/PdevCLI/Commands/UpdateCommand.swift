import PdevCore
import PdevKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

struct UpdateCommand: Command {
  static let spec = CommandSpec(
    name: "update", summary: "Update the flake's inputs through Nix and show what changes",
    usage: "pdev update [--check] [--host NAME] [--out DIR]",
    flags: [FlagSpec("check"), FlagSpec("host", value: "NAME"), FlagSpec("out", value: "DIR")], positionals: 0...0,
    help: """
      Usage: pdev update [--check] [--host NAME] [--out DIR]

      Update the inputs of the rendered flake (nixpkgs, home-manager, nixvim) with `nix
      flake update`, then show what changes for this machine: the package versions (nvd's
      diff of the old and new activation packages, or Nix's own `store diff-closures`) when
      Nix can build them, else the inputs' new revisions. The previous flake.lock is kept
      with pdev's generations, so `pdev rollback` restores it together with the files. pdev
      only reads flake.lock: Nix writes it.

      Flags:
        --check      Only tell whether updates exist, from a scratch copy; change nothing
        --host NAME  Show the changes for host NAME (default: this machine's)
        --out DIR    The rendered configuration (default: the configured output directory)

      Exit codes: 0 updated, or already current; 1 --check found updates; 3 invalid
      configuration; 4 Nix is missing or failed, or nothing was generated yet.

      """, effects: [.output, .state], readOnlyFlags: ["check"])

  struct Options: CommandOptions {
    var check: Bool
    var host: String?
    var out: String?

    init(_ arguments: ParsedArguments) {
      check = arguments.flag("check")
      host = arguments.value("host")
      out = arguments.value("out")
    }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    let config = try run.workspace.config(defaultUsername: run.defaultUsername)
    let host = try ApplyCommand.host(options.host, config: config, run: run)
    let output = run.workspace.outputDirectory(flag: options.out, config: config)
    let store = Pipeline(run: run).writer(for: output).store
    guard FileIO.exists(PathText.join(output, "flake.nix")), let latest = store.baseline().last else {
      throw DiagnosticList(
        [.error(.notGenerated, "\(run.display(output)) has no rendered flake yet", help: "run `pdev generate` first")], kind: .environment)
    }
    guard let nix = NixSetup.detect(run) else {
      run.error(.nixMissing, "Nix is not installed; nothing was updated")
      for line in NixSetup.installInstructions { run.context.stderr.line("  " + line) }
      return ExitCode.environment
    }
    let lockPath = PathText.join(output, "flake.lock")
    let before = try? FileIO.read(lockPath, display: "flake.lock", limit: 16 << 20)

    if options.check {
      // A scratch copy of the flake: its lock changes, the user's does not.
      let scratch = try scratchCopy(of: output, run)
      defer { try? FileManager.default.removeItem(atPath: scratch) }
      guard try update(scratch, nix: nix, run: run),
        let after = try? FileIO.read(PathText.join(scratch, "flake.lock"), display: "flake.lock", limit: 16 << 20),
        let lock = FlakeLock(after)
      else { return ExitCode.environment }
      let changes = FlakeLock.changes(from: before.flatMap(FlakeLock.init), to: lock)
      if changes.isEmpty {
        run.result("The inputs of \(run.display(output)) are current.")
        return ExitCode.success
      }
      run.result("Updates are available (`pdev update` takes them):")
      report(changes, run)
      return ExitCode.differences
    }

    // The lock the current generation was built with, kept for `pdev rollback`.
    if let before, store.lock(of: latest) == nil { try store.recordLock(before, in: latest) }
    let attribute = NixSetup.activationAttribute(output: output, user: host.username, host: host.name)
    let old = nix.build(attribute, run: run).path
    guard try update(output, nix: nix, run: run) else { return ExitCode.environment }
    guard let after = try? FileIO.read(lockPath, display: "flake.lock", limit: 16 << 20), let lock = FlakeLock(after) else {
      throw DiagnosticList([.error(.updateFailed, "nix flake update left no readable \(run.display(lockPath))")], kind: .environment)
    }
    let changes = FlakeLock.changes(from: before.flatMap(FlakeLock.init), to: lock)
    guard after != before else {
      run.result("The inputs of \(run.display(output)) are current; nothing changed.")
      return ExitCode.success
    }
    var files: [(path: String, bytes: [UInt8])] = []
    for path in latest.manifest.files {
      guard let bytes = latest.bytes(path) else { continue }
      files.append((path, bytes))
    }
    let generation = try store.begin(files, at: run.now, note: "update")
    try store.recordLock(after, in: generation)
    try store.complete(generation, keep: config.generations)

    run.result("Updated the inputs of \(run.display(output)) (generation \(generation.manifest.number)):")
    report(changes, run)
    if let old, let new = nix.build(attribute, run: run).path {
      run.result("What changes for \(host.username)@\(host.name):")
      if let nvd = Tools(run: run).path("nvd") {
        _ = run.context.processes.stream(nvd, ["diff", old, new])
      } else {
        _ = run.context.processes.stream(nix.nix, nix.featureArguments + ["store", "diff-closures", old, new])
      }
    }
    run.result("`pdev apply` switches to it; `pdev rollback` restores the previous flake.lock and files.")
    return ExitCode.success
  }

  /// `nix flake update` of the flake in `directory`, in the spelling this Nix has.
  static func update(_ directory: String, nix: NixSetup, run: RunEnvironment) throws -> Bool {
    let modern = nix.version.map { $0 >= NixVersion(parts: [2, 19]) } ?? true
    let arguments = nix.featureArguments + ["flake", "update"] + (modern ? ["--flake", directory] : [directory])
    run.info("Running: nix \(arguments.map(Shell.quote).joined(separator: " "))")
    let result = run.context.processes.capture(nix.nix, arguments)
    guard let result, result.status == 0 else {
      if let output = result?.output { run.context.stderr.line(String(output.suffix(3000))) }
      run.error(.updateFailed, "nix flake update failed; flake.lock is as it was")
      return false
    }
    return true
  }

  static func report(_ changes: [(input: String, old: FlakeLock.Pin?, new: FlakeLock.Pin)], _ run: RunEnvironment) {
    func describe(_ pin: FlakeLock.Pin?) -> String {
      guard let pin else { return "(none)" }
      let date = pin.modified.map { " (\(Timestamp(seconds: $0).date))" } ?? ""
      return String(pin.revision.prefix(12)) + date
    }
    for change in changes { run.result("  \(change.input): \(describe(change.old)) → \(describe(change.new))") }
  }

  /// The output's files, without .git, in a private scratch folder.
  static func scratchCopy(of output: String, _ run: RunEnvironment) throws -> String {
    let scratch = PathText.join(run.paths.stateHome, "scratch/update-\(run.now.compact)-\(getpid())")
    try? FileManager.default.removeItem(atPath: scratch)
    for entry in FileIO.walk(output) where !entry.isDirectory && !entry.path.hasPrefix(".git/") {
      let source = PathText.join(output, entry.path)
      guard FileIO.kind(source) == .file else { continue }
      try AtomicFile.write(
        try FileIO.read(source, display: run.display(source), limit: 64 << 20), to: PathText.join(scratch, entry.path), display: entry.path)
    }
    return scratch
  }
}
