/// UTF-8 checks that report where the first bad byte is.
enum UTF8Validation {
  enum Problem: Equatable {
    case invalid(UInt8)
    /// A character YAML does not allow in a file (C0 and C1 controls but tab, LF, CR, NEL; DEL).
    case control(UInt32)
  }

  /// UTF-16 or UTF-32, named by the byte-order mark the file starts with.
  static func otherEncoding(_ bytes: ArraySlice<UInt8>) -> String? {
    if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32" }
    if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16" }
    return nil
  }

  /// The offset and nature of the first byte that is not valid UTF-8 or not allowed in YAML.
  static func firstProblem(_ bytes: ArraySlice<UInt8>) -> (Int, Problem)? {
    var i = bytes.startIndex
    let end = bytes.endIndex
    while i < end {
      let lead = bytes[i]
      if lead < 0x80 {
        if (lead < 0x20 && lead != 0x09 && lead != 0x0A && lead != 0x0D) || lead == 0x7F {
          return (i - bytes.startIndex, .control(UInt32(lead)))
        }
        i += 1
        continue
      }
      let continuation: Int
      let minimum: UInt32
      var scalar: UInt32
      switch lead {
      case 0xC2...0xDF: (continuation, minimum, scalar) = (1, 0x80, UInt32(lead & 0x1F))
      case 0xE0...0xEF: (continuation, minimum, scalar) = (2, 0x800, UInt32(lead & 0x0F))
      case 0xF0...0xF4: (continuation, minimum, scalar) = (3, 0x10000, UInt32(lead & 0x07))
      default: return (i - bytes.startIndex, .invalid(lead))
      }
      for k in 1...continuation {
        guard i + k < end, bytes[i + k] & 0xC0 == 0x80 else { return (i - bytes.startIndex, .invalid(lead)) }
        scalar = scalar << 6 | UInt32(bytes[i + k] & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
        return (i - bytes.startIndex, .invalid(lead))
      }
      if (0x80...0x9F).contains(scalar), scalar != 0x85 { return (i - bytes.startIndex, .control(scalar)) }
      i += continuation + 1
    }
    return nil
  }

  /// 1-based line and column (in scalars) of a byte offset.
  static func position(of offset: Int, in bytes: ArraySlice<UInt8>) -> (Int, Int) {
    var line = 1
    var column = 1
    var i = bytes.startIndex
    let target = bytes.startIndex + offset
    while i < target {
      let b = bytes[i]
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    return (line, column)
  }
}
