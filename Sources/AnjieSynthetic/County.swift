/// 柳城县 (450222), the county the product was conceived for, and its twelve townships.
public enum County {
    public static let liuchengCode = "450222"
    public static let liuchengName = "柳城县"
    /// Also shipped as `Deploy/townships-450222.csv` (a test keeps the two equal). Statistical codes
    /// are left out until checked against the published 统计用区划代码.
    public static let liuchengTownships = [
        "大埔镇", "龙头镇", "太平镇", "沙埔镇", "东泉镇", "凤山镇", "六塘镇", "冲脉镇", "寨隆镇", "马山镇", "古砦仫佬族乡", "社冲乡",
    ]

    /// The demo's agency register (synthetic credit codes with valid check characters; levels per
    /// DOMAIN.md Part II). Also shipped as `Deploy/agencies-450222.csv`.
    public static let liuchengAgencies: [(code: String, name: String, level: String)] = [
        ("11450222MB1960000J", "柳城县人民政府", "county_government"),
        ("11450222MB1960037B", "柳城县人民政府办公室", "county_government"),
        ("11450222MB19600746", "柳城县司法局", "department"),
        ("11450222MB1960111C", "柳城县公安局", "department"),
        ("11450222MB19601485", "柳城县自然资源局", "department"),
        ("11450222MB19601850", "柳城县市场监督管理局", "department"),
        ("11450222MB19602226", "柳城县人力资源和社会保障局", "department"),
        ("11450222MB1960259Y", "柳城县住房和城乡建设局", "department"),
        ("11450222MB1960296R", "柳城县交通运输局", "department"),
        ("11450222MB19603330", "柳城县应急管理局", "department"),
        ("11450222MB1960370T", "柳城县农业农村局", "department"),
        ("11450222MB1960407Y", "柳城县教育局", "department"),
        ("11450222MB1960444R", "柳城县卫生健康局", "department"),
        ("11450222MB1960481L", "柳城县财政局", "department"),
        ("11450222MB1960518Q", "柳城县综合行政执法局", "department"),
        ("11450222MB1960555K", "柳城县林业局", "department"),
        ("11450222MB1960592E", "柳城县水利局", "department"),
        ("11450222MB1960629J", "柳城县医疗保障局", "department"),
        ("11450222MB1960666D", "柳城县退役军人事务局", "department"),
        ("11450222MB1960703K", "柳城县民政局", "department"),
        ("11450222MB1960740E", "大埔镇人民政府", "township"),
        ("11450222MB19607777", "龙头镇人民政府", "township"),
        ("11450222MB1960814D", "太平镇人民政府", "township"),
        ("11450222MB19608518", "沙埔镇人民政府", "township"),
        ("11450222MB19608881", "东泉镇人民政府", "township"),
        ("11450222MB19609257", "凤山镇人民政府", "township"),
        ("11450222MB19609622", "六塘镇人民政府", "township"),
        ("11450222MB1960999T", "冲脉镇人民政府", "township"),
        ("11450222MB1961036F", "寨隆镇人民政府", "township"),
        ("11450222MB1961073A", "马山镇人民政府", "township"),
        ("11450222MB1961110G", "古砦仫佬族乡人民政府", "township"),
        ("11450222MB19611479", "社冲乡人民政府", "township"),
    ]
}
