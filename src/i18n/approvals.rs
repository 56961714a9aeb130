//! Texts and messages of the approvals register (审批), expiry reminders (到期提醒) and joint
//! review meetings (联审会).

use super::Table;

/// UI strings: key, Chinese, English.
pub(super) const UI: Table = &[
    ("collection.meetings", "联审会", "Joint review meetings"),
    ("collection.approvals", "审批事项", "Approvals"),
    ("collection.reminders", "到期提醒", "Expiry reminders"),
    ("procedure.filing", "备案", "Filing"),
    ("procedure.verification", "核准", "Verification"),
    ("procedure.review", "审批", "Review"),
    ("approval_status.pending", "在办", "In progress"),
    ("approval_status.done", "办结", "Issued"),
    ("approval_status.extended", "延期", "Extended"),
    ("approval_status.lapsed", "失效", "Lapsed"),
    (
        "counted.approvals_done",
        "办结项目审批件数",
        "Approvals issued",
    ),
    (
        "counted.joint_meetings",
        "召开联审会次数",
        "Joint review meetings held",
    ),
    (
        "counted.reminded_owners",
        "提供到期提醒的企业单位数",
        "Owners reminded of an expiry",
    ),
    (
        "counted.extension_owners",
        "办理延期手续的单位数",
        "Owners granted an extension",
    ),
    (
        "counted.proxy_filings",
        "代为办理备案申报数",
        "Filings made on an owner's behalf",
    ),
];

/// Message templates: key, Chinese, English.
pub(super) const MESSAGES: Table = &[
    ("edit.approval_item_empty", "请填写审批事项(如立项、可研、环评)", "Name the approval item (e.g. project establishment, feasibility study, environmental assessment)"),
    ("edit.approval_issued_before_applied", "批复日期不能早于申请日期", "The day issued cannot be before the day applied"),
    ("edit.approval_validity_months", "有效期应至少为 1 个月", "A validity must be at least one month"),
    ("edit.approval_validity_before_issued", "有效期截止日不能早于批复日期", "A validity cannot end before the day issued"),
    ("edit.approval_validity_both", "有效期只能填月数或截止日其中之一", "Give the validity either in months or as an end date, not both"),
    ("edit.approval_status_needs_issued", "办结或延期的审批须填写批复日期", "An issued or extended approval needs the day it was issued"),
    ("edit.approval_extended_needs_extension", "状态为延期的审批须记录延期", "An approval marked extended needs an extension"),
    ("edit.approval_extension_not_issued", "只有已批复的审批才能延期", "Only an issued approval can be extended"),
    ("edit.approval_extension_without_validity", "没有有效期的审批不能延期", "An approval without a validity cannot be extended"),
    ("edit.approval_extension_before_issued", "延期日期不能早于批复日期", "An extension cannot be granted before the day issued"),
    ("edit.approval_extension_not_later", "延期后的截止日须晚于当前截止日", "An extension must end later than the current end"),
];
