//! Entering figures as a clerk does: typed cells and blocks pasted from a spreadsheet, on the
//! sample's 重点项目建设 table, through the model's one door.

use taizhang::model::{ChangeContext, Dataset, Edit, Period, RecordId, SeededIds};
use taizhang::workspace::entry::{
    enter_figure, plan_paste, read_block, CellPosition, EntryError, PasteError, TableLayout,
};

fn sample() -> Dataset {
    taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset
}

fn id(text: &str) -> RecordId {
    RecordId::parse(text).expect("id")
}

fn context() -> ChangeContext {
    ChangeContext {
        device: "d-1".into(),
        author: "张三".into(),
        at: "2026-11-30T10:00:00Z".into(),
    }
}

fn figure(dataset: &Dataset, indicator: &str, period: Period) -> Option<String> {
    dataset
        .value_at(&id(indicator), &period)
        .map(|v| v.amount.canonical())
}

/// The key-projects table as the page lays it out: its indicators and the years 2012–2016.
fn key_projects(dataset: &Dataset) -> (RecordId, Vec<RecordId>, Vec<Period>) {
    let area = id("area-key-projects");
    let rows = dataset
        .indicators_in(&area)
        .into_iter()
        .map(|i| i.id.clone())
        .collect();
    let columns = (2012..=2016).map(Period::Year).collect();
    (area, rows, columns)
}

#[test]
fn a_typed_figure_is_converted_to_the_indicator_unit_and_a_bad_one_is_refused() {
    let mut dataset = sample();
    let mut ids = SeededIds::new(7);
    let edit = enter_figure(
        &dataset,
        &id("ind-key-projects-planned-investment"),
        Period::Year(2017),
        "712000万元",
        &mut ids,
    )
    .expect("accepted")
    .expect("an edit");
    dataset.apply(edit, &context()).expect("applied");
    assert_eq!(
        figure(
            &dataset,
            "ind-key-projects-planned-investment",
            Period::Year(2017)
        )
        .as_deref(),
        Some("71.2")
    );

    for (input, expected) in [
        (
            "352 370",
            EntryError::Amount(taizhang::model::AmountError::SpaceInNumber {
                input: "352 370".into(),
            }),
        ),
        (
            "12个",
            EntryError::UnitMismatch {
                expected: "亿元".into(),
                unit: "个".into(),
            },
        ),
        (
            "5公里",
            EntryError::UnknownUnit {
                unit: "公里".into(),
            },
        ),
    ] {
        assert_eq!(
            enter_figure(
                &dataset,
                &id("ind-key-projects-planned-investment"),
                Period::Year(2016),
                input,
                &mut ids
            ),
            Err(expected),
            "{input}"
        );
    }
    // An emptied cell deletes its figure; an empty cell left empty is no edit.
    let emptied = enter_figure(
        &dataset,
        &id("ind-key-projects-count"),
        Period::Year(2016),
        " ",
        &mut ids,
    )
    .expect("accepted");
    assert!(matches!(emptied, Some(Edit::Delete { .. })));
    assert_eq!(
        enter_figure(
            &dataset,
            &id("ind-key-projects-count"),
            Period::Year(2017),
            "",
            &mut ids
        ),
        Ok(None)
    );
}

#[test]
fn a_pasted_three_by_two_block_fills_the_cells_right_and_below_in_one_undoable_edit() {
    let mut dataset = sample();
    let (area, rows, columns) = key_projects(&dataset);
    let table = TableLayout {
        area: &area,
        rows: &rows,
        columns: &columns,
    };
    let row_of = |indicator: &str| rows.iter().position(|r| r == &id(indicator)).expect("row");
    let first = row_of("ind-key-projects-count");
    // Three columns (2014–2016) of two rows, as Excel puts them on the clipboard.
    let block = read_block("20\t17\t98\r\n140\t110\t150\r\n");
    let plan = plan_paste(
        &dataset,
        table,
        CellPosition {
            row: first,
            column: 2,
        },
        &block,
        false,
        &mut SeededIds::new(1),
    )
    .expect("planned");
    assert_eq!(plan.cells, 6);
    let before = dataset.clone();
    let applied = dataset.apply(plan.edit, &context()).expect("applied");
    let second = &rows[first + 1];
    assert_eq!(second, &id("ind-key-projects-subprojects"));
    for (indicator, year, expected) in [
        ("ind-key-projects-count", 2014, "20"),
        ("ind-key-projects-count", 2015, "17"),
        ("ind-key-projects-count", 2016, "98"),
        ("ind-key-projects-subprojects", 2014, "140"),
        ("ind-key-projects-subprojects", 2015, "110"),
        ("ind-key-projects-subprojects", 2016, "150"),
    ] {
        assert_eq!(
            figure(&dataset, indicator, Period::Year(year)).as_deref(),
            Some(expected),
            "{indicator} {year}"
        );
    }
    // One undo takes the whole block back.
    dataset.apply(applied.inverse, &context()).expect("undone");
    for (indicator, year) in [
        ("ind-key-projects-count", 2016),
        ("ind-key-projects-subprojects", 2016),
    ] {
        assert_eq!(
            figure(&dataset, indicator, Period::Year(year)),
            figure(&before, indicator, Period::Year(year))
        );
    }
}

#[test]
fn a_paste_with_a_bad_cell_stores_nothing_and_names_every_refused_cell() {
    let dataset = sample();
    let (area, rows, columns) = key_projects(&dataset);
    let table = TableLayout {
        area: &area,
        rows: &rows,
        columns: &columns,
    };
    let block = read_block("20\t1,2,3\t98\nabc\t110\t150");
    let Err(PasteError::Refused(problems)) = plan_paste(
        &dataset,
        table,
        CellPosition { row: 0, column: 2 },
        &block,
        false,
        &mut SeededIds::new(1),
    ) else {
        panic!("a bad cell must refuse the paste");
    };
    let named: Vec<(usize, usize, String)> = problems
        .iter()
        .map(|p| (p.position.row, p.position.column, p.input.clone()))
        .collect();
    assert_eq!(named, vec![(0, 3, "1,2,3".into()), (1, 2, "abc".into())]);
    assert_eq!(problems[0].period, Period::Year(2015));
}

#[test]
fn a_block_wider_than_the_table_offers_the_next_years_and_a_taller_one_is_refused() {
    let mut dataset = sample();
    let (area, rows, columns) = key_projects(&dataset);
    let table = TableLayout {
        area: &area,
        rows: &rows,
        columns: &columns,
    };
    let block = read_block("97\t101\t105");
    let anchor = CellPosition { row: 0, column: 4 };
    let refused = plan_paste(
        &dataset,
        table,
        anchor,
        &block,
        false,
        &mut SeededIds::new(1),
    );
    assert_eq!(
        refused,
        Err(PasteError::DoesNotFit {
            rows_over: 0,
            columns_over: 2,
            cells_outside: 2,
            columns_to_add: vec![Period::Year(2017), Period::Year(2018)],
        })
    );
    let plan = plan_paste(
        &dataset,
        table,
        anchor,
        &block,
        true,
        &mut SeededIds::new(1),
    )
    .expect("with the columns added");
    assert_eq!(
        plan.added_columns,
        vec![Period::Year(2017), Period::Year(2018)]
    );
    dataset.apply(plan.edit, &context()).expect("applied");
    assert_eq!(
        dataset.area(&area).expect("area").columns,
        vec![Period::Year(2017), Period::Year(2018)]
    );
    assert_eq!(
        figure(&dataset, "ind-key-projects-count", Period::Year(2018)).as_deref(),
        Some("105")
    );

    // Below the last row there is no indicator to fill: refused, naming the cells outside.
    let last = CellPosition {
        row: rows.len() - 1,
        column: 0,
    };
    assert_eq!(
        plan_paste(
            &dataset,
            table,
            last,
            &read_block("1\n2\n3"),
            true,
            &mut SeededIds::new(1)
        ),
        Err(PasteError::DoesNotFit {
            rows_over: 2,
            columns_over: 0,
            cells_outside: 2,
            columns_to_add: Vec::new(),
        })
    );
}
