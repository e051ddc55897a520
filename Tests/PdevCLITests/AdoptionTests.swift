import Foundation
import PdevCLI
import Testing

@testable import PdevTestSupport

/// `pdev init` on a machine that is not empty: what the user had is carried into pdev.yaml
/// with its origin, kept whole where it cannot be translated, and an earlier home-manager
/// configuration is saved and its stateVersion kept.
@Suite struct AdoptionTests {
  /// A home with a fish setup, a Ghostty config, a starship.toml, git aliases (from a scripted
  /// git) and a home-manager configuration of stateVersion 24.05 where pdev will render.
  static func livedIn() -> Sandbox {
    let sandbox = Sandbox()
    let home = sandbox.home
    sandbox.write(
      home + "/.config/fish/config.fish", "if status is-interactive\n    abbr -a gco git checkout\n    alias ll 'eza -l'\nend\n")
    sandbox.write(home + "/.config/fish/functions/mkcd.fish", "function mkcd\n    mkdir -p $argv[1]\n    and cd $argv[1]\nend\n")
    sandbox.write(home + "/.config/ghostty/config", "font-size = 15\nfont-family = Iosevka\n")
    sandbox.write(home + "/.config/starship.toml", "add_newline = false\n")
    sandbox.write(home + "/.gitconfig", "[alias]\n  co = checkout\n")
    sandbox.write(
      sandbox.output + "/home.nix", "{ config, pkgs, ... }:\n{\n  home.username = \"ada\";\n  home.stateVersion = \"24.05\";\n}\n")
    chmod(sandbox.output + "/home.nix", 0o640)
    sandbox.write(sandbox.output + "/flake.nix", "{ outputs = _: { }; }\n")
    return sandbox
  }

  static let git = ProcessRunner(
    find: { name, _ in name == "git" ? "/bin/git" : nil },
    capture: { _, arguments in
      if arguments.contains("--get-regexp") { return (0, "alias.co checkout\nalias.lg log --graph --oneline\n") }
      return arguments.last == "user.name" ? (0, "Ada Lovelace\n") : (0, "ada@lovelace.dev\n")
    },
    stream: { _, _ in 127 })

  @Test func initCarriesOverWhatTheMachineHas() throws {
    let sandbox = AdoptionTests.livedIn()
    let result = sandbox.run(["init", "--yes", "--profile", "laptop", "--out", sandbox.output], processes: AdoptionTests.git)
    #expect(result.code == 0, "\(result.err)")
    let yaml = try #require(sandbox.read(sandbox.configFile))
    #expect(
      yaml.contains(
        "  git:\n    # From git config --global (your aliases)\n    aliases:\n      co: checkout\n      lg: log --graph --oneline\n"),
      "\(yaml)")
    #expect(yaml.contains("  fish:\n    # From ~/.config/fish/config.fish\n    abbreviations:\n      gco: git checkout\n"), "\(yaml)")
    #expect(yaml.contains("    aliases:\n      ll: eza -l\n"))
    #expect(yaml.contains("    functions:\n      mkcd: \"mkdir -p $argv[1]\\nand cd $argv[1]\"\n"))
    #expect(yaml.contains("  ghostty:\n    # From "))
    #expect(yaml.contains("      font-size: 15\n      font-family: Iosevka\n"))
    #expect(yaml.contains("# Kept from the home-manager configuration that was in the output directory.\nstate-version: \"24.05\"\n"))

    // Rendered: the adopted values are in the modules; the stateVersion is kept.
    let shell = try #require(sandbox.read(sandbox.output + "/modules/shell.nix"))
    #expect(shell.contains("gco = lib.mkDefault \"git checkout\";"))
    #expect(shell.contains("ll = lib.mkDefault \"eza -l\";"))
    #expect(try #require(sandbox.read(sandbox.output + "/modules/terminal.nix")).contains("font-family = lib.mkDefault \"Iosevka\";"))
    #expect(try #require(sandbox.read(sandbox.output + "/home.nix")).contains("home.stateVersion = \"24.05\";"))

    // starship.toml is kept whole and used from local.nix.
    #expect(sandbox.read(sandbox.output + "/adopted/starship.toml") == "add_newline = false\n")
    #expect(
      try #require(sandbox.read(sandbox.output + "/local.nix")).contains(
        "  programs.starship.settings = lib.importTOML ./adopted/starship.toml;\n"))

    // The earlier configuration is in the backup store, byte for byte, with its mode.
    let backups = try FileManager.default.contentsOfDirectory(atPath: sandbox.stateHome + "/backups")
    let folder = sandbox.stateHome + "/backups/" + (try #require(backups.first { $0.hasPrefix("init-") }))
    #expect(sandbox.read(folder + "/home.nix")?.contains("home.stateVersion = \"24.05\";") == true)
    #expect((try FileManager.default.attributesOfItem(atPath: folder + "/home.nix")[.posixPermissions] as? Int) == 0o640)
    #expect(sandbox.read(folder + "/flake.nix") == "{ outputs = _: { }; }\n")

    #expect(result.out.contains("Carried over from this machine into "))
    #expect(result.out.contains("Not carried over:\n  "), "\(result.out)")
    #expect(result.out.contains(".gitconfig stays, and git reads it after home-manager's ~/.config/git/config"))
    // And it stays in order: the next generate has nothing to do.
    #expect(sandbox.run(["generate", "--check"]).code == 0)
  }

  @Test func noAdoptTakesOnlyTheStateVersion() throws {
    let sandbox = AdoptionTests.livedIn()
    let result = sandbox.run(["init", "--yes", "--no-adopt", "--out", sandbox.output], processes: AdoptionTests.git)
    #expect(result.code == 0, "\(result.err)")
    let yaml = try #require(sandbox.read(sandbox.configFile))
    #expect(yaml.contains("\ntools: {}\n"))
    #expect(yaml.contains("state-version: \"24.05\"\n"))
    #expect(!FileManager.default.fileExists(atPath: sandbox.output + "/adopted"))
  }

  @Test func generateNeverChangesTheStateVersion() throws {
    let sandbox = AdoptionTests.livedIn()
    #expect(sandbox.run(["init", "--yes", "--out", sandbox.output], processes: AdoptionTests.git).code == 0)
    let yaml = try #require(sandbox.read(sandbox.configFile))
    sandbox.write(sandbox.configFile, yaml.replacingOccurrences(of: "state-version: \"24.05\"", with: "state-version: \"26.05\""))
    let before = sandbox.tree(sandbox.output)
    let result = sandbox.run(["generate", "--force"])
    #expect(result.code == 3)
    #expect(result.err.contains("error: state-version is \"26.05\", but out/home.nix was rendered with \"24.05\""), "\(result.err)")
    #expect(result.err.contains("state-version: \"26.05\"\n      |                ^"))
    #expect(sandbox.tree(sandbox.output) == before)
  }

  @Test func initApplyOnALivedInMachineSavesEveryByte() throws {
    let sandbox = AdoptionTests.livedIn()
    let nix = FakeNix(
      root: sandbox.root + "/fake", home: sandbox.home,
      files: [".config/fish/config.fish": "# hm\n", ".config/ghostty/config": "# hm\n", ".config/starship.toml": "# hm\n"])
    let runner = ProcessRunner(
      find: { name, path in AdoptionTests.git.find(name, path) ?? nix.runner.find(name, path) },
      capture: { executable, arguments in
        executable == "/bin/git" ? AdoptionTests.git.capture(executable, arguments) : nix.runner.capture(executable, arguments)
      },
      stream: nix.runner.stream)
    let result = sandbox.run(["init", "--yes", "--apply", "--out", sandbox.output], processes: runner)
    #expect(result.code == 0, "\(result.err)")
    #expect(
      nix.calls.last
        == "nix run | github:nix-community/home-manager | -- | switch | -b | pdev-backup | --flake | \(sandbox.output)#ada@zephyrus")
    let folder = try #require(
      try FileManager.default.contentsOfDirectory(atPath: sandbox.stateHome + "/backups").first { $0.hasPrefix("apply-") })
    let saved = sandbox.stateHome + "/backups/" + folder
    #expect(
      sandbox.read(saved + "/.config/fish/config.fish")
        == "if status is-interactive\n    abbr -a gco git checkout\n    alias ll 'eza -l'\nend\n")
    #expect(sandbox.read(saved + "/.config/ghostty/config") == "font-size = 15\nfont-family = Iosevka\n")
    #expect(sandbox.read(saved + "/.config/starship.toml") == "add_newline = false\n")
  }

  /// init validates the pdev.yaml it would write before it replaces anything: an adopted
  /// alias holding a token stops it, and the old pdev.yaml stays as it was.
  @Test func initValidatesBeforeItReplacesAnything() throws {
    let sandbox = Sandbox()
    sandbox.write(sandbox.configFile, "# my old config\nversion: 1\n")
    let git = ProcessRunner(
      find: { name, _ in name == "git" ? "/bin/git" : nil },
      capture: { _, arguments in
        arguments.contains("--get-regexp") ? (0, "alias.leak !curl -H 'x' ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n") : (0, "Ada\n")
      },
      stream: { _, _ in 127 })
    let result = sandbox.run(["init", "--yes", "--force", "--out", sandbox.output], processes: git)
    #expect(result.code == 3, "\(result.err)")
    #expect(result.err.contains("the pdev.yaml init would write (nothing was written)"), "\(result.err)")
    #expect(!result.err.contains("ghp_aaaa"))
    #expect(sandbox.read(sandbox.configFile) == "# my old config\nversion: 1\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.configHome) == ["pdev.yaml"])
    #expect(!FileManager.default.fileExists(atPath: sandbox.output))
  }
}
