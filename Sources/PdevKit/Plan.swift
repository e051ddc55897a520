import PdevCore

/// What a command works from: the catalog, pdev.yaml, the progression, the level state and
/// the level in force, loaded and checked in one place. `Workspace.plan` makes it.
public struct Plan: Sendable {
  public var catalog: Catalog
  public var config: PdevConfig
  public var progression: Progression
  /// The stored level state (or the one a level change is about to store); nil before the first.
  public var state: LevelState?
  /// The level in force: a pin in pdev.yaml wins over the state.
  public var level: Int

  /// Every host with its tools and plugins decided, at the level in force.
  public func hosts() throws(DiagnosticList) -> [ResolvedHost] {
    try Resolver(catalog: catalog, progression: progression, level: level).resolve(config)
  }
}

extension Workspace {
  /// Loads the catalog, pdev.yaml, the progression and the state, and decides the level.
  /// `state` replaces the stored state (a level change renders before it saves).
  public func plan(defaultUsername: String, state override: LevelState? = nil) throws(DiagnosticList) -> Plan {
    let catalog = try catalog()
    let config = try config(defaultUsername: defaultUsername)
    let progression = try progression(for: config)
    let state: LevelState?
    if let override {
      stateStore.record(override)
      state = override
    } else {
      state = try stateStore.load()
    }
    let level = try level(config: config, progression: progression, state: state)
    return Plan(catalog: catalog, config: config, progression: progression, state: state, level: level)
  }
}
