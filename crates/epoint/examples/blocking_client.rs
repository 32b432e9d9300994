//! The blocking client (feature `blocking`): the README's blocking example.
//!
//! ```sh
//! EPOINT_PUBLIC_KEY=... EPOINT_PRIVATE_KEY=... cargo run -p epoint-az --features blocking --example blocking_client
//! ```

use std::str::FromStr;

use epoint::blocking::EPointClient;
use epoint::{Config, Decimal, PayRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = EPointClient::new(Config::from_env()?)?;

    let request = PayRequest::new(Decimal::from_str("10.50")?, "AZN", "order-1");
    let response = client.pay(&request)?;
    println!(
        "ok: {}, redirect: {:?}",
        response.ok, response.body.redirect_url
    );

    if let Some(transaction) = response.body.transaction {
        let status = client.get_transaction_status(&transaction)?;
        println!("{transaction} is {}", status.body.status);
    }
    Ok(())
}
