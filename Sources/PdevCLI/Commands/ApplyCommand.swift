import PdevCore
import PdevKit

struct ApplyCommand: Command {
  static let spec = CommandSpec(
    name: "apply", summary: "Build this host's configuration, save what it replaces, and switch",
    usage: "pdev apply [--host NAME] [--out DIR] [--dry-run]",
    flags: [FlagSpec("host", value: "NAME"), FlagSpec("out", value: "DIR"), FlagSpec("dry-run")], positionals: 0...0,
    help: """
      Usage: pdev apply [--host NAME] [--out DIR] [--dry-run]

      Put the configuration of this machine (the host named like it, else the first host)
      on it, in three steps:

        1. build its activation package with Nix (nothing changes yet);
        2. copy every file it would replace that home-manager did not write (your own
           config.fish, .gitconfig, ...) into $PDEV_STATE_HOME/backups/, and list them;
        3. home-manager switch -b pdev-backup --flake DIR#user@host: home-manager keeps a
           second copy of each as FILE.pdev-backup. Without an installed home-manager, the
           first switch runs it from its flake on the branch of `channel` (nix run).

      Flakes are turned on for these calls when Nix's configuration does not. pdev never
      activates anything itself: Nix and home-manager do.

      Flags:
        --host NAME  Apply the configuration of host NAME
        --out DIR    The rendered configuration (default: the configured output directory)
        --dry-run    Build and show what would be saved and run; change nothing

      Exit codes: 0 switched (or planned); 3 invalid configuration or unknown host; 4 Nix is
      missing, or the build or the switch failed.

      """, effects: [.output, .state, .home], readOnlyFlags: ["dry-run"])

  struct Options: CommandOptions {
    var host: String?
    var out: String?
    var dryRun: Bool

    init(_ arguments: ParsedArguments) {
      host = arguments.value("host")
      out = arguments.value("out")
      dryRun = arguments.flag("dry-run")
    }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    let config = try run.workspace.config(defaultUsername: run.defaultUsername)
    let host = try ApplyCommand.host(options.host, config: config, run: run)
    let output = run.workspace.outputDirectory(flag: options.out, config: config)
    guard FileIO.exists(PathText.join(output, "flake.nix")) else {
      throw DiagnosticList(
        [.error(.notGenerated, "\(run.display(output)) has no flake.nix", help: "run `pdev generate` first")], kind: .environment)
    }
    return try apply(
      output: output, user: host.username, host: host.name, channel: config.channel, dryRun: options.dryRun, run: run)
  }

  /// The host named `name`, else the one named like this machine, else the first.
  static func host(_ name: String?, config: PdevConfig, run: RunEnvironment) throws -> HostConfig {
    guard let name else { return config.host(named: InitCommand.sanitizeHost(run.context.hostname)) ?? config.primaryHost }
    guard let found = config.host(named: name) else {
      throw DiagnosticList([
        .error(
          .unknownHost,
          "no host '\(name)' in pdev.yaml",
          help: EditDistance.didYouMean(name, in: config.hosts.map(\.name)) ?? "hosts: \(config.hosts.map(\.name).joined(separator: ", "))")
      ])
    }
    return found
  }

  /// Build, save what the switch replaces, switch. Shared with `pdev init --apply`.
  static func apply(output: String, user: String, host: String, channel: Channel, dryRun: Bool, run: RunEnvironment) throws -> Int32 {
    let name = "\(user)@\(host)"
    let target = "\(output)#\(name)"
    guard let nix = NixSetup.detect(run) else {
      run.error(.nixMissing, "Nix is not installed, so nothing was built or switched")
      for line in NixSetup.installInstructions { run.context.stderr.line("  " + line) }
      return ExitCode.environment
    }
    if let version = nix.version, version < NixVersion.minimum {
      run.error(
        .nixTooOld, "Nix \(version) is older than \(NixVersion.minimum), the oldest nixpkgs evaluates with")
      run.context.stderr.line("\(run.errorStyle.help("help:")) upgrade it: \(DoctorCommand.upgradeCommand)")
      return ExitCode.environment
    }

    // 1. Build: what home-manager would link, without touching anything.
    let built = nix.build(NixSetup.activationAttribute(output: output, user: user, host: host), run: run)
    guard let activation = built.path else {
      run.context.stderr.line(String(built.output.suffix(3000)))
      run.error(.buildFailed, "building \(name) failed; nothing was switched")
      return ExitCode.environment
    }

    // 2. What the user has where home-manager will link: saved privately first.
    let home = run.paths.home
    let preflight = SwitchPreflight.scan(activation: activation, home: home)
    let ext = backupExtension(preflight.existing, home: home, stamp: run.now.compact)
    var saved: String?
    if !preflight.existing.isEmpty {
      if dryRun {
        run.result("These \(preflight.existing.count) file(s) of yours would be saved before the switch:")
        for path in preflight.existing { run.result("  ~/\(path)") }
      } else {
        let folder = try BackupStore(stateHome: run.paths.stateHome).save(preflight.existing, from: home, stamp: run.now.compact)
        saved = folder
        run.result("Saved \(preflight.existing.count) file(s) of yours that home-manager will replace:")
        for path in preflight.existing { run.result("  ~/\(path) → \(run.display(PathText.join(folder, path)))") }
      }
    } else {
      run.info("Nothing in \(run.display(home)) is in the way: home-manager manages \(preflight.targets.count) file(s) there.")
    }

    // 3. Switch, with home-manager's own backups as a second net.
    let homeManager = Tools(run: run).path("home-manager")
    let (executable, arguments): (String, [String])
    let switchArguments = ["switch", "-b", ext, "--flake", target] + nix.featureArguments
    if let homeManager {
      (executable, arguments) = (homeManager, switchArguments)
    } else {
      (executable, arguments) = (nix.nix, nix.featureArguments + ["run", channel.homeManagerURL, "--"] + switchArguments)
    }
    let command = ([PathText.lastComponent(executable)] + arguments).map(Shell.quote).joined(separator: " ")
    if dryRun {
      run.result("Would run: \(command)")
      return ExitCode.success
    }
    run.info("Running: \(command)")
    let status = run.context.processes.stream(executable, arguments)
    if status != 0 {
      run.error(
        .switchFailed, "home-manager switch failed (exit \(status)); its output above says why")
      if let saved { run.context.stderr.line("\(run.errorStyle.help("note:")) your files are safe in \(run.display(saved))") }
      return ExitCode.environment
    }
    run.result("Switched to \(name).")
    if let saved {
      run.result("Your previous files are in \(run.display(saved)) (look with `ls -la \(Shell.quote(run.display(saved)))`);")
      run.result("home-manager also kept each one next to it as FILE.\(ext).")
    }
    return ExitCode.success
  }

  /// home-manager's `-b` extension: `pdev-backup`, or one with the time when a file of that
  /// name is already there (home-manager refuses to overwrite it).
  static func backupExtension(_ existing: [String], home: String, stamp: String) -> String {
    let plain = "pdev-backup"
    let taken = existing.contains { FileIO.kind(PathText.join(home, $0) + "." + plain) != .missing }
    return taken ? "\(plain)-\(stamp)" : plain
  }
}
