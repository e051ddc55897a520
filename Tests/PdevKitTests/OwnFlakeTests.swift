import Foundation
import Testing

@testable import PdevTestSupport

/// pdev's own flake, as far as Nix can look at it without a store: it parses, exposes a
/// package and an app for each supported system, and builds the way nixpkgs' Swift docs say
/// (the toolchain brings Foundation; swiftpm's hook builds; templates and profiles are
/// installed beside the binary).
@Suite struct OwnFlakeTests {
  @Test(.enabled(if: Validator.runs("nix-instantiate")))
  func theFlakeFollowsTodaysNixpkgs() throws {
    let expression = """
      let
        flake = import \(Repository.path("flake.nix"));
        systems = [ "x86_64-linux" "aarch64-linux" "aarch64-darwin" "x86_64-darwin" ];
        pkgs = system: {
          swift = "swift"; swiftpm = "swiftpm"; pkg-config = "pkg-config"; libyaml = "libyaml";
          stdenv.hostPlatform.system = system;
          stdenv.mkDerivation = f: let attrs = f attrs; in attrs // { outPath = "/nix/store/pdev"; };
        };
        nixpkgs = {
          lib = {
            genAttrs = names: f: builtins.listToAttrs (map (n: { name = n; value = f n; }) names);
            cleanSource = p: p;
            getExe = p: "${p.outPath}/bin/${p.meta.mainProgram}";
          };
          legacyPackages = builtins.listToAttrs (map (s: { name = s; value = pkgs s; }) systems);
        };
        outputs = flake.outputs { self = outputs; inherit nixpkgs; };
        pdev = outputs.packages.x86_64-linux.default;
      in {
        systems = builtins.attrNames outputs.packages;
        apps = builtins.attrNames outputs.apps;
        program = outputs.apps.aarch64-darwin.default.program;
        inherit (pdev) pname nativeBuildInputs buildInputs swiftpmFlags dontUseSwiftpmInstall;
        mainProgram = pdev.meta.mainProgram;
        installs = pdev.installPhase;
        nixpkgsUrl = flake.inputs.nixpkgs.url;
      }
      """
    let result = try Validator.run("nix-instantiate", ["--eval", "--strict", "--json", "-E", expression])
    #expect(result.status == 0, "\(result.err)")
    struct Shape: Decodable {
      var systems: [String]
      var apps: [String]
      var program: String
      var pname: String
      var nativeBuildInputs: [String]
      var buildInputs: [String]
      var swiftpmFlags: [String]
      var dontUseSwiftpmInstall: Bool
      var mainProgram: String
      var installs: String
      var nixpkgsUrl: String
    }
    let shape = try JSONDecoder().decode(Shape.self, from: Data(result.out.utf8))
    #expect(shape.systems == ["aarch64-darwin", "aarch64-linux", "x86_64-linux"])
    #expect(shape.apps == shape.systems)
    #expect(shape.program == "/nix/store/pdev/bin/pdev")
    #expect(shape.nativeBuildInputs == ["swift", "swiftpm", "pkg-config"])
    #expect(shape.buildInputs == ["libyaml"], "Foundation comes with nixpkgs' swift toolchain")
    #expect(shape.swiftpmFlags == ["--product", "pdev"])
    #expect(shape.installs.contains("cp -R templates profiles \"$out/share/pdev/\""))
    #expect(shape.nixpkgsUrl == "github:NixOS/nixpkgs/nixos-unstable")
  }
}
