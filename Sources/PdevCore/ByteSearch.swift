extension String {
  /// Whether `needle` occurs in this string, comparing UTF-8 bytes. Foundation's
  /// `contains(_:)` goes through CFString and costs far more on hot paths.
  public func containsBytes(_ needle: String) -> Bool {
    let haystack = Array(utf8)
    let pattern = Array(needle.utf8)
    guard let first = pattern.first else { return true }
    guard haystack.count >= pattern.count else { return false }
    var i = 0
    let last = haystack.count - pattern.count
    while i <= last {
      if haystack[i] == first {
        var j = 1
        while j < pattern.count, haystack[i + j] == pattern[j] { j += 1 }
        if j == pattern.count { return true }
      }
      i += 1
    }
    return false
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
    guard !pattern.isEmpty, haystack.count >= pattern.count else { return self }
    var out: [UInt8] = []
    out.reserveCapacity(haystack.count)
    var i = 0
    var found = false
    while i < haystack.count {
      if i + pattern.count <= haystack.count, haystack[i] == pattern[0], haystack[i..<(i + pattern.count)].elementsEqual(pattern) {
        out.append(contentsOf: replacement.utf8)
        i += pattern.count
        found = true
      } else {
        out.append(haystack[i])
        i += 1
      }
    }
    return found ? String(decoding: out, as: UTF8.self) : self
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
