import PdevCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a first (or any) switch would do to $HOME: the files home-manager links, read from
/// the built activation package's `home-files` tree, and which of them the user already has
/// as their own (not a home-manager link). Those are what home-manager would refuse with
/// "Existing file … would be clobbered", and what pdev saves before switching.
public struct SwitchPreflight: Sendable, Equatable {
  /// Paths relative to $HOME that home-manager will manage.
  public var targets: [String]
  /// Targets the user has today: files, folders or links home-manager did not make.
  public var existing: [String]

  /// Reads `activation/home-files` and looks each target up in `home`.
  public static func scan(activation: String, home: String) -> SwitchPreflight {
    let targets = leaves(of: PathText.join(activation, "home-files"))
    let existing = targets.filter { target in
      let path = PathText.join(home, target)
      switch FileIO.kind(path) {
      case .missing: return false
      case .symlink: return !isHomeManagerLink(path)
      default: return true
      }
    }
    return SwitchPreflight(targets: targets, existing: existing)
  }

  /// Files and links below `directory` (links to folders are leaves: home-manager links them
  /// whole), relative to it, sorted. Links are never followed.
  static func leaves(of directory: String) -> [String] {
    var found: [String] = []
    var stack = [""]
    while let relative = stack.popLast() {
      for entry in FileIO.list(PathText.join(directory, relative)) {
        let path = relative.isEmpty ? entry : relative + "/" + entry
        if FileIO.kind(PathText.join(directory, path)) == .directory { stack.append(path) } else { found.append(path) }
      }
    }
    return found.sorted()
  }

  /// A link into a home-manager generation's files, as home-manager itself leaves them.
  static func isHomeManagerLink(_ path: String) -> Bool {
    guard let target = FileIO.linkTarget(path) else { return false }
    return target.hasPrefix("/nix/store/") && target.containsBytes("-home-manager-files/")
  }
}

/// Private copies of what the user had, kept under the state directory before a switch
/// replaces it. Each run gets a folder of its own; nothing in it is ever overwritten.
public struct BackupStore: Sendable {
  public let root: String

  public init(stateHome: String) { root = PathText.join(stateHome, "backups") }

  /// Copies each of `paths` (relative to `home`) into a new folder named after `stamp`:
  /// files with their mode, links as links, folders whole; folders pdev creates are 0700.
  /// Returns the folder.
  public func save(_ paths: [String], from home: String, stamp: String, purpose: String = "apply") throws(DiagnosticList) -> String {
    try BackupStore.makePrivateDirectory(root)
    var folder = PathText.join(root, "\(purpose)-\(stamp)")
    var n = 1
    while FileIO.kind(folder) != .missing {
      n += 1
      folder = PathText.join(root, "\(purpose)-\(stamp)-\(n)")
    }
    try BackupStore.makePrivateDirectory(folder)
    for path in paths { try BackupStore.copy(PathText.join(home, path), to: PathText.join(folder, path)) }
    return folder
  }

  static func makePrivateDirectory(_ path: String) throws(DiagnosticList) {
    if FileIO.isDirectory(path) { return }
    try makePrivateDirectory(PathText.directory(of: path))
    if mkdir(path, 0o700) != 0 && errno != EEXIST { throw AtomicFile.failure("could not create \(path)", errno) }
  }

  /// Copies one entry without following links; the destination must not exist.
  static func copy(_ source: String, to destination: String) throws(DiagnosticList) {
    try makePrivateDirectory(PathText.directory(of: destination))
    guard FileIO.kind(destination) == .missing else {
      throw DiagnosticList([.error(.wouldClobber, "\(destination) exists already")], kind: .environment)
    }
    var info = stat()
    guard lstat(source, &info) == 0 else { throw AtomicFile.failure("could not read \(source)", errno) }
    switch info.st_mode & S_IFMT {
    case S_IFLNK:
      guard let target = FileIO.linkTarget(source), symlink(target, destination) == 0 else {
        throw AtomicFile.failure("could not copy the link \(source)", errno)
      }
    case S_IFDIR:
      guard mkdir(destination, 0o700) == 0 else { throw AtomicFile.failure("could not create \(destination)", errno) }
      for entry in FileIO.list(source) { try copy(PathText.join(source, entry), to: PathText.join(destination, entry)) }
    case S_IFREG:
      let bytes = try FileIO.read(source, display: source, limit: Int.max)
      let fd = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
      guard fd >= 0 else { throw AtomicFile.failure("could not write \(destination)", errno) }
      defer { close(fd) }
      var written = 0
      while written < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
        if n < 0 {
          if errno == EINTR { continue }
          throw AtomicFile.failure("could not write \(destination)", errno)
        }
        written += n
      }
      fchmod(fd, info.st_mode & 0o7777)
    default:
      throw DiagnosticList(
        [.error(.wouldClobber, "\(source) is neither a file, a folder nor a link; move it away before switching")], kind: .environment)
    }
  }
}
