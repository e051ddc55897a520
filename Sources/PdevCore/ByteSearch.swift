/// The first position at or after `start` where `pattern` occurs in `haystack`.
public func bytePosition(of pattern: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
  guard let first = pattern.first else { return start }
  var i = start
  let last = haystack.count - pattern.count
  while i <= last {
    if haystack[i] == first {
      var j = 1
      while j < pattern.count, haystack[i + j] == pattern[j] { j += 1 }
      if j == pattern.count { return i }
    }
    i += 1
  }
  return nil
}

extension String {
  /// Whether `needle` occurs in this string, comparing UTF-8 bytes. Foundation's
  /// `contains(_:)` goes through CFString and costs far more on hot paths.
  public func containsBytes(_ needle: String) -> Bool {
    bytePosition(of: Array(needle.utf8), in: Array(utf8)) != nil
  }
}

extension String {
  /// This string with each ASCII byte found in `replacements` replaced by its text; the
  /// string itself when none occurs. A cheap stand-in for chained `replacingOccurrences`.
  public func escapingBytes(_ replacements: [UInt8: String]) -> String {
    guard utf8.contains(where: { replacements[$0] != nil }) else { return self }
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count + 8)
    for byte in utf8 {
      if let replacement = replacements[byte] { out.append(contentsOf: replacement.utf8) } else { out.append(byte) }
    }
    return String(decoding: out, as: UTF8.self)
  }
}

extension String {
  /// Every occurrence of `target` replaced by `replacement`, left to right, compared as UTF-8
  /// bytes (so without Foundation).
  public func replacingAll(_ target: String, with replacement: String) -> String {
    let haystack = Array(utf8)
    let pattern = Array(target.utf8)
    guard !pattern.isEmpty, var match = bytePosition(of: pattern, in: haystack) else { return self }
    var out: [UInt8] = []
    out.reserveCapacity(haystack.count)
    var i = 0
    while true {
      out.append(contentsOf: haystack[i..<match])
      out.append(contentsOf: replacement.utf8)
      i = match + pattern.count
      guard let next = bytePosition(of: pattern, in: haystack, from: i) else { break }
      match = next
    }
    out.append(contentsOf: haystack[i...])
    return String(decoding: out, as: UTF8.self)
  }

  /// Without leading and trailing white space.
  public var trimmingWhitespace: String {
    guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
    return String(self[first...last])
  }
}

extension String {
  /// Filled with spaces to `width` characters, or cut to it.
  public func padded(to width: Int) -> String {
    count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
  }
}
