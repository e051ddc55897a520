import Foundation
import PdevCore
import PdevKit
import Testing

/// What the machine does after `home-manager switch`: every bundled profile, the levels that
/// change behaviour and a fleet are rendered, evaluated against the real home-manager and
/// nixvim modules (hm-eval) and checked in the real applications (app-check). Serialized:
/// app-check drives hardtime with timed key presses, which a loaded machine would disturb.
@Suite(.serialized, .enabled(if: AppCheck.runs)) struct ApplicationTests {
  static let profiles = ["base", "laptop", "dev-only", "server"]
  static let top = Bundled.progression.levels.count

  /// Renders `profile` at `level` (or the fleet fixture) and returns the sandbox.
  static func render(profile: String?, level: Int) -> Sandbox { RenderTests.render(profile: profile, level: level).0 }

  /// app-check finds no FAIL, and skips only what cannot exist here; hm-eval is `ok` for every
  /// host, without a warning.
  static func expectWorking(_ sandbox: Sandbox, _ what: String, hosts: Int = 1) throws {
    let report = try AppCheck.run([sandbox.output])
    for line in report.failures { Issue.record("\(what): \(line)") }
    for line in report.skips where !AppCheck.isExpectedSkip(line) { Issue.record("\(what): unexpected \(line)") }
    #expect(report.status == 0, "\(what): app-check exited \(report.status): \(report.summary)")
    #expect(report.summary.contains(" 0 failed"), "\(what): \(report.summary)")

    let eval = try AppCheck.hmEval(["--flake", sandbox.output])
    #expect(eval.status == 0, "\(what): hm-eval exited \(eval.status):\n\(eval.output.suffix(2000))")
    #expect(eval.lines.filter { $0.contains("] ok: ") || $0.hasPrefix("ok: ") }.count == hosts, "\(what): \(eval.output.suffix(1000))")
    for line in eval.lines where line.contains("warning") { Issue.record("\(what): hm-eval warns: \(line)") }
  }

  @Test(arguments: profiles, [1, 4, top])
  func everyProfileWorksInTheRealApplications(profile: String, level: Int) throws {
    let sandbox = ApplicationTests.render(profile: profile, level: level)
    try ApplicationTests.expectWorking(sandbox, "\(profile) level \(level)")
  }

  @Test(arguments: [1, top])
  func theFleetWorksOnEveryHost(level: Int) throws {
    let sandbox = ApplicationTests.render(profile: nil, level: level)
    try ApplicationTests.expectWorking(sandbox, "fleet level \(level)", hosts: 3)
  }

  /// Every theme of the catalog, one host each, plus a colorscheme alone and a dark/light pair.
  @Test func everyThemeWorksInTheRealApplications() throws {
    let (sandbox, _) = RenderTests.render(profile: nil, fixture: "themes")
    try ApplicationTests.expectWorking(sandbox, "themes", hosts: 14)
  }

  /// For every level, what the learning plan says of hardtime (counted and how, disabled, the
  /// mouse, Insert mode) is what hardtime does when app-check drives it with keys.
  @Test(arguments: 1...top)
  func theLearningPlanSaysWhatHardtimeDoes(level: Int) throws {
    let facts = try #require(
      HabitRules(catalog: Bundled.catalog).hardtimeFacts(Bundled.progression.effective(at: level)))
    let sandbox = ApplicationTests.render(profile: "base", level: level)
    let plan = try #require(sandbox.read(sandbox.output + "/docs/learning-plan.md"))
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
    for sentence in HabitRules(catalog: Bundled.catalog).hardtime(Bundled.progression.effective(at: level)) {
      #expect(plan.contains(sentence), "level \(level): the plan lacks '\(sentence)'")
    }
    let report = try AppCheck.run(["--only", "nvim", sandbox.output])
    let lines = report.lines.filter { $0.contains(" nvim hardtime") }
    #expect(report.failures.isEmpty, "level \(level): \(report.failures)")

    // The keys app-check drives: each counted one must be hinted or blocked as the plan says,
    // and a key the plan does not count must not be.
    let driven = ["h", "j", "k", "l", "w", "b", "e", "x"]
    for key in driven {
      let line = lines.first { $0.contains("drives (") && $0.contains("'\(key)' pressed") }
      if facts.counted.contains(key) {
        let want = facts.mode == "hint" ? "drives (hint mode)" : "drives (block, max_count=\(facts.maxCount))"
        #expect(line?.contains(want) == true, "level \(level): the plan counts \(key) (\(facts.mode)); app-check: \(line ?? "no line")")
        if facts.mode == "block" { #expect(line?.contains("the rest blocked") == true, "level \(level): \(line ?? "")") }
      } else {
        #expect(line == nil, "level \(level): the plan does not count \(key), but hardtime does: \(line ?? "")")
      }
    }

    let arrows = facts.disabled.filter { $0.key.hasPrefix("<") && ($0.modes.contains("") || $0.modes.contains("n")) }.map(\.key)
    let disabledLine = lines.first { $0.contains("disabled keys") }
    if arrows.isEmpty {
      #expect(disabledLine == nil, "level \(level): the plan disables no key, but: \(disabledLine ?? "")")
    } else {
      #expect(disabledLine?.hasPrefix("PASS") == true, "level \(level): \(disabledLine ?? "no disabled-keys line")")
      for key in arrows { #expect(disabledLine?.contains(key) == true, "level \(level): \(key) is not disabled") }
    }

    let mouseLine = lines.first { $0.contains("disable_mouse") }
    #expect(
      (mouseLine?.hasPrefix("PASS") == true) == facts.mouseOff, "level \(level): mouse off \(facts.mouseOff): \(mouseLine ?? "no line")")

    let insertLine = lines.first { $0.contains("force_exit_insert_mode") }
    #expect(
      (insertLine?.hasPrefix("PASS") == true) == (facts.insertIdleLimit != nil),
      "level \(level): Insert mode limit \(facts.insertIdleLimit.map(String.init) ?? "none"): \(insertLine ?? "no line")")
  }

  /// The local.nix promise: a plain definition wins over pdev's value, for a scalar, a list and
  /// a list inside nixvim plugin settings, and the files home-manager writes say so.
  @Test func aPlainDefinitionInLocalNixWins() throws {
    let sandbox = ApplicationTests.render(profile: "laptop", level: ApplicationTests.top)
    sandbox.write(
      sandbox.output + "/local.nix",
      """
      { lib, ... }:
      {
        programs.git.settings.user.email = "work@example.org";
        programs.git.ignores = [ ".envrc" ];
        programs.nixvim.plugins.hardtime.settings.restricted_keys.x = [ "n" "x" ];
      }
      """)
    let eval = try AppCheck.hmEval(["--flake", sandbox.output])
    #expect(eval.status == 0 && eval.output.contains("ok: "), "\(eval.output.suffix(1500))")
    let dump = sandbox.root + "/dump"
    let files = try AppCheck.hmEval(["--flake", "--dump-files", dump, "--no-checks", sandbox.output])
    #expect(files.status == 0, "\(files.output.suffix(1500))")
    let home = dump + "/ada@zephyrus/home"
    #expect(sandbox.read(home + "/.config/git/ignore") == ".envrc\n")
    #expect(sandbox.read(home + "/.config/git/config")?.contains("email = \"work@example.org\"") == true)
    let initLua = try #require(sandbox.read(home + "/.config/nvim/init.lua"))
    #expect(initLua.contains("x = { \"n\", \"x\" }"), "hardtime's restricted x is not the local.nix list")
    #expect(initLua.contains("w = { \"n\", \"x\" }"), "pdev's other restricted keys are gone")
  }

  /// Each `homeModules` entry, imported the way a NixOS or nix-darwin flake's home-manager
  /// module imports it (through a module, with the flake's inputs), is a working plain
  /// home-manager module.
  @Test(arguments: profiles + ["fleet"])
  func everyHomeModuleEvaluatesAsAPlainModule(name: String) throws {
    let sandbox = ApplicationTests.render(profile: name == "fleet" ? nil : name, level: 1)
    let modules = name == "fleet" ? ["default", "zephyrus", "mac", "hetzner"] : ["default", "zephyrus"]
    for module in modules {
      let file = "system-flake-\(module).nix"
      sandbox.write(
        sandbox.output + "/" + file,
        """
        { inputs, ... }:
        let
          outputs = (import ./flake.nix).outputs {
            self = outputs;
            inherit (inputs) nixpkgs nixvim;
            home-manager.lib.homeManagerConfiguration = args: args;
          };
        in
        {
          imports = [ outputs.homeModules.\(module) ];
        }
        """)
      let eval = try AppCheck.hmEval(["--file", file, sandbox.output])
      #expect(
        eval.status == 0 && eval.lines.contains { $0.hasPrefix("ok: ") }, "\(name) homeModules.\(module):\n\(eval.output.suffix(1500))")
      for line in eval.lines where line.contains("warning") { Issue.record("\(name) homeModules.\(module): \(line)") }
    }
  }
}
