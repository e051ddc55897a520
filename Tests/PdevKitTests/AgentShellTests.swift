import Foundation
import PdevCore
import PdevKit
import Testing

/// The fish code pdev writes for AI CLIs, run by fish: what it asks and of whom, and the exact
/// command line of each sandbox; under bubblewrap for real where this machine allows it.
@Suite(.enabled(if: Validator.runs("fish"))) struct AgentShellTests {
  static let claude = AgentSpec(
    command: "claude", ask: ["claude", "-p"], rank: 1, abbreviations: [:], state: [".claude/", ".claude.json"])
  static let copilot = AgentSpec(command: "copilot", ask: ["copilot", "-s", "-p"], rank: 2, abbreviations: [:], state: [".copilot/"])

  /// A home, a project with a subfolder, and a bin folder of stand-ins that record their
  /// arguments one per line in `calls/NAME`.
  struct Machine {
    let root = makeTemporaryDirectory()
    var home: String { root + "/home" }
    var project: String { root + "/code/my project" }
    var bin: String { root + "/bin" }

    init(standIns: [String], output: [String: String] = [:]) {
      for dir in [home + "/.claude", project + "/sub", bin, root + "/calls"] {
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      }
      FileManager.default.createFile(atPath: home + "/.claude.json", contents: Data("{}".utf8))
      for name in standIns {
        let script = "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '\(root)/calls/\(name)'\n" + (output[name] ?? "")
        FileManager.default.createFile(atPath: bin + "/" + name, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
      }
      // git answers the project's root wherever it is asked.
      let git = "#!/bin/sh\nprintf '%s\\n' '\(project)'\n"
      FileManager.default.createFile(atPath: bin + "/git", contents: Data(git.utf8), attributes: [.posixPermissions: 0o755])
    }

    /// Runs `call` in fish with `function NAME BODY` defined, from the project's subfolder.
    func fish(_ name: String, _ body: String, _ call: String, env: [String: String] = [:]) throws -> Validator.Outcome {
      let script = "function \(name)\n\(body)end\ncd \(Fish.quoted(project + "/sub"))\n\(call)\n"
      var environment = ["HOME": home, "USER": "ada", "PATH": bin + ":/usr/bin:/bin", "TERM": "xterm"]
      environment.merge(env) { _, new in new }
      return try Validator.runFile(
        "/usr/bin/env",
        ["-i"] + environment.sorted { $0.key < $1.key }.map { "\($0)=\($1)" } + [
          try #require(Validator.path("fish")), "--no-config", "-c", script,
        ])
    }

    func calls(_ name: String) -> [String]? {
      (try? String(contentsOfFile: root + "/calls/" + name, encoding: .utf8)).map {
        $0.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
      }
    }
  }

  @Test func aSuggestionComesFromTheFirstCLIWithoutItsFences() throws {
    let machine = Machine(standIns: ["claude", "copilot"], output: ["claude": "printf '```fish\\nls -la\\n```\\n'\n"])
    let body = AgentShell.suggestBody([AgentShellTests.copilot, AgentShellTests.claude])
    let result = try machine.fish(AgentShell.suggestFunction, body, "\(AgentShell.suggestFunction) list every file")
    #expect(result.status == 0, "\(result.err)")
    #expect(result.out == "ls -la\n")
    #expect(machine.calls("claude") == ["-p", AgentShell.instruction + "list every file"])
    #expect(machine.calls("copilot") == nil)
  }

  @Test func PDEV_AI_CLIChoosesTheCLI() throws {
    let machine = Machine(standIns: ["claude", "copilot"], output: ["copilot": "echo 'du -sh *'\n"])
    let body = AgentShell.suggestBody([AgentShellTests.claude, AgentShellTests.copilot])
    let result = try machine.fish(AgentShell.suggestFunction, body, "\(AgentShell.suggestFunction) sizes", env: ["PDEV_AI_CLI": "copilot"])
    #expect(result.out == "du -sh *\n")
    #expect(machine.calls("copilot") == ["-s", "-p", AgentShell.instruction + "sizes"])
    #expect(machine.calls("claude") == nil)
  }

  @Test func withoutAnyCLIItSaysWhatToInstall() throws {
    let machine = Machine(standIns: [])
    let result = try machine.fish(
      AgentShell.suggestFunction, AgentShell.suggestBody([AgentShellTests.claude]), "\(AgentShell.suggestFunction) x")
    #expect(result.status == 1)
    #expect(result.err == "pdev: no AI CLI to ask: install claude\n")
  }

  @Test func theGeneratedCodeParses() throws {
    for body in [
      AgentShell.suggestBody([AgentShellTests.claude, AgentShellTests.copilot]), AgentShell.commandBody,
      AgentShell.sandboxBody(AgentShellTests.claude), AgentShell.bindings,
    ] {
      let result = try Validator.run("fish", ["--no-execute", "-c", body])
      #expect(result.status == 0, "\(result.err)\n\(body)")
    }
  }

  /// What every container runtime gets, after `run`.
  func containerArguments(_ machine: Machine, runtime: String) -> [String] {
    [
      "run", "--rm", "--interactive", "--init", "--volume", "/nix/store:/nix/store:ro", "--volume",
      machine.project + ":/workspace/my project", "--workdir", "/workspace/my project/sub", "--env", "HOME=" + machine.home,
      "--env", "PATH=/usr/bin:/bin", "--env", "TERM=xterm",
    ] + (runtime == "podman" ? ["--userns=keep-id"] : ["--user", "\(getuid()):\(getgid())"]) + [
      "--volume", machine.bin + ":" + machine.bin + ":ro", "--volume", machine.home + "/.claude:" + machine.home + "/.claude",
      "--volume", machine.home + "/.claude.json:" + machine.home + "/.claude.json", "--volume", "/run/agent.sock:/run/ssh-agent",
      "--env", "SSH_AUTH_SOCK=/run/ssh-agent",
    ]
  }

  @Test(arguments: ["podman", "docker"])
  func aContainerGetsTheProjectTheLoginAndTheAgent(runtime: String) throws {
    let machine = Machine(standIns: ["claude", runtime])
    let result = try machine.fish(
      "claude", AgentShell.sandboxBody(AgentShellTests.claude), "claude --model opus 'fix it'",
      env: ["SSH_AUTH_SOCK": "/run/agent.sock", "PDEV_SANDBOX": runtime])
    #expect(result.status == 0, "\(result.err)")
    var expected = containerArguments(machine, runtime: runtime)
    if FileManager.default.fileExists(atPath: "/etc/ssl/certs/ca-certificates.crt") {
      let certs = URL(fileURLWithPath: "/etc/ssl/certs/ca-certificates.crt").resolvingSymlinksInPath().path
      expected += [
        "--volume", certs + ":/etc/ssl/certs/ca-certificates.crt:ro", "--env", "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt",
      ]
    }
    expected += [AgentShell.defaultImage, machine.bin + "/claude", "--model", "opus", "fix it"]
    #expect(machine.calls(runtime) == expected)
    #expect(machine.calls("claude") == nil)
  }

  @Test func bubblewrapGetsTheProjectTheLoginAndTheAgent() throws {
    let machine = Machine(standIns: ["claude", "bwrap"])
    let result = try machine.fish(
      "claude", AgentShell.sandboxBody(AgentShellTests.claude), "claude -c",
      env: ["SSH_AUTH_SOCK": "/run/agent.sock", "PDEV_SANDBOX": "bwrap"])
    #expect(result.status == 0, "\(result.err)")
    let home = machine.home
    #expect(
      machine.calls("bwrap") == [
        "--die-with-parent", "--unshare-all", "--share-net", "--ro-bind", "/nix", "/nix", "--ro-bind", "/etc", "/etc",
        "--ro-bind-try", "/usr", "/usr", "--ro-bind-try", "/bin", "/bin", "--ro-bind-try", "/lib", "/lib", "--ro-bind-try", "/lib64",
        "/lib64", "--ro-bind-try", "/run/current-system", "/run/current-system", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
        "--tmpfs", home, "--ro-bind", machine.bin, machine.bin, "--bind", home + "/.claude", home + "/.claude", "--bind",
        home + "/.claude.json", home + "/.claude.json", "--bind", "/run/agent.sock", "/run/ssh-agent", "--setenv", "SSH_AUTH_SOCK",
        "/run/ssh-agent", "--bind", machine.project, "/workspace/my project", "--chdir", "/workspace/my project/sub", "--setenv", "HOME",
        home, "--setenv", "PATH", "/usr/bin:/bin", "--", machine.bin + "/claude", "-c",
      ])
  }

  @Test func nativeRunsTheCLIItself() throws {
    let machine = Machine(standIns: ["claude", "podman"])
    let result = try machine.fish("claude", AgentShell.sandboxBody(AgentShellTests.claude), "claude --native -p hi")
    #expect(result.status == 0, "\(result.err)")
    #expect(machine.calls("claude") == ["-p", "hi"])
    #expect(machine.calls("podman") == nil)
  }

  @Test func withoutASandboxItSaysSoAndRunsNothing() throws {
    let machine = Machine(standIns: ["claude"])
    let result = try machine.fish("claude", AgentShell.sandboxBody(AgentShellTests.claude), "claude", env: ["PDEV_SANDBOX": "none"])
    #expect(result.status == 1)
    #expect(result.err.contains("no sandbox here"))
    #expect(machine.calls("claude") == nil)
  }

  /// The real thing: bubblewrap runs the CLI with the project writable at /workspace, the
  /// login shared, and the rest of the home out of sight.
  @Test(.enabled(if: AgentShellTests.bubblewrapWorks)) func underBubblewrapTheCLISeesOnlyWhatItShould() throws {
    let machine = Machine(standIns: [])
    let profile = machine.home + "/.nix-profile/bin"
    try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
    let probe = """
      #!/bin/sh
      echo "cwd=$(pwd)"
      echo "home=$HOME"
      echo "login=$(cat "$HOME/.claude.json")"
      touch /workspace/'my project'/made-inside
      cat "$HOME/private" 2>/dev/null || echo "private=hidden"
      echo "args=$*"

      """
    FileManager.default.createFile(atPath: profile + "/claude", contents: Data(probe.utf8), attributes: [.posixPermissions: 0o755])
    FileManager.default.createFile(atPath: machine.home + "/private", contents: Data("secret".utf8))
    let result = try machine.fish(
      "claude", AgentShell.sandboxBody(AgentShellTests.claude), "claude one two",
      env: ["PATH": profile + ":" + machine.bin + ":/usr/bin:/bin", "PDEV_SANDBOX": "bwrap"])
    #expect(result.status == 0, "\(result.err)")
    #expect(
      result.out == "cwd=/workspace/my project/sub\nhome=\(machine.home)\nlogin={}\nprivate=hidden\nargs=one two\n")
    #expect(FileManager.default.fileExists(atPath: machine.project + "/made-inside"))
  }

  static var bubblewrapWorks: Bool {
    guard Validator.path("bwrap") != nil else { return false }
    return (try? Validator.run("bwrap", ["--ro-bind", "/", "/", "--unshare-all", "--dev", "/dev", "true"]).status) == 0
  }
}
