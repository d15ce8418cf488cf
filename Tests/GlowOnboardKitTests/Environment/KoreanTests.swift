import Environment
import Testing

/// How words the program prints end when read aloud, judged by a Korean reader, and the particle each
/// takes: the readings behind every generated message.
@Suite struct KoreanTests {
    @Test(arguments: [
        ("nginx", "nginx는"), ("ALB", "ALB는"), ("app.glowcorp.io", "app.glowcorp.io는"), ("glow-api", "glow-api는"),
        ("glow-app", "glow-app은"), ("glowcorp-web-tg", "glowcorp-web-tg는"), ("glowcorp-alb", "glowcorp-alb는"),
        ("glowcorp-igw (igw-0abc1b)", "glowcorp-igw (igw-0abc1b)는"), ("glowcorp-web-sg (sg-0ed1b9)", "glowcorp-web-sg (sg-0ed1b9)는"),
        ("대상 그룹(target group)", "대상 그룹(target group)은"), ("subnet", "subnet은"), ("8080", "8080은"), ("22", "22는"),
        ("ap-northeast-2a", "ap-northeast-2a는"), ("Target.Timeout", "Target.Timeout은"), ("CIDR", "CIDR은"), ("CNAME", "CNAME은"),
        ("OK", "OK는"), ("EC2", "EC2는"), ("S3", "S3는"), ("glowcorp-tg-old", "glowcorp-tg-old는"), ("route table", "route table은"),
        ("Unavailable", "Unavailable은"), ("AWS_CA_BUNDLE", "AWS_CA_BUNDLE은"), ("/24", "/24는"), ("10.0.0.0/16", "10.0.0.0/16은"),
    ])
    func topic(_ word: String, _ expected: String) {
        #expect(word.with(.은는) == expected)
    }

    @Test(arguments: [
        ("HTTP:80", "HTTP:80으로"), ("HTTPS:443", "HTTPS:443으로"), ("4000", "4000으로"), ("8", "8로"), ("1", "1로"),
        ("http://127.0.0.1:3000", "http://127.0.0.1:3000으로"), ("glowcorp-web-tg", "glowcorp-web-tg로"), ("local", "local로"),
        ("rtb-0abc7", "rtb-0abc7으로"), ("CIDR", "CIDR로"), ("Docker 앱", "Docker 앱으로"), ("서울", "서울로"),
    ])
    func direction(_ word: String, _ expected: String) {
        #expect(word.with(.으로로) == expected)
    }

    @Test func objectSubjectAndCopula() {
        #expect("80".with(.을를) == "80을" && "443".with(.을를) == "443을" && "8080".with(.을를) == "8080을")
        #expect("glowcorp-alb".with(.이가) == "glowcorp-alb가" && "glow-app".with(.이가) == "glow-app이")
        #expect("Target.Timeout".with(.이에요예요) == "Target.Timeout이에요" && "ALB".with(.이에요예요) == "ALB예요")
        #expect("ZWKZPGTI48KDX".with(.을를) == "ZWKZPGTI48KDX를")
        // Unknown: both ways.
        #expect("→".with(.을를) == "→을(를)")
    }
}
