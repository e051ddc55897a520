import Foundation
import PdevCLI
import PdevCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real binary: help, a whole init, crashes at any point, and concurrent runs.
@Suite(.serialized) struct ProcessTests {
  static var binary: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pdev").path
  }

  static func run(_ arguments: [String], _ sandbox: Sandbox, now: String = "2026-11-23T09:00:00Z") -> (Int32, String, String) {
    var env = sandbox.environment
    env["PDEV_NOW"] = now
    env["PDEV_SHARE"] = Repository.root
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try! process.run()
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
  }

  @Test func theBinaryAnswers() {
    let sandbox = Sandbox()
    let (code, out, _) = ProcessTests.run(["--version"], sandbox)
    #expect(code == 0 && out == "pdev 0.1.0\n")
    let (helpCode, help, _) = ProcessTests.run(["init", "--help"], sandbox)
    #expect(helpCode == 0 && help.hasPrefix("Usage: pdev init"))
    let (usage, _, err) = ProcessTests.run(["frobnicate"], sandbox)
    #expect(usage == 2 && err.contains("unknown command 'frobnicate'"))
  }

  @Test func initFromTheBinary() {
    let sandbox = Sandbox()
    let (code, out, err) = ProcessTests.run(["init", "--profile", "laptop", "--out", sandbox.output], sandbox)
    #expect(code == 0, "\(err)")
    #expect(out.contains("Next, apply it:"))
    #expect(sandbox.tree(sandbox.output).count == 16)
    let (again, againOut, _) = ProcessTests.run(["generate"], sandbox)
    #expect(again == 0 && againOut.contains("Wrote 0 of 16 files"))
  }

  /// A config with many hosts, so a render writes a lot and takes a while.
  static func largeConfig(_ sandbox: Sandbox, variant: Int) -> String {
    var hosts = ""
    for i in 0..<40 {
      hosts +=
        "  host\(i): { system: \(i % 2 == 0 ? "x86_64-linux" : "aarch64-darwin"), tools: { fish: { abbreviations: { h\(i): echo \(i) } } } }\n"
    }
    let text = """
      version: 1
      extends: laptop
      user: { name: Ada, email: ada@example.org, username: ada }
      hosts:
      \(hosts)state-version: "26.05"
      output: \(sandbox.output)
      tools:
        fish:
          abbreviations: { variant: echo \(variant) }
        git:
          aliases: { v\(variant): status }
      """
    let path = sandbox.root + "/config-\(variant).yaml"
    sandbox.write(path, text)
    return path
  }

  @Test func killedAtAnyPointTheOutputIsOldOrNewAndTheNextRunRecovers() throws {
    let sandbox = Sandbox()
    let configs = [ProcessTests.largeConfig(sandbox, variant: 0), ProcessTests.largeConfig(sandbox, variant: 1)]
    // The two complete trees every file must match one of.
    var versions: [[String: String]] = []
    for config in configs {
      let reference = Sandbox()
      let path = reference.root + "/c.yaml"
      reference.write(path, sandbox.read(config)!.replacingOccurrences(of: sandbox.output, with: reference.output))
      let (code, _, err) = ProcessTests.run(["--config", path, "generate", "-q"], reference)
      precondition(code == 0, err)
      versions.append(reference.tree(reference.output))
    }
    #expect(versions[0] != versions[1])
    var rng = SeededGenerator(seed: 42)
    var env = sandbox.environment
    env["PDEV_NOW"] = "2026-11-23T09:00:00Z"
    env["PDEV_SHARE"] = Repository.root
    var killedMidWrite = 0
    for iteration in 0..<200 {
      let config = configs[iteration % 2]
      let process = Process()
      process.executableURL = URL(fileURLWithPath: ProcessTests.binary)
      process.arguments = ["--config", config, "generate", "-q", "--force"]
      process.environment = env
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      usleep(UInt32.random(in: 0...45_000, using: &rng))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let tree = sandbox.tree(sandbox.output)
      var sawOld = false
      var sawNew = false
      for (path, text) in tree {
        if path.split(separator: "/").last!.hasPrefix(".pdev-") { continue }  // a temporary file, never a real one
        let matches = versions.map { $0[path] == text }
        #expect(matches.contains(true), "iteration \(iteration): \(path) is neither version (truncated or mixed)")
        if matches == [true, false] { sawOld = sawOld || iteration % 2 == 1 }
        if matches == [false, true] { sawNew = sawNew || iteration % 2 == 1 }
      }
      if sawOld && sawNew { killedMidWrite += 1 }
    }
    // The next run finishes the job, whatever state the kills left.
    let (code, _, err) = ProcessTests.run(["--config", configs[1], "generate", "-q"], sandbox)
    #expect(code == 0, "\(err)")
    #expect(sandbox.tree(sandbox.output).filter { !$0.key.contains(".pdev-") } == versions[1])
    #expect(!sandbox.tree(sandbox.output).keys.contains { $0.contains(".pdev-") })
    let (check, _, _) = ProcessTests.run(["--config", configs[1], "generate", "--check"], sandbox)
    #expect(check == 0)
    _ = killedMidWrite
  }

  @Test func concurrentRunsNeverInterleave() throws {
    let sandbox = Sandbox()
    let configs = [ProcessTests.largeConfig(sandbox, variant: 0), ProcessTests.largeConfig(sandbox, variant: 1)]
    #expect(ProcessTests.run(["--config", configs[0], "generate", "-q"], sandbox).0 == 0)
    for round in 0..<10 {
      var env = sandbox.environment
      env["PDEV_NOW"] = "2026-11-23T09:00:00Z"
      env["PDEV_SHARE"] = Repository.root
      let processes = configs.map { config -> Process in
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ProcessTests.binary)
        p.arguments = ["--config", config, "generate", "-q"]
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        return p
      }
      for p in processes { try p.run() }
      for p in processes { p.waitUntilExit() }
      let codes = processes.map(\.terminationStatus)
      #expect(codes.allSatisfy { $0 == 0 || $0 == 4 }, "round \(round): \(codes)")
      // Whoever ran last left a complete tree: one of the two variants, never a mix.
      let shell = sandbox.read(sandbox.output + "/modules/shell.nix")!
      let git = sandbox.read(sandbox.output + "/modules/git.nix")!
      let variant = shell.contains("variant = lib.mkDefault \"echo 1\"") ? 1 : 0
      #expect(git.contains("v\(variant) = "), "round \(round): shell.nix and git.nix come from different runs")
    }
  }
}

/// Level changes racing each other: no update is lost; a run that lost the race says so.
@Suite struct ConcurrentLevelTests {
  @Test func concurrentLevelChangesLoseNoUpdate() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(ProcessTests.run(["generate", "-q"], sandbox).0 == 0)
    var env = sandbox.environment
    env["PDEV_NOW"] = "2026-11-23T09:00:00Z"
    env["PDEV_SHARE"] = Repository.root
    let processes = (0..<3).map { _ -> Process in
      let p = Process()
      p.executableURL = URL(fileURLWithPath: ProcessTests.binary)
      p.arguments = ["level-up", "--force", "-q"]
      p.environment = env
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      return p
    }
    for p in processes { try p.run() }
    for p in processes { p.waitUntilExit() }
    let codes = processes.map(\.terminationStatus)
    let succeeded = codes.filter { $0 == 0 }.count
    #expect(codes.allSatisfy { $0 == 0 || $0 == 4 }, "\(codes)")
    let state = try #require(sandbox.read(sandbox.stateHome + "/state.json"))
    #expect(state.contains("\"level\" : \(1 + succeeded)"), "\(succeeded) succeeded: \(state)")
  }
}

/// enable/disable edit pdev.yaml where it lives, one at a time, in its own line endings.
@Suite struct ConfigEditTests {
  @Test func parallelEnablesThroughALinkKeepEveryChange() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    let dotfiles = sandbox.root + "/dotfiles/pdev.yaml"
    sandbox.write(dotfiles, sandbox.read(sandbox.configFile)!)
    try FileManager.default.removeItem(atPath: sandbox.configFile)
    symlink(dotfiles, sandbox.configFile)
    var env = sandbox.environment
    env["PDEV_SHARE"] = Repository.root
    let processes = ["atuin", "yazi", "httpie", "alejandra"].map { tool -> Process in
      let p = Process()
      p.executableURL = URL(fileURLWithPath: ProcessTests.binary)
      p.arguments = ["enable", tool]
      p.environment = env
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      return p
    }
    for p in processes { try p.run() }
    for p in processes { p.waitUntilExit() }
    #expect(processes.map(\.terminationStatus) == [0, 0, 0, 0])
    #expect(FileIO.kind(sandbox.configFile) == .symlink)
    let text = try #require(sandbox.read(dotfiles))
    for tool in ["atuin", "yazi", "httpie", "alejandra"] { #expect(text.contains("  \(tool): true"), "\(tool) lost:\n\(text)") }
  }

  @Test func aCRLFFileIsEditedInPlaceAndKeepsItsLineEnds() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig(extra: "tools:\n  atuin: true")
    let original = sandbox.read(sandbox.configFile)!.replacingOccurrences(of: "\n", with: "\r\n")
    sandbox.write(sandbox.configFile, "\u{FEFF}" + original)
    let result = sandbox.run(["disable", "atuin"])
    #expect(result.code == 0, "\(result.err)")
    let edited = try Data(contentsOf: URL(fileURLWithPath: sandbox.configFile))
    #expect(edited == Data(("\u{FEFF}" + original.replacingOccurrences(of: "atuin: true", with: "atuin: false")).utf8))
  }
}

/// The runner behind `apply` and `doctor`: posix_spawn, output captured from both streams.
@Suite struct ProcessRunnerTests {
  @Test func captureCollectsBothStreamsAndTheStatus() throws {
    let result = try #require(ProcessRunner.runCapturing("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"]))
    #expect(result.status == 3)
    #expect(result.output == "out\nerr\n")
  }

  @Test func captureReadsMoreThanAPipeHolds() throws {
    let result = try #require(ProcessRunner.runCapturing("/bin/sh", ["-c", "head -c 300000 /dev/zero | tr '\\0' x"]))
    #expect(result.status == 0)
    #expect(result.output.utf8.count == 300_000)
  }

  @Test func aSignalIsReportedAsTheShellDoes() {
    #expect(ProcessRunner.runStreaming("/bin/sh", ["-c", "kill -9 $$"]) == 137)
    #expect(ProcessRunner.runStreaming("/bin/sh", ["-c", "exit 5"]) == 5)
  }

  @Test func aMissingProgramIsNotStarted() {
    #expect(ProcessRunner.runCapturing("/nonexistent/program", []) == nil)
    #expect(ProcessRunner.runStreaming("/nonexistent/program", []) == 127)
  }
}
