import AWSRead
import Foundation

/// The reader's errors worded for the learner: what went wrong and what to do, in the course's language.
/// (AWSRead itself says only what happened, in plain English, for any application.)
extension AWSError {
    public var learnerMessage: String {
        switch self {
        case .notAllowed(let action):
            return "\(action, .은는) glow-onboard가 보낼 수 있는 읽기 전용 동작이 아니에요. 보내지 않았어요."
        case .unknownProfile(let profile, let credentials, let config):
            return "프로파일 \(profile, .이가) \(credentials)에도 \(config)에도 없어요. 이름을 확인하거나 `aws configure --profile \(profile)`로 만들어 주세요."
        case .noRegion(let profile, let config):
            return "리전을 모르겠어요. --region을 주거나(glowcorp는 ap-northeast-2), AWS_REGION을 정하거나, \(config)의 프로파일 \(profile)에 `region = ap-northeast-2`를 적어 주세요."
        case .noCredentials(let profile, let kind, let missing):
            let what = Self.describe(kind)
            if missing {
                return "프로파일 \(profile)(\(what))의 자격 증명이 없고, 그것을 풀어 줄 AWS CLI도 설치돼 있지 않아요. AWS_ACCESS_KEY_ID와 AWS_SECRET_ACCESS_KEY를 정하거나 `aws configure`를 실행해 주세요."
            }
            return "프로파일 \(profile)(\(what))의 자격 증명을 얻지 못했어요. 여기 AWS CLI는 버전 1이라 자격 증명을 내보내지 못하고, 그 botocore도 찾지 못했어요. AWS CLI v2를 설치하거나 AWS_ACCESS_KEY_ID와 AWS_SECRET_ACCESS_KEY를 정해 주세요."
        case .credentialsExpired(let source, let at, let profile, let kind):
            let fix = kind == .sso ? "\("`aws sso login --profile \(profile)`", .으로로) 다시 로그인하고" : "새 자격 증명(세션 토큰)을 받고"
            return "\(Self.describe(source))의 자격 증명이 \(Self.timestamp(at))에 만료됐어요. \(fix) 다시 해 보세요."
        case .credentialProcess(let credentialSource, let failure, let profile, let kind):
            let source = Self.describe(credentialSource)
            let what: String
            switch failure {
            case .couldNotRun(let why): what = "\(source, .을를) 실행하지 못했어요: \(why)"
            case .exited(let status, let line): what = "\(source, .이가) 실패했어요 (종료 코드 \(status))" + (line.map { ": \($0)" } ?? "")
            case .timedOut: what = "\(source, .이가) 시간 안에 끝나지 않았어요"
            case .badOutput: what = "\(source, .이가) credential_process 형식(AccessKeyId, SecretAccessKey)으로 자격 증명을 내놓지 않았어요"
            }
            guard let profile, let kind else { return what + "." }
            switch kind {
            case .sso: return what + ". `aws sso login --profile \(profile)`을 실행하고 다시 해 보세요."
            case .assumeRole:
                return what + ". 프로파일 \(profile)의 role_arn과 source_profile을 확인해 주세요 (`aws sts get-caller-identity --profile \(profile)`도 같은 오류를 보여 줘요)."
            case .plain: return what + ". AWS_ACCESS_KEY_ID와 AWS_SECRET_ACCESS_KEY를 정하거나 `aws configure`를 실행해 주세요."
            }
        case .transport(let kind, let text):
            switch kind {
            case .nameResolution: return "AWS 엔드포인트의 이름을 찾지 못했어요 (\(text)). 네트워크나 --endpoint-url을 확인해 주세요."
            case .connect: return "AWS 엔드포인트에 연결하지 못했어요 (\(text))."
            case .timeout: return "AWS가 시간 안에 답하지 않았어요 (\(text))."
            case .tls: return "AWS와 TLS 연결을 맺지 못했어요 (\(text)). AWS_CA_BUNDLE을 확인해 주세요."
            case .other: return "AWS에 요청하지 못했어요: \(text)"
            case .tooLarge: return "응답이 너무 커서 읽기를 멈췄어요 (\(text)). --endpoint-url이 AWS(또는 moto)를 가리키는지 확인해 주세요."
            }
        case .service(let action, let status, let code, let message):
            let iam = iamName(action)
            switch serviceErrorKind {
            case .accessDenied:
                return "\(iam) 권한이 없어요. IAM 정책에서 허용해 주세요 (README의 \"Live sources\"에 필요한 최소 정책이 있어요)."
            case .expired: return "\(iam): 자격 증명이 만료됐어요. 새로 받고(aws sso login, 새 세션 토큰) 다시 해 보세요."
            case .unknownKey: return "\(iam): AWS가 이 액세스 키를 몰라요. AWS_ACCESS_KEY_ID나 프로파일의 aws_access_key_id를 확인해 주세요."
            case .badSignature: return "\(iam): 서명이 거부됐어요. 이 키 ID와 짝인 비밀 액세스 키를 확인해 주세요."
            case .optInRequired: return "\(iam): 이 계정은 이 리전에서 이 서비스를 쓰도록 가입돼 있지 않아요 (\(message))."
            case .throttled: return "\(iam): 요청이 계속 제한됐어요 (\(code), HTTP \(status)). 잠시 뒤에 다시 해 보세요."
            default: return "\(iam) 실패: \(code) (HTTP \(status))\(message.isEmpty ? "" : ": \(message)")"
            }
        case .malformed(let text): return "AWS의 응답을 읽지 못했어요: \(text)"
        }
    }

    static func describe(_ source: CredentialSource) -> String {
        switch source {
        case .environment: return "환경 변수 AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
        case .sharedFile(let profile, let path): return "\(path)의 프로파일 \(profile)"
        case .credentialProcess(let profile): return "프로파일 \(profile)의 credential_process"
        case .awsCLI(let profile): return "프로파일 \(profile)에 대한 AWS CLI(aws configure export-credentials)"
        case .botocore(let python, let profile): return "프로파일 \(profile)에 대한 AWS CLI의 botocore(\(python))"
        }
    }

    static func describe(_ kind: ProfileKind) -> String {
        switch kind {
        case .sso: return "SSO 프로파일"
        case .assumeRole: return "역할을 맡는 프로파일"
        case .plain: return "환경 변수와 공유 파일에 키가 없음"
        }
    }

    static func timestamp(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}
