//! Owns what every crate's tests share, so each test file says only what it tests: waiting
//! for a condition (`wait`), the demo portal with a session signed in to it (`demo`), and an
//! app core over a private folder beside a running demo (`world`), and an update server with
//! throwaway signing keys (`update_server`).

pub mod child;
pub mod demo;
pub mod update_server;
pub mod wait;
pub mod world;
