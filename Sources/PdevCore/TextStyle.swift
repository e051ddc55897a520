/// ANSI styling that collapses to plain text when colour is off.
public struct TextStyle: Sendable {
  public let enabled: Bool

  public init(enabled: Bool) { self.enabled = enabled }

  public static let plain = TextStyle(enabled: false)

  /// Colour is used only when not disabled by flag or `NO_COLOR`, `TERM` is not `dumb`,
  /// and the stream is a terminal.
  public static func policy(noColorFlag: Bool, environment: [String: String], isTerminal: Bool)
    -> TextStyle
  {
    if noColorFlag { return .plain }
    if let value = environment["NO_COLOR"], !value.isEmpty { return .plain }
    if environment["TERM"] == "dumb" { return .plain }
    return TextStyle(enabled: isTerminal)
  }

  private func wrap(_ code: String, _ text: String) -> String {
    enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }

  public func bold(_ text: String) -> String { wrap("1", text) }
  public func error(_ text: String) -> String { wrap("1;31", text) }
  public func warning(_ text: String) -> String { wrap("1;33", text) }
  public func note(_ text: String) -> String { wrap("1;36", text) }
  public func help(_ text: String) -> String { wrap("1;32", text) }
  public func added(_ text: String) -> String { wrap("32", text) }
  public func removed(_ text: String) -> String { wrap("31", text) }
  public func dim(_ text: String) -> String { wrap("2", text) }
  public func header(_ text: String) -> String { wrap("1;36", text) }
}
