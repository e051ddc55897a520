import PdevCore

/// Finds profiles by name (the user's `profiles/` first, then the bundled ones) or by path.
public struct ProfileLocator: Sendable {
  public let userDirectory: String
  public let bundledDirectory: String

  public init(userDirectory: String, bundledDirectory: String) {
    self.userDirectory = userDirectory
    self.bundledDirectory = bundledDirectory
  }

  /// A reference with a slash or a `.yaml` ending is a path relative to the referring file.
  public static func isPath(_ reference: String) -> Bool {
    reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml")
  }

  public func path(for reference: String, from file: String) -> String? {
    if ProfileLocator.isPath(reference) {
      let expanded = PathText.normalize(PathText.join(PathText.directory(of: file), reference))
      return FileIO.exists(expanded) ? expanded : nil
    }
    for dir in [userDirectory, bundledDirectory] {
      let candidate = PathText.join(dir, reference + ".yaml")
      if FileIO.exists(candidate) { return candidate }
    }
    return nil
  }

  /// Profile names available by name, for `pdev list profiles` and did-you-mean.
  public func names() -> [String] {
    var names = Set<String>()
    for dir in [userDirectory, bundledDirectory] {
      // A profile's name is typed on command lines and offered by shell completions: only
      // files named as catalog names are profiles.
      for file in FileIO.list(dir) where file.hasSuffix(".yaml") && CatalogLoader.isName(String(file.dropLast(5))) {
        names.insert(String(file.dropLast(5)))
      }
    }
    return names.sorted()
  }
}
