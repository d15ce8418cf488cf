import Foundation
import NginxConfig

/// Opens what a learner or a fixture has of a host's nginx: the main file, a directory that holds
/// `nginx.conf` (or only `conf.d/`), or the output of `nginx -T`.
public enum NginxInput {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// A copy of a host's `/etc/nginx` at `X/etc/nginx` is read with root `X`, so its absolute includes
    /// (`/etc/nginx/conf.d/*.conf`) resolve inside the copy and files are named as on the host.
    public static func load(path: String, root: String? = nil) throws(Failure) -> NginxConfiguration {
        var root = root
        var path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        if root == nil, path.hasSuffix("/etc/nginx") || path.hasSuffix("/etc/nginx/nginx.conf") {
            let cut = path.range(of: "/etc/nginx", options: .backwards)!.lowerBound
            root = String(path[..<cut])
            path = String(path[cut...])
        }
        let real = root.map { $0 + path } ?? path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory) else {
            throw Failure(description: "no such file or directory: \(real)")
        }
        let source = FileSystemSource(root: root)
        if isDirectory.boolValue {
            if FileManager.default.fileExists(atPath: real + "/nginx.conf") {
                return NginxConfiguration.load(main: path + "/nginx.conf", from: source)
            }
            throw Failure(description: "\(real) has no nginx.conf")
        }
        guard let data = FileManager.default.contents(atPath: real) else { throw Failure(description: "cannot read \(real)") }
        if let configuration = load(dump: String(decoding: data, as: UTF8.self)) { return configuration }
        return NginxConfiguration.load(main: path, from: source)
    }

    /// The configuration in an `nginx -T` dump (the files it names, as they were); nil when the text is
    /// not one.
    public static func load(dump text: String) -> NginxConfiguration? {
        guard text.contains("# configuration file "), let dump = NginxDump.files(text) else { return nil }
        return NginxConfiguration.load(main: dump.main, from: InMemorySource(files: dump.files))
    }
}
