//! A large, deterministic ledger for benchmarks and load tests: N indicators spread over eight
//! work areas, each with a value for every year of a run, ids and amounts from a seeded
//! generator, so the same options always give the same bytes. With `projects`, also a project
//! ledger of that many projects (classes, levels, statuses, streets, coordinates, plans for the
//! ledger's year, a run of monthly reports each — 36 by default, the latest zero to three months
//! missing — and supervision items spread over them), for the 5,000-project tests and the
//! city-scale benchmark.

use crate::model::{
    Amount, Area, Dataset, DatasetMeta, Date, IdSource, Indicator, IndicatorKind, Period,
    ProgressReport, Project, ProjectStatus, Qualifier, Record, RecordId, SeededIds,
    SupervisionItem, SupervisionStatus, Unit, Value, YearMonth,
};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    pub indicators: usize,
    pub years: i32,
    pub seed: u64,
    pub projects: usize,
    /// Monthly reports per project: a run of this many months ending at the reporting month
    /// or up to three months before it (the latest ones missing, for the lights).
    pub report_months: usize,
    /// Supervision items, spread evenly over the projects.
    pub supervision: usize,
    /// Approvals per project (the approvals register: 立项, 可研, 初设 … in order, issued
    /// with a validity of one to three years, the latest ones still in progress, some extended).
    pub approvals: usize,
}

impl Default for GenerateOptions {
    /// The city-scale project ledger's shape (5,000 projects × 36 months = 180,000 monthly
    /// reports, 2,000 supervision items) with the indicator ledger of the benchmark.
    fn default() -> GenerateOptions {
        GenerateOptions {
            indicators: 500,
            years: 20,
            seed: 1,
            projects: 0,
            report_months: 36,
            supervision: 2_000,
            approvals: 0,
        }
    }
}

pub fn generate(options: &GenerateOptions) -> Dataset {
    let mut generation = Generation::new(options);
    while !generation.step(usize::MAX) {}
    generation.finish()
}

/// [`generate`] a slice of records at a time, so the app can make its city-scale demo ledger
/// (245,000 records) while the page keeps getting turns: [`Generation::step`] until it says
/// done, then [`Generation::finish`]. The same loops in the same order draw the same numbers,
/// so the ledger is exactly `generate`'s (which is this with an unlimited budget).
pub struct Generation {
    options: GenerateOptions,
    ids: SeededIds,
    dataset: Dataset,
    areas: Vec<RecordId>,
    unit_id: RecordId,
    first_year: i32,
    phase: Phase,
    /// The project ledger's records, inserted once all are made (as before slicing).
    records: Vec<Record>,
    projects: Vec<RecordId>,
    inserting: std::vec::IntoIter<Record>,
}

/// Where a [`Generation`] is: the next indicator, project, supervision item or project's
/// approvals to make, then the records to insert.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Indicators(usize),
    Projects(usize),
    Supervision(usize),
    Approvals(usize),
    Inserting,
    Done,
}

fn insert(dataset: &mut Dataset, record: Record) {
    // Generated records are consistent by construction; a refusal would be a bug here.
    if let Err(error) = dataset.insert_loaded(record) {
        panic!("generated record refused: {error}");
    }
}

impl Generation {
    pub fn new(options: &GenerateOptions) -> Generation {
        let ids = SeededIds::new(options.seed);
        let first_year = 2026 - options.years.max(1) + 1;
        let mut dataset = Dataset::new(DatasetMeta {
            id: format!("ds-generated-{}", options.seed),
            name: format!(
                "生成的台账 {} 个指标 × {} 年",
                options.indicators, options.years
            ),
            document_date: Date::new(2026, 12, 31).unwrap_or(Date {
                year: 2026,
                month: 12,
                day: 31,
            }),
            sample: false,
            source_title: String::new(),
            lineage: Vec::new(),
        });
        let area_names = [
            "规划",
            "固定资产投资",
            "重点项目建设",
            "重大前期项目",
            "服务业",
            "经济监测",
            "改革创新",
            "价格管理",
        ];
        let areas: Vec<RecordId> = area_names
            .iter()
            .enumerate()
            .map(|(order, name)| {
                let id = RecordId::parse(&format!("area-{order}"))
                    .unwrap_or_else(|| ids_fallback(order));
                insert(
                    &mut dataset,
                    Record::Area(Area {
                        id: id.clone(),
                        name: name.to_string(),
                        name_en: format!("Area {}", order + 1),
                        order: order as i64 + 1,
                        columns: Vec::new(),
                        stamps: BTreeMap::new(),
                        updated_by: String::new(),
                    }),
                );
                id
            })
            .collect();
        let unit_id = RecordId::parse("unit-wan-yuan").unwrap_or_else(|| ids_fallback(0));
        insert(
            &mut dataset,
            Record::Unit(Unit {
                id: unit_id.clone(),
                symbol: "万元".to_string(),
                name_en: "10 thousand yuan".to_string(),
                dimension: "money".to_string(),
                factor: Some(Amount(Decimal::from(10_000))),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }),
        );
        Generation {
            options: options.clone(),
            ids,
            dataset,
            areas,
            unit_id,
            first_year,
            phase: Phase::Indicators(0),
            records: Vec::new(),
            projects: Vec::new(),
            inserting: Vec::new().into_iter(),
        }
    }

    /// Makes about `budget` more records; true once the ledger is complete.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut left = budget;
        while left > 0 {
            match self.phase {
                Phase::Indicators(index) if index < self.options.indicators => {
                    self.indicator(index);
                    left = left.saturating_sub(1 + self.options.years.max(0) as usize);
                    self.phase = Phase::Indicators(index + 1);
                }
                Phase::Indicators(_) => self.phase = Phase::Projects(0),
                Phase::Projects(index) if index < self.options.projects => {
                    self.project(index);
                    left = left.saturating_sub(1 + self.options.report_months);
                    self.phase = Phase::Projects(index + 1);
                }
                Phase::Projects(_) => self.phase = Phase::Supervision(0),
                Phase::Supervision(item)
                    if !self.projects.is_empty() && item < self.options.supervision =>
                {
                    self.supervision_item(item);
                    left -= 1;
                    self.phase = Phase::Supervision(item + 1);
                }
                Phase::Supervision(_) => self.phase = Phase::Approvals(0),
                Phase::Approvals(index) if index < self.projects.len() => {
                    self.approvals_of(index);
                    left = left.saturating_sub(self.options.approvals.max(1));
                    self.phase = Phase::Approvals(index + 1);
                }
                Phase::Approvals(_) => {
                    self.inserting = std::mem::take(&mut self.records).into_iter();
                    self.phase = Phase::Inserting;
                }
                Phase::Inserting => match self.inserting.next() {
                    Some(record) => {
                        insert(&mut self.dataset, record);
                        left -= 1;
                    }
                    None => self.phase = Phase::Done,
                },
                Phase::Done => return true,
            }
        }
        self.phase == Phase::Done
    }

    pub fn finish(self) -> Dataset {
        self.dataset
    }

    fn indicator(&mut self, index: usize) {
        let (options, ids, dataset) = (&self.options, &mut self.ids, &mut self.dataset);
        let (areas, unit_id, first_year) = (&self.areas, &self.unit_id, self.first_year);
        let indicator_id = ids.next_id();
        insert(
            dataset,
            Record::Indicator(Indicator {
                id: indicator_id.clone(),
                area: areas[index % areas.len()].clone(),
                name: format!("指标 {:04}", index + 1),
                name_en: format!("Indicator {:04}", index + 1),
                unit: unit_id.clone(),
                kind: IndicatorKind::Flow,
                description: String::new(),
                scope_note: String::new(),
                order: index as i64,
                targets: Vec::new(),
                counted: None,
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }),
        );
        let mut level = 1_000 + (ids.next_u64() % 100_000) as i64;
        for year in first_year..first_year + options.years {
            level += (ids.next_u64() % 2_000) as i64 - 500;
            let amount = Amount(Decimal::new(
                level.max(1) * 100 + (ids.next_u64() % 100) as i64,
                2,
            ));
            insert(
                dataset,
                Record::Value(Value {
                    id: ids.next_id(),
                    indicator: indicator_id.clone(),
                    period: Period::Year(year),
                    amount,
                    qualifier: Qualifier::Exact,
                    source: format!(
                        "{year}年指标 {:04} 完成 {} 万元。",
                        index + 1,
                        amount.canonical()
                    ),
                    scope_note: String::new(),
                    note: String::new(),
                    stamps: BTreeMap::new(),
                    updated_by: String::new(),
                }),
            );
        }
    }
}

/// Streets and towns of Lucheng District, for generated projects.
const STREETS: [&str; 14] = [
    "五马街道",
    "松台街道",
    "南汇街道",
    "滨江街道",
    "七都街道",
    "双屿街道",
    "仰义街道",
    "藤桥镇",
    "山福镇",
    "丰门街道",
    "广化街道",
    "大南街道",
    "南郊街道",
    "蒲鞋市街道",
];

impl Generation {
    fn project(&mut self, index: usize) {
        use crate::model::project::{DEFAULT_CLASSES as CLASSES, LEVELS};
        let (options, ids, records) = (&self.options, &mut self.ids, &mut self.records);
        let year = self.dataset.meta.document_date.year;
        let through = self.dataset.meta.document_date.month;
        let yy = year.rem_euclid(100);
        // Months counted from year 0, so runs of months cross years simply.
        let month_index = |year: i32, month: u32| i64::from(year) * 12 + i64::from(month) - 1;
        let month_of = |index: i64| YearMonth {
            year: index.div_euclid(12) as i32,
            month: index.rem_euclid(12) as u32 + 1,
        };
        let last_month = month_index(year, through);
        let project_id = ids.next_id();
        let status = ProjectStatus::ALL[(ids.next_u64() % 5) as usize];
        let investment = 1_000 + (ids.next_u64() % 500_000) as i64;
        let plan = investment / (2 + (ids.next_u64() % 4) as i64);
        let skip = (ids.next_u64() % 4) as i64; // 0–3 latest months unreported
        let last_report = last_month - skip;
        let first_report = last_report - options.report_months as i64 + 1;
        // A project starts in its first reported month (or within the last three years).
        let start = if options.report_months > 0 {
            let first = month_of(first_report);
            Date::new(first.year, first.month, 1).ok()
        } else {
            let start_year = year - (ids.next_u64() % 3) as i32;
            Date::new(start_year, 1 + (ids.next_u64() % 12) as u32, 1).ok()
        };
        let planned_completion = Date::end_of_month(year + (ids.next_u64() % 4) as i32, 12).ok();
        let lon = Decimal::new(120_550 + (ids.next_u64() % 150) as i64, 3);
        let lat = Decimal::new(27_980 + (ids.next_u64() % 80) as i64, 3);
        let completed_on = if status.is_finished() {
            Date::end_of_month(year, through).ok().max(start)
        } else {
            None
        };
        records.push(Record::Project(Project {
            id: project_id.clone(),
            name: format!("生成项目 {:05}", index + 1),
            class: CLASSES[index % CLASSES.len()].to_string(),
            level: LEVELS[(index / CLASSES.len()) % LEVELS.len()].to_string(),
            code: format!("{yy:02}01-330302-04-01-{:05}0", index + 1),
            owner: format!("业主单位 {:03}", index % 200 + 1),
            section: "重点项目科".to_string(),
            entered_by: String::new(),
            street: STREETS[(ids.next_u64() % STREETS.len() as u64) as usize].to_string(),
            location: Some((Amount(lon), Amount(lat))),
            total_investment: Some(Amount(Decimal::from(investment))),
            start,
            planned_completion: planned_completion.max(start),
            status: Some(status),
            subprojects: None,
            completed_on,
            milestones: Vec::new(),
            annual_plans: vec![(year, Amount(Decimal::from(plan)))],
            tags: Vec::new(),
            note: String::new(),
            stamps: BTreeMap::new(),
            updated_by: String::new(),
        }));
        let monthly = plan / 12;
        for month in first_report..=last_report {
            let done = monthly * (70 + (ids.next_u64() % 60) as i64) / 100;
            records.push(Record::Report(ProgressReport {
                id: ids.next_id(),
                project: project_id.clone(),
                month: month_of(month),
                invested_month: Some(Amount(Decimal::from(done))),
                invested_cumulative: None,
                progress: String::new(),
                problems: String::new(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }));
        }
        self.projects.push(project_id);
    }

    /// Supervision items spread evenly over the projects, raised in the reporting year.
    fn supervision_item(&mut self, item: usize) {
        let (options, ids, records, projects) = (
            &self.options,
            &mut self.ids,
            &mut self.records,
            &self.projects,
        );
        let year = self.dataset.meta.document_date.year;
        let through = self.dataset.meta.document_date.month;
        let index = item * projects.len() / options.supervision.max(1);
        let raised = Date::new(year, 1 + (ids.next_u64() % through.max(1) as u64) as u32, 1);
        if let Ok(raised) = raised {
            records.push(Record::Supervision(SupervisionItem {
                id: ids.next_id(),
                project: projects[index].clone(),
                problem: format!("征地拆迁滞后({})", item + 1),
                responsible: STREETS[index % STREETS.len()].to_string(),
                raised,
                deadline: Date::end_of_month(raised.year, raised.month).ok(),
                status: SupervisionStatus::ALL[(ids.next_u64() % 3) as usize],
                rectification: String::new(),
                meeting: None,
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            }));
        }
    }

    /// `approvals` approvals for a project, one per standard item in order, applied a month
    /// or two apart over the two years before the reporting year; the last of a project's
    /// approvals still in progress, every fifth extended once.
    fn approvals_of(&mut self, index: usize) {
        use crate::model::approval::{extended, STANDARD_ITEMS};
        use crate::model::{Approval, ApprovalStatus, Procedure, Validity};
        let (ids, records) = (&mut self.ids, &mut self.records);
        let project = &self.projects[index];
        let per_project = self.options.approvals;
        let year = self.dataset.meta.document_date.year;
        let mut applied = Date::new(year - 2, 1 + (index % 12) as u32, 1 + (index % 28) as u32)
            .unwrap_or(Date {
                year: year - 2,
                month: 1,
                day: 1,
            });
        for n in 0..per_project {
            applied = applied.plus_days(20 + (ids.next_u64() % 40) as i64);
            let last = n + 1 == per_project;
            let issued = (!last).then(|| applied.plus_days(5 + (ids.next_u64() % 25) as i64));
            let mut approval = Approval {
                id: ids.next_id(),
                project: project.clone(),
                procedure: Procedure::ALL[n % 3],
                item: STANDARD_ITEMS[n % STANDARD_ITEMS.len()].0.to_string(),
                body: STREETS[(index + n) % STREETS.len()].to_string(),
                applied,
                issued,
                document_no: format!("鹿审〔{}〕{}号", applied.year, index * per_project + n + 1),
                validity: Some(Validity::Months(12 + (ids.next_u64() % 25) as u32)),
                status: if issued.is_some() {
                    ApprovalStatus::Done
                } else {
                    ApprovalStatus::Pending
                },
                extensions: Vec::new(),
                on_behalf: n % 4 == 0,
                note: String::new(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            };
            if let (Some(issued), Some(end)) = (issued, approval.end()) {
                if (index + n) % 5 == 0 {
                    let granted = end.plus_days(-10).max(issued);
                    approval = extended(&approval, granted, end.plus_days(180), "");
                }
            }
            records.push(Record::Approval(approval));
        }
    }
}

fn ids_fallback(index: usize) -> RecordId {
    RecordId::from_random(index as u64)
}
