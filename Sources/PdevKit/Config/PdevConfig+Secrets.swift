extension PdevConfig {
  /// Every `{ secret-file: PATH }` the enabled tools of any host reference, sorted.
  public var secretFiles: [String] {
    var paths = Set<String>()
    for host in hosts {
      for (_, setting) in host.tools where setting.enabled {
        var stack = Array(setting.values.values)
        while let value = stack.popLast() {
          switch value {
          case .secretFile(let path): paths.insert(path)
          case .list(let items): stack += items
          case .map(let m): stack += m.values
          default: break
          }
        }
      }
    }
    return paths.sorted()
  }
}
