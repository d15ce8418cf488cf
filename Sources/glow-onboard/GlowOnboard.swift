import ArgumentParser
import GlowOnboardKit

/// The command line: every subcommand is the kit's, which the REPL parses with too.
@main
struct GlowOnboard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glow-onboard",
        abstract: "glowcorp 트래픽 흐름 튜터: Route53 → ALB → EC2 → nginx → Docker 앱.",
        discussion: """
        인자 없이 실행하면 지난번 멈춘 곳에서 코스를 이어갑니다.
        Shell completion: glow-onboard --generate-completion-script bash|zsh|fish
        """,
        version: GlowOnboardKit.version,
        subcommands: [Start.self, Lessons.self, ProgressCommand.self, Verify.self, ChecksCommand.self, Query.self, Map.self,
                      Trace.self, Nginx.self, SnapshotCommand.self, SandboxCommand.self, Report.self],
        defaultSubcommand: Start.self)
}
