import Foundation
import Testing

@testable import PdevTestSupport

/// `pdev doctor` tells the truth about Nix (version, flakes in both spellings of its
/// configuration command), home-manager, secret files and the placeholder identity.
@Suite struct DoctorTests {
  /// Runs doctor against fakes; the sandbox is returned too, since it holds the fakes' log.
  static func doctor(version: String, flakes: Bool = true, homeManager: Bool = false) -> (Sandbox.Result, FakeNix, Sandbox) {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    let nix = FakeNix(root: sandbox.root + "/fake", home: sandbox.home, version: version, flakes: flakes, homeManager: homeManager)
    return (sandbox.run(["doctor"], processes: nix.runner), nix, sandbox)
  }

  @Test(arguments: [("2.8.0", false), ("2.18.9", true), ("2.24.10", true)])
  func nixVersionsAndFlakes(version: String, recent: Bool) {
    let (result, nix, sandbox) = DoctorTests.doctor(version: version)
    defer { withExtendedLifetime(sandbox) {} }
    if recent {
      #expect(result.out.contains("ok    Nix \(version)\n"), "\(result.out)")
    } else {
      #expect(result.out.contains("fail  Nix 2.8.0 is older than 2.18, the oldest today's nixpkgs evaluates with"), "\(result.out)")
      #expect(result.out.contains("fix: `sudo -i nix upgrade-nix`"))
      #expect(result.code == 4)
    }
    // Flakes are on in every fake: found through `nix config show` (2.20 and later) or
    // `nix show-config` (older), whichever the version has.
    #expect(result.out.contains("ok    flakes are enabled"), "\(result.out)")
    #expect(nix.calls.contains(version == "2.24.10" ? "nix config | show | experimental-features" : "nix show-config"))
  }

  @Test(arguments: ["2.18.9", "2.24.10"])
  func flakesOffIsAWarningWithTheFix(version: String) {
    let (result, _, _) = DoctorTests.doctor(version: version, flakes: false)
    #expect(result.out.contains("warn  flakes are not enabled (pdev apply turns them on for its own calls)"), "\(result.out)")
  }

  @Test func homeManagerMissingNamesTheFirstSwitch() {
    let (without, _, _) = DoctorTests.doctor(version: "2.24.10")
    #expect(
      without.out.contains("warn  home-manager is not installed\n      fix: `pdev apply` runs it from its flake for the first switch"))
    let (with, _, _) = DoctorTests.doctor(version: "2.24.10", homeManager: true)
    #expect(with.out.contains("ok    home-manager"))
    #expect(with.out.contains("warn  home-manager has not switched to a configuration on this machine yet"))
  }

  @Test func secretFilesMustExistAndBePrivate() throws {
    let mcp = """
      tools:
        claude-code:
          mcp-servers:
            github: { command: github-mcp-server, env: { A_TOKEN: { secret-file: ~/.secrets/a }, B_TOKEN: { secret-file: ~/.secrets/b }, C_TOKEN: { secret-file: ~/.secrets/c } } }
      """
    let sandbox = Sandbox()
    sandbox.writeConfig(extra: mcp)
    sandbox.write(sandbox.home + "/.secrets/a", "SECRET-A")
    chmod(sandbox.home + "/.secrets/a", 0o644)
    sandbox.write(sandbox.home + "/.secrets/b", "SECRET-B")
    chmod(sandbox.home + "/.secrets/b", 0o600)
    let nix = FakeNix(root: sandbox.root + "/fake", home: sandbox.home)
    let result = sandbox.run(["doctor"], processes: nix.runner)
    #expect(
      result.out.contains("fail  secret file ~/.secrets/a can be read by others (mode 644)\n      fix: chmod 600 ~/.secrets/a"),
      "\(result.out)")
    #expect(result.out.contains("ok    secret file ~/.secrets/b exists and is private"))
    #expect(
      result.out.contains(
        "warn  secret file ~/.secrets/c does not exist\n      fix: create it privately: install -m 600 /dev/null ~/.secrets/c"))
    #expect(!result.out.contains("SECRET-"))
    #expect(result.code == 4)
  }

  @Test func thePlaceholderIdentityIsFlagged() {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    let text = sandbox.read(sandbox.configFile)!.replacingOccurrences(of: "ada@example.org", with: "ada@lovelace.dev")
    sandbox.write(sandbox.configFile, text)
    let nix = FakeNix(root: sandbox.root + "/fake", home: sandbox.home)
    #expect(!sandbox.run(["doctor"], processes: nix.runner).out.contains("a placeholder"))
    let (placeholder, _, _) = DoctorTests.doctor(version: "2.24.10")
    #expect(placeholder.out.contains("warn  git would sign your commits as ada@example.org, a placeholder"))
  }

  @Test func aGeneratedPathThatIsNoFileFails() {
    let (_, nix, sandbox) = DoctorTests.doctor(version: "2.24.10")
    let path = sandbox.output + "/modules/cli.nix"
    try? FileManager.default.removeItem(atPath: path)
    mkfifo(path, 0o644)
    let result = sandbox.run(["doctor"], processes: nix.runner)
    #expect(result.code == 4)
    #expect(result.out.contains("fail  out/modules/cli.nix is not a regular file; pdev writes a file there"), "\(result.out)")
  }
}
