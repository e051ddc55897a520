import PdevCore

/// Fish code for the AI CLIs a host installs: a key that turns the command line's words into
/// a command suggested by one of them (never run), and wrappers that run one in a throw-away
/// sandbox with the project mounted and its login shared.
public enum AgentShell {
  /// Prints the command the first available AI CLI suggests for its arguments.
  public static let suggestFunction = "__pdev_ai_suggest"
  /// Bound to Alt-a: replaces the command line with the suggestion for it.
  public static let commandFunction = "__pdev_ai_command"
  /// Where the project appears inside a sandbox: `/workspace/<its folder's name>`.
  public static let workspace = "/workspace"
  public static let defaultImage = "docker.io/library/debian:stable-slim"

  /// What the model is asked, before the user's words.
  public static let instruction =
    "Reply with one fish shell command that does the following, and nothing else: no explanation, no Markdown. "

  /// `__pdev_ai_suggest WORDS…`: `$PDEV_AI_CLI` first, then the CLIs in rank order.
  public static func suggestBody(_ agents: [AgentSpec]) -> String {
    let askers = agents.filter { $0.ask != nil }.sorted { ($0.rank, $0.command) < ($1.rank, $1.command) }
    var body = """
      set -l request (string join ' ' -- $argv)
      test -n "$request"; or return 1
      set -l prompt \(Fish.quoted(instruction))$request
      for cli in $PDEV_AI_CLI \(askers.map { Fish.word($0.command) }.joined(separator: " "))
          command -q $cli; or continue
          switch $cli

      """
    for agent in askers {
      body += "        case \(Fish.word(agent.command))\n"
      body +=
        "            command \(agent.ask!.map(Fish.word).joined(separator: " ")) $prompt 2>/dev/null | string match -v -r '^\\s*```'\n"
    }
    body += """
          end
          return
      end
      echo 'pdev: no AI CLI to ask: install \(askers.map(\.command).joined(separator: " or "))' >&2
      return 1

      """
    return body
  }

  /// The key binding's function: the command line becomes the suggestion, for review.
  public static let commandBody = """
    set -l request (string trim -- (commandline))
    test -n "$request"; or return
    commandline -r -- "$request  # asking…"
    commandline -f repaint
    set -l answer (\(suggestFunction) $request)
    if test -n "$answer"
        commandline -r -- (string join \\n -- $answer)
    else
        commandline -r -- $request
    end
    commandline -f repaint

    """

  /// Alt-a in the default and the vi insert mode.
  public static let bindings = """
    bind \\ea \(commandFunction)
    bind -M insert \\ea \(commandFunction)
    """

  /// A function named like the CLI that runs it in podman, docker or bubblewrap (the first
  /// found, or `$PDEV_SANDBOX`), with the git root mounted at /workspace/<name>, the SSH agent
  /// forwarded and the CLI's login shared; `--native` runs the CLI itself.
  public static func sandboxBody(_ agent: AgentSpec) -> String {
    let command = Fish.word(agent.command)
    var body = """
      if contains -- --native $argv
          command \(command) (string match -v -- --native $argv)
          return
      end
      set -l program (command -s \(command)); or begin
          echo '\(agent.command): not installed' >&2
          return 127
      end
      set program (path resolve -- $program)
      set -l root (git rev-parse --show-toplevel 2>/dev/null; or pwd)
      set -l project (path basename -- $root)
      set -l workdir \(workspace)/$project(string replace -- $root '' $PWD)
      set -l bins
      for profile in $HOME/.nix-profile /etc/profiles/per-user/$USER $HOME/.local/state/nix/profile
          test -d $profile/bin; and set -a bins (path resolve -- $profile)/bin
      end
      set -l search (string join : $bins /usr/bin /bin)
      set -l shared

      """
    for entry in agent.state {
      let path = "$HOME/" + Fish.word(entry.hasSuffix("/") ? String(entry.dropLast()) : entry)
      body += entry.hasSuffix("/") ? "mkdir -p \(path); and set -a shared \(path)\n" : "test -e \(path); and set -a shared \(path)\n"
    }
    body += """
      test -d $HOME/.config/git; and set -l gitconfig $HOME/.config/git
      set -l runtime $PDEV_SANDBOX
      if test -z "$runtime"
          for candidate in podman docker bwrap
              command -q $candidate; and set runtime $candidate; and break
          end
      end
      switch $runtime
          case podman docker
              set -l args run --rm --interactive --init --volume /nix/store:/nix/store:ro --volume $root:\(workspace)/$project --workdir $workdir --env HOME=$HOME --env PATH=$search --env TERM=$TERM
              isatty stdin; and set -a args --tty
              test $runtime = podman; and set -a args --userns=keep-id; or set -a args --user (id -u):(id -g)
              string match -q '/nix/store/*' -- $program; or set -a args --volume (path dirname -- $program):(path dirname -- $program):ro
              for shared_path in $shared
                  set -a args --volume $shared_path:$shared_path
              end
              set -q gitconfig; and set -a args --volume $gitconfig:$gitconfig:ro
              set -q SSH_AUTH_SOCK; and set -a args --volume $SSH_AUTH_SOCK:/run/ssh-agent --env SSH_AUTH_SOCK=/run/ssh-agent
              set -l certs (path resolve -- /etc/ssl/certs/ca-certificates.crt)
              test -f "$certs"; and set -a args --volume $certs:/etc/ssl/certs/ca-certificates.crt:ro --env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
              set -l image \(defaultImage)
              set -q PDEV_SANDBOX_IMAGE; and set image $PDEV_SANDBOX_IMAGE
              command $runtime $args $image $program $argv
          case bwrap
              set -l args --die-with-parent --unshare-all --share-net --ro-bind /nix /nix --ro-bind /etc /etc
              for dir in /usr /bin /lib /lib64 /run/current-system
                  set -a args --ro-bind-try $dir $dir
              end
              set -a args --proc /proc --dev /dev --tmpfs /tmp --tmpfs $HOME
              string match -q '/nix/*' -- $program; or set -a args --ro-bind (path dirname -- $program) (path dirname -- $program)
              for shared_path in $shared
                  set -a args --bind $shared_path $shared_path
              end
              set -q gitconfig; and set -a args --ro-bind $gitconfig $gitconfig
              set -q SSH_AUTH_SOCK; and set -a args --bind $SSH_AUTH_SOCK /run/ssh-agent --setenv SSH_AUTH_SOCK /run/ssh-agent
              command bwrap $args --bind $root \(workspace)/$project --chdir $workdir --setenv HOME $HOME --setenv PATH $search -- $program $argv
          case '*'
              echo '\(agent.command): no sandbox here (podman, docker or bwrap); `\(agent.command) --native` runs it directly' >&2
              return 1
      end

      """
    return body
  }
}
