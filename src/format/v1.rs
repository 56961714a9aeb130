//! The serde shapes of format version 1 — the file's own types, kept apart from the domain
//! model. Text fields hold what the file says (amounts and periods as strings) so that
//! validation can report every problem with its JSON path instead of failing on the first.
//! Unknown keys are kept in `extra` and written back.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeMap;

pub const FORMAT_VERSION: u32 = 1;
pub const TYPE_TAG: &str = "taizhang";

fn is_false(value: &bool) -> bool {
    !*value
}

/// Accepts an amount written as a JSON string (canonical) or, leniently, as a JSON number.
fn string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Json::deserialize(deserializer)? {
        Json::String(text) => Ok(text),
        Json::Number(number) => Ok(number.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected an amount as a decimal string, found {other}"
        ))),
    }
}

fn optional_string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    match Json::deserialize(deserializer)? {
        Json::Null => Ok(None),
        Json::String(text) => Ok(Some(text)),
        Json::Number(number) => Ok(Some(number.to_string())),
        other => Err(serde::de::Error::custom(format!(
            "expected an amount as a decimal string, found {other}"
        ))),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StampV1 {
    pub device: String,
    pub counter: u64,
    pub at: String,
    /// Who made the change (added to format 1 as an optional key).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileV1 {
    #[serde(rename = "type")]
    pub type_tag: String,
    pub format_version: u32,
    #[serde(default)]
    pub app_version: String,
    pub dataset: DatasetMetaV1,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export: Option<ExportV1>,
    #[serde(default)]
    pub areas: Vec<AreaV1>,
    #[serde(default)]
    pub units: Vec<UnitV1>,
    #[serde(default)]
    pub indicators: Vec<IndicatorV1>,
    #[serde(default)]
    pub values: Vec<ValueV1>,
    #[serde(default)]
    pub relations: Vec<RelationV1>,
    #[serde(default)]
    pub tombstones: Vec<TombstoneV1>,
    /// The project ledger (added to format 1 as an optional collection: older readers keep it
    /// as an unknown key).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectV1>,
    /// Monthly progress reports of projects (optional, like `projects`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub progress_reports: Vec<ProgressReportV1>,
    /// Supervision items raised on projects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supervision_items: Vec<SupervisionItemV1>,
    /// Dated notices linked to projects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bulletins: Vec<BulletinV1>,
    /// Work summaries (工作总结) kept in the ledger: headings, prose and bound figures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summaries: Vec<SummaryV1>,
    /// Joint review meetings (联审会) with the projects discussed and the decisions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<MeetingV1>,
    /// The approvals register (审批): each project's approvals with dates and validity.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<ApprovalV1>,
    /// Expiry reminders given to owners (到期提醒).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reminders: Vec<ReminderV1>,
    /// The bureau's own boundary map for the project map, loaded by the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basemap: Option<BasemapV1>,
    /// `"sha256:<hex>"` of the file's canonical compact serialization without this key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checksum: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetMetaV1 {
    pub id: String,
    pub name: String,
    pub document_date: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub sample: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lineage: Vec<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportV1 {
    pub id: String,
    pub exported_at: String,
    #[serde(default)]
    pub exported_by: String,
    #[serde(default)]
    pub derived_from: Vec<String>,
}

/// Bookkeeping every record carries after its own fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BookkeepingV1 {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub stamps: BTreeMap<String, StampV1>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub updated_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaV1 {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub order: i64,
    /// Period columns added to the area's table (period codes), optional.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitV1 {
    pub id: String,
    pub symbol: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub dimension: String,
    #[serde(
        default,
        deserialize_with = "optional_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub factor: Option<String>,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetV1 {
    pub period: String,
    #[serde(deserialize_with = "string_or_number")]
    pub amount: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorV1 {
    pub id: String,
    pub area: String,
    pub name: String,
    #[serde(default)]
    pub name_en: String,
    pub unit: String,
    #[serde(default = "default_kind")]
    pub kind: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub scope_note: String,
    #[serde(default)]
    pub order: i64,
    #[serde(default)]
    pub targets: Vec<TargetV1>,
    /// The approvals register's count the indicator states (`approvals_done`,
    /// `joint_meetings`, `reminded_owners`, `extension_owners`, `proxy_filings`), if it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted: Option<String>,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

fn default_kind() -> String {
    "flow".to_string()
}

fn default_qualifier() -> String {
    "exact".to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueV1 {
    pub id: String,
    pub indicator: String,
    pub period: String,
    #[serde(deserialize_with = "string_or_number")]
    pub amount: String,
    #[serde(default = "default_qualifier")]
    pub qualifier: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub scope_note: String,
    #[serde(default)]
    pub note: String,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueRefV1 {
    pub indicator: String,
    pub period: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationV1 {
    pub id: String,
    pub kind: String,
    pub subject: ValueRefV1,
    #[serde(default)]
    pub base: Vec<ValueRefV1>,
    #[serde(
        default,
        deserialize_with = "optional_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub stated_pct: Option<String>,
    #[serde(default)]
    pub complete: bool,
    #[serde(default = "default_qualifier")]
    pub qualifier: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TombstoneV1 {
    pub id: String,
    pub record_type: String,
    pub deleted: StampV1,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectV1 {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub class: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub level: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub section: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub entered_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub street: String,
    /// `[longitude, latitude]` as decimal strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<[String; 2]>,
    /// 万元, a decimal string.
    #[serde(
        default,
        deserialize_with = "optional_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_investment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_completion: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subprojects: Option<u32>,
    /// Planned investment per year, 万元: `{"2016": "12000"}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annual_plans: BTreeMap<String, String>,
    /// Actual completion date (竣工), ISO.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<String>,
    /// Pre-project milestones: stage code (`approval`, `feasibility`, `preliminary_design`,
    /// `start`) → ISO date.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub milestones: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgressReportV1 {
    pub id: String,
    pub project: String,
    /// `"2016-10"`.
    pub month: String,
    /// 万元, decimal strings.
    #[serde(
        default,
        deserialize_with = "optional_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub invested_month: Option<String>,
    #[serde(
        default,
        deserialize_with = "optional_string_or_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub invested_cumulative: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub progress: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub problems: String,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

fn default_supervision_status() -> String {
    "open".to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupervisionItemV1 {
    pub id: String,
    pub project: String,
    pub problem: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub responsible: String,
    /// ISO date.
    pub raised: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// `open`, `rectified` or `closed`.
    #[serde(default = "default_supervision_status")]
    pub status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rectification: String,
    /// Id of the joint review meeting that raised it, if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

/// A work summary: a title and blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryV1 {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub blocks: Vec<BlockV1>,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

/// One block of a summary: `{"heading": {…}}`, `{"paragraph": […]}` or `{"figures": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockV1 {
    Heading {
        level: u8,
        #[serde(default)]
        number: String,
        text: String,
    },
    Paragraph(Vec<InlineV1>),
    Figures {
        indicator: String,
    },
}

/// A piece of a paragraph: `{"text": "…"}` or a token (`{"figure": {…}}`, `{"growth": …}`,
/// `{"cagr": …}`, `{"cumulative": …}`), periods as `PERIOD` codes, years as integers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InlineV1 {
    Text(String),
    Figure {
        indicator: String,
        period: String,
    },
    Growth {
        indicator: String,
        from: String,
        to: String,
    },
    Cagr {
        indicator: String,
        from: i32,
        to: i32,
    },
    Cumulative {
        indicator: String,
        from: i32,
        to: i32,
    },
    Share {
        indicator: String,
        period: String,
        whole: String,
        whole_period: String,
    },
    Rank {
        indicator: String,
        period: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulletinV1 {
    pub id: String,
    /// ISO date.
    pub date: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    /// Ids of the projects the notice concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<String>,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

/// A boundary map: a name and a GeoJSON object (kept as the user loaded it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BasemapV1 {
    pub name: String,
    pub geojson: Json,
}

/// One approval of a project. Dates are ISO; `validity_months` or `valid_until` (at most one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApprovalV1 {
    pub id: String,
    pub project: String,
    /// `filing` (备案), `verification` (核准) or `review` (审批).
    pub procedure: String,
    /// What is approved: 立项, 可研, 环评 …
    pub item: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    pub applied: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document_no: String,
    /// Signed, so a file giving zero or fewer months reads and is refused at this field (a
    /// message at its path, the rest of the file kept) rather than failing to read at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_months: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// `pending` (在办), `done` (办结), `extended` (延期) or `lapsed` (失效).
    pub status: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<ExtensionV1>,
    /// Handled by the bureau on the owner's behalf (代办).
    #[serde(default, skip_serializing_if = "is_false")]
    pub on_behalf: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

/// An extension: granted on a day, valid to a new end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtensionV1 {
    pub granted: String,
    pub until: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A reminder given about an approval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReminderV1 {
    pub id: String,
    pub approval: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

/// A joint review meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingV1 {
    pub id: String,
    pub date: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<MeetingItemV1>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(flatten)]
    pub bookkeeping: BookkeepingV1,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Json>,
}

/// A project discussed at a meeting and what was decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingItemV1 {
    pub project: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decision: String,
}
