import Foundation
import PdevCore
import Testing

/// `theme:` colours the whole terminal stack; what the configuration sets itself wins.
@Suite struct ThemeTests {
  func render(_ extra: String, hosts: String? = nil) -> (Sandbox, Sandbox.Result) {
    let sandbox = Sandbox()
    sandbox.writeConfig(extra: extra, hosts: hosts)
    return (sandbox, sandbox.run(["generate", "-q"]))
  }

  func module(_ sandbox: Sandbox, _ name: String) -> String { sandbox.read(sandbox.output + "/modules/" + name) ?? "" }

  @Test func aThemeReachesEveryApplication() {
    let (sandbox, result) = render("theme: nord")
    #expect(result.code == 0, "\(result.err)")
    let terminal = module(sandbox, "terminal.nix")
    let cli = module(sandbox, "cli.nix")
    let git = module(sandbox, "git.nix")
    #expect(terminal.contains("theme = lib.mkDefault \"Nord\";"))
    #expect(terminal.contains("theme = lib.mkDefault \"nord\";"))
    #expect(cli.contains("config.theme = lib.mkDefault \"Nord\";"))
    #expect(cli.contains("color_theme = lib.mkDefault \"nord\";"))
    #expect(cli.contains("\"bg+\" = lib.mkDefault \"#3b4252\";"))
    #expect(git.contains("syntax-theme = lib.mkDefault \"Nord\";"))
    #expect(git.contains("activeBorderColor = lib.mkDefault [ \"#81a1c1\" \"bold\" ];"))
    #expect(module(sandbox, "shell.nix").contains("palette = lib.mkDefault \"nord\";"))
    #expect(module(sandbox, "nixvim/core.nix").contains("colorschemes.nord.enable = lib.mkDefault true;"))
  }

  @Test func aThemeAnApplicationLacksIsWrittenFromItsPalette() {
    let (sandbox, result) = render("theme: rose-pine")
    #expect(result.code == 0, "\(result.err)")
    let terminal = module(sandbox, "terminal.nix")
    #expect(terminal.contains("themes.rose-pine = lib.mkDefault ''"))
    #expect(terminal.contains("fg \"#e0def4\""))
    let cli = module(sandbox, "cli.nix")
    #expect(cli.contains("<key>name</key><string>rose-pine</string>"))
    #expect(cli.contains("theme[main_bg]=\"#191724\""))
  }

  @Test func aColorschemeAloneBringsItsTheme() {
    let (sandbox, result) = render("neovim:\n  colorscheme: tokyonight")
    #expect(result.code == 0, "\(result.err)")
    #expect(module(sandbox, "terminal.nix").contains("theme = lib.mkDefault \"TokyoNight Night\";"))
    #expect(module(sandbox, "nixvim/core.nix").contains("colorschemes.tokyonight"))
  }

  @Test func aColorschemeBesideAThemeKeepsNeovimApart() {
    let (sandbox, result) = render("theme: nord\nneovim:\n  colorscheme: gruvbox")
    #expect(result.code == 0, "\(result.err)")
    #expect(module(sandbox, "terminal.nix").contains("\"Nord\""))
    let core = module(sandbox, "nixvim/core.nix")
    #expect(core.contains("colorschemes.gruvbox.enable") && !core.contains("colorschemes.nord"))
  }

  @Test func whatTheConfigurationSetsWins() {
    let (sandbox, result) = render(
      "theme: nord\ntools:\n  ghostty:\n    settings: { theme: Dracula }\n  bat:\n    config: { style: plain }")
    #expect(result.code == 0, "\(result.err)")
    #expect(module(sandbox, "terminal.nix").contains("theme = lib.mkDefault \"Dracula\";"))
    let cli = module(sandbox, "cli.nix")
    #expect(cli.contains("style = lib.mkDefault \"plain\";") && cli.contains("theme = lib.mkDefault \"Nord\";"))
  }

  @Test func aLightThemeTurnsNeovimLight() {
    let (sandbox, result) = render("theme: gruvbox-light")
    #expect(result.code == 0, "\(result.err)")
    #expect(module(sandbox, "nixvim/core.nix").contains("background = lib.mkDefault \"light\";"))
    #expect(module(sandbox, "git.nix").contains("light = lib.mkDefault true;"))
  }

  @Test func aDarkAndLightPairSwitchesWhereTheApplicationCan() {
    let (sandbox, result) = render("theme: { dark: catppuccin-mocha, light: catppuccin-latte }")
    #expect(result.code == 0, "\(result.err)")
    let terminal = module(sandbox, "terminal.nix")
    #expect(terminal.contains("theme = lib.mkDefault \"light:Catppuccin Latte,dark:Catppuccin Mocha\";"))
    #expect(terminal.contains("theme_dark = lib.mkDefault \"catppuccin-mocha\";"))
    #expect(terminal.contains("theme_light = lib.mkDefault \"catppuccin-latte\";"))
    #expect(module(sandbox, "cli.nix").contains("config.theme = lib.mkDefault \"Catppuccin Mocha\";"))
  }

  @Test func aHostHasItsOwnTheme() {
    let (sandbox, result) = render(
      "theme: nord", hosts: "  zephyrus: { system: x86_64-linux }\n  studio: { system: aarch64-darwin, theme: rose-pine-dawn }")
    #expect(result.code == 0, "\(result.err)")
    let terminal = module(sandbox, "terminal.nix")
    #expect(terminal.contains("\"Nord\"") && terminal.contains("\"Rose Pine Dawn\""))
  }

  @Test func anUnknownThemeIsALocatedErrorWithASuggestion() {
    let (sandbox, result) = render("theme: catppucin-mocha")
    #expect(result.code == 3)
    #expect(result.err.contains("pdev.yaml:"))
    #expect(result.err.contains("unknown theme 'catppucin-mocha'"))
    #expect(result.err.contains("did you mean 'catppuccin-mocha'?"))
    #expect(FileManager.default.fileExists(atPath: sandbox.output) == false)
  }

  @Test func aPairNamesADarkThemeAndALightOne() {
    let (_, result) = render("theme: { dark: catppuccin-latte, light: nord }")
    #expect(result.code == 3)
    #expect(result.err.contains("'catppuccin-latte' is a light theme"))
    #expect(result.err.contains("'nord' is a dark theme"))
  }

  /// The application check renders this fixture: it must hold every theme of the catalog.
  @Test func theThemesFixtureHasEveryTheme() throws {
    let catalog = try #require(try YAMLLoader().parse(Array(Repository.read("profiles/catalog/themes.yaml").utf8), name: "themes.yaml"))
    let fixture = try #require(
      try YAMLLoader().parse(Array(Repository.read("Tests/Fixtures/configs/themes.yaml").utf8), name: "themes.yaml"))
    let named = Set((fixture["hosts"]?.pairs ?? []).flatMap { [$0.value["theme"]?.text, $0.name].compactMap(\.self) })
    for theme in catalog["themes"]?.pairs ?? [] { #expect(named.contains(theme.name), "no host of the themes fixture uses \(theme.name)") }
  }
}
