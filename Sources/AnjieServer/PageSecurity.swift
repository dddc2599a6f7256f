import AnjieWeb
import Crypto
import Foundation

enum PageSecurity {
    /// "sha256-…" of the one inline `<style>` every page carries, as CSP Level 2 hashes it.
    static let styleHash: String = "sha256-" + Data(SHA256.hash(data: Data(WebPages.inlineStyle.utf8))).base64EncodedString()
}
