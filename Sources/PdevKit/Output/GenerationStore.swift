import PdevCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Copies of what pdev wrote into one output directory, numbered, under
/// `$PDEV_STATE_HOME/outputs/NAME-HASH/`. A generation is recorded before its files are
/// written and marked complete after, so a run killed half-way can tell its own files.
public struct GenerationStore: Sendable {
  public let root: String
  public let outputDirectory: String

  public init(stateHome: String, outputDirectory: String) {
    self.outputDirectory = outputDirectory
    // A readable, bounded name: the folder's name (at most 48 characters) and a hash of its path.
    let slug = String(
      PathText.lastComponent(outputDirectory).filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.prefix(48))
    self.root = PathText.join(stateHome, "outputs/\(slug.isEmpty ? "output" : slug)-\(GenerationStore.hash(outputDirectory))")
  }

  /// FNV-1a, enough to tell output directories apart in a folder name.
  static func hash(_ text: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  public var lockPath: String { PathText.join(root, "lock") }
  var generationsDirectory: String { PathText.join(root, "generations") }
  public var backupsDirectory: String { PathText.join(root, "backups") }

  public struct Manifest: Codable, Sendable, Equatable {
    public var number: Int
    public var created: Timestamp
    public var complete: Bool
    public var files: [String]
    public var note: String?
    /// What the generation was rendered from; absent for rollbacks.
    public var fingerprint: Fingerprint?

    public init(number: Int, created: Timestamp, complete: Bool, files: [String], note: String?, fingerprint: Fingerprint?) {
      self.number = number
      self.created = created
      self.complete = complete
      self.files = files
      self.note = note
      self.fingerprint = fingerprint
    }

    /// Read with pdev's small JSON reader: Codable costs more than the rest of a no-op run.
    init?(json: JSONValue) {
      guard let number = json["number"]?.int, let created = json["created"]?.string.flatMap(Timestamp.parse),
        let complete = json["complete"]?.bool, let files = json["files"]?.array?.compactMap(\.string)
      else { return nil }
      self.init(
        number: number, created: created, complete: complete, files: files, note: json["note"]?.string,
        fingerprint: json["fingerprint"].flatMap(Fingerprint.init(json:)))
    }
  }

  public struct Generation: Sendable {
    public var manifest: Manifest
    public var directory: String

    public func bytes(_ path: String) -> [UInt8]? {
      guard manifest.files.contains(path) else { return nil }
      return try? FileIO.read(PathText.join(directory, "files/" + path), display: path, limit: 64 << 20)
    }
  }

  /// All generations, oldest first.
  public func generations() -> [Generation] {
    numbers().compactMap(generation)
  }

  private func numbers() -> [Int] {
    // Numbers pdev could have written: a folder named 9223372036854775807 is not one.
    FileIO.list(generationsDirectory).compactMap { Int($0) }.filter { (1..<1_000_000_000).contains($0) }.sorted()
  }

  private func generation(_ number: Int) -> Generation? {
    let directory = PathText.join(generationsDirectory, String(number))
    guard let bytes = try? FileIO.read(PathText.join(directory, "manifest.json"), display: "manifest", limit: 1 << 20),
      let json = JSONValue.parse(bytes), let manifest = Manifest(json: json)
    else { return nil }
    return Generation(manifest: manifest, directory: directory)
  }

  /// The newest complete generation and any newer incomplete ones (a run that was killed).
  /// Reads manifests from the newest down and stops at the first complete one.
  public func baseline() -> (last: Generation?, pending: [Generation]) {
    var pending: [Generation] = []
    for number in numbers().reversed() {
      guard let generation = generation(number) else { continue }
      if generation.manifest.complete { return (generation, pending.reversed()) }
      pending.append(generation)
    }
    return (nil, pending.reversed())
  }

  /// Records the files as a new, incomplete generation and returns it.
  public func begin(
    _ files: [(path: String, bytes: [UInt8])], at now: Timestamp, note: String?, fingerprint: Fingerprint? = nil
  ) throws(DiagnosticList) -> Generation {
    let number = (numbers().last ?? 0) + 1
    let directory = PathText.join(generationsDirectory, String(number))
    // Generations and backups are the user's private copies: 0600 files in 0700 folders.
    for file in files {
      try AtomicFile.write(
        file.bytes, to: PathText.join(directory, "files/" + file.path), display: "generation \(number): \(file.path)", mode: 0o600,
        directoryMode: 0o700)
    }
    let manifest = Manifest(
      number: number, created: now, complete: false, files: files.map(\.path).sorted(), note: note, fingerprint: fingerprint)
    try writeManifest(manifest, directory: directory)
    return Generation(manifest: manifest, directory: directory)
  }

  public func complete(_ generation: Generation, keep: Int) throws(DiagnosticList) {
    var manifest = generation.manifest
    manifest.complete = true
    try writeManifest(manifest, directory: generation.directory)
    prune(keep: keep)
  }

  private func writeManifest(_ manifest: Manifest, directory: String) throws(DiagnosticList) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(manifest)) ?? Data()
    try AtomicFile.write(
      Array(data) + [0x0A], to: PathText.join(directory, "manifest.json"), display: "generation manifest", mode: 0o600, directoryMode: 0o700
    )
    try AtomicFile.write(
      Array((outputDirectory + "\n").utf8), to: PathText.join(root, "output-path"), display: "output path", mode: 0o600,
      directoryMode: 0o700)
  }

  /// Records that the newest generation also matches a newer fingerprint (inputs changed in
  /// ways that did not change the output).
  public func refresh(_ fingerprint: Fingerprint) throws(DiagnosticList) {
    guard var latest = baseline().last, latest.manifest.fingerprint != fingerprint else { return }
    latest.manifest.fingerprint = fingerprint
    try writeManifest(latest.manifest, directory: latest.directory)
  }

  /// True when the newest generation was rendered from exactly the current inputs and the
  /// output directory still holds, byte for byte, what it wrote. Then generate has nothing
  /// to do, and nothing needs to be loaded or rendered to know it.
  public func isCurrent(salt: String) -> Bool {
    let (last, pending) = baseline()
    guard let last, pending.isEmpty, let fingerprint = last.manifest.fingerprint else { return false }
    guard fingerprint.inputsUnchanged(salt: salt) else { return false }
    for (path, recorded) in fingerprint.outputs {
      let target = PathText.join(outputDirectory, path)
      guard FileIO.kind(target) == .file, let bytes = try? FileIO.read(target, display: path, limit: 64 << 20),
        Fingerprint.hash(bytes) == recorded
      else { return false }
    }
    return FileIO.kind(PathText.join(outputDirectory, Renderer.localModule)) != .missing
  }

  /// How many backup folders (one per run that replaced something) are kept per output.
  public static let keptBackups = 50

  /// Keeps the newest `keep` complete generations; removes the incomplete ones a killed run
  /// left behind once a newer run has completed, and backup folders past `keptBackups`.
  func prune(keep: Int) {
    let all = generations()
    let complete = all.filter(\.manifest.complete)
    let cutoff = complete.count > keep ? complete[complete.count - keep].manifest.number : 0
    let newest = complete.last?.manifest.number ?? 0
    for generation in all
    where generation.manifest.number < cutoff || (!generation.manifest.complete && generation.manifest.number < newest) {
      try? FileManager.default.removeItem(atPath: generation.directory)
    }
    let backups = FileIO.list(backupsDirectory)
    for folder in backups.dropLast(GenerationStore.keptBackups) {
      try? FileManager.default.removeItem(atPath: PathText.join(backupsDirectory, folder))
    }
  }

  /// Saves the user's link at `path` (pointing at `destination`) before it is replaced.
  public func backupLink(_ destination: String, path: String, at now: Timestamp) throws(DiagnosticList) -> String {
    let target = freeBackupPath(path, at: now)
    try AtomicFile.makeDirectories(PathText.directory(of: target), display: "backup of \(path)", mode: 0o700)
    guard symlink(destination, target) == 0 else { throw AtomicFile.failure("could not back up the link \(path)", errno) }
    return target
  }

  /// Saves the user's bytes of `path` before they are overwritten; returns the backup path.
  public func backup(_ bytes: [UInt8], path: String, at now: Timestamp) throws(DiagnosticList) -> String {
    let target = freeBackupPath(path, at: now)
    try AtomicFile.write(bytes, to: target, display: "backup of \(path)", mode: 0o600, directoryMode: 0o700)
    return target
  }

  /// Where a backup of `path` goes: a folder named after the time, and never over an
  /// earlier backup (two runs in one second get folders of their own).
  func freeBackupPath(_ path: String, at now: Timestamp) -> String {
    let stamp = now.iso.replacingAll(":", with: "")
    var folder = PathText.join(backupsDirectory, stamp)
    // Never over an earlier backup: two runs in the same second get folders of their own.
    var n = 1
    while FileIO.kind(PathText.join(folder, path)) != .missing {
      n += 1
      folder = PathText.join(backupsDirectory, "\(stamp)-\(n)")
    }
    return PathText.join(folder, path)
  }
}
