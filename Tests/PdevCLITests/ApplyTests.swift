import Foundation
import Testing

@testable import PdevTestSupport

/// `pdev apply` on a machine that already has dotfiles: it builds, saves every file of the
/// user's that the switch replaces, and switches with home-manager's own backups too. Nix
/// and home-manager are scripted fakes that record their calls and act on the home.
@Suite struct ApplyTests {
  /// A sandbox with a rendered laptop configuration and the dotfiles of a lived-in machine.
  static func machine() -> Sandbox {
    let sandbox = Sandbox()
    sandbox.writeConfig()
    #expect(sandbox.run(["generate", "-q"]).code == 0)
    sandbox.write(sandbox.home + "/.config/fish/config.fish", "set -gx EDITOR nvim\nabbr -a gco git checkout\n")
    sandbox.write(sandbox.home + "/.config/ghostty/config", "font-size = 15\n")
    chmod(sandbox.home + "/.config/ghostty/config", 0o600)
    sandbox.write(sandbox.home + "/.config/keep/notes.txt", "not pdev's\n")
    // A link an earlier home-manager generation made: not the user's, not saved.
    try! FileManager.default.createDirectory(atPath: sandbox.home + "/.config/bat", withIntermediateDirectories: true)
    symlink("/nix/store/abc-home-manager-files/.config/bat/config", sandbox.home + "/.config/bat/config")
    return sandbox
  }

  static let files = [
    ".config/fish/config.fish": "# home-manager's config.fish\n", ".config/ghostty/config": "theme = Catppuccin Mocha\n",
    ".config/bat/config": "--theme=ansi\n", ".config/git/config": "[user]\n",
  ]

  func fake(_ sandbox: Sandbox, version: String = "2.24.10", flakes: Bool = true, homeManager: Bool = false) -> FakeNix {
    FakeNix(
      root: sandbox.root + "/fake", home: sandbox.home, version: version, flakes: flakes, homeManager: homeManager, files: ApplyTests.files)
  }

  @Test func theFirstSwitchSavesTheUsersFilesAndRunsHomeManagerFromItsFlake() throws {
    let sandbox = ApplyTests.machine()
    let nix = fake(sandbox)
    let result = sandbox.run(["apply"], processes: nix.runner)
    #expect(result.code == 0, "\(result.err)")
    let flake = sandbox.output + "#ada@zephyrus"
    #expect(
      nix.calls == [
        "nix --version", "nix config | show | experimental-features",
        "nix build | --no-link | --print-out-paths | \(sandbox.output)#homeConfigurations.\"ada@zephyrus\".activationPackage",
        "nix run | github:nix-community/home-manager | -- | switch | -b | pdev-backup | --flake | \(flake)",
      ])
    // Every byte the user had is in the backup store, with its mode, in a private folder.
    let backups = sandbox.stateHome + "/backups"
    let folders = try FileManager.default.contentsOfDirectory(atPath: backups)
    #expect(folders.count == 1)
    let folder = backups + "/" + folders[0]
    #expect(sandbox.read(folder + "/.config/fish/config.fish") == "set -gx EDITOR nvim\nabbr -a gco git checkout\n")
    #expect(sandbox.read(folder + "/.config/ghostty/config") == "font-size = 15\n")
    #expect(mode(folder + "/.config/ghostty/config") == 0o600)
    #expect(mode(folder) == 0o700 && mode(backups) == 0o700 && mode(folder + "/.config") == 0o700)
    #expect(!FileManager.default.fileExists(atPath: folder + "/.config/bat/config"), "a home-manager link is not the user's")
    #expect(result.out.contains("~/.config/fish/config.fish → "), "\(result.out)")
    #expect(result.out.contains("home-manager also kept each one next to it as FILE.pdev-backup."))
    // home-manager's own net, and nothing else touched.
    #expect(sandbox.read(sandbox.home + "/.config/fish/config.fish.pdev-backup") == "set -gx EDITOR nvim\nabbr -a gco git checkout\n")
    #expect(sandbox.read(sandbox.home + "/.config/keep/notes.txt") == "not pdev's\n")
  }

  @Test func aDryRunBuildsAndShowsThePlanButChangesNothing() throws {
    let sandbox = ApplyTests.machine()
    let nix = fake(sandbox)
    let before = sandbox.tree(sandbox.home)
    let result = sandbox.run(["apply", "--dry-run"], processes: nix.runner)
    #expect(result.code == 0, "\(result.err)")
    #expect(
      result.out.contains(
        "These 2 file(s) of yours would be saved before the switch:\n  ~/.config/fish/config.fish\n  ~/.config/ghostty/config\n"),
      "\(result.out)")
    #expect(result.out.contains("Would run: nix run github:nix-community/home-manager -- switch -b pdev-backup --flake "))
    #expect(!nix.calls.contains { $0.hasPrefix("nix run") || $0.hasPrefix("home-manager") })
    #expect(sandbox.tree(sandbox.home) == before)
    #expect(!FileManager.default.fileExists(atPath: sandbox.stateHome + "/backups"))
  }

  @Test func laterSwitchesUseTheInstalledHomeManagerAndSaveNothingOfItsOwn() throws {
    let sandbox = ApplyTests.machine()
    #expect(sandbox.run(["apply"], processes: fake(sandbox).runner).code == 0)
    let second = fake(sandbox, homeManager: true)
    try? FileManager.default.removeItem(atPath: second.log)
    let result = sandbox.run(["apply"], processes: second.runner)
    #expect(result.code == 0, "\(result.err)")
    #expect(second.calls.last == "home-manager switch | -b | pdev-backup | --flake | \(sandbox.output)#ada@zephyrus")
    #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.stateHome + "/backups").count == 1)
    #expect(!result.out.contains("Saved"))
  }

  @Test func withoutFlakesEveryCallTurnsThemOn() throws {
    let sandbox = ApplyTests.machine()
    let nix = fake(sandbox, version: "2.18.9", flakes: false)
    #expect(sandbox.run(["apply"], processes: nix.runner).code == 0)
    #expect(nix.calls.contains("nix show-config"))
    #expect(nix.calls.contains { $0.hasPrefix("nix --extra-experimental-features | nix-command flakes | build | --no-link") })
    #expect(
      nix.calls.last
        == "nix --extra-experimental-features | nix-command flakes | run | github:nix-community/home-manager | -- | switch | -b | pdev-backup | --flake | \(sandbox.output)#ada@zephyrus | --extra-experimental-features | nix-command flakes"
    )
  }

  @Test func withoutNixOrWithATooOldOneNothingHappens() throws {
    let sandbox = ApplyTests.machine()
    let before = sandbox.tree(sandbox.home)
    let none = sandbox.run(["apply"])
    #expect(none.code == 4)
    #expect(none.err.contains("Nix is not installed, so nothing was built or switched"))
    #expect(none.err.contains("https://nixos.org/download"))
    let old = fake(sandbox, version: "2.8.0")
    let result = sandbox.run(["apply"], processes: old.runner)
    #expect(result.code == 4)
    #expect(result.err.contains("Nix 2.8.0 is older than 2.18"), "\(result.err)")
    #expect(!old.calls.contains { $0.contains("build") })
    #expect(sandbox.tree(sandbox.home) == before)
  }

  func mode(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
  }
}
