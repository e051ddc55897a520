/// The top-level help; each command's help is a literal in its spec.
enum HelpText {
  static let main = """
    pdev: set up and grow a developer environment on Nix

    Usage: pdev [--config FILE] [-q] [-v] [--no-color] COMMAND [ARGS]

    Start:
      init           Detect this machine, write pdev.yaml and render the configuration
      generate       Render the configuration again after editing pdev.yaml
      apply          Build, save what the switch replaces, and switch this host

    Every week:
      status         Show your level, when the next is due, and the output's state
      level-up       Move to the next Neovim level (once 7 days have passed)
      level-down     Go back one level
      level set N    Go to level N

    Look around:
      diff           Show what generate would change
      list           List tools, plugins, profiles or levels
      explain        Show what pdev knows about a tool, plugin or configuration key
      doctor         Check Nix, home-manager, the output directory and the state

    Change and recover:
      enable TOOL    Turn a tool on in pdev.yaml, keeping its comments
      disable TOOL   Turn a tool off in pdev.yaml
      rollback [N]   Restore an earlier generation of the output
      update         Update the flake's inputs through Nix and show what changes
      new-tool NAME  Add a tool to your own catalog
      completions    Print shell completions for fish, zsh or bash

    Global flags:
      --config FILE  Read FILE instead of $PDEV_CONFIG_HOME/pdev.yaml
      -q, --quiet    Print only results and errors
      -v, --verbose  Say more about what pdev does
      --no-color     Never colour the output (as does NO_COLOR=1)
      -h, --help     Show help; `pdev COMMAND --help` for one command
      --version      Print pdev's version

    Exit codes: 0 success; 1 differences found, edits refused or level-up not yet due;
    2 usage error; 3 invalid input; 4 environment or I/O error.
    Environment: PDEV_CONFIG_HOME, PDEV_STATE_HOME, PDEV_SHARE, PDEV_NOW, NO_COLOR.

    """
}
