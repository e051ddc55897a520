import PdevCore
import PdevKit

struct NewToolCommand: Command {
  static let spec = CommandSpec(
    name: "new-tool", summary: "Add a tool to your own catalog",
    usage: "pdev new-tool NAME [--package ATTR] [--module programs.NAME] [--group GROUP] [--force]",
    flags: [FlagSpec("package", value: "ATTR"), FlagSpec("module", value: "OPTION"), FlagSpec("group", value: "GROUP"), FlagSpec("force")],
    positionals: 1...1,
    help: """
      Usage: pdev new-tool NAME [--package ATTR] [--module programs.NAME] [--group GROUP] [--force]

      Write a catalog entry for NAME to $PDEV_CONFIG_HOME/catalog/NAME.yaml: its nixpkgs
      attribute, group, and (with --module) the home-manager module with a render fragment
      and a `settings` option. The entry is validated with the whole catalog before it is
      written. Edit it, then `pdev enable NAME`.

      Flags:
        --package ATTR    The nixpkgs attribute (default: NAME)
        --module OPTION   The home-manager module, e.g. programs.NAME
        --group GROUP     shell, terminal, cli, git or ai (default: cli)
        --force           Replace an existing entry of that name (bundled ones are overridden)

      Exit codes: 0 written; 1 the tool exists (use --force); 3 the entry would be invalid.

      """, effects: [.config])

  struct Options: CommandOptions {
    var name: String
    var package: String
    var group: ToolGroup
    var module: String?
    var force: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
      name = arguments.positionals[0]
      let allowed = name.utf8.allSatisfy {
        ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D
      }
      guard allowed, let first = name.utf8.first, first != 0x2E, first != 0x5F, first != 0x2D else {
        throw UsageError(message: "'\(name)' is not a tool name", help: "use lower-case letters, digits, '-', '_' and '.'", command: spec)
      }
      package = arguments.value("package") ?? name
      let group = arguments.value("group") ?? ToolGroup.cli.rawValue
      guard let known = ToolGroup(rawValue: group) else {
        let groups = ToolGroup.allCases.map(\.rawValue)
        throw UsageError(
          message: "unknown group '\(group)'",
          help: EditDistance.didYouMean(group, in: groups) ?? "groups: " + groups.joined(separator: ", "),
          command: spec)
      }
      self.group = known
      module = arguments.value("module")
      force = arguments.flag("force")
    }
  }

  static func run(_ options: Options, _ run: RunEnvironment) throws -> Int32 {
    let name = options.name
    let catalog = try run.workspace.catalog()
    let path = PathText.join(run.paths.userCatalog, name + ".yaml")
    if (catalog.tools[name] != nil || FileIO.exists(path)) && !options.force {
      run.error(.duplicateEntry, "the catalog already has a tool '\(name)'")
      run.context.stderr.line("\(run.errorStyle.help("help:")) `pdev explain \(name)` shows it; --force writes your own entry over it")
      return ExitCode.differences
    }
    let package = options.package
    let group = options.group.rawValue
    var text = """
      # Your catalog entry for \(name). pdev reads every file in this directory after its own
      # catalog; an entry with a bundled name replaces the bundled one.
      # Check that the attribute exists: nix eval nixpkgs#\(package).name
      version: 1
      tools:
        \(YAMLText.scalar(name)):
          description: \(YAMLText.scalar("\(name) (describe it here)"))
          group: \(YAMLText.scalar(group))
          package: \(YAMLText.scalar(package))

      """
    if let module = options.module {
      text += """
            module: \(YAMLText.scalar(module))
            options:
              settings: { type: attrs, description: "Settings for \(name)." }
            render:
              \(YAMLText.scalar(module)):
                enable: true
                settings: "{{settings}}"

        """
    }
    var documents: [(name: String, root: YAMLNode?)] = []
    for file in FileIO.list(run.paths.bundledCatalog) where file.hasSuffix(".yaml") {
      documents.append(try run.workspace.documents.load(PathText.join(run.paths.bundledCatalog, file)))
    }
    for file in FileIO.list(run.paths.userCatalog) where file.hasSuffix(".yaml") && file != name + ".yaml" {
      documents.append(try run.workspace.documents.load(PathText.join(run.paths.userCatalog, file)))
    }
    do {
      documents.append(try run.workspace.documents.parse(Array(text.utf8), path: path))
      _ = try CatalogLoader().load(documents)
    } catch {
      // The entry was never written: its findings have no line to point at.
      throw error.unsaved(run.workspace.documents.display(path), about: "the entry for \(name) (nothing was written)")
    }
    try AtomicFile.write(Array(text.utf8), to: path, display: run.display(path))
    run.result("Wrote \(run.display(path)).")
    run.result(
      "Edit its description\(options.module == nil ? "" : " and options"), then `pdev enable \(name)` and `pdev generate`.")
    return ExitCode.success
  }
}
