import Foundation
import PdevCore

/// Finds and runs external programs (nix, home-manager, git). Tests substitute a fake.
public struct ProcessRunner: Sendable {
  public var find: @Sendable (_ name: String, _ path: String) -> String?
  /// Runs a program and returns its exit status and captured output.
  public var capture: @Sendable (_ executable: String, _ arguments: [String]) -> (status: Int32, output: String)?
  /// Runs a program with the terminal's streams (for `home-manager switch`).
  public var stream: @Sendable (_ executable: String, _ arguments: [String]) -> Int32

  public init(
    find: @escaping @Sendable (String, String) -> String? = ProcessRunner.searchPath,
    capture: @escaping @Sendable (String, [String]) -> (status: Int32, output: String)? = ProcessRunner.runCapturing,
    stream: @escaping @Sendable (String, [String]) -> Int32 = ProcessRunner.runStreaming
  ) {
    self.find = find
    self.capture = capture
    self.stream = stream
  }

  @Sendable public static func searchPath(_ name: String, _ path: String) -> String? {
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  @Sendable public static func runCapturing(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Sendable public static func runStreaming(_ executable: String, _ arguments: [String]) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    do { try process.run() } catch { return 127 }
    process.waitUntilExit()
    return process.terminationStatus
  }
}
