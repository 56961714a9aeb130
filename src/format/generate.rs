//! A large, deterministic ledger for benchmarks and load tests: N indicators spread over eight
//! work areas, each with a value for every year of a run, ids and amounts from a seeded
//! generator, so the same options always give the same bytes.

use crate::model::{
    Amount, Area, Dataset, DatasetMeta, Date, IdSource, Indicator, IndicatorKind, Period,
    Qualifier, Record, RecordId, SeededIds, Unit, Value,
};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    pub indicators: usize,
    pub years: i32,
    pub seed: u64,
}

pub fn generate(options: &GenerateOptions) -> Dataset {
    let mut ids = SeededIds::new(options.seed);
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
    let insert = |dataset: &mut Dataset, record: Record| {
        // Generated records are consistent by construction; a refusal would be a bug here.
        if let Err(error) = dataset.insert_loaded(record) {
            panic!("generated record refused: {error}");
        }
    };
    let areas: Vec<RecordId> = area_names
        .iter()
        .enumerate()
        .map(|(order, name)| {
            let id =
                RecordId::parse(&format!("area-{order}")).unwrap_or_else(|| ids_fallback(order));
            insert(
                &mut dataset,
                Record::Area(Area {
                    id: id.clone(),
                    name: name.to_string(),
                    name_en: format!("Area {}", order + 1),
                    order: order as i64 + 1,
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
    for index in 0..options.indicators {
        let indicator_id = ids.next_id();
        insert(
            &mut dataset,
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
                &mut dataset,
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
    dataset
}

fn ids_fallback(index: usize) -> RecordId {
    RecordId::from_random(index as u64)
}
