import JSON
import Checks
import Environment
import Testing
@testable import GlowOnboardKit

@Suite struct AnswerMatcherTests {
    func q(_ kind: AnswerKind, _ answers: [String] = [], choices: [String] = [], within: String? = nil, prefix: Int? = nil,
           units: [String] = [], mistakes: [Question.Mistake] = [], notes: [String: String] = [:]) -> Question {
        Question(id: "q", kind: kind, prompt: "p", choices: choices, answers: answers, answerNotes: notes,
                 within: within, prefix: prefix, units: units, mistakes: mistakes)
    }

    func isCorrect(_ input: String, _ question: Question) -> Bool { AnswerMatcher.check(input, against: question).isCorrect }
    func isNearMiss(_ input: String, _ question: Question) -> Bool {
        if case .nearMiss = AnswerMatcher.check(input, against: question) { return true }
        return false
    }
    func isWrong(_ input: String, _ question: Question) -> Bool {
        if case .wrong = AnswerMatcher.check(input, against: question) { return true }
        return false
    }

    @Test func choiceByNumberOrText() {
        let question = q(.choice, ["ALB"], choices: ["Route53", "ALB", "nginx"])
        for input in ["2", " 2 ", "2번", "2)", "(2)", "alb", "ALB", " alb. "] { #expect(isCorrect(input, question), "\(input)") }
        #expect(isWrong("1", question))
        #expect(isWrong("nginx", question))
        #expect(isUnclear("5", question))           // out of range: said so, not "almost"
        #expect(isNearMiss("ngnix", question))      // typo of a choice
        #expect(isUnclear("load balancer", question))
    }

    func isUnclear(_ input: String, _ question: Question) -> Bool {
        if case .unclear = AnswerMatcher.check(input, against: question) { return true }
        return false
    }

    /// A part of a choice's label names it (either term, case and spacing forgiven); a part several
    /// choices share names none; "almost" only for a real near miss.
    @Test func choiceByAPartOfItsLabel() {
        let scheme = q(.choice, ["인터넷 경계 (internet-facing)"], choices: ["인터넷 경계 (internet-facing)", "내부 (internal)", "듀얼 스택 (dualstack)"])
        for input in ["인터넷 경계", "인터넷경계", "internet-facing", "Internet Facing", "INTERNET-FACING", "인터넷 경계(internet-facing)", "1"] {
            #expect(isCorrect(input, scheme), "\(input)")
        }
        #expect(isWrong("internal", scheme) && isWrong("내부", scheme))
        for input in ["바나나", "도움", "gotoo 3", "5", "0"] { #expect(isUnclear(input, scheme), "\(input)") }
        #expect(isNearMiss("internet-facng", scheme))
        guard case .unclear(let said) = AnswerMatcher.check("바나나", against: scheme) else { Issue.record("바나나"); return }
        #expect(said == "'바나나'는 보기에 없어요. 1–3번 중 번호나 보기의 내용으로 답해 주세요.")
        guard case .unclear(let range) = AnswerMatcher.check("5", against: scheme) else { Issue.record("5"); return }
        #expect(range == "보기는 1번부터 3번까지 있어요. 5번은 없어요.")

        let hop = q(.choice, ["ALB (Application Load Balancer)"], choices: ["Route53 (별칭 레코드)", "ALB (Application Load Balancer)", "nginx (리버스 프록시)", "도커 앱 (glow-app 컨테이너)"])
        for input in ["ALB", "alb", "application load balancer", "Application Load Balancer"] { #expect(isCorrect(input, hop), "\(input)") }
        #expect(isWrong("nginx", hop) && isWrong("도커 앱", hop))
        let target = q(.choice, ["인스턴스 (instance)"], choices: ["인스턴스 (instance)", "IP 주소 (ip)", "Lambda 함수 (lambda)"])
        #expect(isCorrect("instance", target) && isCorrect("인스턴스", target) && isWrong("ip", target))

        // Shared by two choices: neither is picked.
        let twin = q(.choice, ["nginx (프록시)"], choices: ["nginx (프록시)", "nginx (웹 서버)", "httpd"])
        guard case .unclear(let both) = AnswerMatcher.check("nginx", against: twin) else { Issue.record("nginx"); return }
        #expect(both == "'nginx'는 보기 1번, 2번에 모두 맞아요. 번호로 골라 주세요.")
        #expect(isCorrect("프록시", twin))
        // Kept as meant: the choice a part names, for the instructor's report.
        #expect(AnswerMatcher.meant("internal", by: scheme) == "내부 (internal)")
        #expect(AnswerMatcher.meant("바나나", by: scheme) == "바나나")
    }

    /// Numbers as Korean speakers type them: native and Sino-Korean numerals, counters, powers.
    @Test func koreanNumbersAndPowers() {
        let two = q(.number, ["2"], units: ["개"])
        for input in ["2", "두 개", "두개", "2개", "둘", "이"] { #expect(isCorrect(input, two), "\(input)") }
        #expect(isWrong("세 개", two))
        #expect(isUnclear("바나나", two))
        let plain = q(.number, ["2"])
        #expect(isCorrect("두 개", plain) && isCorrect("2개", plain))
        let sixteen = q(.number, ["16"])
        for input in ["열여섯", "16", "십육", "2^4", "열 여섯"] { #expect(isCorrect(input, sixteen), "\(input)") }
        let big = q(.number, ["65536"])
        for input in ["2^16", "2**16", "2의 16승", "2의 16제곱", "육만 오천오백삼십육", "6만5536", "6만 5536", "65,536", "이의 십육승"] {
            #expect(isCorrect(input, big), "\(input)")
        }
        let seconds = q(.number, ["60"], units: ["초"])
        #expect(isCorrect("60초", seconds) && isCorrect("육십 초", seconds) && isNearMiss("60분", seconds))
        #expect(KoreanNumber.value("스물둘") == 22 && KoreanNumber.value("스물두", beforeCounter: true) == 22 && KoreanNumber.value("스물두") == nil)
        #expect(KoreanNumber.value("스무", beforeCounter: true) == 20 && KoreanNumber.value("천") == 1000)
        #expect(KoreanNumber.value("만") == 10_000 && KoreanNumber.value("일곱") == 7 && KoreanNumber.value("삼천이백") == 3200)
        for nonsense in ["열열", "두두", "2^99", String(repeating: "구", count: 41), "", "^", "2^", "의승", "십십"] {
            #expect(KoreanNumber.value(nonsense) == nil, "\(nonsense)")
        }
    }

    @Test func textForgivesCaseSpacingAndKoreanSpacing() {
        let question = q(.text, ["인터넷 게이트웨이", "internet gateway", "igw"])
        for input in ["인터넷 게이트웨이", "인터넷게이트웨이", "  인터넷   게이트웨이 ", "Internet Gateway", "IGW", "internet-gateway", "\"igw\""] {
            #expect(isCorrect(input, question), "\(input)")
        }
        #expect(isNearMiss("인터넷 게이트웨어", question))
        #expect(isNearMiss("internet gatway", question))
        #expect(isWrong("NAT 게이트웨이", question))
    }

    @Test func regexMatchesWholeAnswer() {
        let question = q(.regex, ["(?i)aws\\s+ec2\\s+describe-vpcs"])
        #expect(isCorrect("aws ec2  describe-vpcs", question))
        #expect(isCorrect("AWS EC2 DESCRIBE-VPCS", question))
        #expect(isWrong("aws ec2 describe-vpcs --output json", question))
    }

    @Test func numbersWithUnits() {
        let question = q(.number, ["60"], units: ["초", "s"])
        for input in ["60", "60.0", "60초", "60 초", "60s"] { #expect(isCorrect(input, question), "\(input)") }
        #expect(isWrong("61", question))
        #expect(isNearMiss("60분", question))
        #expect(isCorrect("예순", question) && isCorrect("예순 초", question))   // native numerals read as numbers
        #expect(isCorrect("65,536", q(.number, ["65536"])))
    }

    @Test func ports() {
        let question = q(.port, ["80"])
        for input in ["80", ":80", "80/tcp", "tcp/80", "port 80", "포트 80", "80번", "80번 포트"] { #expect(isCorrect(input, question), "\(input)") }
        #expect(isNearMiss("127.0.0.1:80", question))
        #expect(isNearMiss("80/udp", question))
        #expect(isWrong("8080", question))
        #expect(isWrong("99999", question))
        #expect(isWrong("http", question))
    }

    @Test func cidrCanonicalEquality() {
        let question = q(.cidr, ["10.0.0.0/16"])
        for input in ["10.0.0.0/16", " 10.0.0.0 / 16 "] { #expect(isCorrect(input, question), "\(input)") }
        #expect(isNearMiss("10.0.3.7/16", question))          // host bits: right block, wrong form
        #expect(isNearMiss("10.0.0.0", question))             // prefix missing
        #expect(isNearMiss("10.0.0.0 255.255.0.0", question)) // netmask form
        #expect(AnswerMatcher.check("10.0.0.0/24", against: question) == .wrong(feedback: "시작 주소는 맞지만 크기가 달라요: /24가 아니라 /16이에요."))
        #expect(isWrong("010.0.0.0/16", question))            // leading zeros are not accepted
        #expect(isWrong("10.0.0.0/33", question))
        #expect(isWrong("172.31.0.0/16", question))
    }

    @Test func cidrWithin() {
        let question = q(.cidrWithin, within: "10.0.0.0/16", prefix: 24,
                         mistakes: [.init(answer: "10.0.1.0/24", say: "이미 쓰는 중")])
        #expect(isCorrect("10.0.2.0/24", question))
        #expect(isCorrect("10.0.255.0/24", question))
        #expect(AnswerMatcher.check("10.0.1.0/24", against: question) == .wrong(feedback: "이미 쓰는 중"))
        #expect(isWrong("10.1.0.0/24", question))
        #expect(isWrong("10.0.0.0/20", question))
        #expect(isNearMiss("10.0.2.9/24", question))
        #expect(isNearMiss("10.0.2.0", question))
        #expect(isCorrect("10.0.0.0/28", q(.cidrWithin, within: "10.0.0.0/16")))
    }

    @Test func ipInCidrKnowsAWSReservedAddresses() {
        let question = q(.ipInCidr, within: "10.0.1.0/24")
        #expect(isCorrect("10.0.1.10", question))
        #expect(isCorrect("10.0.1.254", question))
        for reserved in ["10.0.1.0", "10.0.1.1", "10.0.1.2", "10.0.1.3", "10.0.1.255"] { #expect(isWrong(reserved, question), "\(reserved)") }
        #expect(isWrong("10.0.2.10", question))
        #expect(isNearMiss("10.0.1.10/32", question))
        #expect(isWrong("10.0.1", question))
    }

    @Test func dnsNames() {
        let question = q(.dns, ["glowcorp-alb-1.ap-northeast-2.elb.amazonaws.com"])
        for input in ["glowcorp-alb-1.ap-northeast-2.elb.amazonaws.com", "GLOWCORP-ALB-1.ap-northeast-2.elb.amazonaws.com.",
                      "dualstack.glowcorp-alb-1.ap-northeast-2.elb.amazonaws.com."] { #expect(isCorrect(input, question), "\(input)") }
        #expect(isNearMiss("http://glowcorp-alb-1.ap-northeast-2.elb.amazonaws.com/", question))
        #expect(isNearMiss("glowcorp-alb-1.ap-northeast-2.elb.amazonaws.co", question))
        #expect(isWrong("old-alb-1.ap-northeast-2.elb.amazonaws.com", question))
    }

    @Test func commandsForgiveWhitespaceQuotingAndSudo() {
        let question = q(.command, ["sudo systemctl restart nginx", "sudo systemctl reload nginx"], notes: ["sudo systemctl reload nginx": "reload"])
        for input in ["sudo systemctl restart nginx", "systemctl restart nginx", "  systemctl   restart 'nginx' ", "$ sudo systemctl restart \"nginx\""] {
            #expect(isCorrect(input, question), "\(input)")
        }
        #expect(AnswerMatcher.check("systemctl reload nginx", against: question) == .correct(note: "reload"))
        #expect(isNearMiss("systemctl nginx restart", question))
        #expect(isNearMiss("systemctl restrat nginx", question))
        #expect(isWrong("systemctl stop nginx", question))
        #expect(AnswerMatcher.check("systemctl restart 'nginx", against: question) == .wrong(feedback: "따옴표가 닫히지 않았어요. 명령을 다시 확인해 보세요."))
    }

    @Test func authorsMistakesComeFirst() {
        let question = q(.text, ["nginx"], mistakes: [.init(answer: "httpd", say: "httpd는 테스트용이었어요.")])
        #expect(AnswerMatcher.check("HTTPD", against: question) == .wrong(feedback: "httpd는 테스트용이었어요."))
    }

    @Test func emptyAnswer() {
        #expect(AnswerMatcher.check("   ", against: q(.text, ["x"])) == .wrong(feedback: "답을 입력해 주세요."))
    }
}

/// What a review found: forms that are numbers only before a counter, digits after a unit, mistakes
/// matched as the number kind reads them, links and marks from data.
@Suite struct ReviewFindingsTests {
    @Test func numbersReadOnlyAsKoreanWritesThem() {
        let four = Question(id: "q", kind: .number, prompt: "p", answers: ["4"])
        #expect(!AnswerMatcher.check("네", against: four).isCorrect)          // "yes", not 4
        #expect(AnswerMatcher.check("네 개", against: four).isCorrect && AnswerMatcher.check("넷", against: four).isCorrect)
        #expect(KoreanNumber.value("5만15536") == nil && KoreanNumber.value("2백356") == nil && KoreanNumber.value("6만5536") == 65536)
        let usable = Question(id: "q", kind: .number, prompt: "p", answers: ["251"], units: ["개"],
                              mistakes: [.init(answer: "254", say: "AWS는 다섯 개를 예약해요.")])
        for typed in ["254", "254개", "이백오십사", "2백54"] {
            #expect(AnswerMatcher.check(typed, against: usable) == .wrong(feedback: "AWS는 다섯 개를 예약해요."), "\(typed)")
        }
    }

    @Test func marksAndLinksFromDataStayText() {
        let m = String(Character(TerminalText.mark))
        let forged = m + "]8;;https://evil.example?.console.aws.amazon.com/" + m + "x" + m + "]8;;" + m
        #expect(!TerminalText.printable(forged).contains("\u{1B}"))
        #expect(!TerminalText.printable(TerminalText.hyperlink("https://evil.example#.console.aws.amazon.com/", "x")).contains("\u{1B}"))
        #expect(!TerminalText.printable(TerminalText.hyperlink("https://user@ap-northeast-2.console.aws.amazon.com/", "x")).contains("\u{1B}"))
        #expect(TerminalText.printable(TerminalText.hyperlink("https://ap-northeast-2.console.aws.amazon.com/ec2/home", "x")).contains("\u{1B}]8;;"))
        var record = LearnerProgress.QuestionRecord()
        record.rememberWrong("a" + m + "[31mb")
        #expect(record.wrongAnswers == ["a[31mb"])
    }
}
