/// Markdown escaping for text placed in generated documents.
public enum Markdown {
  /// Inline text with Markdown's special characters escaped, safe in paragraphs and tables.
  public static func text(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count + 8)
    // Any line break would end a heading or a table row: the text stays on one line.
    let line = text.unicodeScalars.contains(where: { TextLines.isBreak($0) || TextLines.isHidden($0) }) ? TextLines.oneLine(text) : text
    for byte in line.utf8 {
      switch byte {
      case 0x5C, 0x60, 0x2A, 0x5F, 0x5B, 0x5D, 0x23, 0x7C, 0x7E:  // \ ` * _ [ ] # | ~
        out.append(0x5C)
        out.append(byte)
      case 0x3C: out.append(contentsOf: Array("&lt;".utf8))
      case 0x3E: out.append(contentsOf: Array("&gt;".utf8))
      case 0x26: out.append(contentsOf: Array("&amp;".utf8))
      case 0x0A: out.append(0x20)
      default: out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// An inline code span whose fence is longer than any backtick run inside it.
  public static func code(_ text: String) -> String {
    var longest = 0
    var run = 0
    for c in text {
      if c == "`" {
        run += 1
        longest = max(longest, run)
      } else {
        run = 0
      }
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
    // A `|` would end a table cell even inside a code span on GitHub.
    let body = text.replacingPipes()
    return fence + pad + body + pad + fence
  }

  /// A key sequence such as `<leader>ff` as `<kbd>` elements, one per key; an Ex command
  /// (`:w`, `:%s/a/b/g`) as code.
  /// `leader` names the key `<leader>` stands for.
  public static func keys(_ sequence: String, leader: String = "Space") -> String {
    if sequence.count > 1, sequence.hasPrefix(":") { return code(sequence) }
    return splitKeys(sequence, leader: leader).map { "<kbd>" + html($0) + "</kbd>" }.joined()
  }

  /// Keys written as they are pressed (`Alt+h`, `Ctrl+g`), alternatives split by ` / `.
  public static func pressed(_ keys: String) -> String {
    keys.split(separator: " / ").map { "<kbd>" + html(String($0)) + "</kbd>" }.joined(separator: " / ")
  }

  /// The name of a leader key (Neovim's `mapleader`): a space is `Space`.
  public static func keyName(ofLeader leader: String) -> String { leader == " " ? "Space" : leader }

  /// Keys written by name without angle brackets.
  static let namedKeys: Set<String> = ["Esc", "Enter", "Tab", "Space", "Backspace"]

  /// `<leader>ff` → ["Space", "f", "f"]; `<C-d>` → ["Ctrl-d"].
  public static func splitKeys(_ sequence: String, leader: String = "Space") -> [String] {
    if namedKeys.contains(sequence) { return [sequence] }
    var keys: [String] = []
    var scalars = Array(sequence.unicodeScalars)[...]
    while let first = scalars.first {
      if first == "<", let close = scalars.firstIndex(of: ">"), close > scalars.startIndex + 1 {
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars[(scalars.startIndex + 1)..<close])
        keys.append(name.lowercased() == "leader" ? leader : keyName(name))
        scalars = scalars[(close + 1)...]
      } else {
        keys.append(String(first))
        scalars.removeFirst()
      }
    }
    return keys
  }

  private static func keyName(_ name: String) -> String {
    let lower = name.lowercased()
    switch lower {
    case "cr", "enter", "return": return "Enter"
    case "esc": return "Esc"
    case "bs": return "Backspace"
    case "tab": return "Tab"
    case "space": return "Space"
    case "up", "down", "left", "right": return name.prefix(1).uppercased() + lower.dropFirst()
    default:
      if lower.hasPrefix("c-") { return "Ctrl-" + name.dropFirst(2) }
      if lower.hasPrefix("s-") { return "Shift-" + name.dropFirst(2) }
      if lower.hasPrefix("a-") || lower.hasPrefix("m-") { return "Alt-" + name.dropFirst(2) }
      return name
    }
  }

  static func html(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "|": out += "&#124;"
      default: out.append(c)
      }
    }
    return out
  }
}

extension String {
  fileprivate func replacingPipes() -> String {
    contains("|") ? split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") : self
  }
}
