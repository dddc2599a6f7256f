import AnjieDomain
import AnjieStore
import AnjieWeb
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The supervisor dashboard: read-only HTML pages at `/`, `/cases`, `/deadlines` and
/// `/cases/{workflow}/{case}`. People sign in with a user name and password (`anjie user add`);
/// the browser then holds a session in an HttpOnly, SameSite=Strict cookie. Scripts may still post
/// an API token to `/login` (or send `Authorization: Bearer`). The pages work without JavaScript.
/// The same `Identity` rules as the API apply: only roles that see statistics get in, and
/// township-scoped users see only their townships.
struct DashboardController {
    static let cookieName = "anjie_session"
    /// Rows shown per table on the dashboard, and rows per page of a full list.
    static let rowLimit = 20
    static let pageSize = 100
    static let dueSoonDays = 7

    let db: Database
    let signInGuard = SignInGuard()
    let limiter = SignInLimiter()

    func register(on router: Router<ServerContext>) {
        router.get("/", use: dashboard)
        router.get("login", use: loginForm)
        router.post("login", use: login)
        router.post("logout", use: logout)
        router.get("cases", use: caseList)
        router.get("deadlines", use: deadlineList)
        router.get("cases/:workflow/:case", use: caseDetail)
    }

    // MARK: sign-in

    /// The caller, from the session cookie or (for scripts) an `Authorization: Bearer` header. The
    /// cookie holds a user's session, or — signed in by a script — an API token.
    func identity(_ request: Request) async throws -> Identity? {
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            return try await TokenStore(db).verify(String(header.dropFirst(7)))
        }
        guard let value = request.cookies[Self.cookieName]?.value, !value.isEmpty else { return nil }
        if value.hasPrefix(UserStore.sessionPrefix) { return try await UserStore(db).session(value) }
        return try await TokenStore(db).verify(value)
    }

    /// Runs `page` for a caller allowed to see the dashboard; otherwise the login page or a 403 page.
    func signedIn(_ request: Request, _ page: (Identity) async throws -> Response) async throws -> Response {
        guard let identity = try await identity(request) else { return HTMLPage.redirect(to: "/login") }
        guard identity.canSeeStatistics else {
            return HTMLPage.response(WebPages.message(
                heading: "无权查看督办看板",
                text: "此账号的角色（\(RoleLabel.zh(identity.role))）不能查看统计；督办看板供督办、审计和管理员使用。",
                linkHref: "/login", linkText: "换一个账号登录", viewer: nil), status: .forbidden)
        }
        // Every page names the county as the register does (柳城县（450222）): read once per page.
        let county = (try? await CountyStore(db).label(identity.county)) ?? identity.county
        do {
            return try await ViewerText.$countyLabel.withValue(county) { try await page(identity) }
        } catch let error as HTMLPage.Failure {
            return HTMLPage.response(WebPages.message(heading: error.heading, text: error.text, linkHref: "/", linkText: "返回看板",
                                                      viewer: ViewerText.$countyLabel.withValue(county) { ViewerText.of(identity) }),
                                     status: error.status)
        }
    }

    @Sendable func loginForm(_ request: Request, context: ServerContext) async throws -> Response {
        if let identity = try await identity(request), identity.canSeeStatistics { return HTMLPage.redirect(to: "/") }
        return loginPage(request, error: nil, status: .ok)
    }

    /// The form, with its cross-site token bound to the browser's pre-session cookie (set here
    /// when the browser has none yet).
    /// `issueCookie: false` for a script's refused token: it gets the page but no cookie at all.
    func loginPage(_ request: Request, error: String?, status: HTTPResponse.Status, retryAfter: Int? = nil,
                   issueCookie: Bool = true) -> Response {
        let existing = request.cookies[SignInGuard.cookieName]?.value
        let presession = existing.flatMap { $0.count == 64 && $0.allSatisfy(\.isHexDigit) ? $0 : nil } ?? signInGuard.newPresession()
        var response = HTMLPage.response(WebPages.login(error: error, formToken: signInGuard.formToken(for: presession)), status: status)
        if presession != existing, issueCookie {
            response.setCookie(Cookie(name: SignInGuard.cookieName, value: presession, path: "/login", secure: isHTTPS(request),
                                      httpOnly: true, sameSite: .strict))
        }
        if let retryAfter { response.headers[.retryAfter] = "\(retryAfter)" }
        return response
    }

    /// POST /login, a form: `name` and `password` with the form's `csrf` field (people), or `token`
    /// (scripts). Success sets the session cookie and goes to the dashboard; a role that may not
    /// see statistics (clerk, mediator) gets no cookie.
    @Sendable func login(_ request: Request, context: ServerContext) async throws -> Response {
        // Login CSRF: a page elsewhere must not sign a browser in, as the attacker or anyone else.
        // Behind a reverse proxy the browser's host is the proxy's, passed on as X-Forwarded-Host.
        if request.headers[HTTPField.Name("Sec-Fetch-Site")!] == "cross-site" {
            return loginPage(request, error: "登录请求来自其他网站，已拒绝。", status: .forbidden)
        }
        if let origin = request.headers[.origin] {
            let url = URL(string: origin)
            let originAuthority = url?.host.map { host in host + (url?.port.map { ":\($0)" } ?? "") }
            let ours = [request.head.authority, request.headers[HTTPField.Name("X-Forwarded-Host")!]].compactMap { $0 }
            if originAuthority.map({ !ours.contains($0) }) ?? true {
                return loginPage(request, error: "登录请求来自其他网站，已拒绝。", status: .forbidden)
            }
        }
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            return loginPage(request, error: "登录表单应以 application/x-www-form-urlencoded 提交。", status: .unsupportedMediaType)
        }
        let body = String(buffer: try await request.body.collect(upTo: 4096))
        let token = HTMLPage.formValue("token", in: body)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !token.isEmpty, HTMLPage.formValue("name", in: body) == nil {
            return try await tokenLogin(token, request: request)
        }
        guard signInGuard.accepts(formToken: HTMLPage.formValue("csrf", in: body), presession: request.cookies[SignInGuard.cookieName]?.value)
        else {
            return loginPage(request, error: "登录页已过期或不是从本站打开的，请重新输入。", status: .forbidden)
        }
        let name = HTMLPage.formValue("name", in: body)?.trimmingCharacters(in: .whitespaces) ?? ""
        let password = HTMLPage.formValue("password", in: body) ?? ""
        guard !name.isEmpty, !password.isEmpty else {
            return loginPage(request, error: "请输入用户名和密码。", status: .badRequest)
        }
        let keys = ["user:\(name)", "address:\(SignInLimiter.address(request, context: context))"]
        if let wait = limiter.retryAfter(keys) {
            return loginPage(request, error: "登录失败次数过多，请 \((wait + 59) / 60) 分钟后再试。", status: .tooManyRequests, retryAfter: wait)
        }
        guard let identity = try await UserStore(db).verify(name: name, password: password) else {
            limiter.recordFailure(keys)
            return loginPage(request, error: "用户名或密码错误，或账号已停用。", status: .unauthorized)
        }
        limiter.clear(keys[0])
        guard identity.canSeeStatistics else {
            return loginPage(request, error: "此账号的角色（\(RoleLabel.zh(identity.role))）不能查看督办看板。", status: .forbidden)
        }
        var response = HTMLPage.redirect(to: "/")
        response.setCookie(sessionCookie(try await UserStore(db).startSession(name: name), request: request))
        // The pre-session has served its purpose: a new one is made for the next sign-in.
        response.setCookie(Cookie(name: SignInGuard.cookieName, value: "", maxAge: 0, path: "/login", secure: isHTTPS(request),
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    /// A script's sign-in with an API token (as before users existed): the token is the cookie.
    func tokenLogin(_ token: String, request: Request) async throws -> Response {
        guard let identity = try await TokenStore(db).verify(token) else {
            return loginPage(request, error: "令牌无效或已撤销。", status: .unauthorized, issueCookie: false)
        }
        guard identity.canSeeStatistics else {
            return loginPage(request, error: "此令牌的角色（\(RoleLabel.zh(identity.role))）不能查看督办看板。", status: .forbidden,
                             issueCookie: false)
        }
        var response = HTMLPage.redirect(to: "/")
        response.setCookie(sessionCookie(token, request: request))
        return response
    }

    @Sendable func logout(_ request: Request, context: ServerContext) async throws -> Response {
        if let value = request.cookies[Self.cookieName]?.value, value.hasPrefix(UserStore.sessionPrefix) {
            try await UserStore(db).endSession(value)
        }
        var response = HTMLPage.redirect(to: "/login")
        response.setCookie(sessionCookie("", request: request, maxAge: 0))
        return response
    }

    /// HttpOnly (no script can read it), SameSite=Strict (no other site's page or link sends it),
    /// Secure when a TLS proxy says the browser used HTTPS.
    func sessionCookie(_ value: String, request: Request, maxAge: Int? = nil) -> Cookie {
        Cookie(name: Self.cookieName, value: value, maxAge: maxAge, path: "/", secure: isHTTPS(request), httpOnly: true, sameSite: .strict)
    }

    func isHTTPS(_ request: Request) -> Bool {
        request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
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
            return HTMLPage.response(WebPages.caseList(view, viewer: ViewerText.of(identity)))
        }
    }

    /// The full lists behind the dashboard's tables ("仅列出前 20 项"), a page at a time.
    @Sendable func deadlineList(_ request: Request, context: ServerContext) async throws -> Response {
        try await signedIn(request) { identity in
            let view = try await DeadlineListBuilder(db: db).view(request, identity: identity, today: LocalDate(Date()),
                                                                  pageSize: Self.pageSize)
            return HTMLPage.response(WebPages.deadlineList(view, viewer: ViewerText.of(identity)))
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
            return HTMLPage.response(WebPages.caseDetail(CaseViews.detail(detail, clocks: clocks, clockProblem: clockProblem, today: today),
                                                         viewer: ViewerText.of(identity)))
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

        static let notFound = Failure(status: .notFound, heading: "找不到", text: "没有此案件，或它不在本账号的乡镇范围内。")

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
