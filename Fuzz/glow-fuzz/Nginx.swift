import JSON
import NginxConfig

/// nginx: the parser and the include resolver never trap (the input includes itself and a second
/// file, as a hostile configuration would), and the crossplane output is JSON.
func fuzzNginx(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = NginxParser.parse(bytes: bytes, file: "fuzz.conf")
    let source = InMemorySource(files: ["/etc/nginx/nginx.conf": bytes, "/etc/nginx/conf.d/a.conf": bytes])
    let configuration = NginxConfiguration.load(main: "/etc/nginx/nginx.conf", from: source)
    let json = configuration.crossplaneJSON()
    if (try? JSONParser.parse(json)) == nil { fatalError("crossplane output is not JSON: \(json.prefix(200))") }
    return 0
}
