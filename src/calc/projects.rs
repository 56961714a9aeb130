//! Roll-ups of the project ledger: each project's red / yellow / green light, the list of
//! projects with a filter and a sort, missing monthly reports, overdue supervision items, and
//! counts and investment by class, level, status, street and year. Pure; the project pages and
//! the statistics charts read only these.
//!
//! Invariants: amounts stay exact (`Decimal`, 万元) until a chart turns them into floats; the
//! "as of" date is always passed in (the ledger's reporting date by default), never read from a
//! clock, so the same ledger gives the same lights on every machine.

use crate::model::project::{judge_progress, Light, LightReason, ProgressFacts};
use crate::model::{
    Dataset, Date, ProgressReport, Project, ProjectStatus, RecordId, SupervisionItem,
    SupervisionStatus, YearMonth,
};
use memchr::memmem::Finder;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// The month of a date.
pub fn month_of(date: Date) -> YearMonth {
    YearMonth {
        year: date.year,
        month: date.month,
    }
}

/// The month before.
pub fn previous_month(month: YearMonth) -> YearMonth {
    if month.month <= 1 {
        YearMonth {
            year: month.year - 1,
            month: 12,
        }
    } else {
        YearMonth {
            year: month.year,
            month: month.month - 1,
        }
    }
}

/// A project's planned investment for a year (万元), if it has one.
pub fn plan_for(project: &Project, year: i32) -> Option<Decimal> {
    project
        .annual_plans
        .iter()
        .find(|(y, _)| *y == year)
        .map(|(_, a)| a.0)
}

/// Investment completed in `year` up to and including `through` (万元), from the monthly
/// reports: the months' own figures where given, else the rise of the cumulative figure.
pub fn completed_in_year(reports: &[&ProgressReport], year: i32, through: YearMonth) -> Decimal {
    let mut total = Decimal::ZERO;
    let mut previous_cumulative: Option<Decimal> = None;
    for report in reports {
        let in_range = report.month.year == year && report.month <= through;
        let from_cumulative = match (report.invested_cumulative, previous_cumulative) {
            (Some(now), Some(before)) if now.0 >= before => Some(now.0 - before),
            _ => None,
        };
        if in_range {
            total += report
                .invested_month
                .map(|a| a.0)
                .or(from_cumulative)
                .unwrap_or(Decimal::ZERO);
        }
        if let Some(now) = report.invested_cumulative {
            previous_cumulative = Some(now.0);
        }
    }
    total
}

/// A project's light as of a date, with the reasons. `None` when its status is not known (the
/// rules need it).
pub fn project_light(
    dataset: &Dataset,
    project: &Project,
    as_of: Date,
) -> Option<(Light, Vec<LightReason>)> {
    // No status, no light: its reports are not even read.
    project.status?;
    light_from(project, as_of, &dataset.reports_of(&project.id))
}

/// [`project_light`] from the project's monthly reports in month order (as
/// `Dataset::reports_of` gives them).
fn light_from(
    project: &Project,
    as_of: Date,
    reports: &[&ProgressReport],
) -> Option<(Light, Vec<LightReason>)> {
    let status = project.status?;
    let through = month_of(as_of);
    let facts = ProgressFacts {
        status,
        planned_completion: project.planned_completion,
        annual_plan: plan_for(project, as_of.year),
        completed_this_year: completed_in_year(reports, as_of.year, through),
        as_of,
        missing_reports: missing_run(project, as_of, |month| {
            reports.iter().any(|r| r.month == month)
        }),
    };
    Some(judge_progress(&facts))
}

/// Every project's monthly reports in month order, from one pass over the reports: what
/// `Dataset::reports_of` gives one project at a time (each report found by its id), for the
/// list and the summary, which need them all (a city ledger's 180,000: one lookup each by id
/// was most of the list's 0.25 s, issue 14).
fn reports_by_project(dataset: &Dataset) -> FxHashMap<&RecordId, Vec<&ProgressReport>> {
    let mut by_project: FxHashMap<&RecordId, Vec<&ProgressReport>> = FxHashMap::default();
    for report in dataset.reports() {
        by_project.entry(&report.project).or_default().push(report);
    }
    for reports in by_project.values_mut() {
        reports.sort_by_key(|r| r.month);
    }
    by_project
}

/// Whether a project owes a monthly report for a month: under construction (新开工 or 续建),
/// started by the end of the month when its start is known, and not completed before it.
pub fn owes_report(project: &Project, month: YearMonth) -> bool {
    let building = matches!(
        project.status,
        Some(ProjectStatus::NewlyStarted | ProjectStatus::Continuing)
    );
    let started = project.start.is_none_or(|start| month_of(start) <= month);
    let not_done = project
        .completed_on
        .is_none_or(|done| month_of(done) >= month);
    building && started && not_done
}

/// The longest run of missing reports a light names ("近12个月未报送" at most).
const MAX_MISSING_RUN: u32 = 12;

/// How many months in a row, counting back from the month reports are due for on `as_of`
/// ([`due_report_month`]), the project owes a report ([`owes_report`]) and has none. The
/// dashboard's count of missing reports and a project's light both read this rule: a project
/// is red or yellow for missing reports exactly when it is on that list.
pub fn missing_report_run(dataset: &Dataset, project: &Project, as_of: Date) -> u32 {
    missing_run(project, as_of, |month| {
        dataset.report_at(&project.id, month).is_some()
    })
}

/// [`missing_report_run`] with the question "is there a report for this month" answered by
/// `has_report`.
fn missing_run(project: &Project, as_of: Date, has_report: impl Fn(YearMonth) -> bool) -> u32 {
    let mut month = due_report_month(as_of);
    let mut run = 0;
    while run < MAX_MISSING_RUN && owes_report(project, month) && !has_report(month) {
        run += 1;
        month = previous_month(month);
    }
    run
}

/// The projects whose report for `month` is missing, by name.
pub fn missing_reports(dataset: &Dataset, month: YearMonth) -> Vec<&Project> {
    let mut list: Vec<&Project> = dataset
        .projects()
        .filter(|p| owes_report(p, month) && dataset.report_at(&p.id, month).is_none())
        .collect();
    crate::sorting::sort_by(&mut list, |a, b| {
        a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id))
    });
    list
}

/// Whether an item is overdue on `today`: still open and past its deadline.
pub fn is_overdue(item: &SupervisionItem, today: Date) -> bool {
    item.status == SupervisionStatus::Open && item.deadline.is_some_and(|d| d < today)
}

/// The overdue supervision items, longest overdue first.
pub fn overdue_items(dataset: &Dataset, today: Date) -> Vec<&SupervisionItem> {
    let mut list: Vec<&SupervisionItem> = dataset
        .supervision_items()
        .filter(|i| is_overdue(i, today))
        .collect();
    crate::sorting::sort_by(&mut list, |a, b| {
        a.deadline.cmp(&b.deadline).then_with(|| a.id.cmp(&b.id))
    });
    list
}

/// Supervision items of one group (a project or a responsible unit) by status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SupervisionCount {
    pub key: String,
    pub open: usize,
    pub rectified: usize,
    pub closed: usize,
    pub overdue: usize,
}

impl SupervisionCount {
    pub fn total(&self) -> usize {
        self.open + self.rectified + self.closed
    }
}

/// How supervision items are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupervisionBy {
    /// By project id.
    Project,
    /// By responsible unit (empty when not given).
    Responsible,
}

/// Counts of supervision items per project or per responsible unit, most items first.
pub fn supervision_counts(
    dataset: &Dataset,
    by: SupervisionBy,
    today: Date,
) -> Vec<SupervisionCount> {
    let mut counts: BTreeMap<String, SupervisionCount> = BTreeMap::new();
    for item in dataset.supervision_items() {
        let key = match by {
            SupervisionBy::Project => item.project.to_string(),
            SupervisionBy::Responsible => item.responsible.trim().to_string(),
        };
        let entry = counts
            .entry(key.clone())
            .or_insert_with(|| SupervisionCount {
                key,
                ..SupervisionCount::default()
            });
        match item.status {
            SupervisionStatus::Open => entry.open += 1,
            SupervisionStatus::Rectified => entry.rectified += 1,
            SupervisionStatus::Closed => entry.closed += 1,
        }
        if is_overdue(item, today) {
            entry.overdue += 1;
        }
    }
    let mut list: Vec<SupervisionCount> = counts.into_values().collect();
    crate::sorting::sort_by(&mut list, |a, b| {
        b.total().cmp(&a.total()).then_with(|| a.key.cmp(&b.key))
    });
    list
}

/// One project as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRow {
    pub id: RecordId,
    pub name: String,
    pub code: String,
    pub class: String,
    pub level: String,
    pub status: Option<ProjectStatus>,
    pub street: String,
    pub owner: String,
    pub total_investment: Option<Decimal>,
    /// Planned investment for the as-of year.
    pub plan: Option<Decimal>,
    /// Completed in the as-of year up to the as-of month.
    pub completed: Decimal,
    pub light: Option<Light>,
    pub start: Option<Date>,
    pub planned_completion: Option<Date>,
    /// Years the project is in: its annual plans, and its start to its (planned) completion.
    pub years: Vec<i32>,
    pub tags: Vec<String>,
    /// Name, code, owner, street and tags in lower case, each ended by a NUL, for the list's
    /// typed search (lowered once per ledger change, not once per keystroke).
    pub search: String,
}

/// Completed against planned, percent (one decimal); none without a positive plan.
pub fn plan_rate(completed: Decimal, plan: Decimal) -> Option<Decimal> {
    (plan > Decimal::ZERO).then(|| (completed / plan * Decimal::ONE_HUNDRED).round_dp(1))
}

impl ProjectRow {
    /// Completion against this year's plan, percent (one decimal).
    pub fn plan_rate(&self) -> Option<Decimal> {
        plan_rate(self.completed, self.plan?)
    }
}

/// The years a project is in (sorted, unique).
pub fn years_of(project: &Project) -> Vec<i32> {
    let mut years: Vec<i32> = project.annual_plans.iter().map(|(y, _)| *y).collect();
    let end = project.completed_on.or(project.planned_completion);
    match (project.start, end) {
        (Some(start), Some(end)) if end.year - start.year <= 50 => {
            years.extend(start.year..=end.year)
        }
        (Some(start), _) => years.push(start.year),
        (None, Some(end)) => years.push(end.year),
        (None, None) => {}
    }
    crate::sorting::sort(&mut years);
    years.dedup();
    years
}

/// One project as a list row, as of a date.
pub fn project_row(dataset: &Dataset, p: &Project, as_of: Date) -> ProjectRow {
    row_from(p, as_of, &dataset.reports_of(&p.id))
}

/// [`project_row`] from the project's monthly reports in month order.
fn row_from(p: &Project, as_of: Date, reports: &[&ProgressReport]) -> ProjectRow {
    ProjectRow {
        id: p.id.clone(),
        name: p.name.clone(),
        code: p.code.clone(),
        class: p.class.clone(),
        level: p.level.clone(),
        status: p.status,
        street: p.street.clone(),
        owner: p.owner.clone(),
        total_investment: p.total_investment.map(|a| a.0),
        plan: plan_for(p, as_of.year),
        completed: completed_in_year(reports, as_of.year, month_of(as_of)),
        light: light_from(p, as_of, reports).map(|(light, _)| light),
        start: p.start,
        planned_completion: p.planned_completion,
        years: years_of(p),
        tags: p.tags.clone(),
        search: [&p.name, &p.code, &p.owner, &p.street]
            .into_iter()
            .chain(&p.tags)
            .flat_map(|field| [field.to_lowercase(), "\0".to_string()])
            .collect(),
    }
}

/// Every project as a list row, as of a date, in name order (ties by id): the order
/// [`filter_and_sort`] builds on.
pub fn project_rows(dataset: &Dataset, as_of: Date) -> Vec<ProjectRow> {
    let reports = reports_by_project(dataset);
    let mut rows: Vec<ProjectRow> = dataset
        .projects()
        .map(|p| row_from(p, as_of, reports.get(&p.id).map_or(&[], Vec::as_slice)))
        .collect();
    crate::sorting::sort_by(&mut rows, |a, b| {
        a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id))
    });
    rows
}

/// The list's filter: every set criterion must hold. Text matches name, code, owner, street
/// and tags, case-insensitively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectFilter {
    pub text: String,
    pub class: Option<String>,
    pub level: Option<String>,
    /// A status code, or `"unknown"` for projects without a status.
    pub status: Option<String>,
    pub year: Option<i32>,
    pub street: Option<String>,
    /// `"red"`, `"yellow"`, `"green"` or `"none"`.
    pub light: Option<String>,
}

/// The code of a light in filters and URLs.
pub fn light_code(light: Option<Light>) -> &'static str {
    match light {
        Some(Light::Red) => "red",
        Some(Light::Yellow) => "yellow",
        Some(Light::Green) => "green",
        None => "none",
    }
}

/// The code of a status in filters and URLs (`"unknown"` when not known).
pub fn status_filter_code(status: Option<ProjectStatus>) -> &'static str {
    status.map(|s| s.code()).unwrap_or("unknown")
}

impl ProjectFilter {
    pub fn matches(&self, row: &ProjectRow) -> bool {
        let text = self.text.trim().to_lowercase();
        self.matches_found(row, &Finder::new(&text))
    }

    /// [`ProjectFilter::matches`] with the search text already trimmed, lowered and prepared
    /// for searching (once for all rows, not once a row).
    fn matches_found(&self, row: &ProjectRow, text: &Finder<'_>) -> bool {
        if !text.needle().is_empty() && text.find(row.search.as_bytes()).is_none() {
            return false;
        }
        let same =
            |wanted: &Option<String>, value: &str| wanted.as_deref().is_none_or(|w| w == value);
        same(&self.class, &row.class)
            && same(&self.level, &row.level)
            && same(&self.street, &row.street)
            && same(&self.status, status_filter_code(row.status))
            && same(&self.light, light_code(row.light))
            && self.year.is_none_or(|y| row.years.contains(&y))
    }
}

/// The list's sort keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProjectSort {
    #[default]
    Name,
    Investment,
    Status,
    Light,
    Completion,
    PlanRate,
}

impl ProjectSort {
    pub const ALL: [ProjectSort; 6] = [
        ProjectSort::Name,
        ProjectSort::Investment,
        ProjectSort::Status,
        ProjectSort::Light,
        ProjectSort::Completion,
        ProjectSort::PlanRate,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProjectSort::Name => "name",
            ProjectSort::Investment => "investment",
            ProjectSort::Status => "status",
            ProjectSort::Light => "light",
            ProjectSort::Completion => "completion",
            ProjectSort::PlanRate => "plan_rate",
        }
    }

    pub fn from_code(code: &str) -> Option<ProjectSort> {
        ProjectSort::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Filters and sorts the rows, given in name order as [`project_rows`] gives them: the places
/// of the rows shown, in order. Investment and plan rate sort largest first, the light worst
/// first, names and dates ascending; ties keep name order (then id). Places, not rows, so a
/// keystroke over 5,000 projects copies none of them.
pub fn filter_and_sort(
    rows: &[ProjectRow],
    filter: &ProjectFilter,
    sort: ProjectSort,
) -> Vec<usize> {
    let text = filter.text.trim().to_lowercase();
    let finder = Finder::new(&text);
    let mut out: Vec<usize> = (0..rows.len())
        .filter(|&i| filter.matches_found(&rows[i], &finder))
        .collect();
    let primary = |a: &ProjectRow, b: &ProjectRow| match sort {
        ProjectSort::Name => std::cmp::Ordering::Equal,
        ProjectSort::Investment => b.total_investment.cmp(&a.total_investment),
        ProjectSort::Status => a.status.cmp(&b.status),
        ProjectSort::Light => b.light.cmp(&a.light),
        ProjectSort::Completion => match (a.planned_completion, b.planned_completion) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        },
        ProjectSort::PlanRate => b.plan_rate().cmp(&a.plan_rate()),
    };
    if sort != ProjectSort::Name {
        // Stable: ties stay in name order.
        out.sort_by(|&a, &b| primary(&rows[a], &rows[b]));
    }
    out
}

/// What the statistics group projects by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Class,
    Level,
    Status,
    Street,
    Year,
}

impl GroupBy {
    pub const ALL: [GroupBy; 5] = [
        GroupBy::Class,
        GroupBy::Level,
        GroupBy::Status,
        GroupBy::Street,
        GroupBy::Year,
    ];

    pub fn code(self) -> &'static str {
        match self {
            GroupBy::Class => "class",
            GroupBy::Level => "level",
            GroupBy::Status => "status",
            GroupBy::Street => "street",
            GroupBy::Year => "year",
        }
    }
}

/// One group of projects. `key` is the filter value that lists exactly these projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub key: String,
    pub count: usize,
    /// Total investment of the group's projects (万元); for years, the year's planned investment.
    pub investment: Decimal,
    /// Planned investment for the as-of year (万元).
    pub plan: Decimal,
    /// Completed in the as-of year (万元).
    pub completed: Decimal,
}

impl Group {
    /// Completion against the plan, percent (one decimal).
    pub fn plan_rate(&self) -> Option<Decimal> {
        plan_rate(self.completed, self.plan)
    }
}

/// Counts and investment of the rows by one dimension. Classes, levels and streets come in
/// order of investment (largest first), statuses in life-cycle order, years ascending. Rows
/// with no value for the dimension form the group with an empty key (status: `"unknown"`).
pub fn group_rows(dataset: &Dataset, rows: &[ProjectRow], by: GroupBy) -> Vec<Group> {
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut add = |key: String, investment: Decimal, row: &ProjectRow| {
        let group = groups.entry(key.clone()).or_insert_with(|| Group {
            key,
            count: 0,
            investment: Decimal::ZERO,
            plan: Decimal::ZERO,
            completed: Decimal::ZERO,
        });
        group.count += 1;
        group.investment += investment;
        group.plan += row.plan.unwrap_or(Decimal::ZERO);
        group.completed += row.completed;
    };
    for row in rows {
        let total = row.total_investment.unwrap_or(Decimal::ZERO);
        match by {
            GroupBy::Class => add(row.class.clone(), total, row),
            GroupBy::Level => add(row.level.clone(), total, row),
            GroupBy::Street => add(row.street.clone(), total, row),
            GroupBy::Status => add(status_filter_code(row.status).to_string(), total, row),
            GroupBy::Year => {
                let plans = dataset
                    .project(&row.id)
                    .map(|p| p.annual_plans.clone())
                    .unwrap_or_default();
                for year in &row.years {
                    let planned = plans
                        .iter()
                        .find(|(y, _)| y == year)
                        .map(|(_, a)| a.0)
                        .unwrap_or(Decimal::ZERO);
                    add(year.to_string(), planned, row);
                }
            }
        }
    }
    let mut list: Vec<Group> = groups.into_values().collect();
    match by {
        GroupBy::Year => {
            crate::sorting::sort_by_key(&mut list, |g| g.key.parse::<i32>().unwrap_or(i32::MAX))
        }
        GroupBy::Status => crate::sorting::sort_by_key(&mut list, |g| {
            ProjectStatus::from_code(&g.key).map_or(usize::MAX, |s| s as usize)
        }),
        _ => crate::sorting::sort_by(&mut list, |a, b| {
            b.investment
                .cmp(&a.investment)
                .then_with(|| b.count.cmp(&a.count))
                .then_with(|| a.key.cmp(&b.key))
        }),
    }
    list
}

/// Planned investment by year and class (万元), for a stacked bar: the years, then one series
/// per class with a value for each year.
pub fn plans_by_year_and_class(
    dataset: &Dataset,
    rows: &[ProjectRow],
) -> (Vec<i32>, Vec<(String, Vec<Decimal>)>) {
    let mut table: BTreeMap<String, BTreeMap<i32, Decimal>> = BTreeMap::new();
    let mut years: Vec<i32> = Vec::new();
    for row in rows {
        let Some(project) = dataset.project(&row.id) else {
            continue;
        };
        for (year, amount) in &project.annual_plans {
            *table
                .entry(row.class.clone())
                .or_default()
                .entry(*year)
                .or_insert(Decimal::ZERO) += amount.0;
            years.push(*year);
        }
    }
    crate::sorting::sort(&mut years);
    years.dedup();
    let series = table
        .into_iter()
        .map(|(class, by_year)| {
            let values = years
                .iter()
                .map(|y| by_year.get(y).copied().unwrap_or(Decimal::ZERO))
                .collect();
            (class, values)
        })
        .collect();
    (years, series)
}

pub use crate::model::project::{DEFAULT_CLASSES, LEVELS};

/// The classes to offer: the defaults, then the ones projects use, in first-seen order.
pub fn classes_in_use(dataset: &Dataset) -> Vec<String> {
    let mut classes: Vec<String> = DEFAULT_CLASSES.iter().map(|c| c.to_string()).collect();
    for project in dataset.projects() {
        if !project.class.is_empty() && !classes.contains(&project.class) {
            classes.push(project.class.clone());
        }
    }
    classes
}

/// The streets projects name, sorted.
pub fn streets_in_use(dataset: &Dataset) -> Vec<String> {
    let mut streets: Vec<String> = dataset
        .projects()
        .map(|p| p.street.clone())
        .filter(|s| !s.is_empty())
        .collect();
    crate::sorting::sort(&mut streets);
    streets.dedup();
    streets
}

/// The project ledger at a glance, as of a date: projects by light, the month reports are due
/// for and how many are missing, and the overdue supervision items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerSummary {
    pub projects: usize,
    pub red: usize,
    pub yellow: usize,
    pub green: usize,
    pub unjudged: usize,
    /// The reporting date's month when it is that month's last day, else the month before.
    pub report_month: YearMonth,
    pub missing_reports: usize,
    pub overdue_items: usize,
}

/// The month reports are due for on a date: its own month on its last day, else the one before.
pub fn due_report_month(as_of: Date) -> YearMonth {
    if Date::end_of_month(as_of.year, as_of.month).ok() == Some(as_of) {
        month_of(as_of)
    } else {
        previous_month(month_of(as_of))
    }
}

pub fn summarize(dataset: &Dataset, as_of: Date) -> LedgerSummary {
    let mut summary = LedgerSummary {
        projects: 0,
        red: 0,
        yellow: 0,
        green: 0,
        unjudged: 0,
        report_month: due_report_month(as_of),
        missing_reports: 0,
        overdue_items: overdue_items(dataset, as_of).len(),
    };
    summary.missing_reports = missing_reports(dataset, summary.report_month).len();
    let reports = reports_by_project(dataset);
    for project in dataset.projects() {
        summary.projects += 1;
        let own = reports.get(&project.id).map_or(&[][..], Vec::as_slice);
        match light_from(project, as_of, own).map(|(light, _)| light) {
            Some(Light::Red) => summary.red += 1,
            Some(Light::Yellow) => summary.yellow += 1,
            Some(Light::Green) => summary.green += 1,
            None => summary.unjudged += 1,
        }
    }
    summary
}

/// The plan checks the ledger supports: for each class, the indicators named
/// `安排{class}项目` (count) and `{class}项目计划投资` (total), compared with the projects' plans
/// for every year either indicator has a figure for. A class without such indicators has no
/// check; a year no project has a plan for is listed with `projects == 0` (nothing submitted
/// yet), which the page shows as such rather than as a mismatch.
pub fn plan_checks(dataset: &Dataset) -> Vec<crate::calc::PlanCheck> {
    let mut checks = Vec::new();
    for class in classes_in_use(dataset) {
        let find = |name: &str| {
            dataset
                .indicators()
                .find(|i| i.name == name)
                .map(|i| i.id.clone())
        };
        let count = find(&format!("安排{class}项目"));
        let total = find(&format!("{class}项目计划投资"));
        if count.is_none() && total.is_none() {
            continue;
        }
        let mut years: Vec<i32> = [&count, &total]
            .into_iter()
            .flatten()
            .flat_map(|id| dataset.values_of(id))
            .filter_map(|v| match v.period {
                crate::model::Period::Year(y) => Some(y),
                _ => None,
            })
            .collect();
        crate::sorting::sort(&mut years);
        years.dedup();
        // A missing indicator is looked up under an id no record has.
        let none = RecordId::from_random(0);
        for year in years {
            checks.push(crate::calc::plan_vs_ledger(
                dataset,
                &class,
                year,
                count.as_ref().unwrap_or(&none),
                total.as_ref().unwrap_or(&none),
            ));
        }
    }
    checks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Amount, ChangeContext, DatasetMeta, Edit, Record};

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).expect("date")
    }

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).expect("id")
    }

    fn wan(text: &str) -> Option<Amount> {
        Some(Amount::from_canonical(text).expect("amount"))
    }

    fn project(key: &str, class: &str, street: &str, status: ProjectStatus) -> Project {
        Project {
            id: id(key),
            name: format!("项目{key}"),
            class: class.to_string(),
            level: "区重点".to_string(),
            code: String::new(),
            owner: String::new(),
            section: String::new(),
            entered_by: String::new(),
            street: street.to_string(),
            location: None,
            total_investment: wan("10000"),
            start: Some(date(2016, 1, 1)),
            planned_completion: Some(date(2017, 12, 31)),
            status: Some(status),
            subprojects: None,
            completed_on: None,
            milestones: Vec::new(),
            annual_plans: vec![(2016, Amount::from_canonical("1200").expect("plan"))],
            tags: vec!["PPP".to_string()],
            note: String::new(),
            stamps: Default::default(),
            updated_by: String::new(),
        }
    }

    fn report(key: &str, project: &str, month: u32, invested: &str) -> ProgressReport {
        ProgressReport {
            id: id(key),
            project: id(project),
            month: YearMonth { year: 2016, month },
            invested_month: wan(invested),
            invested_cumulative: None,
            progress: String::new(),
            problems: String::new(),
            stamps: Default::default(),
            updated_by: String::new(),
        }
    }

    fn item(key: &str, project: &str, responsible: &str, deadline: Date) -> SupervisionItem {
        SupervisionItem {
            id: id(key),
            project: id(project),
            problem: "征迁".to_string(),
            responsible: responsible.to_string(),
            raised: date(2016, 6, 1),
            deadline: Some(deadline),
            status: SupervisionStatus::Open,
            rectification: String::new(),
            meeting: None,
            stamps: Default::default(),
            updated_by: String::new(),
        }
    }

    /// Three projects: p-a on plan (monthly reports through October), p-b behind and missing
    /// September and October, p-c a pre-project.
    fn ledger() -> Dataset {
        let mut dataset = Dataset::new(DatasetMeta {
            id: "ds-test".to_string(),
            name: "test".to_string(),
            document_date: date(2016, 10, 31),
            sample: false,
            source_title: String::new(),
            lineage: Vec::new(),
        });
        let mut edits = vec![
            Edit::Put(Record::Project(project(
                "p-a",
                "重点建设",
                "五马街道",
                ProjectStatus::Continuing,
            ))),
            Edit::Put(Record::Project(project(
                "p-b",
                "重点建设",
                "七都街道",
                ProjectStatus::NewlyStarted,
            ))),
            Edit::Put(Record::Project(project(
                "p-c",
                "重大前期",
                "七都街道",
                ProjectStatus::Preliminary,
            ))),
        ];
        for month in 1..=10 {
            edits.push(Edit::Put(Record::Report(report(
                &format!("r-a{month}"),
                "p-a",
                month,
                "100",
            ))));
        }
        for month in 1..=8 {
            edits.push(Edit::Put(Record::Report(report(
                &format!("r-b{month}"),
                "p-b",
                month,
                "20",
            ))));
        }
        edits.push(Edit::Put(Record::Supervision(item(
            "s-1",
            "p-b",
            "住建局",
            date(2016, 9, 30),
        ))));
        edits.push(Edit::Put(Record::Supervision(item(
            "s-2",
            "p-b",
            "住建局",
            date(2016, 12, 31),
        ))));
        let mut closed = item("s-3", "p-a", "交通局", date(2016, 7, 31));
        closed.status = SupervisionStatus::Closed;
        edits.push(Edit::Put(Record::Supervision(closed)));
        let context = ChangeContext {
            device: "d".to_string(),
            author: "t".to_string(),
            at: "2026-11-27T00:00:00Z".to_string(),
        };
        dataset.apply(Edit::Batch(edits), &context).expect("ledger");
        dataset
    }

    #[test]
    fn the_summary_counts_lights_missing_reports_and_overdue_items() {
        let dataset = ledger();
        let summary = summarize(&dataset, date(2016, 10, 31));
        assert_eq!(
            summary,
            LedgerSummary {
                projects: 3,
                red: 1,
                yellow: 0,
                green: 2,
                unjudged: 0,
                report_month: YearMonth {
                    year: 2016,
                    month: 10
                },
                missing_reports: 1,
                overdue_items: 1,
            }
        );
        // Mid-month, reports are due for the month before.
        assert_eq!(
            due_report_month(date(2016, 11, 15)),
            YearMonth {
                year: 2016,
                month: 10
            }
        );
    }

    #[test]
    fn the_sample_offers_plan_checks_for_key_and_pre_projects_by_year() {
        let dataset = crate::sample::lucheng_for_tests();
        let checks = plan_checks(&dataset);
        let key_2015 = checks
            .iter()
            .find(|c| c.class == "重点建设" && c.year == 2015)
            .expect("2015 key projects");
        assert_eq!(key_2015.ledger_count, Some(Decimal::from(16)));
        assert_eq!(key_2015.ledger_total, Some(Decimal::new(6085, 2)));
        assert!(checks.iter().any(|c| c.class == "重大前期"));
        assert!(checks.iter().all(|c| c.class != "服务业"));
    }

    #[test]
    fn completed_investment_adds_the_months_or_the_rise_of_the_cumulative_figure() {
        let mut a = report("r-1", "p", 1, "0");
        a.invested_month = None;
        a.invested_cumulative = wan("500");
        let mut b = report("r-2", "p", 2, "0");
        b.invested_month = None;
        b.invested_cumulative = wan("800");
        let c = report("r-3", "p", 3, "150");
        let reports = [&a, &b, &c];
        let through = YearMonth {
            year: 2016,
            month: 12,
        };
        // January has no earlier cumulative figure to subtract: it counts as nothing known.
        assert_eq!(
            completed_in_year(&reports, 2016, through),
            Decimal::from(450)
        );
        let through_feb = YearMonth {
            year: 2016,
            month: 2,
        };
        assert_eq!(
            completed_in_year(&reports, 2016, through_feb),
            Decimal::from(300)
        );
    }

    #[test]
    fn lights_follow_plan_reports_and_status() {
        let dataset = ledger();
        let as_of = date(2016, 10, 31);
        let light = |key: &str| {
            project_light(&dataset, dataset.project(&id(key)).expect("p"), as_of).map(|l| l.0)
        };
        // p-a: 1000 of a 1200 plan by October (expected 1000): green.
        assert_eq!(light("p-a"), Some(Light::Green));
        // p-b: 160 of 1000 expected and two months unreported: red.
        assert_eq!(light("p-b"), Some(Light::Red));
        assert_eq!(light("p-c"), Some(Light::Green));
    }

    #[test]
    fn the_missing_report_list_names_projects_under_construction_without_that_months_report() {
        let dataset = ledger();
        let october = YearMonth {
            year: 2016,
            month: 10,
        };
        let names: Vec<&str> = missing_reports(&dataset, october)
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(names, ["项目p-b"]);
        let june = YearMonth {
            year: 2016,
            month: 6,
        };
        assert!(missing_reports(&dataset, june).is_empty());
        // Before its start, a project owes nothing.
        let december_2015 = YearMonth {
            year: 2015,
            month: 12,
        };
        assert!(missing_reports(&dataset, december_2015).is_empty());
    }

    #[test]
    fn overdue_items_are_open_and_past_their_deadline_and_are_counted_per_unit_and_project() {
        let dataset = ledger();
        let today = date(2016, 10, 31);
        let overdue: Vec<String> = overdue_items(&dataset, today)
            .iter()
            .map(|i| i.id.to_string())
            .collect();
        assert_eq!(overdue, ["s-1"]);
        let by_unit = supervision_counts(&dataset, SupervisionBy::Responsible, today);
        assert_eq!(
            by_unit[0],
            SupervisionCount {
                key: "住建局".to_string(),
                open: 2,
                rectified: 0,
                closed: 0,
                overdue: 1
            }
        );
        assert_eq!(by_unit[1].closed, 1);
        let by_project = supervision_counts(&dataset, SupervisionBy::Project, today);
        assert_eq!(by_project[0].key, "p-b");
        assert_eq!(by_project[0].total(), 2);
    }

    #[test]
    fn rows_filter_by_every_criterion_and_sort() {
        let dataset = ledger();
        let rows = project_rows(&dataset, date(2016, 10, 31));
        let names = |filter: &ProjectFilter, sort: ProjectSort| -> Vec<String> {
            filter_and_sort(&rows, filter, sort)
                .into_iter()
                .map(|i| rows[i].name.clone())
                .collect()
        };
        let all = ProjectFilter::default();
        assert_eq!(names(&all, ProjectSort::Name).len(), 3);
        let street = ProjectFilter {
            street: Some("七都街道".to_string()),
            ..Default::default()
        };
        assert_eq!(names(&street, ProjectSort::Name), ["项目p-b", "项目p-c"]);
        let red = ProjectFilter {
            light: Some("red".to_string()),
            ..Default::default()
        };
        assert_eq!(names(&red, ProjectSort::Name), ["项目p-b"]);
        let text = ProjectFilter {
            text: "P-C".to_string(),
            ..Default::default()
        };
        assert_eq!(names(&text, ProjectSort::Name), ["项目p-c"]);
        let status = ProjectFilter {
            status: Some("preliminary".to_string()),
            class: Some("重大前期".to_string()),
            year: Some(2017),
            ..Default::default()
        };
        assert_eq!(names(&status, ProjectSort::Name), ["项目p-c"]);
        let none_in_2030 = ProjectFilter {
            year: Some(2030),
            ..Default::default()
        };
        assert!(names(&none_in_2030, ProjectSort::Name).is_empty());
        assert_eq!(names(&all, ProjectSort::Light)[0], "项目p-b");
        assert_eq!(names(&all, ProjectSort::PlanRate)[0], "项目p-a");
        let rate = rows
            .iter()
            .find(|r| r.id == id("p-a"))
            .and_then(|r| r.plan_rate());
        assert_eq!(rate, Some(Decimal::new(833, 1)));
        // The rows come in name order; a sort by another key keeps name order among ties.
        let in_order: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(in_order, ["项目p-a", "项目p-b", "项目p-c"]);
        let by_status = names(&all, ProjectSort::Status);
        let mut expected: Vec<(Option<ProjectStatus>, String)> =
            rows.iter().map(|r| (r.status, r.name.clone())).collect();
        expected.sort();
        assert_eq!(
            by_status,
            expected.into_iter().map(|(_, n)| n).collect::<Vec<_>>()
        );
        // The search reads each field on its own: text spanning the end of the name and the
        // start of the street matches nothing.
        let row = rows
            .iter()
            .find(|r| !r.street.is_empty() && r.owner.is_empty() && r.code.is_empty())
            .expect("a project with a street, no owner, no code");
        let name_end: String = row
            .name
            .chars()
            .skip(row.name.chars().count() - 2)
            .collect();
        let street_start: String = row.street.chars().take(2).collect();
        let search = |text: String| ProjectFilter {
            text,
            ..Default::default()
        };
        assert!(names(&search(name_end.clone()), ProjectSort::Name).contains(&row.name));
        assert!(names(&search(street_start.clone()), ProjectSort::Name).contains(&row.name));
        let across = search(format!("{name_end}{street_start}"));
        assert!(names(&across, ProjectSort::Name).is_empty(), "{across:?}");
    }

    #[test]
    fn groups_roll_up_counts_investment_and_plan_completion() {
        let dataset = ledger();
        let rows = project_rows(&dataset, date(2016, 10, 31));
        let by_class = group_rows(&dataset, &rows, GroupBy::Class);
        assert_eq!(by_class[0].key, "重点建设");
        assert_eq!(by_class[0].count, 2);
        assert_eq!(by_class[0].investment, Decimal::from(20000));
        assert_eq!(by_class[0].plan, Decimal::from(2400));
        assert_eq!(by_class[0].completed, Decimal::from(1160));
        assert_eq!(by_class[0].plan_rate(), Some(Decimal::new(483, 1)));
        let by_status: Vec<String> = group_rows(&dataset, &rows, GroupBy::Status)
            .into_iter()
            .map(|g| g.key)
            .collect();
        assert_eq!(by_status, ["preliminary", "newly_started", "continuing"]);
        let by_year = group_rows(&dataset, &rows, GroupBy::Year);
        assert_eq!(
            by_year.iter().map(|g| g.key.as_str()).collect::<Vec<_>>(),
            ["2016", "2017"]
        );
        assert_eq!(by_year[0].investment, Decimal::from(3600));
        assert_eq!(by_year[1].count, 3);
        let (years, series) = plans_by_year_and_class(&dataset, &rows);
        assert_eq!(years, [2016]);
        assert_eq!(series.len(), 2);
    }
}
