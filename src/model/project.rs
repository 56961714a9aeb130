//! The project ledger's domain rules (issue 4, first slice): the national project code, the
//! status a project moves through, and the red / yellow / green judgement of its progress.
//! Pure functions, tested here; the project records, their file format and pages build on them.
//!
//! The project code (赋码) follows the 24-character layout of GB/T 40058:
//! `YYMM-RRRRRR-DD-TT-SSSSSC` — year and month of coding, the 6-digit administrative region,
//! a 2-digit department/industry code, a 2-digit project type, a 5-digit serial and one check
//! character. The check algorithm is not available offline, so the structure is validated and
//! the check character is reported as unverified. Codes of the 2015–2020 online platform, whose
//! first group is the 4-digit year (`2016-330302-48-01-000001`), are read as such, and older
//! free-form codes are accepted with a warning.

use super::period::Date;
use rust_decimal::Decimal;

/// The default classes, levels of the ledger (the user can add classes: every class a project
/// uses is offered too).
pub const DEFAULT_CLASSES: [&str; 6] = [
    "重点建设",
    "重大前期",
    "政府投资",
    "服务业",
    "PPP",
    "城市有机更新",
];
pub const LEVELS: [&str; 3] = ["省重点", "市重点", "区重点"];

/// A structurally valid national project code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectCode {
    pub year: i32,
    pub month: u32,
    pub region: String,
    pub department: String,
    pub project_type: String,
    pub serial: String,
    pub check: char,
}

/// What reading a code found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeReading {
    /// The GB/T 40058 layout; the check character is not verified.
    National(ProjectCode),
    /// The 2015–2020 platform's layout: 4-digit year, region, department, type, 6-digit serial.
    Platform2015 {
        year: i32,
        region: String,
        department: String,
        project_type: String,
        serial: String,
    },
    /// An older, free-form code: kept as typed, with a warning.
    FreeForm(String),
}

/// What is wrong with a code that is not a project code; each has a message in both
/// languages (`code_problem.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CodeProblem {
    #[error("too short for a project code")]
    TooShort,
    #[error("a national code has 24 characters in five groups: YYMM-RRRRRR-DD-TT-SSSSSC")]
    Layout,
    #[error("the groups must have 4, 6, 2, 2 and 6 characters")]
    GroupSizes,
    #[error("only the last character may be other than a digit")]
    NotDigits,
    #[error("the check character is a digit or a capital letter")]
    CheckCharacter,
    #[error("the region code does not start with a province code (11–82)")]
    Region,
    #[error("the month of coding is not 01–12")]
    Month,
    #[error("the old platform's serial has 6 digits")]
    OldSerial,
}

impl CodeProblem {
    /// The message key of the problem's text.
    pub fn message_key(self) -> &'static str {
        match self {
            CodeProblem::TooShort => "code_problem.too_short",
            CodeProblem::Layout => "code_problem.layout",
            CodeProblem::GroupSizes => "code_problem.group_sizes",
            CodeProblem::NotDigits => "code_problem.not_digits",
            CodeProblem::CheckCharacter => "code_problem.check_character",
            CodeProblem::Region => "code_problem.region",
            CodeProblem::Month => "code_problem.month",
            CodeProblem::OldSerial => "code_problem.old_serial",
        }
    }
}

/// A code that example texts (the form's placeholder) show: the national layout of GB/T 40058,
/// for Lucheng District (330302). [`read_project_code`] reads it as a national code.
pub const EXAMPLE_PROJECT_CODE: &str = "2106-330302-04-01-00001X";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("the project code is empty")]
    Empty,
    #[error("'{code}': {problem}")]
    Malformed { code: String, problem: CodeProblem },
}

/// Reads a project code. A code that looks like the national layout (24 characters, four
/// dashes) must be one exactly; anything else of at least 4 characters is an older free-form
/// code.
pub fn read_project_code(input: &str) -> Result<CodeReading, CodeError> {
    let code: String = input
        .trim()
        .chars()
        .map(|c| if c == '—' || c == '－' { '-' } else { c })
        .collect();
    if code.is_empty() {
        return Err(CodeError::Empty);
    }
    let malformed = |problem| CodeError::Malformed {
        code: code.clone(),
        problem,
    };
    let groups: Vec<&str> = code.split('-').collect();
    let looks_national = groups.len() == 5 || code.chars().count() == 24;
    if !looks_national {
        return if code.chars().count() >= 4 {
            Ok(CodeReading::FreeForm(code))
        } else {
            Err(malformed(CodeProblem::TooShort))
        };
    }
    if code.chars().count() != 24 || groups.len() != 5 {
        return Err(malformed(CodeProblem::Layout));
    }
    let sizes = [4, 6, 2, 2, 6];
    for (group, size) in groups.iter().zip(sizes) {
        if group.len() != size {
            return Err(malformed(CodeProblem::GroupSizes));
        }
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !groups[..4].iter().all(|g| digits(g)) || !digits(&groups[4][..5]) {
        return Err(malformed(CodeProblem::NotDigits));
    }
    let check = groups[4]
        .chars()
        .last()
        .ok_or_else(|| malformed(CodeProblem::CheckCharacter))?;
    if !(check.is_ascii_digit() || check.is_ascii_uppercase()) {
        return Err(malformed(CodeProblem::CheckCharacter));
    }
    let province: u32 = groups[1][..2]
        .parse()
        .map_err(|_| malformed(CodeProblem::Region))?;
    if !(11..=82).contains(&province) {
        return Err(malformed(CodeProblem::Region));
    }
    let year = 2000
        + groups[0][..2]
            .parse::<i32>()
            .map_err(|_| malformed(CodeProblem::Month))?;
    let month: u32 = groups[0][2..]
        .parse()
        .map_err(|_| malformed(CodeProblem::Month))?;
    // "2015"…"2020" cannot be a month of coding (15…20): they are the old platform's years.
    if year == 2020 && (15..=20).contains(&month) {
        if !digits(groups[4]) {
            return Err(malformed(CodeProblem::OldSerial));
        }
        return Ok(CodeReading::Platform2015 {
            year: 2000 + month as i32,
            region: groups[1].to_string(),
            department: groups[2].to_string(),
            project_type: groups[3].to_string(),
            serial: groups[4].to_string(),
        });
    }
    if !(1..=12).contains(&month) {
        return Err(malformed(CodeProblem::Month));
    }
    Ok(CodeReading::National(ProjectCode {
        year,
        month,
        region: groups[1].to_string(),
        department: groups[2].to_string(),
        project_type: groups[3].to_string(),
        serial: groups[4][..5].to_string(),
        check,
    }))
}

/// An amount of money as typed for a project field, in 万元: a plain number is 万元; "22.5亿"
/// or "22.5亿元" is converted exactly (×10000), "元" likewise (÷10000). Any other unit comes
/// back as the error, for a message naming it.
pub fn money_in_wan(input: &super::amount::AmountInput) -> Result<super::amount::Amount, String> {
    let factor = match input.unit.as_deref() {
        None | Some("万") | Some("万元") => Decimal::ONE,
        Some("亿") | Some("亿元") => Decimal::from(10_000),
        Some("元") => Decimal::new(1, 4),
        Some(other) => return Err(other.to_string()),
    };
    Ok(super::amount::Amount(input.amount.0 * factor))
}

/// Where a project stands (前期 / 新开工 / 续建 / 竣工 / 建成投用).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProjectStatus {
    Preliminary,
    NewlyStarted,
    Continuing,
    Completed,
    InService,
}

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 5] = [
        ProjectStatus::Preliminary,
        ProjectStatus::NewlyStarted,
        ProjectStatus::Continuing,
        ProjectStatus::Completed,
        ProjectStatus::InService,
    ];

    /// The status's name in files.
    pub fn code(self) -> &'static str {
        match self {
            ProjectStatus::Preliminary => "preliminary",
            ProjectStatus::NewlyStarted => "newly_started",
            ProjectStatus::Continuing => "continuing",
            ProjectStatus::Completed => "completed",
            ProjectStatus::InService => "in_service",
        }
    }

    pub fn from_code(code: &str) -> Option<ProjectStatus> {
        ProjectStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ProjectStatus::Preliminary => "前期",
            ProjectStatus::NewlyStarted => "新开工",
            ProjectStatus::Continuing => "续建",
            ProjectStatus::Completed => "竣工",
            ProjectStatus::InService => "建成投用",
        }
    }

    /// The statuses a project may move to from this one: forward through the life cycle, one
    /// step back to correct a mistake, and a new start may be a continuing one next year.
    pub fn allowed_next(self) -> &'static [ProjectStatus] {
        use ProjectStatus::*;
        match self {
            Preliminary => &[NewlyStarted],
            NewlyStarted => &[Preliminary, Continuing, Completed],
            Continuing => &[NewlyStarted, Completed],
            Completed => &[Continuing, InService],
            InService => &[Completed],
        }
    }

    pub fn can_move_to(self, next: ProjectStatus) -> bool {
        self == next || self.allowed_next().contains(&next)
    }

    pub fn is_finished(self) -> bool {
        matches!(self, ProjectStatus::Completed | ProjectStatus::InService)
    }
}

/// The stages a major pre-project (重大前期) passes before construction: 立项 → 可研 → 初设 → 开工.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MilestoneStage {
    Approval,
    Feasibility,
    PreliminaryDesign,
    Start,
}

impl MilestoneStage {
    pub const ALL: [MilestoneStage; 4] = [
        MilestoneStage::Approval,
        MilestoneStage::Feasibility,
        MilestoneStage::PreliminaryDesign,
        MilestoneStage::Start,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MilestoneStage::Approval => "approval",
            MilestoneStage::Feasibility => "feasibility",
            MilestoneStage::PreliminaryDesign => "preliminary_design",
            MilestoneStage::Start => "start",
        }
    }

    pub fn from_code(code: &str) -> Option<MilestoneStage> {
        MilestoneStage::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Where a supervision item (督办事项) stands: open → rectified (整改完成, awaiting review) →
/// closed (销号).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum SupervisionStatus {
    #[default]
    Open,
    Rectified,
    Closed,
}

impl SupervisionStatus {
    pub const ALL: [SupervisionStatus; 3] = [
        SupervisionStatus::Open,
        SupervisionStatus::Rectified,
        SupervisionStatus::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SupervisionStatus::Open => "open",
            SupervisionStatus::Rectified => "rectified",
            SupervisionStatus::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<SupervisionStatus> {
        SupervisionStatus::ALL
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// Red, yellow or green.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Light {
    Green,
    Yellow,
    Red,
}

/// Why a project got its light (each reason is shown to the user).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LightReason {
    /// Past its planned completion and not finished.
    Overdue,
    /// Investment completed this year is below `percent` of what the plan expects by now.
    BehindPlan { percent: Decimal },
    /// No monthly report for this many of the latest months.
    MissingReports { months: u32 },
    /// Planned to complete within three months but not yet under construction.
    LateStart,
}

/// What the judgement reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressFacts {
    pub status: ProjectStatus,
    pub planned_completion: Option<Date>,
    /// This year's planned investment.
    pub annual_plan: Option<Decimal>,
    /// Investment completed this year up to `as_of`.
    pub completed_this_year: Decimal,
    /// The month the judgement is for (its end is "today").
    pub as_of: Date,
    /// How many months in a row, back from the month reports are due for, the project owes a
    /// report and has none (`calc::projects::missing_report_run`: the same rule as the list of
    /// missing reports, so a light and that list always agree).
    pub missing_reports: u32,
}

/// The rules, in order (the worst light wins; every reason that applies is returned):
/// 1. Red if past the planned completion date and not 竣工/建成投用.
/// 2. Red if this year's completed investment is below 60 % of the plan's pro-rata share by
///    the month (plan × month / 12); yellow if below 90 %.
/// 3. Red if the reports owed for the two latest due months are both missing; yellow if only
///    the latest due month's is. (Only a project under construction owes reports.)
/// 4. Yellow if planned to complete within three months while still 前期 or 新开工.
pub fn judge_progress(facts: &ProgressFacts) -> (Light, Vec<LightReason>) {
    let mut reasons = Vec::new();
    let mut light = Light::Green;
    let mut raise = |l: Light, reason: LightReason, reasons: &mut Vec<LightReason>| {
        light = light.max(l);
        reasons.push(reason);
    };
    if let Some(deadline) = facts.planned_completion {
        if facts.as_of > deadline && !facts.status.is_finished() {
            raise(Light::Red, LightReason::Overdue, &mut reasons);
        }
        let months_left = (deadline.year - facts.as_of.year) * 12 + deadline.month as i32
            - facts.as_of.month as i32;
        if (0..=3).contains(&months_left)
            && matches!(
                facts.status,
                ProjectStatus::Preliminary | ProjectStatus::NewlyStarted
            )
        {
            raise(Light::Yellow, LightReason::LateStart, &mut reasons);
        }
    }
    if let Some(plan) = facts.annual_plan.filter(|p| *p > Decimal::ZERO) {
        if !facts.status.is_finished() && facts.status != ProjectStatus::Preliminary {
            let expected = plan * Decimal::from(facts.as_of.month) / Decimal::from(12);
            let percent = (facts.completed_this_year / expected * Decimal::ONE_HUNDRED).round_dp(1);
            if percent < Decimal::from(60) {
                raise(
                    Light::Red,
                    LightReason::BehindPlan { percent },
                    &mut reasons,
                );
            } else if percent < Decimal::from(90) {
                raise(
                    Light::Yellow,
                    LightReason::BehindPlan { percent },
                    &mut reasons,
                );
            }
        }
    }
    if !facts.status.is_finished() && facts.status != ProjectStatus::Preliminary {
        let missing = facts.missing_reports;
        if missing >= 2 {
            raise(
                Light::Red,
                LightReason::MissingReports { months: missing },
                &mut reasons,
            );
        } else if missing == 1 {
            raise(
                Light::Yellow,
                LightReason::MissingReports { months: 1 },
                &mut reasons,
            );
        }
    }
    (light, reasons)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).expect("date")
    }

    #[test]
    fn money_is_read_in_wan_yuan_whatever_unit_is_typed() {
        let wan = |text: &str| {
            money_in_wan(&crate::model::parse_amount_input(text).expect("amount"))
                .map(|a| a.canonical())
        };
        assert_eq!(wan("225000").as_deref(), Ok("225000"));
        assert_eq!(wan("22.5亿").as_deref(), Ok("225000"));
        assert_eq!(wan("22.5亿元").as_deref(), Ok("225000"));
        assert_eq!(wan("3000万元").as_deref(), Ok("3000"));
        assert_eq!(wan("50000元").as_deref(), Ok("5"));
        assert_eq!(wan("12个"), Err("个".to_string()));
    }

    #[test]
    fn the_example_code_shown_in_the_form_is_a_national_code() {
        assert!(matches!(
            read_project_code(EXAMPLE_PROJECT_CODE),
            Ok(CodeReading::National(_))
        ));
    }

    #[test]
    fn a_national_code_is_read_into_its_segments_with_the_check_unverified() {
        let CodeReading::National(code) =
            read_project_code("1606-330302-48-01-00001X").expect("valid")
        else {
            panic!("expected the national layout");
        };
        assert_eq!((code.year, code.month), (2016, 6));
        assert_eq!(code.region, "330302");
        assert_eq!(code.department, "48");
        assert_eq!(code.project_type, "01");
        assert_eq!(code.serial, "00001");
        assert_eq!(code.check, 'X');
    }

    #[test]
    fn codes_of_the_2015_platform_read_with_their_year() {
        assert_eq!(
            read_project_code("2016-330302-48-01-000001"),
            Ok(CodeReading::Platform2015 {
                year: 2016,
                region: "330302".to_string(),
                department: "48".to_string(),
                project_type: "01".to_string(),
                serial: "000001".to_string(),
            })
        );
        // "2012" is December 2020 in the standard's layout, not an old-platform year.
        assert!(matches!(
            read_project_code("2012-330302-48-01-00001X"),
            Ok(CodeReading::National(_))
        ));
    }

    #[test]
    fn malformed_national_codes_say_what_is_wrong() {
        for bad in [
            "1613-330302-48-01-000012",
            "1606-990302-48-01-000012",
            "1606-330302-48-01-00001x",
            "1606-330302-4A-01-000012",
            "1606-330302-48-01-0000123",
            "16063-30302-48-01-000012",
        ] {
            assert!(
                matches!(read_project_code(bad), Err(CodeError::Malformed { .. })),
                "{bad}"
            );
        }
        assert_eq!(read_project_code("  "), Err(CodeError::Empty));
    }

    #[test]
    fn older_free_form_codes_are_kept_as_typed() {
        assert_eq!(
            read_project_code("鹿发改投〔2014〕12号"),
            Ok(CodeReading::FreeForm("鹿发改投〔2014〕12号".to_string()))
        );
        assert!(read_project_code("A1").is_err());
    }

    #[test]
    fn statuses_move_forward_and_one_step_back_only() {
        use ProjectStatus::*;
        assert!(Preliminary.can_move_to(NewlyStarted));
        assert!(!Preliminary.can_move_to(Completed));
        assert!(NewlyStarted.can_move_to(Continuing));
        assert!(Continuing.can_move_to(Completed));
        assert!(Completed.can_move_to(InService));
        assert!(!InService.can_move_to(Preliminary));
        assert!(Continuing.can_move_to(Continuing));
    }

    fn facts() -> ProgressFacts {
        ProgressFacts {
            status: ProjectStatus::Continuing,
            planned_completion: Some(date(2017, 12, 31)),
            annual_plan: Some(Decimal::from(12_000)),
            completed_this_year: Decimal::from(9_000),
            as_of: date(2016, 10, 31),
            missing_reports: 0,
        }
    }

    #[test]
    fn a_project_on_plan_with_its_reports_is_green() {
        // Expected by October: 12000 × 10/12 = 10000; 9000 is 90 %.
        assert_eq!(judge_progress(&facts()), (Light::Green, vec![]));
    }

    #[test]
    fn falling_behind_the_pro_rata_plan_is_yellow_then_red() {
        let mut f = facts();
        f.completed_this_year = Decimal::from(8_000);
        let (light, reasons) = judge_progress(&f);
        assert_eq!(light, Light::Yellow);
        assert_eq!(
            reasons,
            vec![LightReason::BehindPlan {
                percent: Decimal::from(80)
            }]
        );
        f.completed_this_year = Decimal::from(5_000);
        assert_eq!(judge_progress(&f).0, Light::Red);
    }

    #[test]
    fn missing_reports_are_yellow_for_one_month_and_red_for_two() {
        let mut f = facts();
        f.missing_reports = 1;
        assert_eq!(
            judge_progress(&f),
            (
                Light::Yellow,
                vec![LightReason::MissingReports { months: 1 }]
            )
        );
        f.missing_reports = 2;
        assert_eq!(judge_progress(&f).0, Light::Red);
        f.missing_reports = 7;
        assert_eq!(
            judge_progress(&f).1,
            vec![LightReason::MissingReports { months: 7 }]
        );
    }

    #[test]
    fn an_unfinished_project_past_its_deadline_is_red_and_a_finished_one_is_not() {
        let mut f = facts();
        f.planned_completion = Some(date(2016, 6, 30));
        assert!(judge_progress(&f).1.contains(&LightReason::Overdue));
        assert_eq!(judge_progress(&f).0, Light::Red);
        f.status = ProjectStatus::Completed;
        assert_eq!(judge_progress(&f), (Light::Green, vec![]));
    }

    #[test]
    fn due_within_three_months_but_not_yet_built_is_yellow() {
        let mut f = facts();
        f.status = ProjectStatus::Preliminary;
        f.planned_completion = Some(date(2017, 1, 31));
        assert_eq!(
            judge_progress(&f),
            (Light::Yellow, vec![LightReason::LateStart])
        );
    }
}
