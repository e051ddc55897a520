import PdevCore

/// What counts as a secret: keys named like one, and values shaped like well-known tokens.
public enum SecretRules {
  static let secretWords: Set<String> = [
    "token", "secret", "password", "passwd", "passphrase", "key", "apikey", "credential", "credentials",
    "pat", "privatekey", "authorization", "cookie", "bearer",
  ]

  /// True for keys such as GITHUB_TOKEN, apiKey, db-password.
  public static func looksSecret(_ key: String) -> Bool {
    words(key).contains { secretWords.contains($0) }
  }

  static func words(_ key: String) -> [String] {
    var words: [String] = []
    var current = ""
    var previousLower = false
    for c in key {
      if c == "_" || c == "-" || c == "." || c == " " {
        if !current.isEmpty { words.append(current.lowercased()) }
        current = ""
        previousLower = false
        continue
      }
      if c.isUppercase && previousLower {
        words.append(current.lowercased())
        current = ""
      }
      current.append(c)
      previousLower = c.isLowercase || c.isNumber
    }
    if !current.isEmpty { words.append(current.lowercased()) }
    return words
  }

  /// Well-known token shapes, credentials in URLs and authorization headers (TokenShapes).
  public static func looksLikeToken(_ text: String) -> Bool { TokenShapes.contains(text) }

  private static func isTokenByte(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
  }

  public static func isEnvironmentName(_ name: String) -> Bool {
    guard let first = name.utf8.first, !(first >= 0x30 && first <= 0x39) else { return false }
    return name.utf8.allSatisfy { isTokenByte($0) && $0 != 0x2D }
  }

  static func help(key: String, allowsReference: Bool) -> String {
    if allowsReference {
      let file = key.lowercased().replacingAll("_", with: "-")
      return
        "write a reference instead:\n\(key): { secret-file: ~/.config/secrets/\(file) }\nor \(key): { env: \(SecretRules.isEnvironmentName(key) ? key : "NAME") }"
    }
    return "pdev cannot pass a secret here; keep it in a file the program reads at run time, outside pdev.yaml"
  }
}
