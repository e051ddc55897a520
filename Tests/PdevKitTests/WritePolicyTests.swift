import PdevKit
import Testing

/// The write rule: --check and --dry-run never write, hand edits are refused unless forced.
@Suite struct WritePolicyTests {
  static func change(_ path: String, _ kind: FileChange.Kind) -> FileChange {
    FileChange(path: path, kind: kind, old: nil, new: [])
  }

  static let clean = [change("flake.nix", .unchanged), change("local.nix", .keep)]
  static let update = clean + [change("home.nix", .update)]
  static let edited = update + [change("modules/git.nix", .drift)]

  @Test func checkSaysWhetherAnythingWouldChange() {
    #expect(WritePolicy.decide(WritePolicyTests.clean, mode: .check) == .upToDate)
    #expect(WritePolicy.decide(WritePolicyTests.update, mode: .check) == .wouldChange([WritePolicyTests.change("home.nix", .update)]))
  }

  @Test func aDryRunPreviewsConflictsWithoutRefusing() {
    let decision = WritePolicy.decide(WritePolicyTests.edited, mode: .dryRun)
    #expect(
      decision
        == .preview(
          pending: [WritePolicyTests.change("home.nix", .update), WritePolicyTests.change("modules/git.nix", .drift)],
          conflicts: [WritePolicyTests.change("modules/git.nix", .drift)]))
    #expect(!WritePolicy.Mode.dryRun.writes && !WritePolicy.Mode.check.writes)
  }

  @Test func handEditsAreRefusedUnlessForced() {
    #expect(
      WritePolicy.decide(WritePolicyTests.edited, mode: .write(force: false))
        == .refused([WritePolicyTests.change("modules/git.nix", .drift)]))
    #expect(WritePolicy.decide(WritePolicyTests.edited, mode: .write(force: true)) == .write)
    #expect(WritePolicy.decide(WritePolicyTests.update, mode: .write(force: false)) == .write)
  }
}
