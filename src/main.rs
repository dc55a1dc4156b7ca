fn main() {
    sla_app::start();
}
