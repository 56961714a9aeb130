//! Every released format version keeps a fixture file that must keep loading, exactly. A
//! released fixture is never regenerated: when the format changes, a new version gets a new
//! fixture and a migration step, and this file gains a test.

use taizhang::format::{read_file, ChecksumStatus};
use taizhang::model::{Period, Qualifier, RecordId, RecordKind};

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("id")
}

#[test]
fn the_format_1_fixture_still_loads_with_every_field() {
    let loaded = read_file(include_str!("fixtures/format/v1.json")).expect("format 1 reads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.checksum, ChecksumStatus::Valid);
    let export = loaded.export.as_ref().expect("export info");
    assert_eq!(export.id, "x-00000000000000a2");
    assert_eq!(export.exported_by, "张三");
    assert_eq!(export.derived_from, vec!["x-00000000000000a1".to_string()]);
    let d = &loaded.dataset;
    assert_eq!(d.meta.lineage, vec!["x-00000000000000a1".to_string()]);
    assert_eq!(d.count(RecordKind::Value), 4);
    assert_eq!(d.count(RecordKind::Relation), 1);
    assert_eq!(
        d.tombstone(&id("val-2013")).map(|t| t.deleted.counter),
        Some(8)
    );
    let ytd = d
        .value_at(
            &id("ind-fai"),
            &Period::YearToDate {
                year: 2016,
                through_month: 10,
            },
        )
        .expect("ytd");
    assert_eq!(ytd.amount.canonical(), "742.3464");
    assert_eq!(ytd.qualifier, Qualifier::About);
    let v2016 = d.value(&id("val-2016")).expect("2016");
    assert_eq!(v2016.stamps["amount"].counter, 7);
    assert_eq!(v2016.updated_by, "李四");
    assert_eq!(d.clock, 8, "the clock resumes after the greatest stamp");
    let indicator = d.indicator(&id("ind-fai")).expect("indicator");
    assert_eq!(indicator.targets[0].period, Period::Year(2017));
    assert!(d
        .value_at(
            &id("ind-fai"),
            &Period::Cumulative {
                from: taizhang::model::YearMonth {
                    year: 2012,
                    month: 1
                },
                to: taizhang::model::YearMonth {
                    year: 2016,
                    month: 10
                },
            }
        )
        .is_some());
}

#[test]
fn the_published_schema_names_the_same_top_level_keys_as_the_reader() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../public/schema/taizhang-v1.schema.json"))
            .expect("schema is JSON");
    let properties = schema["properties"].as_object().expect("properties");
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/format/v1.json")).expect("fixture is JSON");
    for key in fixture.as_object().expect("object").keys() {
        assert!(
            properties.contains_key(key),
            "schema lacks top-level key {key}"
        );
    }
    for collection in ["areas", "units", "indicators", "values", "relations"] {
        let schema_keys = properties[collection]["items"]["properties"]
            .as_object()
            .expect("record properties");
        for record in fixture[collection].as_array().expect("array") {
            for key in record.as_object().expect("record").keys() {
                assert!(
                    schema_keys.contains_key(key),
                    "schema lacks {collection}.{key}"
                );
            }
        }
    }
}
