import Foundation
import PdevCore
import PdevKit
import Testing

/// The catalog names only real upstream things, and its own code checks out.
@Suite struct CatalogTests {
  static let catalog: Catalog = try! workspace(Sandbox()).catalog()

  @Test func everyPackageIsARealNixpkgsAttribute() {
    for tool in CatalogTests.catalog.tools.values {
      for attribute in tool.packages?.all ?? [] {
        #expect(Reference.shared.nixpkgsAttributes.contains(attribute), "\(tool.name): pkgs.\(attribute)")
      }
    }
  }

  @Test func platformsFollowNixpkgs() {
    let c = CatalogTests.catalog
    #expect(c.tools["ghostty"]?.packages?.darwin == "ghostty-bin")
    #expect(c.tools["github-copilot-cli"]?.platforms.contains(.x86_64Darwin) == false)
    #expect(c.tools["claude-code"]?.unfree == true && c.tools["github-copilot-cli"]?.unfree == true)
    #expect(c.tools["nixfmt"]?.packages?.standard == "nixfmt")
    #expect(c.tools["doggo"]?.packages?.standard == "doggo")
    #expect(c.tools["yq"]?.packages?.standard == "yq-go")
  }

  @Test func everyModuleIsAHomeManagerModule() {
    for tool in CatalogTests.catalog.tools.values {
      guard let module = tool.module else { continue }
      let path = module.split(separator: ".").map(String.init) + ["enable"]
      #expect(Reference.shared.problem(with: path) == nil, "\(tool.name): \(module)")
    }
  }

  @Test func everyPluginAndServerIsInNixvim() {
    let c = CatalogTests.catalog
    for plugin in c.plugins.values {
      #expect(
        Reference.shared.problem(with: ["programs", "nixvim"] + plugin.nixvim.split(separator: ".").map(String.init) + ["enable"]) == nil,
        "\(plugin.name)")
    }
    for scheme in c.colorschemes.keys {
      #expect(Reference.shared.pluginIndex["colorschemes." + scheme] != nil, "\(scheme)")
    }
    for language in c.languages.values {
      for server in language.servers {
        #expect(Reference.shared.pluginIndex["lsp.servers." + server] != nil, "\(language.name): \(server)")
      }
    }
  }

  @Test func habitSettingsAreUpstreamKeysWithUpstreamDefaults() {
    let reference = Reference.rows("hardtime-precognition.tsv")
    for plugin in ["hardtime", "precognition"] {
      let schema = CatalogTests.catalog.plugins[plugin]!.settingsSchema!
      for field in schema {
        let row = reference.first { $0[0].hasPrefix(plugin) && $0[1] == field.name }
        #expect(row != nil, "\(plugin).\(field.name) is not an upstream key")
        guard let row, let value = field.defaultValue else { continue }
        switch value {
        case .int(let i): #expect(row[3] == String(i), "\(plugin).\(field.name): upstream default is \(row[3])")
        case .bool(let b): #expect(row[3] == String(b), "\(plugin).\(field.name): upstream default is \(row[3])")
        case .string(let s): #expect(row[3] == "\"\(s)\"", "\(plugin).\(field.name): upstream default is \(row[3])")
        default: break
        }
      }
    }
  }

  @Test(.enabled(if: Validator.runs("luajit")))
  func everyLuaKeymapCompiles() throws {
    let c = CatalogTests.catalog
    let keymaps = c.plugins.values.flatMap(\.keymaps) + c.core.keymaps + c.core.lspKeymaps
    let dir = makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var checked = 0
    for keymap in keymaps {
      guard case .lua(let code) = keymap.action else { continue }
      let file = "\(dir)/\(checked).lua"
      try ("local _ = " + code).write(toFile: file, atomically: true, encoding: .utf8)
      let result = try Validator.run("luajit", ["-bl", file])
      #expect(result.status == 0, "\(keymap.owner) \(keymap.key): \(result.err)")
      checked += 1
    }
    #expect(checked > 15)
  }

  @Test func whichKeyGroupsCoverTheLeaderKeymaps() {
    let c = CatalogTests.catalog
    for keymap in c.plugins.values.flatMap(\.keymaps) + c.core.keymaps where keymap.key.hasPrefix("<leader>") && keymap.key.count > 9 {
      let grouped = c.group(of: keymap.key) != nil || keymap.key.dropFirst(8).count == 1
      #expect(grouped, "\(keymap.owner) \(keymap.key) has no which-key group")
    }
  }

  func catalogErrors(_ text: String) -> [Diagnostic] {
    diagnostics {
      let root = try YAMLLoader().parse(Array(text.utf8), name: "c.yaml")
      _ = try CatalogLoader().load([("c.yaml", root)])
    }
  }

  /// A habit plugin is data: the catalog guide's example, beside the bundled catalog, says
  /// in the learning plan what it does at each level.
  @Test func aHabitPluginsNotesFollowItsSettings() throws {
    let guide = Repository.read("docs/catalog.md")
    let section = try #require(guide.range(of: "### Habit plugins"))
    let start = try #require(guide.range(of: "```yaml\n", range: section.upperBound..<guide.endIndex))
    let end = try #require(guide.range(of: "```", range: start.upperBound..<guide.endIndex))
    var documents: [(name: String, root: YAMLNode?)] = []
    for file in ["tools.yaml", "neovim.yaml", "themes.yaml"] {
      let text = Repository.read("profiles/catalog/" + file)
      documents.append((file, try YAMLLoader().parse(Array(text.utf8), name: file)))
    }
    let example = String(guide[start.upperBound..<end.lowerBound])
    documents.append(("guide.yaml", try YAMLLoader().parse(Array(example.utf8), name: "guide.yaml")))
    let rules = HabitRules(catalog: try CatalogLoader().load(documents))
    let strict = LevelSettings(habits: ["hardtime-lite": .map(["strict": .bool(true)])])
    let lenient = LevelSettings(habits: ["hardtime-lite": .map([:])])
    #expect(rules.sentences(strict).contains("Repeating j or k more than three times is blocked."))
    #expect(!rules.sentences(strict).contains("Repeating j or k shows a hint."))
    #expect(rules.sentences(lenient).contains("Repeating j or k shows a hint."), "the upstream default holds where unset")
    #expect(!rules.sentences(LevelSettings()).contains("Repeating j or k shows a hint."), "a plugin no level sets says nothing")
  }

  @Test func habitNotesNameTheSettingsOfTheirSchema() {
    let bad = """
      version: 1
      plugins:
        nagger:
          description: x
          nixvim: plugins.nagger
          habit: true
          settings-schema:
            strict: { type: bool, upstream: false, description: x }
          habit-notes:
            - { text: "Strict.", when: { stric: true } }
            - { text: "Loud.", when: { strict: loud } }
        quiet:
          description: x
          nixvim: plugins.quiet
          habit-notes: [{ text: "Quiet." }]
      """
    let found = catalogErrors(bad)
    #expect(found.contains { $0.message == "'stric' is not a setting of this plugin" && $0.help == "did you mean 'strict'?" })
    #expect(found.contains { $0.message.hasPrefix("expected true or false") && $0.location?.line == 11 })
    #expect(found.contains { $0.message == "habit-notes describe a habit plugin's settings" && $0.code == .catalog })
  }

  @Test func aUserCatalogEntryIsValidatedToo() {
    let bad = """
      version: 1
      tools:
        mytool:
          description: x
          group: clii
          package: mytool
          requires: [gti]
          options:
            colour: { type: strng }
          module: programs.mytool
          render:
            programs.mytool: { enable: true, color: "{{color}}" }
      """
    let messages = catalogErrors(bad).map(\.message)
    #expect(messages.contains("unknown group 'clii'"))
    #expect(messages.contains("'strng' is not a type"))
    #expect(messages.contains("unknown placeholder '{{color}}'"))
    #expect(messages.contains("tool 'mytool' requires unknown tool 'gti'"))
  }

  @Test(arguments: [
    ("string", ValueType.string), ("list<string>", .list(.string)), ("map<list<string>>", .map(.list(.string))),
    ("enum<a,b>", .enumeration(["a", "b"])), ("int|false", .union([.int, .literalFalse])),
  ])
  func typeSyntax(text: String, type: ValueType) {
    #expect(ValueType.parse(text, named: []) == type)
    #expect(type.description == text)
  }
}
