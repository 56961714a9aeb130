//! The draft checker end to end on short paragraphs in the bureau's style: its own checks (each
//! kind holding and failing), marks against the sample ledger, messages, offsets, and inputs
//! meant to break it.

use super::*;
use crate::model::Lang;

fn as_of() -> Date {
    match Date::new(2016, 10, 31) {
        Ok(date) => date,
        Err(error) => panic!("document date: {error}"),
    }
}

fn own(text: &str) -> Vec<OwnFinding> {
    check_draft(text, None, as_of()).own
}

/// The own findings as (check, holds, computed rounded to 2 places).
fn findings(text: &str) -> Vec<(OwnCheck, bool, String)> {
    own(text)
        .into_iter()
        .map(|f| {
            (
                f.check,
                f.holds,
                f.computed.round_dp(2).normalize().to_string(),
            )
        })
        .collect()
}

fn marks(text: &str) -> Vec<(String, Option<Mark>)> {
    let ledger = crate::sample::lucheng_for_tests();
    check_draft(text, Some(&ledger), as_of())
        .figures
        .into_iter()
        .map(|f| (f.text, f.mark))
        .collect()
}

fn mark_of(text: &str, figure: &str) -> Mark {
    marks(text)
        .into_iter()
        .find(|(t, _)| t == figure)
        .and_then(|(_, m)| m)
        .unwrap_or_else(|| panic!("{figure} not read in {text}"))
}

// ---------------------------------------------------------------------------------------------
// The draft against itself

#[test]
fn a_rate_after_its_two_counts_holds_or_says_what_it_should_be() {
    let holds = "今年安排重点建设项目120个,计划总投资50亿元,截至10月底已开工78个,开工率65%。";
    assert_eq!(findings(holds), vec![(OwnCheck::Rate, true, "65".into())]);
    let fails = "今年安排重点建设项目120个,截至10月底已开工78个,开工率70%。";
    let found = own(fails);
    assert_eq!(found.len(), 1);
    assert!(!found[0].holds);
    assert_eq!(found[0].label, "开工率");
    assert_eq!(
        found[0].message().render(Lang::Zh),
        "开工率应为65.0%(78个÷120个),文中为70%"
    );
    assert_eq!(
        found[0].message().render(Lang::En),
        "The rate \"开工率\" should be 65.0 % (78 个 ÷ 120 个); the text says 70 %"
    );
}

#[test]
fn a_rate_takes_the_count_of_its_own_action_as_numerator() {
    // 办结 ↔ 办结率; 受理 is the whole.
    let text = "今年共受理群众价格举报800件,办结760件,办结率95%。";
    assert_eq!(findings(text), vec![(OwnCheck::Rate, true, "95".into())]);
    let text = "今年共受理群众价格举报800件,办结760件,办结率97.5%。";
    assert_eq!(findings(text), vec![(OwnCheck::Rate, false, "95".into())]);
    // A rate with one count only is left alone.
    assert!(findings("2012年至今,共办结价格举报710件,办结率89.8%;").is_empty());
}

#[test]
fn a_share_of_the_plan_is_the_amount_done_over_the_plan_named_earlier() {
    let holds = "今年年度计划投资50亿元。1-10月完成投资41.3亿元,占年度计划的82.6%。";
    assert_eq!(
        findings(holds),
        vec![(OwnCheck::PlanShare, true, "82.6".into())]
    );
    let fails = "今年年度计划投资50亿元。1-10月完成投资41.3亿元,占年度计划的86%。";
    assert_eq!(
        findings(fails),
        vec![(OwnCheck::PlanShare, false, "82.6".into())]
    );
    // The plan in 万元, the amount done in 亿元: converted exactly.
    let units = "今年年度计划投资500000万元。1-10月完成投资41.3亿元,占年度计划的82.6%。";
    assert_eq!(
        findings(units),
        vec![(OwnCheck::PlanShare, true, "82.6".into())]
    );
}

#[test]
fn a_remainder_is_the_total_less_what_was_done() {
    let holds = "今年安排项目120个,已开工78个,未开工42个。";
    assert_eq!(
        findings(holds),
        vec![(OwnCheck::Remainder, true, "42".into())]
    );
    let fails = "今年安排项目120个,已开工78个,尚未开工40个。";
    let found = own(fails);
    assert_eq!(found.len(), 1);
    assert!(!found[0].holds);
    assert_eq!(
        found[0].message().render(Lang::Zh),
        "应为42个(120个−78个),文中为40个"
    );
}

#[test]
fn points_ahead_of_time_elapsed_are_the_share_less_the_months_gone_by() {
    // 10 of 12 months is 83.33 %: 90 − 83.33 = 6.67, written 6.7.
    let holds = "1-10月完成年度计划的90%,超过时间进度6.7个百分点。";
    let found = findings(holds);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(matches!(found[0].0, OwnCheck::TimeProgress { .. }) && found[0].1);
    assert_eq!(found[0].2, "6.67");
    let fails = "1-10月完成年度计划的90%,超过时间进度10个百分点。";
    let found = findings(fails);
    assert!(matches!(found[0].0, OwnCheck::TimeProgress { .. }) && !found[0].1);
    let behind = "今年1-9月完成年度计划的70%,落后时间进度5个百分点。";
    let found = findings(behind);
    assert!(found[0].1, "75 − 70 = 5: {found:?}");
}

#[test]
fn parts_under_其中_must_add_up_when_they_are_all_of_it() {
    let holds = "全年完成固定资产投资100亿元,其中政府投资60亿元,民间投资40亿元。";
    assert_eq!(
        findings(holds),
        vec![(OwnCheck::Parts { complete: true }, true, "100".into())]
    );
    let fails = "全年完成固定资产投资100亿元,其中政府投资60亿元,民间投资45亿元。";
    assert_eq!(
        findings(fails),
        vec![(OwnCheck::Parts { complete: true }, false, "105".into())]
    );
    // Parts in 万元 of a total in 亿元.
    let units = "完成投资1.2亿元,其中政府投资8000万元,民间投资4000万元。";
    assert_eq!(
        findings(units),
        vec![(OwnCheck::Parts { complete: true }, true, "1.2".into())]
    );
    // 其中 opening the next sentence takes the totals of the sentence before.
    let next = "全年完成固定资产投资100亿元。其中,政府投资60亿元,民间投资45亿元。";
    assert_eq!(
        findings(next),
        vec![(OwnCheck::Parts { complete: true }, false, "105".into())]
    );
}

#[test]
fn parts_followed_by_something_else_need_only_stay_within_their_total() {
    let within = "2016年安排重点建设项目97个,其中市重点项目21个,省重点项目8个,计划投资额60.2亿元。";
    assert_eq!(
        findings(within),
        vec![(OwnCheck::Parts { complete: false }, true, "29".into())]
    );
    let exceeds = "安排项目50个,其中省重点项目30个,市重点项目25个,计划投资20亿元。";
    let found = own(exceeds);
    assert_eq!(found.len(), 1);
    assert!(!found[0].holds);
    assert_eq!(
        found[0].message().render(Lang::Zh),
        "所列分项之和 55个(30 + 25)超过总数 50个"
    );
}

#[test]
fn the_seeds_approvals_list_more_projects_than_its_parts_but_the_right_investment() {
    let text = "2012年—今年10月,全区社会固定资产投资项目审批941个,总投资1338.71亿元,其中政府投资项目审批641个,总投资526.17亿元,民间投资项目备案250个,总投资742.3464亿元,民间投资项目核准23个,总投资70.2亿元。";
    assert_eq!(
        findings(text),
        vec![
            (OwnCheck::Parts { complete: true }, false, "914".into()),
            (OwnCheck::Parts { complete: true }, true, "1338.72".into()),
        ]
    );
    let messages: Vec<String> = own(text)
        .iter()
        .map(|f| f.message().render(Lang::En))
        .collect();
    assert_eq!(
        messages[0],
        "The parts add up to 914 个 (641 + 250 + 23), not to the total 941 个"
    );
}

// ---------------------------------------------------------------------------------------------
// Against the ledger

#[test]
fn a_figure_written_in_the_drafts_own_words_is_found_by_its_indicators_name() {
    let text = "2016年全区完成固定资产投资370亿元。";
    match mark_of(text, "370亿元") {
        Mark::Agrees(figure) => {
            assert_eq!(figure.name, "固定资产投资额");
            assert_eq!(figure.period, Period::Year(2016));
        }
        other => panic!("{other:?}"),
    }
    match mark_of("2016年全区完成固定资产投资380亿元。", "380亿元") {
        Mark::Differs(figure) => assert_eq!(figure.amount.to_string(), "370"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn units_convert_exactly_and_units_of_other_dimensions_never_match() {
    let mark = mark_of("2016年获得中央预算内投资补助0.83亿元。", "0.83亿元");
    assert!(matches!(mark, Mark::Agrees(_)), "{mark:?}");
    let mark = mark_of("2016年全区完成固定资产投资3700000万元。", "3700000万元");
    assert!(matches!(mark, Mark::Agrees(_)), "{mark:?}");
    let mark = mark_of("2016年全区完成固定资产投资370个。", "370个");
    assert_eq!(mark, Mark::NotInLedger);
}

#[test]
fn the_period_must_fit() {
    assert_eq!(
        mark_of("2015年全区完成固定资产投资370亿元。", "370亿元"),
        Mark::NotInLedger
    );
}

#[test]
fn a_figure_without_a_period_that_fits_several_years_is_ambiguous_unless_one_agrees() {
    match mark_of("安排重点建设项目40个。", "40个") {
        Mark::Ambiguous(candidates) => {
            assert!(candidates.len() >= 2);
            assert!(candidates.iter().all(|c| c.name == "安排重点建设项目"));
        }
        other => panic!("{other:?}"),
    }
    match mark_of("安排重点建设项目42个。", "42个") {
        Mark::Agrees(figure) => assert_eq!(figure.period, Period::Year(2012)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_count_named_by_its_own_words_is_not_taken_for_the_total_before_it() {
    let text = "今年安排重点建设项目120个,已开工78个。";
    assert!(matches!(mark_of(text, "120个"), Mark::Differs(_)));
    assert_eq!(mark_of(text, "78个"), Mark::NotInLedger);
}

#[test]
fn a_stated_growth_is_checked_against_the_ledgers_figures() {
    let text = "2016年,我区获得中央预算内投资补助8300万元,比去年增长90%。";
    match mark_of(text, "90%") {
        Mark::Relation(relation) => {
            assert!(!relation.agrees);
            let computed = relation.computed.map(|c| c.round_dp(1).to_string());
            assert_eq!(computed, Some("83.1".to_string()));
            assert_eq!(
                Mark::Relation(relation).message().render(Lang::En),
                "The ledger has 83.1 % (computed from its figures: 2016, 获中央预算内投资补助); the text says 90 %"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn marks_say_themselves_in_both_languages() {
    let text = "2016年全区完成固定资产投资370亿元,约527亿元。";
    let mark = mark_of(text, "370亿元");
    assert_eq!(
        mark.message().render(Lang::Zh),
        "与台账一致(2016年 固定资产投资额 370亿元)"
    );
    assert_eq!(
        mark.message().render(Lang::En),
        "Agrees with the ledger (2016, 固定资产投资额: 370 亿元)"
    );
    assert_eq!(mark.label_key(), "draft.mark.agrees");
    assert_eq!(
        Mark::NotInLedger.message().render(Lang::En),
        "The ledger does not hold this figure"
    );
    let about = check_draft("房地产投资约527亿元", None, as_of());
    assert_eq!(about.figures[0].message().render(Lang::En), "~527 亿元");
    assert_eq!(about.figures[0].message().render(Lang::Zh), "约527亿元");
}

// ---------------------------------------------------------------------------------------------
// Offsets, slices and hostile input

#[test]
fn a_paragraph_checked_alone_gives_offsets_into_the_whole_text() {
    let text = "第一段,没有数字。\n今年截至10月累计办结项目审批171件,召开项目联审会25次。";
    let ranges = paragraphs(text);
    assert_eq!(ranges.len(), 2);
    let check = check_paragraph(text, ranges[1].clone(), None, as_of());
    let texts: Vec<&str> = check
        .figures
        .iter()
        .map(|f| &text[f.start..f.end])
        .collect();
    assert_eq!(texts, vec!["171件", "25次"]);
    assert!(check.figures.iter().all(|f| f.text == text[f.start..f.end]));
    assert_eq!(
        check.figures[0].period,
        Some(Period::YearToDate {
            year: 2016,
            through_month: 10
        })
    );
    // A range off a char boundary or outside the text gives nothing, and no panic.
    assert!(check_paragraph(text, 1..5, None, as_of())
        .figures
        .is_empty());
    assert!(check_paragraph(text, 0..text.len() + 10, None, as_of())
        .figures
        .is_empty());
}

#[test]
fn the_whole_draft_is_its_paragraphs_in_order_with_own_findings_indexed_into_it() {
    let text = "安排项目120个,已开工78个,未开工42个。\n全年完成投资100亿元,其中政府投资60亿元,民间投资45亿元。";
    let check = check_draft(text, None, as_of());
    assert_eq!(check.figures.len(), 6);
    let parts = check
        .own
        .iter()
        .find(|f| matches!(f.check, OwnCheck::Parts { .. }))
        .expect("the parts finding");
    assert_eq!(check.figures[parts.stated.index].text, "100亿元");
    let inputs: Vec<&str> = parts
        .inputs
        .iter()
        .map(|i| check.figures[i.index].text.as_str())
        .collect();
    assert_eq!(inputs, vec!["60亿元", "45亿元"]);
    let tally = check.tally();
    assert_eq!((tally.own_holds, tally.own_fails), (1, 1));
}

/// Every figure's range lies on char boundaries inside the text and reads as its `text`.
fn assert_sound(text: &str, check: &DraftCheck) {
    for figure in &check.figures {
        assert!(figure.start <= figure.end && figure.end <= text.len());
        assert!(text.is_char_boundary(figure.start) && text.is_char_boundary(figure.end));
        assert_eq!(
            text.get(figure.start..figure.end),
            Some(figure.text.as_str())
        );
    }
    for finding in &check.own {
        assert!(finding.stated.index < check.figures.len());
        assert!(finding.inputs.iter().all(|i| i.index < check.figures.len()));
    }
}

#[test]
fn hostile_text_is_read_without_panic_and_huge_numbers_are_refused() {
    let ledger = crate::sample::lucheng_for_tests();
    let huge = format!(
        "完成投资{}亿元,其中{}万元。",
        "9".repeat(40),
        "1".repeat(10_000)
    );
    let inputs = [
        String::new(),
        "\u{0}\u{feff}\r\n\r\n".to_string(),
        huge,
        "《《《《“““".repeat(1000),
        "”》”》)))".repeat(1000),
        "🎉完成投资3亿元🎉,占计划的%%%,其中其中其中1个".to_string(),
        "第第第一一一分之分之翻翻番番".repeat(100),
        "一".repeat(5000),
        "亿".repeat(5000) + "元",
        "9-".repeat(3000),
        ",".repeat(3000) + "1,000,000,000,000,000,000,000,000,000,000个",
        "ﾊﾝｶｸ ١٢٣ 𝟙𝟚𝟛 ⅫⅫ 完成 ２,３４５．６７ 亿元 \u{202e}反向".to_string(),
        "截至截至截至2016年年年年月月月底底底至今以来".repeat(200),
        "近近近五五五年年年来来来".repeat(200),
        "“十一五”期间“十二五”时期“".repeat(200),
    ];
    for input in &inputs {
        for ledger in [None, Some(&ledger)] {
            let check = check_draft(input, ledger, as_of());
            assert_sound(input, &check);
        }
    }
    let check = check_draft(&inputs[2], None, as_of());
    assert!(check.figures.is_empty(), "{:?}", check.figures);
}

#[test]
fn the_first_n_batches_are_which_ones_not_how_many() {
    // "共发展三批53家…,并对前四批…进行复评": the three batches made are a figure, the first
    // four reviewed are a reference (earlier batches included).
    let text =
        "共发展三批53家“明码实价示范店”,并对前四批“明码实价示范店”进行复评,前3期简报已印发。";
    let read: Vec<String> = marks(text).into_iter().map(|(t, _)| t).collect();
    assert!(read.contains(&"三批".to_string()), "{read:?}");
    assert!(read.contains(&"53家".to_string()), "{read:?}");
    assert!(!read.iter().any(|t| t == "四批" || t == "3期"), "{read:?}");
    // A rank and a period that start with 前 are still read as they were.
    let read: Vec<String> = marks("全区前三季度完成投资282亿元,居全市前10名。")
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert!(read.contains(&"282亿元".to_string()), "{read:?}");
}
