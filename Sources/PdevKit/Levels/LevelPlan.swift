import PdevCore

/// Where a level command starts and what it may do. The rules live here: a pin in
/// pdev.yaml holds the level, a level lasts `LevelState.daysPerLevel` days unless forced,
/// levels run from 1 to the progression's top. Commands word the decision.
public struct LevelPlan: Sendable {
  public var config: PdevConfig
  public var progression: Progression
  /// The stored state, or a fresh start at the time of the run.
  public var state: LevelState
  /// No state was stored: the change writes the first one.
  public var isFresh: Bool

  public init(config: PdevConfig, progression: Progression, state: LevelState, isFresh: Bool) {
    self.config = config
    self.progression = progression
    self.state = state
    self.isFresh = isFresh
  }

  /// What `pdev level-up` does.
  public enum Up: Equatable, Sendable {
    /// Move to the next level; `forced` when it is not due yet.
    case change(to: Int, forced: Bool)
    /// `neovim.level` pins this level: nothing moves.
    case pinned(Int)
    case atTop
    /// The next level is due at this time.
    case notDue(Timestamp)
  }

  /// What `pdev level-down` does.
  public enum Down: Equatable, Sendable {
    case change(to: Int)
    case pinned(Int)
    case atBottom
  }

  /// What `pdev level set N` does.
  public enum Set: Equatable, Sendable {
    /// Move to the level; `forced` when it moves up.
    case change(to: Int, forced: Bool)
    case pinned(Int)
    /// The target is the level in force already.
    case unchanged
    /// The target is not a level of the progression.
    case outOfRange
  }

  /// The next level once it is due, or now when `force`.
  public func up(now: Timestamp, force: Bool) -> Up {
    if let pin = config.levelPin { return .pinned(pin) }
    guard state.level < progression.top else { return .atTop }
    let early = now < state.nextLevelDue
    if early && !force { return .notDue(state.nextLevelDue) }
    return .change(to: state.level + 1, forced: early)
  }

  /// The level before, never below 1; from past the top (a progression that got
  /// shorter), its top.
  public func down() -> Down {
    if let pin = config.levelPin { return .pinned(pin) }
    guard state.level > 1 else { return .atBottom }
    return .change(to: min(state.level - 1, progression.top))
  }

  /// Any level of the progression.
  public func set(_ target: Int) -> Set {
    if let pin = config.levelPin { return .pinned(pin) }
    guard (1...progression.top).contains(target) else { return .outOfRange }
    if target == state.level && !isFresh { return .unchanged }
    return .change(to: target, forced: target > state.level)
  }
}

extension Plan {
  /// The level rules over this plan's inputs: its state, or a fresh start at `now`.
  public func levels(now: Timestamp) -> LevelPlan {
    LevelPlan(config: config, progression: progression, state: state ?? .start(at: now), isFresh: state == nil)
  }
}

extension Workspace {
  /// pdev.yaml, the progression and the state a level change starts from. Unlike `plan`,
  /// a state past the progression's top is accepted: a level change is how it comes back.
  public func levelPlan(defaultUsername: String, now: Timestamp) throws(DiagnosticList) -> LevelPlan {
    let config = try config(defaultUsername: defaultUsername)
    let progression = try progression(for: config)
    let stored = try stateStore.load()
    return LevelPlan(config: config, progression: progression, state: stored ?? .start(at: now), isFresh: stored == nil)
  }
}
