import PdevCore
import PdevKit
import Testing

/// The bundled progression is a curve a Neovim teacher would sign, and custom progressions
/// are validated with located errors.
@Suite struct ProgressionTests {
  static let w = workspace(Sandbox())
  static let catalog = try! w.catalog()
  static let progression: Progression = try! ProgressionLoader(catalog: catalog, documents: w.documents).load(
    "default", bundledDirectory: w.paths.bundledProgressions, relativeTo: "/", at: nil)

  func hardtime(_ level: Int) -> [String: ConfigValue] {
    HabitRules(catalog: ProgressionTests.catalog).effective("hardtime", ProgressionTests.progression.effective(at: level))
  }

  func precognition(_ level: Int) -> [String: ConfigValue] {
    HabitRules(catalog: ProgressionTests.catalog).effective("precognition", ProgressionTests.progression.effective(at: level))
  }

  func int(_ v: ConfigValue?) -> Int {
    if case .int(let i)? = v { return i }
    return -1
  }

  @Test func atLeastEightLevelsEachWithGoals() {
    let p = ProgressionTests.progression
    #expect(p.top >= 8)
    for level in p.levels {
      #expect(!level.title.isEmpty)
      #expect(level.learn.count >= 3, "level \(level.number)")
      #expect((2...3).contains(level.practice.count), "level \(level.number)")
      #expect(!level.ready.isEmpty)
    }
  }

  @Test func weekOneIsLenient() {
    let h = hardtime(1)
    #expect(h["restriction_mode"] == .string("hint"))
    #expect(int(h["max_count"]) >= 8)
    #expect(h["disable_mouse"] == .bool(false))
    #expect(precognition(1)["startVisible"] == .bool(true))
    // Arrow keys are counted and hinted, not blocked.
    #expect(HabitRules.activeKeys(h["disabled_keys"]).isEmpty)
    #expect(HabitRules.activeKeys(h["restricted_keys"]).map(\.key).contains("<Up>"))
  }

  @Test func itTightensStepByStepAndNeverLoosens() {
    let p = ProgressionTests.progression
    var blockFrom: Int?
    var mouseOffFrom: Int?
    var arrowsOffFrom: Int?
    var hiddenFrom: Int?
    for n in 2...p.top {
      let (a, b) = (hardtime(n - 1), hardtime(n))
      #expect(int(b["max_count"]) <= int(a["max_count"]), "max_count rises at level \(n)")
      #expect(int(b["max_time"]) <= int(a["max_time"]), "max_time rises at level \(n)")
      if b["restriction_mode"] == .string("block") { blockFrom = blockFrom ?? n } else { #expect(blockFrom == nil) }
      if b["disable_mouse"] == .bool(true) { mouseOffFrom = mouseOffFrom ?? n } else { #expect(mouseOffFrom == nil) }
      if HabitRules.activeKeys(b["disabled_keys"]).count == 4 { arrowsOffFrom = arrowsOffFrom ?? n } else { #expect(arrowsOffFrom == nil) }
      if precognition(n)["startVisible"] == .bool(false) { hiddenFrom = hiddenFrom ?? n } else { #expect(hiddenFrom == nil) }
    }
    #expect(mouseOffFrom != nil && arrowsOffFrom != nil && blockFrom != nil && hiddenFrom != nil)
    #expect(mouseOffFrom! < arrowsOffFrom! && arrowsOffFrom! < blockFrom!)
    #expect(int(hardtime(p.top)["max_count"]) < int(hardtime(1)["max_count"]))
    #expect(HabitRules.activeKeys(hardtime(p.top)["restricted_keys"]).count > HabitRules.activeKeys(hardtime(3)["restricted_keys"]).count)
    #expect(hardtime(p.top)["force_exit_insert_mode"] == .bool(true))
    #expect(hardtime(p.top - 2)["force_exit_insert_mode"] == .bool(false))
  }

  @Test func hiddenHintsCanBePeekedAt() {
    let keymaps = ProgressionTests.catalog.plugins["precognition"]!.keymaps
    #expect(keymaps.contains { if case .lua(let code) = $0.action { return code.contains("peek()") } else { return false } })
  }

  @Test func pluginsAccumulate() {
    let p = ProgressionTests.progression
    for n in 2...p.top {
      let before = Set(p.effective(at: n - 1).plugins)
      let after = Set(p.effective(at: n).plugins)
      #expect(before.isSubset(of: after), "level \(n) drops \(before.subtracting(after))")
    }
    #expect(p.effective(at: 5).plugins.contains("telescope"))
  }

  func errors(_ levels: String) -> [Diagnostic] {
    let text = "version: 1\nname: mine\nlevels:\n" + levels
    return diagnostics {
      let root = try YAMLLoader().parse(Array(text.utf8), name: "mine.yaml")!
      _ = try ProgressionLoader(catalog: ProgressionTests.catalog, documents: ProgressionTests.w.documents).decode(root, file: "mine.yaml")
    }
  }

  @Test func customProgressionsGetLocatedErrors() {
    let d = errors(
      """
        - level: 1
          title: one
          plugins: [telescop]
          hardtime: { max_cont: 5, max_time: fast, restriction_mode: strict }
        - level: 3
          title: three
          plugins: { harpoon: false }
        - level: 3
          title: again
      """)
    let messages = d.map(\.message)
    #expect(messages.contains("unknown plugin 'telescop'"))
    #expect(messages.contains("unknown hardtime setting 'max_cont'"))
    #expect(messages.contains("expected a whole number, found the string 'fast'"))
    #expect(messages.contains("'strict' is not one of 'block', 'hint'"))
    #expect(messages.contains("level 2 is missing: levels go up by one"))
    #expect(messages.contains("level 1 turns off 'harpoon'") == false)
    #expect(messages.contains("level 3 turns off 'harpoon'"))
    #expect(messages.contains("level 3 is defined twice"))
    let unknown = d.first { $0.message == "unknown hardtime setting 'max_cont'" }
    #expect(unknown?.location == SourceLocation(file: "mine.yaml", line: 7, column: 17))
    #expect(unknown?.help == "did you mean 'max_count'?")
  }

  @Test func aMillionLevelsIsRefusedQuickly() {
    let levels = String(repeating: "  - { level: 1, title: x }\n", count: 101)
    #expect(errors(levels).first?.message == "a progression has at most 100 levels; this one has 101")
  }

  @Test func removingAPluginOnPurposeWorks() {
    let d = errors(
      """
        - { level: 1, title: a, plugins: [telescope] }
        - { level: 2, title: b, plugins: [fzf-lua], remove: [telescope] }
      """)
    #expect(d.isEmpty)
  }
}
