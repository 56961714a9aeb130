//! The consistency checks (`calc::checks`): every relation kind holding and failing, the
//! tolerance a stated figure's precision and qualifier give, units, the range rules and what
//! cannot be checked — on small ledgers written as files, so each case reads like the bureau's
//! own sentence.

use serde_json::json;
use taizhang::calc::checks::{check_all, Check, CheckOptions, Finding, Measure, Missing, Severity};
use taizhang::format::read_file;
use taizhang::model::{Dataset, Lang};

/// A ledger with the given values (`[indicator, unit, period, amount, qualifier]`) and
/// relations (JSON objects without the id).
fn ledger(values: &[(&str, &str, &str, &str, &str)], relations: &[serde_json::Value]) -> Dataset {
    let mut indicators = Vec::new();
    for (indicator, unit, ..) in values {
        if !indicators
            .iter()
            .any(|i: &serde_json::Value| i["id"] == *indicator)
        {
            indicators.push(json!({
                "id": indicator, "area": "area-a", "name": indicator.trim_start_matches("ind-"),
                "unit": unit, "kind": "flow", "order": indicators.len() + 1, "targets": []
            }));
        }
    }
    let values: Vec<serde_json::Value> = values
        .iter()
        .enumerate()
        .map(|(n, (indicator, _, period, amount, qualifier))| {
            json!({"id": format!("val-{n}"), "indicator": indicator, "period": period,
                   "amount": amount, "qualifier": qualifier, "source": "", "scope_note": "", "note": ""})
        })
        .collect();
    let relations: Vec<serde_json::Value> = relations
        .iter()
        .enumerate()
        .map(|(n, r)| {
            let mut r = r.clone();
            r["id"] = json!(format!("rel-{n}"));
            for (key, default) in [
                ("complete", json!(false)),
                ("qualifier", json!("exact")),
                ("source", json!("")),
                ("note", json!("")),
                ("base", json!([])),
            ] {
                if r.get(key).is_none() {
                    r[key] = default;
                }
            }
            r
        })
        .collect();
    let file = json!({
        "type": "taizhang", "format_version": 1, "app_version": "test",
        "dataset": {"id": "ds-test", "name": "test", "document_date": "2016-10-31"},
        "areas": [{"id": "area-a", "name": "甲", "order": 1}],
        "units": [
            {"id": "unit-yi", "symbol": "亿元", "name_en": "100 million yuan", "dimension": "money", "factor": "100000000"},
            {"id": "unit-wan", "symbol": "万元", "name_en": "10 thousand yuan", "dimension": "money", "factor": "10000"},
            {"id": "unit-ge", "symbol": "个", "name_en": "count", "dimension": "count"},
            {"id": "unit-xiang", "symbol": "项", "name_en": "items", "dimension": "count"},
            {"id": "unit-pct", "symbol": "%", "name_en": "percent", "dimension": "percent"}
        ],
        "indicators": indicators, "values": values, "relations": relations, "tombstones": []
    });
    let loaded = read_file(&file.to_string()).expect("test ledger reads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.dataset
}

fn at(indicator: &str, period: &str) -> serde_json::Value {
    json!({"indicator": indicator, "period": period})
}

/// The findings of the ledger's relations (the range rules left out).
fn relation_findings(dataset: &Dataset) -> Vec<Finding> {
    check_all(dataset, &CheckOptions::default())
        .into_iter()
        .filter(|f| f.relation().is_some())
        .collect()
}

fn only(dataset: &Dataset) -> Finding {
    let mut findings = relation_findings(dataset);
    assert_eq!(findings.len(), 1, "{findings:#?}");
    findings.remove(0)
}

fn s(d: Option<rust_decimal::Decimal>) -> String {
    d.map(|d| d.normalize().to_string()).unwrap_or_default()
}

#[test]
fn a_total_agrees_with_its_parts_at_the_precision_they_were_written_with() {
    // "总投资1338.71亿元,其中…526.17亿元,…742.3464亿元,…70.2亿元": 1338.7164.
    let values = [
        (
            "ind-total",
            "unit-yi",
            "2012-01..2016-10",
            "1338.71",
            "exact",
        ),
        ("ind-gov", "unit-yi", "2012-01..2016-10", "526.17", "exact"),
        (
            "ind-private",
            "unit-yi",
            "2012-01..2016-10",
            "742.3464",
            "exact",
        ),
        (
            "ind-approved",
            "unit-yi",
            "2012-01..2016-10",
            "70.2",
            "exact",
        ),
    ];
    let relation = json!({"kind": "parts_of", "complete": true,
        "subject": at("ind-total", "2012-01..2016-10"),
        "base": [at("ind-gov", "2012-01..2016-10"), at("ind-private", "2012-01..2016-10"), at("ind-approved", "2012-01..2016-10")]});
    let finding = only(&ledger(&values, std::slice::from_ref(&relation)));
    assert_eq!(finding.severity, Severity::Confirmed);
    assert_eq!(s(finding.computed), "1338.7164");
    assert_eq!(s(finding.stated), "1338.71");
    // 941 against 641 + 250 + 23 = 914 fails by 27.
    let counts = [
        ("ind-total", "unit-ge", "2016", "941", "exact"),
        ("ind-gov", "unit-ge", "2016", "641", "exact"),
        ("ind-private", "unit-ge", "2016", "250", "exact"),
        ("ind-approved", "unit-ge", "2016", "23", "exact"),
    ];
    let relation = json!({"kind": "parts_of", "complete": true, "subject": at("ind-total", "2016"),
        "base": [at("ind-gov", "2016"), at("ind-private", "2016"), at("ind-approved", "2016")]});
    let dataset = ledger(&counts, &[relation]);
    let finding = only(&dataset);
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(s(finding.computed), "914");
    assert_eq!(s(finding.difference), "-27");
    assert_eq!(
        finding.describe(&dataset, Lang::Zh),
        "不符:表述为 941个,按台账计算为 914个,相差 -27个(允许误差 ±2个)"
    );
    assert_eq!(
        finding.describe(&dataset, Lang::En),
        "Does not hold: stated 941 count, the ledger gives 914 count, a difference of -27 count (tolerance ±2 count)"
    );
}

#[test]
fn some_parts_must_only_not_exceed_their_total() {
    // "2016年安排重点建设项目97个,其中市重点项目21个,省重点项目8个".
    let values = [
        ("ind-key", "unit-ge", "2016", "97", "exact"),
        ("ind-municipal", "unit-ge", "2016", "21", "exact"),
        ("ind-provincial", "unit-ge", "2016", "8", "exact"),
    ];
    let relation = json!({"kind": "parts_of", "subject": at("ind-key", "2016"),
        "base": [at("ind-municipal", "2016"), at("ind-provincial", "2016")]});
    let dataset = ledger(&values, &[relation]);
    let finding = only(&dataset);
    assert_eq!(finding.severity, Severity::Confirmed);
    assert_eq!(
        finding.describe(&dataset, Lang::Zh),
        "所列分项合计 29个,未超过总数 97个"
    );
    let values = [
        ("ind-key", "unit-ge", "2016", "20", "exact"),
        ("ind-municipal", "unit-ge", "2016", "21", "exact"),
        ("ind-provincial", "unit-ge", "2016", "8", "exact"),
    ];
    let relation = json!({"kind": "parts_of", "subject": at("ind-key", "2016"),
        "base": [at("ind-municipal", "2016"), at("ind-provincial", "2016")]});
    let dataset = ledger(&values, &[relation]);
    let finding = only(&dataset);
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(
        finding.describe(&dataset, Lang::Zh),
        "所列分项合计 29个,超过了总数 20个(多 9个)"
    );
}

#[test]
fn a_stated_growth_holds_for_anything_that_rounds_to_it_and_says_what_the_data_supports() {
    // "从2012年的218亿元到2016年的370亿元,投资增长了170%": 69.7 %, or 1.7 times.
    let values = [
        ("ind-fai", "unit-yi", "2012", "218", "exact"),
        ("ind-fai", "unit-yi", "2016", "370", "exact"),
    ];
    let relation = json!({"kind": "stated_growth", "stated_pct": "170",
        "subject": at("ind-fai", "2016"), "base": [at("ind-fai", "2012")]});
    let dataset = ledger(&values, &[relation]);
    let finding = only(&dataset);
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(s(finding.computed), "69.7");
    assert_eq!(
        finding.supported_texts(&dataset, Lang::Zh),
        vec!["增长69.7%".to_string(), "是2012年的1.7倍".to_string()]
    );
    assert_eq!(
        finding.supported_texts(&dataset, Lang::En),
        vec![
            "up 69.7 %".to_string(),
            "1.7 times the figure of 2012".to_string()
        ]
    );
    // 8300 against 4533 is +83.10 %: "增长83.1%" holds, "增长83.2%" does not.
    for (stated, holds) in [("83.1", true), ("83.2", false), ("83", true)] {
        let values = [
            ("ind-sub", "unit-wan", "2015", "4533", "exact"),
            ("ind-sub", "unit-wan", "2016", "8300", "exact"),
        ];
        let relation = json!({"kind": "stated_growth", "stated_pct": stated,
            "subject": at("ind-sub", "2016"), "base": [at("ind-sub", "2015")]});
        let finding = only(&ledger(&values, &[relation]));
        assert_eq!(
            finding.severity == Severity::Confirmed,
            holds,
            "{stated}: {finding:?}"
        );
    }
}

#[test]
fn a_stated_growth_of_8_7_percent_holds_on_a_same_period_pair_and_8_8_does_not() {
    // "今年截至9月,实现服务业增加值464.2亿元,同比增长8.7%": against a 1—9月 base of
    // 427.1亿元 the growth is 8.69 %, which rounds to 8.7.
    let values = [
        ("ind-va", "unit-yi", "2015-YTD9", "427.1", "exact"),
        ("ind-va", "unit-yi", "2016-YTD9", "464.2", "exact"),
    ];
    for (stated, holds) in [("8.7", true), ("8.8", false), ("8.6", false)] {
        let relation = json!({"kind": "stated_growth", "stated_pct": stated,
            "subject": at("ind-va", "2016-YTD9"), "base": [at("ind-va", "2015-YTD9")]});
        let dataset = ledger(&values, &[relation]);
        let finding = only(&dataset);
        assert_eq!(s(finding.computed), "8.69", "{stated}");
        if holds {
            assert_eq!(
                finding.severity,
                Severity::Confirmed,
                "{stated}: {finding:?}"
            );
        } else {
            // Like with like (1—9月 against 1—9月): an error, not a warning.
            assert_eq!(finding.severity, Severity::Error, "{stated}: {finding:?}");
            assert!(finding
                .describe(&dataset, Lang::Zh)
                .starts_with(&format!("不符:表述为 {stated}%,按台账计算为 8.69%")));
            assert_eq!(
                finding.supported_texts(&dataset, Lang::Zh),
                vec!["增长8.7%".to_string()]
            );
        }
    }
}

#[test]
fn a_multiple_and_doubling_are_checked_as_ratios() {
    let values = [
        ("ind-fai", "unit-yi", "2012", "218", "exact"),
        ("ind-fai", "unit-yi", "2016", "370", "exact"),
    ];
    // "3" stands for 2.5 … 3.5: "接近三倍" said of 218 → 370 fails; "2" (1.5 … 2.5) would hold.
    for (stated, holds) in [("1.7", true), ("3", false), ("2", true)] {
        let relation = json!({"kind": "stated_multiple", "stated_pct": stated,
            "subject": at("ind-fai", "2016"), "base": [at("ind-fai", "2012")]});
        let dataset = ledger(&values, &[relation]);
        let finding = only(&dataset);
        assert_eq!(finding.severity == Severity::Confirmed, holds, "{stated}");
        assert_eq!(finding.unit, Measure::Times);
        if !holds {
            // The data says 1.7 times.
            assert_eq!(
                finding.supported_texts(&dataset, Lang::Zh)[0],
                "是2012年的1.7倍"
            );
        }
    }
}

#[test]
fn percentage_points_are_a_difference_of_rates() {
    let values = [
        ("ind-rate", "unit-pct", "2015", "66.1", "exact"),
        ("ind-rate", "unit-pct", "2016", "69.3", "exact"),
    ];
    for (stated, holds) in [("3.2", true), ("3", true), ("2", false), ("5", false)] {
        let relation = json!({"kind": "stated_points", "stated_pct": stated,
            "subject": at("ind-rate", "2016"), "base": [at("ind-rate", "2015")]});
        let dataset = ledger(&values, &[relation]);
        let finding = only(&dataset);
        assert_eq!(finding.severity == Severity::Confirmed, holds, "{stated}");
        if !holds {
            assert_eq!(
                finding.supported_texts(&dataset, Lang::Zh),
                vec!["提高3.2个百分点".to_string()]
            );
        }
    }
}

#[test]
fn a_share_converts_units_exactly_and_an_approximate_figure_widens_the_tolerance() {
    // "房地产投资五年累计完成约527亿元,占有效投资比重35%" against 1485亿元: 35.49 %.
    let values = [
        ("ind-re", "unit-yi", "2012..2016", "527", "about"),
        ("ind-fai", "unit-yi", "2012..2016", "1485", "exact"),
    ];
    let relation = json!({"kind": "stated_share", "stated_pct": "35",
        "subject": at("ind-re", "2012..2016"), "base": [at("ind-fai", "2012..2016")]});
    let dataset = ledger(&values, &[relation]);
    let finding = only(&dataset);
    assert_eq!(finding.severity, Severity::Confirmed);
    assert!(finding.approximate);
    assert_eq!(s(finding.computed), "35.5");
    assert!(finding
        .describe(&dataset, Lang::Zh)
        .ends_with(";含约数或“多、余、超”,已按约数放宽误差"));
    // The same share written exactly as 38 % fails; with 约 on the part it is still 33.7–37.3.
    let relation = json!({"kind": "stated_share", "stated_pct": "38",
        "subject": at("ind-re", "2012..2016"), "base": [at("ind-fai", "2012..2016")]});
    assert_eq!(
        only(&ledger(&values, &[relation])).severity,
        Severity::Error
    );
    // A part in 万元 of a whole in 亿元 converts exactly: 8300万元 of 2.3亿元 is 36.09 %.
    let values = [
        ("ind-sub", "unit-wan", "2016", "8300", "exact"),
        ("ind-city", "unit-yi", "2016", "2.3", "exact"),
    ];
    let relation = json!({"kind": "stated_share", "stated_pct": "36",
        "subject": at("ind-sub", "2016"), "base": [at("ind-city", "2016")]});
    let finding = only(&ledger(&values, &[relation]));
    assert_eq!(finding.severity, Severity::Confirmed, "{finding:?}");
    assert_eq!(
        s(finding.computed),
        "36.1",
        "shown one decimal finer than stated"
    );
}

#[test]
fn a_count_with_an_amount_is_refused_as_units_that_do_not_convert() {
    let values = [
        ("ind-projects", "unit-ge", "2016", "97", "exact"),
        ("ind-investment", "unit-yi", "2016", "60.2", "exact"),
    ];
    let relation = json!({"kind": "stated_share", "stated_pct": "50",
        "subject": at("ind-projects", "2016"), "base": [at("ind-investment", "2016")]});
    let dataset = ledger(&values, &[relation]);
    let finding = only(&dataset);
    assert_eq!(finding.severity, Severity::CannotCheck);
    assert!(matches!(finding.missing, Some(Missing::Units { .. })));
    assert_eq!(
        finding.describe(&dataset, Lang::Zh),
        "无法核对:个 与 亿元 不能换算"
    );
    assert_eq!(
        finding.describe(&dataset, Lang::En),
        "Cannot be checked: count does not convert to 100 million yuan"
    );
}

#[test]
fn a_cumulative_total_adds_the_years_of_its_span_or_says_which_are_missing() {
    let mut values = vec![
        ("ind-fai", "unit-yi", "2012..2016", "1485", "exact"),
        ("ind-fai", "unit-yi", "2012", "218", "exact"),
        ("ind-fai", "unit-yi", "2016", "370", "exact"),
    ];
    let relation = json!({"kind": "cumulative_of", "subject": at("ind-fai", "2012..2016")});
    let dataset = ledger(&values, std::slice::from_ref(&relation));
    let finding = only(&dataset);
    assert_eq!(finding.severity, Severity::CannotCheck);
    assert_eq!(
        finding.missing,
        Some(Missing::Years(vec![2013, 2014, 2015]))
    );
    assert_eq!(
        finding.describe(&dataset, Lang::Zh),
        "无法核对:台账中缺少 2013, 2014, 2015 年的全年数"
    );
    values.extend([
        ("ind-fai", "unit-yi", "2013", "260", "exact"),
        ("ind-fai", "unit-yi", "2014", "300", "exact"),
        ("ind-fai", "unit-yi", "2015", "337", "exact"),
    ]);
    let finding = only(&ledger(&values, std::slice::from_ref(&relation)));
    assert_eq!(finding.severity, Severity::Confirmed, "{finding:?}");
    assert_eq!(s(finding.computed), "1485");
    values[5].3 = "345";
    let finding = only(&ledger(&values, &[relation]));
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(s(finding.difference), "8");
}

#[test]
fn a_stated_difference_is_the_first_figure_less_the_second() {
    // "工程总投资约38.3亿元,审查后…约36.3亿元,累计核减额度约2亿元".
    let values = [
        ("ind-before", "unit-yi", "2015", "38.3", "about"),
        ("ind-after", "unit-yi", "2015", "36.3", "about"),
        ("ind-cut", "unit-yi", "2015", "2", "about"),
    ];
    let relation = json!({"kind": "stated_difference", "subject": at("ind-cut", "2015"),
        "base": [at("ind-before", "2015"), at("ind-after", "2015")]});
    let finding = only(&ledger(&values, &[relation]));
    assert_eq!(finding.severity, Severity::Confirmed);
    assert_eq!(s(finding.computed), "2");
    let values = [
        ("ind-before", "unit-yi", "2015", "38.3", "exact"),
        ("ind-after", "unit-yi", "2015", "36.3", "exact"),
        ("ind-cut", "unit-wan", "2015", "4600", "exact"),
    ];
    let relation = json!({"kind": "stated_difference", "subject": at("ind-cut", "2015"),
        "base": [at("ind-before", "2015"), at("ind-after", "2015")]});
    let finding = only(&ledger(&values, &[relation]));
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(
        s(finding.computed),
        "20000",
        "converted into the subject's 万元"
    );
}

#[test]
fn a_rank_among_figures_of_the_ledger_is_checked_and_one_among_others_cannot_be() {
    let values = [
        ("ind-a", "unit-yi", "2015", "124.98", "exact"),
        ("ind-b", "unit-yi", "2015", "130", "exact"),
        ("ind-c", "unit-yi", "2015", "90", "exact"),
    ];
    let base = [at("ind-b", "2015"), at("ind-c", "2015")];
    let first = json!({"kind": "stated_rank", "stated_pct": "1", "subject": at("ind-a", "2015"), "base": base});
    let second = json!({"kind": "stated_rank", "stated_pct": "2", "subject": at("ind-a", "2015"), "base": base});
    let outside = json!({"kind": "stated_rank", "stated_pct": "1", "subject": at("ind-a", "2015")});
    let dataset = ledger(&values, &[first, second, outside]);
    let findings = relation_findings(&dataset);
    let by_id = |id: &str| {
        findings
            .iter()
            .find(|f| f.relation().map(|r| r.as_str()) == Some(id))
            .expect(id)
    };
    assert_eq!(by_id("rel-0").severity, Severity::Error);
    assert_eq!(
        by_id("rel-0").supported_texts(&dataset, Lang::Zh),
        vec!["位列第2".to_string()]
    );
    assert_eq!(by_id("rel-1").severity, Severity::Confirmed);
    assert_eq!(by_id("rel-2").severity, Severity::CannotCheck);
    assert_eq!(by_id("rel-2").missing, Some(Missing::Base));
}

#[test]
fn a_missing_figure_or_a_zero_base_cannot_be_checked_and_says_which() {
    let values = [("ind-fai", "unit-yi", "2016", "370", "exact")];
    let relation = json!({"kind": "stated_growth", "stated_pct": "10",
        "subject": at("ind-fai", "2016"), "base": [at("ind-fai", "2015")]});
    let dataset = ledger(&values, &[relation]);
    let finding = only(&dataset);
    assert_eq!(finding.severity, Severity::CannotCheck);
    assert_eq!(
        finding.describe(&dataset, Lang::Zh),
        "无法核对:台账中没有2015年fai"
    );
    assert_eq!(
        finding.describe(&dataset, Lang::En),
        "Cannot be checked: the ledger has no figure for fai, 2015"
    );
    let values = [
        ("ind-fai", "unit-yi", "2015", "0", "exact"),
        ("ind-fai", "unit-yi", "2016", "370", "exact"),
    ];
    let relation = json!({"kind": "stated_growth", "stated_pct": "10",
        "subject": at("ind-fai", "2016"), "base": [at("ind-fai", "2015")]});
    let finding = only(&ledger(&values, &[relation]));
    assert_eq!(finding.missing, Some(Missing::ZeroBase));
}

#[test]
fn growth_between_unlike_periods_is_a_warning_not_an_error() {
    // 2016年1—9月 against the whole of 2015.
    let values = [
        ("ind-va", "unit-yi", "2015", "559.39", "exact"),
        ("ind-va", "unit-yi", "2016-YTD9", "464.2", "exact"),
    ];
    let relation = json!({"kind": "stated_growth", "stated_pct": "8.7",
        "subject": at("ind-va", "2016-YTD9"), "base": [at("ind-va", "2015")]});
    let dataset = ledger(&values, &[relation]);
    let finding = only(&dataset);
    assert_eq!(finding.severity, Severity::Warning);
    assert!(finding.comparability_message().is_some());
}

#[test]
fn range_rules_flag_rates_above_100_percent_fractional_counts_and_jumps() {
    let values = [
        ("ind-closure-rate", "unit-pct", "2016", "101.5", "exact"),
        ("ind-growth-rate", "unit-pct", "2016", "170", "exact"),
        ("ind-key", "unit-ge", "2015", "16", "exact"),
        ("ind-key", "unit-ge", "2016", "97", "exact"),
        ("ind-other", "unit-ge", "2016", "2.5", "exact"),
    ];
    let dataset = {
        // Names decide what is a bounded rate: 办结率 is, 增长率 is not.
        let text = ledger(&values, &[]);
        let mut file = taizhang::format::write_file(&text, None);
        file = file.replace("\"closure-rate\"", "\"价格举报办结率\"");
        file = file.replace("\"growth-rate\"", "\"投资增长率\"");
        read_file(&file).expect("renamed").dataset
    };
    let findings = check_all(&dataset, &CheckOptions::default());
    let rules: Vec<(String, String)> = findings
        .iter()
        .map(|f| (format!("{:?}", f.check), f.figures[0].indicator.to_string()))
        .collect();
    assert_eq!(
        rules,
        vec![
            (
                "Range(RateAbove100)".to_string(),
                "ind-closure-rate".to_string()
            ),
            ("Range(CountNotWhole)".to_string(), "ind-other".to_string()),
            ("Range(Jump)".to_string(), "ind-key".to_string()),
        ]
    );
    let jump = &findings[2];
    assert_eq!(jump.severity, Severity::Warning);
    assert_eq!(
        jump.describe(&dataset, Lang::Zh),
        "由上年同期的 16个 变为 97个,是其 6.1 倍(超出 3 倍的提醒界限),请核实或注明原因"
    );
    // A wider alert lets the jump pass.
    let wide = CheckOptions {
        jump_factor: rust_decimal::Decimal::from(10),
    };
    assert_eq!(check_all(&dataset, &wide).len(), 2);
}

#[test]
fn a_stated_rate_above_100_percent_is_a_warning_beside_its_own_finding() {
    // "投保率超100%": a rate stated above 100 % (its whole is not in the ledger).
    let values = [("ind-households", "unit-ge", "2012..2016", "188569", "exact")];
    let relation = json!({"kind": "stated_share", "stated_pct": "100.5", "qualifier": "at_least",
        "subject": at("ind-households", "2012..2016")});
    let dataset = ledger(&values, &[relation]);
    let findings = relation_findings(&dataset);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].severity, Severity::CannotCheck);
    let all = check_all(&dataset, &CheckOptions::default());
    let rate = all
        .iter()
        .find(|f| format!("{:?}", f.check) == "Range(RateAbove100)")
        .expect("the rate rule");
    assert_eq!(rate.severity, Severity::Warning);
    assert_eq!(s(rate.stated), "100.5");
}

#[test]
fn a_relation_naming_a_deleted_indicator_is_reported_not_a_panic() {
    let values = [("ind-fai", "unit-yi", "2016", "370", "exact")];
    let relation = json!({"kind": "stated_growth", "stated_pct": "10",
        "subject": at("ind-fai", "2016"), "base": [at("ind-fai", "2015")]});
    let mut dataset = ledger(&values, &[relation]);
    let relation = dataset.relations().next().expect("relation").clone();
    let mut moved = relation.clone();
    moved.base = vec![taizhang::model::ValueRef {
        indicator: taizhang::model::RecordId::parse("ind-gone").expect("id"),
        period: taizhang::model::Period::Year(2015),
    }];
    // Build the finding directly: the model would refuse to store such a relation.
    let findings = taizhang::calc::checks::check_relation(&dataset, &moved);
    assert_eq!(findings[0].severity, Severity::CannotCheck);
    assert!(matches!(findings[0].missing, Some(Missing::Indicator(_))));
    dataset = dataset.clone();
    assert_eq!(dataset.count(taizhang::model::RecordKind::Relation), 1);
}

#[test]
fn counts_in_different_measure_words_add_up_but_a_count_never_meets_an_amount() {
    // "11项重点专项规划、6项一般专项规划 … 全部17个规划".
    let values = [
        ("ind-all", "unit-ge", "2016", "17", "exact"),
        ("ind-key", "unit-xiang", "2016", "11", "exact"),
        ("ind-general", "unit-xiang", "2016", "6", "exact"),
    ];
    let relation = json!({"kind": "parts_of", "complete": true, "subject": at("ind-all", "2016"),
        "base": [at("ind-key", "2016"), at("ind-general", "2016")]});
    let finding = only(&ledger(&values, &[relation]));
    assert_eq!(finding.severity, Severity::Confirmed, "{finding:?}");
    assert_eq!(s(finding.computed), "17");
}

/// A project ledger with plans for 重点建设 projects (in 万元), each `(id, [(year, plan)])`.
fn with_key_projects(mut dataset: Dataset, plans: &[(&str, &[(i32, &str)])]) -> Dataset {
    use taizhang::model::{Amount, ChangeContext, Edit, Project, Record, RecordId};
    let context = ChangeContext {
        device: "d-1".into(),
        author: "张三".into(),
        at: "2016-11-01T10:00:00Z".into(),
    };
    for (id, years) in plans {
        let project = Project {
            id: RecordId::parse(id).expect("id"),
            name: format!("项目{id}"),
            class: "重点建设".to_string(),
            level: "区重点".to_string(),
            annual_plans: years
                .iter()
                .map(|(year, plan)| (*year, Amount::from_canonical(plan).expect("plan")))
                .collect(),
            ..Project::default()
        };
        dataset
            .apply(Edit::Put(Record::Project(project)), &context)
            .expect("project added");
    }
    dataset
}

#[test]
fn the_project_plans_of_a_year_are_checked_against_the_ledgers_count_and_total() {
    // The ledger: 安排重点建设项目 3 / 2 / 2个 and 重点建设项目计划投资 1 / 0.5 / 0.5亿元 in
    // 2014—2016. The project ledger: p-1 and p-2 with their plans for each year.
    let values = [
        ("ind-plan-count", "unit-ge", "2014", "3", "exact"),
        ("ind-plan-count", "unit-ge", "2015", "2", "exact"),
        ("ind-plan-count", "unit-ge", "2016", "2", "exact"),
        ("ind-plan-total", "unit-yi", "2014", "1", "exact"),
        ("ind-plan-total", "unit-yi", "2015", "0.5", "exact"),
        ("ind-plan-total", "unit-yi", "2016", "0.5", "exact"),
    ];
    let dataset = {
        // The plan check finds its indicators by name.
        let file = taizhang::format::write_file(&ledger(&values, &[]), None)
            .replace("\"plan-count\"", "\"安排重点建设项目\"")
            .replace("\"plan-total\"", "\"重点建设项目计划投资\"");
        read_file(&file).expect("renamed").dataset
    };
    let dataset = with_key_projects(
        dataset,
        &[
            ("p-1", &[(2014, "4000"), (2015, "2000"), (2016, "2000")]),
            ("p-2", &[(2015, "3000"), (2016, "4000")]),
        ],
    );
    let findings = check_all(&dataset, &CheckOptions::default());
    let plan = |year: i32| -> &Finding {
        findings
            .iter()
            .find(|f| {
                f.check
                    == Check::Plan {
                        class: "重点建设".to_string(),
                        year,
                    }
            })
            .unwrap_or_else(|| panic!("no plan finding for {year}: {findings:#?}"))
    };
    // 2015: two projects, 2000 + 3000万元 = 0.5亿元: holds.
    assert_eq!(plan(2015).severity, Severity::Confirmed);
    assert_eq!(
        plan(2015).describe(&dataset, Lang::Zh),
        "项目台账与指标台账一致:2个"
    );
    // 2016: two projects, but 2000 + 4000万元 = 0.6亿元 against 0.5: an error.
    assert_eq!(plan(2016).severity, Severity::Error);
    assert_eq!(
        plan(2016).describe(&dataset, Lang::Zh),
        "项目台账为 0.6亿元,指标台账为 0.5亿元,相差 0.1亿元"
    );
    assert_eq!(
        plan(2016).describe(&dataset, Lang::En),
        "The project ledger has 0.6 100 million yuan, the indicator ledger 0.5 100 million yuan, a difference of 0.1 100 million yuan"
    );
    // 2014: one project of the ledger's three entered so far: not enough to check.
    assert_eq!(plan(2014).severity, Severity::CannotCheck);
    assert_eq!(
        plan(2014).describe(&dataset, Lang::Zh),
        "项目台账中该年有计划的项目为 1个,指标台账为 3个:录入全部项目后才能核对"
    );
    let plans = findings
        .iter()
        .filter(|f| matches!(f.check, Check::Plan { .. }))
        .count();
    assert_eq!(plans, 3);
}

/// The sample's findings, relation by relation: which statements of the seed hold, which fail
/// and why, and which the ledger cannot check.
#[test]
fn the_samples_findings_are_the_golden_list() {
    let dataset = taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset;
    let findings = check_all(&dataset, &CheckOptions::default());
    let of = |id: &str| -> &Finding {
        findings
            .iter()
            .find(|f| f.relation().map(|r| r.as_str()) == Some(id))
            .unwrap_or_else(|| panic!("no finding for {id}"))
    };
    // Wrong in the seed itself: "增长了170%" (218 → 370 is 69.7 %, 1.7 times), and "审批941个"
    // whose parts 641 + 250 + 23 make 914.
    let growth = of("rel-fai-growth-2016-vs-2012");
    assert_eq!(growth.severity, Severity::Error);
    assert_eq!(s(growth.computed), "69.7");
    assert_eq!(
        growth.supported_texts(&dataset, Lang::Zh),
        vec!["增长69.7%".to_string(), "是2012年的1.7倍".to_string()]
    );
    let approvals = of("rel-approvals-count-parts");
    assert_eq!(approvals.severity, Severity::Error);
    assert_eq!(
        (s(approvals.stated), s(approvals.computed)),
        ("941".to_string(), "914".to_string())
    );
    // Every other relation, by what it comes to.
    let confirmed = [
        ("rel-approvals-investment-parts", "1338.7164"),
        ("rel-central-subsidy-growth-2016-vs-2015", "83.1"),
        ("rel-realestate-share-of-fai-2012-2016", "35.5"),
        ("rel-budget-review-cut-difference", "2"),
        ("rel-key-projects-municipal-2014-parts", "10"),
        ("rel-special-plans-total-parts", "17"),
        ("rel-key-projects-2016-parts", "29"),
        ("rel-key-projects-2014-parts", "10"),
        ("rel-urban-renewal-area-parts", "23.97"),
        ("rel-cost-audit-cut-parts", "4538.77"),
        ("rel-budget-consult-cut-parts", "0.46"),
        ("rel-office-buildings-parts", "31"),
        ("rel-service-firms-above-scale-parts", "184"),
        ("rel-special-plans-total-progress-parts", "8"),
        ("rel-ppp-reserve-signed-parts", "1"),
        ("rel-ppp-signed-total-parts", "1"),
        ("rel-scf-expected-projects-parts", "3"),
        ("rel-rural-insurance-claims-parts", "90"),
    ];
    for (id, computed) in confirmed {
        let finding = of(id);
        assert_eq!(finding.severity, Severity::Confirmed, "{id}: {finding:?}");
        assert_eq!(s(finding.computed), computed, "{id}");
    }
    // Statements whose base the seed does not give, or whose years the ledger lacks.
    let base_missing = [
        "rel-central-subsidy-share-of-city-2016",
        "rel-central-subsidy-rank-in-city-2016",
        "rel-fai-multiple-of-11th-fyp",
        "rel-fee-annual-review-rate-2012-2014",
        "rel-price-complaints-closure-rate",
        "rel-rural-insurance-rate",
        "rel-service-clusters-share-of-city",
        "rel-service-va-growth-2016-ytd9",
        "rel-service-va-rank-in-province-2015",
        "rel-service-va-share-of-city-2016-ytd9",
        "rel-service-va-share-of-gdp-2015",
        "rel-tourism-revenue-rank-in-city-2016-ytd10",
        "rel-urban-renewal-area-rank-in-city",
        "rel-budget-review-cut-cumulative",
        "rel-budget-review-projects-cumulative",
        // "其中教授级高工12人": the pool's size is not in the seed.
        "rel-expert-pool-senior-parts",
        // Totals since a start the seed gives by month or not at all ("2012年至今,共…",
        // "几年来……累计创成", "自规划编制启动以来……共刊发").
        "rel-joint-meetings-cumulative",
        "rel-joint-meetings-issues-cumulative",
        "rel-price-data-reports-cumulative",
        "rel-price-analyses-cumulative",
        "rel-service-clusters-cumulative",
        "rel-plan-bulletins-cumulative",
    ];
    for id in base_missing {
        let finding = of(id);
        assert_eq!(finding.severity, Severity::CannotCheck, "{id}");
        assert_eq!(finding.missing, Some(Missing::Base), "{id}");
        assert!(
            !finding.note.is_empty(),
            "{id}: the note says what the base was"
        );
    }
    let expert = of("rel-expert-pool-senior-parts");
    assert_eq!(
        expert.describe(&dataset, Lang::Zh),
        "无法核对:比较的基数不在台账中(见备注)"
    );
    assert!(expert.note.contains("专家库的人数,原文未给,不在台账中"));
    // Span totals whose years the ledger lacks ("五年累计", "近五年,共", "近四年来共").
    let years_missing = [
        ("rel-fai-total-cumulative-2012-2016", vec![2013, 2014, 2015]),
        (
            "rel-realestate-cumulative-2012-2016",
            vec![2012, 2013, 2014, 2015, 2016],
        ),
        (
            "rel-pre-funds-disbursed-cumulative",
            vec![2012, 2013, 2014, 2015, 2016],
        ),
        (
            "rel-boilers-retrofitted-cumulative-2012-2016",
            vec![2012, 2013, 2014, 2015, 2016],
        ),
        (
            "rel-lowcarbon-campaigns-cumulative-2012-2016",
            vec![2012, 2013, 2014, 2015, 2016],
        ),
        (
            "rel-model-stores-developed-cumulative-2012-2016",
            vec![2012, 2013, 2014, 2015, 2016],
        ),
        (
            "rel-village-post-funds-cumulative-2013-2016",
            vec![2013, 2014, 2015, 2016],
        ),
    ];
    for (id, years) in &years_missing {
        let finding = of(id);
        assert_eq!(finding.severity, Severity::CannotCheck, "{id}");
        assert_eq!(finding.missing, Some(Missing::Years(years.clone())), "{id}");
    }
    assert_eq!(
        of("rel-boilers-retrofitted-cumulative-2012-2016").describe(&dataset, Lang::Zh),
        "无法核对:台账中缺少 2012, 2013, 2014, 2015, 2016 年的全年数"
    );
    let relations = dataset.count(taizhang::model::RecordKind::Relation);
    assert_eq!(relations, 49);
    assert_eq!(
        2 + confirmed.len() + base_missing.len() + years_missing.len(),
        relations,
        "every relation of the sample is in this list"
    );
    // The range rules: "投保率超100%" and the jump from 16 key projects (2015) to 97 (2016).
    let rules: Vec<String> = findings
        .iter()
        .filter(|f| f.relation().is_none())
        .map(|f| {
            format!(
                "{:?} {} {}",
                f.check,
                f.figures[0].indicator,
                f.figures[0].period.code()
            )
        })
        .collect();
    assert_eq!(
        rules,
        vec![
            "Range(RateAbove100) ind-rural-insurance-households 2012..2016".to_string(),
            "Range(Jump) ind-key-projects-count 2016".to_string(),
        ]
    );
    assert_eq!(taizhang::calc::checks::counts(&findings), [2, 2, 29, 18]);
    assert_eq!(
        taizhang::calc::checks::summary_message(&findings).render(Lang::Zh),
        "错误 2 项,提醒 2 项,无法核对 29 项,已核实 18 项"
    );
    assert_eq!(
        taizhang::calc::checks::summary_message(&findings).render(Lang::En),
        "2 errors, 2 warnings, 29 cannot be checked, 18 confirmed"
    );
}
