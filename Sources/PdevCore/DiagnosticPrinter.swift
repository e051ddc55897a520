/// Renders diagnostics as `file:line:col: error: message`, the source line, a caret and help.
public struct DiagnosticPrinter: Sendable {
  public var sources: SourceRegistry
  public var style: TextStyle

  public init(sources: SourceRegistry, style: TextStyle) {
    self.sources = sources
    self.style = style
  }

  public func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(render).joined()
  }

  public func render(_ d: Diagnostic) -> String {
    var out = ""
    let label: String
    switch d.severity {
    case .error: label = style.error("error:")
    case .warning: label = style.warning("warning:")
    case .note: label = style.note("note:")
    }
    if let loc = d.location {
      out += style.bold("\(loc):") + " \(label) \(style.bold(d.message))\n"
      if let file = sources.file(named: loc.file), let line = file.line(loc.line) {
        out += excerpt(line: line, location: loc, length: d.length, redact: d.redact)
      }
    } else {
      out += "pdev: \(label) \(style.bold(d.message))\n"
    }
    for note in d.notes {
      out += indentContinuation("\(style.note("note:")) \(note)", width: 6) + "\n"
    }
    if let help = d.help {
      out += indentContinuation("\(style.help("help:")) \(help)", width: 6) + "\n"
    }
    return out
  }

  private func excerpt(line: Substring, location: SourceLocation, length: Int, redact: Bool)
    -> String
  {
    let number = String(location.line)
    let gutterWidth = max(5, number.count + 1)
    let pad = String(repeating: " ", count: gutterWidth - number.count)
    let blank = String(repeating: " ", count: gutterWidth)
    let scalars = Array(line.unicodeScalars)
    let start = min(max(location.column - 1, 0), scalars.count)
    let span = max(1, min(length, max(1, scalars.count - start)))
    var shown = scalars
    if redact, start < scalars.count {
      let end = min(scalars.count, start + span)
      for i in start..<end { shown[i] = "*" }
    }
    // Keep tabs in the caret line so it lines up under the source line.
    var prefix = ""
    for scalar in scalars[0..<start] { prefix.unicodeScalars.append(scalar == "\t" ? "\t" : " ") }
    let caret = "^" + String(repeating: "~", count: span - 1)
    var text = ""
    text.unicodeScalars.append(contentsOf: shown)
    return "\(pad)\(number) | \(text)\n\(blank) | \(prefix)\(style.error(caret))\n"
  }

  private func indentContinuation(_ text: String, width: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
      .map { $0.offset == 0 ? String($0.element) : String(repeating: " ", count: width) + $0.element }
      .joined(separator: "\n")
  }
}
