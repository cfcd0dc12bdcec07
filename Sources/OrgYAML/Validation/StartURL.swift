/// The AWS access portal URL forms IAM Identity Center hands out, and their normal form.
public enum StartURL {
    public static let acceptedForms = """
        https://<alias or d-id>.awsapps.com/start, \
        https://start.us-gov-home.awsapps.com/directory/<id>, \
        https://start.home.awsapps.cn/directory/<id>, \
        https://ssoins-<id>.<region>.portal.amazonaws.com or \
        https://ssoins-<id>.portal.<region>.app.aws
        """

    /// The URL without a trailing `/` or `#/`, or nil when it is not an access portal URL.
    public static func normalized(_ url: String) -> String? {
        var text = Substring(url)
        while text.hasSuffix("/") || text.hasSuffix("#/") {
            text = text.hasSuffix("#/") ? text.dropLast(2) : text.dropLast()
        }
        guard text.hasPrefix("https://") else { return nil }
        let rest = text.dropFirst("https://".count)
        let host: Substring
        let path: Substring
        if let slash = rest.firstIndex(of: "/") {
            host = rest[..<slash]
            path = rest[slash...]
        } else {
            host = rest
            path = ""
        }
        return isPortal(host: host, path: path) ? String(text) : nil
    }

    private static func isPortal(host: Substring, path: Substring) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count == 3, path == "/start" {
            // <alias or d-id>.awsapps.com/start
            return labels[1] == "awsapps" && labels[2] == "com" && isLabel(labels[0])
        }
        if host == "start.us-gov-home.awsapps.com" || host == "start.home.awsapps.cn" {
            return path.hasPrefix("/directory/") && isIdentifier(path.dropFirst("/directory/".count))
        }
        guard labels.count == 5, path.isEmpty, isInstance(labels[0]) else { return false }
        // ssoins-<id>.<region>.portal.amazonaws.com
        let regional = NameRules.isRegion(String(labels[1])) && labels[2] == "portal" && labels[3] == "amazonaws" && labels[4] == "com"
        // ssoins-<id>.portal.<region>.app.aws
        let appAWS = labels[1] == "portal" && NameRules.isRegion(String(labels[2])) && labels[3] == "app" && labels[4] == "aws"
        return regional || appAWS
    }

    /// A DNS label: lowercase letters, digits and hyphens, not starting or ending with a hyphen.
    private static func isLabel(_ label: Substring) -> Bool {
        guard let first = label.first, let last = label.last, label.count <= 63 else { return false }
        return first != "-" && last != "-"
            && label.utf8.allSatisfy { NameRules.isLowercaseLetter($0) || NameRules.isDigit($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isInstance(_ label: Substring) -> Bool {
        label.hasPrefix("ssoins-") && isLabel(label.dropFirst("ssoins-".count))
    }

    private static func isIdentifier(_ id: Substring) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { NameRules.isLetter($0) || NameRules.isDigit($0) || $0 == UInt8(ascii: "-") }
    }
}
