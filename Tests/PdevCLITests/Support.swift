@_exported import PdevCLITestSupport
import PdevKit
@_exported import PdevTestSupport

/// The bundled catalog and default progression, loaded as pdev loads them.
enum Bundled {
  static let workspace: Workspace = {
    let sandbox = Sandbox()
    return Workspace(
      paths: Paths.from(
        environment: sandbox.environment, home: sandbox.home, cwd: sandbox.configHome, share: Repository.root, configFile: nil))
  }()
  static let catalog = try! workspace.catalog()
  static let progression: Progression = try! ProgressionLoader(catalog: catalog, documents: workspace.documents).load(
    "default", bundledDirectory: workspace.paths.bundledProgressions, relativeTo: "/", at: nil)
}
