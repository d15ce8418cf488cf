import Sandbox

/// Every REPL command, in the order `help` lists them. Aliases follow rustlings (h hint, n next, l list,
/// q quit) and what shells and debuggers use. Where the command line has the same command, its own
/// definition parses the arguments (`.parsed`), so an option added there is here too.
extension ReplCommand {
    public static let all: [ReplCommand] = [
        ReplCommand("help", aliases: ["?", "도움말", "도움"], help: "명령 목록") { tutor, _ in tutor.help() },
        ReplCommand("lessons", aliases: ["l", "ls", "list", "목록"], usage: "lessons [lint|test|show …]",
                    help: "레슨 목록과 진도 (lessons lint, lessons test, lessons show ID: 명령줄의 lessons와 같아요)", grammar: .words,
                    complete: { _, words, _ in words.isEmpty ? ReplCommand.subcommandNames(Lessons.self) : [] }) { tutor, call in tutor.lessons(call.words) },
        ReplCommand("goto", aliases: ["start", "go", "g"], usage: "goto LESSON[/STEP]",
                    help: "레슨(또는 단계)으로 이동. 번호도 돼요: goto 3, goto vpc/cidr", grammar: .text,
                    complete: { context, words, _ in words.isEmpty ? context.lessonReferences : [] }) { tutor, call in tutor.goto(call.text) },
        ReplCommand("next", aliases: ["n", "다음"], help: "다음 단계") { tutor, _ in tutor.next() },
        ReplCommand("back", aliases: ["b", "prev", "이전"], help: "이전 단계") { tutor, _ in tutor.back() },
        ReplCommand("show", aliases: ["s", "보기", "질문"], help: "지금 단계를 다시 보여 줘요") { tutor, _ in tutor.showHere() },
        ReplCommand("hint", aliases: ["h", "힌트"], help: "힌트를 하나씩 더 보여 줘요") { tutor, _ in tutor.hint() },
        ReplCommand("answer", aliases: ["a", "답"], usage: "answer TEXT", help: "질문에 답해요 (질문이 열려 있으면 그냥 입력해도 돼요)",
                    grammar: .text, complete: { context, _, _ in context.choices }) { tutor, call in tutor.answerCommand(call.text) },
        ReplCommand("skip", aliases: ["건너뛰기"], help: "이 질문을 건너뛰고 답과 설명을 봐요") { tutor, _ in tutor.skip() },
        .parsed(Verify.self, "verify", aliases: ["v", "확인"], usage: "verify [all] [옵션]",
                help: "이 단계가 기대하는 상태를 환경에서 확인해요 (all: 모든 레슨, --refresh: 실제 환경을 다시 읽기)",
                complete: { _, words, _ in words.isEmpty ? ["all"] : [] }) { tutor, command in tutor.perform(command) },
        ReplCommand("source", usage: "source [WHERE]",
                    help: "verify가 읽는 환경을 보여 주거나 바꿔요: fixture DIR, aws [--profile P] [--region R], host local, default",
                    grammar: .words,
                    complete: { _, words, _ in
                        words.isEmpty ? ["fixture", "default", "aws", "host", "sandbox"] : words == ["host"] ? ["local"]
                            : ArgumentNames.of(SourceCommand.self)
                    }) { tutor, call in tutor.source(call.words) },
        .parsed(Map.self, "map", aliases: ["지도"], usage: "map [옵션]",
                help: "app과 api의 흐름을 구간마다 상태와 함께 그려요") { tutor, command in tutor.perform(command) },
        .parsed(Trace.self, "trace", usage: "trace URL [옵션]",
                help: "실제 요청 하나를 구간마다(DNS, TCP, TLS, 응답, 리다이렉트) 시간과 함께 따라가고 스냅샷의 예상과 견줘요. 옵션: --resolve, --connect-to, -H, --cacert") { tutor, command in tutor.perform(command) },
        .parsed(Query.self, "query", usage: "query EXPR [옵션]",
                help: "환경에 JMESPath 질의를 해요. 예: query Vpcs[].CidrBlock",
                complete: { context, _, word in context.queryKeys(word) }) { tutor, command in tutor.perform(command) },
        ReplCommand("sandbox", aliases: ["연습"], usage: "sandbox [start|stop|status|break …]",
                    help: "연습 환경: 연습 계정(moto)과 연습 호스트(nginx). sandbox start, sandbox env, sandbox break (명령줄의 sandbox와 같아요)",
                    grammar: .words,
                    complete: { _, words, _ in
                        words.isEmpty ? ReplCommand.subcommandNames(SandboxCommand.self)
                            : words == ["break"] ? Defect.all.map { $0.id } : words == ["nginx"] ? ["-t", "reload", "status"]
                            : words == ["docker"] ? ["ps", "start", "stop", "restart"] : []
                    }) { tutor, call in tutor.sandboxCommand(call.words) },
        ReplCommand("reset", usage: "reset [step|lesson|all]", help: "진도를 지워요 (확인을 물어요)", grammar: .words,
                    complete: { _, words, _ in words.isEmpty ? CourseSession.ResetScope.allCases.map(\.rawValue) : [] }) { tutor, call in
            tutor.reset(call.words.first ?? "")
        },
        ReplCommand("progress", aliases: ["p", "진도"], usage: "progress [export|import …]",
                    help: "전체 진도 (progress export, progress import: 명령줄의 progress와 같아요)", grammar: .words,
                    complete: { _, words, _ in words.isEmpty ? ReplCommand.subcommandNames(ProgressCommand.self) : [] }) { tutor, call in
            tutor.progressCommand(call.words)
        },
        .parsed(Report.self, "report", usage: "report FILE…|DIR",
                help: "레슨 작성자용: 학습자들이 내보낸 진도 파일로 질문마다 도달·정답·건너뜀·힌트와 흔한 오답을 보여 줘요") { tutor, command in tutor.perform(command) },
        ReplCommand("그림", aliases: ["picture", "image", "이미지"], help: "이 단계의 그림을 터미널에 보여 주거나(kitty, iTerm2), 창으로 여는 법을 알려 줘요") { tutor, _ in tutor.picture() },
        ReplCommand("용어", aliases: ["glossary", "terms"], usage: "용어 [낱말]",
                    help: "콘솔의 한국어와 API의 영어 용어를 나란히 보여 줘요 (낱말을 주면 찾아요)", grammar: .text) { tutor, call in tutor.glossary(call.text) },
        ReplCommand("reload", help: "Lessons/를 다시 읽어요 (레슨 작성자용)") { tutor, _ in tutor.reload() },
        ReplCommand("quit", aliases: ["q", "exit", "종료"], help: "저장하고 끝내요 (Ctrl-D도 돼요)") { tutor, _ in tutor.quit() },
    ]
}
