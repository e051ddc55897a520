import PdevCore

/// Remembers every input a render depends on: each file read (by content hash) and each
/// directory whose listing decides a lookup (a user template or profile that would
/// override a bundled one). Stored with a generation, it lets a later run prove that
/// nothing changed without loading or rendering anything.
public final class InputRecorder: @unchecked Sendable {
  private let lock = Lock()
  private var recordedFiles: [String: String] = [:]
  private var recordedListings: [String: String] = [:]

  public init() {}

  /// Input file → content hash.
  public var files: [String: String] { lock.withLock { recordedFiles } }
  /// Directory → hash of its recursive listing.
  public var listings: [String: String] { lock.withLock { recordedListings } }

  public func file(_ path: String, _ bytes: [UInt8]) {
    let hash = Fingerprint.hash(bytes)
    lock.withLock { recordedFiles[path] = hash }
  }

  public func listing(_ directory: String) {
    let hash = Fingerprint.listing(directory)
    lock.withLock { recordedListings[directory] = hash }
  }
}

/// What a generation was rendered from, and what it wrote.
public struct Fingerprint: Codable, Sendable, Equatable {
  /// Input file → content hash.
  public var files: [String: String]
  /// Directory → hash of its recursive listing.
  public var listings: [String: String]
  /// Everything else the output depends on: pdev's build, the default user name.
  public var salt: String
  /// Generated file (relative path) → content hash.
  public var outputs: [String: String]

  public init(files: [String: String], listings: [String: String], salt: String, outputs: [String: String]) {
    self.files = files
    self.listings = listings
    self.salt = salt
    self.outputs = outputs
  }

  init?(json: JSONValue) {
    func strings(_ key: String) -> [String: String]? {
      json[key]?.object?.compactMapValues(\.string)
    }
    guard let files = strings("files"), let listings = strings("listings"), let salt = json["salt"]?.string,
      let outputs = strings("outputs")
    else { return nil }
    self.init(files: files, listings: listings, salt: salt, outputs: outputs)
  }

  /// 64-bit FNV-1a as 16 hex digits: change detection, not security.
  public static func hash(_ bytes: some Sequence<UInt8>) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      h ^= UInt64(byte)
      h = h &* 0x100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// The names under `directory`, recursively, hashed; missing directories hash as empty.
  public static func listing(_ directory: String) -> String {
    hash(FileIO.walk(directory).map(\.path).sorted().joined(separator: "\n").utf8)
  }

  /// Whether every recorded input still has the recorded content.
  public func inputsUnchanged(salt current: String) -> Bool {
    guard salt == current else { return false }
    for (path, recorded) in files {
      guard let bytes = try? FileIO.read(path, display: path, limit: 64 << 20), Fingerprint.hash(bytes) == recorded else {
        return false
      }
    }
    return listings.allSatisfy { Fingerprint.listing($0.key) == $0.value }
  }
}
