import JSON
extension JSONValue {
    /// The `Name` tag of an EC2 resource (`Tags: [{Key, Value}]`).
    var nameTag: String? {
        self["Tags"]?.elements.first { $0["Key"]?.string == "Name" }?["Value"]?.string
    }
}
