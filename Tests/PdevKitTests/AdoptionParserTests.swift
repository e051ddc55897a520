import PdevCore
import PdevKit
import Testing

/// The readers behind `pdev init`'s adoption: git's alias list, fish's quoting and
/// definitions, Ghostty's key = value file and a home.nix's stateVersion.
@Suite struct AdoptionParserTests {
  @Test(arguments: [
    ("abbr -a -- gp 'git push'", ["abbr", "-a", "--", "gp", "git push"]),
    (#"abbr -a gco git\ checkout"#, ["abbr", "-a", "gco", "git checkout"]),
    (#"alias ll "eza -l \"x\"" # comment"#, ["alias", "ll", #"eza -l "x""#]),
    (#"abbr -a q 'it'\''s'"#, ["abbr", "-a", "q", "it's"]),
    ("  ", []),
  ])
  func fishWordsFollowFishQuoting(line: String, words: [String]) {
    #expect(AdoptionParser.fishWords(Substring(line)) == words)
  }

  @Test func fishDefinitionsKeepWhatPdevCanExpress() {
    let parsed = AdoptionParser.fishDefinitions(
      """
      if status is-interactive
          abbr -a -- gp 'git push'
          abbr --add --position command gco git checkout
          abbr -a --position anywhere L '| less'
          abbr -a --regex '^\\d+' dots --function multicd
          alias ll 'eza -l'
          alias la=eza\\ -la
      end
      """)
    #expect(parsed.abbreviations.map(\.key) == ["gp", "gco"])
    #expect(parsed.abbreviations.map(\.value) == [.string("git push"), .string("git checkout")])
    #expect(parsed.aliases.map(\.key) == ["ll", "la"])
    #expect(parsed.aliases.map(\.value) == [.string("eza -l"), .string("eza -la")])
    #expect(parsed.skipped.count == 2)
  }

  @Test func aFunctionFileGivesItsBody() {
    let body = AdoptionParser.fishFunctionBody(
      "# make and enter\nfunction mkcd --description 'make and enter'\n    mkdir -p $argv[1]\n    and cd $argv[1]\nend\n", name: "mkcd")
    #expect(body == "mkdir -p $argv[1]\nand cd $argv[1]")
    #expect(AdoptionParser.fishFunctionBody("function a\nend\nfunction b\nend\n", name: "a") == nil)
  }

  @Test func ghosttyRepeatsBecomeListsAndScalarsTyped() {
    let settings = AdoptionParser.ghostty(
      "# mine\nfont-size = 15\nkeybind = a=b\nkeybind = c=d\ncopy-on-select = true\ntheme = \"Nord\"\n\n")
    #expect(settings.map(\.key) == ["font-size", "keybind", "copy-on-select", "theme"])
    #expect(settings.map(\.value) == [.int(15), .list([.string("a=b"), .string("c=d")]), .bool(true), .string("Nord")])
  }

  @Test func gitAliasesAndStateVersion() {
    let aliases = AdoptionParser.gitAliases("alias.co checkout\nalias.lg log --graph --oneline\nuser.name x\n")
    #expect(aliases.map(\.key) == ["co", "lg"])
    #expect(aliases.map(\.value) == [.string("checkout"), .string("log --graph --oneline")])
    #expect(AdoptionParser.stateVersion("{\n  home.stateVersion = \"24.05\";\n}") == "24.05")
    #expect(AdoptionParser.stateVersion("{ home = {\n    stateVersion = \"23.11\";\n  };\n}") == "23.11")
    #expect(AdoptionParser.stateVersion("{ }") == nil)
  }

  @Test func adoptedSectionsBecomeCommentedYAMLThatReadsBack() throws {
    var adoption = Adoption()
    adoption.sections = [
      .init(
        tool: "fish", option: "abbreviations", origin: "~/.config/fish/config.fish",
        values: [("gp", .string("git push")), ("x:y", .string("- dash"))]),
      .init(
        tool: "ghostty", option: "settings", origin: "~/.config/ghostty/config",
        values: [("font-size", .int(15)), ("keybind", .list([.string("a=b")]))]),
    ]
    let text = "tools:" + adoption.toolsYAML() + "\n"
    #expect(text.contains("  fish:\n    # From ~/.config/fish/config.fish\n    abbreviations:\n"))
    let root = try #require(try YAMLLoader().parse(Array(text.utf8), name: "t"))
    #expect(root["tools"]?["fish"]?["abbreviations"]?["x:y"]?.text == "- dash")
    #expect(root["tools"]?["ghostty"]?["settings"]?["font-size"]?.scalarValue == .int(15))
    #expect(root["tools"]?["ghostty"]?["settings"]?["keybind"]?.items?.first?.text == "a=b")
    #expect(Adoption().toolsYAML() == " {}")
  }
}
