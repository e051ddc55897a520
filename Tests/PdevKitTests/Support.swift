import PdevCore
import PdevKit
@_exported import PdevTestSupport
import Testing

/// A workspace on a sandbox, with bundled files from the checkout.
func workspace(_ sandbox: Sandbox) -> Workspace {
  Workspace(
    paths: Paths.from(
      environment: sandbox.environment, home: sandbox.home, cwd: sandbox.configHome, share: Repository.root, configFile: nil))
}

/// The first host of the sandbox's pdev.yaml, resolved at `level`.
func resolvedHosts(_ sandbox: Sandbox, level: Int = 1) throws -> [ResolvedHost] {
  let w = workspace(sandbox)
  let config = try w.config(defaultUsername: "ada")
  let progression = try w.progression(for: config)
  return try Resolver(catalog: try w.catalog(), progression: progression, level: level).resolve(config)
}

func diagnostics(_ body: () throws -> Void) -> [Diagnostic] {
  do {
    try body()
    return []
  } catch let error as DiagnosticList {
    return error.sorted
  } catch {
    Issue.record("threw \(error), not diagnostics")
    return []
  }
}
