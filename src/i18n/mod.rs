//! The words of the app, in one place per language.
//!
//! Every text the app's own components show (labels, headings, hints,
//! buttons, `aria-label`s, titles, placeholders and messages) comes from a
//! group of texts, one per screen or shared part ([`Common`], [`Quick`],
//! [`Link`], [`Import`], [`StatusImport`], [`Charts`], [`Structure`], [`Interop`], [`Embed`],
//! [`Site`], [`Compare`], [`Statuses`], [`Workbench`], [`Report`],
//! [`Share`], [`Measurements`], [`WorkspaceFile`], [`Templates`]). A
//! component asks [`texts()`] for the language of the page and reads the
//! group it needs:
//!
//! ```
//! use sla_app::i18n::{texts, Count};
//! let t = texts();
//! assert_eq!(t.common().dismiss, "Dismiss");
//! assert_eq!(t.link().parts_ignored(&Count::plain(1)),
//!     "1 part of the link was not understood and was ignored.");
//! ```
//!
//! - A text without values is a `&'static str` field of its group: plain
//!   data, no code.
//! - A message with values is a method of its group (forwarded to the
//!   language's implementation of the group's messages trait) and takes the
//!   values typed: a [`Count`] for a number of things (its value picks the
//!   plural form, so callers never concatenate "s"), and `&str` for values
//!   already formatted for the locale by [`crate::format`] (percentages,
//!   amounts, dates) or taken from the user's data (names, ids). Numbers are
//!   never formatted here.
//! - A language is one file (`en.rs` for English): a static value of every
//!   group and an implementation of every messages trait, plus one variant
//!   of [`Language`]. A text or message left out of a translation is a
//!   compile error (a missing field, a missing trait method, a `match` on
//!   [`Language`] that is not exhaustive), not an English word in the middle
//!   of another language.
//! - Each group is reached through its own method of [`Language`], so a
//!   wasm binary contains only the groups it uses (the calculator's page
//!   carries no workbench texts).
//!
//! What stays English whatever the language: the engine's own texts
//! (explanations, conventions, validation messages, durations such as
//! `43m 50s`), the import crate's texts (dialect and column names,
//! skipped-row reasons), and the documented file formats (JSON keys, CSV
//! headers). See `docs/i18n.md`.

use sla_engine::model::PeriodKind;
use sla_engine::Period;
use sla_import::mapping::{Kind, PriorityWhy};
use sla_import::statuspage::Impact;
use sla_interop::ics::IcsEffect;
use sla_interop::openslo::Effect;

use crate::state::workbench::workspace::Table;

/// A number of things in a message: `value` picks the plural form, `shown`
/// is the number as the reader sees it (written by the caller, e.g. with
/// thousands grouped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub value: u64,
    pub shown: String,
}

impl Count {
    /// `value` written with plain digits: `7`.
    pub fn plain(value: usize) -> Count {
        Count {
            value: value as u64,
            shown: value.to_string(),
        }
    }

    /// `value` with the text the caller wrote for it: `1,234`.
    pub fn shown(value: u64, shown: String) -> Count {
        Count { value, shown }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

/// The rows an import has read so far: all of them, those used and those
/// skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows {
    pub read: Count,
    pub used: Count,
    pub skipped: Count,
}

/// What an `.ics` import added to a calendar, and what the calendar had
/// already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsAdded {
    pub holidays: Count,
    pub windows: Count,
    pub already: Count,
}

/// The report of a period in figures, for its one-line summary: targets
/// by status, the SLA credits (amounts already written for the reader) and
/// the termination rights triggered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSummary {
    pub targets: Count,
    pub met: Count,
    pub missed: Count,
    pub below_minimum: Count,
    pub no_data: Count,
    pub before_caps: String,
    pub paid: String,
    pub net: String,
    pub terminations: Count,
}

/// Declares one group: `texts { name, … }` become the `&'static str`
/// fields of the struct `$name`; the `fn`s that follow are the messages with
/// values, declared in the trait `$messages` (which each language
/// implements) and callable as methods of `$name`.
macro_rules! group {
    (
        $(#[$meta:meta])*
        $name:ident, $messages:ident {
            texts {
                $( $(#[$text_meta:meta])* $text:ident, )*
            }
            $(
                $(#[$message_meta:meta])*
                fn $message:ident(&self $(, $arg:ident: $arg_ty:ty)* $(,)?) -> $ret:ty;
            )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$text_meta])* pub $text: &'static str, )*
            /// The messages with values, in the same language.
            pub messages: &'static dyn $messages,
        }

        #[doc = concat!("The messages with values of [`", stringify!($name), "`], one method each.")]
        pub trait $messages: Sync {
            $( $(#[$message_meta])* fn $message(&self $(, $arg: $arg_ty)*) -> $ret; )*
        }

        impl $name {
            $(
                $(#[$message_meta])*
                pub fn $message(&self $(, $arg: $arg_ty)*) -> $ret {
                    self.messages.$message($($arg),*)
                }
            )*

            /// Every text of the group that takes no value, with its name.
            #[cfg(test)]
            pub fn all_texts(&self) -> Vec<(&'static str, &'static str)> {
                vec![$( (stringify!($text), self.$text), )*]
            }
        }
    };
}

/// Writes one group for a language: the static `$static` holding each text
/// (`name: "text",`), then the messages with values as the methods of the
/// group's messages trait, implemented on `$language`.
macro_rules! translate {
    (
        $(#[$meta:meta])*
        $static:ident: $group:ident, $messages:ident for $language:ident {
            $( $text:ident: $value:literal, )*
        }
        $($message:tt)*
    ) => {
        $(#[$meta])*
        pub static $static: $group = $group {
            $( $text: $value, )*
            messages: &$language,
        };

        impl $messages for $language {
            $($message)*
        }
    };
}

mod en;

pub use en::English;

group! {
    /// Words shared by every screen, and a figure's explanation.
    Common, CommonMessages {
        texts {
            dismiss,
            remove,
            /// Before an error message under a field: `Error: `.
            error_prefix,
            /// Before a warning under a field: `Warning: `.
            warning_prefix,
            /// The empty choice of an optional select.
            none_choice,
            exact_prefix,
            formula_prefix,
            /// Before the formula with the numbers put in.
            here_prefix,
            convention_prefix,
        }
        /// A figure's tooltip with its exact value.
        fn figure_title(&self, exact: &str) -> String;
        /// A figure button's accessible name: what it is, the value, the
        /// exact value if any, and that it opens the explanation.
        fn figure_label(&self, what: &str, value: &str, exact: Option<&str>) -> String;
    }
}

group! {
    /// The quick calculator: targets, allowed downtime, availability from
    /// downtime, service hours and composite availability.
    Quick, QuickMessages {
        texts {
            targets_list,
            add_a_target,
            add_prefix,
            nines,
            add_nines,
            month_label,
            month_hint,
            allowed_downtime,
            period,
            downtime_note,
            availability_prefix,
            availability,
            against_targets,
            downtime,
            downtime_hint,
            only_service_hours,
            preset_24x7,
            preset_weekdays_8_18,
            preset_weekdays_9_17,
            preset_mon_sat_7_22,
            /// Placeholder of an empty weekday.
            closed,
            service_time,
            pick_month_for_service_time,
            hour_presets,
            hours_per_weekday,
            hours_hint,
            no_service_hours,
            mode_serial,
            mode_parallel,
            mode_k_of_n,
            composite_prefix,
            composite_availability,
            fix_marked_field,
            how_components_combine,
            k_label,
            components_list,
            component_hint,
            add_component,
            composite_note,
            /// The composite has no component left.
            at_least_one_component,
        }
        /// A weekday's name, Monday first (0); past 6, Sunday.
        fn weekday(&self, day: usize) -> &'static str;
        /// A period's name: `day`, `month (average)`, `February 2026`.
        fn period_name(&self, period: Period) -> String;
        /// The whole days of a calendar period: `(28 d)`.
        fn period_days(&self, days: u32) -> String;
        fn target_label(&self, number: usize) -> String;
        fn remove_target(&self, number: usize) -> String;
        /// `level` is a percentage as typed: `99.9`.
        fn add_target_level(&self, level: &str) -> String;
        fn at_most_targets(&self, max: usize) -> String;
        fn allowed_downtime_label(&self, period: &str, level: &str) -> String;
        fn not_a_valid_target(&self, typed: &str) -> String;
        fn invalid_target_heading(&self, typed: &str) -> String;
        /// What the service time of a period is called in its explanation.
        fn service_time_in(&self, period: &str) -> String;
        fn hours_invalid_for_reverse(&self, day: &str) -> String;
        fn meets(&self, level: &str) -> String;
        fn misses(&self, level: &str) -> String;
        fn decimals_hint(&self, decimals: u32) -> String;
        fn allowed_within_hours_label(&self, period: &str, level: &str) -> String;
        fn service_time_label(&self, period: &str) -> String;
        fn service_time_caption(&self, schedule: &str) -> String;
        fn fix_hours_for(&self, day: &str) -> String;
        fn component_label(&self, number: usize) -> String;
        fn remove_component(&self, number: usize) -> String;
        /// The month field's error.
        fn not_a_month(&self, typed: &str) -> String;
        /// k of a k-of-n composite is out of range.
        fn k_out_of_range(&self, components: usize) -> String;
    }
}

group! {
    /// Notices about a quick-calculator link that was not fully understood.
    /// `problem` is the engine's or the field's own message.
    Link, LinkMessages {
        texts {
            notices_title,
            hours_switch_ignored,
            hours_need_seven_days,
        }
        fn too_long(&self, kilobytes: usize, max_kilobytes: usize) -> String;
        fn value_too_long(&self, key: &str, max_chars: usize) -> String;
        fn month(&self, problem: &str, default: &str) -> String;
        fn downtime(&self, typed: &str, problem: &str, default: &str) -> String;
        fn unknown_period(&self, typed: &str) -> String;
        fn unknown_composite(&self, typed: &str) -> String;
        fn parts_ignored(&self, parts: &Count) -> String;
        fn too_many_targets(&self, targets: usize, max: usize) -> String;
        fn target(&self, typed: &str, problem: &str) -> String;
        fn hours(&self, day: &str, problem: &str) -> String;
        fn too_many_components(&self, max: usize) -> String;
        fn component(&self, typed: &str, problem: &str) -> String;
        fn k_of_n(&self, problem: &str) -> String;
    }
}

group! {
    /// The measurement import: source, preview, progress, summary, figures.
    Import, ImportMessages {
        texts {
            /// A file the browser could not read (`browser::files`).
            file_read_failed,
            file_moved,
            intro,
            csv_file,
            paste_label,
            read_pasted,
            paste_first,
            /// The name of pasted text where a file name would be.
            pasted_rows,
            cancel_import,
            choose_another,
            confirm_date_order,
            reading,
            delimiter,
            header_row,
            encoding,
            meaning,
            export,
            other_export,
            records_are,
            time_zone,
            decimal_comma,
            duration_unit,
            impact_unit,
            /// The select of how durations written `a:b` read (h:mm or mm:ss).
            clock_unit,
            /// The list of values read as an empty field, and its hint.
            empty_markers,
            empty_markers_hint,
            /// The choice to read a history's on-hold spans as pauses.
            pauses_from_states,
            pauses_from_states_hint,
            /// A field-change audit recognised, and its choice of pauses.
            audit_detected,
            audit_pauses_hint,
            /// The history table's headers, and its "kept" cell when rows tied.
            history_id,
            history_kept,
            history_left_out,
            history_none_kept,
            /// The preview of what a file holds, before it is imported.
            preview_title,
            scan_whole,
            /// The table of the file's priorities and the agreement's each
            /// counts as; its choice that keeps the file's own.
            priority_map_caption,
            in_file,
            counted_as,
            as_written,
            /// Above the list of how the priorities were mapped.
            priorities_mapped,
            day_first,
            month_first,
            line,
            add_records,
            replace_records,
            no_records_yet,
            undo_import,
            redo_import,
            skipped_by_reason,
            record,
            column,
            value,
            reason,
            service,
            outages,
            planned,
            downtime,
            availability_per_month,
            priorities_caption,
            priority,
            tickets,
            open,
            median_first_response,
            median_resolution,
            p90_resolution,
            cancelled,
            /// The name of pasted JSON where a file name would be.
            pasted_history,
            /// The link to the workbench, after [`ImportMessages::json_elsewhere`].
            open_workbench,
        }
        /// What records of a kind are called: `outages`, `tickets`.
        fn kind_name(&self, kind: Kind) -> &'static str;
        fn importing(&self, source: &str) -> String;
        /// Reading the whole file for its preview.
        fn scanning(&self, source: &str) -> String;
        /// `whole`: the rows are the whole file's, else its first ones;
        /// `size` the file's (`2.4 MB`).
        fn preview_rows(&self, rows: &Count, whole: bool, size: &str) -> String;
        /// `from`, `to`: local times in `zone`.
        fn preview_span(&self, from: &str, to: &str, zone: &str) -> String;
        fn preview_tickets(&self, tickets: &Count, open: &Count, resolved: &Count) -> String;
        fn preview_outages(&self, outages: &Count, planned: &Count) -> String;
        /// `counts`: `Closed 2,300, Resolved 1,000`.
        fn preview_states(&self, counts: &str) -> String;
        fn preview_priorities(&self, counts: &str) -> String;
        fn preview_skipped(&self, rows: &Count) -> String;
        /// A field-change audit chosen where audits are not read (the workbench).
        fn audit_elsewhere(&self, source: &str) -> String;
        /// `line 12: no update time` in a list of rows.
        fn line_reason(&self, line: u64, reason: &str) -> String;
        /// Why a file's priority counts as the agreement's it does.
        fn priority_why(&self, why: PriorityWhy) -> String;
        /// `read` and `total` are sizes (`1.2 MB`), `speed` megabytes per
        /// second (`4.5`), `rate` rows per second.
        fn progress(&self, rows: &Rows, read: &str, total: &str, speed: &str, rate: &Count)
            -> String;
        fn refused(&self, source: &str, problem: &str) -> String;
        fn unknown_zone(&self, zone: &str) -> String;
        fn already_in_measurements(&self, records: &Count) -> String;
        fn already_imported(&self, records: &Count) -> String;
        fn check_how_read(&self, source: &str) -> String;
        /// The detected dialect: encoding, delimiter, header, line ends
        /// (each named by the import crate), size and the recognised export.
        fn detected(
            &self,
            encoding: &str,
            delimiter: &str,
            header: bool,
            line_ends: &str,
            size: &str,
            export: Option<&str>,
        ) -> String;
        fn date_order_question(&self, example: &str) -> String;
        fn preview_caption(&self, rows: &Count) -> String;
        fn column_imported_as(&self, number: usize, header: &str) -> String;
        /// `words`: (word, impact in percent, planned).
        fn impact_words(&self, words: &[(&str, u8, bool)]) -> String;
        /// The start button, with the source's size.
        fn import_size(&self, size: &str) -> String;
        /// One batch of records in the list of what was imported.
        fn batch(&self, source: &str, records: &Count, kind: Kind) -> String;
        fn records_here(&self, records: &Count, batches: &[String]) -> String;
        fn records_in_tab(&self, records: &Count, batches: &[String]) -> String;
        fn imported(&self, source: &str) -> String;
        /// `replaced`: the records before were replaced; `embedded`: in the
        /// workbench's measurements.
        fn summary(
            &self,
            rows: &Rows,
            size: &str,
            seconds: &str,
            replaced: bool,
            embedded: bool,
        ) -> String;
        fn reason_count(&self, rows: &Count, reason: &str) -> String;
        /// The headers that identified the export, already quoted.
        fn recognised_by(&self, headers: &str) -> String;
        fn resolved_at_close(&self, tickets: &Count) -> String;
        fn repeated_ids(&self, ids: &Count) -> String;
        /// `found`: the markers with their counts, joined.
        fn read_as_empty(&self, found: &str) -> String;
        fn marker_count(&self, marker: &str, fields: &Count) -> String;
        fn history_caption(&self, tickets: &Count) -> String;
        fn errors_caption(&self, listed: &Count, skipped: &Count) -> String;
        fn download_skipped(&self, listed: &Count) -> String;
        fn services_caption(&self, zone: &str) -> String;
        fn month_availability(&self, month: &str, percent: &str, downtime: &str) -> String;
        /// A status page's history (JSON) chosen where the page reads only
        /// CSV: where it is read (a link to the workbench follows).
        fn json_elsewhere(&self, source: &str) -> String;
    }
}

group! {
    /// A status page's incident history in Statuspage's JSON, in the
    /// workbench's import panel (the calculator's page does not read one:
    /// its wasm carries none of these texts).
    StatusImport, StatusImportMessages {
        texts {
            /// The panel's introduction, the file field's label and the
            /// paste box's hint where histories are read.
            intro,
            file_label,
            paste_hint,
            /// The preview of a Statuspage history: the weights' fieldset,
            /// the components' fieldset, the zone of the figures.
            impact_weights,
            impact_weights_hint,
            status_services,
            status_services_hint,
            /// A component's service id left empty.
            service_id_needed,
            figures_zone,
            /// Why the import waits: a field above does not read.
            mend_fields,
            /// The incidents not used: the heading of their reasons.
            listed_by_reason,
        }
        /// A Statuspage history above the size read whole (`size` and `max`
        /// already written, `25.3 MB`).
        fn status_too_large(&self, source: &str, size: &str, max: &str) -> String;
        /// What was recognised: a Statuspage history, its page, its size.
        fn status_detected(&self, page: Option<&str>, size: &str) -> String;
        /// Incidents read, used and listed, and the outages they give.
        fn status_counts(
            &self,
            incidents: &Rows,
            outages: &Count,
            planned: &Count,
            weightless: &Count,
        ) -> String;
        /// The label of an impact level's weight.
        fn weight_label(&self, impact: Impact) -> &'static str;
        /// The label of a component's service id.
        fn service_for(&self, component: &str) -> String;
        fn listed_caption(&self, shown: &Count, listed: &Count) -> String;
        /// The summary line of an imported Statuspage history (as
        /// [`ImportMessages::summary`], with incidents for rows).
        fn status_summary(
            &self,
            incidents: &Rows,
            size: &str,
            seconds: &str,
            replaced: bool,
            embedded: bool,
        ) -> String;
        /// The outages an imported history gave, and the page's name.
        fn status_imported(&self, page: Option<&str>, outages: &Count, planned: &Count)
            -> String;
        /// Each component and the service id it became.
        fn services_became(&self, pairs: &[(String, String)]) -> String;
    }
}

group! {
    /// The charts' descriptions, legends and data tables. The callers give
    /// every value already formatted.
    Charts, ChartsMessages {
        texts {
            no_data_yet,
            budget_left_legend,
            /// Under a chart until a point is chosen.
            tip_hint,
            ideal_burn_legend,
            period_elapsed,
            budget_left,
            status_no_data,
            status_below_minimum,
            status_below_expected,
            status_met,
            met_expected_legend,
            below_expected_legend,
            period,
            value,
            status,
            off_hours,
            holiday,
            maintenance,
            counted,
            not_counted,
            outage_counted_legend,
            outage_not_counted_legend,
            service,
            outage,
            in_the_agreement,
            outages_counted,
            outages_not_counted,
        }
        fn burn_down_description(&self, last: &str, lowest: &str) -> String;
        /// `expected`: the expected line's text, `expected 99.9 %`.
        fn trend_description(&self, met: &Count, with_data: &Count, expected: &str) -> String;
        /// Follows the trend's description when there is a minimum.
        fn trend_below_minimum(&self, below: &Count, minimum: &str) -> String;
        fn trend_without_data(&self, periods: &Count) -> String;
        fn timeline_description(
            &self,
            start: &str,
            end: &str,
            rows: &Count,
            counted: &Count,
            not_counted: &Count,
        ) -> String;
        /// Follows the timeline's description: what its shading means.
        fn timeline_shaded(&self, kinds: &[&str]) -> String;
        /// The caption of a timeline's table when it counts the outages per
        /// service rather than listing each of the `marks`.
        fn timeline_table_counts(&self, title: &str, marks: &Count) -> String;
    }
}

group! {
    /// The workbench's structure editor: outline, agreement fields, the
    /// effective-target matrix and the JSON editor.
    Structure, StructureMessages {
        texts {
            agreement_structure,
            general,
            agreements,
            add_agreement,
            effective_targets,
            edit_as_json,
            edit_as_json_pending,
            new_agreement_name,
            set_name,
            description,
            currency,
            currency_hint,
            time_zone,
            file_time_zone_hint,
            provider,
            services,
            id,
            name,
            monthly_charge,
            service_charge_hint,
            add_service,
            new_service_name,
            customers,
            services_used,
            add_customer,
            new_customer_name,
            suppliers,
            suppliers_hint,
            internal_team,
            add_supplier,
            new_supplier_name,
            calendars,
            calendars_hint,
            calendar_time_zone_hint,
            service_hours,
            service_hours_hint,
            holidays,
            holidays_hint,
            start,
            end,
            reason,
            add_exclusion,
            /// The reason a new exclusion starts with.
            new_exclusion_reason,
            add_calendar,
            metric_availability,
            metric_response_time,
            metric_resolution_time,
            metric_occurrences,
            metric_timeslices,
            metric_ratio_timeslices,
            metric_percentile,
            metric_mean,
            metric_max,
            metric_mttr,
            metric_manual,
            credit_step,
            credit_linear,
            credit_fixed,
            credit_pool,
            trigger_below_minimum,
            trigger_credits_at_cap,
            trigger_rolling_average_below,
            kind,
            kind_sla,
            kind_ola,
            kind_uc,
            structure,
            structure_service_based,
            structure_customer_based,
            structure_multi_level,
            /// The level of a multi-level agreement.
            level,
            level_corporate,
            level_customer,
            level_service,
            customer,
            service,
            supplier,
            agreement_charge_hint,
            credit_terms,
            period_cap_amount,
            period_cap_percent,
            year_cap_amount,
            year_cap_percent,
            at_risk_percent,
            at_risk_hint,
            earn_back,
            repeat_multiplier,
            repeat_multiplier_hint,
            repeat_after,
            rounding,
            rounding_half_up,
            rounding_down,
            rounding_up,
            rule,
            target,
            over_last_periods,
            /// The level a rolling average must stay at.
            rule_level,
            k_periods,
            of_m_periods,
            only_these_targets,
            only_these_targets_hint,
            add_termination,
            add_target,
            new_target_name,
            metric,
            planned_count,
            minimum_outage,
            minimum_outage_hint,
            round_up,
            round_up_hint,
            whole_periods,
            whole_periods_hint,
            attribute_to_suppliers,
            priority,
            priority_hint,
            within,
            within_hint,
            series,
            unit,
            slice,
            good_when,
            percentile,
            direction,
            at_least,
            at_most,
            expected,
            minimum,
            minimum_hint,
            period,
            period_default,
            period_month,
            period_quarter,
            period_year,
            period_rolling,
            rolling_window,
            calendar,
            service_credit,
            achieved_below,
            or_equal,
            tier_credit,
            add_tier,
            linear_below,
            linear_per,
            linear_rate,
            linear_maximum,
            amount,
            per,
            per_breach,
            per_ticket,
            allocation,
            target_cap_amount,
            target_cap_percent,
            critical,
            excluded_periods,
            excluded_periods_hint,
            supports,
            supports_hint,
            matrix_needs_valid_file,
            matrix_hint,
            matrix_empty,
            matrix_region,
            matrix_caption,
            any_customer,
            no_targets,
            json_heading,
            json_hint,
            agreement_file,
            apply,
            discard,
            json_not_object,
        }
        fn services_count(&self, services: usize) -> String;
        fn customers_count(&self, customers: usize) -> String;
        fn suppliers_count(&self, suppliers: usize) -> String;
        fn calendars_count(&self, calendars: usize) -> String;
        /// An agreement in the outline; `kind` as stored (`sla`), `level`
        /// as stored (`corporate`) when it is multi-level.
        fn outline_agreement(&self, kind: &str, level: Option<&str>, name: &str) -> String;
        fn agreement_heading(&self, kind: &str, name: &str) -> String;
        fn service_legend(&self, id: &str) -> String;
        fn customer_legend(&self, id: &str) -> String;
        fn supplier_legend(&self, id: &str) -> String;
        fn calendar_legend(&self, id: &str) -> String;
        fn target_legend(&self, name: &str) -> String;
        fn exclusions_legend(&self, exclusions: usize) -> String;
        fn termination_legend(&self, rules: usize) -> String;
        fn targets_heading(&self, targets: usize) -> String;
        fn tiers_legend(&self, tiers: usize) -> String;
        fn remove_service(&self, id: &str) -> String;
        fn remove_customer(&self, id: &str) -> String;
        fn remove_supplier(&self, id: &str) -> String;
        fn remove_calendar(&self, id: &str) -> String;
        fn remove_exclusion(&self, number: usize) -> String;
        fn remove_agreement(&self, id: &str) -> String;
        fn remove_rule(&self, number: usize) -> String;
        fn remove_target(&self, name: &str) -> String;
        fn remove_tier(&self, number: usize) -> String;
        /// `pools`: (target id, allocation as typed); `sum` their exact sum.
        fn pool_sum(&self, pools: &[(String, String)], sum: &str) -> String;
        /// A stored choice the select does not offer.
        fn unknown_choice(&self, stored: &str) -> String;
        /// The JSON is an object but not an agreement file the workspace
        /// can reopen; `problem` says why.
        fn json_refused(&self, problem: &str) -> String;
        fn json_syntax(&self, line: usize, column: usize, problem: &str) -> String;
    }
}

group! {
    /// OpenSLO and iCalendar files in the workbench: the OpenSLO panel
    /// (import, its notes, export) and the calendar editor's `.ics` import
    /// and export. The notes' own messages come from `sla-interop` and stay
    /// English.
    Interop, InteropMessages {
        texts {
            openslo_heading,
            openslo_hint,
            open_openslo_file,
            paste_openslo,
            read_pasted,
            /// The name of pasted text where a file name would be.
            pasted_text,
            document,
            line,
            column,
            import_as,
            as_new_workspace,
            as_targets,
            workspace_name,
            provider,
            currency,
            currency_hint,
            time_zone,
            zone_hint,
            into_agreement,
            no_agreements,
            no_agreement_chosen,
            create_workspace,
            /// The name a workspace made from an OpenSLO file starts with.
            default_workspace_name,
            name_needed,
            no_targets_found,
            targets_caption,
            col_id,
            col_name,
            col_service,
            col_metric,
            col_level,
            col_period,
            no_notes,
            notes_caption,
            col_effect,
            col_kind,
            col_field,
            col_why,
            export_heading,
            export_hint,
            download_openslo,
            export_needs_valid_file,
            ics_heading,
            ics_hint,
            ics_needs_calendar,
            ics_calendar,
            ics_from,
            /// The end of the range of dates (after `ics_from`).
            ics_to,
            ics_range_hint,
            open_ics_file,
            download_ics,
            ics_notes_caption,
            col_property,
            col_event,
            /// While the OpenSLO and iCalendar module loads, the first time
            /// one of these files is read or written.
            module_loading,
        }
        /// The OpenSLO and iCalendar module could not load; `why` is the
        /// browser's reason.
        fn module_unavailable(&self, why: &str) -> String;
        /// A file over the size read; `megabytes` as written (`16`).
        fn file_too_large(&self, name: &str, megabytes: &str) -> String;
        fn file_not_text(&self, name: &str) -> String;
        /// `error` is the interop crate's, with its document, line and column.
        fn openslo_unreadable(&self, source: &str, error: &str) -> String;
        /// A document that is a list: the object's place in it.
        fn document_item(&self, document: usize, item: usize) -> String;
        fn openslo_found(&self, source: &str, targets: &Count, services: &Count, notes: &Count) -> String;
        /// What became of a part of an OpenSLO file.
        fn effect(&self, effect: Effect) -> &'static str;
        /// A target's period: `month`, `rolling 28 days`.
        fn period(&self, period: PeriodKind) -> String;
        fn zone_from_file(&self, zone: &str) -> String;
        fn zone_differs(&self, file: &str, workspace: &str) -> String;
        /// The button that adds the targets to an agreement.
        fn add_targets(&self, targets: &Count) -> String;
        fn opened_as_workspace(&self, source: &str, name: &str) -> String;
        /// `renamed`: (the id in the file, the id given) of targets whose id
        /// the agreement already had.
        fn targets_added(&self, targets: &Count, agreement: &str, renamed: &[(String, String)]) -> String;
        fn currency_invalid(&self, currency: &str) -> String;
        fn zone_unknown(&self, zone: &str) -> String;
        /// After an OpenSLO download; `notes`: the things it could not say.
        fn exported(&self, name: &str, documents: &Count, notes: &Count) -> String;
        fn ics_range_invalid(&self, problem: &str) -> String;
        /// Follows a problem that stopped an import.
        fn nothing_changed(&self, problem: &str) -> String;
        /// `from` and `to` are dates as written (`2026-01-01`).
        fn ics_added(&self, file: &str, calendar: &str, added: &IcsAdded, from: &str, to: &str) -> String;
        fn ics_zone_differs(&self, file: &str, calendar: &str) -> String;
        /// What became of a part of an `.ics` file.
        fn ics_effect(&self, effect: IcsEffect) -> &'static str;
        /// `windows`: the numbers (from 1) of the exclusions that cannot be read.
        fn ics_windows_unreadable(&self, windows: &[usize]) -> String;
        fn ics_exported(&self, name: &str, holidays: &Count, windows: &Count) -> String;
        fn ics_not_exported(&self, problem: &str) -> String;
    }
}

group! {
    /// The embed page (`embed.html`): the compact calculator in a vendor's
    /// iframe. The notes about ignored settings are for the vendor's
    /// developer and stay English (see `docs/i18n.md`).
    Embed, EmbedMessages {
        texts {
            default_heading,
            no_terms,
            waiting,
            terms_unusable,
            your_month,
            month,
            service,
            charge_hint,
            downtime,
            mode_minutes,
            mode_outages,
            minutes_label,
            the_terms,
            at_least,
            at_most,
            cap_nothing,
            change_terms,
            terms_file_label,
            terms_refused,
            use_terms,
            add_outage,
            result,
            correct_fields,
            targets_region,
            col_target,
            col_achieved,
            col_expected,
            col_status,
            col_credit,
            result_as_text,
            month_needed,
            service_needed,
            date_time_needed,
            end_after_start,
            minutes_not_number,
            minutes_negative,
            minutes_too_many,
            month_out_of_range,
        }
        fn settings_ignored(&self, count: &Count) -> String;
        fn terms_of(&self, provider: &str) -> String;
        fn load_failed(&self, why: &str) -> String;
        fn your_charge(&self, currency: &str) -> String;
        fn set_by(&self, provider: &str) -> String;
        /// `: at least 99.9 % per month` after a target's name.
        fn promise(&self, at_most: bool, level: &str, period: PeriodKind) -> String;
        fn step_tier(&self, inclusive: bool, below: &str, credit: &str) -> String;
        fn linear_credit(&self, below: &str, rate: &str, per: &str, maximum: &str) -> String;
        fn fixed_credit(&self, amount: &str) -> String;
        fn pool_credit(&self, allocation: &str) -> String;
        fn period_cap(&self, cap: &str) -> String;
        fn cap_percent(&self, percent: &str) -> String;
        fn times_in(&self, zone: &str) -> String;
        fn outage_start(&self, number: usize) -> String;
        fn outage_end(&self, number: usize) -> String;
        fn remove_outage(&self, number: usize) -> String;
        fn summary(&self, span: &str, status: &str, credit: &str) -> String;
        fn nothing_to_report(&self, span: &str) -> String;
        fn targets_caption(&self, span: &str) -> String;
        fn why(&self, name: &str) -> String;
        fn budget(&self, allowed: &str, used: &str, left: &str) -> String;
        fn charge_unreadable(&self, currency: &str, why: &str) -> String;
        fn more_than_month(&self, minutes: i64) -> String;
        fn too_many_outages(&self, most: usize) -> String;
    }
}

group! {
    /// The site around the pages: title, tagline, the links between the
    /// pages, footers and the quick calculator's section headings.
    Site, SiteMessages {
        texts {
            title,
            tagline,
            nav_label,
            nav_quick,
            nav_workbench,
            nav_compare,
            workbench_heading,
            workbench_footer,
            quick_footer,
            /// Until the import module has loaded.
            import_loading,
            targets_title,
            reverse_title,
            hours_title,
            composite_title,
            import_title,
        }
        /// The import module could not load (`why`: the browser's message).
        fn import_unavailable(&self, why: &str) -> String;
    }
}

group! {
    /// The "Compare vendor SLAs" page (`compare.html`): the outage log, the
    /// month, bill and deployment, the presets, the comparison and the
    /// claim helper. The presets' own texts (names, vendors' wording,
    /// sources) and the figures' explanations come from `sla_presets` and
    /// stay English.
    Compare, CompareMessages {
        texts {
            page_title,
            page_intro,
            footer,
            log_title,
            log_mode,
            mode_csv,
            mode_table,
            file_label,
            file_hint,
            file_reading,
            csv_label,
            csv_hint,
            csv_placeholder,
            log_empty,
            log_unreadable,
            problems_label,
            rows_hint,
            rows_caption,
            add_row,
            remove,
            col_start,
            col_end,
            col_scope,
            col_zone,
            col_instance,
            col_error_rate,
            col_excluded,
            col_description,
            scope_region,
            scope_zone,
            scope_instance,
            not_excluded,
            request_title,
            month_label,
            month_hint,
            bill_label,
            bill_hint,
            currency_label,
            currency_hint,
            zones_label,
            zones_hint,
            instance_label,
            instance_hint,
            presets_title,
            source_prefix,
            note_prefix,
            results_title,
            /// Above the example shown until a log is entered or an SLA picked.
            example_note,
            pick_some,
            fix_inputs,
            fix_log,
            th_preset,
            th_uptime,
            th_commitment,
            th_status,
            th_tier,
            th_credit,
            th_deadline,
            th_records,
            status_met,
            status_missed,
            no_tier,
            no_credit,
            no_deadline,
            why_link,
            differences_title,
            differences_none,
            differences_one,
            explained_title,
            definition_prefix,
            downtime_prefix,
            formula_prefix,
            here_prefix,
            convention_prefix,
            steps_title,
            th_record,
            th_when,
            th_counted,
            th_why,
            counted,
            left_out,
            tier_prefix,
            credit_prefix,
            deadline_prefix,
            download_csv,
            download_text,
            claim_title,
            claim_needs_comparison,
            claim_preset_label,
            subject_prefix,
            claim_text_label,
            copy,
            copied,
            copy_selected,
            download_claim_text,
            download_claim_csv,
            claim_table_caption,
            no_incidents,
        }
        fn file_too_large(&self, name: &str, megabytes: usize) -> String;
        fn file_unreadable(&self, name: &str, why: &str) -> String;
        fn read_from_file(&self, name: &str) -> String;
        fn log_read(&self, outages: &Count) -> String;
        fn log_read_with_problems(&self, read: &Count, rows: &Count, problems: &Count) -> String;
        /// Under a list cut short: `… and 12 more in the downloads.`
        fn more_in_downloads(&self, more: &Count) -> String;
        fn more_problems(&self, more: &Count) -> String;
        /// `line 3, column end, field “yesterday”`.
        fn problem_at(&self, line: usize, column: Option<&str>, field: Option<&str>) -> String;
        /// `Outage 2, End`.
        fn problem_in_row(&self, row: usize, column: Option<&str>) -> String;
        /// A table cell's accessible name: `Outage 2: Start`.
        fn cell_label(&self, column: &str, row: usize) -> String;
        fn remove_row(&self, row: usize) -> String;
        fn picked(&self, picked: &Count) -> String;
        /// `AWS EC2 region-level (99.99 %)`.
        fn preset_label(&self, name: &str, commitment: &str) -> String;
        fn terms_of(&self, date: &str, version: &str) -> String;
        fn checks_summary(&self, transcribed_on: &str) -> String;
        fn storage_not_kept(&self, why: &str) -> String;
        fn storage_log_not_kept(&self, why: &str) -> String;
        fn storage_unreadable(&self, why: &str, key: &str) -> String;
        fn refused(&self, why: &str) -> String;
        fn summary(&self, presets: &Count, month: &str, outages: &Count, missed: &Count, due: &Count) -> String;
        fn table_caption(&self, month: &str, zone: &str) -> String;
        /// `downtime: 227 minutes of 44,640 minutes`.
        fn downtime_of(&self, down: &str, total: &str) -> String;
        /// `Tier 1: Less than 99.99% but …`.
        fn tier(&self, number: usize, text: &str) -> String;
        fn credit_amount(&self, share: &str, amount: &str) -> String;
        fn credit_capped(&self, share: &str, payable: &str, raw: &str) -> String;
        fn credit_below_minimum(&self, share: &str, raw: &str) -> String;
        fn credit_without_bill(&self, share: &str) -> String;
        /// `51 days left`, `⚠ today is the last day`, `✗ passed 3 days ago`.
        fn days_left(&self, days: i64) -> String;
        fn records_counted(&self, counted: &Count, left_out: &Count) -> String;
        fn why_summary(&self, name: &str, uptime: &str, credit: &str) -> String;
        fn records_caption(&self, name: &str, counted: &Count, left_out: &Count) -> String;
        /// `#3 (line 4)`; `#3` without a line.
        fn record_number(&self, number: usize, line: usize) -> String;
        fn claim_due(&self, credit: &str, deadline: &str, left: &str) -> String;
        fn claim_not_due(&self, credit: &str) -> String;
    }
}

group! {
    /// A target's status in words (the symbol beside them is not a text):
    /// the workbench's report and the embed page both show them.
    Statuses, StatusesMessages {
        texts {
            met,
            missed,
            below_minimum,
            excluded,
            no_data,
        }
    }
}

group! {
    /// The workbench's report: the summary, the targets table and each
    /// target's explanation, the credits and rights of each agreement, the
    /// charts (the error budget burn-down among them) and the what-if
    /// control. The explanations themselves are the engine's.
    Report, ReportMessages {
        texts {
            show_period,
            all_periods,
            alignment_warnings,
            /// The heading of the source systems' own ticket verdicts.
            verdicts_heading,
            targets_title,
            targets_region,
            targets_caption,
            col_target,
            col_period,
            col_achieved,
            col_expected,
            col_status,
            col_margin,
            col_budget_left,
            col_next_tier,
            col_credit,
            /// The button that opens a target's explanation.
            why,
            /// After a credit that earn-back took back.
            earned_back,
            not_counted_prefix,
            by_supplier_prefix,
            error_budget_prefix,
            col_charges,
            col_at_risk,
            col_before_caps,
            col_period_cap,
            col_paid,
            col_earned_back,
            col_net,
            /// After a period cap that was reached.
            at_cap,
            how_totals,
            termination_rights,
            triggered_prefix,
            not_triggered_prefix,
            charts_title,
            burn_pick_period,
            trends_hint,
            /// A trend point without a value.
            no_data,
            what_if,
            what_if_hint,
            extra_downtime_on,
            choose_service,
            minutes,
            minutes_exact,
            breached_priority,
            any_priority,
            breached_tickets,
            reset_what_if,
            /// The key figures' list, for screen readers.
            kpi_label,
            kpi_targets,
            kpi_credits,
            kpi_budget,
            kpi_risk,
            kpi_all_met,
            kpi_none,
            kpi_triggered,
            kpi_no_budget,
            kpi_no_rights,
            kpi_no_targets,
            /// The report of a workspace without targets: what to do next.
            no_targets_yet,
        }
        /// `2026-03: 4 targets · 3 met · …`; `terminations` counts the
        /// termination rights triggered.
        fn summary(&self, period: &str, summary: &ReportSummary) -> String;
        fn meta(&self, name: &str, span: &str, currency: &str, zone: &str) -> String;
        /// `SLA bank-msa · availability`, and that the target is critical.
        fn target_meta(&self, kind: &str, agreement: &str, metric: &str, critical: bool) -> String;
        fn why_label(&self, target: &str, period: &str) -> String;
        /// An error budget cell: `12m left of 43m`.
        fn budget_left(&self, left: &str, allowed: &str) -> String;
        /// After a credit that a cap or the pool cut: ` (paid 120.00)`.
        fn paid(&self, paid: &str) -> String;
        fn provenance(&self, provenance: &str, start: &str, end: &str, services: &str) -> String;
        fn supplier_share(&self, supplier: &str, downtime: &str, credit: &str) -> String;
        fn budget_line(&self, allowed: &str, used: &str, left: &str, burn_rate: Option<&str>) -> String;
        fn skipped_records(&self, records: &Count) -> String;
        fn group_heading(&self, agreement: &str) -> String;
        fn monthly_charge(&self, amount: &str) -> String;
        fn credits_region(&self, agreement: &str) -> String;
        fn credits_caption(&self, agreement: &str, currency: &str) -> String;
        /// After a termination rule: ` (periods 2026-02, 2026-03)`.
        fn in_periods(&self, periods: &str) -> String;
        fn burn_hint(&self, most: usize) -> String;
        /// A burn-down chart's target: `Core availability (SLA bank-msa)`.
        fn burn_target(&self, name: &str, qualifier: &str) -> String;
        /// A burn-down chart's title.
        fn burn_title(&self, target: &str, period: &str) -> String;
        fn no_downtime_allowed(&self, title: &str, note: &str) -> String;
        /// Under a burn-down chart; `steps`: the outages that took from the
        /// budget.
        fn burn_note(&self, allowed: &str, period: &str, left: &str, steps: &Count) -> String;
        fn credits_chart(&self, currency: &str) -> String;
        fn trend_title(&self, name: &str) -> String;
        fn expected(&self, value: &str) -> String;
        fn minimum(&self, value: &str) -> String;
        /// `downtime`: minutes and service; `tickets`: number and priority
        /// (empty for any).
        fn what_if_on(&self, downtime: Option<(&Count, &str)>, tickets: Option<(&Count, &str)>) -> String;
        /// A key figure's `2 of 3`.
        fn kpi_count(&self, part: &Count, whole: &Count) -> String;
        fn kpi_missed(&self, missed: &Count, below_minimum: &Count) -> String;
        fn kpi_no_data(&self, targets: &Count) -> String;
        fn kpi_credits_note(&self, before_caps: &str, net: &str) -> String;
        /// The least error budget's share left of what it allows, and its
        /// target and period.
        fn kpi_budget_note(&self, target: &str, period: &str, share: &str, allowed: &str) -> String;
        /// A termination right and where it stands.
        fn kpi_right(&self, rule: &str, standing: &str) -> String;
    }
}

group! {
    /// The workbench's frame: the workspace toolbar (workspaces, templates,
    /// files, share link, autosave), its messages, the views' tabs, the
    /// problem list and the report's preconditions; the storage's messages
    /// (`state::workbench::store`).
    Workbench, WorkbenchMessages {
        texts {
            toolbar_label,
            /// The menu of workspace management (rename, new, files, share, print, delete).
            workspace_menu,
            /// The template cards beside the report on a first visit.
            templates_title,
            templates_hint,
            hide_templates,
            workspace,
            name,
            span_label,
            span_hint,
            undo,
            redo,
            new_from,
            blank_template,
            create,
            export_json,
            open_file,
            openslo_toggle,
            share_link,
            results_csv,
            print,
            confirm_deletion,
            delete,
            keep,
            delete_workspace,
            share_url_label,
            views_label,
            tab_agreements,
            tab_measurements,
            tab_report,
            tab_plan,
            /// Where the Plan view's simulator goes while its module loads.
            loading_simulator,
            no_problems,
            problem_list,
            /// Where a problem without a path is.
            the_file,
            saved,
            saving,
            leave_unsaved,
            /// A template's files are being fetched.
            template_opening,
            workspace_gone,
            zone_unknown,
            storage_blocked,
            /// A stored workspace whose parts do not match its record.
            stored_damaged,
            /// A stored workspace written by a newer version of the app.
            stored_newer,
            loading_editor,
            history_cut,
        }
        fn agreements_have_problems(&self, problems: &Count) -> String;
        fn zone_not_known(&self, zone: &str) -> String;
        fn span_unreadable(&self, span: &str, problem: &str) -> String;
        fn span_too_long(&self, span: &str, months: i64, most: i64) -> String;
        /// `2026-03-31 23:59 (Europe/Berlin)`: a date and time as written,
        /// and the zone.
        fn at_in_zone(&self, at: &str, zone: &str) -> String;
        fn evaluated(&self, at: &str) -> String;
        fn last_unreadable(&self, problem: &str) -> String;
        fn editor_not_loaded(&self, problem: &str) -> String;
        /// The Plan view's simulator module could not load.
        fn simulator_not_loaded(&self, problem: &str) -> String;
        fn not_carried(&self, problem: &str) -> String;
        fn history_not_carried(&self, problem: &str) -> String;
        fn not_saved(&self, problem: &str) -> String;
        fn shared_opened(&self, name: &str) -> String;
        fn share_not_opened(&self, problem: &str) -> String;
        fn workspace_unreadable(&self, problem: &str) -> String;
        fn created(&self, name: &str) -> String;
        /// A template's files could not be fetched or read.
        fn template_not_loaded(&self, problem: &str) -> String;
        fn deleted(&self, name: &str) -> String;
        fn file_too_large(&self, file: &str, megabytes: usize) -> String;
        fn file_not_text(&self, file: &str) -> String;
        fn file_unreadable(&self, file: &str, problem: &str) -> String;
        fn measurements_replaced(&self, file: &str, records: &Count) -> String;
        fn opened_as(&self, file: &str, name: &str) -> String;
        fn not_opened(&self, file: &str, problem: &str) -> String;
        fn share_chars(&self, chars: &Count) -> String;
        fn confirm_delete(&self, name: &str) -> String;
        fn problem_summary(&self, problems: &Count, warnings: &Count) -> String;
        fn error_at(&self, at: &str, message: &str) -> String;
        fn warning_at(&self, at: &str, message: &str) -> String;
        fn autosave_failed(&self, megabytes: &str) -> String;
        fn unreadable_workspace(&self, id: &str) -> String;
        /// `problem`: the browser's words (`QuotaExceededError: …`).
        fn storage_refused(&self, problem: &str) -> String;
        /// Workspaces of `localStorage` that could not move to IndexedDB.
        fn not_moved(&self, problem: &str) -> String;
        fn not_deleted(&self, name: &str, problem: &str) -> String;
    }
}

group! {
    /// Why a workspace share link could not be made or opened
    /// (`browser::share::ShareError`), written for the person holding the
    /// link: what to do next. Sizes are written by the caller.
    Share, ShareMessages {
        texts {
            cut_short,
            not_compressed,
            not_text,
            unsupported,
            compression_failed,
        }
        fn too_large(&self, chars: &str, limit: &str) -> String;
        fn workspace_too_large(&self, size: &str, limit: &str) -> String;
        /// `prefix`: what a share link holds after its `#` (`workspace=`).
        fn not_a_share_link(&self, prefix: &str) -> String;
        fn empty(&self, prefix: &str) -> String;
        fn bad_character(&self, position: usize, character: char) -> String;
        fn newer_format(&self, format: char) -> String;
        fn workspace_in_link_too_large(&self, limit: &str) -> String;
    }
}

group! {
    /// The workbench's measurements view: the outage, ticket, manual value,
    /// event and sample tables (their columns, a cell's problems, a row's
    /// warnings, paging), the measurements' time zone, the outage timeline
    /// and the heading of the importer under them. `table` picks the
    /// record's kind; the engine's own messages (a timestamp or level that
    /// does not read, why an outage does not count) are passed in as they
    /// are.
    Measurements, MeasurementsMessages {
        texts {
            zone_label,
            col_row,
            col_notes,
            col_delete,
            delete,
            discard,
            previous,
            next,
            /// The row header of the row being filled in.
            new_row,
            no_rows,
            col_service,
            col_start,
            col_end,
            col_impact,
            col_planned,
            col_supplier,
            col_cause,
            col_id,
            col_priority,
            col_opened,
            col_first_response,
            col_resolved,
            col_pauses,
            col_target,
            col_period,
            col_value,
            col_series,
            col_at,
            col_good,
            col_total,
            /// A time cell left empty.
            empty_time,
            advice_service,
            advice_ticket_id,
            advice_priority,
            advice_target,
            advice_series,
            advice_period,
            ends_before_start,
            response_before_opened,
            resolved_before_opened,
            timeline_pending,
            import_title,
            import_hint,
            /// While the import module (`workbench-import.html`) loads.
            import_loading,
            timeline_empty,
            timeline_hint,
            /// Why a drawn outage does not count, when the engine keeps it.
            outside_service_time,
            no_availability_target,
            agreements_not_valid,
            shade_off_hours,
            shade_holidays,
            shade_maintenance,
        }
        /// `Outages`, `Manual values`.
        fn title(&self, table: Table) -> &'static str;
        /// The table's caption: how its cells are written.
        fn caption(&self, table: Table) -> &'static str;
        /// `Outages (1,234)`.
        fn heading(&self, table: Table, rows: &Count) -> String;
        fn skip_table(&self, table: Table) -> String;
        fn pages_of(&self, table: Table) -> String;
        fn previous_rows(&self, table: Table, rows: usize) -> String;
        fn next_rows(&self, table: Table, rows: usize) -> String;
        /// The rows shown: `rows 201–400 of 1,234` (numbers written by the caller).
        fn rows_shown(&self, first: &str, last: &str, total: &str) -> String;
        fn scrollable(&self, table: Table) -> String;
        fn add_row(&self, table: Table) -> String;
        /// A cell's accessible name: `Outage 4 Start`.
        fn cell_label(&self, table: Table, row: usize, column: &str) -> String;
        /// A cell of the new row: `New outage Start`.
        fn new_cell_label(&self, table: Table, column: &str) -> String;
        fn delete_row(&self, table: Table, row: usize) -> String;
        fn discard_new(&self, table: Table) -> String;
        /// The required cells of the new row that do not read yet.
        fn fill_in(&self, table: Table, columns: &[&str]) -> String;
        /// A cell that does not read: the column, and why.
        fn cell_error(&self, column: &str, problem: &str) -> String;
        /// A required cell left empty; `advice` says what to write.
        fn empty(&self, advice: &str) -> String;
        fn pause_without_dots(&self, number: usize, typed: &str) -> String;
        fn pause_problem(&self, number: usize, problem: &str) -> String;
        fn not_a_period(&self, typed: &str) -> String;
        fn not_a_target(&self, typed: &str) -> String;
        fn not_a_whole_number(&self, typed: &str) -> String;
        fn unknown_service(&self, service: &str) -> String;
        /// `known`: the agreements' manual targets (the first few).
        fn unknown_manual_target(&self, target: &str, known: &[String]) -> String;
        fn reopened(&self, times: &Count) -> String;
        fn more_good_than_total(&self, good: &str, total: &str) -> String;
        fn zone_hint(&self, zone: &str) -> String;
        fn zone_error(&self, problem: &str) -> String;
        fn zone_not_known(&self, typed: &str) -> String;
        /// The import module could not load (`why`: the browser's
        /// message), and how to import without it.
        fn import_unavailable(&self, why: &str) -> String;
        /// An import the module handed back could not be read (`problem`).
        fn import_unreadable(&self, problem: &str) -> String;
        fn timeline_heading(&self, span: &str) -> String;
        fn timeline_title(&self, span: &str) -> String;
        /// The span cannot be read (`problem` is the engine's).
        fn span_unreadable(&self, span: &str, problem: &str) -> String;
        fn span_out_of_range(&self, span: &str) -> String;
        fn span_empty(&self, span: &str) -> String;
        /// `problem`: one of the three messages above.
        fn no_timeline(&self, problem: &str) -> String;
        /// A timeline row without a calendar: `why` says why.
        fn row_not_shaded(&self, service: &str, why: &str) -> String;
        /// The calendar a row is shaded with: its hours and zone.
        fn calendar(&self, id: &str, hours: &str, zone: &str) -> String;
        fn calendar_not_found(&self, id: &str, zone: &str) -> String;
        fn always(&self, zone: &str) -> String;
        /// What a timeline row shows; `left_out`: what is not shaded.
        fn row_shaded(&self, service: &str, calendar: &str, target: &str, left_out: &[&str]) -> String;
        fn services_not_drawn(&self, services: &Count) -> String;
        fn outages_not_drawn(&self, outages: &Count, most: usize) -> String;
        /// An outage on the timeline; `not_counted`: why it does not count.
        fn outage_mark(&self, number: usize, start: &str, end: &str, length: &str, not_counted: Option<&str>) -> String;
    }
}

group! {
    /// Why a file could not be opened as a workspace
    /// (`state::workbench::workspace::OpenError`), and the name of a workspace made
    /// from an agreement file without one. The messages name the file's
    /// JSON keys and `format` values as `docs/format.md` writes them
    /// (`version`, `agreements.services`, `sla-workspace`): a translation
    /// keeps them as they are. serde's and the engine's own messages are
    /// passed in as they are.
    WorkspaceFile, WorkspaceFileMessages {
        texts {
            /// The name of a workspace opened from an agreement file
            /// without a `name`.
            imported_name,
            not_an_object,
            /// A measurement file opened with no workspace to join.
            nothing_to_join,
        }
        fn not_json(&self, line: usize, column: usize, problem: &str) -> String;
        /// `version`: what this app writes.
        fn no_version(&self, version: u32) -> String;
        fn newer_version(&self, saved: u64, reads: u32) -> String;
        /// The three `format`s the app opens.
        fn no_format(&self, workspace: &str, agreements: &str, measurements: &str) -> String;
        fn unknown_format(&self, format: &str) -> String;
        /// `fields`: the keys a workspace file has.
        fn unknown_field(&self, key: &str, fields: &[&str]) -> String;
        /// `found`: the value as JSON.
        fn not_a_text(&self, key: &str, found: &str) -> String;
        fn missing(&self, key: &str) -> String;
        /// The agreements' `format` is not `format`.
        fn not_agreements(&self, format: &str) -> String;
        /// `key`: `agreements.services`.
        fn not_a_list(&self, key: &str) -> String;
    }
}

group! {
    /// The workbench's templates: each one's title (the template list, and
    /// the name of a workspace made from it) and description
    /// (`src/templates.rs`), and the name of a blank workspace.
    Templates, TemplatesMessages {
        texts {
            cloud_sla,
            cloud_sla_description,
            service_desk,
            service_desk_description,
            outsourcing,
            outsourcing_description,
            multi_level,
            multi_level_description,
            multi_supplier,
            multi_supplier_description,
            service_based,
            service_based_description,
            customer_based,
            customer_based_description,
            /// The name of a workspace made from the blank template.
            blank_name,
        }
    }
}

group! {
    /// The contract simulator in the workbench's Plan view (`src/simulator.rs`).
    Simulator, SimulatorMessages {
        texts {
            heading,
            intro,
            run_legend,
            start_label,
            start_hint,
            years_label,
            years_hint,
            seed_label,
            seed_hint,
            models_legend,
            models_hint,
            no_services,
            service,
            mtbf,
            mttr,
            model_unavailability,
            run,
            cancel,
            progress_label,
            worker_stopped,
            targets_heading,
            target,
            level,
            periods,
            yearly_availability,
            percentiles,
            missed_per_year,
            any_missed,
            agreements_heading,
            agreement,
            credits_mean,
            no_credit,
            rights,
            no_rights,
            histogram_of,
            bin_from,
            years_in_bin,
            model_note,
            download_csv,
            history_label,
            history_hint,
            fit,
            fitting,
        }
        fn agreements_invalid(&self, why: &str) -> String;
        /// The models of `services` services were fitted from the history.
        fn fitted(&self, services: &Count, history: &str) -> String;
        fn fitted_service(&self, service: &str, outages: &Count, mtbf: &str, mttr: &str) -> String;
        fn not_fitted(&self, service: &str, why: &str) -> String;
        fn fit_failed(&self, why: &str) -> String;
        fn start_invalid(&self, text: &str) -> String;
        fn years_invalid(&self, text: &str) -> String;
        fn seed_invalid(&self, text: &str) -> String;
        fn span_invalid(&self, text: &str, why: &str) -> String;
        fn span_not_positive(&self, text: &str) -> String;
        fn mtbf_of(&self, service: &str) -> String;
        fn mttr_of(&self, service: &str) -> String;
        fn progress(&self, done: &Count, years: &Count) -> String;
        /// The status line while a run goes on (the bar says how far).
        fn running(&self, years: &Count) -> String;
        fn cancelled(&self, done: &Count, years: &Count) -> String;
        /// The view was left while a run went on.
        fn left(&self, done: &Count, years: &Count) -> String;
        fn failed(&self, why: &str) -> String;
        fn done(&self, years: &Count, seed: &str) -> String;
        fn group_not_simulated(&self, targets: &str) -> String;
        fn not_simulated(&self, targets: &Count) -> String;
        fn histogram_availability(&self, target: &str) -> String;
        fn histogram_credits(&self, agreement: &str) -> String;
        fn histogram_availability_title(&self, target: &str) -> String;
        fn histogram_credits_title(&self, agreement: &str, currency: &str) -> String;
    }
}

group! {
    /// Requirements against capability in the workbench's Plan view (`src/requirements.rs`).
    Requirements, RequirementsMessages {
        texts {
            heading,
            intro,
            target,
            expected,
            within,
            note,
            remove,
            add,
            no_sla_targets,
            dependencies_label,
            dependencies_hint,
            nothing_supports,
            nothing_supports_time,
            would_close,
            exposure_heading,
            exposure_intro,
            exposing,
            period,
            pays,
            recovers,
            left,
            from,
            method_note,
        }
        /// A control of a requirement's row, named with the row and service.
        fn of_row(&self, control: &str, n: usize, service: &str) -> String;
        fn requirements_caption(&self, service: &str) -> String;
        fn level_invalid(&self, text: &str, why: &str) -> String;
        fn time_invalid(&self, text: &str, why: &str) -> String;
        fn check_head(&self, target: &str, expected: &str, within: &str, promised: &str) -> String;
        fn supplied(&self, value: &str, basis: &str) -> String;
        fn gap(&self, points: &str, met: bool) -> String;
        fn time_support(&self, target: &str, share: &str, within: &str, covers: bool) -> String;
        fn not_compared(&self, why: &str) -> String;
        fn exposure_run(&self, span: &str) -> String;
        fn exposed(&self, slas: usize, span: &str) -> String;
        fn exposure_failed(&self, why: &str) -> String;
        fn exposure_caption(&self, sla: &str, ucs: &str) -> String;
    }
}

group! {
    /// The target advisor in the workbench's Plan view (`src/advisor.rs`).
    Advisor, AdvisorMessages {
        texts {
            heading,
            intro,
            legend,
            history_label,
            history_hint,
            k_label,
            k_hint,
            n_label,
            n_hint,
            limit_hint,
            run,
            cancel,
            running,
            cancelled,
            left,
            progress_label,
            summary_heading,
            summary_hint,
            target,
            current,
            met_at_current,
            worst_margin,
            under_head,
            no_level_within,
            none,
            candidates_of,
            candidate,
            met,
            worst_period,
            budget_used,
            credits,
            agreements_own,
            level_axis,
            time_axis,
            nothing_advised,
            assumptions_heading,
            method_note,
            download_csv,
        }
        fn agreements_invalid(&self, why: &str) -> String;
        fn history_invalid(&self, text: &str, why: &str) -> String;
        fn k_invalid(&self, text: &str) -> String;
        fn n_invalid(&self, text: &str) -> String;
        fn limit_invalid(&self, text: &str, why: &str) -> String;
        fn limit_negative(&self, text: &str) -> String;
        fn limit_label(&self, currency: &str) -> String;
        fn failed(&self, why: &str) -> String;
        fn done(&self, targets: &Count, history: &str) -> String;
        fn progress(&self, done: &Count) -> String;
        fn met_of(&self, met: &Count, periods: &Count) -> String;
        fn left_out(&self, periods: &Count) -> String;
        fn k_of_n_head(&self, k: usize, n: usize) -> String;
        fn under_limit_head(&self, limit: &str) -> String;
        fn not_advised(&self, targets: &Count) -> String;
        fn candidates_caption(&self, key: &str, name: &str) -> String;
        /// No level is met in k of n: fewer than k periods were counted.
        fn too_few(&self, counted: &Count) -> String;
        fn met_chart(&self, key: &str) -> String;
        fn credits_chart(&self, key: &str, currency: &str) -> String;
    }
}

/// A language the app is written in. Each method gives one group of its
/// texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
}

/// The languages the app can show, with their tags: lowercase BCP 47, with
/// a region (`pt-br`) only when the regions need different words. The
/// fallback, English, first.
pub const LANGUAGES: &[(&str, Language)] = &[("en", Language::English)];

impl Language {
    /// Its tag in [`LANGUAGES`].
    pub fn tag(self) -> &'static str {
        LANGUAGES
            .iter()
            .find(|(_, l)| *l == self)
            .map_or("en", |(tag, _)| tag)
    }

    pub fn common(self) -> &'static Common {
        match self {
            Language::English => &en::COMMON,
        }
    }

    pub fn quick(self) -> &'static Quick {
        match self {
            Language::English => &en::QUICK,
        }
    }

    pub fn link(self) -> &'static Link {
        match self {
            Language::English => &en::LINK,
        }
    }

    pub fn import(self) -> &'static Import {
        match self {
            Language::English => &en::IMPORT,
        }
    }

    pub fn status_import(self) -> &'static StatusImport {
        match self {
            Language::English => &en::STATUS_IMPORT,
        }
    }

    pub fn charts(self) -> &'static Charts {
        match self {
            Language::English => &en::CHARTS,
        }
    }

    pub fn structure(self) -> &'static Structure {
        match self {
            Language::English => &en::STRUCTURE,
        }
    }

    pub fn interop(self) -> &'static Interop {
        match self {
            Language::English => &en::INTEROP,
        }
    }

    pub fn site(self) -> &'static Site {
        match self {
            Language::English => &en::SITE,
        }
    }

    pub fn compare(self) -> &'static Compare {
        match self {
            Language::English => &en::COMPARE,
        }
    }

    pub fn embed(self) -> &'static Embed {
        match self {
            Language::English => &en::EMBED,
        }
    }

    pub fn statuses(self) -> &'static Statuses {
        match self {
            Language::English => &en::STATUSES,
        }
    }

    pub fn report(self) -> &'static Report {
        match self {
            Language::English => &en::REPORT,
        }
    }

    pub fn workbench(self) -> &'static Workbench {
        match self {
            Language::English => &en::WORKBENCH,
        }
    }

    pub fn share(self) -> &'static Share {
        match self {
            Language::English => &en::SHARE,
        }
    }

    pub fn measurements(self) -> &'static Measurements {
        match self {
            Language::English => &en::MEASUREMENTS,
        }
    }

    pub fn workspace_file(self) -> &'static WorkspaceFile {
        match self {
            Language::English => &en::WORKSPACE_FILE,
        }
    }

    pub fn requirements(self) -> &'static Requirements {
        match self {
            Language::English => &en::REQUIREMENTS,
        }
    }

    pub fn advisor(self) -> &'static Advisor {
        match self {
            Language::English => &en::ADVISOR,
        }
    }

    pub fn simulator(self) -> &'static Simulator {
        match self {
            Language::English => &en::SIMULATOR,
        }
    }

    pub fn templates(self) -> &'static Templates {
        match self {
            Language::English => &en::TEMPLATES,
        }
    }
}

/// Picks among `available` (tag, language) pairs for a page: the page's own
/// `<html lang>` when it is available (the page's author chose it, and what
/// screen readers are told the page is in then matches), else the first of
/// the reader's languages (`navigator.languages`, most preferred first) that
/// is available; `None` when none is. A tag matches the same tag or, failing
/// that, the same primary subtag (`de-AT` → `de`), ignoring case.
pub fn choose<T: Copy>(
    page: Option<&str>,
    reader: &[String],
    available: &[(&str, T)],
) -> Option<T> {
    let find = |tag: &str| -> Option<T> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let primary = tag.split('-').next().unwrap_or_default();
        available
            .iter()
            .find(|(t, _)| *t == tag)
            .or_else(|| available.iter().find(|(t, _)| *t == primary))
            .map(|(_, language)| *language)
    };
    page.into_iter()
        .chain(reader.iter().map(String::as_str))
        .find_map(find)
}

thread_local! {
    /// Chosen once, at the first text asked for; English when the page and
    /// the reader name no language the app has.
    static CHOSEN: Language = choose(
        page_language().as_deref(),
        &reader_languages(),
        LANGUAGES,
    )
    .unwrap_or(Language::English);
}

/// The language the app is shown in: `texts().quick().add_component`.
pub fn texts() -> Language {
    CHOSEN.with(|l| *l)
}

/// The `lang` attribute of the page's `<html>`.
#[cfg(target_arch = "wasm32")]
fn page_language() -> Option<String> {
    web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute("lang")
        .filter(|l| !l.trim().is_empty())
}

/// The reader's languages, most preferred first.
#[cfg(target_arch = "wasm32")]
fn reader_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|l| l.as_string())
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
fn page_language() -> Option<String> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
fn reader_languages() -> Vec<String> {
    Vec::new()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
