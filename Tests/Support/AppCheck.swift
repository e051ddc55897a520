import Foundation

/// The checking tools beside the repository (`../shared/tools/`): hm-eval evaluates a rendered
/// tree against the real home-manager and nixvim modules, app-check runs what home-manager
/// would write in the real applications. Under `CI=true` they must run; elsewhere a machine
/// without them shows the tests as skipped.
public enum AppCheck {
  public static let tools = Repository.root + "/../shared/tools"
  public static var appCheck: String { tools + "/app-check/app-check" }
  public static var hmEval: String { tools + "/hm-eval/hm-eval" }

  /// What the applications' releases accept (`../shared/reference/apps/`), when present.
  public static var factsDirectory: String? {
    let path = Repository.root + "/../shared/reference/apps"
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }

  /// Set up by `app-check-setup` (bootstrap.sh test runs it).
  public static var isReady: Bool {
    let home = ProcessInfo.processInfo.environment["APP_CHECK_HOME"] ?? (NSHomeDirectory() + "/.cache/app-check")
    return FileManager.default.isExecutableFile(atPath: appCheck)
      && FileManager.default.fileExists(atPath: home + "/venv/bin/nvim") && Validator.path("nix-instantiate") != nil
  }

  public static var runs: Bool { Validator.isCI || isReady }

  public struct Report: Sendable {
    public var status: Int32
    public var lines: [String]
    public var output: String

    public var failures: [String] { lines.filter { $0.hasPrefix("FAIL ") } }
    public var skips: [String] { lines.filter { $0.hasPrefix("SKIP ") } }
    /// The closing `N passed, N failed, N skipped` line.
    public var summary: String { lines.last { $0.contains(" passed, ") } ?? "(no summary)" }
  }

  public static func run(_ arguments: [String]) throws -> Report {
    try report(appCheck, arguments)
  }

  public static func hmEval(_ arguments: [String]) throws -> Report {
    try report(hmEval, arguments)
  }

  private static func report(_ tool: String, _ arguments: [String]) throws -> Report {
    guard FileManager.default.isExecutableFile(atPath: tool) else { throw Validator.Missing(name: tool) }
    let outcome = try Validator.runFile(tool, arguments)
    let text = outcome.out + outcome.err
    return Report(status: outcome.status, lines: text.split(separator: "\n").map(String.init), output: text)
  }

  /// SKIP lines that name what cannot exist on a test machine: treesitter parsers and LSP
  /// binaries (built by Nix), and files whose contents come from packages.
  public static func isExpectedSkip(_ line: String) -> Bool {
    ["treesitter parsers", "LSP servers not started", "files not materialised", "files no checker for"].contains {
      line.contains($0)
    }
  }
}
