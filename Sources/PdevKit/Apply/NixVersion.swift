/// A Nix version as `nix --version` prints it (`nix (Nix) 2.24.10`, `nix (Determinate Nix
/// 3.8.2) 2.30.2`): the last dotted number of the line.
public struct NixVersion: Sendable, Comparable, CustomStringConvertible {
  public var parts: [Int]

  /// nixpkgs' minimum (lib/minver.nix): older Nix cannot evaluate today's nixpkgs.
  public static let minimum = NixVersion(parts: [2, 18])

  public init(parts: [Int]) { self.parts = parts }

  public init?(versionOutput: String) {
    let words = versionOutput.split(whereSeparator: { $0 == " " || $0 == "\n" })
    for word in words.reversed() {
      let numbers = word.split(separator: ".").map { Int($0.prefix { $0.isNumber }) }
      if numbers.count >= 2, numbers.allSatisfy({ $0 != nil }) {
        parts = numbers.map { $0! }
        return
      }
    }
    return nil
  }

  public var description: String { parts.map(String.init).joined(separator: ".") }

  /// `nix config show` exists from Nix 2.20 on; older ones have `nix show-config`.
  public var hasConfigShow: Bool { self >= NixVersion(parts: [2, 20]) }

  public static func < (a: NixVersion, b: NixVersion) -> Bool {
    for i in 0..<max(a.parts.count, b.parts.count) {
      let x = i < a.parts.count ? a.parts[i] : 0
      let y = i < b.parts.count ? b.parts[i] : 0
      if x != y { return x < y }
    }
    return false
  }

  public static func == (a: NixVersion, b: NixVersion) -> Bool { !(a < b) && !(b < a) }
}
