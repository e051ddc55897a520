import PdevCore
import PdevKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct DoctorCommand: Command {
  static let spec = CommandSpec(
    name: "doctor", summary: "Check Nix, home-manager, the output directory and the state",
    usage: "pdev doctor [--out DIR]", flags: [FlagSpec("out", value: "DIR")], positionals: 0...0,
    help: """
      Usage: pdev doctor [--out DIR]

      Check what applying the configuration needs, each as ok, warn or fail with the fix:
      Nix (2.18 or newer) and whether flakes are on, home-manager, pdev's bundled files,
      pdev.yaml, your git identity, every secret file it references (present, and readable
      by you alone; never read), the level state, the output directory (writable, matching
      pdev.yaml, switched since it was last rendered), and the templates you override in
      $PDEV_CONFIG_HOME/templates.

      Flags:
        --out DIR   Check DIR instead of the configured output directory

      Exit codes: 0 nothing failed (warnings allowed); 3 pdev.yaml or the state is invalid;
      4 something of the machine failed.

      """)

  enum Status: String { case ok, warn, fail }

  /// How to get a Nix that today's nixpkgs accepts.
  static let upgradeCommand =
    "`sudo -i nix upgrade-nix` for a Nix from the official installer; a distribution's older Nix (Debian 12 ships 2.8) is best replaced by the installer from https://nixos.org/download"

  struct Check {
    var status: Status
    var what: String
    var fix: String?
    var input = false
  }

  /// The git identity, and every secret file the configuration references: present, and
  /// private to the user. Their contents are never read.
  static func identityAndSecrets(_ config: PdevConfig, _ run: RunEnvironment) -> [Check] {
    var checks: [Check] = []
    if let email = config.user.email, email.hasSuffix("@example.org") || email.hasSuffix("@example.com") {
      checks.append(
        Check(
          status: .warn, what: "git would sign your commits as \(email), a placeholder", fix: "set user.email (and user.name) in pdev.yaml")
      )
    }
    for path in config.secretFiles {
      let full = Paths.absolute(path, cwd: "/", home: run.paths.home)
      var info = stat()
      if stat(full, &info) != 0 {
        checks.append(
          Check(
            status: .warn, what: "secret file \(path) does not exist",
            fix: "create it privately: install -m 600 /dev/null \(Shell.quote(path)), then put the secret in it"))
      } else if info.st_mode & 0o077 != 0 {
        checks.append(
          Check(
            status: .fail, what: "secret file \(path) can be read by others (mode \(String(info.st_mode & 0o777, radix: 8)))",
            fix: "chmod 600 \(Shell.quote(path))"))
      } else {
        checks.append(Check(status: .ok, what: "secret file \(path) exists and is private"))
      }
    }
    return checks
  }

  /// Whether the output changed since home-manager's last switch: its current generation's
  /// link against pdev's last generation for `output`.
  static func lastSwitch(output: String, _ run: RunEnvironment) -> Check? {
    let state = run.context.environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? PathText.join(run.paths.home, ".local/state")
    let current = PathText.join(state, "home-manager/gcroots/current-home")
    guard let rendered = Pipeline(run: run).writer(for: output).store.baseline().last?.manifest.created else { return nil }
    var info = stat()
    guard lstat(current, &info) == 0 else {
      return Check(status: .warn, what: "home-manager has not switched to a configuration on this machine yet", fix: "pdev apply")
    }
    #if canImport(Darwin)
      let switched = Int64(info.st_mtimespec.tv_sec)
    #else
      let switched = Int64(info.st_mtim.tv_sec)
    #endif
    return switched >= rendered.seconds
      ? Check(status: .ok, what: "the last switch is newer than the last render")
      : Check(status: .warn, what: "rendered since the last switch (\(rendered.date))", fix: "pdev apply")
  }

  static func run(_ options: OutputOption, _ run: RunEnvironment) throws -> Int32 {
    var checks = nixChecks(run)
    checks.append(Check(status: .ok, what: "pdev's bundled files: \(run.display(run.paths.share))"))
    let (inputs, config) = inputChecks(run)
    checks += inputs
    if let config { checks += identityAndSecrets(config, run) }
    checks += try outputChecks(config, outFlag: options.out, run)
    checks += templateChecks(run)
    return report(checks, run)
  }

  /// Nix, its flakes, home-manager.
  static func nixChecks(_ run: RunEnvironment) -> [Check] {
    var checks: [Check] = []
    let tools = Tools(run: run)
    if let nix = NixSetup.detect(run) {
      if let version = nix.version {
        checks.append(
          version < NixVersion.minimum
            ? Check(
              status: .fail, what: "Nix \(version) is older than \(NixVersion.minimum), the oldest today's nixpkgs evaluates with",
              fix: upgradeCommand)
            : Check(status: .ok, what: "Nix \(version)"))
      } else {
        checks.append(Check(status: .warn, what: "Nix at \(nix.nix) did not say its version", fix: "run `nix --version` to see why"))
      }
      checks.append(
        nix.flakes
          ? Check(status: .ok, what: "flakes are enabled")
          : Check(
            status: .warn, what: "flakes are not enabled (pdev apply turns them on for its own calls)",
            fix: "add `experimental-features = nix-command flakes` to ~/.config/nix/nix.conf (or /etc/nix/nix.conf)"))
    } else {
      checks.append(
        Check(status: .fail, what: "Nix is not installed", fix: "install it from https://nixos.org/download; then `pdev apply`"))
    }
    if let hm = tools.path("home-manager") {
      let version = run.context.processes.capture(hm, ["--version"])?.output.trimmingWhitespace ?? ""
      checks.append(Check(status: .ok, what: "home-manager \(version)".trimmingWhitespace))
    } else {
      checks.append(
        Check(
          status: .warn, what: "home-manager is not installed",
          fix: "`pdev apply` runs it from its flake for the first switch, which installs it"))
    }
    return checks
  }

  /// pdev.yaml and the level state; the configuration when it is valid.
  static func inputChecks(_ run: RunEnvironment) -> ([Check], PdevConfig?) {
    var checks: [Check] = []
    var config: PdevConfig?
    do {
      config = try run.workspace.config(defaultUsername: run.defaultUsername)
      checks.append(
        Check(
          status: .ok,
          what: "\(run.display(run.paths.configFile)) is valid (\(config!.hosts.count) host\(config!.hosts.count == 1 ? "" : "s"))"))
    } catch {
      let count = error.items.filter { $0.severity == .error }.count
      checks.append(
        Check(
          status: .fail, what: "\(run.display(run.paths.configFile)): \(count) error\(count == 1 ? "" : "s")",
          fix: "run `pdev generate` to see them with their lines", input: true))
    }
    do {
      let state = try run.workspace.stateStore.load()
      checks.append(
        Check(
          status: .ok,
          what: state.map { "level state: level \($0.level) since \($0.levelStarted.date)" }
            ?? "level state: none yet (level 1 starts with the next generate)"))
    } catch {
      checks.append(
        Check(status: .fail, what: error.items.first?.message ?? "the state cannot be read", fix: StateStore.repairHelp, input: true))
    }

    return (checks, config)
  }

  /// The output: writable, in step with pdev.yaml, switched to.
  static func outputChecks(_ config: PdevConfig?, outFlag: String?, _ run: RunEnvironment) throws -> [Check] {
    var checks: [Check] = []
    let output = run.workspace.outputDirectory(flag: outFlag, config: config)
    var probe = output
    while FileIO.kind(probe) == .missing && probe != "/" { probe = PathText.directory(of: probe) }
    if FileIO.isDirectory(probe) && access(probe, W_OK) == 0 {
      checks.append(Check(status: .ok, what: "output \(run.display(output)) is writable"))
    } else {
      checks.append(
        Check(
          status: .fail, what: "output \(run.display(output)) cannot be written",
          fix: "check the permissions of \(run.display(probe)), or choose another with `output:` or --out"))
    }
    var planned: [FileChange]?
    if config != nil {
      do {
        let rendered = try Pipeline(run: run).render(outFlag: outFlag)
        planned = try Pipeline(run: run).writer(for: rendered.output).plan(rendered.result.files)
      } catch let error as DiagnosticList {
        // Whatever keeps the output from being compared is a finding, not a silent pass.
        checks.append(
          Check(
            status: .fail, what: error.items.first?.message ?? "the output cannot be compared with pdev.yaml",
            fix: error.items.first?.help ?? "run `pdev generate` to see why",
            input: error.kind == .input))
      }
    }
    if let changes = planned {
      let drift = changes.filter(\.isConflict).map(\.path)
      let pending = changes.filter(\.writes).count - drift.count
      if !drift.isEmpty {
        checks.append(
          Check(
            status: .warn, what: "edited by hand or not pdev's: \(drift.joined(separator: ", "))",
            fix: "see them with `pdev diff`; move the changes into pdev.yaml or local.nix"))
      } else if pending > 0 {
        checks.append(
          Check(status: .warn, what: "\(pending) output file\(pending == 1 ? "" : "s") behind pdev.yaml", fix: "run `pdev generate`"))
      } else {
        checks.append(Check(status: .ok, what: "output matches pdev.yaml"))
      }
    }
    if let check = lastSwitch(output: output, run) { checks.append(check) }
    return checks
  }

  /// Templates the user overrides, to compare after an upgrade.
  static func templateChecks(_ run: RunEnvironment) -> [Check] {
    var checks: [Check] = []
    let overrides = run.workspace.templates.overrides()
    if overrides.isEmpty {
      checks.append(Check(status: .ok, what: "no template overrides"))
    } else {
      for name in overrides {
        checks.append(
          Check(
            status: .warn,
            what: "you override the template \(name) (\(run.display(PathText.join(run.paths.userTemplates, name + ".tmpl"))))",
            fix: "compare it with the bundled one after upgrading pdev"))
      }
    }

    return checks
  }

  /// Prints the checks; the exit code says whether any failed, and whether only for input.
  static func report(_ checks: [Check], _ run: RunEnvironment) -> Int32 {
    let s = run.style
    for check in checks {
      let label: String
      switch check.status {
      case .ok: label = s.help("ok  ")
      case .warn: label = s.warning("warn")
      case .fail: label = s.error("fail")
      }
      run.result("\(label)  \(check.what)")
      if let fix = check.fix, check.status != .ok { run.result("      fix: \(fix)") }
    }
    let failures = checks.filter { $0.status == .fail }
    if failures.isEmpty { return ExitCode.success }
    return failures.allSatisfy(\.input) ? ExitCode.invalidInput : ExitCode.environment
  }
}
