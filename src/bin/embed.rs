//! The embed page (`embed.html`): a compact calculator in a vendor's iframe.

fn main() {
    sla_app::start_embed();
}
