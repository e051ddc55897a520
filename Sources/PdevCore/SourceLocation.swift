/// A 1-based position in a named source file; columns count Unicode scalars. The file name
/// is interned, so a location is three integers and copying nodes costs no reference counting.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let fileID: UInt32
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.fileID = FileNames.shared.id(for: file)
    self.line = line
    self.column = column
  }

  public init(fileID: UInt32, line: Int, column: Int) {
    self.fileID = fileID
    self.line = line
    self.column = column
  }

  public var file: String { FileNames.shared.name(of: fileID) }

  public var description: String { "\(file):\(line):\(column)" }

  public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
    (a.file, a.line, a.column) < (b.file, b.line, b.column)
  }
}

/// The interning table behind `SourceLocation.fileID`: append-only, safe across threads.
public final class FileNames: @unchecked Sendable {
  public static let shared = FileNames()
  private let lock = Lock()
  private var names: [String] = []
  private var ids: [String: UInt32] = [:]

  public func id(for name: String) -> UInt32 {
    lock.withLock {
      if let id = ids[name] { return id }
      let id = UInt32(names.count)
      names.append(name)
      ids[name] = id
      return id
    }
  }

  public func name(of id: UInt32) -> String {
    lock.withLock { Int(id) < names.count ? names[Int(id)] : "?" }
  }
}

/// A file that diagnostics may quote, keyed by the name used in its locations.
public struct SourceFile: Sendable {
  public let name: String
  public let bytes: [UInt8]

  public init(name: String, text: String) {
    self.name = name
    self.bytes = Array(text.utf8)
  }

  public init(name: String, bytes: [UInt8]) {
    self.name = name
    self.bytes = bytes
  }

  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The given 1-based line without its line break, or nil when out of range.
  public func line(_ number: Int) -> Substring? {
    guard number >= 1 else { return nil }
    var start = 0
    var current = 1
    while current < number {
      guard let index = bytes[start...].firstIndex(of: 0x0A) else { return nil }
      start = index + 1
      current += 1
    }
    var end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
    if end > start, bytes[end - 1] == 0x0D { end -= 1 }
    return Substring(String(decoding: bytes[start..<end], as: UTF8.self))
  }
}

/// Source texts known to the current run, so diagnostics can show the offending line.
public final class SourceRegistry: @unchecked Sendable {
  private var files: [String: SourceFile] = [:]

  public init() {}

  public func add(_ file: SourceFile) { files[file.name] = file }
  public func file(named name: String) -> SourceFile? { files[name] }
}
