/// 柳城县 (450222), the county the product was conceived for, and its twelve townships.
public enum County {
    public static let liuchengCode = "450222"
    public static let liuchengName = "柳城县"
    /// Also shipped as `Deploy/townships-450222.csv` (a test keeps the two equal). Statistical codes
    /// are left out until checked against the published 统计用区划代码.
    public static let liuchengTownships = [
        "大埔镇", "龙头镇", "太平镇", "沙埔镇", "东泉镇", "凤山镇", "六塘镇", "冲脉镇", "寨隆镇", "马山镇", "古砦仫佬族乡", "社冲乡",
    ]
}
