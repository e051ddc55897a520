#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import PdevCore
import PdevKit

struct ApplyCommand: Command {
  static let spec = CommandSpec(
    name: "apply", summary: "Run home-manager switch for this host",
    usage: "pdev apply [--host NAME] [--out DIR]",
    flags: [FlagSpec("host", value: "NAME"), FlagSpec("out", value: "DIR")], positionals: 0...0,
    help: """
      Usage: pdev apply [--host NAME] [--out DIR]

      Run `home-manager switch --flake DIR#user@host` for this machine (the host named like
      it, else the first host), streaming its output. When home-manager is not installed,
      print the exact command to run instead. pdev never applies anything itself: Nix does.

      Flags:
        --host NAME  Apply the configuration of host NAME
        --out DIR    The rendered configuration (default: the configured output directory)

      Exit codes: 0 switched; 3 invalid configuration or unknown host; 4 home-manager is
      missing or the switch failed.

      """)

  static func run(_ arguments: ParsedArguments, _ run: RunEnvironment) throws -> Int32 {
    let config = try run.workspace.config(defaultUsername: run.defaultUsername)
    let host: HostConfig
    if let name = arguments.value("host") {
      guard let found = config.host(named: name) else {
        throw DiagnosticList([
          .error("no host '\(name)' in pdev.yaml", help: EditDistance.didYouMean(name, in: config.hosts.map(\.name)) ?? "hosts: \(config.hosts.map(\.name).joined(separator: ", "))")
        ])
      }
      host = found
    } else {
      host = config.host(named: InitCommand.sanitizeHost(run.context.hostname)) ?? config.primaryHost
    }
    let output = run.workspace.outputDirectory(flag: arguments.value("out"), config: config)
    guard FileIO.exists(PathText.join(output, "flake.nix")) else {
      throw DiagnosticList([.error("\(run.display(output)) has no flake.nix", help: "run `pdev generate` first")], kind: .environment)
    }
    return try switchNow(target: "\(output)#\(host.username)@\(host.name)", run: run, tools: Tools(run: run))
  }

  /// Runs home-manager switch when it is installed; otherwise prints the command, exit 4.
  static func switchNow(target: String, run: RunEnvironment, tools: Tools) throws -> Int32 {
    guard let homeManager = tools.path("home-manager") else {
      run.context.stderr.line("pdev: \(run.errorStyle.error("error:")) home-manager is not installed, so pdev cannot apply the configuration")
      run.context.stderr.line("\(run.errorStyle.help("help:")) run it yourself:")
      for line in tools.applyInstructions(target: target) { run.context.stderr.line("  " + line) }
      return ExitCode.environment
    }
    run.info("Running: home-manager switch --flake \(Shell.quote(target))")
    let status = run.context.processes.stream(homeManager, ["switch", "--flake", target])
    if status != 0 {
      run.context.stderr.line("pdev: \(run.errorStyle.error("error:")) home-manager switch failed (exit \(status)); its output above says why")
      return ExitCode.environment
    }
    run.result("Switched to \(target).")
    return ExitCode.success
  }
}
