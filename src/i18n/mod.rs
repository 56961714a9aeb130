//! Every text the user reads, in Chinese and English, in one place: the UI's strings
//! ([`text`]) and the messages of validation and findings ([`Message`]: a code with
//! parameters, rendered by [`Message::render`]). The UI and `taizhang-cli` share both tables.

use crate::format::{FormatError, Problem, ProblemKind};
use crate::model::approval::ApprovalRule;
use crate::model::{AmountError, EditError, Lang, PeriodError};

mod approvals;
mod checks;
mod draft;
mod sheets;

/// A table of texts: key, Chinese, English.
type Table = &'static [(&'static str, &'static str, &'static str)];

/// Every table of UI strings: the general one, then one per feature.
const UI_TABLES: &[Table] = &[UI, checks::UI, draft::UI, sheets::UI, approvals::UI];

/// Every table of message templates.
const MESSAGE_TABLES: &[Table] = &[
    MESSAGES,
    checks::MESSAGES,
    draft::MESSAGES,
    sheets::MESSAGES,
    approvals::MESSAGES,
];

fn all_ui() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    UI_TABLES.iter().flat_map(|t| t.iter())
}

fn all_messages() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    MESSAGE_TABLES.iter().flat_map(|t| t.iter())
}

/// The translation key of a collection's name ("values" → "collection.values").
pub fn collection_key(collection: &str) -> &'static str {
    use crate::model::RecordKind;
    match RecordKind::from_collection(collection) {
        Some(RecordKind::Area) => "collection.areas",
        Some(RecordKind::Unit) => "collection.units",
        Some(RecordKind::Indicator) => "collection.indicators",
        Some(RecordKind::Value) => "collection.values",
        Some(RecordKind::Relation) => "collection.relations",
        Some(RecordKind::Project) => "collection.projects",
        Some(RecordKind::Report) => "collection.progress_reports",
        Some(RecordKind::Supervision) => "collection.supervision_items",
        Some(RecordKind::Bulletin) => "collection.bulletins",
        Some(RecordKind::Summary) => "collection.summaries",
        Some(RecordKind::Meeting) => "collection.meetings",
        Some(RecordKind::Approval) => "collection.approvals",
        Some(RecordKind::Reminder) => "collection.reminders",
        None => "collection.unknown",
    }
}

/// The text key of a project status code (`"unknown"` and any other code: "状态未知").
pub fn status_key(code: &str) -> &'static str {
    match code {
        "preliminary" => "status.preliminary",
        "newly_started" => "status.newly_started",
        "continuing" => "status.continuing",
        "completed" => "status.completed",
        "in_service" => "status.in_service",
        _ => "status.unknown",
    }
}

/// A project status's name in a language; `None` is "status unknown".
pub fn status_label(status: Option<crate::model::ProjectStatus>, lang: Lang) -> &'static str {
    text(lang, status_key(status.map_or("unknown", |s| s.code())))
}

/// A project level's name in the UI language: the three levels every bureau uses (省/市/区重点,
/// stored as written) are named in English; a level of the user's own stays as typed.
pub fn level_label(level: &str, lang: Lang) -> String {
    let key = match level {
        "省重点" => "project.level_province",
        "市重点" => "project.level_city",
        "区重点" => "project.level_district",
        _ => return level.to_string(),
    };
    text(lang, key).to_string()
}

/// A project class's name in the UI language: the default classes (stored as written) are
/// named in English; a class of the user's own stays as typed.
pub fn class_label(class: &str, lang: Lang) -> String {
    let key = match class {
        "重点建设" => "project.class_key_construction",
        "重大前期" => "project.class_major_preliminary",
        "政府投资" => "project.class_government",
        "服务业" => "project.class_services",
        "城市有机更新" => "project.class_urban_renewal",
        _ => return class.to_string(),
    };
    text(lang, key).to_string()
}

/// A status code's name in a message (the code itself when it is not a status).
fn status_name(code: &str, lang: Lang) -> String {
    match crate::model::ProjectStatus::from_code(code) {
        Some(status) => status_label(Some(status), lang).to_string(),
        None => code.to_string(),
    }
}

/// UI strings: key, Chinese, English.
const UI: &[(&str, &str, &str)] = &[
    ("app.title", "台账", "Taizhang"),
    ("app.subtitle", "发改工作台账", "Development & Reform work ledger"),
    ("nav.dashboard", "总览", "Dashboard"),
    ("nav.indicators", "指标台账", "Indicators"),
    ("nav.data", "数据", "Data"),
    ("lang.switch", "English", "中文"),
    ("sample.badge", "示例数据", "Sample data"),
    ("sample.explain", "当前显示的是内置示例数据(鹿城区发改局 2012—2016 年工作总结)。", "You are looking at the built-in sample (Lucheng District DRB, 2012–2016 work summary)."),
    ("sample.start_empty", "新建空白台账", "Start an empty ledger"),
    ("sample.welcome", "这是内置的示例数据:鹿城区发改局 2012—2016 年工作总结(以及 2016 年工作总结)中的各项指标和重点项目,每个数字都附有它在原文中的出处。可以先在示例上试用,也可以直接开始自己的台账。", "This is the built-in sample: the indicators and key projects of the Lucheng District Development and Reform Bureau's 2012–2016 work summary (and its 2016 summary), each figure with the sentence it comes from. Try things out on it, or start your own ledger right away."),
    ("sample.open_file", "打开同事的文件", "Open a colleague's file"),
    ("dashboard.as_of", "本台账数据截至", "Figures as of"),
    ("dashboard.change_date", "修改", "change"),
    ("update.ready", "新版本可用", "A new version is available"),
    ("update.reload", "重新加载", "Reload"),
    ("sample.reload", "重新载入示例数据", "Reload the sample data"),
    ("confirm.start_empty", "新建空白台账将清除本机保存的全部台账数据,确定吗?", "Starting an empty ledger deletes all ledger data stored on this computer. Continue?"),
    ("confirm.reload_sample", "重新载入示例数据将替换本机保存的全部台账数据,确定吗?", "Reloading the sample replaces all ledger data stored on this computer. Continue?"),
    ("dashboard.headlines", "主要指标", "Headline figures"),
    ("dashboard.charts", "图表", "Charts"),
    ("dashboard.empty", "台账中还没有数据。到“指标台账”添加指标和数值。", "The ledger is empty. Add indicators and values on the Indicators page."),
    ("chart.show_table", "以表格显示", "Show as table"),
    ("chart.show_chart", "以图表显示", "Show as chart"),
    ("chart.export_png", "导出 PNG", "Export PNG"),
    ("chart.line", "折线图", "Line"),
    ("chart.bar", "柱状图", "Bar"),
    ("chart.partial", "(不完整期间)", "(partial period)"),
    ("chart.partial_period", "不完整期间", "partial period"),
    ("chart.no_figure", "台账中没有该期数值", "no figure in the ledger"),
    ("table.remark", "说明", "Remark"),
    ("chart.no_data", "没有可画的数据", "No data to chart"),
    ("table.period", "期间", "Period"),
    ("table.value", "数值", "Value"),
    ("table.indicator", "指标", "Indicator"),
    ("table.unit", "单位", "Unit"),
    ("indicators.area", "工作板块", "Work area"),
    ("indicators.add", "添加指标", "Add indicator"),
    ("indicators.add_period", "添加期间列", "Add period column"),
    ("indicators.period_placeholder", "如 2017、2017年1-6月、十三五", "e.g. 2017, 2017-Q2, 2017-YTD6, 2016-2020"),
    ("indicators.name", "指标名称", "Indicator name"),
    ("indicators.delete", "删除", "Delete"),
    ("indicators.confirm_delete", "删除该指标及其全部数值?", "Delete this indicator and all its values?"),
    ("indicators.empty", "该板块还没有指标。", "This area has no indicators yet."),
    ("indicators.edit_hint", "像在 Excel 里一样录入:点击或用方向键选中单元格后直接输入(可写“370亿”“约2980万元”),回车保存并下移,Tab 保存并右移(Shift 反向),F2 或双击在原值上修改,Esc 取消,Delete 清空;可从 Excel/WPS 整块粘贴。", "Enter figures as in Excel: select a cell by clicking or with the arrow keys and type (a unit typed after the figure is converted to the indicator's, and \"~\" marks an approximate figure); Enter saves and moves down, Tab saves and moves right (Shift goes back), F2 or a double click edits the figure in place, Esc cancels, Delete clears; blocks paste in from Excel or WPS."),
    ("confirm.leave_unsaved", "表单中有尚未保存的内容,离开将丢弃这些修改。确定离开吗?", "The form has changes that are not saved yet; leaving throws them away. Leave anyway?"),
    ("data.reporting_date", "截至日期", "Reporting date"),
    ("snapshot.title", "快照", "Snapshots"),
    ("backup.export_now", "去导出", "Export now"),
    ("backup.every", "每隔多少天提醒导出备份文件(0 为不提醒):", "Remind me to export a backup file every (days; 0 for never):"),
    ("backup.never", "还没有导出过备份文件。", "No backup file has been exported yet."),
    ("snapshot.explain", "台账的完整副本自动保存在本机:每天第一次修改前、每 20 次修改、每次导入或替换之前各一份;保留最近 20 份和最近 30 天每天一份,总量不超过预算。恢复一份快照是一次修改,可以撤销。", "Whole copies of the ledger are kept on this computer automatically: before the first change of each day, every 20 changes and before each import or replacement; the newest 20 and one a day for 30 days are kept, within a size budget. Restoring one is a change like any other: undo takes it back."),
    ("snapshot.none", "还没有快照:第一次修改前会自动保存一份。", "No snapshot yet: one is kept before the first change."),
    ("snapshot.restore", "恢复", "Restore"),
    ("snapshot.restored", "已恢复快照(可撤销)。", "The snapshot was restored (undo takes it back)."),
    ("snapshot.reason_changes", "一批修改后", "after a run of changes"),
    ("snapshot.reason_daily", "当天第一次修改前", "before the day's first change"),
    ("snapshot.reason_whole", "导入或替换之前", "before an import or replacement"),
    ("confirm.restore_snapshot", "用这份快照替换当前台账?(之后可以撤销。)", "Replace the ledger with this snapshot? (Undo takes it back.)"),
    ("recovery.title", "本机保存的台账已损坏", "The ledger stored here is damaged"),
    ("recovery.explain", "可能是保存时浏览器或电脑意外关闭。可以恢复一份完好的快照(建议选最新的),或只使用能读出的部分,或重新开始使用示例数据。", "Perhaps the browser or the computer stopped while saving. Restore an intact snapshot (the newest is suggested), use what can still be read, or start again with the sample."),
    ("recovery.snapshots", "快照", "Snapshots"),
    ("recovery.newest_intact", "最新的完好快照", "The newest intact snapshot"),
    ("recovery.searching", "正在查找能读出的快照……", "Looking for a snapshot that reads…"),
    ("recovery.none_intact", "没有一份快照能读出。可以只使用能读出的部分,或重新使用示例数据。", "No snapshot reads. Use what can still be read, or start again with the sample."),
    ("snapshot.unreadable", "已损坏", "damaged"),
    ("recovery.open_snapshot", "使用这份快照", "Use this snapshot"),
    ("recovery.use_readable", "只使用能读出的部分", "Use what can still be read"),
    ("recovery.use_sample", "重新使用示例数据", "Start again with the sample"),
    ("data.storage_title", "本机存储", "Storage on this computer"),
    ("data.persistent_yes", "浏览器已同意长期保存本网站的数据:磁盘空间不足时也不会自动清除。", "The browser keeps this site's data for good: it is not cleared when the disk runs low."),
    ("data.persistent_no", "浏览器没有同意长期保存:磁盘空间不足时,它可能清除本网站的数据;在无痕(隐私)窗口中,关闭窗口时数据即被清除。请定期导出备份文件。", "The browser has not agreed to keep this site's data for good: it may clear it when the disk runs low, and in a private (incognito) window it is gone when the window closes. Export a backup file regularly."),
    ("data.persistent_unknown", "这个浏览器不说明是否会长期保存数据。请定期导出备份文件。", "This browser does not say whether it keeps the data for good. Export a backup file regularly."),
    ("notice.insecure", "本页面不是通过 HTTPS 或本机地址(localhost)打开的:浏览器不允许它离线使用,也不答应长期保存本机的台账。请让管理员用 HTTPS 发布本程序,并定期导出备份文件。", "This page was not opened over HTTPS or from this computer (localhost): the browser allows neither offline use nor keeping the ledger here for good. Ask for the app to be published over HTTPS, and export a backup file regularly."),
    ("data.offline_not_yet", "暂不能离线使用:浏览器还没有在本机保存程序(或不允许保存)。请刷新一次本页面再看;若仍如此,可能是浏览器设置或管理策略禁止了离线程序(Service Worker)。", "Not available offline yet: the browser has not kept the app on this computer (or does not allow it). Reload this page once and look again; if it stays so, a browser setting or policy may forbid offline apps (service workers)."),
    ("data.offline_yes", "可离线使用:程序及其文件已保存在本机,断网也能打开。", "Works offline: the app and its files are kept on this computer and open without a network."),
    ("data.offline_no", "不能离线使用:本页面不是通过 HTTPS 或本机地址(localhost)打开的,浏览器不允许它在本机缓存程序。请让管理员用 HTTPS 发布本程序,或在本机打开。", "Not available offline: this page was not opened over HTTPS or from this computer (localhost), so the browser does not let it keep the app here. Ask for the app to be published over HTTPS, or open it locally."),
    ("data.reporting_date_label", "本台账数据截至", "This ledger's figures are as of"),
    ("data.new_ledger_name", "我的台账", "My ledger"),
    ("project.level_province", "省重点", "Provincial key project"),
    ("project.class_key_construction", "重点建设", "Key construction"),
    ("project.class_major_preliminary", "重大前期", "Major preliminary work"),
    ("project.class_government", "政府投资", "Government investment"),
    ("project.class_services", "服务业", "Service sector"),
    ("project.class_urban_renewal", "城市有机更新", "Urban renewal"),
    ("project.level_city", "市重点", "Municipal key project"),
    ("project.level_district", "区重点", "District key project"),
    ("data.reporting_date_explain", "“今年”“去年”“上半年”“前三季度”“今年1-9月”等按此日期理解;项目红黄绿灯、逾期督办事项和应报月报的月份也按此日期判断。新建的空白台账从创建当天开始,可随时修改(可撤销)。", "Relative periods (this year, last year, the first half, the first three quarters, this year through September) are read against this date, and project lights, overdue supervision items and the month reports are due for are judged on it. A new empty ledger starts at the day it is created; change it at any time (undo takes it back)."),
    ("indicators.remove_column", "移除此空列", "Remove this empty column"),
    ("indicators.add_unit", "添加单位", "Add unit"),
    ("indicators.convert", "换算为", "Convert to"),
    ("indicator.back", "返回指标台账", "Back to indicators"),
    ("indicator.derived", "派生指标", "Derived figures"),
    ("indicator.values", "数值与来源", "Values and sources"),
    ("indicator.yoy", "同比增长", "Year-on-year growth"),
    ("indicator.growth", "增长", "Growth"),
    ("indicator.cagr", "年均增长", "Compound annual growth"),
    ("indicator.cumulative", "逐年合计", "Sum of the years"),
    ("indicator.missing_years", "缺少年份", "missing years"),
    ("indicator.partial_warning", "注意:比较的期间不完整,不可直接比较", "Note: partial period, not directly comparable"),
    ("indicator.scope_warning", "注意:两个数值口径不同,不可直接比较", "Note: the two figures are counted differently, not directly comparable"),
    ("indicator.source", "来源", "Source"),
    ("indicator.scope", "口径", "Scope"),
    ("indicator.note", "备注", "Note"),
    ("indicator.description", "说明", "Description"),
    ("indicator.targets", "目标", "Targets"),
    ("indicator.target", "目标", "Target"),
    ("indicator.add_target", "添加目标", "Add target"),
    ("indicator.target_period", "期间,如 2017", "Period, e.g. 2017"),
    ("indicator.target_amount", "目标值", "Target value"),
    ("indicator.not_found", "找不到该指标。", "Indicator not found."),
    ("indicator.none_derived", "数据不足,无法计算派生指标。", "Not enough data for derived figures."),
    ("qualifier.about", "约", "about"),
    ("qualifier.exact", "准确值", "exact"),
    ("indicator.edit", "编辑指标", "Edit indicator"),
    ("indicator.edit_value", "编辑来源与备注", "Edit source and notes"),
    ("indicator.kind", "类型", "Kind"),
    ("indicator.qualifier", "精确度", "Precision"),
    ("qualifier.at_least", "以上", "at least"),
    ("kind.flow", "期间流量", "flow over a period"),
    ("kind.stock", "时点存量", "stock at a date"),
    ("data.title", "数据管理", "Data"),
    ("data.counts", "本机台账", "Ledger on this computer"),
    ("data.storage", "数据只保存在本机浏览器(IndexedDB),不会发送到任何地方。", "Data stays in this browser (IndexedDB) and is never sent anywhere."),
    ("nav.projects", "项目台账", "Projects"),
    ("dashboard.projects", "项目", "Projects"),
    ("action.edit", "修改", "Edit"),
    ("projects.list", "项目列表", "List"),
    ("projects.stats", "统计分析", "Statistics"),
    ("projects.map", "项目地图", "Map"),
    ("projects.supervision", "进度与督办", "Progress & supervision"),
    ("projects.bulletins", "信息发布", "Bulletins"),
    ("projects.new", "新增项目", "New project"),
    ("projects.add", "添加项目", "Add project"),
    ("projects.search", "搜索名称、代码、业主、街道、标签", "Search name, code, owner, street, tags"),
    ("projects.all_classes", "全部类别", "All classes"),
    ("projects.all_levels", "全部级别", "All levels"),
    ("projects.all_statuses", "全部状态", "All statuses"),
    ("projects.all_years", "全部年度", "All years"),
    ("projects.all_streets", "全部街道", "All streets"),
    ("projects.all_lights", "全部亮灯", "All lights"),
    ("projects.sort", "排序", "Sort"),
    ("projects.clear_filters", "清除筛选", "Clear filters"),
    ("projects.export_csv", "导出 CSV(Excel 可打开)", "Export CSV (opens in Excel)"),
    ("project.plan_year", "本年计划投资(万元)", "Plan this year (10k yuan)"),
    ("project.completed_year", "本年完成投资(万元)", "Invested this year (10k yuan)"),
    ("projects.none", "没有符合条件的项目。", "No project matches."),
    ("pager.prev", "上一页", "Previous"),
    ("pager.next", "下一页", "Next"),
    ("sort.name", "名称", "Name"),
    ("sort.investment", "总投资(大→小)", "Investment (largest first)"),
    ("sort.status", "状态", "Status"),
    ("sort.light", "亮灯(红→绿)", "Light (red first)"),
    ("sort.completion", "计划竣工(早→晚)", "Planned completion (earliest first)"),
    ("sort.plan_rate", "年度计划完成率(高→低)", "Plan completion (highest first)"),
    ("status.preliminary", "前期", "Preliminary"),
    ("status.newly_started", "新开工", "Newly started"),
    ("status.continuing", "续建", "Continuing"),
    ("status.completed", "竣工", "Completed"),
    ("status.in_service", "建成投用", "In service"),
    ("status.unknown", "状态未知", "Status unknown"),
    ("light.red", "红灯", "Red"),
    ("light.yellow", "黄灯", "Yellow"),
    ("light.green", "绿灯", "Green"),
    ("light.none", "未评价", "Not judged"),
    ("reason.overdue", "已超过计划竣工日期仍未竣工", "Past its planned completion and not finished"),
    ("reason.behind_plan", "本年完成投资为序时进度的 {percent}%", "This year's investment is {percent}% of the pro-rata plan"),
    ("reason.missing_reports", "近 {months} 个月未报送月度进度", "No monthly report for the last {months} month(s)"),
    ("reason.late_start", "计划三个月内竣工,但仍处于前期或新开工", "Due within three months but still preliminary or newly started"),
    ("project.name", "项目名称", "Project"),
    ("project.class", "类别", "Class"),
    ("project.level", "级别", "Level"),
    ("project.code", "项目代码(赋码)", "Project code"),
    ("project.owner", "业主单位", "Owner"),
    ("project.section", "责任科室", "Responsible section"),
    ("project.entered_by", "填报人", "Entered by"),
    ("project.street", "街道(镇)", "Street / town"),
    ("project.lon", "经度", "Longitude"),
    ("project.lat", "纬度", "Latitude"),
    ("project.total_investment", "总投资(万元)", "Total investment (10k yuan)"),
    ("project.total_investment_wan", "总投资(万元,可写“22.5亿”)", "Total investment (10k yuan; a figure typed with the 100-million-yuan unit is converted)"),
    ("project.start", "开工日期", "Start"),
    ("project.planned_completion", "计划竣工日期", "Planned completion"),
    ("project.completed_on", "实际竣工日期", "Completed on"),
    ("project.status", "状态", "Status"),
    ("project.subprojects", "子工程数", "Sub-projects"),
    ("project.milestones", "前期节点", "Pre-project milestones"),
    ("milestone.approval", "立项", "Approval"),
    ("milestone.feasibility", "可研批复", "Feasibility study"),
    ("milestone.preliminary_design", "初步设计批复", "Preliminary design"),
    ("milestone.start", "开工", "Start of works"),
    ("project.annual_plans", "年度计划投资(计划报送,万元)", "Planned investment per year (10k yuan)"),
    ("project.add_plan_year", "添加年度", "Add a year"),
    ("project.wan", "万元", "10k yuan"),
    ("project.tags", "标签(用顿号分隔)", "Tags (comma-separated)"),
    ("project.note", "备注", "Note"),
    ("project.saved", "已保存", "Saved"),
    ("project.light", "亮灯", "Light"),
    ("project.plan_rate", "年度计划完成率", "Plan completion"),
    ("project.plan_completion", "年度计划完成", "plan completion"),
    ("project.as_of", "截至", "as of"),
    ("project.reports", "月度进度", "Monthly progress reports"),
    ("project.supervision", "督办事项", "Supervision items"),
    ("project.delete", "删除项目", "Delete project"),
    ("project.confirm_delete", "删除该项目及其月报、督办事项(信息发布中的关联会解除)?可撤销。", "Delete this project with its reports and supervision items (bulletins are unlinked)? You can undo it."),
    ("project.missing", "该项目不存在(可能已被删除)。", "This project does not exist (it may have been deleted)."),
    ("code.national", "国家统一项目代码格式正确(校验位未核验)", "National project code layout is valid (check character not verified)"),
    ("code.platform", "2015—2020 年在线审批平台代码格式", "Code of the 2015–2020 online approval platform"),
    ("code.free_form", "旧格式代码:已按原样保存,无法核验结构", "Older free-form code: kept as typed, its structure cannot be checked"),
    ("report.month", "月份", "Month"),
    ("report.invested_month", "本月完成投资(万元)", "Invested this month (10k yuan)"),
    ("report.invested_cumulative", "累计完成投资(万元)", "Invested to date (10k yuan)"),
    ("report.progress", "形象进度", "Physical progress"),
    ("report.problems", "存在问题", "Problems"),
    ("report.add", "添加月报", "Add report"),
    ("supervision.problem", "问题", "Problem"),
    ("supervision.responsible", "责任单位", "Responsible unit"),
    ("supervision.raised", "交办日期", "Raised on"),
    ("supervision.deadline", "整改期限", "Deadline"),
    ("supervision.status", "状态", "Status"),
    ("supervision.rectification", "整改情况", "Rectification"),
    ("supervision.open", "未整改", "Open"),
    ("supervision.rectified", "已整改", "Rectified"),
    ("supervision.closed", "已销号", "Closed"),
    ("supervision.overdue", "逾期", "Overdue"),
    ("supervision.from_meeting", "联审会交办", "Raised at the joint review"),
    ("supervision.add", "添加督办事项", "Add supervision item"),
    ("supervision.missing_reports", "未报送月报的项目", "Projects missing a monthly report"),
    ("supervision.missing_count", "共 {count} 个项目未报送", "{count} project(s) missing"),
    ("supervision.overdue_list", "逾期未整改的督办事项", "Overdue supervision items"),
    ("supervision.by_project", "督办事项(按项目)", "Supervision items by project"),
    ("supervision.by_unit", "督办事项(按责任单位)", "Supervision items by responsible unit"),
    ("bulletin.add", "发布通报", "Publish a bulletin"),
    ("bulletin.date", "日期", "Date"),
    ("bulletin.title", "标题", "Title"),
    ("bulletin.body", "正文", "Text"),
    ("bulletin.link_project", "关联项目(名称或代码)", "Linked project (name or code)"),
    ("bulletin.link", "关联", "Link"),
    ("bulletin.none", "还没有信息发布。", "No bulletins yet."),
    ("bulletin.print", "打印本条", "Print this one"),
    ("bulletin.print_all", "打印全部", "Print all"),
    ("stats.unspecified", "未填写", "Not given"),
    ("stats.count", "项目数", "Projects"),
    ("stats.investment_yi", "总投资(亿元)", "Investment (100m yuan)"),
    ("stats.by_class", "按类别", "By class"),
    ("stats.by_level", "按级别(投资占比)", "By level (share of investment)"),
    ("stats.by_status", "按状态", "By status"),
    ("stats.by_street", "按街道(镇)", "By street / town"),
    ("stats.by_year", "按年度(计划投资)", "By year (planned investment)"),
    ("stats.year", "年度", "Year"),
    ("stats.plans_by_year", "年度计划投资(按类别)", "Planned investment by year and class"),
    ("stats.planned_investment", "计划投资", "Planned investment"),
    ("stats.plan_rate_by_class", "年度计划完成率(按类别)", "Plan completion by class"),
    ("stats.rate", "完成率(%)", "Completion (%)"),
    ("stats.largest", "总投资前十的项目", "Ten largest projects"),
    ("stats.plan_checks", "计划报送与指标台账核对", "Project plans vs the indicator ledger"),
    ("stats.plan_checks_hint", "各类项目的年度计划合计与指标台账中“安排××项目”“××项目计划投资”的数字逐年核对;不一致之处列出,不作隐藏。", "Each class's yearly plan totals are checked against the ledger's count and planned-investment indicators; every difference is listed."),
    ("stats.ledger_says", "指标台账(个 / 金额)", "Ledger (count / amount)"),
    ("stats.plans_say", "项目计划(个 / 金额)", "Project plans (count / amount)"),
    ("stats.finding", "核对结果", "Finding"),
    ("stats.no_plans", "尚无项目报送该年度计划", "No project plans submitted for this year"),
    ("stats.agrees", "一致", "Agrees"),
    ("stats.count_differs", "项目数不一致:计划 {projects} 个,台账 {ledger} 个", "Count differs: {projects} planned, ledger {ledger}"),
    ("stats.total_differs", "金额不一致:计划合计 {planned},台账 {ledger}", "Total differs: plans {planned}, ledger {ledger}"),
    ("stats.unit_mismatch", "计划金额无法换算为台账指标的单位", "The plans cannot be converted into the indicator's unit"),
    ("map.no_coordinates", "无坐标", "No coordinates"),
    ("map.unplaced", "无坐标、未上图的项目 {count} 个(打开项目填写经纬度)", "{count} projects without coordinates are not on the map (open one to enter them)"),
    ("map.unknown_street", "街道未填", "Street not given"),
    ("map.using", "底图:{name}(本台账载入的边界文件)", "Base map: {name} (loaded into this ledger)"),
    ("map.schematic", "未载入边界底图:按坐标和街道示意。可载入本单位的 GeoJSON 边界文件。", "No boundary map loaded: a schematic by coordinates and street. Load your own GeoJSON boundary file."),
    ("map.load", "载入边界底图(GeoJSON)", "Load a boundary map (GeoJSON)"),
    ("map.remove", "移除底图", "Remove the base map"),
    ("map.loaded", "已载入“{name}”,{count} 个要素", "Loaded \"{name}\", {count} features"),
    ("map.licence_note", "本应用不附带任何行政区划边界数据;请使用本单位有权使用的边界文件。", "No boundary data ships with this app; use a boundary file your office may use."),
    ("collection.areas", "工作板块", "Work areas"),
    ("collection.units", "单位", "Units"),
    ("collection.indicators", "指标", "Indicators"),
    ("collection.values", "数值", "Values"),
    ("collection.relations", "原文表述", "Statements"),
    ("collection.projects", "项目", "Projects"),
    ("collection.progress_reports", "月度进度", "Monthly reports"),
    ("collection.supervision_items", "督办事项", "Supervision items"),
    ("collection.bulletins", "信息发布", "Bulletins"),
    ("collection.summaries", "工作总结", "Work summaries"),
    ("collection.unknown", "其他", "Other"),
    ("chart.colour_key", "图中浅红色为不完整期间(如1—9月),橙色为口径与其他年份不同的数值。", "Light red marks partial periods (e.g. Jan–Sep); amber marks figures counted differently from the other years."),
    ("catalogue.areas", "工作板块", "Work areas"),
    ("catalogue.units", "单位", "Units"),
    ("catalogue.units_explain", "同一量纲的单位按换算系数精确换算(金额以“元”为基准:万元 = 10000,亿元 = 100000000);没有精确换算的单位留空系数。", "Units of one dimension convert exactly by their factor (money is based on the yuan: ten thousand yuan = 10000, a hundred million yuan = 100000000); leave the factor empty where there is no exact conversion."),
    ("catalogue.name_zh", "中文名称", "Chinese name"),
    ("catalogue.name_en", "英文名称", "English name"),
    ("catalogue.symbol", "符号", "Symbol"),
    ("catalogue.dimension", "量纲", "Dimension"),
    ("catalogue.factor", "换算系数", "Factor"),
    ("catalogue.add_area", "添加工作板块", "Add work area"),
    ("catalogue.add_unit", "添加单位", "Add unit"),
    ("data.settings", "本机设置", "Settings on this computer"),
    ("data.author", "填报人", "Your name"),
    ("data.author_explain", "写入每次修改和导出的文件,便于同事合并时辨认。", "Written into every change and every export, so colleagues can tell whose edit is whose when merging."),
    ("data.export", "导出台账文件", "Export the ledger"),
    ("data.export_explain", "把本机台账保存为一个 JSON 文件(含校验和),可通过邮件、聊天或U盘交给同事。", "Save the ledger as one JSON file (with a checksum) to pass to colleagues by mail, chat or USB."),
    ("export.selection", "导出范围(默认全部)", "What to export (everything by default)"),
    ("export.from", "起始期间,如 2014", "From, e.g. 2014"),
    ("export.to", "截止期间,如 2016", "To, e.g. 2016"),
    ("export.relations", "包括原文表述", "Include stated figures"),
    ("data.open_file", "打开台账文件", "Open a ledger file"),
    ("data.open_file_explain", "同一本台账的文件(同事导出的)将逐字段合并:先预览新增、修改、删除和冲突,冲突由您逐条决定,确认后一次性保存;其他台账的文件可替换本机台账。文件有问题时不做任何改动。", "A file of the same ledger (a colleague's export) is merged field by field: you first see what it creates, updates and deletes and decide each conflict, then it is saved all at once; a file of another ledger can replace this one. A file with problems changes nothing."),
    ("confirm.undo_import", "撤销上次导入,恢复导入前的台账?", "Undo the last import and bring back the ledger as it was before?"),
    ("import.read_only_title", "只读查看", "Read-only view"),
    ("import.differences", "逐条差异", "Record-by-record differences"),
    ("import.restored", "恢复", "Restored"),
    ("import.will_reject", "以下数量的记录无法并入(如对方给已删除指标新增的数值),应用后会列出", "Records that cannot be merged in (e.g. their new figures for an indicator deleted here); listed after applying"),
    ("import.reading", "正在读取并检查文件…", "Reading and checking the file…"),
    ("import.undo", "撤销上次导入", "Undo the last import"),
    ("import.undone", "已撤销上次导入", "The last import was undone"),
    ("import.preview", "导入预览", "Import preview"),
    ("import.base_file", "合并基准:双方上次交换的文件", "Merge base: the last file both exchanged,"),
    ("import.base_stamps", "合并基准:未找到双方上次交换的文件,按各字段的修改记录判断哪一方改动过", "Merge base: no earlier exchanged file found; each field's change stamps tell which side changed it"),
    ("import.created", "新增", "Created"),
    ("import.updated", "修改", "Updated"),
    ("import.unchanged", "未变", "Unchanged"),
    ("import.deleted", "删除", "Deleted"),
    ("import.edited", "已修改", "edited"),
    ("import.matched", "合并为同一条", "Matched"),
    ("import.conflicting", "冲突", "Conflicts"),
    ("import.conflicts", "冲突(请逐条选择)", "Conflicts (choose each)"),
    ("import.record", "记录", "Record"),
    ("import.all_or_nothing", "有记录无法并入时,整个导入都不应用", "If any record cannot be merged in, apply nothing"),
    ("import.what", "冲突内容", "In conflict"),
    ("import.keep_mine", "保留我的", "Keep mine"),
    ("import.take_theirs", "采用对方的", "Take theirs"),
    ("import.deleted_by_us", "我方已删除,对方修改了", "deleted here, edited there"),
    ("import.deleted_by_them", "我方修改了,对方已删除", "edited here, deleted there"),
    ("import.same_figure", "同一数值双方分别录入且不同", "the same figure entered on both sides, differently"),
    ("import.decide_first", "请先决定所有冲突", "Decide every conflict first"),
    ("import.apply", "确认导入", "Apply the import"),
    ("import.applied", "已导入", "Imported"),
    ("import.rejected", "未能并入", "Could not be merged in:"),
    ("data.read_failed", "无法读取该文件", "The file could not be read"),
    ("confirm.replace_with_file", "用该文件替换本机保存的全部台账数据,确定吗?", "Replace all ledger data stored on this computer with this file?"),
    ("status.saved", "已保存", "Saved"),
    ("status.not_saved", "未保存", "Not saved"),
    ("status.retry", "重试", "Retry"),
    ("status.saving", "正在保存…", "Saving…"),
    ("status.loading", "正在载入…", "Loading…"),
    ("action.save", "保存", "Save"),
    ("action.undo", "撤销", "Undo"),
    ("action.redo", "重做", "Redo"),
    ("action.cancel", "取消", "Cancel"),
    ("action.close", "关闭", "Close"),
    ("action.add", "添加", "Add"),
];

/// A UI string whose key is built at run time (`sheets.field.<key>`), if the table has it.
pub fn text_of(lang: Lang, key: &str) -> Option<&'static str> {
    all_ui()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
}

/// A UI string. An unknown key shows itself, so a missing entry is visible, never blank.
pub fn text(lang: Lang, key: &'static str) -> &'static str {
    all_ui()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| match lang {
            Lang::Zh => *zh,
            Lang::En => *en,
        })
        .unwrap_or(key)
}

/// A message: a code and its parameters, rendered in either language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub code: &'static str,
    pub params: Vec<(&'static str, String)>,
    /// Parameters that are messages themselves, rendered in the same language as this one.
    pub nested: Vec<(&'static str, Message)>,
    /// The field of a record the message is about (its name in `Record::fields`), so a form
    /// shows it at that field.
    pub field: Option<&'static str>,
}

/// Message templates: code, Chinese, English. `{name}` is replaced by the parameter.
const MESSAGES: &[(&str, &str, &str)] = &[
    ("amount.empty", "请输入数值", "Enter a value"),
    ("amount.not_a_number", "“{input}”不是数值", "\"{input}\" is not a number"),
    ("amount.too_large", "“{input}”过大或位数过多(最多28位有效数字)", "\"{input}\" is too large or too precise (28 significant digits at most)"),
    ("import.base_file_by", "合并基准:{author} 于 {when} 导出的文件(双方上次交换的文件)", "Merge base: the file {author} exported on {when} (the last file both exchanged)"),
    ("import.base_file_when", "合并基准:{when} 导出的文件(双方上次交换的文件)", "Merge base: the file exported on {when} (the last file both exchanged)"),
    ("import.changed_by_at", "{author} · {when}", "{author} · {when}"),
    ("import.changed_by", "{author}", "{author}"),
    ("import.changed_at", "{when}", "{when}"),
    ("import.partly_refused", "未导入:有 {count} 条记录无法并入本台账(已选择“全部或全不”)", "Nothing was imported: {count} records cannot be merged into this ledger (all or nothing was chosen)"),
    ("import.nothing_to_undo", "没有可撤销的导入", "There is no import to undo"),
    ("store.unavailable", "这个浏览器窗口不允许本页面在本机保存数据({detail})。台账需要浏览器的网站数据存储(IndexedDB):请不要使用无痕/隐私窗口,并在浏览器设置中允许本网站保存数据,然后刷新本页。", "This browser window does not let this page keep data on this computer ({detail}). Taizhang needs the browser's site storage (IndexedDB): do not use a private window, allow this site to store data in the browser's settings, then reload this page."),
    ("store.quota", "浏览器的存储空间已满({detail}):请删除其他网站的数据或导出台账后清理", "The browser's storage is full ({detail}): clear other sites' data, or export the ledger and clean up"),
    ("store.corrupt", "已存储的数据无法读取({detail})", "The stored data cannot be read ({detail})"),
    ("store.newer", "本机保存的台账是更新版本的台账程序写入的(格式 {found},本版本最多读 {supported}):为免覆盖,本页面不读也不写,请刷新以使用新版本", "The ledger stored here was written by a newer version of Taizhang (format {found}; this version reads up to {supported}): this page neither reads nor writes it, to avoid overwriting it; reload to use the new version"),
    ("tabs.newer_version", "另一个标签页正在使用更新版本的台账程序:为免覆盖它保存的数据,本页面已停止保存。请刷新本页面以使用新版本。", "Another tab is running a newer version of Taizhang: to avoid overwriting what it stores, this page has stopped saving. Reload this page to use the new version."),
    ("store.failed", "存储操作失败({detail})", "A storage operation failed ({detail})"),
    ("error.storage_failed", "存储失败:{reason}", "Storage failed: {reason}"),
    ("sample.unreachable", "无法取得示例数据文件({detail})", "the sample file could not be fetched ({detail})"),
    ("error.sample_failed", "示例数据无法载入:{reason}", "The sample could not be loaded: {reason}"),
    ("error.download_failed", "文件无法下载({detail})", "The file could not be downloaded ({detail})"),
    ("error.preferences_failed", "设置无法保存({detail})", "The setting could not be saved ({detail})"),
    ("backup.overdue", "已经 {days} 天没有导出备份文件了。台账只保存在这个浏览器里:清除浏览器数据,或者从另一个地址打开本程序,看到的都会是空白台账。请定期导出台账文件保存在别处。", "No backup file for {days} days. The ledger lives only in this browser: clearing the browser's data, or opening the app from another address, shows an empty ledger. Export the ledger to a file regularly and keep it elsewhere."),
    ("backup.last", "上次导出备份:{date}", "Last backup exported: {date}"),
    ("snapshot.total", "共 {count} 份快照,占 {used}(预算 {budget})。", "{count} snapshots using {used} (budget {budget})."),
    ("snapshot.records", "{count} 条记录", "{count} records"),
    ("snapshot.damaged", "这份快照已损坏,无法读取。请选另一份。", "This snapshot is damaged and cannot be read. Choose another."),
    ("snapshot.index_failed", "快照列表无法读取:{reason}", "The list of snapshots cannot be read: {reason}"),
    ("data.usage", "本网站已用 {usage},浏览器给的配额 {quota}。", "This site uses {usage} of the {quota} the browser allows."),
    ("paste.refused", "未粘贴任何数值:{count} 个单元格无法读取", "Nothing was pasted; cells that could not be read: {count}"),
    ("paste.cell_problem", "{indicator} · {period}:{reason}", "{indicator} · {period}: {reason}"),
    ("paste.does_not_fit", "粘贴的区域超出表格:{cells} 个单元格没有对应位置(多出 {rows} 行、{columns} 列),未粘贴任何数值。", "The pasted block does not fit the table; cells without a place: {cells} (rows too many: {rows}, columns too many: {columns}). Nothing was pasted."),
    ("paste.offer_columns", "粘贴的区域比表格多 {columns} 列。", "The pasted block is wider than the table (columns too many: {columns})."),
    ("paste.add_columns", "添加 {periods} 列并粘贴", "Add the columns {periods} and paste"),
    ("paste.done", "已粘贴 {count} 个单元格(撤销可一次恢复)", "Cells pasted: {count} (one undo takes them all back)"),
    ("amount.space_in_number", "“{input}”的数字之间有空格:是两个数,还是多打了空格?", "\"{input}\" has a space between digits: two figures, or a stray space?"),
    ("amount.bad_grouping", "“{input}”的千位分隔符位置不对(应每三位一组,如 1,338.71)", "\"{input}\" has thousands separators in the wrong places (groups of three, as in 1,338.71)"),
    ("amount.several_cells", "“{input}”是 {count} 个数,一个单元格只填一个(整块粘贴请先选中起始单元格)", "\"{input}\" is {count} figures; a cell takes one (to paste a block, select its first cell and paste)"),
    ("amount.unknown_unit", "单位“{unit}”不在单位表中", "The unit \"{unit}\" is not in the unit table"),
    ("amount.unit_mismatch", "该指标的单位是“{expected}”,输入的是“{unit}”", "This indicator's unit is \"{expected}\"; you typed \"{unit}\""),
    ("data.reporting_date_empty", "截至日期不能为空,请选择或输入一个日期(如 2016-10-31)", "The reporting date cannot be empty: pick or type a date such as 2016-10-31"),
    ("period.empty", "请输入期间", "Enter a period"),
    ("period.unrecognized", "无法识别期间“{input}”(可写 2016、2016年1-10月、2016年第3季度、2012-2016、十三五、截至2016年10月底)", "Cannot read the period \"{input}\" (try 2016, 2016-YTD10, 2016-Q3, 2016-10, 2012-2016, @2016-10-31)"),
    ("period.month_out_of_range", "“{input}”中的月份 {value} 不存在(应为 1—12)", "Month {value} in \"{input}\" does not exist (1–12)"),
    ("period.day_out_of_range", "“{input}”中的日期 {value} 不存在", "Day {value} in \"{input}\" does not exist"),
    ("period.quarter_out_of_range", "“{input}”中的季度 {value} 不存在(应为 1—4)", "Quarter {value} in \"{input}\" does not exist (1–4)"),
    ("period.year_out_of_range", "“{input}”中的年份 {value} 超出范围(1900—2200)", "Year {value} in \"{input}\" is out of range (1900–2200)"),
    ("period.range_not_increasing", "“{input}”的起点不早于终点", "\"{input}\" does not start before it ends"),
    ("period.exists", "期间“{period}”已经存在", "The period \"{period}\" is already there"),
    ("edit.empty_name", "{field}不能为空", "{field} must not be empty"),
    ("edit.duplicate_name", "“{name}”已经存在", "\"{name}\" already exists"),
    ("edit.duplicate_value", "“{indicator}”已有 {period_code} 的数值", "\"{indicator}\" already has a value for {period_code}"),
    ("edit.missing_reference", "{field}引用的“{id}”不存在", "{field} refers to \"{id}\", which does not exist"),
    ("edit.id_other_kind", "编号“{id}”已被其他类型的记录使用", "The id \"{id}\" belongs to a record of another kind"),
    ("edit.id_deleted", "记录“{id}”已删除,编号不能再用", "Record \"{id}\" was deleted; its id cannot be reused"),
    ("edit.deleted_and_live", "记录“{id}”同时是已删除和现存的", "Record \"{id}\" is both deleted and live"),
    ("edit.not_found", "记录“{id}”不存在", "Record \"{id}\" does not exist"),
    ("edit.negative_amount", "数值 {amount} 不能为负数", "The amount {amount} must not be negative"),
    ("edit.bad_factor", "单位“{symbol}”的换算系数必须为正数", "The unit \"{symbol}\" needs a positive factor"),
    ("edit.still_used", "“{name}”仍被 {count} 条记录使用,不能删除", "\"{name}\" is still used by {count} records and cannot be deleted"),
    ("edit.location_out_of_range", "经度 {lon}、纬度 {lat} 不在地球上(经度 -180—180,纬度 -90—90)", "Longitude {lon} / latitude {lat} is not a place on Earth (longitude -180 to 180, latitude -90 to 90)"),
    ("edit.bad_plan_year", "{year} 不是计划年份(1900—2200)", "{year} is not a plan year (1900–2200)"),
    ("edit.duplicate_plan_year", "{year} 年的计划填了两次", "The plan for {year} is given twice"),
    ("edit.bad_project_code", "项目代码“{code}”无效:{problem}", "Invalid project code \"{code}\": {problem}"),
    ("code_problem.too_short", "太短,不像项目代码", "too short for a project code"),
    ("code_problem.layout", "国家统一项目代码为 24 位、分五段:YYMM-RRRRRR-DD-TT-SSSSSC", "a national code has 24 characters in five groups: YYMM-RRRRRR-DD-TT-SSSSSC"),
    ("code_problem.group_sizes", "五段应分别为 4、6、2、2、6 位", "the groups must have 4, 6, 2, 2 and 6 characters"),
    ("code_problem.not_digits", "除最后一位校验码外都应是数字", "only the last character may be other than a digit"),
    ("code_problem.check_character", "最后一位校验码应是数字或大写字母", "the check character is a digit or a capital letter"),
    ("code_problem.region", "行政区划代码应以省级代码(11—82)开头", "the region code does not start with a province code (11–82)"),
    ("code_problem.month", "赋码月份应为 01—12", "the month of coding is not 01–12"),
    ("code_problem.old_serial", "2015—2020 年平台代码的流水号应为 6 位数字", "the old platform's serial has 6 digits"),
    ("edit.end_before_start", "计划竣工日期 {end} 早于开工日期 {start}", "The planned completion {end} is before the start {start}"),
    ("project.bad_location", "经纬度应为数字:经度 -180—180,纬度 -90—90", "Coordinates must be numbers: longitude -180 to 180, latitude -90 to 90"),
    ("project.bad_year", "“{input}”不是年份", "'{input}' is not a year"),
    ("project.duplicate_year", "同一年度填写了两次", "The same year is entered twice"),
    ("bulletin.no_such_project", "没有名称或代码为“{name}”的项目", "No project is named or coded '{name}'"),
    ("map.too_large", "文件过大({size}),边界底图最大 20 MB", "The file is too large ({size}); a base map may be 20 MB at most"),
    ("map.unreadable", "无法读取文件“{name}”", "Cannot read the file '{name}'"),
    ("geojson.not_json", "“{name}”不是 JSON(第 {line} 行第 {column} 列)", "'{name}' is not JSON (line {line}, column {column})"),
    ("geojson.missing", "“{name}”:{path} 缺失", "'{name}': {path} is missing"),
    ("geojson.not_an_object", "“{name}”:{path} 不是对象", "'{name}': {path} is not an object"),
    ("geojson.not_an_array", "“{name}”:{path} 不是数组", "'{name}': {path} is not an array"),
    ("geojson.not_a_collection", "“{name}”:{path} 为 {found},不是 FeatureCollection 或 Feature", "'{name}': {path} is {found}, not a FeatureCollection or a Feature"),
    ("geojson.not_a_feature", "“{name}”:{path} 为 {found},不是 Feature", "'{name}': {path} is {found}, not a Feature"),
    ("geojson.unknown_geometry", "“{name}”:{path} 的 {found} 不是 GeoJSON 几何类型", "'{name}': {path}: {found} is not a GeoJSON geometry type"),
    ("geojson.not_a_number", "“{name}”:{path} 不是数字", "'{name}': {path} is not a number"),
    ("geojson.short_position", "“{name}”:{path} 的坐标需要经度和纬度", "'{name}': {path} needs a longitude and a latitude"),
    ("geojson.longitude_out_of_range", "“{name}”:{path} 的 {value} 不是经度(-180—180),文件可能使用了投影坐标", "'{name}': {path}: {value} is not a longitude (-180 to 180); the file may use projected coordinates"),
    ("geojson.latitude_out_of_range", "“{name}”:{path} 的 {value} 不是纬度(-90—90),文件可能使用了投影坐标", "'{name}': {path}: {value} is not a latitude (-90 to 90); the file may use projected coordinates"),
    ("geojson.no_features", "“{name}”中没有要素", "'{name}' has no features"),
    ("geojson.nothing_to_draw", "“{name}”中没有可绘制的边界(面或线)", "'{name}' has no outline to draw (no polygon or line)"),
    ("edit.completed_before_start", "竣工日期 {completed} 早于开工日期 {start}", "The completion {completed} is before the start {start}"),
    ("edit.milestones_out_of_order", "前期节点顺序有误:{later} 不应早于或重复 {earlier}", "Milestones out of order: {later} must come after {earlier}"),
    ("edit.report_after_completion", "{month} 的月报晚于项目竣工日期 {completed}", "The report for {month} is dated after the completion on {completed}"),
    ("edit.duplicate_report", "“{project}”已有 {month} 的月报", "{project} already has a report for {month}"),
    ("edit.bad_month", "“{month}”不是有效月份", "'{month}' is not a valid month"),
    ("edit.cumulative_below_month", "累计完成投资 {cumulative} 小于本月完成投资 {month}", "The cumulative investment {cumulative} is less than this month's {month}"),
    ("edit.status_move", "项目状态不能从“{from_status}”直接改为“{to_status}”(只能沿 前期→新开工→续建→竣工→建成投用 推进,或退回一步更正)", "A project cannot move from {from_status} to {to_status} (preliminary → newly started → continuing → completed → in service, or one step back to correct)"),
    ("edit.deadline_before_raised", "整改期限 {deadline} 早于交办日期 {raised}", "The deadline {deadline} is before the day it was raised ({raised})"),
    ("file.not_json", "不是 JSON 文件:第 {line} 行第 {column} 列({detail})", "Not JSON: line {line}, column {column} ({detail})"),
    ("file.not_taizhang", "不是台账文件(类型标记为 {found})", "Not a Taizhang file (type tag {found})"),
    ("file.newer_version", "该文件由更新版本的台账写出(格式 {found},本程序最高支持 {supported})", "Written by a newer Taizhang (format {found}; this app reads up to {supported})"),
    ("file.unknown_version", "未知的格式版本 {found}", "Unknown format version {found}"),
    ("file.read_only", "该文件由更新版本的台账写出(格式 {found},本程序最高支持格式 {supported}),只能查看本程序能识别的部分,不能导入。请升级后再导入。", "This file was written by a newer Taizhang (format {found}; this app reads up to {supported}). You can view what this version understands of it, but not import it; upgrade to import it."),
    ("file.too_large", "文件过大({size} MB),本程序最多打开 {limit} MB 的台账文件", "The file is too large ({size} MB); this app opens ledger files up to {limit} MB"),
    ("file.checksum_mismatch", "注意:文件内容与其校验和不符(导出后被修改或传输中损坏)", "Note: the file's content does not match its checksum (changed after export, or damaged in transit)"),
    ("file.bad_shape", "文件结构不符合格式 {version}:{detail}", "The file does not have the shape of format {version}: {detail}"),
    ("file.bad_dataset", "台账信息中的 {field} 无效:{detail}", "The dataset's {field} is invalid: {detail}"),
    ("problem.bad_id", "{path}:编号“{id}”无效", "{path}: invalid id \"{id}\""),
    ("problem.duplicate_id", "{path}:编号重复 {id}", "{path}: duplicate id {id}"),
    ("problem.bad_amount", "{path}:“{text}”不是规范的十进制数", "{path}: \"{text}\" is not a canonical decimal"),
    ("problem.bad_period", "{path}:“{text}”无效:{reason}", "{path}: \"{text}\" is invalid: {reason}"),
    ("problem.bad_geojson", "{path}:边界地图不可用:{reason}", "{path}: the boundary map cannot be used: {reason}"),
    ("problem.bad_code", "{path}:{field} 的取值“{text}”无效", "{path}: invalid {field} \"{text}\""),
    ("problem.refused", "{path}:{reason}", "{path}: {reason}"),
    ("field.name", "名称", "Name"),
    ("field.symbol", "单位符号", "Unit symbol"),
    ("field.area", "工作板块", "Work area"),
    ("field.unit", "单位", "Unit"),
    ("field.indicator", "指标", "Indicator"),
    ("field.amount", "数值", "Value"),
    ("field.annual_plans", "年度计划投资", "Yearly plans"),
    ("field.base", "比较基数", "Base figures"),
    ("field.body", "正文", "Text"),
    ("field.class", "项目类别", "Class"),
    ("field.code", "项目代码", "Project code"),
    ("field.columns", "添加的期间列", "Added period columns"),
    ("field.complete", "各部分是否完整", "Parts complete"),
    ("field.completed_on", "实际竣工日期", "Completed on"),
    ("field.date", "日期", "Date"),
    ("field.deadline", "整改期限", "Deadline"),
    ("field.description", "说明", "Description"),
    ("field.dimension", "量纲", "Dimension"),
    ("field.entered_by", "填报人", "Entered by"),
    ("field.factor", "换算系数", "Factor"),
    ("field.invested_cumulative", "累计完成投资", "Investment to date"),
    ("field.invested_month", "本月完成投资", "Investment this month"),
    ("field.kind", "类型", "Kind"),
    ("field.level", "项目级别", "Level"),
    ("field.location", "坐标", "Location"),
    ("field.milestones", "前期节点", "Milestones"),
    ("field.month", "月份", "Month"),
    ("field.name_en", "英文名称", "English name"),
    ("field.note", "备注", "Note"),
    ("field.order", "排序", "Order"),
    ("field.owner", "业主单位", "Owner"),
    ("field.period", "期间", "Period"),
    ("field.planned_completion", "计划竣工日期", "Planned completion"),
    ("field.problem", "问题", "Problem"),
    ("field.problems", "存在问题", "Problems"),
    ("field.progress", "形象进度", "Progress"),
    ("field.project", "项目", "Project"),
    ("field.projects", "相关项目", "Projects"),
    ("field.qualifier", "精确程度", "Qualifier"),
    ("field.raised", "提出日期", "Raised on"),
    ("field.rectification", "整改情况", "Rectification"),
    ("field.responsible", "责任单位", "Responsible unit"),
    ("field.scope_note", "口径说明", "Scope note"),
    ("field.section", "责任科室", "Section"),
    ("field.source", "出处", "Source"),
    ("field.start", "开工日期", "Start"),
    ("field.stated_pct", "表述的百分比", "Stated percentage"),
    ("field.status", "状态", "Status"),
    ("field.street", "街道", "Street"),
    ("field.subject", "表述对象", "Subject"),
    ("field.subprojects", "子工程数", "Subprojects"),
    ("field.tags", "标签", "Tags"),
    ("field.targets", "目标值", "Targets"),
    ("field.title", "标题", "Title"),
    ("field.total_investment", "总投资", "Total investment"),
];

impl Message {
    pub fn new(code: &'static str) -> Message {
        Message {
            code,
            params: Vec::new(),
            nested: Vec::new(),
            field: None,
        }
    }

    /// Says which field of a record the message is about.
    pub fn at_field(mut self, field: &'static str) -> Message {
        self.field = Some(field);
        self
    }

    /// A parameter that is itself a message ("the reason"), rendered in the language this
    /// message is rendered in.
    pub fn with_message(mut self, name: &'static str, message: Message) -> Message {
        self.nested.push((name, message));
        self
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Message {
        self.params.push((name, value.to_string()));
        self
    }

    /// The message in one language; an unknown code renders as the code and its parameters.
    pub fn render(&self, lang: Lang) -> String {
        let Some((_, zh, en)) = all_messages().find(|(code, _, _)| *code == self.code) else {
            let params: Vec<String> = self
                .params
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            return format!("{} {}", self.code, params.join(" "));
        };
        let mut out = match lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        };
        for (name, message) in &self.nested {
            out = out.replace(&format!("{{{name}}}"), &message.render(lang));
        }
        for (name, value) in &self.params {
            let value = match *name {
                "field" => field_name(value, lang),
                "from_status" | "to_status" => status_name(value, lang),
                // A period given by its code is labelled in the message's language.
                "period_code" | "first_code" | "last_code" => {
                    crate::model::Period::from_code(value)
                        .map(|p| p.label(lang))
                        .unwrap_or_else(|_| value.clone())
                }
                _ => value.clone(),
            };
            out = out.replace(&format!("{{{name}}}"), &value);
        }
        out
    }
}

/// A field's name for people ("amount" → 数值 / Value).
pub fn field_name(field: &str, lang: Lang) -> String {
    let key = match field {
        "amount" => "field.amount",
        "annual_plans" => "field.annual_plans",
        "area" => "field.area",
        "base" => "field.base",
        "body" => "field.body",
        "class" => "field.class",
        "code" => "field.code",
        "columns" => "field.columns",
        "complete" => "field.complete",
        "completed_on" => "field.completed_on",
        "date" => "field.date",
        "deadline" => "field.deadline",
        "description" => "field.description",
        "dimension" => "field.dimension",
        "entered_by" => "field.entered_by",
        "factor" => "field.factor",
        "indicator" => "field.indicator",
        "invested_cumulative" => "field.invested_cumulative",
        "invested_month" => "field.invested_month",
        "kind" => "field.kind",
        "level" => "field.level",
        "location" => "field.location",
        "milestones" => "field.milestones",
        "month" => "field.month",
        "name" => "field.name",
        "name_en" => "field.name_en",
        "note" => "field.note",
        "order" => "field.order",
        "owner" => "field.owner",
        "period" => "field.period",
        "planned_completion" => "field.planned_completion",
        "problem" => "field.problem",
        "problems" => "field.problems",
        "progress" => "field.progress",
        "project" => "field.project",
        "projects" => "field.projects",
        "qualifier" => "field.qualifier",
        "raised" => "field.raised",
        "rectification" => "field.rectification",
        "responsible" => "field.responsible",
        "scope_note" => "field.scope_note",
        "section" => "field.section",
        "source" => "field.source",
        "start" => "field.start",
        "stated_pct" => "field.stated_pct",
        "status" => "field.status",
        "street" => "field.street",
        "subject" => "field.subject",
        "subprojects" => "field.subprojects",
        "symbol" => "field.symbol",
        "tags" => "field.tags",
        "targets" => "field.targets",
        "title" => "field.title",
        "total_investment" => "field.total_investment",
        "unit" => "field.unit",
        other => return other.to_string(),
    };
    Message::new(key).render(lang)
}

/// Errors and findings that are shown to people.
pub trait ToMessage {
    fn to_message(&self) -> Message;
}

impl ToMessage for AmountError {
    fn to_message(&self) -> Message {
        match self {
            AmountError::Empty => Message::new("amount.empty"),
            AmountError::NotANumber { input } => {
                Message::new("amount.not_a_number").with("input", input)
            }
            AmountError::TooLarge { input } => {
                Message::new("amount.too_large").with("input", input)
            }
            AmountError::SpaceInNumber { input } => {
                Message::new("amount.space_in_number").with("input", input)
            }
            AmountError::BadGrouping { input } => {
                Message::new("amount.bad_grouping").with("input", input)
            }
            AmountError::SeveralCells { input, count } => Message::new("amount.several_cells")
                .with("input", input)
                .with("count", count),
        }
    }
}

impl ToMessage for crate::format::geojson::GeoError {
    fn to_message(&self) -> Message {
        let mut message = Message::new(self.code());
        for (key, value) in self.params() {
            message = message.with(key, value);
        }
        message
    }
}

impl ToMessage for PeriodError {
    fn to_message(&self) -> Message {
        match self {
            PeriodError::Empty => Message::new("period.empty"),
            PeriodError::Unrecognized { input } => {
                Message::new("period.unrecognized").with("input", input)
            }
            PeriodError::MonthOutOfRange { input, month } => {
                Message::new("period.month_out_of_range")
                    .with("input", input)
                    .with("value", month)
            }
            PeriodError::DayOutOfRange { input, day } => Message::new("period.day_out_of_range")
                .with("input", input)
                .with("value", day),
            PeriodError::QuarterOutOfRange { input, quarter } => {
                Message::new("period.quarter_out_of_range")
                    .with("input", input)
                    .with("value", quarter)
            }
            PeriodError::YearOutOfRange { input, year } => Message::new("period.year_out_of_range")
                .with("input", input)
                .with("value", year),
            PeriodError::RangeNotIncreasing { input } => {
                Message::new("period.range_not_increasing").with("input", input)
            }
        }
    }
}

impl ToMessage for EditError {
    fn to_message(&self) -> Message {
        let message = match self {
            EditError::EmptyName { field } => Message::new("edit.empty_name").with("field", field),
            EditError::DuplicateName { name, .. } => {
                Message::new("edit.duplicate_name").with("name", name)
            }
            EditError::DuplicateValue { indicator, period } => Message::new("edit.duplicate_value")
                .with("indicator", indicator)
                .with("period_code", period.code()),
            EditError::MissingReference { field, id } => Message::new("edit.missing_reference")
                .with("field", field)
                .with("id", id),
            EditError::IdTakenByOtherKind { id } => {
                Message::new("edit.id_other_kind").with("id", id)
            }
            EditError::IdDeleted { id } => Message::new("edit.id_deleted").with("id", id),
            EditError::DeletedAndLive { id } => {
                Message::new("edit.deleted_and_live").with("id", id)
            }
            EditError::NotFound { id } => Message::new("edit.not_found").with("id", id),
            EditError::NegativeAmount { amount, .. } => {
                Message::new("edit.negative_amount").with("amount", amount)
            }
            EditError::BadFactor { symbol } => {
                Message::new("edit.bad_factor").with("symbol", symbol)
            }
            EditError::StillUsed { name, count } => Message::new("edit.still_used")
                .with("name", name)
                .with("count", count),
            EditError::BadProjectCode { code, problem } => Message::new("edit.bad_project_code")
                .with("code", code)
                .with_message("problem", Message::new(problem.message_key())),
            EditError::EndBeforeStart { start, end } => Message::new("edit.end_before_start")
                .with("start", start)
                .with("end", end),
            EditError::CompletedBeforeStart { start, completed } => {
                Message::new("edit.completed_before_start")
                    .with("start", start)
                    .with("completed", completed)
            }
            EditError::MilestonesOutOfOrder { earlier, later } => {
                Message::new("edit.milestones_out_of_order")
                    .with("earlier", earlier)
                    .with("later", later)
            }
            EditError::ReportAfterCompletion {
                month, completed, ..
            } => Message::new("edit.report_after_completion")
                .with("month", month)
                .with("completed", completed),
            EditError::DuplicateReport { project, month } => Message::new("edit.duplicate_report")
                .with("project", project)
                .with("month", month),
            EditError::BadMonth { month } => Message::new("edit.bad_month").with("month", month),
            EditError::CumulativeBelowMonth { month, cumulative } => {
                Message::new("edit.cumulative_below_month")
                    .with("month", month)
                    .with("cumulative", cumulative)
            }
            EditError::StatusMove { from, to } => Message::new("edit.status_move")
                .with("from_status", from)
                .with("to_status", to),
            EditError::DeadlineBeforeRaised { raised, deadline } => {
                Message::new("edit.deadline_before_raised")
                    .with("raised", raised)
                    .with("deadline", deadline)
            }
            EditError::LocationOutOfRange { lon, lat } => {
                Message::new("edit.location_out_of_range")
                    .with("lon", lon)
                    .with("lat", lat)
            }
            EditError::BadPlanYear { year } => {
                Message::new("edit.bad_plan_year").with("year", year)
            }
            EditError::DuplicatePlanYear { year } => {
                Message::new("edit.duplicate_plan_year").with("year", year)
            }
            EditError::BadRelation { rule, .. } => Message::new(match *rule {
                "difference_needs_two" => "edit.relation_difference_needs_two",
                "rank_whole" => "edit.relation_rank_whole",
                "multiple_positive" => "edit.relation_multiple_positive",
                _ => "edit.relation_subject_in_base",
            }),
            EditError::BadApproval { rule, .. } => Message::new(match rule {
                ApprovalRule::ItemEmpty => "edit.approval_item_empty",
                ApprovalRule::IssuedBeforeApplied => "edit.approval_issued_before_applied",
                ApprovalRule::ValidityMonths => "edit.approval_validity_months",
                ApprovalRule::ValidityBeforeIssued => "edit.approval_validity_before_issued",
                ApprovalRule::ValidityBoth => "edit.approval_validity_both",
                ApprovalRule::StatusNeedsIssued => "edit.approval_status_needs_issued",
                ApprovalRule::ExtendedNeedsExtension => "edit.approval_extended_needs_extension",
                ApprovalRule::ExtensionNotIssued => "edit.approval_extension_not_issued",
                ApprovalRule::ExtensionWithoutValidity => {
                    "edit.approval_extension_without_validity"
                }
                ApprovalRule::ExtensionBeforeIssued => "edit.approval_extension_before_issued",
                ApprovalRule::ExtensionNotLater => "edit.approval_extension_not_later",
            }),
            EditError::DuplicateDocumentNo { body, number } => {
                Message::new("edit.approval_duplicate_document_no")
                    .with("number", number)
                    .with("body", body)
            }
        };
        match self.field() {
            Some(field) => message.at_field(field),
            None => message,
        }
    }
}

impl ToMessage for FormatError {
    fn to_message(&self) -> Message {
        match self {
            FormatError::NotJson {
                detail,
                line,
                column,
            } => Message::new("file.not_json")
                .with("detail", detail)
                .with("line", line)
                .with("column", column),
            FormatError::NotTaizhang { found } => {
                Message::new("file.not_taizhang").with("found", found)
            }
            FormatError::NewerVersion { found, supported } => Message::new("file.newer_version")
                .with("found", found)
                .with("supported", supported),
            FormatError::UnknownVersion { found } => {
                Message::new("file.unknown_version").with("found", found)
            }
            FormatError::BadShape { version, detail } => Message::new("file.bad_shape")
                .with("version", version)
                .with("detail", detail),
            FormatError::BadDataset { field, detail } => Message::new("file.bad_dataset")
                .with("field", field)
                .with("detail", detail),
        }
    }
}

impl ToMessage for Problem {
    fn to_message(&self) -> Message {
        let message = match &self.kind {
            ProblemKind::BadId { id } => Message::new("problem.bad_id").with("id", id),
            ProblemKind::DuplicateId { id } => Message::new("problem.duplicate_id").with("id", id),
            ProblemKind::BadAmount { text } => {
                Message::new("problem.bad_amount").with("text", text)
            }
            ProblemKind::BadPeriod { text, reason } => Message::new("problem.bad_period")
                .with("text", text)
                .with_message("reason", reason.to_message()),
            ProblemKind::BadGeoJson { name, error } => Message::new("problem.bad_geojson")
                .with_message("reason", error.to_message().with("name", name)),
            ProblemKind::BadCode { field, text } => Message::new("problem.bad_code")
                .with("field", field)
                .with("text", text),
            ProblemKind::Refused { reason } => {
                Message::new("problem.refused").with_message("reason", reason.to_message())
            }
        };
        message.with("path", &self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_ui_key_is_unique_and_has_both_languages() {
        let mut keys = BTreeSet::new();
        for (key, zh, en) in UI {
            assert!(keys.insert(*key), "duplicate key {key}");
            assert!(!zh.is_empty() && !en.is_empty(), "{key} lacks a language");
        }
    }

    fn has_chinese(text: &str) -> bool {
        text.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c)
        })
    }

    #[test]
    fn no_english_text_or_message_holds_chinese() {
        // Texts and message templates: the English side is English. (Sample data — names and
        // source sentences — comes in through parameters and stays as it is.)
        let mut chinese = Vec::new();
        for (key, _, en) in all_ui().chain(all_messages()) {
            // The language switch names the other language in its own script.
            if *key != "lang.switch" && has_chinese(en) {
                chinese.push(format!("{key}: {en}"));
            }
        }
        // Parameters the renderer translates itself are English too.
        for code in all_messages().map(|(code, _, _)| *code) {
            let rendered = Message::new(code)
                .with("field", "name")
                .with("from_status", "continuing")
                .with("to_status", "completed")
                .with("period_code", "2016-YTD10")
                .with_message(
                    "problem",
                    Message::new(crate::model::project::CodeProblem::Layout.message_key()),
                )
                .with_message("reason", Message::new("amount.empty"))
                .render(Lang::En);
            if has_chinese(&rendered) {
                chinese.push(format!("{code}: {rendered}"));
            }
        }
        assert!(
            chinese.is_empty(),
            "English with Chinese in it: {chinese:#?}"
        );
    }

    #[test]
    fn every_message_template_names_the_same_parameters_in_both_languages() {
        let params = |text: &str| -> BTreeSet<String> {
            text.split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
                .collect()
        };
        let mut codes = BTreeSet::new();
        for (code, zh, en) in all_messages() {
            assert!(codes.insert(*code), "duplicate code {code}");
            assert_eq!(params(zh), params(en), "{code}");
        }
    }

    #[test]
    fn messages_render_their_parameters_in_either_language() {
        let message = AmountError::NotANumber {
            input: "abc".into(),
        }
        .to_message();
        assert_eq!(message.render(Lang::Zh), "“abc”不是数值");
        assert_eq!(message.render(Lang::En), "\"abc\" is not a number");
        let message = EditError::EmptyName { field: "name" }.to_message();
        assert_eq!(message.render(Lang::Zh), "名称不能为空");
        assert_eq!(message.render(Lang::En), "Name must not be empty");
    }

    #[test]
    fn unknown_keys_show_themselves_rather_than_nothing() {
        assert_eq!(text(Lang::En, "no.such.key"), "no.such.key");
    }
}
