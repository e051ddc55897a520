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

/// Everything a command may touch of the outside world. Tests build one around a temporary
/// home and capture both streams; nothing reaches for globals.
public struct Context: Sendable {
  public var environment: [String: String]
  public var home: String
  public var currentDirectory: String
  /// The current time; `PDEV_NOW` overrides it (see `CLI`).
  public var clock: @Sendable () -> Timestamp
  public var stdout: OutputSink
  public var stderr: OutputSink
  public var stdin: InputSource
  public var stdoutIsTerminal: Bool
  public var stderrIsTerminal: Bool
  public var stdinIsTerminal: Bool
  /// The directory holding the bundled templates/ and profiles/, when known.
  public var share: String?
  public var hostname: String
  public var system: String?
  /// The contents of /etc/os-release, when there is one (which Linux distribution this is).
  public var osRelease: @Sendable () -> String?
  /// Whether a battery is present (laptop detection for `pdev init`).
  public var hasBattery: @Sendable () -> Bool
  public var processes: ProcessRunner
  /// Identifies this build of pdev (its binary's size and time), so a rebuilt pdev never
  /// trusts a fingerprint an older one recorded.
  public var build: String

  public init(
    environment: [String: String], home: String, currentDirectory: String, clock: @escaping @Sendable () -> Timestamp,
    stdout: OutputSink, stderr: OutputSink, stdin: InputSource = InputSource(lines: []), stdoutIsTerminal: Bool = false,
    stderrIsTerminal: Bool = false, stdinIsTerminal: Bool = false, share: String?, hostname: String,
    system: String?, hasBattery: @escaping @Sendable () -> Bool, osRelease: @escaping @Sendable () -> String?,
    processes: ProcessRunner, build: String
  ) {
    self.osRelease = osRelease
    self.build = build
    self.environment = environment
    self.home = home
    self.currentDirectory = currentDirectory
    self.clock = clock
    self.stdout = stdout
    self.stderr = stderr
    self.stdin = stdin
    self.stdoutIsTerminal = stdoutIsTerminal
    self.stderrIsTerminal = stderrIsTerminal
    self.stdinIsTerminal = stdinIsTerminal
    self.share = share
    self.hostname = hostname
    self.system = system
    self.hasBattery = hasBattery
    self.processes = processes
  }

  /// The real process: its environment, streams, clock and machine.
  /// The home directory from the password database, for when $HOME is unset.
  static func passwordHome() -> String {
    guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return "/" }
    return String(cString: dir)
  }

  public static func live() -> Context {
    let env = Context.processEnvironment()
    let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? Context.passwordHome()
    return Context(
      environment: env, home: home, currentDirectory: Context.workingDirectory(),
      clock: { Timestamp(seconds: Int64(time(nil))) }, stdout: .standardOutput, stderr: .standardError,
      stdin: .standardInput, stdoutIsTerminal: isatty(1) == 1, stderrIsTerminal: isatty(2) == 1,
      stdinIsTerminal: isatty(0) == 1, share: Context.locateShare(environment: env),
      hostname: Context.currentHostname(), system: Context.currentSystem(), hasBattery: Context.batteryPresent,
      osRelease: { try? String(decoding: FileIO.read("/etc/os-release", display: "/etc/os-release"), as: UTF8.self) },
      processes: .live, build: Context.buildIdentity())
  }

  static func buildIdentity() -> String {
    var info = stat()
    guard stat(executablePath(), &info) == 0 else { return "unknown" }
    #if canImport(Darwin)
      let seconds = info.st_mtimespec.tv_sec
    #else
      let seconds = info.st_mtim.tv_sec
    #endif
    return "\(info.st_size)-\(seconds)"
  }

  /// The environment from `environ` (cheaper than Foundation's at start-up).
  static func processEnvironment() -> [String: String] {
    var env: [String: String] = [:]
    var pointer = environ
    while let entry = pointer.pointee {
      let pair = String(cString: entry)
      if let equals = pair.firstIndex(of: "=") {
        env[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
      }
      pointer += 1
    }
    return env
  }

  static func workingDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buffer, buffer.count) != nil else { return FileManager.default.currentDirectoryPath }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// `PDEV_SHARE`, else `PREFIX/share/pdev` next to the installed binary, else the source
  /// checkout the binary was built in.
  static func locateShare(environment: [String: String]) -> String? {
    if let share = environment["PDEV_SHARE"], !share.isEmpty { return share }
    var dir = PathText.directory(of: Context.executablePath())
    let installed = PathText.join(PathText.directory(of: dir), "share/pdev")
    if FileIO.isDirectory(PathText.join(installed, "profiles")) { return installed }
    for _ in 0..<6 {
      if FileIO.exists(PathText.join(dir, "Package.swift")), FileIO.isDirectory(PathText.join(dir, "profiles")) {
        return dir
      }
      dir = PathText.directory(of: dir)
    }
    return nil
  }

  /// The running binary, symlinks resolved: one readlink of /proc/self/exe on Linux.
  static func executablePath() -> String {
    #if os(Linux)
      var buffer = [CChar](repeating: 0, count: 4096)
      let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
      if n > 0 { return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    #endif
    return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
  }

  static func currentHostname() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return name.split(separator: ".").first.map(String.init) ?? "localhost"
  }

  static func currentSystem() -> String? {
    #if arch(x86_64)
      let arch = "x86_64"
    #elseif arch(arm64)
      let arch = "aarch64"
    #else
      return nil
    #endif
    #if os(Linux)
      return arch + "-linux"
    #elseif os(macOS)
      return arch + "-darwin"
    #else
      return nil
    #endif
  }

  @Sendable static func batteryPresent() -> Bool {
    #if os(Linux)
      return FileIO.list("/sys/class/power_supply").contains {
        FileIO.list("/sys/class/power_supply/\($0)").contains("capacity") && $0.hasPrefix("BAT")
      }
    #else
      return false
    #endif
  }
}

/// A text stream a command writes to; a buffer in tests.
public final class OutputSink: @unchecked Sendable {
  private let fd: Int32?
  private let lock = Lock()
  private var captured = ""

  private init(fd: Int32?) { self.fd = fd }

  public static let standardOutput = OutputSink(fd: 1)
  public static let standardError = OutputSink(fd: 2)
  public static func buffer() -> OutputSink { OutputSink(fd: nil) }

  public func write(_ text: String) {
    guard let fd else {
      lock.withLock { captured += text }
      return
    }
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { Glibc_write(fd, $0.baseAddress!, $0.count) }
      if n <= 0 { if errno == EINTR { continue } else { return } }
      bytes = bytes.dropFirst(n)
    }
  }

  public func line(_ text: String = "") { write(text + "\n") }

  /// What was written to a buffer sink.
  public var text: String { lock.withLock { captured } }
}

private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, buffer, count)
}

/// Lines of input for prompts; scripted in tests.
public final class InputSource: @unchecked Sendable {
  private var lines: [String]?
  private let lock = Lock()

  public init(lines: [String]) { self.lines = lines }
  private init() { self.lines = nil }

  public static let standardInput = InputSource()

  public func readLine() -> String? {
    lock.withLock {
      if lines != nil { return lines!.isEmpty ? nil : lines!.removeFirst() }
      return Swift.readLine(strippingNewline: true)
    }
  }
}
