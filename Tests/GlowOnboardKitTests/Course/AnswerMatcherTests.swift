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
        #expect(isNearMiss("5", question))          // out of range: told, not just wrong
        #expect(isNearMiss("ngnix", question))      // typo of a choice
        #expect(isNearMiss("load balancer", question))
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
        #expect(isWrong("예순", question))
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
