// Hides the console window of a release build on Windows; no effect elsewhere.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    jitops_billing::run();
}
