/// Renders diagnostics as `file:line:col: error: message`, the source line, a caret and help.
public struct DiagnosticPrinter: Sendable {
  public var sources: SourceRegistry
  public var style: TextStyle

  public init(sources: SourceRegistry, style: TextStyle) {
    self.sources = sources
    self.style = style
  }

  public func render(_ diagnostics: [Diagnostic]) -> String {
    // A secret one diagnostic hides stays hidden in every excerpt of its line.
    let hidden = diagnostics.filter(\.redact).compactMap { d in d.location.map { ($0, d.length) } }
    return diagnostics.map { render($0, hidden: hidden) }.joined()
  }

  public func render(_ d: Diagnostic) -> String { render(d, hidden: d.redact ? d.location.map { [($0, d.length)] } ?? [] : []) }

  func render(_ d: Diagnostic, hidden: [(SourceLocation, Int)]) -> String {
    var out = ""
    let label: String
    switch d.severity {
    case .error: label = style.error("error:")
    case .warning: label = style.warning("warning:")
    case .note: label = style.note("note:")
    }
    let code = d.code.map { " " + style.dim("[\($0.code)]") } ?? ""
    if let loc = d.location {
      out += style.bold("\(loc):") + " \(label) \(style.bold(DiagnosticPrinter.visible(d.message)))\(code)\n"
      if let file = sources.file(named: loc.file), let line = file.line(loc.line) {
        let masks = hidden.filter { $0.0.file == loc.file && $0.0.line == loc.line }.map { ($0.0.column - 1, $0.1) }
        out += excerpt(line: line, location: loc, length: d.length, masks: masks)
      }
    } else {
      out += "pdev: \(label) \(style.bold(DiagnosticPrinter.visible(d.message)))\(code)\n"
    }
    for note in d.notes {
      out += indentContinuation("\(style.note("note:")) \(DiagnosticPrinter.visible(note))", width: 6) + "\n"
    }
    if let help = d.help {
      out += indentContinuation("\(style.help("help:")) \(DiagnosticPrinter.visible(help))", width: 6) + "\n"
    }
    return out
  }

  /// Longest excerpt shown, in characters; a longer line is cut to a window around the
  /// caret so that a one-line file of megabytes still reads as one message.
  static let excerptWidth = 100

  /// The source line with its caret; `masks` (column, length) and anything shaped like a
  /// credential are starred out.
  private func excerpt(line: Substring, location: SourceLocation, length: Int, masks: [(Int, Int)])
    -> String
  {
    let number = String(location.line)
    let gutterWidth = max(5, number.count + 1)
    let pad = String(repeating: " ", count: gutterWidth - number.count)
    let blank = String(repeating: " ", count: gutterWidth)
    var scalars = Array(line.unicodeScalars)
    var start = min(max(location.column - 1, 0), scalars.count)
    if location.line == 1, scalars.first == "\u{FEFF}" {
      scalars.removeFirst()
      start = max(0, start - 1)
    }
    var span = max(1, min(length, max(1, scalars.count - start)))
    let shift = scalars.count - Array(line.unicodeScalars).count
    for (column, count) in masks where column + shift < scalars.count {
      let from = max(0, column + shift)
      for i in from..<min(scalars.count, from + max(1, count)) { scalars[i] = "*" }
    }
    // Token shapes are ASCII: byte ranges are scalar ranges up to the first wider character.
    let plain = String(String.UnicodeScalarView(scalars))
    if plain.unicodeScalars.allSatisfy(\.isASCII) {
      for range in TokenShapes.ranges(in: plain) where range.upperBound <= scalars.count {
        for i in range { scalars[i] = "*" }
      }
    }
    // A window around the caret when the line is too long to show whole.
    var lead = false
    var trail = false
    let width = DiagnosticPrinter.excerptWidth
    span = min(span, width / 2)
    if scalars.count > width {
      let from = max(0, min(start - width / 4, scalars.count - width))
      let to = min(scalars.count, from + width)
      lead = from > 0
      trail = to < scalars.count
      scalars = Array(scalars[from..<to])
      start -= from
    }
    var text = lead ? "…" : ""
    // Keep tabs in the caret line so it lines up under the source line.
    var prefix = lead ? " " : ""
    for (i, scalar) in scalars.enumerated() {
      let shown = DiagnosticPrinter.visible(scalar)
      text += shown
      if i < start { prefix += scalar == "\t" ? "\t" : String(repeating: " ", count: shown.unicodeScalars.count) }
    }
    if trail { text += "…" }
    let caret = "^" + String(repeating: "~", count: span - 1)
    return "\(pad)\(number) | \(text)\n\(blank) | \(prefix)\(style.error(caret))\n"
  }

  /// A character as it can safely reach a terminal: control, format and bidirectional
  /// characters are spelled out, so a file cannot move the cursor or reorder the line.
  static func visible(_ scalar: Unicode.Scalar) -> String {
    switch scalar.value {
    case 0x09, 0x20..<0x7F: return String(scalar)
    case 0x00: return "\\0"
    case 0x00..<0x20, 0x7F..<0xA0, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
      return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    default: return String(scalar)
    }
  }

  /// Message text with the same protection; newlines and tabs are kept.
  static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0 != "\n" && visible($0).unicodeScalars.count != 1 }) else { return text }
    var out = ""
    for scalar in text.unicodeScalars { out += scalar == "\n" ? "\n" : visible(scalar) }
    return out
  }

  private func indentContinuation(_ text: String, width: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
      .map { $0.offset == 0 ? String($0.element) : String(repeating: " ", count: width) + $0.element }
      .joined(separator: "\n")
  }
}
