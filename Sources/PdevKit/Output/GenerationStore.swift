import Foundation
import PdevCore

/// Copies of what pdev wrote into one output directory, numbered, under
/// `$PDEV_STATE_HOME/outputs/NAME-HASH/`. A generation is recorded before its files are
/// written and marked complete after, so a run killed half-way can tell its own files.
public struct GenerationStore: Sendable {
  public let root: String
  public let outputDirectory: String

  public init(stateHome: String, outputDirectory: String) {
    self.outputDirectory = outputDirectory
    let slug = PathText.lastComponent(outputDirectory).filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
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
    FileIO.list(generationsDirectory).compactMap { Int($0) }.sorted().compactMap { number in
      let directory = PathText.join(generationsDirectory, String(number))
      guard let bytes = try? FileIO.read(PathText.join(directory, "manifest.json"), display: "manifest", limit: 1 << 20),
        let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(bytes))
      else { return nil }
      return Generation(manifest: manifest, directory: directory)
    }
  }

  /// The newest complete generation and any newer incomplete ones (a run that was killed).
  public func baseline() -> (last: Generation?, pending: [Generation]) {
    let all = generations()
    let last = all.last { $0.manifest.complete }
    let pending = all.filter { !$0.manifest.complete && $0.manifest.number > (last?.manifest.number ?? 0) }
    return (last, pending)
  }

  /// Records the files as a new, incomplete generation and returns it.
  public func begin(_ files: [(path: String, bytes: [UInt8])], at now: Timestamp, note: String?) throws(DiagnosticList)
    -> Generation
  {
    let number = (generations().last?.manifest.number ?? 0) + 1
    let directory = PathText.join(generationsDirectory, String(number))
    for file in files {
      try AtomicFile.write(file.bytes, to: PathText.join(directory, "files/" + file.path), display: "generation \(number): \(file.path)")
    }
    let manifest = Manifest(number: number, created: now, complete: false, files: files.map(\.path).sorted(), note: note)
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
    try AtomicFile.write(Array(data) + [0x0A], to: PathText.join(directory, "manifest.json"), display: "generation manifest")
    try AtomicFile.write(Array((outputDirectory + "\n").utf8), to: PathText.join(root, "output-path"), display: "output path")
  }

  /// Keeps the newest `keep` complete generations (and anything newer).
  func prune(keep: Int) {
    let all = generations()
    let complete = all.filter(\.manifest.complete)
    guard complete.count > keep else { return }
    let cutoff = complete[complete.count - keep].manifest.number
    for generation in all where generation.manifest.number < cutoff {
      try? FileManager.default.removeItem(atPath: generation.directory)
    }
  }

  /// Saves the user's bytes of `path` before they are overwritten; returns the backup path.
  public func backup(_ bytes: [UInt8], path: String, at now: Timestamp) throws(DiagnosticList) -> String {
    let stamp = now.iso.replacingOccurrences(of: ":", with: "")
    let target = PathText.join(backupsDirectory, stamp + "/" + path)
    try AtomicFile.write(bytes, to: target, display: "backup of \(path)")
    return target
  }
}
