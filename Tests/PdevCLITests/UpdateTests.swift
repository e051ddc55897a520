import Foundation
import Testing

@testable import PdevTestSupport

/// `pdev update`: Nix updates the output flake's inputs, pdev shows what changes, keeps the
/// previous flake.lock with its generations, and `pdev rollback` brings it back.
@Suite struct UpdateTests {
  static func lock(nixpkgs: String, modified: Int) -> String {
    """
    {
      "nodes": {
        "home-manager": { "inputs": { "nixpkgs": ["nixpkgs"] }, "locked": { "lastModified": 1763000000, "rev": "hm000000000000aa", "type": "github" } },
        "nixpkgs": { "locked": { "lastModified": \(modified), "rev": "\(nixpkgs)", "type": "github" } },
        "nixvim": { "locked": { "lastModified": 1763000000, "rev": "nv000000000000aa", "type": "github" } },
        "root": { "inputs": { "home-manager": "home-manager", "nixpkgs": "nixpkgs", "nixvim": "nixvim" } }
      },
      "root": "root",
      "version": 7
    }

    """
  }

  static let old = lock(nixpkgs: "aaaaaaaaaaaa1111", modified: 1_763_000_000)
  static let new = lock(nixpkgs: "bbbbbbbbbbbb2222", modified: 1_764_000_000)

  static func setUp(version: String = "2.24.10") -> (Sandbox, FakeNix) {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    sandbox.write(sandbox.output + "/flake.lock", old)
    let nix = FakeNix(root: sandbox.root + "/fake", home: sandbox.home, version: version)
    nix.nextLock(new)
    return (sandbox, nix)
  }

  @Test func checkTellsWithoutChangingAnything() throws {
    let (sandbox, nix) = UpdateTests.setUp()
    let before = sandbox.tree(sandbox.output)
    let result = sandbox.run(["update", "--check"], processes: nix.runner)
    #expect(result.code == 1, "\(result.err)")
    #expect(
      result.out == "Updates are available (`pdev update` takes them):\n  nixpkgs: aaaaaaaaaaaa (2025-11-13) → bbbbbbbbbbbb (2025-11-24)\n")
    #expect(sandbox.tree(sandbox.output) == before)
    #expect(!nix.calls.contains { $0.contains("--flake | \(sandbox.output)") })
    #expect(!nix.calls.contains { $0.contains(" build ") || $0.hasPrefix("nix build") })
    #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.stateHome + "/scratch").isEmpty)
  }

  @Test func updateShowsTheChangeAndRollbackRestoresTheLock() throws {
    let (sandbox, nix) = UpdateTests.setUp()
    let result = sandbox.run(["update"], processes: nix.runner)
    #expect(result.code == 0, "\(result.err)")
    #expect(sandbox.read(sandbox.output + "/flake.lock") == UpdateTests.new)
    let attribute = "\(sandbox.output)#homeConfigurations.\"ada@zephyrus\".activationPackage"
    let activation = sandbox.root + "/fake/store/0000-home-manager-generation"
    #expect(
      nix.calls.filter { !$0.hasPrefix("nix --version") && !$0.hasPrefix("nix config") } == [
        "nix build | --no-link | --print-out-paths | \(attribute)", "nix flake | update | --flake | \(sandbox.output)",
        "nix build | --no-link | --print-out-paths | \(attribute)", "nix store | diff-closures | \(activation) | \(activation)",
      ])
    #expect(result.out.contains("  nixpkgs: aaaaaaaaaaaa (2025-11-13) → bbbbbbbbbbbb (2025-11-24)\n"), "\(result.out)")
    #expect(result.out.contains("What changes for ada@zephyrus:"))

    let rollback = sandbox.run(["rollback"])
    #expect(rollback.code == 0, "\(rollback.err)")
    #expect(rollback.out.contains("Restored flake.lock as it was at generation 1."), "\(rollback.out)")
    #expect(sandbox.read(sandbox.output + "/flake.lock") == UpdateTests.old)
    // And forward again: the update's generation still has its lock.
    #expect(sandbox.run(["rollback", "2"]).code == 0)
    #expect(sandbox.read(sandbox.output + "/flake.lock") == UpdateTests.new)
  }

  @Test func olderNixGetsThePositionalForm() throws {
    let (sandbox, nix) = UpdateTests.setUp(version: "2.18.9")
    #expect(sandbox.run(["update"], processes: nix.runner).code == 0)
    #expect(nix.calls.contains("nix flake | update | \(sandbox.output)"))
  }

  @Test func nothingNewIsNothingChanged() throws {
    let (sandbox, nix) = UpdateTests.setUp()
    nix.nextLock(UpdateTests.old)
    let result = sandbox.run(["update"], processes: nix.runner)
    #expect(result.code == 0)
    #expect(result.out.contains("are current; nothing changed"))
    #expect(sandbox.run(["update", "--check"], processes: nix.runner).out.contains("are current"))
  }
}
