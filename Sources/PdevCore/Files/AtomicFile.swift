#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file writes that are atomic: a temporary file in the same directory, then rename.
/// A reader (or a crash) sees the old file or the new one, never a mix.
public enum AtomicFile {
  /// Writes `bytes` to `path`, creating parent directories. The mode of an existing file is
  /// kept; new files get `mode`.
  /// New folders get `directoryMode`; a new file gets `mode` less the process's umask.
  public static func write(
    _ bytes: [UInt8], to path: String, display: String, mode: mode_t = 0o644, directoryMode: mode_t = 0o755
  ) throws(DiagnosticList) {
    let directory = PathText.directory(of: path)
    try makeDirectories(directory, display: display, mode: directoryMode)
    var finalMode = mode & ~processUmask
    var info = stat()
    if stat(path, &info) == 0 { finalMode = info.st_mode & 0o7777 }
    var template = Array((PathText.join(directory, ".pdev-" + PathText.lastComponent(path) + ".XXXXXX")).utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw failure("could not write \(display)", errno) }
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var ok = false
    defer {
      if !ok { unlink(temporary) }
    }
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + written, bytes.count - written) }
      if n < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(fd)
        throw failure("could not write \(display)", code)
      }
      written += n
    }
    fchmod(fd, finalMode)
    guard close(fd) == 0 else { throw failure("could not write \(display)", errno) }
    guard rename(temporary, path) == 0 else { throw failure("could not write \(display)", errno) }
    ok = true
  }

  /// The umask pdev started with, read once (umask can only be read by setting it).
  public static let processUmask: mode_t = {
    let mask = umask(0o077)
    umask(mask)
    return mask
  }()

  public static func makeDirectories(_ path: String, display: String, mode: mode_t = 0o755) throws(DiagnosticList) {
    if FileIO.isDirectory(path) { return }
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      current += "/" + part
      if mkdir(current, mode) != 0 && errno != EEXIST {
        throw failure("could not create the directory for \(display)", errno)
      }
    }
    guard FileIO.isDirectory(path) else {
      throw DiagnosticList(
        [.error(.writeFailed, "could not create the directory for \(display): \(path) is not a directory")], kind: .environment)
    }
  }

  public static func failure(_ what: String, _ code: Int32) -> DiagnosticList {
    DiagnosticList([.error(.writeFailed, "\(what): \(String(cString: strerror(code)))")], kind: .environment)
  }
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, buffer, count)
}
