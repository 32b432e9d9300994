//! The sample shop of the payments SDK workspace.
//!
//! `cargo run -p payments-demo` starts offline sandboxes of NoPayn, ECommPay, EPoint and Online
//! Payments plus the shop on loopback, buys through every provider (one paid, one declined card)
//! over real HTTP, prints a table and exits 0 only if every flow ended as expected.
//!
//! `cargo run -p payments-demo -- serve [--port 8080]` keeps the shop open for a browser.

mod env;
mod providers;
mod script;
mod shop;
#[cfg(test)]
mod tests;

use std::process::ExitCode;

const USAGE: &str = "usage: payments-demo [serve [--port PORT]]\n\n\
  (no arguments)  run a scripted purchase through every provider and exit\n\
  serve           keep the shop at http://127.0.0.1:8080 (or --port) for a browser";

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        None => script::run().await,
        Some("serve") => match parse_port(args.get(1..).unwrap_or(&[])) {
            Ok(port) => serve(port).await,
            Err(e) => Err(e),
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown argument {other:?}\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("payments-demo: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_port(args: &[String]) -> Result<u16, String> {
    match args {
        [] => Ok(8080),
        [flag, value] if flag == "--port" => {
            value.parse().map_err(|_| format!("invalid port {value:?}"))
        }
        _ => Err(format!("unexpected arguments {args:?}\n{USAGE}")),
    }
}

async fn serve(port: u16) -> Result<(), String> {
    let env = env::Environment::start(port).await?;
    println!("{:<25}{}", "Demo shop:", env.shop.base_url());
    for (name, url) in env.sandbox_urls() {
        println!("{name:<25}{url}");
    }
    println!(
        "Test cards: 4111 1111 1111 1111 (paid), 4111 1111 1111 1105 (declined), 4111 1111 1111 1151 (insufficient funds)"
    );
    println!("Press Ctrl-C to stop.");
    tokio::signal::ctrl_c()
        .await
        .map_err(|e| format!("waiting for Ctrl-C: {e}"))?;
    env.shutdown().await;
    Ok(())
}
