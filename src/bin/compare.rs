//! The "Compare vendor SLAs" page (`compare.html`): one outage log, several
//! vendors' SLA presets side by side, and the claim helper.

fn main() {
    sla_app::start_compare();
}
