import Foundation
import PdevCLI
import PdevCore
import Testing

/// A temporary home with its own config, state and output directories, where commands run
/// in-process through `CLI.run` with a scripted context. Nothing touches the real $HOME.
public final class Sandbox: @unchecked Sendable {
  public let root: String
  public var home: String { root + "/home" }
  public var configHome: String { root + "/config" }
  public var stateHome: String { root + "/state" }
  public var output: String { root + "/out" }
  public var configFile: String { configHome + "/pdev.yaml" }

  public struct Result: Sendable {
    public var code: Int32
    public var out: String
    public var err: String
  }

  public init() {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("pdev-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: root + "/home", withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: root) }

  public var environment: [String: String] {
    [
      "HOME": home, "USER": "ada", "PDEV_CONFIG_HOME": configHome, "PDEV_STATE_HOME": stateHome,
      "PATH": "/nonexistent", "TERM": "xterm",
    ]
  }

  /// A machine with no programs: every lookup finds nothing, and running a program at all is
  /// an effect the test did not arrange, so it fails the test.
  public static let bareMachine = ProcessRunner(
    find: { _, _ in nil },
    capture: { executable, arguments in
      Issue.record("unexpected process: \(executable) \(arguments.joined(separator: " ")); pass processes: to arrange it")
      return nil
    },
    stream: { executable, arguments in
      Issue.record("unexpected process: \(executable) \(arguments.joined(separator: " ")); pass processes: to arrange it")
      return 127
    })

  /// Runs `pdev ARGS` at `now` (ISO-8601) in the sandbox.
  @discardableResult
  public func run(
    _ arguments: [String], now: String = "2026-11-23T09:00:00Z", env extra: [String: String] = [:],
    stdin: [String] = [], terminal: Bool = false, cwd: String? = nil, processes: ProcessRunner? = nil,
    battery: Bool = true
  ) -> Result {
    var env = environment
    env["PDEV_NOW"] = now
    for (k, v) in extra { env[k] = v }
    let out = OutputSink.buffer()
    let err = OutputSink.buffer()
    let context = Context(
      environment: env, home: home, currentDirectory: cwd ?? root, clock: { Timestamp(seconds: 0) }, stdout: out,
      stderr: err, stdin: InputSource(lines: stdin), stdoutIsTerminal: terminal, stderrIsTerminal: terminal,
      stdinIsTerminal: terminal, share: Repository.root, hostname: "zephyrus", system: "x86_64-linux",
      hasBattery: { battery }, osRelease: { nil }, processes: processes ?? Sandbox.bareMachine, build: "test")
    let code = CLI.run(arguments, context: context)
    return Result(code: code, out: out.text, err: err.text)
  }

  public func write(_ relative: String, _ text: String) {
    let path = relative.hasPrefix("/") ? relative : root + "/" + relative
    try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  public func read(_ path: String) -> String? {
    try? String(contentsOfFile: path.hasPrefix("/") ? path : root + "/" + path, encoding: .utf8)
  }

  /// Every file under `directory`, relative path → contents.
  public func tree(_ directory: String) -> [String: String] {
    var files: [String: String] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return files }
    while let relative = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let path = directory + "/" + relative
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
        files[relative] = try? String(contentsOfFile: path, encoding: .utf8)
      }
    }
    return files
  }

  /// A pdev.yaml for tests: one host on x86_64-linux extending `profile`, plus `extra`.
  public func writeConfig(profile: String = "laptop", extra: String = "", hosts: String? = nil) {
    write(
      configFile,
      """
      version: 1
      extends: \(profile)
      user:
        name: Ada Lovelace
        email: ada@example.org
        username: ada
      hosts:
      \(hosts ?? "  zephyrus: { system: x86_64-linux }")
      state-version: "26.05"
      output: \(output)
      \(extra)
      """)
  }
}
