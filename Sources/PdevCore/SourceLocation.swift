/// A 1-based position in a named source file; columns count Unicode scalars.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.file, a.line, a.column) < (b.file, b.line, b.column)
  }
}

/// The text of a file that diagnostics may quote, keyed by the name used in its locations.
public struct SourceFile: Sendable {
  public let name: String
  public let text: String

  public init(name: String, text: String) {
    self.name = name
    self.text = text
  }

  /// The given 1-based line without its line break, or nil when out of range.
  public func line(_ number: Int) -> Substring? {
    guard number >= 1 else { return nil }
    let bytes = text.utf8
    let newline = UInt8(ascii: "\n")
    var start = bytes.startIndex
    var current = 1
    while current < number {
      guard let index = bytes[start...].firstIndex(of: newline) else { return nil }
      start = bytes.index(after: index)
      current += 1
    }
    var end = bytes[start...].firstIndex(of: newline) ?? bytes.endIndex
    if end > start, bytes[bytes.index(before: end)] == UInt8(ascii: "\r") {
      end = bytes.index(before: end)
    }
    return text[start..<end]
  }
}

/// Source texts known to the current run, so diagnostics can show the offending line.
public final class SourceRegistry: @unchecked Sendable {
  private var files: [String: SourceFile] = [:]

  public init() {}

  public func add(_ file: SourceFile) { files[file.name] = file }
  public func file(named name: String) -> SourceFile? { files[name] }
}
