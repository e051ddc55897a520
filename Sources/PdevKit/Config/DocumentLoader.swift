import PdevCore

/// Reads YAML files, remembering their text so diagnostics can quote them.
public struct DocumentLoader: Sendable {
  public let sources: SourceRegistry
  public let display: @Sendable (String) -> String

  public init(sources: SourceRegistry, display: @escaping @Sendable (String) -> String) {
    self.sources = sources
    self.display = display
  }

  /// The parsed document at `path` (nil root for an empty file) and its display name.
  public func load(_ path: String) throws(DiagnosticList) -> (name: String, root: YAMLNode?) {
    let name = display(path)
    let bytes = try FileIO.read(path, display: name, limit: YAMLLoader.maxFileSize)
    sources.add(SourceFile(name: name, text: String(decoding: bytes, as: UTF8.self)))
    return (name, try YAMLLoader().parse(bytes, name: name))
  }
}
