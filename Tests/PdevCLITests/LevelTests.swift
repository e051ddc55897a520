import Foundation
import Testing

/// The weekly cycle, driven by PDEV_NOW.
@Suite struct LevelTests {
  struct State: Decodable {
    struct Change: Decodable {
      var from: Int?
      var to: Int
      var at: String
      var forced: Bool
      var command: String
    }
    var version: Int
    var level: Int
    var levelStarted: String
    var history: [Change]
  }

  func state(_ sandbox: Sandbox) throws -> State {
    try JSONDecoder().decode(State.self, from: Data(contentsOf: URL(fileURLWithPath: sandbox.stateHome + "/state.json")))
  }

  @Test func theWholeCycle() throws {
    let sandbox = Sandbox()
    let day0 = "2026-11-23T09:00:00Z"
    let initResult = sandbox.run(["init", "--yes", "--out", sandbox.output], now: day0)
    #expect(initResult.code == 0, "\(initResult.err)")
    #expect(try state(sandbox).level == 1)
    let habits1 = sandbox.read(sandbox.output + "/modules/nixvim/habits.nix")!
    #expect(habits1.contains("# Level 1 of 8: Get around without the arrow keys (since 2026-11-23)."))

    let early = sandbox.run(["level-up"], now: "2026-11-26T09:00:00Z")
    #expect(early.code == 1)
    #expect(early.err.contains("level 2 is due on 2026-11-30, in 4 days"))
    #expect(sandbox.read(sandbox.output + "/modules/nixvim/habits.nix") == habits1)

    let due = sandbox.run(["level-up"], now: "2026-11-30T09:00:00Z")
    #expect(due.code == 0, "\(due.err)")
    #expect(due.out.contains("Level 2 of 8: Words, lines and the mouse off"))
    #expect(due.out.contains("hardtime.max_count: 10 → 6"))
    #expect(due.out.contains("hardtime.disable_mouse: false → true"))
    #expect(due.out.contains("Plugins: + oil"))
    let habits2 = sandbox.read(sandbox.output + "/modules/nixvim/habits.nix")!
    #expect(habits2.contains("max_count = lib.mkDefault 6;"))
    #expect(habits2.contains("plugins.oil = {"))

    let forced = sandbox.run(["level-up", "--force"], now: "2026-12-01T09:00:00Z")
    #expect(forced.code == 0)
    #expect(forced.out.contains("hardtime.disabled_keys.<Up>: off → [\"\", i]"))

    #expect(sandbox.run(["level-down"], now: "2026-12-02T09:00:00Z").code == 0)
    #expect(sandbox.run(["level", "set", "8"], now: "2026-12-03T09:00:00Z").code == 0)
    let top = sandbox.run(["level-up"], now: "2026-12-20T09:00:00Z")
    #expect(top.code == 0)
    #expect(top.out.contains("You are at the top level, 8 of 8"))
    #expect(sandbox.run(["level", "set", "9"], now: "2026-12-20T09:00:00Z").code == 2)

    let s = try state(sandbox)
    #expect(s.level == 8)
    #expect(s.history.map(\.to) == [1, 2, 3, 2, 8])
    #expect(s.history.map(\.forced) == [false, false, true, false, true])
    #expect(s.history.map(\.command) == ["start", "level-up", "level-up", "level-down", "level-set"])
    #expect(s.history[1].at == "2026-11-30T09:00:00Z")
  }

  @Test func aPinWinsAndStatusSaysSo() {
    let sandbox = Sandbox()
    sandbox.writeConfig(extra: "neovim:\n  level: 3")
    #expect(sandbox.run(["generate"]).code == 0)
    #expect(sandbox.read(sandbox.output + "/modules/nixvim/habits.nix")!.contains("# Level 3 of 8"))
    let status = sandbox.run(["status"])
    #expect(status.out.contains("pinned by neovim.level in config/pdev.yaml"))
    let up = sandbox.run(["level-up"], now: "2027-01-01T00:00:00Z")
    #expect(up.code == 1)
    #expect(up.err.contains("neovim.level pins level 3"))
  }

  @Test func statusJSONIsStable() {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate"], now: "2026-11-23T09:00:00Z").code == 0)
    let result = sandbox.run(["status", "--json"], now: "2026-11-26T12:00:00Z")
    #expect(result.code == 0)
    let json = result.out.replacingOccurrences(of: sandbox.output, with: "OUT")
    if let problem = Golden.mismatch(json, "status.json") { Issue.record(Comment(rawValue: problem)) }
  }

  @Test func statusReadsClearlyThroughTheWeek() {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate"], now: "2026-11-23T09:00:00Z").code == 0)
    let day3 = sandbox.run(["status"], now: "2026-11-26T09:00:00Z").out
    #expect(day3.contains("Neovim level 1 of 8: Get around without the arrow keys"))
    #expect(day3.contains("since 2026-11-23, day 4 of 7; level 2 is due 2026-11-30, in 4 days"))
    let day7 = sandbox.run(["status"], now: "2026-11-30T09:00:00Z").out
    #expect(day7.contains("level 2 is due now: run `pdev level-up`"))
  }

  @Test(arguments: [
    ("{ not json", "is corrupt: it is not valid JSON"),
    ("{\"version\": 1, \"level\": 2", "is corrupt: it is not valid JSON"),
    ("{\"level\": 2}", "is corrupt: it has no version"),
    (
      "{\"version\": 7, \"level\": 2, \"levelStarted\": \"2026-11-23T00:00:00Z\", \"history\": []}",
      "has version 7, newer than this pdev reads (1)"
    ),
    ("{\"version\": 1, \"level\": 2, \"levelStarted\": \"yesterday\", \"history\": []}", "is corrupt: 'levelStarted' is wrong"),
  ])
  func brokenStateIsRefusedNeverReset(contents: String, message: String) {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    sandbox.write(sandbox.stateHome + "/state.json", contents)
    let result = sandbox.run(["generate"])
    #expect(result.code == 3)
    #expect(result.err.contains("pdev: error: the state file state/state.json \(message)"), "\(result.err)")
    #expect(result.err.contains("pdev level set N --reset"))
    #expect(sandbox.read(sandbox.stateHome + "/state.json") == contents)
    #expect(!FileManager.default.fileExists(atPath: sandbox.output))
  }

  @Test func aStateThatIsADirectoryIsRefused() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    try FileManager.default.createDirectory(atPath: sandbox.stateHome + "/state.json", withIntermediateDirectories: true)
    let result = sandbox.run(["status"])
    #expect(result.code == 3)
    #expect(result.err.contains("the state file state/state.json is a directory"))
  }

  @Test func resetMovesABrokenStateAsideAndStartsAgain() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    sandbox.write(sandbox.stateHome + "/state.json", "garbage")
    let result = sandbox.run(["level", "set", "2", "--reset"], now: "2026-11-25T08:00:00Z")
    #expect(result.code == 0, "\(result.err)")
    #expect(result.err.contains("Moved the unreadable state to state/state.json.broken-2026-11-25T080000Z"))
    #expect(sandbox.read(sandbox.stateHome + "/state.json.broken-2026-11-25T080000Z") == "garbage")
    #expect(try state(sandbox).level == 2)
  }

  @Test func pdevNowMustBeATime() {
    let sandbox = Sandbox()
    let result = sandbox.run(["status"], now: "next tuesday")
    #expect(result.code == 2)
    #expect(result.err.contains("PDEV_NOW='next tuesday' is not an ISO-8601 time"))
  }

  /// A refusal names the command that finishes what the user asked, and says nothing changed.
  @Test func aRefusedLevelChangeSaysWhatFinishesIt() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate", "-q"], now: "2026-11-01T09:00:00Z").code == 0)
    sandbox.write(sandbox.output + "/modules/nixvim/habits.nix", "# edited\n")
    let up = sandbox.run(["level-up"], now: "2026-11-20T09:00:00Z")
    #expect(up.code == 1)
    #expect(up.err.contains("note: nothing was written"), "\(up.err)")
    #expect(up.err.contains("run `pdev generate --force` (your versions are backed up first), then `pdev level-up` again."))
    let set = sandbox.run(["level", "set", "3"], now: "2026-11-20T09:00:00Z")
    #expect(set.err.contains("then `pdev level set 3` again."), "\(set.err)")
    sandbox.write(sandbox.output + "/home.nix", "# edited too\n")
    let back = sandbox.run(["rollback", "1"])
    #expect(back.err.contains("run `pdev rollback 1 --force`: your versions are backed up first."), "\(back.err)")
  }
}
