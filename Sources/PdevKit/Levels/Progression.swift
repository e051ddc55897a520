import PdevCore

/// A week-by-week Neovim habit progression.
public struct Progression: Sendable {
  public var name: String
  public var description: String
  public var levels: [Level]
  public var file: String

  public var top: Int { levels.count }

  public func level(_ number: Int) -> Level? {
    number >= 1 && number <= levels.count ? levels[number - 1] : nil
  }

  /// What is in force at `number`: every level up to it, merged.
  public func effective(at number: Int) -> LevelSettings {
    var settings = LevelSettings()
    for level in levels.prefix(max(0, number)) {
      for plugin in level.plugins where !settings.plugins.contains(plugin) { settings.plugins.append(plugin) }
      settings.plugins.removeAll { level.removes.contains($0) }
      for (plugin, values) in level.habits {
        settings.habits[plugin] = (settings.habits[plugin] ?? .map([:])).merged(with: .map(values))
      }
      for plugin in level.plugins { settings.introducedAt[plugin] = level.number }
    }
    return settings
  }
}

public struct Level: Sendable {
  public var number: Int
  public var title: String
  public var summary: String
  public var plugins: [String]
  public var removes: [String]
  /// Settings per habit plugin (`hardtime`, `precognition`) this level changes.
  public var habits: [String: [String: ConfigValue]]
  public var learn: [LearnItem]
  public var practice: [String]
  public var ready: String
  public var location: SourceLocation
}

public struct LearnItem: Sendable, Equatable {
  public var keys: [String]
  public var what: String
}

/// The merged state of a progression at one level.
public struct LevelSettings: Sendable, Equatable {
  public var plugins: [String] = []
  public var habits: [String: ConfigValue] = [:]
  public var introducedAt: [String: Int] = [:]

  public init(plugins: [String] = [], habits: [String: ConfigValue] = [:], introducedAt: [String: Int] = [:]) {
    self.plugins = plugins
    self.habits = habits
    self.introducedAt = introducedAt
  }

  public func habit(_ plugin: String) -> [String: ConfigValue] { habits[plugin]?.mapValue ?? [:] }
}
