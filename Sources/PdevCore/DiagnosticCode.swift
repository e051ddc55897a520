/// What kind of problem a diagnostic reports. The code is printed after the message
/// (`pdev.yaml:14:5: error: unknown tool 'ripgre' [PD204]`), `pdev explain PD204` prints
/// its entry, and docs/errors.md lists them all. Codes are stable: a code is never reused
/// for another kind of problem, and a new kind gets a new code.
public enum DiagnosticCode: String, CaseIterable, Sendable {
  // Reading a file
  case fileUnreadable = "PD101"
  case fileTooLarge = "PD102"
  case encoding = "PD103"
  case yamlSyntax = "PD104"
  case duplicateKey = "PD105"
  case aliasLimit = "PD106"

  // What a configuration says
  case unknownKey = "PD201"
  case wrongType = "PD202"
  case invalidValue = "PD203"
  case unknownTool = "PD204"
  case unknownPlugin = "PD205"
  case unknownProfile = "PD206"
  case extendsCycle = "PD207"
  case unsupportedVersion = "PD208"
  case misplacedKey = "PD209"
  case literalSecret = "PD210"
  case unknownTheme = "PD211"
  case unsupportedSystem = "PD212"
  case duplicateEntry = "PD213"
  case unavailable = "PD214"
  case shellSyntax = "PD215"
  case missingKey = "PD216"
  case configExists = "PD217"
  case noConfiguration = "PD218"
  case unknownHost = "PD219"

  // pdev's own data: catalog, progressions, templates
  case catalog = "PD301"
  case progression = "PD302"
  case template = "PD303"
  case missingShare = "PD304"

  // The level state and locks
  case stateCorrupt = "PD401"
  case levelPinned = "PD402"
  case busy = "PD403"

  // The output folder
  case handEdited = "PD501"
  case foreignFile = "PD502"
  case outputPath = "PD503"
  case writeFailed = "PD504"
  case noGeneration = "PD505"
  case notGenerated = "PD506"

  // Nix and home-manager
  case nixMissing = "PD601"
  case nixTooOld = "PD602"
  case buildFailed = "PD603"
  case switchFailed = "PD604"
  case wouldClobber = "PD605"
  case updateFailed = "PD606"

  // The command line
  case usage = "PD701"

  public var code: String { rawValue }

  /// The code as a user may type it: `PD204` or `pd204`.
  public init?(lookingUp text: String) {
    self.init(rawValue: text.uppercased())
  }

  /// One line: what went wrong.
  public var title: String {
    switch self {
    case .fileUnreadable: "a file cannot be read"
    case .fileTooLarge: "a file or a value is too large"
    case .encoding: "a file is not UTF-8 text"
    case .yamlSyntax: "the YAML is malformed or uses a feature pdev does not read"
    case .duplicateKey: "a key is written twice in one mapping"
    case .aliasLimit: "a YAML alias is unknown or expands too far"
    case .unknownKey: "a key pdev does not know"
    case .wrongType: "a value of the wrong type"
    case .invalidValue: "a value outside what the key accepts"
    case .unknownTool: "a tool the catalog does not have"
    case .unknownPlugin: "a Neovim plugin the catalog does not have"
    case .unknownProfile: "a profile that does not exist"
    case .extendsCycle: "profiles extend each other in a loop, or too deep"
    case .unsupportedVersion: "a file's version is missing or not one this pdev reads"
    case .misplacedKey: "a key written where it does not belong"
    case .literalSecret: "a secret written as a literal"
    case .unknownTheme: "a theme the catalog does not have"
    case .unsupportedSystem: "a host system nixpkgs does not build for"
    case .duplicateEntry: "something listed or defined twice"
    case .unavailable: "a tool or plugin that cannot be installed as asked"
    case .shellSyntax: "shell code that fish cannot parse"
    case .missingKey: "a required key or entry is missing"
    case .configExists: "the file to create exists already"
    case .noConfiguration: "there is no pdev.yaml"
    case .unknownHost: "a host pdev.yaml does not define"
    case .catalog: "the catalog's data is inconsistent"
    case .progression: "a progression's data is inconsistent"
    case .template: "a template cannot be read or rendered"
    case .missingShare: "pdev's bundled files are missing"
    case .stateCorrupt: "the level state cannot be read"
    case .levelPinned: "the level is pinned in pdev.yaml"
    case .busy: "another pdev is at work, or a file changed underneath"
    case .handEdited: "a generated file was edited by hand"
    case .foreignFile: "a file in the output folder was not written by pdev"
    case .outputPath: "the output folder cannot be used"
    case .writeFailed: "a file could not be written"
    case .noGeneration: "there is no generation to go back to"
    case .notGenerated: "nothing has been generated yet"
    case .nixMissing: "Nix is not installed"
    case .nixTooOld: "Nix is too old"
    case .buildFailed: "building the home configuration failed"
    case .switchFailed: "home-manager switch failed"
    case .wouldClobber: "an existing file stands where home-manager will write"
    case .updateFailed: "updating the flake's inputs failed"
    case .usage: "the command line is not one pdev understands"
    }
  }

  /// What it means and what to do, in a few sentences.
  public var explanation: String {
    switch self {
    case .fileUnreadable:
      "pdev could not open a file it needs: it is missing, a folder, not a regular file, or not readable by you. Check the path the message names and its permissions."
    case .fileTooLarge:
      "pdev reads YAML files up to 4 MiB and single values up to the size the message names, so that a wrong file cannot exhaust memory. Check that the path is the file you meant; keep long scripts in files of their own."
    case .encoding:
      "pdev reads UTF-8 text. A UTF-16 byte-order mark, a byte that is not UTF-8, or a control character is refused. Save the file as UTF-8 and write control characters as escapes in double quotes."
    case .yamlSyntax:
      "The file is not well-formed YAML, or uses something pdev refuses on purpose: tabs in indentation, several documents, tags, merge keys, non-text mapping keys, very deep nesting. The message points at the spot and the help says how to write it."
    case .duplicateKey:
      "YAML keeps one value per key, so a second one would silently win. Remove one of them; the note says where the first one is."
    case .aliasLimit:
      "An alias (`*name`) names no anchor, or aliases expand to more nodes or text than a configuration ever needs (an alias bomb). Write the values out, or share settings through `extends`."
    case .unknownKey:
      "The key is not one this place accepts; the help names the nearest key or lists the allowed ones. `pdev explain KEY` describes every key; docs/configuration.md lists them."
    case .wrongType:
      "The value's type does not match the key: a list where a mapping belongs, text where a number belongs, `yes` where `true` belongs (pdev reads YAML 1.2). The message says what was expected."
    case .invalidValue:
      "The value has the right type but is not one the key accepts: a name with characters Nix cannot use, a number out of range, a word outside the allowed set. The message and help say what is accepted."
    case .unknownTool:
      "The tool is not in the catalog. The help suggests the nearest name; `pdev list tools` lists them all, and `pdev new-tool NAME` adds one to your own catalog."
    case .unknownPlugin:
      "The Neovim plugin is not in the catalog. The help suggests the nearest name; `pdev list plugins` lists them all."
    case .unknownProfile:
      "`extends` names a profile that is neither bundled nor a file next to pdev.yaml, or the profile is empty. `pdev list profiles` lists the bundled ones."
    case .extendsCycle:
      "Profiles extend each other in a loop, or the chain is longer than 16. The note shows the chain; break it at one place."
    case .unsupportedVersion:
      "pdev.yaml, profiles, catalogs and progressions start with `version: 1`. A missing version or a newer one means the file was written for another pdev; upgrade pdev or write `version: 1`."
    case .misplacedKey:
      "Some keys belong to pdev.yaml only (generations, ci), some to profiles only (description). The message says where the key belongs."
    case .literalSecret:
      "A key that looks secret holds a literal value. Generated files land in the world-readable Nix store, so write a reference instead: `{ secret-file: PATH }` or `{ env: NAME }`. The value is masked in the message."
    case .unknownTheme:
      "The theme is not in the catalog, or a dark/light pair names a theme of the other appearance. `pdev list themes` lists the themes and their appearance."
    case .unsupportedSystem:
      "A host's `system` is not one of x86_64-linux, aarch64-linux, aarch64-darwin, or x86_64-darwin on a channel that dropped it, or `nixos` is set on a macOS host. The help names the way out."
    case .duplicateEntry:
      "A package, level or entry appears twice where each may appear once. Remove the second one."
    case .unavailable:
      "A tool or plugin cannot be installed as asked: it does not exist for the host's platform, it conflicts with another one, or it needs one that is turned off. The message names both sides."
    case .shellSyntax:
      "Fish functions and init code from pdev.yaml and your own profiles are checked with `fish --no-execute` when fish is installed, so a typo fails here rather than in every new shell. Fix the line fish names."
    case .missingKey:
      "A key or entry that must be there is missing, such as a host's system or at least one host. The help shows how to write it."
    case .configExists:
      "`pdev init` creates pdev.yaml and leaves an existing one alone. Edit it and run `pdev generate`, or run `pdev init --force` to start over (the old file is backed up)."
    case .noConfiguration:
      "pdev looks for pdev.yaml in its configuration folder (PDEV_CONFIG_HOME, XDG_CONFIG_HOME/pdev, ~/.config/pdev) unless --config names one. Run `pdev init` to write one, or pass --config FILE."
    case .unknownHost:
      "The command names a host that pdev.yaml does not define; the help suggests the nearest one. The hosts are the keys under `hosts:`."
    case .catalog:
      "A catalog (bundled or your own under profiles/catalog) contradicts itself: a field of the wrong shape, a reference to something that does not exist, a theme colour missing. The location is in the catalog file."
    case .progression:
      "A progression's levels do not fit together: a level defined twice, a plugin removed that was never added, a key that a habit plugin does not have. The location is in the progression file."
    case .template:
      "A template or render fragment cannot be parsed or names a value that does not exist. The location is in the template."
    case .missingShare:
      "pdev cannot find its bundled templates and profiles. Install pdev with bootstrap.sh, or set PDEV_SHARE to the folder that holds templates/ and profiles/."
    case .stateCorrupt:
      "The level state file (state.json in pdev's state folder) is not what pdev writes. The help says how to repair it; `pdev level set N --reset` starts over and keeps the old file next to it."
    case .levelPinned:
      "`neovim.level` in pdev.yaml pins the level, so level-up and level-down change nothing. Remove the pin to let the level move."
    case .busy:
      "Another pdev holds the lock on the same files, or a file changed while pdev was editing it. Nothing was written; run the command again once the other one is done."
    case .handEdited:
      "A file pdev generated was edited after it was written, and writing now would lose that edit. Move the change into pdev.yaml or local.nix (`pdev diff` shows it), or run with --force to replace it: your version is backed up first."
    case .foreignFile:
      "The output folder holds a file pdev did not write where it would write one. pdev refuses to replace it; move it away, or into local.nix, or run with --force: it is backed up first."
    case .outputPath:
      "The output folder is not a folder, a path leads outside it, or this command may not write there. The message names the path."
    case .writeFailed:
      "The operating system refused a write: disk full, read-only file system, permissions. The message carries its reason; nothing was left half-written."
    case .noGeneration:
      "`pdev rollback` needs an earlier generation of the output folder and its copies of the files. The message says what is missing."
    case .notGenerated:
      "The command works on the rendered flake, and there is none yet. Run `pdev generate` first."
    case .nixMissing:
      "The command needs Nix and cannot find it. Install Nix (bootstrap.sh can) and open a new shell."
    case .nixTooOld:
      "The Nix found is older than the oldest that evaluates current nixpkgs. Upgrade Nix."
    case .buildFailed:
      "Nix could not build the home configuration. Its output above says why; nothing was switched."
    case .switchFailed:
      "home-manager switch stopped; its output above says why. The previous generation stays active."
    case .wouldClobber:
      "A file or link that home-manager is about to write exists already and is not home-manager's. `pdev apply` moves such files into a private backup before switching; the message names the one it could not move."
    case .updateFailed:
      "`nix flake update` did not leave a readable flake.lock. The lock file is as it was before."
    case .usage:
      "An unknown command or flag, or a flag without its value. The usage line and `pdev COMMAND --help` show what the command takes."
    }
  }
}
