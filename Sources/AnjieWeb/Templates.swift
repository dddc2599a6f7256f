/// The page templates, kept as Swift strings so the binary carries them wherever it is copied (no
/// bundle resources). The markup is XHTML-compatible (every element closed, attributes quoted) so
/// tests can parse each page as XML. `{{x}}` is HTML-escaped by Mustache; `{{{x}}}` only ever holds
/// markup this module generated (the layout's body, an SVG chart, the stylesheet).
enum Templates {
    static let layout = """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="zh-CN">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>{{title}}</title>
        <style>{{{css}}}</style>
        </head>
        <body>
        {{#viewer}}
        <header class="top">
        <h1>案结 · 督办看板</h1>
        <a href="/">看板</a>
        <a href="/cases">案件</a>
        <a href="/deadlines?list=overdue">逾期</a>
        <span class="viewer">{{viewer}}</span>
        <form method="post" action="/logout"><button type="submit">退出登录</button></form>
        </header>
        {{/viewer}}
        <main>
        {{{body}}}
        </main>
        </body>
        </html>
        """

    static let dashboard = """
        <section>
        <h2>{{county}} · {{scope}} · {{year}}年主要数字（与{{lastYear}}年对比）</h2>
        <nav class="choices">年份：{{#years}}<a href="{{href}}"{{#selected}} class="selected"{{/selected}}>{{label}}</a>{{/years}}</nav>
        {{#hasTownshipChoices}}<nav class="choices">范围：{{#townships}}<a href="{{href}}"{{#selected}} class="selected"{{/selected}}>{{label}}</a>{{/townships}}</nav>{{/hasTownshipChoices}}
        <div class="figures">
        {{#figures}}
        <div class="figure" id="figure-{{id}}">
        <div class="label">{{section}} · {{label}}</div>
        <div class="value">{{#href}}<a href="{{href}}">{{value}}</a>{{/href}}{{^href}}{{value}}{{/href}}</div>
        <div class="last">{{lastYear}}年：{{lastValue}}{{#change}}（{{change}}）{{/change}}</div>
        </div>
        {{/figures}}
        </div>
        <p class="muted">数字由案件记录按年报口径重新计算；点击数字查看其所计的案件。今天 {{today}}。</p>
        </section>
        <section>
        <h2>{{year}}年受理案件办结率</h2>
        <div class="charts">
        <div><h3>按乡镇</h3>{{{townshipChart}}}</div>
        <div><h3>按业务</h3>{{{workflowChart}}}</div>
        </div>
        <p class="muted">办结率 = 当年受理且年末前已办结的案件 ÷ 当年受理的案件；点击条形查看该组案件。</p>
        </section>
        <section>
        <h2>已逾期的法定期限和交办/督办期限（{{overdueTotal}}项）</h2>
        {{#deadlineProblem}}<p class="error">{{deadlineProblem}}</p>{{/deadlineProblem}}
        {{{overdueTable}}}
        </section>
        <section>
        <h2>{{dueSoonDays}}日内届满（{{dueSoonTotal}}项）</h2>
        {{{dueSoonTable}}}
        </section>
        <section>
        <h2>已过指导性期限（{{advisoryTotal}}项）</h2>
        <p class="muted">指导性期限（如调解一般应在一个月内调结）是工作要求，不是法定期限，超过不算逾期，列此供跟进。</p>
        {{{advisoryTable}}}
        </section>
        <section>
        <h2>未化解纠纷的跟进节奏（每周研判、每月回访）</h2>
        <p>分类流转或督办中的纠纷 {{followUpTotal}} 件，其中 <span class="overdue">{{followUpBehind}}</span> 件未按期跟进。</p>
        {{#hasFollowUps}}
        <table>
        <thead><tr><th>编号</th><th>乡镇</th><th>流转日</th><th>上次研判</th><th>上次回访</th><th>缺少层级</th></tr></thead>
        <tbody>
        {{#followUps}}
        <tr><td><a href="{{href}}">{{caseNumber}}</a></td><td>{{township}}</td><td>{{routed}}</td>
        <td{{#weeklyLate}} class="overdue"{{/weeklyLate}}>{{lastWeekly}}</td><td{{#monthlyLate}} class="overdue"{{/monthlyLate}}>{{lastMonthly}}</td><td>{{missingTiers}}</td></tr>
        {{/followUps}}
        </tbody>
        </table>
        {{/hasFollowUps}}
        {{#followUpsTruncated}}<p class="muted">仅列出最早到期的 {{rowLimit}} 件。{{#followUpsAll}}<a href="{{followUpsAll}}">查看全部 {{followUpBehind}} 件</a>{{/followUpsAll}}</p>{{/followUpsTruncated}}
        </section>
        """

    /// A table of deadline rows; rendered with the rows and the limit as context.
    static let deadlineTable = """
        {{#hasRows}}
        <table>
        <thead><tr><th>届满日</th><th>状态</th><th>业务</th><th>编号</th><th>乡镇</th><th>期限</th><th>性质</th></tr></thead>
        <tbody>
        {{#rows}}
        <tr><td>{{due}}</td><td{{#overdue}} class="overdue"{{/overdue}}>{{status}}</td><td>{{workflow}}</td>
        <td><a href="{{href}}">{{caseNumber}}</a></td><td>{{township}}</td><td>{{clock}}</td><td>{{kind}}</td></tr>
        {{/rows}}
        </tbody>
        </table>
        {{/hasRows}}
        {{^hasRows}}<p>无。</p>{{/hasRows}}
        {{#truncated}}<p class="muted">仅列出前 {{limit}} 项。{{#allHref}}<a href="{{allHref}}">查看全部 {{total}} 项</a>{{/allHref}}</p>{{/truncated}}
        """

    static let caseList = """
        <section>
        <h2>{{title}}</h2>
        {{#definition}}<p class="why">计入理由：{{definition}}（以下每一件都因此计入本数字）</p>{{/definition}}
        <p>共 <strong id="case-total">{{total}}</strong> 件。<a class="no-print" href="{{backHref}}">返回看板</a></p>
        {{#hasRows}}
        <table>
        <thead><tr><th>业务</th><th>编号</th><th>状态</th><th>乡镇</th><th>受理</th><th>结案</th></tr></thead>
        <tbody>
        {{#rows}}
        <tr><td>{{workflow}}</td><td><a href="{{href}}">{{caseNumber}}</a></td><td>{{state}}</td><td>{{township}}</td><td>{{opened}}</td><td>{{closed}}</td></tr>
        {{/rows}}
        </tbody>
        </table>
        {{/hasRows}}
        {{#nextHref}}<p class="no-print"><a href="{{nextHref}}">下一页</a></p>{{/nextHref}}
        </section>
        """

    /// A full list behind a dashboard table, a page at a time.
    static let deadlineList = """
        <section>
        <h2>{{title}}（共 <span id="list-total">{{total}}</span> 项）</h2>
        <p class="muted">{{explanation}}</p>
        {{#problem}}<p class="error">{{problem}}</p>{{/problem}}
        {{{table}}}
        <p class="no-print">{{range}}
        {{#previousHref}}<a href="{{previousHref}}">上一页</a>{{/previousHref}}
        {{#nextHref}}<a href="{{nextHref}}">下一页</a>{{/nextHref}}
        <a href="{{backHref}}">返回看板</a></p>
        </section>
        """

    static let followUpTable = """
        {{#hasRows}}
        <table>
        <thead><tr><th>编号</th><th>乡镇</th><th>流转日</th><th>上次研判</th><th>上次回访</th><th>缺少层级</th></tr></thead>
        <tbody>
        {{#rows}}
        <tr><td><a href="{{href}}">{{caseNumber}}</a></td><td>{{township}}</td><td>{{routed}}</td>
        <td{{#weeklyLate}} class="overdue"{{/weeklyLate}}>{{lastWeekly}}</td><td{{#monthlyLate}} class="overdue"{{/monthlyLate}}>{{lastMonthly}}</td><td>{{missingTiers}}</td></tr>
        {{/rows}}
        </tbody>
        </table>
        {{/hasRows}}
        {{^hasRows}}<p>无。</p>{{/hasRows}}
        """

    static let caseDetail = """
        <section>
        <h2>{{workflow}} {{caseNumber}}</h2>
        <table>
        <tbody>
        <tr><th>状态</th><td>{{state}}</td></tr>
        <tr><th>乡镇</th><td>{{township}}</td></tr>
        <tr><th>受理</th><td>{{opened}}</td></tr>
        <tr><th>结案</th><td>{{closed}}</td></tr>
        <tr><th>结果</th><td>{{outcome}}</td></tr>
        </tbody>
        </table>
        </section>
        {{#clockProblem}}
        <section>
        <h2>期限</h2>
        <p class="error">期限无法计算：{{clockProblem}}</p>
        </section>
        {{/clockProblem}}
        {{#hasClocks}}
        <section>
        <h2>期限</h2>
        <table>
        <thead><tr><th>期限</th><th>性质</th><th>届满日</th><th>状态</th><th>计算</th></tr></thead>
        <tbody>
        {{#clocks}}
        <tr><td>{{label}}</td><td>{{kind}}</td><td>{{due}}</td><td{{#overdue}} class="overdue"{{/overdue}}>{{status}}</td><td class="muted">{{explanation}}</td></tr>
        {{/clocks}}
        </tbody>
        </table>
        </section>
        {{/hasClocks}}
        <section>
        <h2>办理经过</h2>
        {{{timeline}}}
        </section>
        """

    /// The case's events: each field as "标签：值", parties as a table of their own.
    static let timeline = """
        <table class="timeline">
        <thead><tr><th>时间</th><th>事件</th><th>记录人</th><th>内容</th></tr></thead>
        <tbody>
        {{#events}}
        <tr><td>{{#struck}}<del>{{/struck}}{{at}}{{#struck}}</del>{{/struck}}</td><td>{{#struck}}<del>{{/struck}}{{event}}{{#struck}}</del>（已更正）{{/struck}}</td><td>{{actor}}</td><td>{{#struck}}<del>{{/struck}}{{#fields}}<div class="field"><span class="name">{{name}}：</span>{{value}}</div>{{/fields}}{{#struck}}</del>{{/struck}}
        {{#hasParties}}<table class="parties"><thead><tr><th>角色</th><th>类型</th><th>姓名或名称</th><th>证件号码</th><th>电话</th></tr></thead><tbody>
        {{#parties}}<tr><td>{{role}}</td><td>{{kind}}</td><td>{{name}}</td><td>{{idNumber}}</td><td>{{phone}}</td></tr>{{/parties}}
        </tbody></table>{{/hasParties}}</td></tr>
        {{#corrections}}<tr class="correction"><td>{{at}}</td><td>↳ 更正</td><td>{{actor}}</td><td>{{text}}</td></tr>{{/corrections}}
        {{/events}}
        </tbody>
        </table>
        """

    static let login = """
        <section>
        <h2>案结 · 督办看板登录</h2>
        <p>请输入用户名和密码。账号由系统管理员开设；忘记密码或账号被停用，请联系管理员。</p>
        {{#error}}<p class="error">{{error}}</p>{{/error}}
        <form class="login" method="post" action="/login">
        <input type="hidden" name="csrf" value="{{formToken}}"/>
        <p><label for="name">用户名</label><br/><input id="name" name="name" type="text" autocomplete="username" required="required"/></p>
        <p><label for="password">密码</label><br/><input id="password" name="password" type="password" autocomplete="current-password" required="required"/></p>
        <p><button type="submit">登录</button></p>
        </form>
        </section>
        """

    static let message = """
        <section>
        <h2>{{heading}}</h2>
        <p>{{text}}</p>
        <p class="no-print"><a href="{{linkHref}}">{{linkText}}</a></p>
        </section>
        """

    static let report = """
        <section>
        <h1>{{title}}</h1>
        {{#paragraphs}}<p>{{.}}</p>{{/paragraphs}}
        </section>
        <section>
        <h2>{{year}}年受理案件办结率</h2>
        <div class="charts">
        <div><h3>按乡镇</h3>{{{townshipChart}}}</div>
        <div><h3>按业务</h3>{{{workflowChart}}}</div>
        </div>
        </section>
        <section>
        <h2>指标明细</h2>
        <table>
        <thead><tr><th>指标</th><th>名称</th><th class="num">重算</th><th class="num">分子/分母</th>{{#compare}}<th class="num">公布</th><th>一致</th><th>说明</th>{{/compare}}</tr></thead>
        <tbody>
        {{#rows}}
        <tr id="indicator-{{id}}"><td><code>{{id}}</code></td><td>{{label}}</td><td class="num">{{value}}</td><td class="num">{{fraction}}</td>{{#compare}}<td class="num">{{published}}</td><td class="{{matchClass}}">{{match}}</td><td>{{note}}</td>{{/compare}}</tr>
        {{/rows}}
        </tbody>
        </table>
        </section>
        {{#compare}}
        <section>
        <h2>公布数据自相矛盾之处</h2>
        <ul>{{#contradictions}}<li>{{.}}</li>{{/contradictions}}</ul>
        </section>
        {{/compare}}
        <p class="muted">由案件记录按年报口径重新计算（anjie report --format html），生成于 {{generated}}。</p>
        """
}
