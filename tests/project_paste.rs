//! Rows of projects pasted from a spreadsheet into the project list: read like a 项目 sheet,
//! checked like the form, stored as one undoable step; a bad cell named by its row and column.

use taizhang::model::{Amount, Lang, ProjectStatus, SeededIds};
use taizhang::workspace::project_paste::{paste_place, plan_project_paste};
use taizhang::workspace::Workspace;

fn workspace() -> Workspace {
    let sample = taizhang::sample::load_lucheng_sample()
        .expect("sample")
        .dataset;
    Workspace::new(sample, "d-paste", "王芳")
}

#[test]
fn rows_without_headings_take_the_list_columns_and_are_one_step() {
    let mut w = workspace();
    let before = w.dataset().projects().count();
    // Two rows copied from Excel: name, class, level, status, street, total investment.
    let text = "鹿城区中心小学扩建工程\t政府投资\t区重点\t新开工\t五马街道\t12000\r\n\
                七都大桥接线工程\t重点建设\t市重点\t续建\t七都街道\t3.5亿元\r\n";
    let paste = plan_project_paste(w.dataset(), text, &mut SeededIds::new(3)).expect("planned");
    assert_eq!((paste.added, paste.changed), (2, 0));
    w.apply(paste.edit, "2026-12-01T10:00:00Z")
        .expect("applied");
    let d = w.dataset();
    assert_eq!(d.projects().count(), before + 2);
    let school = d
        .projects()
        .find(|p| p.name == "鹿城区中心小学扩建工程")
        .expect("added");
    assert_eq!(school.class, "政府投资");
    assert_eq!(school.status, Some(ProjectStatus::NewlyStarted));
    assert_eq!(
        school.total_investment,
        Amount::from_canonical("12000").ok()
    );
    let bridge = d
        .projects()
        .find(|p| p.name == "七都大桥接线工程")
        .expect("added");
    // 3.5亿元 typed with its unit: 35000 万元.
    assert_eq!(
        bridge.total_investment,
        Amount::from_canonical("35000").ok()
    );
    assert_eq!(school.updated_by, "王芳");
    // One step of the history.
    assert!(w.undo("2026-12-01T10:01:00Z").expect("undone"));
    assert_eq!(w.dataset().projects().count(), before);
}

#[test]
fn rows_with_headings_update_a_project_named_by_its_name() {
    let mut w = workspace();
    let name = w
        .dataset()
        .projects()
        .map(|p| p.name.clone())
        .find(|n| n == "计划生育服务站")
        .expect("a sample project");
    let text = format!("项目名称\t业主单位\t总投资(万元)\n{name}\t鹿城区卫生健康局\t2600\n");
    let paste = plan_project_paste(w.dataset(), &text, &mut SeededIds::new(4)).expect("planned");
    assert_eq!((paste.added, paste.changed), (0, 1));
    w.apply(paste.edit, "2026-12-01T10:00:00Z")
        .expect("applied");
    let project = w
        .dataset()
        .projects()
        .find(|p| p.name == name)
        .expect("kept");
    assert_eq!(project.owner, "鹿城区卫生健康局");
    assert_eq!(
        project.total_investment,
        Amount::from_canonical("2600").ok()
    );
    assert_eq!(w.dataset().projects().count(), 23);
}

#[test]
fn a_bad_cell_is_named_by_row_and_column_and_nothing_is_stored() {
    let w = workspace();
    let text = "新建项目甲\t政府投资\t区重点\t新开工\t五马街道\t12000\n\
                新建项目乙\t政府投资\t区重点\t开会中\t五马街道\t约一亿\n";
    let problems =
        plan_project_paste(w.dataset(), text, &mut SeededIds::new(5)).expect_err("refused");
    let lines: Vec<String> = problems
        .iter()
        .map(|p| {
            format!(
                "{}: {}",
                paste_place(p).render(Lang::Zh),
                p.message.render(Lang::Zh)
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            "第2行第4列: “开会中”不是可用的状态",
            "第2行第6列: 不是数值:“约一亿”不是数值"
        ]
    );
    assert_eq!(
        paste_place(&problems[0]).render(Lang::En),
        "row 2, column 4"
    );
}
