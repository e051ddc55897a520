#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reading files with errors a user can act on; never blocks on a FIFO or device.
public enum FileIO {
  public enum Kind: Sendable { case missing, file, directory, symlink, other }

  /// What is at `path`, without following a final symlink.
  public static func kind(_ path: String) -> Kind {
    var info = stat()
    guard lstat(path, &info) == 0 else { return .missing }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    case S_IFLNK: return .symlink
    default: return .other
    }
  }

  public static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  public static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  /// The bytes of a regular file (symlinks followed), refusing anything larger than `limit`.
  public static func read(_ path: String, display: String, limit: Int = 4 << 20) throws(DiagnosticList) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else {
      let code = errno
      let reason: String
      switch code {
      case ENOENT:
        reason =
          kind(path) == .symlink
          ? "is a symlink to \(linkTarget(path).map { "\($0), which" } ?? "a file that") does not exist" : "does not exist"
      case EACCES:
        throw DiagnosticList([.error(.fileUnreadable, "\(display) cannot be read (permission denied)")], kind: .environment)
      case ELOOP: reason = "is a symlink loop"
      case EISDIR: reason = "is a directory, not a file"
      default:
        throw DiagnosticList(
          [.error(.fileUnreadable, "\(display) cannot be opened (\(String(cString: strerror(code))))")], kind: .environment)
      }
      throw DiagnosticList([.error(.fileUnreadable, "\(display) \(reason)")])
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw DiagnosticList([.error(.fileUnreadable, "\(display) cannot be read (\(String(cString: strerror(errno))))")], kind: .environment)
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR: throw DiagnosticList([.error(.fileUnreadable, "\(display) is a directory, not a file")])
    default: throw DiagnosticList([.error(.fileUnreadable, "\(display) is not a regular file")])
    }
    let size = Int(info.st_size)
    if size > limit {
      throw DiagnosticList([
        .error(.fileTooLarge, "\(display) is too large (\(size) bytes); pdev reads files up to \(limit >> 20) MiB")
      ])
    }
    var bytes = [UInt8](repeating: 0, count: size)
    var total = 0
    while total < size {
      let n = bytes.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + total, size - total) }
      if n < 0 {
        if errno == EINTR { continue }
        throw DiagnosticList(
          [.error(.fileUnreadable, "\(display) cannot be read (\(String(cString: strerror(errno))))")], kind: .environment)
      }
      if n == 0 { break }
      total += n
    }
    if total < size { bytes.removeLast(size - total) }
    return bytes
  }

  /// Where the symlink at `path` points, as written in the link.
  public static func linkTarget(_ path: String) -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let n = readlink(path, &buffer, buffer.count - 1)
    guard n >= 0 else { return nil }
    return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// At most this many entries are walked: a folder pdev reads is small.
  public static let walkBudget = 10_000

  /// Every entry below `directory`, as paths relative to it, directories included; empty
  /// when it does not exist. A linked folder is entered only when it lies inside `directory`
  /// and was not entered before, so a link cycle or a link to `/` ends the walk there; at
  /// most `walkBudget` entries are read.
  public static func walk(_ directory: String) -> [(path: String, isDirectory: Bool)] {
    var found: [(path: String, isDirectory: Bool)] = []
    guard let root = realPath(directory) else { return [] }
    var visited: Set<String> = [root]
    var stack = [""]
    while let relative = stack.popLast() {
      let dir = PathText.join(directory, relative)
      for entry in list(dir) {
        guard found.count < walkBudget else { return found }
        let path = relative.isEmpty ? entry : relative + "/" + entry
        let full = PathText.join(dir, entry)
        var isDirectory = kind(full) == .directory
        if !isDirectory, kind(full) == .symlink, FileIO.isDirectory(full), let real = realPath(full),
          real.hasPrefix(root + "/"), visited.insert(real).inserted
        {
          isDirectory = true
        }
        if isDirectory, kind(full) == .directory, let real = realPath(full), !visited.insert(real).inserted, real != root {
          found.append((path, true))
          continue
        }
        found.append((path, isDirectory))
        if isDirectory { stack.append(path) }
      }
    }
    return found
  }

  /// The path with every link resolved in the part that exists: one folder reached through
  /// two paths (a symlinked ~/.config) is one folder.
  public static func canonicalPath(_ path: String) -> String {
    var head = path
    var rest: [String] = []
    while realPath(head) == nil, head != "/", !head.isEmpty {
      rest.insert(PathText.lastComponent(head), at: 0)
      head = PathText.directory(of: head)
    }
    guard let real = realPath(head) else { return path }
    return rest.reduce(real) { PathText.join($0, $1) }
  }

  /// The path with every link resolved; nil when it does not exist.
  public static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Names in a directory (no `.` or `..`), sorted; empty when it does not exist.
  public static func list(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
  }
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, buffer, count)
}

/// Path text helpers that avoid Foundation's URL round trips on hot paths.
public enum PathText {
  public static func join(_ base: String, _ rest: String) -> String {
    if rest.hasPrefix("/") { return rest }
    if base.isEmpty { return rest }
    return base.hasSuffix("/") ? base + rest : base + "/" + rest
  }

  public static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  public static func lastComponent(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// `.` and `..` resolved lexically, without touching the file system.
  public static func normalize(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/") {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
        continue
      }
      if part == "..", absolute { continue }
      parts.append(part)
    }
    let joined = parts.joined(separator: "/")
    return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
  }

  /// How a path reads in messages: relative to `cwd` when inside it, `~/…` under `home`.
  public static func display(_ path: String, cwd: String, home: String) -> String {
    let cwdPrefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
    if path.hasPrefix(cwdPrefix) { return String(path.dropFirst(cwdPrefix.count)) }
    let homePrefix = home.hasSuffix("/") ? home : home + "/"
    if !home.isEmpty, home != "/", path.hasPrefix(homePrefix) { return "~/" + path.dropFirst(homePrefix.count) }
    return path
  }
}
