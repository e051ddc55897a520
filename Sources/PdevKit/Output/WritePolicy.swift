/// What a write of a planned output does, from the plan and how the command was asked to
/// write: the rule every command that writes the output follows, in one place.
public enum WritePolicy {
  public enum Mode: Sendable, Equatable {
    /// Write; `force` overwrites hand edits and foreign files after backing them up.
    case write(force: Bool)
    /// Write nothing; say whether anything would change (exit 1 when it would).
    case check
    /// Write nothing; show what would change, conflicts included.
    case dryRun

    public var writes: Bool {
      if case .write = self { return true }
      return false
    }
  }

  public enum Decision: Sendable, Equatable {
    /// --check, and nothing would change.
    case upToDate
    /// --check, and these files would change.
    case wouldChange([FileChange])
    /// --dry-run: what would change, and the conflicts a real run would refuse.
    case preview(pending: [FileChange], conflicts: [FileChange])
    /// Hand edits or foreign files in the way, and no --force: nothing is written.
    case refused([FileChange])
    /// Write the plan (conflicts only when forced).
    case write
  }

  public static func decide(_ changes: [FileChange], mode: Mode) -> Decision {
    let pending = changes.filter(\.writes)
    let conflicts = changes.filter(\.isConflict)
    switch mode {
    case .check: return pending.isEmpty ? .upToDate : .wouldChange(pending)
    case .dryRun: return .preview(pending: pending, conflicts: conflicts)
    case .write(let force): return !conflicts.isEmpty && !force ? .refused(conflicts) : .write
    }
  }
}
