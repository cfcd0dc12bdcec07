/// The page's markup, style and script: fixed text, the same for every org (the data
/// differs), kept as files of their own in `PageAssets/` and embedded at build time (as the
/// templates are). The script sets every name with `textContent`/`append`, never as markup.
extension AccessPage {
    static let body = BuiltinAssets.files["access-page.html"]!
    static let style = BuiltinAssets.files["access-page.css"]!
    static let script = BuiltinAssets.files["access-page.js"]!
}
