import Foundation
import PdevCore
import Testing

/// generate writes only what changed, atomically, and never loses a byte the user wrote.
@Suite struct GenerateTests {
  func initialized() -> Sandbox {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    let result = sandbox.run(["generate"])
    precondition(result.code == 0, result.err)
    return sandbox
  }

  @Test func aSecondRunWritesNothing() {
    let sandbox = initialized()
    let before = modificationDates(sandbox.output)
    let result = sandbox.run(["generate"])
    #expect(result.code == 0)
    #expect(result.out.contains("Wrote 0 of 16 files"))
    #expect(modificationDates(sandbox.output) == before)
  }

  @Test func editingOneToolRewritesOnlyItsModule() {
    let sandbox = initialized()
    sandbox.writeConfig(extra: "tools:\n  lazygit:\n    settings: { gui: { showIcons: true } }")
    let result = sandbox.run(["generate"])
    #expect(result.code == 0)
    #expect(result.err.contains("updated    modules/git.nix"))
    #expect(result.out.contains("Wrote 1 of 16 files"))
  }

  @Test func aHandEditIsRefusedAndKept() {
    let sandbox = initialized()
    let file = sandbox.output + "/modules/git.nix"
    let edited = sandbox.read(file)! + "# mine\n"
    sandbox.write(file, edited)
    sandbox.writeConfig(extra: "tools:\n  gh: { protocol: https }")
    let result = sandbox.run(["generate"])
    #expect(result.code == 1)
    #expect(result.err.contains("a generated file was edited by hand; pdev left it as it is [PD501]\n  out/modules/git.nix"))
    #expect(result.err.contains("local.nix"))
    #expect(sandbox.read(file) == edited)
  }

  @Test func forceBacksUpTheUsersBytesFirst() throws {
    let sandbox = initialized()
    let file = sandbox.output + "/modules/git.nix"
    let edited = sandbox.read(file)! + "# mine\n"
    sandbox.write(file, edited)
    sandbox.writeConfig(extra: "tools:\n  gh: { protocol: https }")
    let result = sandbox.run(["generate", "--force"], now: "2026-11-24T10:00:00Z")
    #expect(result.code == 0)
    #expect(!(sandbox.read(file) ?? "").contains("# mine"))
    let backups = try FileManager.default.subpathsOfDirectory(atPath: sandbox.stateHome).filter {
      $0.contains("backups/2026-11-24T100000Z/modules/git.nix")
    }
    #expect(backups.count == 1)
    #expect(sandbox.read(sandbox.stateHome + "/" + backups[0]) == edited)
    #expect(result.err.contains("backed up your modules/git.nix to "))
  }

  @Test func aDeletedFileIsRecreatedAndReported() throws {
    let sandbox = initialized()
    try FileManager.default.removeItem(atPath: sandbox.output + "/modules/cli.nix")
    let result = sandbox.run(["generate"])
    #expect(result.code == 0)
    #expect(result.err.contains("recreated  modules/cli.nix (it was deleted)"))
    #expect(FileManager.default.fileExists(atPath: sandbox.output + "/modules/cli.nix"))
  }

  @Test func aForeignFileIsNeverOverwritten() {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    sandbox.write(sandbox.output + "/home.nix", "{ my = \"own\"; }\n")
    let result = sandbox.run(["generate"])
    #expect(result.code == 1)
    #expect(result.err.contains("a file in out was not written by pdev; pdev will not replace it [PD502]\n  out/home.nix"))
    #expect(sandbox.read(sandbox.output + "/home.nix") == "{ my = \"own\"; }\n")
    #expect(!FileManager.default.fileExists(atPath: sandbox.output + "/flake.nix"))
  }

  @Test func localNixIsCreatedOnceAndNeverTouched() {
    let sandbox = initialized()
    sandbox.write(sandbox.output + "/local.nix", "{ ... }: { mine = true; }\n")
    sandbox.writeConfig(extra: "tools:\n  atuin: true")
    #expect(sandbox.run(["generate"]).code == 0)
    #expect(sandbox.read(sandbox.output + "/local.nix") == "{ ... }: { mine = true; }\n")
    #expect(sandbox.run(["generate", "--force"]).code == 0)
    #expect(sandbox.read(sandbox.output + "/local.nix") == "{ ... }: { mine = true; }\n")
  }

  @Test func checkAndDryRunWriteNothing() {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    let check = sandbox.run(["generate", "--check"])
    #expect(check.code == 1)
    #expect(check.out.contains("16 files would change"))
    let dry = sandbox.run(["generate", "--dry-run"])
    #expect(dry.code == 0)
    #expect(dry.out.contains("Would write 16 of 16 files"))
    #expect(!FileManager.default.fileExists(atPath: sandbox.output))
    #expect(sandbox.run(["generate"]).code == 0)
    #expect(sandbox.run(["generate", "--check"]).code == 0)
  }

  @Test func diffShowsAUnifiedDiff() {
    let sandbox = initialized()
    sandbox.writeConfig(extra: "tools:\n  gh: { protocol: https }")
    let result = sandbox.run(["diff"])
    #expect(result.code == 1)
    #expect(result.out.contains("--- a/modules/git.nix\n+++ b/modules/git.nix\n@@ "))
    #expect(
      result.out.contains("-    settings.git_protocol = lib.mkDefault \"ssh\";\n+    settings.git_protocol = lib.mkDefault \"https\";"))
    #expect(sandbox.run(["generate", "--diff"]).out.contains("+++ b/modules/git.nix"))
    #expect(sandbox.run(["diff"]).code == 0)
  }

  @Test func rollbackRestoresByteForByte() {
    let sandbox = initialized()
    let first = sandbox.tree(sandbox.output)
    sandbox.writeConfig(extra: "tools:\n  gh: { protocol: https }\n  atuin: true")
    #expect(sandbox.run(["generate"]).code == 0)
    #expect(sandbox.tree(sandbox.output) != first)
    let result = sandbox.run(["rollback"])
    #expect(result.code == 0, "\(result.err)")
    #expect(sandbox.tree(sandbox.output) == first)
    #expect(sandbox.run(["rollback", "1"]).code == 0)
    #expect(sandbox.run(["rollback", "99"]).code == 2)
  }

  @Test func generationsAreKeptUpToTheLimit() throws {
    let sandbox = Sandbox()
    for i in 0..<5 {
      sandbox.writeConfig(extra: "generations: 3\ntools:\n  fish: { abbreviations: { x\(i): ls } }")
      #expect(sandbox.run(["generate"]).code == 0)
    }
    let outputs = try FileManager.default.contentsOfDirectory(atPath: sandbox.stateHome + "/outputs")
    let generations = try FileManager.default.contentsOfDirectory(atPath: sandbox.stateHome + "/outputs/\(outputs[0])/generations")
    #expect(generations.sorted() == ["3", "4", "5"])
  }

  @Test func writesStayInsideTheOutputDirectory() throws {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    let elsewhere = sandbox.root + "/elsewhere"
    try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: sandbox.output, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: sandbox.output + "/modules", withDestinationPath: elsewhere)
    let result = sandbox.run(["generate"])
    #expect(result.code == 4)
    #expect(result.err.contains("is a symlink out of the output directory"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
  }

  @Test func aSecondPdevWaitsThenFailsClearly() throws {
    let sandbox = initialized()
    let outputs = try FileManager.default.contentsOfDirectory(atPath: sandbox.stateHome + "/outputs")
    let lockPath = sandbox.stateHome + "/outputs/\(outputs[0])/lock"
    let (lock, _) = try PdevCore.FileLock.acquire(lockPath, timeout: 0)
    defer { lock?.release() }
    sandbox.writeConfig(extra: "tools:\n  atuin: true")
    let result = sandbox.run(["generate"])
    #expect(result.code == 4)
    #expect(result.err.contains("another pdev (process \(getpid())) is writing"))
  }

  @Test func aNoOpRunProvesItselfWithoutRendering() {
    let sandbox = initialized()
    let fast = sandbox.run(["-v", "generate"])
    #expect(fast.code == 0)
    #expect(fast.err.contains("nothing to render"))
    #expect(fast.out == "Wrote 0 of 16 files in out: 0 created, 0 updated, 16 unchanged.\n")
    #expect(sandbox.run(["-v", "generate", "--check"]).err.contains("nothing to render"))
  }

  @Test func anyChangedInputOrOutputGoesTheFullWay() {
    let sandbox = initialized()
    // A comment changes pdev.yaml but not the output: rendered once, then fast again.
    sandbox.write(sandbox.configFile, sandbox.read(sandbox.configFile)! + "# a comment\n")
    let slow = sandbox.run(["-v", "generate"])
    #expect(!slow.err.contains("nothing to render"))
    #expect(slow.out.contains("Wrote 0 of 16 files"))
    #expect(sandbox.run(["-v", "generate"]).err.contains("nothing to render"))
    // A template override of the user's is an input too.
    sandbox.write(sandbox.configHome + "/templates/partials/header.nix.tmpl", "# My header.\n")
    let overridden = sandbox.run(["-v", "generate"])
    #expect(!overridden.err.contains("nothing to render"))
    #expect(overridden.out.contains("updated"))
    // So is the level state.
    #expect(sandbox.run(["level-up", "--force"], now: "2026-11-24T09:00:00Z").code == 0)
    #expect(sandbox.run(["-v", "generate"]).err.contains("nothing to render"))
    sandbox.write(
      sandbox.stateHome + "/state.json",
      sandbox.read(sandbox.stateHome + "/state.json")!.replacingOccurrences(of: "\"level\" : 2", with: "\"level\" : 3"))
    #expect(!sandbox.run(["-v", "generate"]).err.contains("nothing to render"))
    // And a hand edit of an output is still refused.
    sandbox.write(sandbox.output + "/modules/cli.nix", "# mine\n")
    #expect(sandbox.run(["generate"]).code == 1)
  }

  func modificationDates(_ directory: String) -> [String: Date] {
    var dates: [String: Date] = [:]
    for path in FileManager.default.subpaths(atPath: directory) ?? [] {
      dates[path] = (try? FileManager.default.attributesOfItem(atPath: directory + "/" + path))?[.modificationDate] as? Date
    }
    return dates
  }
}
