import AnjieDomain
@testable import AnjieServer
import AnjieStore
import AnjieSynthetic
import AnjieWeb
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PostgresNIO
import NIOCore
import Testing

/// The supervisor dashboard over a real PostgreSQL: sign-in with a cookie, who may see it, township
/// scope, and that every figure on the page is the report's and leads to the cases it counts.
@Suite struct DashboardTests {
    struct Tokens: Sendable {
        var supervisor = "", dapuSupervisor = "", clerk = "", auditor = ""
    }

    static func withDashboard(_ label: String, demo: Bool,
                              _ body: @Sendable @escaping (any TestClientProtocol, Tokens, Database) async throws -> Void) async throws {
        try await TestDatabase.withFreshDatabase(label) { db, _ in
            if demo {
                let path = try ImportExportTests.write(Demo2025.lines().map(Interchange.encode))
                defer { try? FileManager.default.removeItem(atPath: path) }
                let imported = try await Importer(db).run(path: path, dryRun: false)
                #expect(imported.errors.isEmpty)
            }
            let store = TokenStore(db)
            var tokens = Tokens()
            tokens.supervisor = try await store.create(county: "450222", name: "督办", role: .supervisor, townships: []).token
            tokens.dapuSupervisor = try await store.create(county: "450222", name: "大埔督办", role: .supervisor, townships: ["大埔镇"]).token
            tokens.clerk = try await store.create(county: "450222", name: "登记员", role: .clerk, townships: ["大埔镇"]).token
            tokens.auditor = try await store.create(county: "450222", name: "审计", role: .auditor, townships: []).token
            // People sign in with a password (the KDF costs ~0.5 s a user, so only the two the tests use).
            try await UserStore(db).add(name: "督办甲", county: "450222", role: .supervisor, townships: [], password: Self.password)
            try await UserStore(db).add(name: "登记乙", county: "450222", role: .clerk, townships: ["大埔镇"], password: Self.password)
            var logger = Logger(label: "test")
            logger.logLevel = .error
            let app = Application(router: buildRouter(db: db, logger: logger, metrics: nil))
            let frozen = tokens
            try await app.test(.router) { client in try await body(client, frozen, db) }
        }
    }

    static func login(_ client: any TestClientProtocol, _ token: String, origin: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let origin { headers[.origin] = origin }
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: "token=\(token)"))
    }

    static let password = "正确的密码 correct horse"

    /// Opens the sign-in form as a browser would: its pre-session cookie and the form's cross-site token.
    static func openForm(_ client: any TestClientProtocol) async throws -> (cookie: String, csrf: String) {
        let form = try await client.execute(uri: "/login", method: .get)
        let setCookie = try #require(form.headers[.setCookie], "the form sets a pre-session cookie")
        #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
        let cookie = String(try #require(setCookie.split(separator: ";").first))
        let document = try Self.document(form)
        let csrf = try #require(try document.nodes(forXPath: "//*[local-name()='input'][@name='csrf']/@value").first?.stringValue)
        return (cookie, csrf)
    }

    /// Posts the sign-in form with a name and password, as the browser would after `openForm`.
    static func passwordLogin(_ client: any TestClientProtocol, name: String, password: String, form: (cookie: String, csrf: String)?,
                              origin: String? = nil, address: String = "198.51.100.7") async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let origin { headers[.origin] = origin }
        if let form { headers[.cookie] = form.cookie }
        headers[HTTPField.Name("X-Forwarded-For")!] = address
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        let body = "name=\(encode(name))&password=\(encode(password))" + (form.map { "&csrf=\($0.csrf)" } ?? "")
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Signs in with a user's password through the form and returns the session cookie.
    static func passwordCookie(_ client: any TestClientProtocol, name: String = "督办甲") async throws -> String {
        let response = try await passwordLogin(client, name: name, password: password, form: try await openForm(client))
        #expect(response.status == .seeOther && response.headers[.location] == "/")
        let session = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("anjie_session=") })
        #expect(session.contains("HttpOnly") && session.contains("SameSite=Strict"))
        return String(try #require(session.split(separator: ";").first))
    }

    /// Signs in through the form and returns the cookie the browser would send back.
    static func cookie(_ client: any TestClientProtocol, _ token: String) async throws -> String {
        let response = try await login(client, token)
        #expect(response.status == .seeOther)
        let setCookie = try #require(response.headers[.setCookie])
        return String(try #require(setCookie.split(separator: ";").first))
    }

    static func page(_ client: any TestClientProtocol, _ uri: String, cookie: String?) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    static func document(_ response: TestResponse) throws -> XMLDocument {
        let body = String(buffer: response.body)
        try #require(response.headers[.contentType] == "text/html; charset=utf-8", "not a page: \(response.status) \(body.prefix(300))")
        let document = try XMLDocument(xmlString: body, options: [])
        try #require(document.rootElement() != nil, "not well-formed: \(body.prefix(300))")
        return document
    }

    static func text(_ document: XMLDocument, _ xpath: String) throws -> String? {
        try document.nodes(forXPath: xpath).first?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func hrefs(_ document: XMLDocument, under xpath: String = "") throws -> [String] {
        try document.nodes(forXPath: "\(xpath)//*[local-name()='a']/@href").compactMap(\.stringValue)
    }

    @Test func signInWithACookieAndOnlyRolesThatSeeStatistics() async throws {
        try await Self.withDashboard("dashlogin", demo: false) { client, tokens, _ in
            // Not signed in: the dashboard sends the browser to the login form.
            let anonymous = try await Self.page(client, "/", cookie: nil)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/login")
            let form = try Self.document(try await Self.page(client, "/login", cookie: nil))
            #expect(try form.nodes(forXPath: "//*[local-name()='form'][@action='/login']").count == 1)

            // A supervisor's token posted once becomes an HttpOnly, SameSite=Strict cookie.
            let response = try await Self.login(client, tokens.supervisor)
            #expect(response.status == .seeOther && response.headers[.location] == "/")
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"))
            let cookie = String(try #require(setCookie.split(separator: ";").first))
            let dashboard = try await Self.page(client, "/?year=2025", cookie: cookie)
            #expect(dashboard.status == .ok)
            #expect(dashboard.headers[.cacheControl] == "no-store")
            #expect(try Self.text(Self.document(dashboard), "//*[local-name()='h1']") == "案结 · 督办看板")

            // A clerk's token gets no cookie, and a clerk's cookie set by hand is refused.
            let clerk = try await Self.login(client, tokens.clerk)
            #expect(clerk.status == .forbidden)
            #expect(clerk.headers[.setCookie] == nil)
            #expect(try await Self.page(client, "/", cookie: "anjie_session=\(tokens.clerk)").status == .forbidden)
            #expect(try await Self.page(client, "/cases", cookie: "anjie_session=\(tokens.clerk)").status == .forbidden)

            // Unknown tokens, other sites' login forms and signing out.
            #expect(try await Self.login(client, "anjie_000000000000_" + String(repeating: "0", count: 64)).status == .unauthorized)
            #expect(try await Self.login(client, tokens.supervisor, origin: "https://evil.example").status == .forbidden)
            #expect(try await Self.page(client, "/", cookie: "anjie_session=nonsense").status == .seeOther)
            let logout = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: cookie])
            #expect(logout.status == .seeOther && logout.headers[.setCookie]?.contains("Max-Age=0") == true)
            // An auditor sees statistics too.
            #expect(try await Self.page(client, "/", cookie: try await Self.cookie(client, tokens.auditor)).status == .ok)
        }
    }

    @Test func theDemoYearsFiguresAreTheReportsAndLeadToTheirCases() async throws {
        try await Self.withDashboard("dashdemo", demo: true) { client, tokens, db in
            let cookie = try await Self.cookie(client, tokens.supervisor)
            let report = try await ReportService(db).report(county: "450222", year: 2025)
            let lastYear = try await ReportService(db).report(county: "450222", year: 2024)
            let page = try Self.document(try await Self.page(client, "/?year=2025", cookie: cookie))

            for id in KeyFigures.ids {  // every key figure must be a number with cases behind it
                let result = try #require(report.result(id))
                let figure = "//*[@id='figure-\(id)']"
                let shown = try Self.text(page, "\(figure)//*[@class='value']")
                #expect(shown == result.formatted + result.indicator.unit, "\(id)")
                let previous = try #require(lastYear.result(id))
                let last = try #require(try Self.text(page, "\(figure)//*[@class='last']"))
                #expect(last.hasPrefix("2024年：\(previous.value == nil ? "—" : previous.formatted + previous.indicator.unit)"), "\(id): \(last)")

                // The figure links to a case list whose total is the figure's numerator.
                let href = try #require(try Self.hrefs(page, under: figure).first, "\(id) has no link")
                let list = try Self.document(try await Self.page(client, href, cookie: cookie))
                let total = try #require(Int(try Self.text(list, "//*[@id='case-total']") ?? ""))
                #expect(Double(total) == result.counts?.numerator, "\(id): list \(total) vs figure \(String(describing: result.counts))")
                // …and the list's cases open.
                if let first = try Self.hrefs(list, under: "//*[local-name()='tbody']").first {
                    #expect(try await Self.page(client, first, cookie: cookie).status == .ok, "\(first)")
                }
            }

            // Both charts are there, and a township's bar leads to that township's cases of the year.
            let charts = try page.nodes(forXPath: "//*[local-name()='svg']")
            #expect(charts.count == 2)
            let closure = try await ClosureStatistics(db).closure(county: "450222", year: 2025, by: .township)
            let dapu = try #require(closure.first { $0.group == "大埔镇" })
            let bar = try #require(try Self.hrefs(page, under: "//*[local-name()='svg'][1]").first { $0.contains("township=%E5%A4%A7%E5%9F%94%E9%95%87") })
            let barList = try Self.document(try await Self.page(client, bar, cookie: cookie))
            #expect(try Self.text(barList, "//*[@id='case-total']") == "\(dapu.received)")
            let barText = try #require(charts.first?.stringValue)
            #expect(barText.contains("（\(dapu.concluded)/\(dapu.received)）"))

            // Overdue deadlines: the count is the deadline service's. Deadlines run on the real today,
            // so some may reach a year whose holiday calendar is not shipped: those cases are counted
            // and the reason given, and the computable ones are still listed.
            let today = LocalDate(Date())
            let headings = try page.nodes(forXPath: "//*[local-name()='h2']").compactMap(\.stringValue)
            let open = try await DeadlineService(db).open(.init(county: "450222"), today: today)
            let overdue = open.entries.filter { $0.clock.status(on: today) == .overdue }
            // Statutory and centre-set deadlines are overdue; advisory targets passed are listed apart.
            let binding = overdue.filter { $0.clock.kind != .advisory }
            #expect(headings.contains("已逾期的法定期限和交办/督办期限（\(binding.count)项）"), "\(headings)")
            #expect(headings.contains("已过指导性期限（\(overdue.count - binding.count)项）"), "\(headings)")
            let body = String(buffer: try await Self.page(client, "/?year=2025", cookie: cookie).body)
            if open.uncomputable.first != nil {
                // What to ask the administrator, not a shell command.
                #expect(body.contains("另有 \(open.uncomputable.count) 件案件的期限无法计算") && body.contains("请管理员导入"))
                #expect(!body.contains("anjie calendar"))
            } else {
                #expect(!body.contains("期限无法计算"))
            }
            // Behind every shortened table, the full list: all its rows over its pages.
            let full = try Self.document(try await Self.page(client, "/deadlines?list=overdue", cookie: cookie))
            #expect(try Self.text(full, "//*[@id='list-total']") == "\(binding.count)")
            var listed = try full.nodes(forXPath: "//*[local-name()='tbody']/*[local-name()='tr']").count
            var next = try full.nodes(forXPath: "//*[local-name()='a'][.='下一页']/@href").first?.stringValue
            while let href = next {
                let more = try Self.document(try await Self.page(client, href, cookie: cookie))
                listed += try more.nodes(forXPath: "//*[local-name()='tbody']/*[local-name()='tr']").count
                next = try more.nodes(forXPath: "//*[local-name()='a'][.='下一页']/@href").first?.stringValue
            }
            #expect(listed == binding.count)
            let kinds = try full.nodes(forXPath: "//*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][7]").compactMap(\.stringValue)
            #expect(Set(kinds).isSubset(of: ["法定期限", "交办/督办期限"]))
            let advisory = try Self.document(try await Self.page(client, "/deadlines?list=advisory", cookie: cookie))
            #expect(try Self.text(advisory, "//*[@id='list-total']") == "\(overdue.count - binding.count)")
            for list in ["due_soon", "follow_ups"] {
                #expect(try await Self.page(client, "/deadlines?list=\(list)", cookie: cookie).status == .ok)
            }
            #expect(try await Self.page(client, "/deadlines?list=nonsense", cookie: cookie).status == .badRequest)
            let caseLinks = try Self.hrefs(page).filter { $0.hasPrefix("/cases/") }
            #expect(!caseLinks.isEmpty)
            let detail = try Self.document(try await Self.page(client, try #require(caseLinks.first), cookie: cookie))
            #expect(try detail.nodes(forXPath: "//*[local-name()='h2']").contains { $0.stringValue == "办理经过" })
        }
    }

    @Test func everyListedIndicatorCountsWhatTheReportCounts() async throws {
        try await Self.withDashboard("dashcases", demo: true) { _, _, db in
            // Every figure that counts cases has a list: all but the log-record figures, the
            // hearings (events) and the litigation cost saved (a sum).
            let caseFigures = Set(IndicatorRegistry.all.filter { $0.source == .cases }.map(\.id))
            #expect(IndicatorCases.supportedIndicators == caseFigures.subtracting(["mediation.litigation_cost_saved", "review.public_hearings"]))
            for township in [nil, "大埔镇"] as [String?] {
                let report = try await ReportService(db).report(county: "450222", year: 2025, township: township)
                for id in IndicatorCases.supportedIndicators.sorted() {
                    let listed = try #require(try await IndicatorCases(db).cases(indicator: id, county: "450222", year: 2025,
                                                                                 townships: township.map { [$0] } ?? [], limit: 5))
                    #expect(Double(listed.total) == report.result(id)?.counts?.numerator, "\(id) in \(township ?? "全县")")
                    #expect(listed.cases.count == min(5, listed.total))
                    #expect(listed.cases.allSatisfy { township == nil || $0.township == township })
                }
            }
        }
    }

    @Test func aTownshipScopedSupervisorSeesOnlyItsTownship() async throws {
        try await Self.withDashboard("dashscope", demo: true) { client, tokens, db in
            let cookie = try await Self.cookie(client, tokens.dapuSupervisor)
            let page = try Self.document(try await Self.page(client, "/?year=2025", cookie: cookie))
            let report = try await ReportService(db).report(county: "450222", year: 2025, township: "大埔镇")
            let mediated = try #require(report.result("mediation.mediated"))
            #expect(try Self.text(page, "//*[@id='figure-mediation.mediated']//*[@class='value']") == mediated.formatted + "件")
            // Log-record figures have no township: not shown as a number for a township.
            let county = try await ReportService(db).report(county: "450222", year: 2025)
            #expect(county.result("mediation.mediated")?.value != mediated.value, "the township's figure is not the county's")
            // The township chart has one bar, its own.
            let labels = try page.nodes(forXPath: "(//*[local-name()='svg'])[1]//*[@class='label']").compactMap(\.stringValue)
            #expect(labels == ["大埔镇"])
            // Another township, on the dashboard or in a list, is refused; its cases do not exist.
            #expect(try await Self.page(client, "/?township=%E9%BE%99%E5%A4%B4%E9%95%87", cookie: cookie).status == .forbidden)
            #expect(try await Self.page(client, "/cases?township=%E9%BE%99%E5%A4%B4%E9%95%87", cookie: cookie).status == .forbidden)
            let other = try #require(try await CaseStore(db).list(CaseFilter(county: "450222", township: "龙头镇", limit: 1)).first)
            #expect(try await Self.page(client, "/cases/\(other.workflow.rawValue)/\(other.caseNumber)", cookie: cookie).status == .notFound)
            // The plain case list holds only its township's cases.
            let list = try Self.document(try await Self.page(client, "/cases?year=2025", cookie: cookie))
            let townships = try list.nodes(forXPath: "//*[local-name()='tbody']/*[local-name()='tr']/*[local-name()='td'][4]").compactMap(\.stringValue)
            #expect(!townships.isEmpty && Set(townships) == ["大埔镇"])
            // The API applies the same scope to statistics: its own township's figures, never the county's.
            var bearer: HTTPFields = [:]
            bearer[.authorization] = "Bearer \(tokens.dapuSupervisor)"
            let apiReport = try await client.execute(uri: "/v1/reports/2025", method: .get, headers: bearer)
            #expect(apiReport.status == .ok)
            let json = try JSONDecoder().decode(JSONValue.self, from: Data(String(buffer: apiReport.body).utf8))
            let mediatedInAPI = json.objectValue?["indicators"]?.arrayValue?
                .first { $0.objectValue?["id"]?.stringValue == "mediation.mediated" }?.objectValue?["value"]?.numberValue
            #expect(mediatedInAPI == mediated.value)
            #expect(try await client.execute(uri: "/v1/reports/2025?township=%E9%BE%99%E5%A4%B4%E9%95%87", method: .get,
                                             headers: bearer).status == .forbidden)
            let apiClosure = try await client.execute(uri: "/v1/stats/closure?year=2025&by=township", method: .get, headers: bearer)
            let closureGroups = try JSONDecoder().decode(JSONValue.self, from: Data(String(buffer: apiClosure.body).utf8))
                .objectValue?["rows"]?.arrayValue?.compactMap { $0.objectValue?["group"]?.stringValue }
            #expect(closureGroups == ["大埔镇"])
            // Personal data: masked for a supervisor, opened for an auditor (as in the API), on a case
            // of the township that holds a sealed ID number.
            let rows = try await db.client.query("""
                SELECT p.workflow, p.case_no FROM pii_values p JOIN cases c USING (county, workflow, case_no)
                WHERE p.county = '450222' AND p.kind = 'id_number' AND c.township = '大埔镇' ORDER BY 2 LIMIT 1
                """)
            var sealedCase: (String, String)?
            for try await row in rows.decode((String, String).self) { sealedCase = row }
            let (workflow, number) = try #require(sealedCase)
            let fullID = #"[1-9]\d{16}[\dX]"#
            let asSupervisor = String(buffer: try await Self.page(client, "/cases/\(workflow)/\(number)", cookie: cookie).body)
            #expect(asSupervisor.contains("**************"))
            #expect(asSupervisor.range(of: fullID, options: .regularExpression) == nil, "a full ID number is shown")
            let auditor = try await Self.cookie(client, tokens.auditor)
            let asAuditor = String(buffer: try await Self.page(client, "/cases/\(workflow)/\(number)", cookie: auditor).body)
            #expect(asAuditor.range(of: fullID, options: .regularExpression) != nil, "an auditor sees the full ID number")
        }
    }
}

extension DashboardTests {
    /// Every id a page must never show a person: the registry's choice ids (every field of every
    /// event, parties' roles and kinds), its state ids and event names.
    static var enumIDs: Set<String> {
        var ids = Set(Vocabulary.partyRole.ids + Vocabulary.partyKind.ids)
        for workflow in Workflows.ordered {
            ids.formUnion(workflow.states.map(\.id))
            for event in workflow.events {
                ids.insert(event.spec.name)
                for field in event.spec.fields {
                    switch field.kind {
                    case .choice(let choices), .choiceList(let choices): ids.formUnion(choices.ids)
                    case .text, .date, .amount, .count, .flag, .parties, .textList, .creditCode, .agency, .link: break
                    }
                }
            }
        }
        return ids
    }

    /// The text a person reads: every text node outside tags and attributes, without the stylesheet.
    static func readableText(_ node: XMLNode) -> [String] {
        if node.kind == .text { return [node.stringValue ?? ""] }
        if node.localName == "style" { return [] }
        return (node.children ?? []).flatMap(readableText)
    }

    /// What on a page's text is an enum id (as a whole word) or a JSON fragment; empty when none.
    static func idsAndJSON(in document: XMLDocument) -> [String] {
        let text = readableText(document.rootElement()!).joined(separator: "\n")
        var found: [String] = []
        for id in enumIDs.sorted() where text.range(of: "(?<![A-Za-z0-9_])\(id)(?![A-Za-z0-9_])", options: .regularExpression) != nil {
            found.append(id)
        }
        for fragment in ["{\"", "[{", "\":"] where text.contains(fragment) { found.append(fragment) }
        return found
    }

    /// The done-when check of issue 17: signed in, the dashboard and a case page of every workflow
    /// of the demo show labels, never an enum id, and no JSON.
    @Test func pagesShowLabelsNeverEnumIDsOrJSON() async throws {
        try await Self.withDashboard("dashwords", demo: true) { client, _, db in
            let cookie = try await Self.passwordCookie(client)
            var pages = ["/?year=2025"]
            for workflow in Workflows.contract {
                let cases = try await CaseStore(db).list(CaseFilter(county: "450222", workflow: workflow.id, limit: 150))
                // A case with many events shows the most fields.
                var best: (String, Int)?
                for summary in cases {
                    let detail = try await CaseStore(db).show(county: "450222", workflow: workflow.id, caseNumber: summary.caseNumber)
                    if detail.events.count > (best?.1 ?? 0) { best = (summary.caseNumber, detail.events.count) }
                }
                if let best { pages.append("/cases/\(workflow.id.rawValue)/\(best.0)") }
            }
            #expect(pages.count == 1 + Workflows.contract.count)
            pages += ["/deadlines?list=overdue", "/deadlines?list=advisory", "/deadlines?list=follow_ups",
                      "/cases?indicator=center.disputes&year=2025"]
            for uri in pages {
                let document = try Self.document(try await Self.page(client, uri, cookie: cookie))
                let found = Self.idsAndJSON(in: document)
                #expect(found.isEmpty, "\(uri) shows \(found)")
            }
        }
    }
}

/// `anjie report --format html`: the built binary over the hand-computed fixture writes one
/// well-formed page whose every indicator row holds the report's figure.
@Suite struct ReportHTMLCommandTests {
    @Test func theHTMLReportIsWellFormedAndCarriesTheRecomputedAndPublishedFigures() async throws {
        let path = try ImportExportTests.write(ReportFixture.build().lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestDatabase.withFreshDatabase("reporthtml") { db, configuration in
            #expect(try await Importer(db).run(path: path, dryRun: false).errors.isEmpty)
            let report = try await ReportService(db).report(county: "450222", year: 2025)
            let run = try BadInputCLITests.run(["report", "--year", "2025", "--format", "html", "--compare-published"].map { Array($0.utf8) },
                                               database: configuration)
            #expect(run.status == 0 && run.signal == 0, "\(run.stderr)")
            #expect(run.stdout.hasPrefix("<!DOCTYPE html>"))
            let document = try XMLDocument(xmlString: run.stdout, options: [])
            for result in report.results {
                let row = try document.nodes(forXPath: "//*[@id='indicator-\(result.indicator.id)']").first?.stringValue ?? ""
                let shown = result.value == nil ? "—" : result.formatted + result.indicator.unit
                #expect(row.contains(shown), "\(result.indicator.id): \(shown) not in \(row)")
                #expect(row.contains(result.indicator.published?.text ?? "未公布"), "\(result.indicator.id)")
            }
            // The narrative paragraph and both charts, inline; nothing fetched from elsewhere.
            let text = document.rootElement()?.stringValue ?? ""
            #expect(text.contains("共调解民间纠纷\(report.result("mediation.mediated")!.formatted)件"))
            #expect(try document.nodes(forXPath: "//*[local-name()='svg']").count == 2)
            #expect(try document.nodes(forXPath: "//*[local-name()='script' or local-name()='link' or local-name()='img']").isEmpty)
        }
    }
}

/// People sign in with a name and password (issue 17): the form is protected against other
/// sites, failures are limited, and every page carries the security headers.
extension DashboardTests {
    static let securityHeaders: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY"),
    ]

    static func checkSecurityHeaders(_ response: TestResponse, _ uri: String) {
        for (name, value) in securityHeaders {
            #expect(response.headers[HTTPField.Name(name)!] == value, "\(uri): \(name)")
        }
        let policy = response.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
        let directives = Set(policy.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(directives.contains("default-src 'none'") && directives.contains("frame-ancestors 'none'")
                && directives.contains("form-action 'self'") && directives.contains("base-uri 'none'"), "\(uri): \(policy)")
        // No script may run, inline or not, and styles only by the one stylesheet's hash.
        #expect(!policy.contains("script-src") && !policy.contains("unsafe-inline"), "\(uri): \(policy)")
        let style = directives.first { $0.hasPrefix("style-src ") } ?? ""
        #expect(style.hasPrefix("style-src 'sha256-"), "\(uri): \(policy)")
    }

    @Test func signInWithAPasswordIsGuardedAndEveryPageSendsTheSecurityHeaders() async throws {
        try await Self.withDashboard("dashpassword", demo: false) { client, tokens, db in
            // The sign-in page itself: headers, and it may not be framed.
            let form = try await client.execute(uri: "/login", method: .get)
            Self.checkSecurityHeaders(form, "/login")

            // Wrong password, unknown name: the same answer, and no cookie.
            let wrong = try await Self.passwordLogin(client, name: "督办甲", password: "not the password", form: try await Self.openForm(client))
            #expect(wrong.status == .unauthorized && wrong.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("anjie_session=") })
            Self.checkSecurityHeaders(wrong, "POST /login")
            let unknown = try await Self.passwordLogin(client, name: "无此人", password: Self.password, form: try await Self.openForm(client),
                                                       address: "198.51.100.8")
            #expect(unknown.status == .unauthorized)

            // Without the form's token (a post from another site's page), or with another site's Origin: refused.
            #expect(try await Self.passwordLogin(client, name: "督办甲", password: Self.password, form: nil).status == .forbidden)
            var forged = try await Self.openForm(client)
            forged.csrf = String(repeating: "0", count: 64)
            #expect(try await Self.passwordLogin(client, name: "督办甲", password: Self.password, form: forged).status == .forbidden)
            #expect(try await Self.passwordLogin(client, name: "督办甲", password: Self.password, form: try await Self.openForm(client),
                                                 origin: "https://evil.example").status == .forbidden)

            // The right password: a session cookie, and every page then carries the headers.
            let cookie = try await Self.passwordCookie(client)
            #expect(cookie.hasPrefix("anjie_session=anjieu_"))
            for uri in ["/", "/?year=2025", "/cases", "/cases?year=2025", "/deadlines?list=overdue", "/deadlines?list=advisory",
                        "/deadlines?list=due_soon", "/deadlines?list=follow_ups", "/cases/dispute/JF-2025-99999", "/?year=1999"] {
                let page = try await Self.page(client, uri, cookie: cookie)
                #expect([.ok, .notFound, .badRequest].contains(page.status), "\(uri): \(page.status)")
                Self.checkSecurityHeaders(page, uri)
            }
            // A clerk's password is right but the role may not see statistics: no session.
            let clerk = try await Self.passwordLogin(client, name: "登记乙", password: Self.password, form: try await Self.openForm(client),
                                                     address: "198.51.100.9")
            #expect(clerk.status == .forbidden && clerk.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("anjie_session=") })

            // Signing out ends the session on the server, not just in the browser.
            _ = try await client.execute(uri: "/logout", method: .post, headers: [.cookie: cookie])
            #expect(try await Self.page(client, "/", cookie: cookie).status == .seeOther)

            // A new password or a disabled user ends every session.
            let again = try await Self.passwordCookie(client)
            #expect(try await UserStore(db).setPassword(name: "督办甲", password: "另一个密码 another one"))
            #expect(try await Self.page(client, "/", cookie: again).status == .seeOther)
            #expect(try await UserStore(db).setPassword(name: "督办甲", password: Self.password))
            let third = try await Self.passwordCookie(client)
            #expect(try await UserStore(db).disable(name: "督办甲"))
            #expect(try await Self.page(client, "/", cookie: third).status == .seeOther)
            let disabled = try await Self.passwordLogin(client, name: "督办甲", password: Self.password, form: try await Self.openForm(client),
                                                        address: "198.51.100.10")
            #expect(disabled.status == .unauthorized)

            // Scripts still sign in with a token.
            #expect(try await Self.login(client, tokens.supervisor).status == .seeOther)
            // Stored: a salted PBKDF2 hash with its iteration count, never the password.
            let rows = try await db.client.query("SELECT password_hash FROM users ORDER BY name")
            for try await hash in rows.decode(String.self) {
                #expect(hash.hasPrefix("pbkdf2-sha256$\(PasswordHash.iterations)$") && !hash.contains(Self.password))
            }
        }
    }

    @Test func failedSignInsAreLimitedPerUserAndPerAddress() async throws {
        try await Self.withDashboard("dashlimit", demo: false) { client, _, db in
            try await UserStore(db).add(name: "督办丙", county: "450222", role: .supervisor, townships: [], password: Self.password)
            // Five wrong passwords for one user from five addresses: the sixth try is refused before
            // the password is looked at, even the right one, with Retry-After.
            for attempt in 1...SignInLimiter.limit {
                let response = try await Self.passwordLogin(client, name: "督办丙", password: "wrong \(attempt)",
                                                            form: try await Self.openForm(client), address: "203.0.113.\(attempt)")
                #expect(response.status == .unauthorized)
            }
            let limited = try await Self.passwordLogin(client, name: "督办丙", password: Self.password,
                                                       form: try await Self.openForm(client), address: "203.0.113.99")
            #expect(limited.status == .tooManyRequests)
            let wait = try #require(Int(limited.headers[.retryAfter] ?? ""))
            #expect(wait > 0 && wait <= 15 * 60)
            // Another user is not held up by it…
            _ = try await Self.passwordCookie(client)
            // …but one address guessing at many names is.
            for attempt in 1...SignInLimiter.limit {
                _ = try await Self.passwordLogin(client, name: "猜\(attempt)", password: "x", form: try await Self.openForm(client),
                                                 address: "192.0.2.1")
            }
            let fromThatAddress = try await Self.passwordLogin(client, name: "督办甲", password: Self.password,
                                                               form: try await Self.openForm(client), address: "192.0.2.1")
            #expect(fromThatAddress.status == .tooManyRequests && fromThatAddress.headers[.retryAfter] != nil)
        }
    }
}
