/// A named mapping type declared in the catalog (e.g. `mcp-server`).
public struct StructType: Sendable {
  public var name: String
  public var description: String
  public var fields: [FieldSpec]
  /// Exactly one of these fields must be set.
  public var oneOf: [String]

  public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }
}

/// A key with a type: a tool option, a struct field or a habit-plugin setting.
public struct FieldSpec: Sendable {
  public var name: String
  public var type: ValueType
  public var description: String
  public var minimum: Int?
  public var defaultValue: ConfigValue?
  public var example: String?
  /// For plugin settings: the Lua literal an empty list or map becomes inside this setting, when
  /// the plugin spells "none" other than as `{}` (hardtime's key maps take `false`).
  public var emptyLua: String?

  public init(
    name: String, type: ValueType, description: String = "", minimum: Int? = nil,
    defaultValue: ConfigValue? = nil, example: String? = nil, emptyLua: String? = nil
  ) {
    self.emptyLua = emptyLua
    self.name = name
    self.type = type
    self.description = description
    self.minimum = minimum
    self.defaultValue = defaultValue
    self.example = example
  }
}
