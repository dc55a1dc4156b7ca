//! The compare page's texts, English. Shaped as a group of the message
//! catalogue (`src/i18n/`, `docs/i18n.md`): texts without values are
//! `&'static str` fields, messages with values are methods taking counts as
//! [`Count`]. Kept here while the catalogue was being reworked; meant to
//! move there as the `Compare` group.

use crate::components::i18n::Count;

pub struct CompareTexts {
    pub page_title: &'static str,
    pub page_intro: &'static str,
    pub footer: &'static str,
    pub log_title: &'static str,
    pub log_mode: &'static str,
    pub mode_csv: &'static str,
    pub mode_table: &'static str,
    pub file_label: &'static str,
    pub file_hint: &'static str,
    pub file_reading: &'static str,
    pub csv_label: &'static str,
    pub csv_hint: &'static str,
    pub csv_placeholder: &'static str,
    pub log_empty: &'static str,
    pub log_unreadable: &'static str,
    pub log_gave_up: &'static str,
    pub problems_label: &'static str,
    pub rows_hint: &'static str,
    pub rows_caption: &'static str,
    pub add_row: &'static str,
    pub remove: &'static str,
    pub col_start: &'static str,
    pub col_end: &'static str,
    pub col_scope: &'static str,
    pub col_zone: &'static str,
    pub col_instance: &'static str,
    pub col_error_rate: &'static str,
    pub col_excluded: &'static str,
    pub col_description: &'static str,
    pub scope_region: &'static str,
    pub scope_zone: &'static str,
    pub scope_instance: &'static str,
    pub not_excluded: &'static str,
    pub request_title: &'static str,
    pub month_label: &'static str,
    pub month_hint: &'static str,
    pub bill_label: &'static str,
    pub bill_hint: &'static str,
    pub currency_label: &'static str,
    pub currency_hint: &'static str,
    pub zones_label: &'static str,
    pub zones_hint: &'static str,
    pub instance_label: &'static str,
    pub instance_hint: &'static str,
    pub presets_title: &'static str,
    pub source_prefix: &'static str,
    pub note_prefix: &'static str,
    pub results_title: &'static str,
    pub pick_some: &'static str,
    pub fix_inputs: &'static str,
    pub fix_log: &'static str,
    pub th_preset: &'static str,
    pub th_uptime: &'static str,
    pub th_commitment: &'static str,
    pub th_status: &'static str,
    pub th_tier: &'static str,
    pub th_credit: &'static str,
    pub th_deadline: &'static str,
    pub th_records: &'static str,
    pub status_met: &'static str,
    pub status_missed: &'static str,
    pub no_tier: &'static str,
    pub no_credit: &'static str,
    pub no_deadline: &'static str,
    pub why_link: &'static str,
    pub differences_title: &'static str,
    pub differences_none: &'static str,
    pub differences_one: &'static str,
    pub explained_title: &'static str,
    pub definition_prefix: &'static str,
    pub downtime_prefix: &'static str,
    pub formula_prefix: &'static str,
    pub here_prefix: &'static str,
    pub convention_prefix: &'static str,
    pub steps_title: &'static str,
    pub th_record: &'static str,
    pub th_when: &'static str,
    pub th_counted: &'static str,
    pub th_why: &'static str,
    pub counted: &'static str,
    pub left_out: &'static str,
    pub tier_prefix: &'static str,
    pub credit_prefix: &'static str,
    pub deadline_prefix: &'static str,
    pub download_csv: &'static str,
    pub download_text: &'static str,
    pub claim_title: &'static str,
    pub claim_needs_comparison: &'static str,
    pub claim_preset_label: &'static str,
    pub subject_prefix: &'static str,
    pub claim_text_label: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_selected: &'static str,
    pub download_claim_text: &'static str,
    pub download_claim_csv: &'static str,
    pub claim_table_caption: &'static str,
    pub no_incidents: &'static str,
}

/// `one` for a count of 1, `other` for every other count.
fn plural<'a>(count: &Count, one: &'a str, other: &'a str) -> &'a str {
    if count.value == 1 {
        one
    } else {
        other
    }
}

pub static COMPARE: CompareTexts = CompareTexts {
    page_title: "Compare vendor SLAs",
    page_intro: "Enter your outage log once and see what each vendor's SLA makes of it: the monthly uptime under the vendor's own definition, the credit tier, the credit on your bill and the last day to claim it. Then get the text of the claim. Everything is computed in your browser: nothing leaves the page.",
    footer: "Works offline once loaded. What you enter is kept in this browser only. The presets are transcriptions of the vendors' published terms: compare with the live terms before filing a claim.",
    log_title: "1. Your outage log",
    log_mode: "How you enter the log",
    mode_csv: "CSV file or text",
    mode_table: "Outages typed in a table",
    file_label: "Upload a CSV file",
    file_hint: "The file is read in your browser, never sent anywhere; its text appears below, where it can be edited.",
    file_reading: "Reading the file…",
    csv_label: "Or paste the CSV here",
    csv_hint: "A header row, then one outage per row. Columns: start and end (required; 2026-07-03T10:00:20Z, or 2026-07-03 10:00:20 read as UTC), scope (region, zone or instance), zone, instance, error_rate (e.g. 30 for 30 %), excluded (outside_control, customer_caused, suspension, pre_ga, quota, scheduled_maintenance), description.",
    csv_placeholder: "start,end,scope,zone,instance,error_rate,excluded,description",
    log_empty: "No outages yet: upload or paste a log, or type the outages in the table.",
    log_unreadable: "✗ The log cannot be read: fix the problem below.",
    log_gave_up: "Too many rows have problems: some good rows may be missing too. Fix the rows listed, then the rest will be read.",
    problems_label: "Problems in the log",
    rows_hint: "Times in UTC unless they carry an offset (2026-07-03T12:00:20+02:00). Enter moves to the next outage; a new one is added at the end.",
    rows_caption: "Outages",
    add_row: "Add an outage",
    remove: "Remove",
    col_start: "Start",
    col_end: "End",
    col_scope: "Scope",
    col_zone: "Zone",
    col_instance: "Instance",
    col_error_rate: "Error rate (%)",
    col_excluded: "Excluded as",
    col_description: "Description",
    scope_region: "region (the whole service)",
    scope_zone: "one zone",
    scope_instance: "one instance",
    not_excluded: "not excluded",
    request_title: "2. Month, bill and deployment",
    month_label: "Month",
    month_hint: "The calendar month to evaluate, counted in UTC (the vendors' texts name no time zone).",
    bill_label: "Monthly bill",
    bill_hint: "What the vendor charged for the service that month, e.g. 1000.00; empty: credits as percentages only.",
    currency_label: "Currency",
    currency_hint: "Three letters, e.g. USD, EUR, GBP.",
    zones_label: "Zones (optional)",
    zones_hint: "Your deployment's zones, separated by commas. Multi-zone SLAs count a zone outage only while every one of them is down; without them, the zones named in the log are used.",
    instance_label: "Instance (optional)",
    instance_hint: "The instance single-instance SLAs evaluate; without it, every instance in the log counts.",
    presets_title: "3. Vendor SLAs to compare",
    source_prefix: "Source: ",
    note_prefix: "Note: ",
    results_title: "4. Side by side",
    pick_some: "Pick one or more SLAs above to compare them.",
    fix_inputs: "Fix the month, the bill or the currency above to see the comparison.",
    fix_log: "The outage log cannot be read: fix the problem shown under it to see the comparison.",
    th_preset: "SLA",
    th_uptime: "Monthly uptime (its own definition)",
    th_commitment: "Commitment",
    th_status: "Status",
    th_tier: "Credit tier",
    th_credit: "Credit",
    th_deadline: "Claim by",
    th_records: "Outages",
    status_met: "✓ met",
    status_missed: "✗ missed",
    no_tier: "none reached",
    no_credit: "none",
    no_deadline: "no incident to claim for",
    why_link: "Why?",
    differences_title: "Why the figures differ",
    differences_none: "Every SLA picked counts this log the same way.",
    differences_one: "Pick a second SLA to see how their figures differ.",
    explained_title: "Each figure explained",
    definition_prefix: "The vendor's definition: ",
    downtime_prefix: "Downtime: ",
    formula_prefix: "Formula: ",
    here_prefix: "Here: ",
    convention_prefix: "Convention: ",
    steps_title: "Step by step",
    th_record: "Outage",
    th_when: "When",
    th_counted: "Counted?",
    th_why: "Why",
    counted: "✓ counted",
    left_out: "✗ left out",
    tier_prefix: "Tier: ",
    credit_prefix: "Credit: ",
    deadline_prefix: "Deadline: ",
    download_csv: "Download the comparison (CSV)",
    download_text: "Download the comparison (text)",
    claim_title: "5. Claim a credit",
    claim_needs_comparison: "Pick SLAs and enter the month above: the claim is written for one of the SLAs compared.",
    claim_preset_label: "Claim under",
    subject_prefix: "Subject: ",
    claim_text_label: "The claim, ready to paste into a support case",
    copy: "Copy the claim text",
    copied: "✓ The claim text is copied.",
    copy_selected: "The browser did not let the page copy: the text is selected, press Ctrl+C (⌘C on a Mac) to copy it.",
    download_claim_text: "Download the claim (.txt)",
    download_claim_csv: "Download the claim's table (.csv)",
    claim_table_caption: "The claim's incidents (the .csv has the month's figures on every row)",
    no_incidents: "No incident counted under this SLA's definition.",
};

impl CompareTexts {
    pub fn file_too_large(&self, name: &str, megabytes: usize) -> String {
        format!("{name} is larger than {megabytes} MB: split the log by month.")
    }

    pub fn file_unreadable(&self, name: &str, why: &str) -> String {
        format!("{name} could not be read: {why}.")
    }

    pub fn read_from_file(&self, name: &str) -> String {
        format!("Read from the file {name}; a change made here changes only this copy.")
    }

    pub fn log_read(&self, outages: &Count) -> String {
        format!("✓ {outages} {} read.", plural(outages, "outage", "outages"))
    }

    pub fn log_read_with_problems(&self, read: &Count, rows: &Count, problems: &Count) -> String {
        format!(
            "⚠ {read} of {rows} {} read; {problems} {} left out, {}:",
            plural(rows, "row", "rows"),
            plural(problems, "row", "rows"),
            plural(
                problems,
                "because of this problem",
                "because of these problems"
            )
        )
    }

    /// Under a list cut short: `… and 12 more in the downloads.`
    pub fn more_in_downloads(&self, more: &Count) -> String {
        format!("… and {more} more in the downloads.")
    }

    pub fn more_problems(&self, more: &Count) -> String {
        format!("… and {more} more {}.", plural(more, "problem", "problems"))
    }

    /// `line 3, column end, field “yesterday”`.
    pub fn problem_at(&self, line: usize, column: Option<&str>, field: Option<&str>) -> String {
        let mut out = format!("Line {line}");
        if let Some(column) = column {
            out.push_str(&format!(", column {column}"));
        }
        match field {
            Some("") => out.push_str(", empty field"),
            Some(field) => out.push_str(&format!(", field “{field}”")),
            None => {}
        }
        out
    }

    /// `Outage 2, End`.
    pub fn problem_in_row(&self, row: usize, column: Option<&str>) -> String {
        match column {
            Some(column) => format!("Outage {row}, {column}"),
            None => format!("Outage {row}"),
        }
    }

    /// A table cell's accessible name: `Outage 2: Start`.
    pub fn cell_label(&self, column: &str, row: usize) -> String {
        format!("Outage {row}: {column}")
    }

    pub fn remove_row(&self, row: usize) -> String {
        format!("Remove outage {row}")
    }

    pub fn picked(&self, picked: &Count) -> String {
        if picked.value == 0 {
            "None picked yet.".into()
        } else {
            format!("{picked} picked.")
        }
    }

    /// `AWS EC2 region-level (99.99 %)`.
    pub fn preset_label(&self, name: &str, commitment: &str) -> String {
        format!("{name} ({commitment})")
    }

    pub fn terms_of(&self, date: &str, version: &str) -> String {
        format!("Terms of {date} ({version}).")
    }

    pub fn checks_summary(&self, transcribed_on: &str) -> String {
        format!("Transcribed on {transcribed_on}: what each part was checked against")
    }

    pub fn storage_not_kept(&self, why: &str) -> String {
        format!("What you enter cannot be kept in this browser ({why}): it stays while this page is open. Download the comparison or the claim to keep them.")
    }

    pub fn storage_log_not_kept(&self, why: &str) -> String {
        format!("Your outage log is too large to be kept in this browser ({why}): the rest of what you entered is kept, the log only while this page is open. Keep the file to load it again.")
    }

    pub fn storage_unreadable(&self, why: &str, key: &str) -> String {
        format!("What this page kept in your browser could not be read ({why}); it was set aside under “{key}”, and the page starts afresh.")
    }

    pub fn refused(&self, why: &str) -> String {
        format!("The comparison cannot be made: {why}.")
    }

    pub fn summary(
        &self,
        presets: &Count,
        month: &str,
        outages: &Count,
        missed: &Count,
        due: &Count,
    ) -> String {
        format!(
            "{presets} {} compared for {month} on {outages} {}: {missed} missed {} commitment, {due} {} due.",
            plural(presets, "SLA", "SLAs"),
            plural(outages, "outage", "outages"),
            plural(missed, "its", "their"),
            plural(due, "credit", "credits")
        )
    }

    pub fn table_caption(&self, month: &str, zone: &str) -> String {
        format!("Each SLA's figures for {month} (the month counted in {zone}), each under its own definition")
    }

    /// `downtime: 227 minutes of 44,640 minutes`.
    pub fn downtime_of(&self, down: &str, total: &str) -> String {
        format!("downtime: {down} of {total}")
    }

    /// `Tier 1: Less than 99.99% but …`.
    pub fn tier(&self, number: usize, text: &str) -> String {
        format!("Tier {number}: {text}")
    }

    pub fn credit_amount(&self, share: &str, amount: &str) -> String {
        format!("{share}: {amount}")
    }

    pub fn credit_capped(&self, share: &str, payable: &str, raw: &str) -> String {
        format!("{share}: {payable} (capped; {raw} before the cap)")
    }

    pub fn credit_below_minimum(&self, share: &str, raw: &str) -> String {
        format!("{share}: {raw}, not issued (at or below the vendor's minimum credit)")
    }

    pub fn credit_without_bill(&self, share: &str) -> String {
        format!("{share} of the monthly bill")
    }

    /// `51 days left`, `⚠ today is the last day`, `✗ passed 3 days ago`.
    pub fn days_left(&self, days: i64) -> String {
        match days {
            1 => "1 day left".into(),
            0 => "⚠ today is the last day".into(),
            -1 => "✗ passed yesterday".into(),
            d if d > 1 => format!("{d} days left"),
            d => format!("✗ passed {} days ago", d.unsigned_abs()),
        }
    }

    pub fn records_counted(&self, counted: &Count, left_out: &Count) -> String {
        format!("{counted} counted, {left_out} left out.")
    }

    pub fn why_summary(&self, name: &str, uptime: &str, credit: &str) -> String {
        format!("{name}: {uptime} uptime; credit {credit}")
    }

    pub fn records_caption(&self, name: &str, counted: &Count, left_out: &Count) -> String {
        format!("What {name} made of each outage: {counted} counted, {left_out} left out")
    }

    /// `#3 (line 4)`; `#3` without a line.
    pub fn record_number(&self, number: usize, line: usize) -> String {
        if line == 0 {
            format!("#{number}")
        } else {
            format!("#{number} (line {line})")
        }
    }

    pub fn claim_due(&self, credit: &str, deadline: &str, left: &str) -> String {
        format!("✓ A credit is due ({credit}). Claim it by {deadline} ({left}).")
    }

    pub fn claim_not_due(&self, credit: &str) -> String {
        format!("No credit is due under this SLA for the month (credit: {credit}): the text below records the incidents; it does not ask for a credit.")
    }
}
