import PdevCore

/// Reads YAML files, remembering their text so diagnostics can quote them.
public struct DocumentLoader: Sendable {
  public let sources: SourceRegistry
  public let display: @Sendable (String) -> String
  /// Notes each file read, for the generation's fingerprint.
  public let recorder: InputRecorder?

  public init(sources: SourceRegistry, display: @escaping @Sendable (String) -> String, recorder: InputRecorder? = nil) {
    self.sources = sources
    self.display = display
    self.recorder = recorder
  }

  /// The parsed document at `path` (nil root for an empty file) and its display name.
  public func load(_ path: String) throws(DiagnosticList) -> (name: String, root: YAMLNode?) {
    if let replacement = replacements[path] { return try parse(replacement, path: path) }
    let bytes = try FileIO.read(path, display: display(path), limit: YAMLLoader.maxFileSize)
    recorder?.file(path, bytes)
    return try parse(bytes, path: path)
  }

  public func parse(_ bytes: [UInt8], path: String) throws(DiagnosticList) -> (name: String, root: YAMLNode?) {
    let name = display(path)
    sources.add(SourceFile(name: name, bytes: bytes))
    return (name, try YAMLLoader().parse(bytes, name: name))
  }

  /// Contents to read instead of the file at a path: a pdev.yaml edit is validated this way
  /// before it is saved.
  public var replacements: [String: [UInt8]] = [:]
}
