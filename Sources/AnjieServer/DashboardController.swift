import AnjieDomain
import AnjieStore
import AnjieWeb
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The supervisor dashboard: read-only HTML pages at `/`, `/cases` and `/cases/{workflow}/{case}`,
/// signed in with a token posted once to `/login` and kept in an HttpOnly, SameSite=Strict cookie.
/// The pages work without JavaScript. The same `Identity` rules as the API apply: only roles that
/// see statistics get in, and township-scoped tokens see only their townships.
struct DashboardController {
    static let cookieName = "anjie_session"
    /// Rows shown per table on the dashboard, and cases per page of a list.
    static let rowLimit = 20
    static let pageSize = 100
    static let dueSoonDays = 7

    let db: Database

    func register(on router: Router<ServerContext>) {
        router.get("/", use: dashboard)
        router.get("login", use: loginForm)
        router.post("login", use: login)
        router.post("logout", use: logout)
        router.get("cases", use: caseList)
        router.get("cases/:workflow/:case", use: caseDetail)
    }

    // MARK: sign-in

    /// The caller, from the session cookie or (for scripts) an `Authorization: Bearer` header.
    func identity(_ request: Request) async throws -> Identity? {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            return try await TokenStore(db).verify(String(header.dropFirst(7)))
        }
        guard let token = request.cookies[Self.cookieName]?.value, !token.isEmpty else { return nil }
        return try await TokenStore(db).verify(token)
    }

    /// Runs `page` for a caller allowed to see the dashboard; otherwise the login page or a 403 page.
    func signedIn(_ request: Request, _ page: (Identity) async throws -> Response) async throws -> Response {
        guard let identity = try await identity(request) else { return HTMLPage.redirect(to: "/login") }
        guard identity.canSeeStatistics else {
            return HTMLPage.response(WebPages.message(
                heading: "无权查看督办看板", text: "此令牌的角色（\(identity.role.rawValue)）不能查看统计；督办看板需要 supervisor、auditor 或 admin 令牌。",
                linkHref: "/login", linkText: "换一个令牌登录", viewer: nil), status: .forbidden)
        }
        do {
            return try await page(identity)
        } catch let error as HTMLPage.Failure {
            return HTMLPage.response(WebPages.message(heading: error.heading, text: error.text, linkHref: "/", linkText: "返回看板",
                                                      viewer: identity.name), status: error.status)
        }
    }

    @Sendable func loginForm(_ request: Request, context: ServerContext) async throws -> Response {
        if let identity = try await identity(request), identity.canSeeStatistics { return HTMLPage.redirect(to: "/") }
        return HTMLPage.response(WebPages.login(error: nil))
    }

    /// POST /login with `token=…` (a form): sets the cookie and goes to the dashboard. A token that
    /// may not see statistics (clerk, mediator) gets no cookie.
    @Sendable func login(_ request: Request, context: ServerContext) async throws -> Response {
        // Login CSRF: a page elsewhere must not sign a browser in with the attacker's token.
        // Behind a reverse proxy the browser's host is the proxy's, passed on as X-Forwarded-Host.
        if let origin = request.headers[.origin] {
            let url = URL(string: origin)
            let originAuthority = url?.host.map { host in host + (url?.port.map { ":\($0)" } ?? "") }
            let ours = [request.head.authority, request.headers[HTTPField.Name("X-Forwarded-Host")!]].compactMap { $0 }
            if originAuthority.map({ !ours.contains($0) }) ?? true {
                return HTMLPage.response(WebPages.login(error: "登录请求来自其他网站，已拒绝。"), status: .forbidden)
            }
        }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            return HTMLPage.response(WebPages.login(error: "登录表单应以 application/x-www-form-urlencoded 提交。"), status: .unsupportedMediaType)
        }
        let body = try await request.body.collect(upTo: 4096)
        let token = HTMLPage.formValue("token", in: String(buffer: body))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard let identity = try await TokenStore(db).verify(token) else {
            return HTMLPage.response(WebPages.login(error: "令牌无效或已撤销。"), status: .unauthorized)
        }
        guard identity.canSeeStatistics else {
            return HTMLPage.response(WebPages.login(error: "此令牌的角色（\(identity.role.rawValue)）不能查看督办看板。"), status: .forbidden)
        }
        var response = HTMLPage.redirect(to: "/")
        response.setCookie(sessionCookie(token, request: request))
        return response
    }

    @Sendable func logout(_ request: Request, context: ServerContext) async throws -> Response {
        var response = HTMLPage.redirect(to: "/login")
        response.setCookie(sessionCookie("", request: request, maxAge: 0))
        return response
    }

    /// HttpOnly (no script can read the token), SameSite=Strict (no other site's page or link
    /// sends it), Secure when a TLS proxy says the browser used HTTPS.
    func sessionCookie(_ value: String, request: Request, maxAge: Int? = nil) -> Cookie {
        Cookie(name: Self.cookieName, value: value, maxAge: maxAge, path: "/",
               secure: request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https",
               httpOnly: true, sameSite: .strict)
    }

    // MARK: pages

    @Sendable func dashboard(_ request: Request, context: ServerContext) async throws -> Response {
        try await signedIn(request) { identity in
            let query = try DashboardQuery(request, identity: identity)
            let view = try await DashboardBuilder(db: db).view(query, identity: identity, today: LocalDate(Date()))
            return HTMLPage.response(WebPages.dashboard(view))
        }
    }

    @Sendable func caseList(_ request: Request, context: ServerContext) async throws -> Response {
        try await signedIn(request) { identity in
            let view = try await CaseListBuilder(db: db).view(request, identity: identity, pageSize: Self.pageSize)
            return HTMLPage.response(WebPages.caseList(view, viewer: identity.name))
        }
    }

    @Sendable func caseDetail(_ request: Request, context: ServerContext) async throws -> Response {
        try await signedIn(request) { identity in
            let name = context.parameters.get("workflow") ?? ""
            let number = context.parameters.get("case") ?? ""
            guard let workflow = WorkflowID.registered(name), (try? CaseNumber.validate(number)) != nil else {
                throw HTMLPage.Failure.notFound
            }
            let detail: CaseDetail
            do {
                // Opened only for roles that may see personal data, as in the API; otherwise the stored mask.
                // Outside the caller's townships a case does not exist (the query's scope), exactly as in the API.
                detail = try await CaseStore(db).show(county: identity.county, workflow: workflow, caseNumber: number,
                                                      revealPersonalData: identity.seesPersonalData,
                                                      scope: TownshipScope(identity.townships))
            } catch StoreError.notFound {
                throw HTMLPage.Failure.notFound
            }
            let today = LocalDate(Date())
            var clocks: [Clock] = []
            var clockProblem: String?
            do {
                clocks = try await DeadlineService(db).clocks(county: identity.county, workflow: workflow, events: detail.events, today: today)
            } catch let error as DomainError {
                clockProblem = error.zh  // e.g. a holiday calendar not loaded yet: the case itself still shows
            }
            return HTMLPage.response(WebPages.caseDetail(CaseViews.detail(detail, clocks: clocks, clockProblem: clockProblem, today: today), viewer: identity.name))
        }
    }
}

/// HTML responses and the small parsing the pages need.
enum HTMLPage {
    /// A page-level failure shown as an HTML page (not problem+json: a person is reading).
    struct Failure: Error {
        let status: HTTPResponse.Status
        let heading: String
        let text: String

        static let notFound = Failure(status: .notFound, heading: "找不到", text: "没有此案件，或它不在本令牌的乡镇范围内。")

        static func badParameter(_ text: String) -> Failure {
            Failure(status: .badRequest, heading: "参数有误", text: text)
        }
    }

    /// Pages may show personal data (masked or not): never cached by a browser or proxy.
    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// One field of an application/x-www-form-urlencoded body.
    static func formValue(_ name: String, in body: String) -> String? {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, decode(parts[0]) == name else { continue }
            return decode(parts[1])
        }
        return nil
    }

    static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// A link with query parameters, percent-encoded; nil values are left out.
    static func href(_ path: String, _ items: [(String, String?)]) -> String {
        var components = URLComponents()
        components.path = path
        let present = items.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        components.queryItems = present.isEmpty ? nil : present
        // URLComponents leaves "+" as is, which a form decoder would read as a space.
        return (components.string ?? path).replacingOccurrences(of: "+", with: "%2B")
    }
}
