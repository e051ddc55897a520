import Testing

@testable import PdevCore

@Suite struct TemplateTests {
  func render(
    _ source: String, _ context: [String: TemplateValue], partials: [String: String] = [:],
    escape: @escaping (String) -> String = NixSyntax.quoted
  ) throws(DiagnosticList) -> String {
    let template = try Template(source: source, name: "t.tmpl")
    let renderer = TemplateRenderer(escape: escape) { (name) throws(DiagnosticList) in
      guard let text = partials[name] else {
        throw DiagnosticList([.error(.template, "no partial \(name)")])
      }
      return try Template(source: text, name: name)
    }
    return try renderer.render(template, context)
  }

  func failure(_ source: String, _ context: [String: TemplateValue] = [:]) -> Diagnostic? {
    do {
      _ = try render(source, context)
      return nil
    } catch {
      return error.items.first
    }
  }

  @Test func textValuesGoThroughTheEscaperAndCodeDoesNot() throws {
    let out = try render("a = {{s}}; b = {{c}};", ["s": .text("x\"${y}"), "c": .code("pkgs.fd")])
    #expect(out == #"a = "x\"\${y}"; b = pkgs.fd;"#)
  }

  @Test func sectionsIterateListsAndTestBooleans() throws {
    let source = """
      {{#tools}}
      - {{name}}{{#unfree}} (unfree){{/unfree}}
      {{/tools}}
      {{^tools}}
      none
      {{/tools}}
      """
    let context: [String: TemplateValue] = [
      "tools": [["name": .code("fish"), "unfree": false], ["name": .code("claude"), "unfree": true]]
    ]
    #expect(try render(source + "\n", context) == "- fish\n- claude (unfree)\n")
    #expect(try render(source + "\n", ["tools": []]) == "none\n")
  }

  @Test func tagOnlyLinesVanish() throws {
    let source = "a\n  {{! a comment }}\n  {{#on}}\n  b\n  {{/on}}\nc\n"
    #expect(try render(source, ["on": true]) == "a\n  b\nc\n")
  }

  @Test func aStandaloneVariableThatIsEmptyLeavesNoLine() throws {
    let source = "{\n  {{body}}\n}\n"
    #expect(try render(source, ["body": .code("")]) == "{\n}\n")
    #expect(try render(source, ["body": .code("x = 1;\ny = 2;")]) == "{\n  x = 1;\n  y = 2;\n}\n")
  }

  @Test func multiLineValuesFollowTheLinesIndentation() throws {
    let source = "{\n  programs.fish = {{fish}};\n}\n"
    let out = try render(source, ["fish": .code("{\n  enable = true;\n}")])
    #expect(out == "{\n  programs.fish = {\n    enable = true;\n  };\n}\n")
  }

  @Test func dottedNamesAndTheCurrentItem() throws {
    let out = try render("{{#xs}}[{{.}}]{{/xs}} {{user.name}}", ["xs": [.code("1"), .code("2")], "user": ["name": .code("ada")]])
    #expect(out == "[1][2] ada")
  }

  @Test func standalonePartialsAreIndented() throws {
    let out = try render("x\n  {{> p}}\ny\n", [:], partials: ["p": "a\nb\n"])
    #expect(out == "x\n  a\n  b\ny\n")
  }

  @Test func unknownVariablesAreLocated() throws {
    let d = try #require(failure("line\n  {{nmae}}\n", ["name": "x"]))
    #expect(d.message == "unknown variable 'nmae'")
    #expect(d.location == SourceLocation(file: "t.tmpl", line: 2, column: 3))
    #expect(d.help == "did you mean 'name'?")
  }

  @Test func unclosedTagsAndSectionsAreLocated() throws {
    let tag = try #require(failure("ok\nbad {{name\n"))
    #expect(tag.message == "unclosed tag: '{{' without '}}' on this line")
    #expect(tag.location == SourceLocation(file: "t.tmpl", line: 2, column: 5))
    let section = try #require(failure("{{#a}}\nx\n", ["a": true]))
    #expect(section.message == "section 'a' is never closed")
    #expect(section.location == SourceLocation(file: "t.tmpl", line: 1, column: 1))
    let mismatch = try #require(failure("{{#a}}{{/b}}", ["a": true]))
    #expect(mismatch.message == "'{{/b}}' does not match the open section 'a'")
  }

  @Test func rawOutputIsRefused() throws {
    let d = try #require(failure("{{{x}}}", ["x": "y"]))
    #expect(d.message == "unescaped output is not supported")
  }

  @Test func selfIncludingPartialsStop() throws {
    #expect(throws: DiagnosticList.self) {
      try render("{{> p}}", [:], partials: ["p": "{{> p}}"])
    }
  }

  @Test func printingAListIsAnError() throws {
    let d = try #require(failure("{{xs}}", ["xs": []]))
    #expect(d.message == "'xs' is a list, not something to print")
  }
}
