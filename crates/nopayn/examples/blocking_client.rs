//! The blocking client (feature `blocking`): the README's blocking example.
//!
//! ```sh
//! cargo run -p nopayn --features blocking --example blocking_client
//! ```

use nopayn::CreateOrderRequest;
use nopayn::blocking::NoPaynClient;

fn main() -> Result<(), nopayn::Error> {
    let client = NoPaynClient::new("your-api-key", "your-project")?;
    let request = CreateOrderRequest::new(1295, "EUR")
        .merchant_order_id("ORDER-001")
        .return_url("https://shop.example.com/success");
    let result = client.generate_payment_url(&request)?;
    println!("send the customer to {:?}", result.order_url);

    let order = client.get_order(&result.order_id)?;
    println!("order {} is {}", order.id, order.status);
    Ok(())
}
