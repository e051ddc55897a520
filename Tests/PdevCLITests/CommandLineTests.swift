import Foundation
import PdevCLI
import Testing

/// Help texts, usage errors, init, and the pdev.yaml edits.
@Suite struct CommandLineTests {
  static let commands = [
    "init", "generate", "diff", "apply", "status", "level-up", "level-down", "level", "list", "explain", "doctor",
    "enable", "disable", "rollback", "update", "new-tool", "completions",
  ]

  @Test func mainHelp() {
    let result = Sandbox().run(["--help"])
    #expect(result.code == 0)
    if let problem = Golden.mismatch(result.out, "help/pdev.txt") { Issue.record(Comment(rawValue: problem)) }
    #expect(Sandbox().run([]).out == result.out)
  }

  @Test(arguments: commands)
  func commandHelp(command: String) {
    let result = Sandbox().run([command, "--help"])
    #expect(result.code == 0)
    #expect(result.out.hasPrefix("Usage: pdev \(command)"))
    if let problem = Golden.mismatch(result.out, "help/\(command).txt") { Issue.record(Comment(rawValue: problem)) }
  }

  @Test func version() {
    #expect(Sandbox().run(["--version"]).out == "pdev 0.1.0\n")
  }

  @Test(arguments: [
    (["generat"], "pdev: error: unknown command 'generat' [PD701]\nhelp: did you mean 'generate'?\n"),
    (
      ["generate", "--chek"],
      "pdev: error: unknown flag '--chek' for 'generate' [PD701]\nhelp: did you mean '--check'?\nUsage: pdev generate"
    ),
    (["generate", "--out"], "pdev: error: --out needs a value (DIR) [PD701]\nUsage: pdev generate"),
    (["generate", "extra"], "pdev: error: unexpected argument 'extra' [PD701]\nUsage: pdev generate"),
    (["enable"], "pdev: error: 'enable' needs more arguments [PD701]\nUsage: pdev enable TOOL\nSee 'pdev enable --help'."),
    (["list", "tool"], "pdev: error: nothing called 'tool' to list [PD701]\nhelp: did you mean 'tools'?"),
    (["--force=yes", "generate"], "pdev: error: unknown flag '--force'"),
  ])
  func usageErrorsExitTwo(arguments: [String], start: String) {
    let result = Sandbox().run(arguments)
    #expect(result.code == 2)
    #expect(result.err.hasPrefix(start), "\(result.err)")
  }

  @Test func globalFlagsWorkBeforeAndAfterTheCommand() {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["-q", "generate", "--out=\(sandbox.output)"]).err.isEmpty)
    let other = sandbox.root + "/other.yaml"
    sandbox.write(other, sandbox.read(sandbox.configFile)!)
    #expect(sandbox.run(["generate", "--config", other, "--dry-run"]).code == 0)
  }

  @Test func initAsksOnATerminalAndTakesTheDefaultsOtherwise() {
    let sandbox = Sandbox()
    let git = ProcessRunnerFake.git(name: "Grace Hopper", email: "grace@example.org")
    let asked = sandbox.run(["init", "--out", sandbox.output], stdin: ["", "grace@navy.mil", "dev-only"], terminal: true, processes: git)
    #expect(asked.code == 0, "\(asked.err)")
    #expect(
      asked.err.contains("Your name [Grace Hopper]: Your email [grace@example.org]: Profile (base, dev-only, laptop, server) [laptop]: "))
    let yaml = sandbox.read(sandbox.configFile)!
    #expect(yaml.contains("  name: Grace Hopper\n  email: grace@navy.mil\n"))
    #expect(yaml.contains("extends: dev-only"))
    #expect(yaml.contains("  zephyrus:\n    system: x86_64-linux"))
    #expect(yaml.contains("output: \(sandbox.output)"))

    // A mistyped profile is explained and asked again; the end of the input writes nothing.
    let retry = Sandbox()
    let fixed = retry.run(["init", "--out", retry.output], stdin: ["", "", "labtop", "laptop"], terminal: true, processes: git)
    #expect(fixed.code == 0, "\(fixed.err)")
    #expect(
      fixed.err.contains(
        "[laptop]: There is no profile 'labtop'; did you mean 'laptop'?\nProfile (base, dev-only, laptop, server) [laptop]: "),
      "\(fixed.err)")
    let ended = Sandbox()
    let stopped = ended.run(["init", "--out", ended.output], stdin: ["Grace"], terminal: true, processes: git)
    #expect(stopped.code == 1)
    #expect(
      stopped.err.hasSuffix("Your email [grace@example.org]: \npdev: init stopped at the end of the input; nothing was written\n"),
      "\(stopped.err)")
    #expect(!FileManager.default.fileExists(atPath: ended.configFile))
    #expect(!FileManager.default.fileExists(atPath: ended.output))

    let again = sandbox.run(["init"])
    #expect(again.code == 1)
    #expect(again.err.contains("already exists; pdev init leaves it alone"))
    #expect(sandbox.read(sandbox.configFile) == yaml)
  }

  @Test func initPicksLaptopWhenThereIsABattery() {
    let laptop = Sandbox()
    #expect(laptop.run(["init", "--yes"], battery: true).code == 0)
    #expect(laptop.read(laptop.configFile)!.contains("extends: laptop"))
    #expect(laptop.read(laptop.configFile)!.contains("output: ~/.config/home-manager"))
    #expect(FileManager.default.fileExists(atPath: laptop.home + "/.config/home-manager/flake.nix"))
    let desktop = Sandbox()
    #expect(desktop.run(["init", "--yes"], battery: false).code == 0)
    #expect(desktop.read(desktop.configFile)!.contains("extends: dev-only"))
  }

  @Test func initForceKeepsTheOldFile() throws {
    let sandbox = Sandbox()
    sandbox.write(sandbox.configFile, "# my old config\nversion: 1\n")
    let result = sandbox.run(["init", "--force", "--yes", "--out", sandbox.output], now: "2026-11-23T09:00:00Z")
    #expect(result.code == 0, "\(result.err)")
    #expect(sandbox.read(sandbox.configFile + ".backup-2026-11-23T090000Z") == "# my old config\nversion: 1\n")
  }

  /// Every word a completion script offers is inert in the shell: a profile file named to
  /// run code is no profile.
  @Test func completionWordsAreInert() {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    sandbox.write(sandbox.configHome + "/profiles/(touch owned).yaml", "version: 1\n")
    sandbox.write(sandbox.configHome + "/profiles/$(id).yaml", "version: 1\n")
    sandbox.write(sandbox.configHome + "/profiles/work.yaml", "version: 1\nextends: laptop\n")
    for shell in ["fish", "zsh", "bash"] {
      let script = sandbox.run(["completions", shell]).out
      #expect(!script.contains("touch owned") && !script.contains("$(id)"), "\(shell)")
      #expect(script.contains("work") || shell != "fish")
    }
    #expect(!sandbox.run(["list", "profiles"]).out.contains("touch"))
  }

  /// `explain` completes to what it explains: tools, plugins, keys of pdev.yaml (from the
  /// schema table) and error codes.
  @Test func explainCompletesKeysAndCodes() {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    let line = sandbox.run(["completions", "fish"]).out.split(separator: "\n").first { $0.contains("seen_subcommand_from explain") }
    let words = Set((line ?? "").split(whereSeparator: { $0 == " " || $0 == "'" }).map(String.init))
    #expect(words.isSuperset(of: ["ripgrep", "telescope", "neovim.level", "hosts.NAME.theme", "PD204", "PD701"]), "\(line ?? "")")
  }

  @Test func initTellsTheNextCommand() {
    let sandbox = Sandbox()
    let noNix = sandbox.run(["init", "--yes", "--out", sandbox.output])
    #expect(noNix.out.contains("Nix is not installed."))
    #expect(noNix.out.contains("then: pdev apply"))
    #expect(
      noNix.out.contains(
        "Create each privately, then put the secret in it:\n  mkdir -p ~/.config/secrets && install -m 600 /dev/null ~/.config/secrets/github-token\n"
      ), "\(noNix.out)")
    let withTools = Sandbox()
    let tools = ProcessRunnerFake.present(["nix", "home-manager"])
    let ready = withTools.run(["init", "--yes", "--out", withTools.output], processes: tools)
    #expect(
      ready.out.contains(
        "Next, apply it:\n  pdev apply\n  (it builds \(withTools.output)#ada@zephyrus, saves the files of yours it replaces"),
      "\(ready.out)")
  }

  @Test func initApplyBuildsSavesAndSwitches() {
    let sandbox = Sandbox()
    sandbox.write(sandbox.home + "/.config/fish/config.fish", "set -g fish_greeting hello\n")
    let nix = FakeNix(
      root: sandbox.root + "/fake", home: sandbox.home, homeManager: true, files: [".config/fish/config.fish": "# hm\n"])
    let result = sandbox.run(["init", "--yes", "--apply", "--out", sandbox.output], processes: nix.runner)
    #expect(result.code == 0, "\(result.err)")
    #expect(nix.calls.last == "home-manager switch | -b | pdev-backup | --flake | \(sandbox.output)#ada@zephyrus")
    #expect(result.out.contains("Saved 1 file(s) of yours that home-manager will replace:"), "\(result.out)")
  }

  @Test func enableAndDisableKeepEverythingElse() {
    let sandbox = Sandbox()
    let before = Repository.read("Tests/Fixtures/edits/before.yaml").replacingOccurrences(of: "OUT", with: sandbox.output)
    sandbox.write(sandbox.configFile, before)
    #expect(sandbox.run(["enable", "atuin"]).code == 0)
    #expect(sandbox.run(["disable", "zellij"]).code == 0)
    #expect(sandbox.run(["disable", "bat"]).code == 0)
    #expect(sandbox.run(["enable", "fish"]).out.contains("already on"))
    let after = sandbox.read(sandbox.configFile)!.replacingOccurrences(of: sandbox.output, with: "OUT")
    if let problem = Golden.mismatch(after, "edits/after.yaml") { Issue.record(Comment(rawValue: problem)) }
    let unknown = sandbox.run(["enable", "ripgre"])
    #expect(unknown.code == 3)
    #expect(unknown.err.contains("did you mean 'ripgrep'?"))
  }

  @Test func disablingAToolOthersNeedIsRefusedBeforeSaving() {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    let before = sandbox.read(sandbox.configFile)
    let result = sandbox.run(["disable", "git"])
    #expect(result.code == 3)
    #expect(result.err.contains("delta, gh, git-absorb, git-branchless and lazygit need git"))
    #expect(sandbox.read(sandbox.configFile) == before)
  }
}

/// Scripted stand-ins for external programs.
enum ProcessRunnerFake {
  static func git(name: String, email: String) -> PdevCLI.ProcessRunner {
    PdevCLI.ProcessRunner(
      find: { n, _ in n == "git" ? "/bin/git" : nil },
      capture: { _, arguments in arguments.last == "user.name" ? (0, name + "\n") : (0, email + "\n") },
      stream: { _, _ in 0 })
  }

  static func present(_ names: [String], log: CallLog? = nil) -> PdevCLI.ProcessRunner {
    PdevCLI.ProcessRunner(
      find: { n, _ in names.contains(n) ? "/bin/\(n)" : nil },
      capture: { _, _ in (0, "") },
      stream: { executable, arguments in
        log?.add(([executable] + arguments).joined(separator: " "))
        return 0
      })
  }
}

final class CallLog: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [String] = []
  func add(_ entry: String) {
    lock.lock()
    items.append(entry)
    lock.unlock()
  }
  var entries: [String] {
    lock.lock()
    defer { lock.unlock() }
    return items
  }
}
