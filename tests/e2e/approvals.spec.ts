import { test, expect, type Page } from '@playwright/test';
import { AppPage } from './pages';

// The sample's reporting date is 2016-10-31; its projects record no owner, so reminders go to
// the project itself.
const HOSPITAL = 'prj-district-hospital-relocation';
const HOSPITAL_NAME = '区人民医院迁建工程';

type Approval = {
  item: string;
  procedure: 'filing' | 'verification' | 'review';
  body?: string;
  applied: string;
  issued?: string;
  documentNo?: string;
  months?: string;
  onBehalf?: boolean;
};

// The environmental impact assessment both tests add to the hospital (validity set per test).
const IMPACT_ASSESSMENT: Approval = {
  item: '环评',
  procedure: 'review',
  body: '温州市环保局',
  applied: '2016-01-10',
  issued: '2016-02-01',
  documentNo: '温环建〔2016〕8号',
};

async function fillApproval(page: Page, a: Approval): Promise<void> {
  const form = page.getByTestId('approval-form');
  await form.getByTestId('approval-item').fill(a.item);
  await form.getByTestId('approval-procedure').selectOption(a.procedure);
  await form.getByTestId('approval-body').fill(a.body ?? '');
  await form.getByTestId('approval-applied').fill(a.applied);
  await form.getByTestId('approval-issued').fill(a.issued ?? '');
  await form.getByTestId('approval-document-no').fill(a.documentNo ?? '');
  await form.getByTestId('approval-months').fill(a.months ?? '');
  if (a.onBehalf) await form.getByTestId('approval-on-behalf').check();
  await form.getByTestId('approval-add').click();
}

function registerCount(page: Page, code: string) {
  return page.locator(`[data-testid="register-count"][data-count="${code}"]`).getByTestId('register-count-value');
}

test('an approval expiring on the reporting date is listed, reminded, extended, counted and exported as a calendar', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(`#/project/${HOSPITAL}`);
  const rows = page.getByTestId('approval-row');
  await expect(rows).toHaveCount(0);

  // Bad input: a validity of negative months is refused at the field and nothing is stored.
  await fillApproval(page, { ...IMPACT_ASSESSMENT, months: '-3' });
  await expect(page.getByTestId('approval-validity-error')).toHaveText('有效期应至少为 1 个月');
  await expect(rows).toHaveCount(0);

  // Nine months from 2016-02-01: valid through 2016-10-31, the reporting date itself.
  await page.getByTestId('approval-months').fill('9');
  await page.getByTestId('approval-add').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('approval-end')).toHaveText('2016-10-31');
  await expect(rows.first().getByTestId('approval-status')).toHaveText('办结');
  // A filing the bureau handled for the owner (代办), valid two years.
  await fillApproval(page, {
    item: '项目备案',
    procedure: 'filing',
    body: '鹿城区发改局',
    applied: '2016-09-01',
    issued: '2016-09-05',
    months: '24',
    onBehalf: true,
  });
  await expect(rows).toHaveCount(2);
  await app.waitSaved();

  await page.getByTestId('tab-deadlines').click();
  await expect(page.getByTestId('deadlines-page')).toBeVisible();
  await expect(page.getByTestId('count-expiring')).toHaveText('1');
  await expect(page.getByTestId('count-expired')).toHaveText('0');
  await expect(page.getByTestId('owner-name')).toHaveText([HOSPITAL_NAME]);
  const due = page.getByTestId('due-row');
  await expect(due).toHaveCount(1);
  await expect(due.getByTestId('due-item')).toHaveText('环评');
  await expect(due.getByTestId('due-text')).toHaveText('今天到期');
  await expect(registerCount(page, 'approvals_done')).toHaveText('2');
  await expect(registerCount(page, 'proxy_filings')).toHaveText('1');
  await expect(registerCount(page, 'reminded_owners')).toHaveText('0');
  await expect(registerCount(page, 'extension_owners')).toHaveText('0');

  // One click records the reminder, dated the reporting date.
  await due.getByTestId('remind').click();
  await expect(due.getByTestId('due-reminded')).toHaveText('2016-10-31');
  await expect(registerCount(page, 'reminded_owners')).toHaveText('1');

  // The dates are asked for once 延期… is clicked, the new end focused; an extension that does
  // not end later than the current end is refused with the rule.
  await expect(due.getByTestId('extend-until')).toHaveCount(0);
  await due.getByTestId('extend-open').click();
  await expect(due.getByTestId('extend-until')).toBeFocused();
  await expect(due.getByTestId('extend-granted')).toHaveValue('2016-10-31');
  await due.getByTestId('extend-until').fill('2016-10-01');
  await due.getByTestId('extend-button').click();
  await expect(due.getByTestId('extend-error')).toHaveText('延期后的截止日须晚于当前截止日');
  await expect(due).toHaveCount(1);
  // 取消 puts the dates away with the message; 延期… asks again.
  await due.getByTestId('extend-cancel').click();
  await expect(due.getByTestId('extend-until')).toHaveCount(0);
  await expect(due.getByTestId('extend-error')).toHaveCount(0);
  await due.getByTestId('extend-open').click();
  await due.getByTestId('extend-until').fill('2017-04-30');
  await due.getByTestId('extend-button').click();
  await expect(page.getByTestId('deadlines-empty')).toBeVisible();
  await expect(page.getByTestId('count-expiring')).toHaveText('0');
  await expect(registerCount(page, 'extension_owners')).toHaveText('1');
  await app.waitSaved();

  // A wider window (a preference of this computer) lists the extended approval again, here,
  // on the dashboard's card and after a reload; a window that is not a number is refused.
  await page.getByTestId('deadline-settings').locator('summary').click();
  await page.getByTestId('setting-expiring').fill('两百');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-error')).toHaveText('天数应为不小于 0 的整数');
  await expect(page.getByTestId('count-expiring')).toHaveText('0');
  await page.getByTestId('setting-expiring').fill('200');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('count-expiring')).toHaveText('1');
  await expect(due.getByTestId('due-text')).toHaveText('181 天后到期');
  await app.reload();
  await expect(page.getByTestId('count-expiring')).toHaveText('1');
  await app.open('#/');
  await expect(page.getByTestId('summary-deadlines-due')).toHaveText('1');
  await app.open('#/projects/deadlines');

  // The calendar: both upcoming ends, each an all-day event with a week's alarm.
  const download = page.waitForEvent('download');
  await page.getByTestId('export-ics').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('expiries-2016-10-31.ics');
  const ics = require('fs').readFileSync(await file.path(), 'utf8') as string;
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  const starts = [...ics.matchAll(/DTSTART;VALUE=DATE:(\d{8})/g)].map((m) => m[1]);
  expect(starts).toEqual(['20170430', '20180904']);
  expect(ics.replace(/\r\n /g, '')).toContain(`SUMMARY:审批到期:${HOSPITAL_NAME} 环评`);

  // The indicator the work summary states shows the records' count beside the typed 171, and
  // after a reload everything is still there.
  await app.reload();
  await app.open('#/indicator/ind-approvals-completed');
  await expect(page.getByTestId('value-amount')).toHaveText('171');
  await expect(page.getByTestId('value-counted-figure')).toHaveText('2');
  await app.open(`#/project/${HOSPITAL}`);
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByTestId('approval-status')).toHaveText('延期');
  await expect(rows.first().getByTestId('approval-end')).toHaveText('2017-04-30');
});

test('a joint review meeting records its decisions and raises a follow-up supervision item', async ({ page }) => {
  const app = new AppPage(page);
  await app.open('#/projects/meetings');
  await expect(page.getByTestId('meetings-empty')).toBeVisible();
  await page.getByTestId('meeting-date').fill('2016-05-12');
  await page.getByTestId('meeting-title').fill('2016年第5次项目联审会');
  await page.getByTestId('meeting-attendees').fill('国土鹿城分局、规划鹿城分局,环保鹿城分局');
  await page.getByTestId('meeting-project').selectOption(HOSPITAL);
  await page.getByTestId('meeting-decision').fill('同意先行开展用地预审');
  await page.getByTestId('meeting-add-project').click();
  await page.getByTestId('meeting-save').click();
  const card = page.getByTestId('meeting');
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId('meeting-card-title')).toHaveText('2016年第5次项目联审会');
  await expect(card.getByTestId('meeting-card-attendees')).toContainText('国土鹿城分局、规划鹿城分局、环保鹿城分局');
  await expect(card.getByTestId('meeting-card-item')).toHaveText(`${HOSPITAL_NAME}: 同意先行开展用地预审`);

  await card.getByTestId('follow-up-problem').fill('用地预审材料补正');
  await card.getByTestId('follow-up-responsible').fill('国土鹿城分局');
  await card.getByTestId('follow-up-deadline').fill('2016-06-12');
  await card.getByTestId('follow-up-add').click();
  await expect(card.getByTestId('follow-up')).toHaveCount(1);
  await expect(card.getByTestId('follow-up')).toContainText('用地预审材料补正');
  await app.waitSaved();

  // The follow-up is a supervision item of the project, overdue as of 2016-10-31; the meeting
  // counts for this year.
  await app.open(`#/project/${HOSPITAL}`);
  const item = page.getByTestId('supervision-row');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('用地预审材料补正');
  await expect(item.getByTestId('overdue')).toBeVisible();
  // It names the meeting that raised it and links to the meetings.
  await expect(item.getByTestId('supervision-meeting')).toHaveText('联审会交办: 2016-05-12 2016年第5次项目联审会');
  await item.getByTestId('supervision-meeting').click();
  await expect(page.getByTestId('meeting-card-title')).toHaveText('2016年第5次项目联审会');
  await app.open('#/projects/deadlines');
  await expect(registerCount(page, 'joint_meetings')).toHaveText('1');

  // In English the page speaks English (the user's data stays as typed).
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('tab-meetings')).toHaveText('Joint reviews');
  await expect(page.locator('[data-count="joint_meetings"] td').first()).toHaveText('Joint review meetings held');
});

test('到期提醒 in English shows no Chinese but the user\'s own data', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(`#/project/${HOSPITAL}`);
  await fillApproval(page, { ...IMPACT_ASSESSMENT, months: '6' });
  await expect(page.getByTestId('approval-row')).toHaveCount(1);
  await app.waitSaved();
  await page.getByTestId('tab-deadlines').click();
  await app.langSwitch.click();
  const due = page.getByTestId('due-row');
  await expect(due).toHaveCount(1);
  await expect(page.getByTestId('count-expired')).toHaveText('1');
  await expect(due.getByTestId('due-item')).toHaveText('Environmental assessment');
  await expect(due.getByTestId('due-text')).toHaveText('Expired 92 days ago');
  const shown = await page.getByTestId('deadlines-page').innerText();
  const chrome = [HOSPITAL_NAME, '温环建〔2016〕8号'].reduce((text, data) => text.split(data).join(''), shown);
  expect(chrome.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/g)).toBeNull();
  await app.langSwitch.click();
});

test('an application in progress is edited to issued, later marked lapsed, and undo restores it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(`#/project/${HOSPITAL}`);
  const rows = page.getByTestId('approval-row');
  await fillApproval(page, { item: '用地', procedure: 'review', body: '温州市国土资源局', applied: '2016-01-10' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('approval-status')).toHaveText('在办');
  await app.waitSaved();
  await page.getByTestId('tab-deadlines').click();
  const due = page.getByTestId('due-row');
  await expect(due).toHaveCount(1);
  await expect(due.getByTestId('due-text')).toHaveText('在办 295 天');

  // The row's editor holds the approval as stored; a day issued marks it 办结, and one before
  // the day applied is refused at the field with nothing stored.
  await app.open(`#/project/${HOSPITAL}`);
  await rows.first().getByTestId('approval-edit').click();
  const editor = page.getByTestId('approval-editor');
  await expect(editor.getByTestId('approval-item')).toHaveValue('用地');
  await expect(editor.getByTestId('approval-applied')).toHaveValue('2016-01-10');
  await expect(editor.getByTestId('approval-status-select')).toHaveValue('pending');
  await editor.getByTestId('approval-issued').fill('2016-01-05');
  await expect(editor.getByTestId('approval-status-select')).toHaveValue('done');
  await editor.getByTestId('approval-save').click();
  await expect(editor.getByTestId('approval-issued-error')).toHaveText('批复日期不能早于申请日期');
  await expect(rows.first().getByTestId('approval-status')).toHaveText('在办');
  await editor.getByTestId('approval-issued').fill('2016-03-01');
  await editor.getByTestId('approval-document-no').fill('温土资〔2016〕12号');
  await editor.getByTestId('approval-months').fill('6');
  await editor.getByTestId('approval-save').click();
  await expect(editor).toHaveCount(0);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('approval-status')).toHaveText('办结');
  await expect(rows.first().getByTestId('approval-issued-on')).toHaveText('2016-03-01');
  await expect(rows.first().getByTestId('approval-number')).toHaveText('温土资〔2016〕12号');
  await expect(rows.first().getByTestId('approval-end')).toHaveText('2016-08-31');
  await app.waitSaved();
  await page.getByTestId('tab-deadlines').click();
  await expect(due).toHaveCount(1);
  await expect(due.getByTestId('due-text')).toHaveText('已过期 61 天');
  await expect(registerCount(page, 'approvals_done')).toHaveText('1');

  // The typed 171 against the one approval issued: a finding on the indicator's page and on 数据核对.
  await app.open('#/indicator/ind-approvals-completed');
  await expect(page.getByTestId('value-counted-figure')).toHaveText('1');
  await expect(page.getByTestId('value-counted-difference')).toHaveText('记录 1 件,相差 170');
  await expect(page.getByTestId('value-counted')).toHaveClass(/differs/);
  await app.langSwitch.click();
  await expect(page.getByTestId('value-counted-difference')).toHaveText('the records give 1 approval(s), a difference of 170');
  await app.langSwitch.click();
  await page.getByTestId('nav-checks').click();
  // With approvals recorded, the three counts made of them are checked against their figures.
  const counted = page.getByTestId('finding').filter({ hasText: '审批台账记录为' });
  await expect(counted.getByTestId('finding-message')).toHaveText([
    '审批台账记录为 1件,填报为 171件,相差 -170件',
    '审批台账记录为 0家,填报为 8家,相差 -8家',
    '审批台账记录为 0个,填报为 51个,相差 -51个',
  ]);
  await expect(
    counted.filter({ has: page.locator('a[href="#/indicator/ind-approvals-completed"]') }).getByTestId('finding-message'),
  ).toHaveText('审批台账记录为 1件,填报为 171件,相差 -170件');

  // Marked 失效 later: no longer followed, it leaves 到期提醒; undo brings it back.
  await app.open(`#/project/${HOSPITAL}`);
  await rows.first().getByTestId('approval-edit').click();
  await expect(editor.getByTestId('approval-status-select')).toHaveValue('done');
  await editor.getByTestId('approval-status-select').selectOption('lapsed');
  await editor.getByTestId('approval-save').click();
  await expect(rows.first().getByTestId('approval-status')).toHaveText('失效');
  await app.waitSaved();
  await page.getByTestId('tab-deadlines').click();
  await expect(page.getByTestId('deadlines-empty')).toBeVisible();
  await page.getByTestId('undo').click();
  await expect(due).toHaveCount(1);
  await expect(due.getByTestId('due-text')).toHaveText('已过期 61 天');
  await app.open(`#/project/${HOSPITAL}`);
  await expect(rows.first().getByTestId('approval-status')).toHaveText('办结');
  await expect(rows.first().getByTestId('approval-number')).toHaveText('温土资〔2016〕12号');
});

test('an approval item is renamed on the data page in every approval that names it, and undo names it back', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(`#/project/${HOSPITAL}`);
  await fillApproval(page, { ...IMPACT_ASSESSMENT, months: '24' });
  await fillApproval(page, { item: '环评', procedure: 'review', body: '鹿城区环保分局', applied: '2016-03-01' });
  const rows = page.getByTestId('approval-row');
  await expect(rows).toHaveCount(2);
  await app.waitSaved();

  await app.open('#/data');
  const item = page.locator('[data-testid="approval-item-row"][data-item="环评"]');
  await expect(item.getByTestId('approval-item-count')).toHaveText('2');
  await item.getByTestId('approval-item-name').fill(' ');
  await item.getByTestId('approval-item-rename').click();
  await expect(item.getByTestId('approval-item-error')).toHaveText('请填写审批事项(如立项、可研、环评)');
  await item.getByTestId('approval-item-name').fill('环境影响评价');
  await item.getByTestId('approval-item-rename').click();
  const renamed = page.locator('[data-testid="approval-item-row"][data-item="环境影响评价"]');
  await expect(renamed.getByTestId('approval-item-count')).toHaveText('2');
  await expect(page.getByTestId('approval-item-row')).toHaveCount(1);

  // One step: a single undo names both back.
  await page.getByTestId('undo').click();
  await expect(item.getByTestId('approval-item-count')).toHaveText('2');
  await expect(page.getByTestId('approval-item-row')).toHaveCount(1);
  await page.getByTestId('redo').click();
  await expect(renamed.getByTestId('approval-item-count')).toHaveText('2');
  // In English the list speaks English; the item is the user's data, a standard one explained.
  await app.langSwitch.click();
  await expect(page.getByTestId('approval-items-table').locator('th')).toHaveText(['Item', 'Approvals', '']);
  await expect(renamed.getByTestId('approval-item-rename')).toHaveText('Rename');
  await app.langSwitch.click();
  await app.waitSaved();
  await app.open(`#/project/${HOSPITAL}`);
  await expect(rows.locator('td:first-child')).toHaveText(['环境影响评价', '环境影响评价']);
});
