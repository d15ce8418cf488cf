import ArgumentParser
import Foundation
import Sandbox
import Checks
import Environment

/// The REPL as the context commands run in: the session's course and progress, where the learner is,
/// and the source they chose, read once.
extension Tutor: CommandContext {
    public func loadedCourse() throws -> Course { session.course }
    public var progressStore: ProgressStore { session.store ?? ProgressStore(path: ProgressStore.defaultPath(flag: nil, environment: environment)) }
    public var here: Course.Position? { session.position }
    public func lessonsDirectory(allowEmpty: Bool) throws -> String { session.course.directory }

    public func snapshot(_ source: SourceOptions, caseStudy: String?) throws -> Snapshot {
        let choice = source.choice(environment: environment) ?? caseStudy.map(SourceChoice.fixture)
        defer { progressLine.finish() }
        return try sources.snapshot(of: choice, progress: progressLine.reporter)
    }

    public func verified(_ scope: VerifyPlan.Scope, findings: [Finding], source: String) -> [String] {
        guard case .step(let p) = scope else { return [] }
        let spec = course.lesson(p.lesson)?.step(p.step)?.verify
        let build = spec?.build == true || spec?.practice != nil
        // A state the learner builds is there only when every check could look at it.
        let unchecked = build ? findings.filter { $0.status == .notChecked }.map(\.check) : []
        // A break-and-fix step's defect may be a warning: it is fixed only when that is gone too.
        let failing = findings.contains { $0.status == .fail || (spec?.practice != nil && $0.status == .warn) }
        let passed = !failing && unchecked.isEmpty
        if build && isReference(source) {
            return [view.style(passed ? "✔ glowcorp의 참고용 설정(번들 fixture)은 이 상태예요." : "✘ 참고용 설정에서도 이 상태가 아니에요.", passed ? .green : .red),
                    view.style("이 단계는 여러분이 직접 만드는 단계라서, 참고용 설정으로는 끝나지 않아요. 연습 환경에서 만들고 확인해요: sandbox start, 그다음 source sandbox (실제 계정이면 source aws).", .magenta)]
        }
        session.recordVerify(at: p, passed: passed, source: source)
        let said = passed ? view.style("✔ 이 단계가 기대하는 상태예요." + (build ? " (\(source)에서 확인했어요)" : ""), .green)
            : !unchecked.isEmpty && !failing
            ? view.style("– 아직 확인하지 못한 것이 있어요 (\(Set(unchecked).sorted().joined(separator: ", "))): 만들어야 할 것이 아직 없거나 읽지 못했어요.", .yellow)
            : view.style("✘ 이 단계가 기대하는 상태가 아니에요. 위의 첫 번째 ✘(✘가 없으면 ⚠)부터 고쳐 보세요.", .red)
        return [said] + save()
    }

    public func refreshSources() { sources.refresh() }

    /// A source that is glowcorp's bundled reference (or one of its broken variants), not the learner's own.
    func isReference(_ source: String) -> Bool {
        source.hasPrefix("fixture ") && FixtureLocator.isBundled(String(source.dropFirst("fixture ".count)), environment: environment)
    }

    public func readsOwnEnvironment(_ source: SourceOptions) -> Bool {
        if !source.isEmpty { return source.fixture.map { !FixtureLocator.isBundled($0, environment: environment) } ?? true }
        guard let choice = sources.choice else { return false }
        return !isReference(choice.description)
    }

    public func progressChanged() { _ = session.load() }

    /// The REPL asks with its own prompt (`확인 (y/N) ❯`): a command that needs a yes runs again once given.
    public func confirm(_ question: String) -> Bool { confirming }
}

extension Tutor {
    // MARK: source

    func source(_ words: [String]) -> [String] {
        guard let first = words.first else {
            // A case study reads its own environment, whatever the learner chose: say that one.
            if let caseStudy = caseStudyHere {
                return ["이 단계(사례 연구)에서 verify, map, query와 환경에서 답을 찾는 질문이 읽는 환경: fixture \(Lesson.collapsingParents(caseStudy))",
                        "여러분이 고른 환경(\(sources.choice?.description ?? "없음"))은 다른 단계에서 읽어요. 바꾸기: source fixture DIR, source aws, source host, source sandbox, source default"]
            }
            return ["지금 verify가 읽는 환경: " + (sources.choice?.description ?? "없음"),
                    "바꾸기: source fixture DIR, source aws [--profile P] [--region R] [--endpoint-url URL], source host local|ssh://user@host, 번들 기본값으로: source default"]
        }
        if first.lowercased() == "default" {
            sources.choose(sources.bundled.map(SourceChoice.fixture))
            return ["이제 verify는 번들 fixture \(sources.bundled ?? "(없음)", .을를) 읽어요."]
        }
        // `source aws …`, `source host H`, `source fixture DIR` are the SOURCE options without their dashes.
        let flag = ["aws": ["--aws"], "host": ["--host"], "fixture": ["--fixture"], "sandbox": ["--sandbox"]][first.lowercased()]
        guard flag != nil || first.hasPrefix("-") else { return ["source 다음에는 fixture DIR, aws, host, sandbox 또는 default를 적어요."] }
        let arguments = (flag ?? [first]) + words.dropFirst()
        var options: SourceOptions
        do { options = try SourceCommand.parse(arguments).options } catch {
            return ArgumentMessages.korean(error, for: SourceCommand.self, command: ReplCommand.named("source")!)
        }
        if let fixture = options.fixture, !FileManager.default.fileExists(atPath: fixture) { return ["✘ 디렉터리가 없어요: \(fixture)"] }
        // Naming only the account keeps the live host chosen before, and the other way round.
        if case .live(let current) = sources.choice {
            if options.readsAWS && options.host == nil, let host = current.host {
                options.host = host.argument
                options.nginxConf = current.nginxConf
            } else if !options.readsAWS && options.host != nil, let aws = current.aws {
                (options.aws, options.profile, options.region, options.endpointURL) = (true, aws.profile, aws.region, aws.endpointURL)
            }
        }
        guard let choice = options.choice(environment: environment) else { return ["source 다음에는 fixture DIR, aws, host 또는 default를 적어요."] }
        sources.choose(choice)
        let what: String
        switch choice {
        case .fixture: what = ""
        case .reader: what = " (연습 계정은 읽기 전용 호출로, 연습 호스트는 파일로 읽어요. 바뀐 것을 다시 읽으려면 verify --refresh)"
        case .live(let l): what = l.aws != nil ? " (읽기 전용: Describe/List 호출만 보내요. 다시 읽으려면 verify --refresh)" : " (nginx -T, docker ps만 실행해요. 다시 읽으려면 verify --refresh)"
        }
        return ["이제 verify는 \(choice.description, .을를) 읽어요.\(what)"]
    }

    // MARK: the commands the command line has too

    func lessons(_ words: [String]) -> [String] {
        guard !words.isEmpty else { return view.lessonList(session, current: position.lesson) }
        return runGroup(Lessons.self, words)
    }

    func sandboxCommand(_ words: [String]) -> [String] {
        guard !words.isEmpty else { return runGroup(SandboxCommand.self, ["status"]) }
        return runGroup(SandboxCommand.self, words)
    }

    func progressCommand(_ words: [String]) -> [String] {
        guard !words.isEmpty else { return view.progressReport(session, current: position.lesson) }
        return runGroup(ProgressCommand.self, words)
    }

    /// `lessons lint …`, `progress export …`: the command line's subcommands, parsed by their own definitions.
    func runGroup(_ group: any ParsableCommand.Type, _ words: [String]) -> [String] {
        let command = ReplCommand.named(group.configuration.commandName ?? "")!
        do {
            let parsed = try group.parseAsRoot(words)
            if let options = (parsed as? any TakesCourseOptions)?.courseOptions, !options.isEmpty {
                return ["✘ REPL에서는 --lessons와 --progress를 쓰지 않아요: 이 세션의 레슨과 진도를 써요."]
            }
            if let reset = parsed as? SandboxCommand.Reset, !reset.yes, !confirming {
                pending = .sandboxReset
                return ["정말 연습 계정과 연습 호스트의 nginx 파일을 비울까요? 예전 것은 옮겨 두기만 해요. (y/N)"]
            }
            guard let kit = parsed as? any KitCommand else { return [] }
            return perform(kit)
        } catch {
            return ArgumentMessages.korean(error, for: group, command: command)
        }
    }

    func help() -> [String] {
        var out = [view.style("명령", .bold)]
        let width = ReplCommand.all.map { $0.usage.displayWidth }.max() ?? 0
        let column = String(repeating: " ", count: width + 4)
        let wrapper = TextWrapper(width: terminal.width, colour: terminal.colour)
        for spec in ReplCommand.all {
            let aliases = spec.aliases.isEmpty ? [] : [StyledRun("  (" + spec.aliases.joined(separator: ", ") + ")", .dim)]
            out += wrapper.wrap([StyledRun(spec.help)] + aliases,
                                firstPrefix: "  " + view.style(spec.usage.padded(to: width), .cyan) + "  ", restPrefix: column)
        }
        out.append("")
        out.append("질문이 열려 있으면(프롬프트에 '답') 그냥 답을 입력하면 돼요. Tab으로 명령·레슨·보기를 완성해요.")
        out.append("verify, query, map, trace, lessons, progress는 명령줄과 같은 옵션을 받아요 (예: verify --help).")
        return out
    }
}

extension HostTarget {
    /// As `--host` takes it.
    var argument: String {
        switch self {
        case .local: return "local"
        case .ssh(let destination, let port): return "ssh://\(destination)\(port.map { ":\($0)" } ?? "")"
        }
    }
}
