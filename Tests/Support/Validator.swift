import Foundation

/// External validators (nix-instantiate, luajit, fish). Tests using one carry
/// `.enabled(if: Validator.runs("name"))`: under `CI=true` they always run, so a missing
/// validator fails them; elsewhere they show as skipped.
public enum Validator {
  public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  public static func path(_ name: String) -> String? {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for dir in dirs where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") { return "\(dir)/\(name)" }
    return nil
  }

  public static func runs(_ name: String) -> Bool { isCI || path(name) != nil }

  public struct Missing: Error, CustomStringConvertible {
    public let name: String
    public var description: String { "\(name) is not installed; `./bootstrap.sh test` installs it" }
  }

  public struct Outcome: Sendable {
    public var status: Int32
    public var out: String
    public var err: String
  }

  @discardableResult
  public static func run(_ name: String, _ arguments: [String], stdin: String? = nil) throws -> Outcome {
    guard let executable = path(name) else { throw Missing(name: name) }
    return try runFile(executable, arguments, stdin: stdin)
  }

  /// Runs the executable at `executable`, capturing both streams.
  public static func runFile(_ executable: String, _ arguments: [String], stdin: String? = nil) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    // Read both pipes concurrently so a full pipe never blocks the child.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self), err: String(decoding: errData, as: UTF8.self))
  }
}

/// Temporary directories for tests that need files.
public func makeTemporaryDirectory() -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("pdev-test-\(UUID().uuidString)").path
  try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// A small deterministic generator (SplitMix64) for property tests.
public struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
