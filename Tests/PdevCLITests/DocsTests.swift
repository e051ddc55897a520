import Foundation
import PdevCore
import PdevKit
import Testing

/// The learning plan and cheatsheet come from the same data as the editor.
@Suite struct DocsTests {
  @Test(arguments: ["laptop", "server"])
  func docsAtALaterLevelAreGolden(profile: String) {
    let (_, files) = RenderTests.render(profile: profile, level: 5)
    for name in ["docs/learning-plan.md", "docs/cheatsheet.md"] {
      if let problem = Golden.mismatch(files[name] ?? "", "docs/\(profile)-level5-\(PathText.lastComponent(name))") {
        Issue.record(Comment(rawValue: problem))
      }
    }
  }

  @Test func theLearningPlanMarksTheWeekAndSummarisesThePast() {
    let (_, files) = RenderTests.render(profile: "laptop", level: 3)
    let plan = files["docs/learning-plan.md"]!
    #expect(plan.contains("**You are on level 3 of 8: Counts and screen jumps; the arrows are off.**"))
    #expect(plan.contains("## Week 1: Get around without the arrow keys (done)"))
    #expect(plan.contains("## Week 3: Counts and screen jumps; the arrows are off (this week)"))
    #expect(plan.contains("## Week 4: Operators and text objects\n"))
    // A past week is a summary only.
    let week1 = plan.components(separatedBy: "## Week 1")[1].components(separatedBy: "## Week 2")[0]
    #expect(!week1.contains("### Learn"))
    #expect(plan.contains("run `pdev level-up` then"))
    #expect(
      plan.contains(
        "Disabled in Normal, Visual and Insert mode: <Up> <Down> <Left> <Right>.".replacingOccurrences(of: "<", with: "&lt;")
          .replacingOccurrences(of: ">", with: "&gt;")))
  }

  /// Keymaps of the generated modules, as (keys, description) pairs.
  static func keymaps(_ sandbox: Sandbox) throws -> Set<String> {
    var result = Set<String>()
    for file in ["keymaps.nix", "lsp.nix"] {
      let entries = try NixInspection.inspect(sandbox.output + "/modules/nixvim/" + file).config
      var keys: [String: String] = [:]
      var descriptions: [String: String] = [:]
      // List elements share a path; pair each key with the description that follows it.
      var index = 0
      for entry in entries {
        if entry.path.last == "key" { keys[String(index)] = entry.value }
        if entry.path.last == "desc" {
          descriptions[String(index)] = entry.value
          index += 1
        }
      }
      for (i, key) in keys { result.insert(Markdown.keys(key) + " | " + (descriptions[i] ?? "")) }
    }
    return result
  }

  /// Rows of the cheatsheet's Neovim tables, as (keys, description) pairs.
  static func cheatsheetRows(_ text: String) -> Set<String> {
    var result = Set<String>()
    let neovim = text.components(separatedBy: "\n## In the terminal").first ?? text
    for line in neovim.split(separator: "\n") where line.hasPrefix("| <kbd>") || line.hasPrefix("| `") {
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      result.insert(cells[0] + " | " + cells[2].replacingOccurrences(of: "\\", with: ""))
    }
    return result
  }

  @Test(.enabled(if: Validator.runs("nix-instantiate")), arguments: [1, 8])
  func everyKeymapIsInTheCheatsheetAndViceVersa(level: Int) throws {
    for profile in ["laptop", "server"] {
      let (sandbox, files) = RenderTests.render(profile: profile, level: level)
      let defined = try DocsTests.keymaps(sandbox)
      let documented = DocsTests.cheatsheetRows(files["docs/cheatsheet.md"]!)
      #expect(defined.count > 10)
      #expect(
        defined == documented,
        "\(profile) level \(level): only in the editor: \(defined.subtracting(documented)); only in the cheatsheet: \(documented.subtracting(defined))"
      )
    }
  }

  /// The terminal section lists the keys of the host's own tools, and the AI CLIs' only where
  /// there are some; the learning plan shows the same table.
  @Test func theTerminalSectionFollowsTheTools() throws {
    let (_, laptop) = RenderTests.render(profile: "laptop")
    let (_, server) = RenderTests.render(profile: "server")
    let terminal = try #require(laptop["docs/cheatsheet.md"]?.components(separatedBy: "## In the terminal\n").last)
    #expect(terminal.contains("| <kbd>Ctrl+g</kbd> |"))
    #expect(terminal.contains("| <kbd>Alt+a</kbd> | Turn the words on the command line into a shell command from claude or copilot"))
    #expect(terminal.contains("| `cld` | Expands to claude | claude-code |"))
    #expect(laptop["docs/learning-plan.md"]?.contains(terminal.trimmingCharacters(in: .newlines)) == true)
    let serverTerminal = try #require(server["docs/cheatsheet.md"]?.components(separatedBy: "## In the terminal\n").last)
    #expect(serverTerminal.contains("| `zdev` |") && !serverTerminal.contains("Alt+a"))
  }

  @Test func whichKeyGroupsAndCheatsheetSectionsMatch() {
    let (_, files) = RenderTests.render(profile: "laptop", level: 8)
    let keymaps = files["modules/nixvim/keymaps.nix"]!
    let cheatsheet = files["docs/cheatsheet.md"]!
    for (prefix, name) in [("<leader>f", "Find"), ("<leader>g", "Git"), ("<leader>h", "Harpoon"), ("<leader>x", "Diagnostics")] {
      #expect(keymaps.contains("__unkeyed-1 = \"\(prefix)\";\n        group = \"\(name)\";"), "\(prefix)")
      #expect(cheatsheet.contains("## \(Markdown.keys(prefix)) \(name)"), "\(prefix)")
    }
  }
}
