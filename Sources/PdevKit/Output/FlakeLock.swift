import PdevCore

/// What a `flake.lock` pins for each of the flake's own inputs: the revision and its date.
/// pdev only reads lock files; Nix writes them.
public struct FlakeLock: Sendable, Equatable {
  public struct Pin: Sendable, Equatable {
    public var revision: String
    /// Seconds since 1970, as Nix records `lastModified`.
    public var modified: Int64?
  }

  public var pins: [String: Pin]

  public init?(_ bytes: [UInt8]) {
    guard let json = JSONValue.parse(bytes), let nodes = json["nodes"]?.object,
      let rootName = json["root"]?.string, let inputs = nodes[rootName]?["inputs"]?.object
    else { return nil }
    var pins: [String: Pin] = [:]
    for (input, reference) in inputs {
      // An input is a node name, or a `follows` path (a list) that pins nothing of its own.
      guard let node = reference.string, let locked = nodes[node]?["locked"] else { continue }
      let revision = locked["rev"]?.string ?? locked["narHash"]?.string ?? "?"
      pins[input] = Pin(revision: revision, modified: locked["lastModified"]?.int.map(Int64.init))
    }
    self.pins = pins
  }

  /// Inputs whose pin differs between `old` and `new`, by name.
  public static func changes(from old: FlakeLock?, to new: FlakeLock) -> [(input: String, old: Pin?, new: Pin)] {
    new.pins.keys.sorted().compactMap { name in
      let pin = new.pins[name]!
      let before = old?.pins[name]
      return before == pin ? nil : (name, before, pin)
    }
  }
}

extension GenerationStore {
  static let lockName = "flake.lock"

  /// The output's flake.lock as it was when `generation` was current, when it was recorded.
  public func lock(of generation: Generation) -> [UInt8]? {
    try? FileIO.read(PathText.join(generation.directory, GenerationStore.lockName), display: "flake.lock", limit: 16 << 20)
  }

  /// Records the output's flake.lock with `generation`, so a rollback to it restores the lock.
  public func recordLock(_ bytes: [UInt8], in generation: Generation) throws(DiagnosticList) {
    try AtomicFile.write(
      bytes, to: PathText.join(generation.directory, GenerationStore.lockName), display: "the copy of flake.lock", mode: 0o600)
  }
}
