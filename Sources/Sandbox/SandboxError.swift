import Environment

/// What can stop the practice environment, each saying what to do. Nothing the learner built is lost
/// by any of them: the journal and the practice host's files stay as they are.
public enum SandboxError: Error, Sendable, Equatable {
    /// scripts/sandbox_services.py is not beside the program.
    case servicesMissing
    /// No Python that can import moto: what was tried.
    case motoMissing(python: String)
    case awsCLIMissing
    /// The sandbox directory belongs to another user.
    case otherUser(uid: UInt32, path: String)
    /// moto did not come up: the end of its log.
    case motoDidNotStart(log: String)
    case notRunning
    case nginxMissing
    /// nginx refused the configuration or could not start: its own words.
    case nginx(String)
    /// A stand-in app did not come up: its name and the end of its log.
    case appDidNotStart(String, log: String)
    case unknownDefect(String, suggestion: String?)
    /// A defect needs something the learner has not built yet.
    case notBuiltYet(what: String, lesson: String)
    /// Writing anywhere but the loopback sandbox this module started.
    case refusedEndpoint(String)
    /// The AWS CLI failed while injecting a defect: its message.
    case awsCLIFailed(command: String, message: String)
    case unknownContainer(String)
    case io(String)

    public var message: String {
        switch self {
        case .servicesMissing:
            return "scripts/sandbox_services.py를 찾지 못했어요. glow-onboard를 저장소 안에서 실행하거나 GLOW_ONBOARD_ROOT에 저장소 경로를 정해 주세요."
        case .motoMissing(let python):
            return "연습 계정에 필요한 moto가 \(python)에 없어요. scripts/start.sh가 설치해요. 직접 설치하려면: python3 -m venv .venv && .venv/bin/pip install 'moto[server]' awscli"
        case .awsCLIMissing:
            return "AWS CLI(aws)가 없어요. scripts/start.sh가 .venv에 설치해요 (또는 .venv/bin/pip install awscli)."
        case .otherUser(let uid, let path):
            return "\(path, .은는) 다른 사용자(uid \(uid))의 sandbox예요. 자기 XDG_STATE_HOME에서 실행해 주세요."
        case .motoDidNotStart(let log):
            return "연습 계정(moto)이 시작되지 않았어요. 만든 것은 journal.jsonl에 그대로 있어요. moto.log의 끝:\n\(log)"
        case .notRunning:
            return "sandbox가 멈춰 있어요. 먼저 sandbox start를 실행해 주세요. (만든 것은 그대로 있어요)"
        case .nginxMissing:
            return "nginx가 설치되어 있지 않아요 (sudo apt-get install nginx). nginx 파일은 그래도 verify가 읽어요."
        case .nginx(let output):
            return "nginx: \(output)"
        case .appDidNotStart(let name, let log):
            return "\(name, .이가) 시작되지 않았어요." + (log.isEmpty ? "" : " 로그의 끝:\n\(log)")
        case .unknownDefect(let name, let suggestion):
            return "'\(name)'".with(.이라라) + "는 고장은 없어요." + (suggestion.map { " '\($0)'".with(.을를) + " 말한 건가요?" } ?? "") + " 목록: sandbox break"
        case .notBuiltYet(let what, let lesson):
            return "아직 \(what, .이가) 없어요. 먼저 \(lesson) 레슨의 만들기 단계를 마쳐 주세요."
        case .refusedEndpoint(let url):
            return "\(url, .은는) 이 sandbox가 시작한 연습 계정이 아니에요. sandbox는 자기 연습 계정에만 써요."
        case .awsCLIFailed(let command, let message):
            return "\(command) 실패: \(message)"
        case .unknownContainer(let name):
            return "\(name, .이라라)는 컨테이너는 없어요. glow-app과 glow-api가 있어요."
        case .io(let message):
            return message
        }
    }
}
