import Foundation
import PdevCore

/// A temporary home with its own config, state and output directories. Nothing touches the
/// real $HOME; the CLI's tests run commands in it (`Sandbox.run`, PdevCLITestSupport).
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

    public init(code: Int32, out: String, err: String) {
      self.code = code
      self.out = out
      self.err = err
    }
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
  /// Writes the first YAML example of docs/configuration.md as pdev.yaml, rendering into
  /// this sandbox's output.
  public func writeConfigurationReferenceExample() {
    let reference = Repository.read("docs/configuration.md")
    guard let start = reference.range(of: "```yaml\n"),
      let end = reference.range(of: "```", range: start.upperBound..<reference.endIndex)
    else { return }
    let text = String(reference[start.upperBound..<end.lowerBound])
      .replacingOccurrences(of: "output: ~/.config/home-manager", with: "output: \(output)")
    write(configFile, text)
  }

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
