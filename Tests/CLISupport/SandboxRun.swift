import Foundation
import PdevCLI
import PdevCore
@_exported import PdevTestSupport
import Testing

/// Commands run in a sandbox in-process, through `CLI.run` with a scripted context.
extension Sandbox {
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
}
