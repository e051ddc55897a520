/// Something resolution decided about a tool on one host that the user should hear of.
public struct HostNote: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// Not installed: the host's system is not among the tool's platforms.
    case unavailable(PlatformSet)
    /// Not installed: it needs a tool that is not installed here.
    case needs(String)
    /// Installed, but without the sandbox its settings ask for (which needs Linux).
    case noSandbox
  }

  public var tool: String
  public var host: String
  public var system: System
  public var kind: Kind

  /// The tool is not installed on the host.
  public var leavesOut: Bool {
    switch kind {
    case .unavailable, .needs: return true
    case .noSandbox: return false
    }
  }

  public var description: String {
    switch kind {
    case .unavailable(let platforms):
      return "\(tool) is left out on \(host) (\(system.rawValue)): it is available on \(platforms.description) only."
    case .needs(let missing): return "\(tool) is left out on \(host): it needs \(missing)."
    case .noSandbox: return "\(tool) runs without a sandbox on \(host): the sandbox needs Linux (bubblewrap, podman or docker)."
    }
  }
}
