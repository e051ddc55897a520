import PdevCore

/// The nixpkgs attribute per platform.
public struct PackageChoice: Sendable, Equatable {
  public var standard: String
  public var linux: String?
  public var darwin: String?

  public func attribute(for system: System) -> String {
    (system.isDarwin ? darwin : linux) ?? standard
  }

  public var all: [String] { Array(Set([standard] + [linux, darwin].compactMap { $0 })).sorted() }
}

/// The four systems homeConfigurations are built for.
public enum System: String, Sendable, CaseIterable, Comparable {
  case x86_64Linux = "x86_64-linux"
  case aarch64Linux = "aarch64-linux"
  case x86_64Darwin = "x86_64-darwin"
  case aarch64Darwin = "aarch64-darwin"

  public var isDarwin: Bool { self == .x86_64Darwin || self == .aarch64Darwin }

  public static func < (a: System, b: System) -> Bool { a.rawValue < b.rawValue }
}

/// Where a tool can be installed.
public struct PlatformSet: Sendable, Equatable {
  public var systems: Set<System>

  public static let all = PlatformSet(systems: Set(System.allCases))

  public func contains(_ system: System) -> Bool { systems.contains(system) }

  public var description: String {
    if systems == PlatformSet.all.systems { return "all" }
    let linux: Set<System> = [.x86_64Linux, .aarch64Linux]
    let darwin: Set<System> = [.x86_64Darwin, .aarch64Darwin]
    if systems == linux { return "linux" }
    if systems == darwin { return "darwin" }
    return systems.sorted().map(\.rawValue).joined(separator: ", ")
  }
}
