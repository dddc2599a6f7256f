/// The enumerations of DOMAIN.md. English ids are canonical; Chinese labels are what people read.
public enum Vocabulary {
    public static let category = Choices([
        Choice("marriage_family", "婚姻家庭"), Choice("neighbour", "邻里"),
        Choice("housing_homestead", "房屋宅基地"), Choice("contract", "合同"),
        Choice("business", "生产经营"), Choice("damages", "损害赔偿"),
        Choice("land_forest", "山林土地"), Choice("expropriation", "征地拆迁"),
        Choice("environment", "环境污染"), Choice("labor", "劳动争议"),
        Choice("consumer", "消费"), Choice("medical", "医疗"),
        Choice("traffic", "道路交通事故"), Choice("property_mgmt", "物业"),
        Choice("other", "其他"),
    ])

    public static let big3 = Choices([Choice("land", "土地"), Choice("forest", "山林"), Choice("water", "水利")])

    public static let big3Nature = Choices([
        Choice("ownership", "权属"), Choice("contract", "承包"), Choice("adjacency", "相邻"),
    ])

    public static let escalationKind = Choices([
        Choice("criminal", "民转刑"), Choice("group_petition", "群体性上访"),
        Choice("armed_fight", "械斗"), Choice("bypass_petition", "越级上访"),
        Choice("suicide", "自杀"),
    ])

    public static let partyRole = Choices([
        Choice("applicant", "申请人"), Choice("respondent", "被申请人"),
        Choice("party", "当事人"), Choice("agent", "代理人"),
    ])

    public static let partyKind = Choices([Choice("person", "自然人"), Choice("organization", "组织")])

    public static let disputeChannel = Choices([
        Choice("police_push", "警情推送"), Choice("walk_in", "群众来访"),
        Choice("hotline_12345", "12345热线"), Choice("grid_report", "网格员上报"),
        Choice("referral", "部门移交"), Choice("petition", "信访"), Choice("online", "网上受理"),
    ])

    public static let agreementForm = Choices([Choice("written", "书面协议"), Choice("oral", "口头协议")])

    public static let risk = Choices([Choice("low", "低风险"), Choice("medium", "中风险"), Choice("high", "高风险")])

    public static let complexity = Choices([
        Choice("simple", "简单"), Choice("complex", "复杂"), Choice("difficult", "疑难"),
    ])

    public static let followUpTier = Choices([
        Choice("unit", "责任单位"), Choice("township", "乡镇"), Choice("grid", "网格"),
    ])

    public static let followUpKind = Choices([
        Choice("weekly_review", "每周研判"), Choice("monthly_visit", "每月回访"),
    ])

    public static let disputeCloseOutcome = Choices([
        Choice("withdrawn", "撤回"), Choice("to_litigation", "转诉讼"), Choice("other", "其他"),
    ])

    public static let matterKind = Choices([
        Choice("legal_consultation", "法律咨询"), Choice("assistance", "协助办理"), Choice("other", "其他"),
    ])

    public static let organizationKind = Choices([
        Choice("county", "县级"), Choice("township", "乡镇"), Choice("village", "村（社区）"),
        Choice("industry", "行业性专业性"), Choice("labor", "劳动争议"), Choice("prison_room", "驻监调解室"),
    ])

    public static let mediationSource = Choices([
        Choice("application", "当事人申请"), Choice("own_initiative", "主动调解"),
        Choice("referral_court", "法院委派"), Choice("referral_police", "公安移送"),
        Choice("referral_center", "综治中心移交"),
    ])

    public static let reviewProcedure = Choices([Choice("ordinary", "普通程序"), Choice("simplified", "简易程序")])

    public static let reviewOutcome = Choices([
        Choice("change", "变更"), Choice("revoke", "撤销"), Choice("confirm_illegal", "确认违法"),
        Choice("order_performance", "责令履行"), Choice("confirm_invalid", "确认无效"),
        Choice("uphold", "维持"), Choice("dismiss_claim", "驳回复议请求"),
        Choice("dismiss_application", "驳回申请"), Choice("mediation_statement", "调解书"),
    ])

    public static let reviewTerminateReason = Choices([
        Choice("withdrawn", "撤回申请"), Choice("settled", "和解"), Choice("death", "申请人死亡"), Choice("other", "其他"),
    ])

    public static let adminMediationStage = Choices([
        Choice("in_review", "复议中"), Choice("pre_litigation", "诉前"),
    ])

    public static let legalAidCaseType = Choices([
        Choice("criminal", "刑事"), Choice("civil", "民事"), Choice("administrative", "行政"),
        Choice("state_compensation", "国家赔偿"),
    ])

    public static let population = Choices([
        Choice("migrant_worker", "农民工"), Choice("minor", "未成年人"), Choice("elderly", "老年人"),
        Choice("women", "妇女"), Choice("disabled", "残疾人"), Choice("veteran", "退役军人"),
    ])

    public static let notifyingBody = Choices([
        Choice("court", "法院"), Choice("procuratorate", "检察院"), Choice("police", "公安机关"),
    ])

    public static let meansTest = Choices([Choice("passed", "经济困难审查通过"), Choice("exempt", "免予审查")])

    /// Where a notarisation is handled; whether it was booked (预约) is the separate `booked` flag.
    public static let notaryService = Choices([
        Choice("window", "窗口办理"), Choice("home_visit", "上门服务"),
    ])

    public static let site = Choices([Choice("center", "县综治中心"), Choice("legal_service", "公共法律服务中心")])
}
