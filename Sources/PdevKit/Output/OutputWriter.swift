import PdevCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What generate would do with each file of the output tree.
public struct FileChange: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case create
    case update
    case unchanged
    /// pdev wrote it, the user deleted it: it is written again.
    case recreate
    /// pdev wrote it, the user edited it: refused without --force.
    case drift
    /// A file pdev did not write is in the way: refused without --force.
    case collision
    /// local.nix exists: never touched.
    case keep
  }

  public var path: String
  public var kind: Kind
  public var old: [UInt8]?
  public var new: [UInt8]

  public init(path: String, kind: Kind, old: [UInt8]?, new: [UInt8]) {
    self.path = path
    self.kind = kind
    self.old = old
    self.new = new
  }

  public var writes: Bool { [.create, .update, .recreate, .drift, .collision].contains(kind) }
  public var isConflict: Bool { kind == .drift || kind == .collision }
}

/// The safe write path shared by generate, level changes and rollback: compare with what is
/// on disk and with the last generation, refuse to overwrite hand edits and foreign files
/// (unless forced, after a backup), write changed files atomically, and record a generation.
public struct OutputWriter {
  public let directory: String
  public let store: GenerationStore
  public let display: (String) -> String
  /// A read-only writer plans; writing through it is a bug, refused before any byte.
  public let readOnly: Bool

  public init(directory: String, stateHome: String, display: @escaping (String) -> String, readOnly: Bool = false) {
    self.directory = directory
    self.readOnly = readOnly
    // The output is known by its real path, so two ways to it share one store and one lock;
    // a store an older pdev kept under the path as given is still found.
    let canonical = GenerationStore(stateHome: stateHome, outputDirectory: FileIO.canonicalPath(directory))
    let literal = GenerationStore(stateHome: stateHome, outputDirectory: directory)
    self.store = FileIO.kind(canonical.root) == .missing && FileIO.kind(literal.root) == .directory ? literal : canonical
    self.display = display
  }

  /// Compares `files` with the disk and the last generation; writes nothing.
  public func plan(_ files: [OutputFile]) throws(DiagnosticList) -> [FileChange] {
    try checkDirectory()
    let (last, pending) = store.baseline()
    var changes: [FileChange] = []
    for file in files {
      try confine(file.path)
      let target = PathText.join(directory, file.path)
      let new = Array(file.contents.utf8)
      let kind = FileIO.kind(target)
      if kind == .directory || kind == .other {
        throw DiagnosticList(
          [
            .error(
              .outputPath,
              "\(display(target)) is \(kind == .directory ? "a directory" : "not a regular file"); pdev writes a file there",
              help: "move it away, then run the command again")
          ],
          kind: .environment)
      }
      // local.nix in any form (a file, a link into a dotfiles repository, even a dangling
      // link) is the user's: never read, never replaced.
      if file.ownership == .user {
        changes.append(FileChange(path: file.path, kind: kind == .missing ? .create : .keep, old: nil, new: new))
        continue
      }
      let disk: [UInt8]? =
        kind == .missing ? nil : (kind == .symlink ? nil : try FileIO.read(target, display: display(target), limit: 64 << 20))
      if kind == .symlink {
        changes.append(FileChange(path: file.path, kind: .collision, old: nil, new: new))
        continue
      }
      let ours = ([last].compactMap { $0 } + pending).compactMap { $0.bytes(file.path) }
      let change: FileChange.Kind
      switch disk {
      case nil: change = ours.isEmpty ? .create : .recreate
      case let bytes? where bytes == new: change = .unchanged
      case let bytes?:
        if ours.contains(bytes) {
          change = .update
        } else {
          change = ours.isEmpty ? .collision : .drift
        }
      }
      changes.append(FileChange(path: file.path, kind: change, old: disk, new: new))
    }
    return changes
  }

  public struct Outcome: Sendable {
    public var changes: [FileChange]
    public var backups: [(path: String, backup: String)]
    public var generation: Int?
  }

  /// Applies a plan. Conflicts must have been refused by the caller unless `force`.
  public func apply(
    _ changes: [FileChange], force: Bool, at now: Timestamp, keep: Int, note: String? = nil, fingerprint: Fingerprint? = nil
  ) throws(DiagnosticList) -> Outcome {
    precondition(force || !changes.contains(where: \.isConflict), "conflicts must be refused before applying")
    try refuseIfReadOnly()
    let generated = changes.filter { $0.kind != .keep }
    let needsGeneration = changes.contains(where: \.writes) || store.baseline().last == nil
    var backups: [(String, String)] = []
    for change in changes where change.isConflict {
      let target = PathText.join(directory, change.path)
      if let old = change.old {
        backups.append((change.path, try store.backup(old, path: change.path, at: now)))
      } else if FileIO.kind(target) == .symlink, let link = FileIO.linkTarget(target) {
        // A foreign link is kept as the link it was.
        backups.append((change.path, try store.backupLink(link, path: change.path, at: now)))
      }
    }
    removeLeftovers(of: changes.map { PathText.join(directory, $0.path) } + [PathText.join(store.root, "output-path")])
    var generation: GenerationStore.Generation?
    if needsGeneration {
      let tracked = generated.filter { !Renderer.userFiles.contains($0.path) }.map { ($0.path, $0.new) }
      generation = try store.begin(tracked, at: now, note: note, fingerprint: fingerprint)
    }
    for change in changes where change.writes {
      let target = PathText.join(directory, change.path)
      if FileIO.kind(target) == .symlink { unlink(target) }
      try AtomicFile.write(change.new, to: target, display: display(target))
    }
    if let generation { try store.complete(generation, keep: keep) }
    return Outcome(changes: changes, backups: backups, generation: generation?.manifest.number)
  }

  /// Temporary files a run killed mid-write left beside the files it writes:
  /// `.pdev-NAME.XXXXXX` exactly, where NAME is one of `files` and XXXXXX what mkstemp adds.
  /// Nothing else is touched, whatever its name. Only called with the lock held, so no live
  /// run owns them.
  func removeLeftovers(of files: [String]) {
    var names: [String: Set<String>] = [:]
    for file in files { names[PathText.directory(of: file), default: []].insert(PathText.lastComponent(file)) }
    for (dir, owned) in names {
      for entry in FileIO.list(dir) where OutputWriter.isLeftover(entry, of: owned) && FileIO.kind(PathText.join(dir, entry)) == .file {
        unlink(PathText.join(dir, entry))
      }
    }
  }

  static func isLeftover(_ entry: String, of names: Set<String>) -> Bool {
    guard entry.hasPrefix(".pdev-"), entry.utf8.count > 13 else { return false }
    let suffix = entry.suffix(7)
    guard suffix.first == ".", suffix.dropFirst().allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return false }
    return names.contains(String(entry.dropFirst(6).dropLast(7)))
  }

  /// The output directory must be creatable and a directory (or a symlink to one).
  /// Writing is refused on a read-only writer (a command that declared no output effect).
  public func refuseIfReadOnly() throws(DiagnosticList) {
    guard readOnly else { return }
    throw DiagnosticList(
      [.error(.outputPath, "internal: this command may not write \(display(directory)); nothing was written")], kind: .environment)
  }

  public func checkDirectory() throws(DiagnosticList) {
    if FileIO.exists(directory), !FileIO.isDirectory(directory) {
      throw DiagnosticList([.error(.outputPath, "the output \(display(directory)) is not a directory")], kind: .environment)
    }
  }

  /// Paths stay inside the output directory: no `..`, no absolute paths, and no directory on
  /// the way that is a symlink leading outside.
  func confine(_ relative: String) throws(DiagnosticList) {
    let parts = relative.split(separator: "/")
    guard !relative.hasPrefix("/"), !parts.contains(".."), !parts.isEmpty else {
      throw DiagnosticList([.error(.outputPath, "refusing to write '\(relative)': it is outside the output directory")])
    }
    guard
      let base = realpath(directory, nil).map({ p -> String in
        defer { free(p) }; return String(cString: p)
      })
    else { return }
    var current = directory
    for part in parts.dropLast() {
      current = PathText.join(current, String(part))
      guard FileIO.kind(current) == .symlink else { continue }
      if let resolved = realpath(current, nil).map({ p -> String in
        defer { free(p) }; return String(cString: p)
      }),
        !(resolved == base || resolved.hasPrefix(base + "/"))
      {
        throw DiagnosticList(
          [
            .error(
              .outputPath,
              "refusing to write \(display(PathText.join(directory, relative))): \(display(current)) is a symlink out of the output directory"
            )
          ],
          kind: .environment)
      }
    }
  }
}
