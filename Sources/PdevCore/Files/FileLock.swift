#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive lock on a file, held until `release` or process exit. The kernel drops the
/// lock of a process that dies, so a lock file left behind by a killed pdev never blocks.
public final class FileLock: @unchecked Sendable {
  private var fd: Int32
  private let guardLock = Lock()

  private init(fd: Int32) { self.fd = fd }

  /// Waits up to `timeout` seconds for the lock at `path`. Returns nil on timeout, with the
  /// process id the holder wrote.
  public static func acquire(_ path: String, timeout: Double) throws(DiagnosticList) -> (lock: FileLock?, holder: String?) {
    try AtomicFile.makeDirectories(PathText.directory(of: path), display: path, mode: 0o700)
    // Never through a link: a lock path planted as a symlink would truncate its target.
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
    guard fd >= 0 else {
      if errno == ELOOP {
        throw DiagnosticList(
          [.error(.fileUnreadable, "the lock \(path) is a symbolic link; pdev does not follow it", help: "remove it: pdev makes its own")],
          kind: .environment)
      }
      throw DiagnosticList(
        [.error(.fileUnreadable, "could not open the lock \(path): \(String(cString: strerror(errno)))")], kind: .environment)
    }
    var waited = 0.0
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      if waited >= timeout {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        close(fd)
        let holder = n > 0 ? String(decoding: buffer.prefix(n), as: UTF8.self).trimmingWhitespace : nil
        return (nil, holder)
      }
      usleep(50_000)
      waited += 0.05
    }
    let pid = Array("\(getpid())\n".utf8)
    _ = ftruncate(fd, 0)
    _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress!, $0.count, 0) }
    return (FileLock(fd: fd), nil)
  }

  /// Releases the lock; releasing twice (or from two threads) closes the file once.
  public func release() {
    guardLock.withLock {
      guard fd >= 0 else { return }
      flock(fd, LOCK_UN)
      close(fd)
      fd = -1
    }
  }

  deinit { release() }
}
