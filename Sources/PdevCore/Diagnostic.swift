/// One problem found in the user's input, with where it is and what to do about it.
public struct Diagnostic: Error, Hashable, Sendable {
  public enum Severity: String, Sendable { case error, warning, note }

  public var severity: Severity
  /// The kind of problem, printed after the message and looked up with `pdev explain`.
  public var code: DiagnosticCode?
  public var message: String
  public var location: SourceLocation?
  /// Columns to underline from `location`, at least 1.
  public var length: Int
  public var help: String?
  public var notes: [String]
  /// Underlined text is a secret: print it masked.
  public var redact: Bool

  public init(
    _ severity: Severity, _ code: DiagnosticCode?, _ message: String, at location: SourceLocation? = nil,
    length: Int = 1, help: String? = nil, notes: [String] = [], redact: Bool = false
  ) {
    self.severity = severity
    self.code = code
    self.message = message
    self.location = location
    self.length = max(1, length)
    self.help = help
    self.notes = notes
    self.redact = redact
  }

  public static func error(
    _ code: DiagnosticCode, _ message: String, at location: SourceLocation? = nil, length: Int = 1,
    help: String? = nil, notes: [String] = [], redact: Bool = false
  ) -> Diagnostic {
    Diagnostic(.error, code, message, at: location, length: length, help: help, notes: notes, redact: redact)
  }
}

/// A set of diagnostics thrown together; `sorted` orders them by location, located ones first.
public struct DiagnosticList: Error, Sendable {
  /// Whether the user's input is wrong, or the machine (permissions, disk, missing programs).
  public enum Kind: Sendable { case input, environment }

  public var items: [Diagnostic]
  public var kind: Kind

  public init(_ items: [Diagnostic], kind: Kind = .input) {
    self.items = items
    self.kind = kind
  }

  public var sorted: [Diagnostic] {
    var seen = Set<Diagnostic>()
    let unique = items.filter { seen.insert($0).inserted }
    return unique.enumerated().sorted { lhs, rhs in
      switch (lhs.element.location, rhs.element.location) {
      case (let l?, let r?): return l == r ? lhs.offset < rhs.offset : l < r
      case (nil, nil): return lhs.offset < rhs.offset
      case (nil, _): return false
      case (_, nil): return true
      }
    }.map(\.element)
  }

  public var hasErrors: Bool { items.contains { $0.severity == .error } }

  /// The same findings for a text that was never saved as `file`: they lose their place
  /// there (no line on disk holds it) and say what they are about instead.
  public func unsaved(_ file: String, about what: String) -> DiagnosticList {
    DiagnosticList(
      items.map { item in
        guard let location = item.location, location.file == file else { return item }
        var copy = item
        copy.location = nil
        copy.message = "\(what): \(item.message)"
        return copy
      }, kind: kind)
  }
}

/// Collects diagnostics during a pass that should report everything at once.
public struct DiagnosticBag: Sendable {
  public private(set) var items: [Diagnostic] = []

  public init() {}

  public mutating func add(_ diagnostic: Diagnostic) { items.append(diagnostic) }
  public mutating func add(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

  public mutating func error(
    _ code: DiagnosticCode, _ message: String, at location: SourceLocation?, length: Int = 1,
    help: String? = nil, notes: [String] = [], redact: Bool = false
  ) {
    items.append(.error(code, message, at: location, length: length, help: help, notes: notes, redact: redact))
  }

  public var hasErrors: Bool { items.contains { $0.severity == .error } }

  /// Throws the collected diagnostics when any of them is an error.
  public func check() throws(DiagnosticList) {
    if hasErrors { throw DiagnosticList(items) }
  }
}
