import PdevCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Finds and runs external programs (nix, home-manager, git). Tests substitute a fake.
public struct ProcessRunner: Sendable {
  public var find: @Sendable (_ name: String, _ path: String) -> String?
  /// Runs a program and returns its exit status and captured output.
  public var capture: @Sendable (_ executable: String, _ arguments: [String]) -> (status: Int32, output: String)?
  /// Runs a program with the terminal's streams (for `home-manager switch`).
  public var stream: @Sendable (_ executable: String, _ arguments: [String]) -> Int32

  public init(
    find: @escaping @Sendable (String, String) -> String?,
    capture: @escaping @Sendable (String, [String]) -> (status: Int32, output: String)?,
    stream: @escaping @Sendable (String, [String]) -> Int32
  ) {
    self.find = find
    self.capture = capture
    self.stream = stream
  }

  /// The machine's own programs.
  public static let live = ProcessRunner(find: searchPath, capture: runCapturing, stream: runStreaming)

  @Sendable public static func searchPath(_ name: String, _ path: String) -> String? {
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  @Sendable public static func runCapturing(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String)? {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return nil }
    var actions = FileActions()
    actions.open(0, "/dev/null", O_RDONLY)
    actions.dup(fds[1], to: 1)
    actions.dup(fds[1], to: 2)
    actions.close(fds[0])
    actions.close(fds[1])
    let pid = spawn(executable, arguments, actions)
    close(fds[1])
    defer { close(fds[0]) }
    guard let pid else { return nil }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress!, $0.count) }
      if n < 0, errno == EINTR { continue }
      if n <= 0 { break }
      output.append(contentsOf: buffer[0..<n])
    }
    return (wait(for: pid), String(decoding: output, as: UTF8.self))
  }

  @Sendable public static func runStreaming(_ executable: String, _ arguments: [String]) -> Int32 {
    guard let pid = spawn(executable, arguments, FileActions()) else { return 127 }
    return wait(for: pid)
  }

  /// posix_spawn with the current environment; nil when the program cannot be started.
  private static func spawn(_ executable: String, _ arguments: [String], _ actions: FileActions) -> pid_t? {
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    let status = actions.withActions { pointer in posix_spawn(&pid, executable, pointer, nil, argv, environ) }
    return status == 0 ? pid : nil
  }

  /// The exit status as a shell reports it: the code, or 128 + the signal.
  private static func wait(for pid: pid_t) -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      if errno != EINTR { return 127 }
    }
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
  }
}

/// The file descriptor set-up of a spawned program.
private struct FileActions {
  private enum Step {
    case open(Int32, String, Int32)
    case dup(Int32, Int32)
    case close(Int32)
  }

  private var steps: [Step] = []

  mutating func open(_ fd: Int32, _ path: String, _ flags: Int32) { steps.append(.open(fd, path, flags)) }
  mutating func dup(_ fd: Int32, to target: Int32) { steps.append(.dup(fd, target)) }
  mutating func close(_ fd: Int32) { steps.append(.close(fd)) }

  func withActions<T>(_ body: (UnsafePointer<posix_spawn_file_actions_t>) -> T) -> T {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for step in steps {
      switch step {
      case .open(let fd, let path, let flags): posix_spawn_file_actions_addopen(&actions, fd, path, flags, 0)
      case .dup(let fd, let target): posix_spawn_file_actions_adddup2(&actions, fd, target)
      case .close(let fd): posix_spawn_file_actions_addclose(&actions, fd)
      }
    }
    return body(&actions)
  }
}
