//! The built-in sample ledger (鹿城区发改局 2012—2016 年工作总结) against its source document.
//!
//! Reads only the two files: the sample JSON and a verbatim copy of the seed text. Uses
//! `serde_json` and `std`, none of the crate's own APIs, so it checks the data and not the code.

use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};

const SAMPLE: &str = include_str!("../public/samples/lucheng-2012-2016.json");
const SEED: &str = include_str!("fixtures/seed-lucheng-2012-2016.txt");

fn sample() -> Json {
    serde_json::from_str(SAMPLE).expect("the sample is valid JSON")
}

fn records<'a>(doc: &'a Json, collection: &str) -> &'a Vec<Json> {
    doc[collection]
        .as_array()
        .unwrap_or_else(|| panic!("`{collection}` is an array"))
}

fn text<'a>(record: &'a Json, key: &str) -> &'a str {
    record[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is a string in {record}"))
}

fn by_id<'a>(doc: &'a Json, collection: &str) -> BTreeMap<&'a str, &'a Json> {
    records(doc, collection)
        .iter()
        .map(|r| (text(r, "id"), r))
        .collect()
}

/// The values of one indicator, keyed by period code.
fn periods_of<'a>(doc: &'a Json, indicator: &str) -> BTreeSet<&'a str> {
    records(doc, "values")
        .iter()
        .filter(|v| text(v, "indicator") == indicator)
        .map(|v| text(v, "period"))
        .collect()
}

fn is_canonical_amount(amount: &str) -> bool {
    let body = amount.strip_prefix('-').unwrap_or(amount);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let whole_ok = digits(whole) && (whole == "0" || !whole.starts_with('0'));
    let fraction_ok = !body.contains('.') || (digits(fraction) && !fraction.ends_with('0'));
    whole_ok && fraction_ok && amount != "-0"
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.chars().all(|c| c.is_ascii_digit())
}

fn is_year_month(s: &str) -> bool {
    match s.split_once('-') {
        Some((y, m)) => {
            is_year(y) && m.len() == 2 && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        }
        None => false,
    }
}

/// The canonical period codes of the format: 2016, 2016-YTD10, 2016-Q3, 2016-10, 2012..2016,
/// 2012-01..2016-10, @2016-10-31.
fn is_canonical_period(code: &str) -> bool {
    if let Some(date) = code.strip_prefix('@') {
        let parts: Vec<&str> = date.split('-').collect();
        return parts.len() == 3
            && is_year(parts[0])
            && is_year_month(&format!("{}-{}", parts[0], parts[1]))
            && parts[2].len() == 2
            && parts[2].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
    }
    if let Some((from, to)) = code.split_once("..") {
        return (is_year(from) && is_year(to) && from < to)
            || (is_year_month(from) && is_year_month(to) && from < to);
    }
    if let Some((y, m)) = code.split_once("-YTD") {
        return is_year(y)
            && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
            && !m.starts_with('0');
    }
    if let Some((y, q)) = code.split_once("-Q") {
        return is_year(y) && matches!(q, "1" | "2" | "3" | "4");
    }
    is_year(code) || is_year_month(code)
}

/// The relation kinds of the format (`RelationKind` codes), in the order findings list them.
const RELATION_KINDS: [&str; 8] = [
    "parts_of",
    "stated_growth",
    "stated_multiple",
    "stated_points",
    "stated_share",
    "cumulative_of",
    "stated_difference",
    "stated_rank",
];

/// The seed's sentences (split after 。 and ;), each as written.
fn seed_sentences() -> Vec<&'static str> {
    SEED.lines()
        .flat_map(|line| line.split_inclusive(['。', ';', '；']))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// (indicator id, period code, amount, unit symbol): figures copied from the seed.
const FIGURES: &[(&str, &str, &str, &str)] = &[
    ("ind-project-pool-investment", "@2016-10-31", "2364", "亿元"),
    ("ind-plan-bulletins", "@2016-10-31", "3", "期"),
    ("ind-special-plans-key", "@2016-10-31", "11", "项"),
    ("ind-special-plans-published", "@2016-10-31", "3", "个"),
    ("ind-fai-total", "2012", "218", "亿元"),
    ("ind-fai-total", "2016", "370", "亿元"),
    ("ind-fai-total", "2012..2016", "1485", "亿元"),
    ("ind-realestate-investment", "2012..2016", "527", "亿元"),
    ("ind-central-subsidy", "2012", "2550", "万元"),
    ("ind-central-subsidy", "2013", "6121", "万元"),
    ("ind-central-subsidy", "2014", "2980", "万元"),
    ("ind-central-subsidy", "2015", "4533", "万元"),
    ("ind-central-subsidy", "2016", "8300", "万元"),
    ("ind-central-subsidy-projects", "2012", "4", "个"),
    ("ind-central-subsidy-projects", "2013", "5", "个"),
    ("ind-central-subsidy-projects", "2015", "3", "个"),
    ("ind-ppp-reserve-investment", "@2016-10-31", "63", "亿元"),
    ("ind-scf-expected", "@2016-10-31", "2.5", "亿元"),
    ("ind-pre-funds-recycled", "2012..2016", "327.9", "万元"),
    (
        "ind-budget-review-submitted",
        "2012-01..2015-12",
        "38.3",
        "亿元",
    ),
    (
        "ind-budget-review-approved",
        "2012-01..2015-12",
        "36.3",
        "亿元",
    ),
    ("ind-budget-consult-cut", "2016-YTD10", "4600", "万元"),
    ("ind-online-coded-projects", "2016-YTD10", "68", "个"),
    ("ind-approvals-total-count", "2012-01..2016-10", "941", "个"),
    (
        "ind-approvals-total-investment",
        "2012-01..2016-10",
        "1338.71",
        "亿元",
    ),
    ("ind-approvals-gov-count", "2012-01..2016-10", "641", "个"),
    (
        "ind-approvals-gov-investment",
        "2012-01..2016-10",
        "526.17",
        "亿元",
    ),
    ("ind-filings-private-count", "2012-01..2016-10", "250", "个"),
    (
        "ind-filings-private-investment",
        "2012-01..2016-10",
        "742.3464",
        "亿元",
    ),
    (
        "ind-approvals-private-count",
        "2012-01..2016-10",
        "23",
        "个",
    ),
    (
        "ind-approvals-private-investment",
        "2012-01..2016-10",
        "70.2",
        "亿元",
    ),
    ("ind-approvals-completed", "2016-YTD10", "171", "件"),
    ("ind-key-projects-count", "2012", "42", "个"),
    ("ind-key-projects-count", "2013", "38", "个"),
    ("ind-key-projects-count", "2014", "19", "个"),
    ("ind-key-projects-count", "2015", "16", "个"),
    ("ind-key-projects-count", "2016", "97", "个"),
    ("ind-key-projects-subprojects", "2014", "143", "个"),
    ("ind-key-projects-subprojects", "2015", "107", "个"),
    (
        "ind-key-projects-planned-investment",
        "2012",
        "81.72",
        "亿元",
    ),
    (
        "ind-key-projects-planned-investment",
        "2013",
        "64.15",
        "亿元",
    ),
    (
        "ind-key-projects-planned-investment",
        "2014",
        "68.8",
        "亿元",
    ),
    (
        "ind-key-projects-planned-investment",
        "2015",
        "60.85",
        "亿元",
    ),
    (
        "ind-key-projects-planned-investment",
        "2016",
        "60.2",
        "亿元",
    ),
    ("ind-key-projects-municipal", "2014", "10", "个"),
    ("ind-key-projects-municipal-new", "2014", "4", "个"),
    ("ind-key-projects-municipal-continuing", "2014", "6", "个"),
    ("ind-key-projects-municipal", "2016", "21", "个"),
    ("ind-key-projects-provincial", "2016", "8", "个"),
    ("ind-inspection-investment", "2016", "72.6", "亿元"),
    ("ind-joint-meetings", "2012-01..2016-10", "70", "次"),
    ("ind-pre-projects-count", "2012", "39", "个"),
    ("ind-pre-projects-count", "2013", "29", "个"),
    ("ind-pre-projects-count", "2014", "32", "个"),
    ("ind-pre-projects-count", "2015", "43", "个"),
    ("ind-pre-projects-count", "2016", "44", "个"),
    ("ind-expert-pool-senior", "@2012-12-31", "12", "人"),
    ("ind-service-value-added", "2012", "389.49", "亿元"),
    ("ind-service-value-added", "2015", "559.39", "亿元"),
    ("ind-service-value-added", "2016-YTD9", "464.2", "亿元"),
    ("ind-online-retail", "2015", "148.65", "亿元"),
    ("ind-online-retail", "2016-YTD10", "162.7", "亿元"),
    ("ind-tourism-revenue", "2015", "124.98", "亿元"),
    ("ind-tourism-revenue", "2016-YTD10", "128.4", "亿元"),
    ("ind-service-firms-above-scale", "@2016-10-31", "1008", "家"),
    (
        "ind-service-firms-revenue-over-100m",
        "@2016-10-31",
        "184",
        "家",
    ),
    ("ind-office-buildings", "@2016-10-31", "150", "幢"),
    ("ind-micro-parks-land", "@2016-10-31", "742", "亩"),
    ("ind-urban-renewal-area", "2012..2016", "83.81", "万平方米"),
    (
        "ind-urban-renewal-area-shuangyu-fengmen",
        "2012..2016",
        "23.97",
        "万平方米",
    ),
    ("ind-towns-investment", "2016-YTD9", "13.3", "亿元"),
    ("ind-football-base-land", "@2016-10-31", "173", "亩"),
    ("ind-monitored-firms", "@2016-10-31", "169", "家"),
    ("ind-price-data-reports", "2012-01..2016-10", "517", "次"),
    ("ind-price-analyses", "2012-01..2016-10", "67", "篇"),
    ("ind-lowcarbon-funds", "2012..2016", "265", "万元"),
    ("ind-boilers-retrofitted", "2012..2016", "238", "台"),
    ("ind-pv-capacity", "@2016-10-31", "1008", "KWp"),
    ("ind-pv-daily-output", "@2016-10-31", "5236", "千瓦时"),
    ("ind-pv-daily-co2-cut", "@2016-10-31", "4527", "千克"),
    ("ind-pv-daily-coal-saved", "@2016-10-31", "1728", "千克"),
    ("ind-charging-stations", "@2016-10-31", "2", "座"),
    ("ind-charging-piles", "@2016-10-31", "256", "个"),
    ("ind-bulk-cement", "2012..2016", "267", "万吨"),
    ("ind-ready-mix-concrete", "2012..2016", "792", "万立方米"),
    ("ind-pipeline-laid", "2013..2016", "5", "km"),
    (
        "ind-rural-insurance-households",
        "2012..2016",
        "188569",
        "户",
    ),
    ("ind-village-post-funds", "2013..2016", "400", "万元"),
    ("ind-mailboxes-installed", "2012..2016", "78148", "只"),
    ("ind-model-stores-developed", "2012..2016", "53", "家"),
    (
        "ind-price-complaints-closed",
        "2012-01..2016-10",
        "710",
        "件",
    ),
    ("ind-price-violation-cases", "2012-01..2016-10", "55", "件"),
    ("ind-fees-exempt-micro", "2012..2016", "41", "项"),
    ("ind-fee-annual-review-amount", "2012..2014", "5.18", "亿元"),
    ("ind-fee-units-reported", "2016", "36", "家"),
    ("ind-cost-audit-units", "2012..2016", "26", "家"),
    ("ind-cost-audit-amount", "2012..2016", "29145.77", "万元"),
    ("ind-cost-audit-cut", "2012..2016", "4538.77", "万元"),
];

#[test]
fn each_listed_seed_figure_is_one_value_with_its_amount_unit_and_source_sentence() {
    let doc = sample();
    let indicators = by_id(&doc, "indicators");
    let units = by_id(&doc, "units");
    assert!(FIGURES.len() >= 40);
    for &(indicator, period, amount, symbol) in FIGURES {
        let found: Vec<&Json> = records(&doc, "values")
            .iter()
            .filter(|v| text(v, "indicator") == indicator && text(v, "period") == period)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{indicator} @ {period}: expected exactly one value"
        );
        let value = found[0];
        assert_eq!(text(value, "amount"), amount, "{indicator} @ {period}");
        let unit_id = text(indicators[indicator], "unit");
        assert_eq!(text(units[unit_id], "symbol"), symbol, "{indicator}: unit");
        let source = text(value, "source");
        assert!(
            SEED.contains(source),
            "{indicator} @ {period}: source not in seed"
        );
        assert!(
            source.contains(amount),
            "{indicator} @ {period}: source lacks {amount}"
        );
    }
}

#[test]
fn investment_2012_is_218_yi_yuan_with_its_source_sentence() {
    let doc = sample();
    let value = by_id(&doc, "values")["val-fai-total-2012"];
    assert_eq!(text(value, "indicator"), "ind-fai-total");
    assert_eq!(text(value, "period"), "2012");
    assert_eq!(text(value, "amount"), "218");
    assert_eq!(
        text(value, "source"),
        "从2012年的218亿元到2016年的370亿元,投资增长了170%,五年累计实现投资1485亿元,接近我区“十一五”期间累计完成投资的三倍。"
    );
}

#[test]
fn every_value_and_relation_source_is_a_verbatim_sentence_of_the_seed() {
    let doc = sample();
    for collection in ["values", "relations"] {
        for record in records(&doc, collection) {
            let source = text(record, "source");
            assert!(!source.is_empty(), "{}: empty source", text(record, "id"));
            assert!(
                SEED.contains(source),
                "{}: source is not in the seed: {source}",
                text(record, "id")
            );
            let last = source.chars().last().unwrap();
            assert!(
                matches!(last, '。' | ';' | '；'),
                "{}: source is not a whole sentence",
                text(record, "id")
            );
        }
    }
}

#[test]
fn every_reference_resolves_to_an_existing_record() {
    let doc = sample();
    let areas = by_id(&doc, "areas");
    let units = by_id(&doc, "units");
    let indicators = by_id(&doc, "indicators");
    for indicator in records(&doc, "indicators") {
        assert!(
            areas.contains_key(text(indicator, "area")),
            "{}",
            text(indicator, "id")
        );
        assert!(
            units.contains_key(text(indicator, "unit")),
            "{}",
            text(indicator, "id")
        );
    }
    for value in records(&doc, "values") {
        assert!(
            indicators.contains_key(text(value, "indicator")),
            "{}",
            text(value, "id")
        );
    }
    let keys: BTreeSet<(&str, &str)> = records(&doc, "values")
        .iter()
        .map(|v| (text(v, "indicator"), text(v, "period")))
        .collect();
    for relation in records(&doc, "relations") {
        let id = text(relation, "id");
        let subject = &relation["subject"];
        assert!(
            keys.contains(&(text(subject, "indicator"), text(subject, "period"))),
            "{id}: subject is not a value in the ledger"
        );
        for base in relation["base"].as_array().expect("base is an array") {
            assert!(
                keys.contains(&(text(base, "indicator"), text(base, "period"))),
                "{id}: base {base} is not a value in the ledger"
            );
        }
    }
}

#[test]
fn ids_are_unique_and_well_formed_across_all_records() {
    let doc = sample();
    let mut seen = BTreeSet::new();
    for collection in [
        "areas",
        "units",
        "indicators",
        "values",
        "relations",
        "tombstones",
    ] {
        for record in records(&doc, collection) {
            let id = text(record, "id");
            let mut chars = id.chars();
            let first_ok = chars
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
            let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            assert!(first_ok && rest_ok && id.len() <= 64, "malformed id {id}");
            assert!(seen.insert(id), "duplicate id {id}");
        }
    }
}

#[test]
fn there_is_at_most_one_value_per_indicator_and_period() {
    let doc = sample();
    let mut seen = BTreeSet::new();
    for value in records(&doc, "values") {
        let key = (text(value, "indicator"), text(value, "period"));
        assert!(seen.insert(key), "two values for {key:?}");
    }
}

#[test]
fn amounts_periods_qualifiers_and_kinds_use_the_canonical_codes() {
    let doc = sample();
    let indicators = by_id(&doc, "indicators");
    for value in records(&doc, "values") {
        let id = text(value, "id");
        assert!(is_canonical_amount(text(value, "amount")), "{id}: amount");
        assert!(is_canonical_period(text(value, "period")), "{id}: period");
        assert!(
            matches!(text(value, "qualifier"), "exact" | "about" | "at_least"),
            "{id}: qualifier"
        );
        // A stock is a level at a date; a flow runs over a period.
        let kind = text(indicators[text(value, "indicator")], "kind");
        let at_date = text(value, "period").starts_with('@');
        assert_eq!(
            kind == "stock",
            at_date,
            "{id}: {kind} indicator with period {}",
            text(value, "period")
        );
    }
    for indicator in records(&doc, "indicators") {
        assert!(matches!(text(indicator, "kind"), "flow" | "stock"));
        for target in indicator["targets"]
            .as_array()
            .expect("targets is an array")
        {
            assert!(is_canonical_amount(text(target, "amount")));
            assert!(is_canonical_period(text(target, "period")));
        }
    }
    for unit in records(&doc, "units") {
        if let Some(factor) = unit.get("factor") {
            assert!(is_canonical_amount(
                factor.as_str().expect("factor is a string")
            ));
        }
    }
    for relation in records(&doc, "relations") {
        let id = text(relation, "id");
        assert!(
            RELATION_KINDS.contains(&text(relation, "kind")),
            "{id}: unknown kind {}",
            text(relation, "kind")
        );
        if let Some(pct) = relation.get("stated_pct") {
            assert!(
                is_canonical_amount(pct.as_str().expect("stated_pct is a string")),
                "{id}"
            );
        }
        assert!(relation["complete"].is_boolean(), "{id}: complete");
        assert!(
            is_canonical_period(text(&relation["subject"], "period")),
            "{id}"
        );
    }
}

#[test]
fn the_envelope_describes_the_sample_dataset_without_an_export_block() {
    let doc = sample();
    assert_eq!(doc["type"], "taizhang");
    assert_eq!(doc["format_version"], 1);
    assert_eq!(doc["app_version"], "0.1.0");
    assert_eq!(doc["dataset"]["id"], "ds-lucheng-2012-2016");
    assert_eq!(doc["dataset"]["document_date"], "2016-10-31");
    assert_eq!(doc["dataset"]["sample"], true);
    assert!(doc.get("export").is_none());
    assert!(records(&doc, "tombstones").is_empty());
}

#[test]
fn all_eight_areas_are_present_in_order_and_each_has_an_indicator() {
    let doc = sample();
    let expected = [
        "area-planning",
        "area-investment",
        "area-key-projects",
        "area-pre-projects",
        "area-services",
        "area-monitoring",
        "area-reform",
        "area-prices",
    ];
    let areas = records(&doc, "areas");
    assert_eq!(areas.len(), expected.len());
    for (n, (area, id)) in areas.iter().zip(expected).enumerate() {
        assert_eq!(text(area, "id"), id);
        assert_eq!(area["order"].as_i64(), Some(n as i64 + 1));
        assert!(
            records(&doc, "indicators")
                .iter()
                .any(|i| text(i, "area") == id),
            "{id} has no indicator"
        );
    }
}

#[test]
fn arrays_are_sorted_as_the_format_says() {
    let doc = sample();
    for collection in ["areas", "indicators"] {
        let keys: Vec<(i64, &str)> = records(&doc, collection)
            .iter()
            .map(|r| {
                (
                    r["order"].as_i64().expect("order is an integer"),
                    text(r, "id"),
                )
            })
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{collection} are not sorted by order then id");
    }
    for collection in ["units", "values", "relations", "tombstones"] {
        let ids: Vec<&str> = records(&doc, collection)
            .iter()
            .map(|r| text(r, "id"))
            .collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "{collection} are not sorted by id");
    }
}

#[test]
fn the_2013_subsidy_value_explains_its_wider_scope() {
    let doc = sample();
    let value = by_id(&doc, "values")["val-central-subsidy-2013"];
    assert_eq!(text(value, "amount"), "6121");
    let scope = text(value, "scope_note");
    assert!(!scope.is_empty());
    assert!(scope.contains("省公共建设") && scope.contains("省海经"));
}

#[test]
fn key_project_planned_investment_says_which_years_are_total_and_which_annual() {
    let doc = sample();
    let indicators = by_id(&doc, "indicators");
    let scope = text(
        indicators["ind-key-projects-planned-investment"],
        "scope_note",
    );
    assert!(scope.contains("计划总投资") && scope.contains("计划投资额"));
    for value in records(&doc, "values")
        .iter()
        .filter(|v| text(v, "indicator") == "ind-key-projects-planned-investment")
    {
        let expected = match text(value, "period") {
            "2012" | "2013" => "计划总投资",
            _ => "计划投资额",
        };
        assert_eq!(text(value, "scope_note"), expected);
        assert!(text(value, "source").contains(expected));
    }
}

#[test]
fn no_value_exists_for_a_period_the_seed_does_not_give() {
    let doc = sample();
    let cases: &[(&str, &[&str])] = &[
        ("ind-fai-total", &["2012", "2016", "2012..2016"]),
        ("ind-service-value-added", &["2012", "2015", "2016-YTD9"]),
        ("ind-realestate-investment", &["2012..2016"]),
        (
            "ind-central-subsidy",
            &["2012", "2013", "2014", "2015", "2016"],
        ),
        ("ind-key-projects-subprojects", &["2014", "2015"]),
        ("ind-key-projects-municipal", &["2014", "2016"]),
        ("ind-key-projects-provincial", &["2016"]),
        ("ind-online-retail", &["2015", "2016-YTD10"]),
        ("ind-tourism-revenue", &["2015", "2016-YTD10"]),
        ("ind-towns-investment", &["2016-YTD9"]),
        ("ind-town-finance-firms-introduced", &[]),
    ];
    for &(indicator, periods) in cases {
        let expected: BTreeSet<&str> = periods.iter().copied().collect();
        assert_eq!(periods_of(&doc, indicator), expected, "{indicator}");
    }
}

#[test]
fn stated_aims_are_targets_and_not_values() {
    let doc = sample();
    let indicators = by_id(&doc, "indicators");
    for (indicator, period, amount) in [
        ("ind-special-plans-published", "2016", "17"),
        ("ind-towns-investment", "2016", "16"),
        ("ind-town-finance-firms-introduced", "2016", "15"),
    ] {
        let targets = indicators[indicator]["targets"]
            .as_array()
            .expect("targets");
        assert!(
            targets
                .iter()
                .any(|t| text(t, "period") == period && text(t, "amount") == amount),
            "{indicator}: no target {amount} for {period}"
        );
    }
}

#[test]
fn approval_parts_are_recorded_as_stated_even_though_they_do_not_add_up() {
    let doc = sample();
    let relations = by_id(&doc, "relations");
    let values = records(&doc, "values");
    let amount = |indicator: &str| -> f64 {
        let v = values
            .iter()
            .find(|v| text(v, "indicator") == indicator && text(v, "period") == "2012-01..2016-10")
            .expect("approval value");
        text(v, "amount").parse().expect("number")
    };
    let relation = relations["rel-approvals-count-parts"];
    assert_eq!(text(relation, "kind"), "parts_of");
    assert_eq!(relation["complete"], true);
    let parts: f64 = relation["base"]
        .as_array()
        .expect("base")
        .iter()
        .map(|b| amount(text(b, "indicator")))
        .sum();
    // 641 + 250 + 23 = 914, not 941: the seed says so, and the checks are to flag it.
    assert_eq!(parts, 914.0);
    assert_eq!(amount(text(&relation["subject"], "indicator")), 941.0);
}

#[test]
fn stated_rates_are_relations_with_the_stated_percentage() {
    let doc = sample();
    let relations = by_id(&doc, "relations");
    for (id, kind, pct, base_len) in [
        ("rel-fai-growth-2016-vs-2012", "stated_growth", "170", 1),
        (
            "rel-central-subsidy-growth-2016-vs-2015",
            "stated_growth",
            "83.1",
            1,
        ),
        (
            "rel-realestate-share-of-fai-2012-2016",
            "stated_share",
            "35",
            1,
        ),
        (
            "rel-service-va-share-of-gdp-2015",
            "stated_share",
            "69.3",
            0,
        ),
        (
            "rel-central-subsidy-share-of-city-2016",
            "stated_share",
            "36",
            0,
        ),
        ("rel-service-va-growth-2016-ytd9", "stated_growth", "8.7", 0),
        (
            "rel-price-complaints-closure-rate",
            "stated_share",
            "89.8",
            0,
        ),
    ] {
        let relation = relations[id];
        assert_eq!(text(relation, "kind"), kind, "{id}");
        assert_eq!(text(relation, "stated_pct"), pct, "{id}");
        assert_eq!(
            relation["base"].as_array().expect("base").len(),
            base_len,
            "{id}"
        );
        assert!(
            text(relation, "source").contains(&format!("{pct}%")),
            "{id}"
        );
        if base_len == 0 {
            assert!(
                !text(relation, "note").is_empty(),
                "{id}: a base outside the ledger needs a note"
            );
        }
    }
}

#[test]
fn every_relation_quotes_the_seed_verbatim_and_every_kind_the_seed_states_is_recorded() {
    let doc = sample();
    let relations = records(&doc, "relations");
    for relation in relations {
        let id = text(relation, "id");
        let source = text(relation, "source");
        assert!(
            SEED.contains(source),
            "{id}: source is not verbatim: {source}"
        );
    }
    // Kind → words by which the seed states a relation of that kind. Where the seed uses one
    // of the words, the kind must be recorded; where it uses none (no "百分点" in this seed),
    // there is nothing to record.
    let markers: [(&str, &[&str]); 8] = [
        ("parts_of", &["其中"]),
        ("stated_growth", &["增长"]),
        ("stated_multiple", &["倍", "翻一番", "翻番"]),
        ("stated_points", &["百分点"]),
        ("stated_share", &["%", "分之"]),
        ("cumulative_of", &["五年累计"]),
        ("stated_difference", &["核减"]),
        ("stated_rank", &["全市第一", "第七位"]),
    ];
    for (kind, words) in markers {
        let in_seed = words.iter().any(|w| SEED.contains(w));
        let recorded: Vec<&Json> = relations
            .iter()
            .filter(|r| text(r, "kind") == kind)
            .collect();
        assert_eq!(
            !recorded.is_empty(),
            in_seed,
            "{kind}: the seed {} it",
            if in_seed { "states" } else { "never states" }
        );
        // A relation of a numeric kind quotes the words that state it.
        if matches!(kind, "stated_growth" | "stated_multiple" | "stated_points") {
            for relation in recorded {
                let source = text(relation, "source");
                assert!(
                    words.iter().any(|w| source.contains(w)),
                    "{}: the source does not state a {kind}",
                    text(relation, "id")
                );
            }
        }
    }
    assert!(
        !SEED.contains("百分点"),
        "the seed now states percentage points"
    );
}

#[test]
fn every_seed_sentence_that_states_a_relation_is_the_source_of_one() {
    let doc = sample();
    let sources: Vec<&str> = records(&doc, "relations")
        .iter()
        .map(|r| text(r, "source"))
        .collect();
    // Sentences left out on purpose, with the reason.
    let left_out: [(&str, &str); 2] = [
        (
            "今年截至10月累计办结项目审批171件",
            "a year-to-date count, not a total over a span of years",
        ),
        (
            "各类补助共计6121万元",
            "one year's total of kinds of subsidy the seed does not give apart: no part to add \
             up, and not a total over a span of years",
        ),
    ];
    // The words that state a relation. 共, 近五年, 近四年 and 至今 state a total over a span
    // ("近五年,共完成238台", "2012年至今,共上报…517次").
    let words = [
        "其中",
        "%",
        "倍",
        "翻一番",
        "百分点",
        "分之",
        "累计",
        "核减",
        "全市第一",
        "第七位",
        "共",
        "近五年",
        "近四年",
        "至今",
    ];
    for sentence in seed_sentences() {
        // 共 inside a word (公共, 五水共治) states nothing.
        let plain = sentence.replace("公共", "").replace("共治", "");
        let Some(word) = words.iter().find(|w| plain.contains(*w)) else {
            continue;
        };
        if let Some((_, why)) = left_out.iter().find(|(s, _)| sentence.contains(s)) {
            assert!(
                !sources.iter().any(|s| s.contains(sentence)),
                "left out ({why}) but recorded: {sentence}"
            );
            continue;
        }
        assert!(
            sources.iter().any(|s| s.contains(sentence)),
            "“{word}” states a relation, but no relation quotes: {sentence}"
        );
    }
}

#[test]
fn the_number_of_relations_of_each_kind_is_known() {
    let doc = sample();
    let mut counts: BTreeMap<&str, usize> = RELATION_KINDS.iter().map(|k| (*k, 0)).collect();
    for relation in records(&doc, "relations") {
        *counts
            .get_mut(text(relation, "kind"))
            .expect("a known kind") += 1;
    }
    let expected: BTreeMap<&str, usize> = [
        ("parts_of", 17),
        ("stated_growth", 3),
        ("stated_multiple", 1),
        ("stated_points", 0),
        ("stated_share", 8),
        ("cumulative_of", 15),
        ("stated_difference", 1),
        ("stated_rank", 4),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        counts, expected,
        "a relation was lost or added: update this list on purpose"
    );
    assert_eq!(records(&doc, "relations").len(), 49);
}

#[test]
fn a_relation_states_a_number_only_for_the_kinds_that_have_one_and_notes_a_missing_base() {
    let doc = sample();
    for relation in records(&doc, "relations") {
        let id = text(relation, "id");
        let kind = text(relation, "kind");
        let states_a_number = matches!(
            kind,
            "stated_growth" | "stated_multiple" | "stated_points" | "stated_share" | "stated_rank"
        );
        assert_eq!(
            relation.get("stated_pct").is_some(),
            states_a_number,
            "{id}: stated_pct"
        );
        if kind == "parts_of" {
            // A part whose whole the seed does not give is the subject, with no base: the
            // note says the whole is not in the ledger.
            assert!(
                !relation["base"].as_array().expect("base").is_empty()
                    || text(relation, "note").contains("不在台账中"),
                "{id}: parts without a part, or a part without a note on its whole"
            );
        } else {
            assert_eq!(relation["complete"], false, "{id}: complete is for parts");
        }
        // The figures a kind compares with: where the ledger lacks them, the note says so.
        let needed = match kind {
            "stated_difference" => 2,
            "stated_growth" | "stated_multiple" | "stated_points" | "stated_share"
            | "stated_rank" => 1,
            _ => 0,
        };
        if relation["base"].as_array().expect("base").len() < needed {
            assert!(
                text(relation, "note").contains("不在台账中"),
                "{id}: a base outside the ledger needs a note saying so"
            );
        }
    }
}

#[test]
fn numbers_written_in_words_are_stated_as_figures() {
    let doc = sample();
    let relations = by_id(&doc, "relations");
    for (id, kind, stated, words) in [
        (
            "rel-fai-multiple-of-11th-fyp",
            "stated_multiple",
            "3",
            "三倍",
        ),
        (
            "rel-service-va-share-of-city-2016-ytd9",
            "stated_share",
            "25",
            "四分之一",
        ),
        (
            "rel-service-clusters-share-of-city",
            "stated_share",
            "33.33",
            "三分之一",
        ),
        (
            "rel-service-va-rank-in-province-2015",
            "stated_rank",
            "7",
            "第七位",
        ),
        (
            "rel-central-subsidy-rank-in-city-2016",
            "stated_rank",
            "1",
            "位列全市第一",
        ),
        (
            "rel-tourism-revenue-rank-in-city-2016-ytd10",
            "stated_rank",
            "1",
            "居全市第一",
        ),
        (
            "rel-urban-renewal-area-rank-in-city",
            "stated_rank",
            "1",
            "全市第一",
        ),
    ] {
        let relation = relations[id];
        assert_eq!(text(relation, "kind"), kind, "{id}");
        assert_eq!(text(relation, "stated_pct"), stated, "{id}");
        assert!(text(relation, "source").contains(words), "{id}");
        assert!(
            relation["base"].as_array().expect("base").is_empty(),
            "{id}"
        );
    }
    // 三分之一 has no exact decimal: the note says the figure is rounded.
    assert!(text(relations["rel-service-clusters-share-of-city"], "note").contains("33.33"));
}

#[test]
fn parts_differences_and_cumulative_totals_hold_the_seed_figures() {
    let doc = sample();
    let relations = by_id(&doc, "relations");
    let values = records(&doc, "values");
    let amount = |r: &Json| -> f64 {
        let v = values
            .iter()
            .find(|v| {
                text(v, "indicator") == text(r, "indicator")
                    && text(v, "period") == text(r, "period")
            })
            .unwrap_or_else(|| panic!("no value for {r}"));
        text(v, "amount").parse().expect("number")
    };
    let base = |id: &str| -> Vec<f64> {
        relations[id]["base"]
            .as_array()
            .expect("base")
            .iter()
            .map(amount)
            .collect()
    };
    let subject = |id: &str| amount(&relations[id]["subject"]);

    // 全部17个规划 = 11项重点专项规划 + 6项一般专项规划: the only complete list that adds up.
    let plans = "rel-special-plans-total-parts";
    assert_eq!(relations[plans]["complete"], true);
    assert_eq!(subject(plans), 17.0);
    assert_eq!(base(plans).iter().sum::<f64>(), 17.0);

    // Subsets: the parts named do not exceed the whole.
    for (id, whole, parts) in [
        ("rel-special-plans-total-progress-parts", 17.0, 8.0),
        ("rel-key-projects-2014-parts", 19.0, 10.0),
        ("rel-service-firms-above-scale-parts", 1008.0, 184.0),
        ("rel-office-buildings-parts", 150.0, 31.0),
        ("rel-ppp-reserve-signed-parts", 6.0, 1.0),
        ("rel-ppp-signed-total-parts", 3.0, 1.0),
        ("rel-scf-expected-projects-parts", 8.0, 3.0),
        ("rel-rural-insurance-claims-parts", 188569.0, 90.0),
        ("rel-cost-audit-cut-parts", 29145.77, 4538.77),
    ] {
        assert_eq!(text(relations[id], "kind"), "parts_of", "{id}");
        assert_eq!(relations[id]["complete"], false, "{id}");
        assert_eq!(subject(id), whole, "{id}");
        assert!((base(id).iter().sum::<f64>() - parts).abs() < 1e-6, "{id}");
    }

    // 审查前38.3亿元 − 审查后36.3亿元 = 核减约2亿元.
    let cut = "rel-budget-review-cut-difference";
    assert_eq!(text(relations[cut], "kind"), "stated_difference");
    assert_eq!(text(relations[cut], "qualifier"), "about");
    assert_eq!(base(cut), vec![38.3, 36.3]);
    assert_eq!(subject(cut), 2.0);

    // 五年累计, 近五年共, 近四年来共: the span total of the indicator's own years (base left
    // empty; the years are not in the ledger, and the note says so).
    for (id, indicator, period, total) in [
        (
            "rel-fai-total-cumulative-2012-2016",
            "ind-fai-total",
            "2012..2016",
            1485.0,
        ),
        (
            "rel-realestate-cumulative-2012-2016",
            "ind-realestate-investment",
            "2012..2016",
            527.0,
        ),
        (
            "rel-boilers-retrofitted-cumulative-2012-2016",
            "ind-boilers-retrofitted",
            "2012..2016",
            238.0,
        ),
        (
            "rel-lowcarbon-campaigns-cumulative-2012-2016",
            "ind-lowcarbon-campaigns",
            "2012..2016",
            20.0,
        ),
        (
            "rel-village-post-funds-cumulative-2013-2016",
            "ind-village-post-funds",
            "2013..2016",
            400.0,
        ),
        (
            "rel-model-stores-developed-cumulative-2012-2016",
            "ind-model-stores-developed",
            "2012..2016",
            53.0,
        ),
    ] {
        assert_eq!(text(relations[id], "kind"), "cumulative_of", "{id}");
        assert_eq!(text(&relations[id]["subject"], "indicator"), indicator);
        assert_eq!(text(&relations[id]["subject"], "period"), period);
        assert!(base(id).is_empty(), "{id}");
        assert_eq!(subject(id), total, "{id}");
        assert!(text(relations[id], "note").contains("不在台账中"), "{id}");
    }
}

#[test]
fn a_part_whose_whole_the_seed_does_not_give_is_recorded_on_the_part_with_a_note() {
    // "由……高端技术人员组成,其中教授级高工12人": the pool's size is not in the seed.
    let doc = sample();
    let relation = by_id(&doc, "relations")["rel-expert-pool-senior-parts"];
    assert_eq!(text(relation, "kind"), "parts_of");
    assert_eq!(
        text(&relation["subject"], "indicator"),
        "ind-expert-pool-senior"
    );
    assert!(relation["base"].as_array().expect("base").is_empty());
    assert_eq!(relation["complete"], false);
    assert!(text(relation, "source").contains("其中教授级高工12人"));
    assert!(text(relation, "note").contains("专家库的人数,原文未给,不在台账中"));
    // No figure is made up for the whole.
    let pool: Vec<&str> = records(&doc, "indicators")
        .iter()
        .map(|i| text(i, "name"))
        .filter(|name| name.contains("专家库"))
        .collect();
    assert_eq!(pool, vec!["项目咨询专家库中教授级高工"]);
}

#[test]
fn the_sample_holds_the_projects_the_seed_names_with_only_the_facts_it_gives() {
    let file: serde_json::Value =
        serde_json::from_str(SAMPLE_JSON_FOR_PROJECTS).expect("sample JSON");
    let seed = include_str!("fixtures/seed-lucheng-2012-2016.txt");
    let projects = file["projects"].as_array().expect("projects");
    assert!(projects.len() >= 20, "{} projects", projects.len());
    for project in projects {
        let name = project["name"].as_str().expect("name");
        assert!(
            seed.contains(name) || seed.contains(name.trim_end_matches("项目")),
            "{name} is not in the seed"
        );
        let note = project["note"].as_str().expect("note");
        for line in note.lines() {
            assert!(
                seed.contains(line),
                "{name}: note is not a seed sentence: {line}"
            );
        }
        assert!(
            project.get("code").is_none(),
            "the seed gives no project codes"
        );
        assert!(
            project.get("start").is_none() && project.get("planned_completion").is_none(),
            "the seed gives no dates"
        );
    }
    let by_name = |name: &str| {
        projects
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    assert_eq!(by_name("温州金融科技文化中心")["class"], "PPP");
    assert_eq!(
        by_name("温州金融科技文化中心")["total_investment"],
        "225000"
    );
    for opened in ["瓯越大桥", "七都大桥", "金温铁路扩能改造工程鹿城段"] {
        assert_eq!(by_name(opened)["status"], "in_service", "{opened} 建成通车");
    }
    assert!(
        by_name("瓯江路西延伸段").get("status").is_none(),
        "no status where the seed gives none"
    );
    assert_eq!(by_name("双屿至藤桥公路工程")["level"], "省重点");
}

const SAMPLE_JSON_FOR_PROJECTS: &str = include_str!("../public/samples/lucheng-2012-2016.json");
