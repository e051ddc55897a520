#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
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
      Nix and its version, flakes, home-manager, pdev's bundled files, pdev.yaml, the
      level state, the output directory (writable, matching pdev.yaml), and the templates
      you override in $PDEV_CONFIG_HOME/templates.

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

  static func run(_ arguments: ParsedArguments, _ run: RunEnvironment) throws -> Int32 {
    var checks: [Check] = []
    let tools = Tools(run: run)

    if let nix = tools.path("nix") {
      let version = run.context.processes.capture(nix, ["--version"])?.output.trimmingWhitespace ?? "unknown version"
      checks.append(Check(status: .ok, what: "Nix: \(version)"))
      let features = run.context.processes.capture(nix, ["config", "show", "experimental-features"])
        ?? run.context.processes.capture(nix, ["show-config"])
      let flakes = features.map { $0.status == 0 && $0.output.contains("flakes") } ?? false
      checks.append(
        flakes
          ? Check(status: .ok, what: "flakes are enabled")
          : Check(
            status: .warn, what: "flakes are not enabled",
            fix: "add `experimental-features = nix-command flakes` to ~/.config/nix/nix.conf (or /etc/nix/nix.conf)"))
    } else {
      checks.append(Check(status: .fail, what: "Nix is not installed", fix: "install it from https://nixos.org/download, then enable flakes"))
    }
    if let hm = tools.path("home-manager") {
      let version = run.context.processes.capture(hm, ["--version"])?.output.trimmingWhitespace ?? ""
      checks.append(Check(status: .ok, what: "home-manager \(version)".trimmingWhitespace))
    } else {
      checks.append(Check(status: .warn, what: "home-manager is not installed", fix: "the first switch installs it: nix run home-manager/master -- switch --flake DIR#user@host"))
    }
    checks.append(Check(status: .ok, what: "pdev's bundled files: \(run.display(run.paths.share))"))

    var config: PdevConfig?
    do {
      config = try run.workspace.config(defaultUsername: run.defaultUsername)
      checks.append(Check(status: .ok, what: "\(run.display(run.paths.configFile)) is valid (\(config!.hosts.count) host\(config!.hosts.count == 1 ? "" : "s"))"))
    } catch {
      let count = error.items.filter { $0.severity == .error }.count
      checks.append(Check(status: .fail, what: "\(run.display(run.paths.configFile)): \(count) error\(count == 1 ? "" : "s")", fix: "run `pdev generate` to see them with their lines", input: true))
    }
    do {
      let state = try run.workspace.stateStore.load()
      checks.append(Check(status: .ok, what: state.map { "level state: level \($0.level) since \($0.levelStarted.date)" } ?? "level state: none yet (level 1 starts with the next generate)"))
    } catch {
      checks.append(Check(status: .fail, what: error.items.first?.message ?? "the state cannot be read", fix: StateStore.repairHelp, input: true))
    }

    let output = run.workspace.outputDirectory(flag: arguments.value("out"), config: config)
    var probe = output
    while FileIO.kind(probe) == .missing && probe != "/" { probe = PathText.directory(of: probe) }
    if FileIO.isDirectory(probe) && access(probe, W_OK) == 0 {
      checks.append(Check(status: .ok, what: "output \(run.display(output)) is writable"))
    } else {
      checks.append(Check(status: .fail, what: "output \(run.display(output)) cannot be written", fix: "check the permissions of \(run.display(probe)), or choose another with `output:` or --out"))
    }
    if config != nil, let rendered = try? Pipeline(run: run).render(outFlag: arguments.value("out")),
      let changes = try? Pipeline(run: run).writer(for: rendered.output).plan(rendered.result.files)
    {
      let drift = changes.filter(\.isConflict).map(\.path)
      let pending = changes.filter(\.writes).count - drift.count
      if !drift.isEmpty {
        checks.append(Check(status: .warn, what: "edited by hand or not pdev's: \(drift.joined(separator: ", "))", fix: "see them with `pdev diff`; move the changes into pdev.yaml or local.nix"))
      } else if pending > 0 {
        checks.append(Check(status: .warn, what: "\(pending) output file\(pending == 1 ? "" : "s") behind pdev.yaml", fix: "run `pdev generate`"))
      } else {
        checks.append(Check(status: .ok, what: "output matches pdev.yaml"))
      }
    }
    let overrides = run.workspace.templates.overrides()
    if overrides.isEmpty {
      checks.append(Check(status: .ok, what: "no template overrides"))
    } else {
      for name in overrides {
        checks.append(Check(status: .warn, what: "you override the template \(name) (\(run.display(PathText.join(run.paths.userTemplates, name + ".tmpl"))))", fix: "compare it with the bundled one after upgrading pdev"))
      }
    }

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
