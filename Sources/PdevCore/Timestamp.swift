/// ISO-8601 instants as seconds since 1970 (UTC), parsed and formatted without Foundation.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var seconds: Int64

  public init(seconds: Int64) { self.seconds = seconds }

  public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

  public func adding(days: Int) -> Timestamp { Timestamp(seconds: seconds + Int64(days) * 86_400) }

  /// Whole days from `self` to `later` (rounded down).
  public func days(until later: Timestamp) -> Int { Int((later.seconds - seconds).floorDiv(86_400)) }

  /// `2026-11-23T10:00:00Z`
  public var iso: String {
    let (y, m, d) = Timestamp.civil(fromDays: seconds.floorDiv(86_400))
    let rest = seconds - seconds.floorDiv(86_400) * 86_400
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(Int(rest / 3600), 2)):\(pad(Int(rest % 3600 / 60), 2)):\(pad(Int(rest % 60), 2))Z"
  }

  /// `2026-11-23`
  public var date: String { String(iso.prefix { $0 != "T" }) }
  /// `20261128T091500Z`: the instant as a file name part.
  public var compact: String { iso.filter { $0 != "-" && $0 != ":" } }

  public var description: String { iso }

  /// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or `±HH:MM` (no zone = UTC).
  public static func parse(_ text: String) -> Timestamp? {
    let s = Array(text.utf8)
    func number(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= s.count else { return nil }
      var value = 0
      for b in s[from..<(from + count)] {
        guard b >= 48, b <= 57 else { return nil }
        value = value * 10 + Int(b - 48)
      }
      return value
    }
    // Instants pdev works with lie between 1970 and 9999: a date outside is a typo, and would
    // not read back the same.
    guard s.count >= 10, let year = number(0, 4), (1970...9999).contains(year), s[4] == UInt8(ascii: "-"), let month = number(5, 2),
      s[7] == UInt8(ascii: "-"), let day = number(8, 2), (1...12).contains(month), day >= 1,
      day <= daysIn(month: month, year: year)
    else { return nil }
    var seconds = Int64(days(fromCivil: year, month, day)) * 86_400
    var i = 10
    if i < s.count {
      guard s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " "), let h = number(i + 1, 2), s.count > i + 3,
        s[i + 3] == UInt8(ascii: ":"), let mi = number(i + 4, 2), h < 24, mi < 60
      else { return nil }
      seconds += Int64(h * 3600 + mi * 60)
      i += 6
      if i < s.count, s[i] == UInt8(ascii: ":") {
        guard let sec = number(i + 1, 2), sec < 61 else { return nil }
        seconds += Int64(sec)
        i += 3
        if i < s.count, s[i] == UInt8(ascii: ".") {
          i += 1
          while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 }
        }
      }
      if i < s.count {
        if s[i] == UInt8(ascii: "Z") {
          i += 1
        } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
          guard let oh = number(i + 1, 2), s.count >= i + 6, s[i + 3] == UInt8(ascii: ":"), let om = number(i + 4, 2)
          else { return nil }
          let offset = Int64(oh * 3600 + om * 60)
          seconds += s[i] == UInt8(ascii: "+") ? -offset : offset
          i += 6
        }
      }
      guard i == s.count else { return nil }
    }
    return Timestamp(seconds: seconds)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  // Howard Hinnant's days_from_civil / civil_from_days.
  static func days(fromCivil y: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y - 1 : y
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civil(fromDays z64: Int64) -> (Int, Int, Int) {
    let z = Int(z64) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp + (mp < 10 ? 3 : -9)
    return (m <= 2 ? y + 1 : y, m, d)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let parsed = Timestamp.parse(text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an ISO-8601 time"))
    }
    self = parsed
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso)
  }
}

private func pad(_ value: Int, _ width: Int) -> String {
  let s = String(value)
  return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension Int64 {
  func floorDiv(_ d: Int64) -> Int64 {
    let q = self / d
    return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
  }
}
