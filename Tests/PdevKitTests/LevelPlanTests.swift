import PdevCore
import PdevKit
import Testing

/// The level rules, decided in one place: the pin, the top and bottom, seven days a level.
@Suite struct LevelPlanTests {
  static let now = Timestamp.parse("2026-11-20T09:00:00Z")!

  static func plan(state: LevelState?, extra: String = "") throws -> LevelPlan {
    let sandbox = Sandbox()
    sandbox.writeConfig(extra: extra)
    let w = workspace(sandbox)
    if let state { try w.stateStore.save(state) }
    return try w.levelPlan(defaultUsername: "ada", now: now)
  }

  @Test func aFreshStartWaitsAWeekUnlessForced() throws {
    let fresh = try LevelPlanTests.plan(state: nil)
    #expect(fresh.isFresh && fresh.state.level == 1)
    #expect(fresh.up(now: LevelPlanTests.now, force: false) == .notDue(LevelPlanTests.now.adding(days: LevelState.daysPerLevel)))
    #expect(fresh.up(now: LevelPlanTests.now, force: true) == .change(to: 2, forced: true))
    #expect(fresh.down() == .atBottom)
    #expect(fresh.set(1) == .change(to: 1, forced: false), "a fresh start writes its first state")
    #expect(fresh.set(0) == .outOfRange)
    #expect(fresh.set(fresh.progression.top + 1) == .outOfRange)
  }

  @Test func aLevelIsDueAfterSevenDays() throws {
    let started = LevelPlanTests.now.adding(days: -LevelState.daysPerLevel)
    let plan = try LevelPlanTests.plan(state: LevelState(level: 3, started: started))
    #expect(plan.up(now: LevelPlanTests.now, force: false) == .change(to: 4, forced: false))
    #expect(plan.up(now: LevelPlanTests.now.adding(days: -1), force: false) == .notDue(LevelPlanTests.now))
    #expect(plan.down() == .change(to: 2))
    #expect(plan.set(3) == .unchanged)
    #expect(plan.set(5) == .change(to: 5, forced: true))
    #expect(plan.set(2) == .change(to: 2, forced: false))
  }

  @Test func aPinHoldsEveryCommand() throws {
    let plan = try LevelPlanTests.plan(state: nil, extra: "neovim:\n  level: 4")
    #expect(plan.up(now: LevelPlanTests.now, force: true) == .pinned(4))
    #expect(plan.down() == .pinned(4))
    #expect(plan.set(2) == .pinned(4))
  }

  /// A progression that got shorter leaves the state past its top: `plan` refuses to render
  /// it, and a level change is the way back.
  @Test func aStatePastTheTopComesBackByLevellingDown() throws {
    let top = try LevelPlanTests.plan(state: nil).progression.top
    let plan = try LevelPlanTests.plan(state: LevelState(level: top + 3, started: LevelPlanTests.now))
    #expect(plan.up(now: LevelPlanTests.now, force: true) == .atTop)
    #expect(plan.down() == .change(to: top))
    #expect(plan.set(top) == .change(to: top, forced: false))
  }
}
