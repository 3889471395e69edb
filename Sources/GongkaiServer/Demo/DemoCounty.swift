import Fluent
import Foundation
import GongkaiCore

/// A deterministic, realistic demo county so that a newcomer sees a living system at once:
/// the county government, ten bureaus, eight townships, a user for every role, two years of
/// requests and last year's annual reports at every stage.
/// Only the password is random, printed once by `gongkai demo`.
enum DemoCounty {
    struct AgencySeed {
        let code: String
        let name: String
        let shortName: String
        let kind: AgencyKind
        let parent: String?
        /// The 9-character organisation code inside the credit code (fictional).
        let organisation: String
        let address: String
        let phone: String
    }

    struct UserSeed {
        let username: String
        let name: String
        let agency: String
        let roles: Set<Role>
    }

    static let countyName = "示范县"
    /// A fictional division code (the 6 digits after 11 in a government credit code).
    static let divisionCode = "659999"

    static let agencies: [AgencySeed] = [
        .init(code: "sfx-gov", name: "示范县人民政府", shortName: "县政府", kind: .government, parent: nil, organisation: "010000011",
              address: "示范县人民路 1 号", phone: "0999-5020001"),
        .init(code: "sfx-fgw", name: "示范县发展和改革委员会", shortName: "县发展改革委", kind: .department, parent: "sfx-gov",
              organisation: "010000020", address: "示范县人民路 1 号 3 楼", phone: "0999-5020101"),
        .init(code: "sfx-jyj", name: "示范县教育局", shortName: "县教育局", kind: .department, parent: "sfx-gov",
              organisation: "010000038", address: "示范县文化路 18 号", phone: "0999-5020201"),
        .init(code: "sfx-gaj", name: "示范县公安局", shortName: "县公安局", kind: .department, parent: "sfx-gov",
              organisation: "010000046", address: "示范县解放路 66 号", phone: "0999-5020301"),
        .init(code: "sfx-mzj", name: "示范县民政局", shortName: "县民政局", kind: .department, parent: "sfx-gov",
              organisation: "010000054", address: "示范县和平街 9 号", phone: "0999-5020401"),
        .init(code: "sfx-czj", name: "示范县财政局", shortName: "县财政局", kind: .department, parent: "sfx-gov",
              organisation: "010000062", address: "示范县人民路 1 号 5 楼", phone: "0999-5020501"),
        .init(code: "sfx-rsj", name: "示范县人力资源和社会保障局", shortName: "县人社局", kind: .department, parent: "sfx-gov",
              organisation: "010000070", address: "示范县建设路 21 号", phone: "0999-5020601"),
        .init(code: "sfx-zrzyj", name: "示范县自然资源局", shortName: "县自然资源局", kind: .department, parent: "sfx-gov",
              organisation: "010000089", address: "示范县团结路 33 号", phone: "0999-5020701"),
        .init(code: "sfx-zjj", name: "示范县住房和城乡建设局", shortName: "县住建局", kind: .department, parent: "sfx-gov",
              organisation: "010000097", address: "示范县团结路 35 号", phone: "0999-5020801"),
        .init(code: "sfx-wjw", name: "示范县卫生健康委员会", shortName: "县卫健委", kind: .department, parent: "sfx-gov",
              organisation: "01000010X", address: "示范县健康路 2 号", phone: "0999-5020901"),
        .init(code: "sfx-scjgj", name: "示范县市场监督管理局", shortName: "县市场监管局", kind: .department, parent: "sfx-gov",
              organisation: "010000118", address: "示范县商贸街 12 号", phone: "0999-5021001"),
        .init(code: "sfx-cgz", name: "示范县城关镇人民政府", shortName: "城关镇", kind: .township, parent: "sfx-gov",
              organisation: "010000126", address: "示范县城关镇中心街 8 号", phone: "0999-5031001"),
        .init(code: "sfx-dhz", name: "示范县东河镇人民政府", shortName: "东河镇", kind: .township, parent: "sfx-gov",
              organisation: "010000134", address: "示范县东河镇河东路 1 号", phone: "0999-5032001"),
        .init(code: "sfx-nhz", name: "示范县南湖镇人民政府", shortName: "南湖镇", kind: .township, parent: "sfx-gov",
              organisation: "010000142", address: "示范县南湖镇湖滨路 5 号", phone: "0999-5033001"),
        .init(code: "sfx-qsz", name: "示范县青石镇人民政府", shortName: "青石镇", kind: .township, parent: "sfx-gov",
              organisation: "010000150", address: "示范县青石镇石桥街 3 号", phone: "0999-5034001"),
        .init(code: "sfx-xsx", name: "示范县西山乡人民政府", shortName: "西山乡", kind: .township, parent: "sfx-gov",
              organisation: "010000169", address: "示范县西山乡政府街 1 号", phone: "0999-5035001"),
        .init(code: "sfx-blx", name: "示范县北岭乡人民政府", shortName: "北岭乡", kind: .township, parent: "sfx-gov",
              organisation: "010000177", address: "示范县北岭乡岭北路 2 号", phone: "0999-5036001"),
        .init(code: "sfx-byx", name: "示范县白杨乡人民政府", shortName: "白杨乡", kind: .township, parent: "sfx-gov",
              organisation: "010000185", address: "示范县白杨乡白杨街 6 号", phone: "0999-5037001"),
        .init(code: "sfx-hqjd", name: "示范县红旗街道办事处", shortName: "红旗街道", kind: .township, parent: "sfx-gov",
              organisation: "010000193", address: "示范县红旗路 100 号", phone: "0999-5038001"),
    ]

    static let users: [UserSeed] = [
        .init(username: "sfx.admin", name: "周志强", agency: "sfx-gov", roles: [.systemAdministrator]),
        .init(username: "sfx.auditor", name: "孙丽华", agency: "sfx-gov", roles: [.auditor]),
        .init(username: "sfx.supervisor", name: "马文斌", agency: "sfx-gov", roles: [.supervisor]),
        .init(username: "sfx.head", name: "李海燕", agency: "sfx-gov", roles: [.officeHead]),
        .init(username: "sfx.officer", name: "王建国", agency: "sfx-gov", roles: [.caseOfficer]),
        .init(username: "sfx.publisher", name: "陈晓梅", agency: "sfx-gov", roles: [.publisher]),
        .init(username: "sfx.reviewer", name: "刘德明", agency: "sfx-gov", roles: [.reviewer]),
        .init(username: "sfx.secrecy", name: "赵丽君", agency: "sfx-gov", roles: [.confidentialityReviewer]),
        .init(username: "jyj.officer", name: "张伟", agency: "sfx-jyj", roles: [.caseOfficer, .publisher]),
        .init(username: "jyj.head", name: "杨秀英", agency: "sfx-jyj", roles: [.officeHead, .reviewer]),
        .init(username: "cgz.officer", name: "黄志华", agency: "sfx-cgz", roles: [.caseOfficer, .publisher]),
        .init(username: "cgz.head", name: "吴桂兰", agency: "sfx-cgz", roles: [.officeHead]),
        // The education bureau's review chain (issue #11): 初审, 保密审查, and 终审 by jyj.head.
        .init(username: "jyj.reviewer", name: "钱建军", agency: "sfx-jyj", roles: [.reviewer]),
        .init(username: "jyj.secrecy", name: "吴晓红", agency: "sfx-jyj", roles: [.confidentialityReviewer]),
    ]

    static func creditCode(_ seed: AgencySeed) -> String {
        // 1 = 机构编制 registration, 1 = 机关 (government organ), division code, organisation code.
        UnifiedSocialCreditCode.completing("11" + divisionCode + seed.organisation)!.value
    }

    static func guide(_ seed: AgencySeed) -> String {
        """
        根据《中华人民共和国政府信息公开条例》（以下简称《条例》），为便于公民、法人和其他组织依法获取\(seed.name)的政府信息，编制本指南。本指南实时更新。
        一、主动公开
        （一）公开范围。本机关按照《条例》第十九条、第二十条\(seed.kind == .township ? "、第二十一条" : "")的规定主动公开政府信息，具体见本机关政府信息公开目录。
        （二）编排体系。主动公开的政府信息按索引号、信息名称、发布机构、成文日期、文号等编排。索引号由机构代码、信息类别、年度和流水号组成，是政府信息的唯一识别代码。
        （三）公开方式。通过\(countyName)人民政府门户网站“政府信息公开”栏目公开，并可在县档案馆、县图书馆政府信息查阅点查阅。
        （四）公开时限。属于主动公开范围的政府信息，自该信息形成或者变更之日起 20 个工作日内予以公开。法律、法规对公开期限另有规定的，从其规定。
        二、依申请公开
        （一）受理机构：\(seed.name)政府信息公开工作机构，地址：\(seed.address)，电话：\(seed.phone)。受理时间为工作日办公时间，法定节假日除外。
        （二）申请方式。申请人可以当面提交、邮寄或通过互联网提交书面申请。采用书面形式确有困难的，可以口头提出，由受理机构代为填写申请。
        （三）处理时限。能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过 20 个工作日。征求第三方和其他机关意见所需时间不计算在内。
        （四）收费。依申请提供政府信息不收费；申请数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。
        三、监督和救济
        公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。
        """
    }

    /// Loads the county, with its requests and review cases, into an empty database and returns
    /// the demo password.
    static func load(hasher: PasswordHasher, context: RequestContext, on db: any Database) async throws -> String {
        guard try await Agency.query(on: db).count() == 0 else {
            throw AppError.badRequest("数据库中已有机构，演示数据只能载入空数据库（可用 DATABASE_URL 指向一个新文件）")
        }
        let password = "Demo" + Secrets.temporaryPassword()
        let hash = try await hasher.hash(password)
        let actor = AuditActor.commandLine("demo")
        try await db.writeTransaction { tx in
            var ids: [String: Int] = [:]
            for seed in agencies {
                let fields = AgencyFields(
                    code: seed.code, name: seed.name, shortName: seed.shortName, kind: seed.kind, creditCode: creditCode(seed),
                    address: seed.address, phone: seed.phone, officeHours: "工作日上午 9:00–12:00，下午 13:30–17:30（法定节假日除外）",
                    contactName: "政府信息公开工作机构", contactPhone: seed.phone,
                    contactEmail: "gk@\(seed.code.replacingOccurrences(of: "sfx-", with: "")).sfx.example.gov.cn",
                    guideText: guide(seed),
                    reconsiderationBody: seed.kind == .government ? "示范市人民政府" : "示范县人民政府",
                    litigationCourt: "示范县人民法院")
                let agency = try await AgencyService.create(fields, parentID: seed.parent.flatMap { ids[$0] }, by: actor, on: tx)
                ids[seed.code] = try agency.requireID()
            }
            var userIDs: [String: Int] = [:]
            for seed in users {
                let user = StaffUser(username: seed.username, displayName: seed.name, passwordHash: hash,
                                     agencyID: ids[seed.agency]!, mustChangePassword: false)
                try await user.create(on: tx)
                for role in seed.roles.sorted() {
                    try await RoleAssignment(userID: try user.requireID(), agencyID: ids[seed.agency]!, role: role).create(on: tx)
                }
                try await AuditLog.record(.create, user, summary: "演示数据：新建用户 \(user.username)", before: nil, by: actor, on: tx)
                userIDs[seed.username] = try user.requireID()
            }
            try await DemoRequests.load(agencyIDs: ids, users: userIDs, context: context, on: tx)
            try await DemoPublications.load(agencyIDs: ids, users: userIDs, context: context, on: tx)  // issue #11
            try await DemoMessages.load(agencyIDs: ids, users: userIDs, calendar: context.calendar, today: context.today, on: tx)  // #12
            try await DemoReports.load(agencyIDs: ids, today: context.today, on: tx)
        }
        return password
    }
}
