/// The one stylesheet, inlined into every page so a saved or printed page is complete on its own.
/// `@media print` drops navigation and forms and keeps tables and charts whole on a page.
enum PageStyle {
    static let css = """
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif;
               margin: 0; color: #1d2733; background: #f4f6f8; font-size: 15px; line-height: 1.5; }
        header.top { background: #1f4e79; color: #fff; padding: 10px 24px; display: flex; align-items: center; gap: 24px; flex-wrap: wrap; }
        header.top h1 { font-size: 20px; margin: 0; }
        header.top a { color: #fff; }
        header.top form { margin: 0 0 0 auto; }
        main { padding: 16px 24px; max-width: 1200px; }
        section { background: #fff; border: 1px solid #d6dde4; border-radius: 6px; padding: 12px 16px; margin: 0 0 16px; }
        h2 { font-size: 17px; margin: 0 0 8px; color: #1f4e79; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border-bottom: 1px solid #e3e8ed; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #eef2f6; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 10px; }
        .figure { border: 1px solid #d6dde4; border-radius: 6px; padding: 8px 10px; background: #fbfcfd; }
        .figure .label { color: #4a5866; font-size: 13px; }
        td code { font-size: 12px; }
        .figure .value { font-size: 24px; font-weight: 700; color: #1f4e79; }
        .figure .value a { color: inherit; text-decoration: none; }
        .figure .last { font-size: 12px; color: #5f6d7a; }
        .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
        svg.chart .bar { fill: #2e75b6; }
        svg.chart a:hover .bar { fill: #1f4e79; }
        svg.chart .grid { stroke: #c8d1da; stroke-width: 1; }
        svg.chart text { font-size: 12px; fill: #1d2733; }
        .overdue { color: #b42318; font-weight: 600; }
        .muted { color: #5f6d7a; font-size: 13px; }
        .match-yes { color: #067647; } .match-no { color: #b42318; }
        nav.choices a { margin-right: 10px; } nav.choices a.selected { font-weight: 700; text-decoration: none; color: #1d2733; }
        form.login { max-width: 420px; } form.login input { width: 100%; font-size: 15px; padding: 6px; box-sizing: border-box; }
        .error { color: #b42318; }
        header.top .viewer { color: #dbe6f0; font-size: 13px; }
        p.why { background: #eef5fb; border-left: 3px solid #2e75b6; padding: 4px 8px; }
        table.parties { margin: 4px 0; width: auto; font-size: 13px; }
        table.parties th, table.parties td { padding: 2px 6px; }
        .field .name { color: #4a5866; }
        svg.chart .axis { stroke: #5f6d7a; stroke-width: 1; }
        svg.chart .tick { font-size: 11px; fill: #5f6d7a; }
        @media (max-width: 800px) { .charts { grid-template-columns: 1fr; } }
        @media print {
          body { background: #fff; font-size: 11pt; }
          header.top, nav.choices, form, .no-print { display: none; }
          main { padding: 0; max-width: none; }
          section { border: none; padding: 0; margin: 0 0 12pt; page-break-inside: avoid; }
          .charts { grid-template-columns: 1fr; }
          a { color: inherit; text-decoration: none; }
          tr { page-break-inside: avoid; }
        }
        """
}
