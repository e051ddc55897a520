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

/// The user's place in the progression, kept in `$PDEV_STATE_HOME/state.json`.
public struct LevelState: Codable, Sendable, Equatable {
  public static let currentVersion = 1

  public var version: Int
  public var level: Int
  public var levelStarted: Timestamp
  public var history: [LevelChange]

  public init(level: Int, started: Timestamp, history: [LevelChange] = []) {
    self.version = LevelState.currentVersion
    self.level = level
    self.levelStarted = started
    self.history = history
  }

  /// A fresh start: level 1 from `now`.
  /// How long a level lasts before `pdev level-up` moves on without --force.
  public static let daysPerLevel = 7

  /// When the next level is due for a level that started at `started`.
  public static func due(after started: Timestamp) -> Timestamp { started.adding(days: daysPerLevel) }

  /// When the next level is due.
  public var nextLevelDue: Timestamp { LevelState.due(after: levelStarted) }

  public static func start(at now: Timestamp) -> LevelState {
    LevelState(level: 1, started: now, history: [LevelChange(from: nil, to: 1, at: now, forced: false, command: .start)])
  }

  /// The level changes to `level` at `now`, recorded in the history.
  public mutating func change(to level: Int, at now: Timestamp, forced: Bool, command: LevelChange.Command) {
    history.append(LevelChange(from: self.level, to: level, at: now, forced: forced, command: command))
    self.level = level
    levelStarted = now
  }
}

public struct LevelChange: Codable, Sendable, Equatable {
  /// nil for the first entry.
  public var from: Int?
  public var to: Int
  public var at: Timestamp
  public var forced: Bool
  /// The command that made the change.
  public var command: Command

  /// What made a change, as the state file spells it.
  public enum Command: String, Codable, Sendable {
    case start
    case levelUp = "level-up"
    case levelDown = "level-down"
    case levelSet = "level-set"
  }
}

/// Reads and writes the level state; corrupt or newer files are errors, never reset.
public struct StateStore: Sendable {
  public let path: String
  public let display: String
  let recorder: InputRecorder?

  public init(path: String, display: String, recorder: InputRecorder? = nil) {
    self.path = path
    self.display = display
    self.recorder = recorder
  }

  /// The state a render uses is one of its inputs; `state` is what will be on disk.
  public func record(_ state: LevelState) { recorder?.file(path, encode(state)) }

  public static let repairHelp =
    "look at the file; to start over from a level of your choice, run: pdev level set N --reset (the old file is kept next to it)"

  /// nil when there is no state yet (a fresh start).
  public func load() throws(DiagnosticList) -> LevelState? {
    switch FileIO.kind(path) {
    case .missing: return nil
    case .directory:
      throw DiagnosticList([
        .error(.stateCorrupt, "the state file \(display) is a directory", help: "remove or rename it, then run the command again")
      ])
    default: break
    }
    let bytes = try FileIO.read(path, display: display, limit: 1 << 20)
    recorder?.file(path, bytes)
    let version: Int?
    do {
      struct Versioned: Decodable { var version: Int? }
      version = try JSONDecoder().decode(Versioned.self, from: Data(bytes)).version
    } catch {
      throw DiagnosticList([
        .error(.stateCorrupt, "the state file \(display) is corrupt: it is not valid JSON", help: StateStore.repairHelp)
      ])
    }
    guard let version else {
      throw DiagnosticList([.error(.stateCorrupt, "the state file \(display) is corrupt: it has no version", help: StateStore.repairHelp)])
    }
    if version > LevelState.currentVersion {
      throw DiagnosticList([
        .error(
          .unsupportedVersion,
          "the state file \(display) has version \(version), newer than this pdev reads (\(LevelState.currentVersion))",
          help: "a newer pdev wrote it: update pdev, or \(StateStore.repairHelp)")
      ])
    }
    do {
      let state = try JSONDecoder().decode(LevelState.self, from: Data(bytes))
      guard state.level >= 1 else {
        throw DiagnosticList([
          .error(.stateCorrupt, "the state file \(display) is corrupt: level \(state.level) is below 1", help: StateStore.repairHelp)
        ])
      }
      return state
    } catch let error as DiagnosticList {
      throw error
    } catch {
      throw DiagnosticList([
        .error(.stateCorrupt, "the state file \(display) is corrupt: \(StateStore.describe(error))", help: StateStore.repairHelp)
      ])
    }
  }

  static func describe(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): return "'\(key.stringValue)' is missing"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
      DecodingError.dataCorrupted(let context):
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      return path.isEmpty ? context.debugDescription : "'\(path)' is wrong: \(context.debugDescription)"
    default: return "\(error)"
    }
  }

  public func encode(_ state: LevelState) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Array((try? encoder.encode(state)) ?? Data()) + [0x0A]
  }

  public func save(_ state: LevelState) throws(DiagnosticList) {
    try AtomicFile.write(encode(state), to: path, display: display)
  }

  /// Moves a broken state file aside (`state.json.broken-TIME`) and returns the new name.
  public func setAside(at now: Timestamp) throws(DiagnosticList) -> String {
    let target = path + ".broken-" + now.iso.replacingAll(":", with: "")
    guard rename(path, target) == 0 else {
      throw DiagnosticList([.error(.writeFailed, "could not move \(display) aside: \(String(cString: strerror(errno)))")])
    }
    return target
  }
}
