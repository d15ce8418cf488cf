import Checks
import Environment
/// The text of a new lesson that passes `lessons lint`, for `glow-onboard lessons new ID`.
public enum LessonScaffold {
    public static func text(id: String, title: String, order: Int) -> String {
        """
        ---
        id: \(id)
        title: \(title)
        order: \(order)
        summary: 이 레슨에서 배울 것을 한 문장으로 적어요.
        minutes: 10
        ---

        레슨을 시작하며 읽을 소개 문단. 왜 이것을 배우는지부터 적어요.

        ## 첫 단계 {#first-step}

        설명을 쓰고, 질문으로 이해했는지 확인해요.

        ```question
        id: first-question
        kind: choice
        prompt: glowcorp의 트래픽은 어디로 먼저 들어올까요?
        choices:
          - Route53
          - nginx
          - Docker 앱
        answer: Route53
        hints:
          - 브라우저는 먼저 이름을 주소로 바꿔야 해요.
        explain: 브라우저는 먼저 DNS(Route53)에 app.glowcorp.io의 주소를 물어요.
        ```

        ```hint
        Route53 → ALB → EC2 → nginx → Docker 앱 순서를 떠올려 보세요.
        ```

        ```verify
        expect: app.glowcorp.io 레코드가 glowcorp.io 호스팅 영역에 있다.
        checks:
          - dns.record
        ```

        """
    }
}
