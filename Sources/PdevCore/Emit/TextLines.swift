/// Text bound for a line-based context (a comment, a heading, a table cell, a terminal line)
/// cut at every line break any reader of it may see, with other control characters made
/// harmless.
public enum TextLines {
  /// Line breaks by any convention: \n, \r, vertical tab, form feed, NEL, U+2028, U+2029.
  public static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
    default: return false
    }
  }

  /// Control and bidirectional-override characters that can rewrite what a terminal or an
  /// editor shows.
  public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return (v < 0x20 && v != 0x09) || v == 0x7F || (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v)
      || (0x2066...0x2069).contains(v)
  }

  /// The lines of `text`; hidden characters become spaces.
  public static func split(_ text: String) -> [String] {
    var lines: [String] = []
    var current = String.UnicodeScalarView()
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      if isBreak(scalar) {
        // \r\n is one break.
        if !(scalar == "\n" && previousWasCR) {
          lines.append(String(current))
          current = String.UnicodeScalarView()
        }
        previousWasCR = scalar == "\r"
        continue
      }
      previousWasCR = false
      current.append(isHidden(scalar) ? " " : scalar)
    }
    lines.append(String(current))
    return lines
  }

  /// `text` on one line: breaks and hidden characters become spaces.
  public static func oneLine(_ text: String) -> String { split(text).joined(separator: " ") }

  /// `text` filled to `width` columns at spaces; each line starts with `indent`, or with
  /// `hanging` after the first.
  public static func wrap(_ text: String, indent: String, hanging: String? = nil, width: Int = 88) -> String {
    var lines: [String] = []
    var line = indent
    for word in text.split(separator: " ") {
      if line.count + word.count + 1 > width, line.contains(where: { $0 != " " }) {
        lines.append(line)
        line = hanging ?? indent
      }
      line += (line.hasSuffix(" ") || line.isEmpty ? "" : " ") + word
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }
}
