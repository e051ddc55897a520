import PdevCore
import PdevKit

/// The machine's Nix, as far as pdev needs to know it: where it is, its version, and whether
/// flakes are on. Without flakes, every nix and home-manager call gets them for itself.
struct NixSetup {
  let nix: String
  let version: NixVersion?
  let flakes: Bool

  /// Arguments that turn flakes on for one call, when the configuration does not.
  var featureArguments: [String] { flakes ? [] : ["--extra-experimental-features", "nix-command flakes"] }

  /// nil when Nix is not installed.
  static func detect(_ run: RunEnvironment) -> NixSetup? {
    guard let nix = Tools(run: run).path("nix") else { return nil }
    let processes = run.context.processes
    let version = processes.capture(nix, ["--version"]).flatMap { NixVersion(versionOutput: $0.output) }
    return NixSetup(nix: nix, version: version, flakes: flakesEnabled(nix, version: version, processes: processes))
  }

  /// `nix config show` (Nix 2.20 and later), else `nix show-config`: whichever answers.
  static func flakesEnabled(_ nix: String, version: NixVersion?, processes: ProcessRunner) -> Bool {
    let modern = ["config", "show", "experimental-features"]
    let legacy = ["show-config"]
    for arguments in (version?.hasConfigShow ?? true) ? [modern, legacy] : [legacy, modern] {
      guard let result = processes.capture(nix, arguments), result.status == 0 else { continue }
      let lines = result.output.split(separator: "\n").map(String.init)
      let features = arguments == modern ? lines.joined(separator: " ") : lines.first { $0.hasPrefix("experimental-features") } ?? ""
      return features.split(whereSeparator: { $0 == " " || $0 == "=" }).contains("flakes")
    }
    return false
  }

  /// `DIR#homeConfigurations."user@host".activationPackage`.
  static func activationAttribute(output: String, user: String, host: String) -> String {
    "\(output)#homeConfigurations.\(NixSyntax.quoted("\(user)@\(host)")).activationPackage"
  }

  /// Builds `attribute` without a result link: its store path, or nil with Nix's output.
  func build(_ attribute: String, run: RunEnvironment) -> (path: String?, output: String) {
    let arguments = featureArguments + ["build", "--no-link", "--print-out-paths", attribute]
    run.info("Building: nix \(arguments.map(Shell.quote).joined(separator: " "))")
    guard let result = run.context.processes.capture(nix, arguments) else { return (nil, "") }
    let path = result.status == 0 ? result.output.split(separator: "\n").last(where: { $0.hasPrefix("/") }).map(String.init) : nil
    return (path, result.output)
  }

  /// How to install Nix, for the machine that has none.
  static let installInstructions = [
    "Nix is not installed. Install it (https://nixos.org/download), then run this again:",
    "  sh <(curl --proto '=https' --tlsv1.2 -L https://nixos.org/nix/install) --daemon",
    "pdev turns flakes on for its own calls; to have them everywhere, add",
    "  experimental-features = nix-command flakes",
    "to ~/.config/nix/nix.conf.",
  ]
}
