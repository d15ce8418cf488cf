/// An IPv4 CIDR block in canonical form (host bits zero), as AWS requires for VPCs and subnets.
public struct CIDRBlock: Sendable, Hashable, CustomStringConvertible {
    public var network: IPv4Address
    public var prefix: Int

    /// What a piece of text turned out to be, so a matcher can tell a near miss from nonsense.
    public enum Parsed: Sendable, Hashable {
        case canonical(CIDRBlock)
        /// `10.0.0.1/16`: a valid prefix, but host bits are set; the canonical block is attached.
        case hostBitsSet(CIDRBlock)
        /// `10.0.0.0` with no `/length`.
        case missingPrefix(IPv4Address)
        /// `10.0.0.0 255.255.0.0`: a network and a netmask.
        case netmask(CIDRBlock)
        case invalid
    }

    public init(network: IPv4Address, prefix: Int) {
        self.prefix = prefix
        self.network = IPv4Address(network.value & CIDRBlock.mask(prefix))
    }

    /// Parses only the canonical form.
    public init?(_ text: String) {
        guard case .canonical(let block) = CIDRBlock.parse(text) else { return nil }
        self = block
    }

    public static func mask(_ prefix: Int) -> UInt32 {
        prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix)
    }

    public static func parse(_ text: String) -> Parsed {
        let trimmed = text.trimmingWhitespace
        let pieces = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            .map { String($0).trimmingWhitespace }
        if pieces.count == 1 {
            let words = trimmed.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.count == 2, let address = IPv4Address(words[0]), let mask = IPv4Address(words[1]),
               let length = prefixLength(ofMask: mask.value) {
                return .netmask(CIDRBlock(network: address, prefix: length))
            }
            return IPv4Address(trimmed).map(Parsed.missingPrefix) ?? .invalid
        }
        guard pieces.count == 2, let address = IPv4Address(pieces[0]),
              !pieces[1].isEmpty, pieces[1].allSatisfy(\.isASCIIDigit), pieces[1].count <= 2,
              let length = Int(pieces[1]), (0...32).contains(length)
        else { return .invalid }
        let block = CIDRBlock(network: address, prefix: length)
        return block.network == address ? .canonical(block) : .hostBitsSet(block)
    }

    private static func prefixLength(ofMask mask: UInt32) -> Int? {
        let ones = mask.nonzeroBitCount
        return mask == CIDRBlock.mask(ones) ? ones : nil
    }

    public var first: IPv4Address { network }
    public var last: IPv4Address { IPv4Address(network.value | ~CIDRBlock.mask(prefix)) }

    public func contains(_ address: IPv4Address) -> Bool {
        address.value & CIDRBlock.mask(prefix) == network.value
    }

    /// True when every address of `other` lies in this block.
    public func contains(_ other: CIDRBlock) -> Bool {
        other.prefix >= prefix && contains(other.network)
    }

    public var description: String { "\(network)/\(prefix)" }
}
