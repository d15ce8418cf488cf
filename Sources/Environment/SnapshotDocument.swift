import JSON
import NginxConfig

/// The Snapshot as one JSON document for `query` (and, later, lessons' query checks). Its AWS part keeps
/// the AWS CLI's own shapes: every list a capture returns is merged under its own key, so
/// `Vpcs[].CidrBlock` means what it means to `aws ec2 describe-vpcs --query`. Every capture is also kept
/// whole under `Captures`, by file name, for what a merge cannot tell apart (`Captures."elbv2-describe-
/// target-health.glowcorp-web-tg".TargetHealthDescriptions`). `nginx` is crossplane's JSON, `docker` the
/// containers as `docker ps` / `docker inspect` print them.
public enum SnapshotDocument {
    public static func build(captures: [String: JSONValue], nginx: NginxConfiguration?, docker: [JSONValue]?) -> JSONValue {
        var doc = JSONObject()
        var raw = JSONObject()
        for name in captures.keys.sorted() {
            let value = captures[name]!
            raw[name] = value
            guard let object = value.object else { continue }
            for (key, v) in object.pairs {
                guard case .array(let items) = v else { continue }
                doc[key] = .array((doc[key]?.array ?? []) + items)
            }
        }
        if let nginx { doc["nginx"] = nginx.crossplaneTree() }
        if let docker { doc["docker"] = .object(JSONObject([("containers", .array(docker))])) }
        doc["Captures"] = .object(raw)
        return .object(doc)
    }
}
