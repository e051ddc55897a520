import PdevCore

/// Test text with one `⌖` marking a position; the marker is removed.
struct Marked {
  let text: String
  let line: Int
  let column: Int

  init(_ source: String) {
    var line = 1
    var column = 1
    var found: (Int, Int)?
    var clean = ""
    for scalar in source.unicodeScalars {
      if scalar == "⌖" {
        found = (line, column)
        continue
      }
      clean.unicodeScalars.append(scalar)
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    precondition(found != nil, "no ⌖ marker in test source")
    self.text = clean
    (self.line, self.column) = found!
  }

  func location(_ file: String) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }
}

func parseYAML(_ text: String, name: String = "t.yaml") throws(DiagnosticList) -> YAMLNode? {
  try YAMLLoader().parse(Array(text.utf8), name: name)
}

func diagnostics(of text: String) -> [Diagnostic] {
  do {
    _ = try parseYAML(text)
    return []
  } catch {
    return error.sorted
  }
}

import Foundation

/// External validators (nix-instantiate, luajit, fish): required under `CI=true`, a visible
/// skip elsewhere (the tests carry `.enabled(if:)` with this condition).
enum Validator {
  static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  static func path(_ name: String) -> String? {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    for dir in dirs {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Run the test when the tool exists, or always under CI so a missing tool fails it.
  static func runs(_ name: String) -> Bool { isCI || path(name) != nil }

  @discardableResult
  static func run(_ name: String, _ arguments: [String], stdin: String? = nil) throws -> (
    status: Int32, out: String, err: String
  ) {
    guard let executable = path(name) else {
      throw ValidatorMissing(name: name)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
  }
}

struct ValidatorMissing: Error, CustomStringConvertible {
  let name: String
  var description: String { "\(name) is not installed; `bootstrap.sh test` installs it" }
}

func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("pdev-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// A small deterministic generator (SplitMix64) for property tests.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
