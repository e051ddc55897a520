{
  description = "pdev: set up and grow a developer environment on Nix";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs =
    { self, nixpkgs }:
    let
      # nixpkgs 26.11 builds no x86_64-darwin.
      systems = [
        "x86_64-linux"
        "aarch64-linux"
        "aarch64-darwin"
      ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      packages = forAllSystems (pkgs: {
        # nixpkgs' swift is a whole toolchain: Foundation, Dispatch, XCTest and Swift Testing
        # come with it (doc/languages-frameworks/swift.section.md, "Core libraries").
        default = pkgs.stdenv.mkDerivation (finalAttrs: {
          pname = "pdev";
          version = "0.1.0";
          src = nixpkgs.lib.cleanSource ./.;

          # swiftpm's hook provides the build phase: swift build -c release.
          nativeBuildInputs = [
            pkgs.swift
            pkgs.swiftpm
            pkgs.pkg-config
          ];
          buildInputs = [ pkgs.libyaml ];
          swiftpmFlags = [
            "--product"
            "pdev"
          ];

          # pdev finds its templates and profiles in ../share/pdev next to its binary.
          dontUseSwiftpmInstall = true;
          installPhase = ''
            runHook preInstall
            install -D "$(swiftpmBinPath)/pdev" "$out/bin/pdev"
            mkdir -p "$out/share/pdev"
            cp -R templates profiles "$out/share/pdev/"
            runHook postInstall
          '';

          meta = {
            description = "Renders home-manager and nixvim configuration, with week-by-week Neovim habit levels";
            mainProgram = "pdev";
            platforms = systems;
          };
        });
      });

      apps = forAllSystems (pkgs: {
        default = {
          type = "app";
          program = nixpkgs.lib.getExe self.packages.${pkgs.stdenv.hostPlatform.system}.default;
        };
      });
    };
}
