/// Text shaped like a credential: well-known token prefixes (GitHub, OpenAI and Anthropic,
/// Slack, AWS, GitLab, Google, Stripe, Hugging Face, npm), JSON Web Tokens, PEM private
/// keys, `scheme://user:password@host`, and `Bearer`/`Basic`/`token` authorization values.
/// One pass over the bytes; short or non-matching text leaves fast.
public enum TokenShapes {
  public static func contains(_ text: String) -> Bool {
    text.utf8.count >= shortest && (!ranges(in: text).isEmpty || hasPrivateKey(text))
  }

  static func hasPrivateKey(_ text: String) -> Bool { text.containsBytes("-----BEGIN") && text.containsBytes("PRIVATE KEY") }

  /// No shape fits in fewer bytes: most values are shorter and leave without a copy.
  private static let shortest = 10

  /// Byte ranges of `text` that look like credentials, for redaction.
  public static func ranges(in text: String) -> [Range<Int>] {
    guard text.utf8.count >= shortest else { return [] }
    let bytes = Array(text.utf8)
    var found: [Range<Int>] = []
    var start = 0
    while start < bytes.count {
      defer { start += 1 }
      guard start == 0 || !isTokenByte(bytes[start - 1]) else { continue }
      let byte = bytes[start]
      // Token prefixes, by their first byte.
      for index in prefixesByFirstByte[Int(byte)] {
        let (prefix, minimumTail) = prefixes[index]
        guard bytes.count - start >= prefix.count + minimumTail else { continue }
        guard bytes[start..<(start + prefix.count)].elementsEqual(prefix) else { continue }
        var end = start + prefix.count
        while end < bytes.count, isTokenByte(bytes[end]) { end += 1 }
        if end - start - prefix.count >= minimumTail { found.append(start..<end) }
      }
      // A JSON Web Token: three base64url parts, the first two starting with `eyJ`.
      if byte == 0x65, let end = jwtEnd(bytes, from: start) { found.append(start..<end) }
      // An authorization value, `Bearer X`, `Basic X` or `token X` with X of 8 characters or
      // more, is the whole text: as a header's value.
      for word in authWords
      where start == 0 && bytes.count - start > word.count + 8 && bytes[start..<(start + word.count)].elementsEqual(word) {
        var end = start + word.count
        while end < bytes.count,
          isTokenByte(bytes[end]) || bytes[end] == 0x2E || bytes[end] == 0x2B || bytes[end] == 0x2F || bytes[end] == 0x3D
        { end += 1 }
        if end - start - word.count >= 8 { found.append(start..<end) }
      }
    }
    // scheme://user:password@host
    var i = 0
    while let scheme = bytePosition(of: [0x3A, 0x2F, 0x2F], in: bytes, from: i) {
      var end = scheme + 3
      var colon: Int?
      while end < bytes.count, bytes[end] != 0x2F, bytes[end] != 0x20, bytes[end] != 0x40 {
        if bytes[end] == 0x3A { colon = end }
        end += 1
      }
      if end < bytes.count, bytes[end] == 0x40, let colon, colon + 1 < end { found.append((colon + 1)..<end) }
      i = scheme + 3
    }
    return found
  }

  /// For each byte value, the prefixes that start with it.
  private static let prefixesByFirstByte: [[Int]] = {
    var table = [[Int]](repeating: [], count: 256)
    for (index, (prefix, _)) in prefixes.enumerated() { table[Int(prefix[0])].append(index) }
    return table
  }()

  private static let prefixes: [([UInt8], Int)] = [
    ("ghp_", 30), ("gho_", 30), ("ghu_", 30), ("ghs_", 30), ("ghr_", 30), ("github_pat_", 30), ("sk-", 24),
    ("xoxb-", 10), ("xoxp-", 10), ("xoxa-", 10), ("xoxs-", 10), ("xapp-", 10), ("glpat-", 20), ("AKIA", 16), ("ASIA", 16),
    ("AIza", 35), ("sk_live_", 16), ("sk_test_", 16), ("rk_live_", 16), ("hf_", 30), ("npm_", 30),
  ].map { (Array($0.0.utf8), $0.1) }

  private static let authWords: [[UInt8]] = ["Bearer ", "bearer ", "Basic ", "token "].map { Array($0.utf8) }

  static func jwtEnd(_ bytes: [UInt8], from start: Int) -> Int? {
    guard bytes.count - start > 20, bytes[start..<(start + 3)].elementsEqual("eyJ".utf8) else { return nil }
    var end = start
    var dots = 0
    var partLength = 0
    while end < bytes.count, isTokenByte(bytes[end]) || bytes[end] == 0x2E {
      if bytes[end] == 0x2E {
        guard partLength >= 4 else { return nil }
        dots += 1
        partLength = 0
        if dots == 1, !(end + 3 < bytes.count && bytes[(end + 1)..<(end + 4)].elementsEqual("eyJ".utf8)) { return nil }
      } else {
        partLength += 1
      }
      end += 1
    }
    return dots == 2 && partLength >= 8 ? end : nil
  }

  static func isTokenByte(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
  }
}
