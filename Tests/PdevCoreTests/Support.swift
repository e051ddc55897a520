import PdevCore
@_exported import PdevTestSupport

/// Test text with one `⌖` marking a position; the marker is removed.
struct Marked {
  let text: String
  let line: Int
  let column: Int

  init(_ source: String) {
    var line = 1
    var column = 1
    var found: (Int, Int)?
    var clean = ""
    for scalar in source.unicodeScalars {
      if scalar == "⌖" {
        found = (line, column)
        continue
      }
      clean.unicodeScalars.append(scalar)
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    precondition(found != nil, "no ⌖ marker in test source")
    self.text = clean
    (self.line, self.column) = found!
  }

  func location(_ file: String) -> SourceLocation {
    SourceLocation(file: file, line: line, column: column)
  }
}

func parseYAML(_ text: String, name: String = "t.yaml") throws(DiagnosticList) -> YAMLNode? {
  try YAMLLoader().parse(Array(text.utf8), name: name)
}

func diagnostics(of text: String) -> [Diagnostic] {
  do {
    _ = try parseYAML(text)
    return []
  } catch {
    return error.sorted
  }
}
