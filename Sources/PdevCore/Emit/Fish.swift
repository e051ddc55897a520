/// Fish source text.
public enum Fish {
  /// `text` as one fish word: single-quoted, with `\` and `'` escaped; nothing in it expands.
  public static func quoted(_ text: String) -> String {
    "'" + text.escapingBytes([UInt8(ascii: "\\"): "\\\\", UInt8(ascii: "'"): "\\'"]) + "'"
  }

  /// `text` as a fish word, quoted only when it has to be.
  public static func word(_ text: String) -> String {
    !text.isEmpty
      && text.unicodeScalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./:=+,@%".unicodeScalars.contains($0))
      }
      ? text : quoted(text)
  }
}
